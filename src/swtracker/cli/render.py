"""Rendering for the terminal: Rich tables, notes and errors, and JSON printing (its shapes are in
cli.json_shapes). Only cli/ uses it."""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime, tzinfo
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.text import Span, Text

from swtracker.cli.tables import Col, FittedTable
from swtracker.cli.wording import plural
from swtracker.domain.days import DaysRule, describe_days
from swtracker.domain.frequency import format_frequency
from swtracker.domain.instants import to_zone
from swtracker.domain.windows import Occurrence, format_hhmm, occurrence_on

if TYPE_CHECKING:
    from swtracker.services.catalog import StationSchedule
    from swtracker.services.onair import ScheduledItem
    from swtracker.store.entries import EntryView

_stderr: Console | None = None


_LINE_BREAKS = re.compile(r"\s*[\r\n]+\s*")


def stderr() -> Console:
    global _stderr
    if _stderr is None:
        # No markup: messages quote user input and file lines, and "[0426]" must print as written.
        _stderr = Console(stderr=True, highlight=False, soft_wrap=True, markup=False)
    return _stderr


def stdout() -> Console:
    return Console(highlight=False, markup=False)


def error_line(message: str) -> None:
    """One line, whatever the message holds: drivers' errors (psycopg's) come with line breaks and tabs."""
    stderr().print(Text.assemble(("Error: ", "bold red"), _LINE_BREAKS.sub(" ", message.strip())))


def note(message: str) -> None:
    stderr().print(Text.assemble(("Note: ", "yellow"), message))


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def local_window(occurrence: Occurrence, zone: tzinfo, *, weekday: bool = True) -> str:
    """An occurrence in a zone: `Thu 05:00–06:00`, `23:00–09:00+1` past local midnight. Without the weekday
    (schedule listings) the UTC offset follows instead of the zone's abbreviation: tzdata says KST for both
    of Pyongyang's offsets."""
    start, end = to_zone(occurrence.start, zone), to_zone(occurrence.end, zone)
    suffix = "" if end.date() == start.date() else f"+{(end.date() - start.date()).days}"
    if weekday:
        return f"{start:%a %H:%M}–{end:%H:%M}{suffix}"
    if start.utcoffset() != end.utcoffset():  # the clocks change during the broadcast
        return f"{start:%H:%M} {_offset(start)}–{end:%H:%M}{suffix} {_offset(end)}"
    return f"{start:%H:%M}–{end:%H:%M}{suffix} {_offset(start)}"


def _offset(local: datetime) -> str:
    """`+09`, `+08:30`, `-05`."""
    offset = local.strftime("%z")
    return offset[:3] if offset.endswith("00") else f"{offset[:3]}:{offset[3:]}"


def local_day(validity: tuple[date, date], today: date) -> date:
    """The day whose local times a schedule shows: today when the entry is valid today, else its nearest valid
    day. Local times move with daylight saving, so one day is shown and named."""
    first, last = validity
    return min(max(today, first), last)


def utc_window(start_min: int, end_min: int) -> str:
    return f"{format_hhmm(start_min)}–{format_hhmm(end_min)}" + ("+1" if end_min < start_min else "")


def _details(view: EntryView, *lead: str, others: Sequence[EntryView] = ()) -> str:
    """An entry's details: (lead,) language -> target, site, and where it comes from (with the other sources
    that list the same airing)."""
    entry = view.entry
    route = " → ".join(part for part in (entry.language, entry.target) if part)
    where = " + ".join(f"{v.source}:{v.entry.line}" for v in (view, *others))
    return " · ".join(part for part in (*lead, route, entry.site, where) if part)


def _zone_column(zone: tzinfo) -> str:
    """`Seoul` for Asia/Seoul."""
    return str(zone).rsplit("/", 1)[-1]


def days_text(view: EntryView) -> str:
    """The Days column: `daily`, `Mon–Fri`, `1st Sat`, irregular words as written (JSON keeps the raw text)."""
    return describe_days(view.days_rule)


def _time_columns(zone: tzinfo | None, *, starts: bool = False) -> list[Col]:
    """kHz and the UTC window stay (key columns); the local window and the days fold under the station."""
    columns = [Col("kHz", justify="right", wrap=False, key=True)]
    if starts:
        columns.append(Col("Starts", wrap=False, key=True))
    columns.append(Col("UTC", wrap=False, key=True))
    if zone is not None:
        columns.append(Col(_zone_column(zone), wrap=False, priority=2, fold=True))
    columns.append(Col("Days", priority=1, fold=True, label="", min_width=7))
    return columns


def items_table(
    items: Sequence[ScheduledItem], zone: tzinfo | None, *, title: str, starts: bool = False
) -> FittedTable:
    """Times and days in their own columns; the station with its details (language → target · site ·
    source:line) on a second line. At 80 columns the local times and days fold under the station."""
    table = FittedTable(title, [*_time_columns(zone, starts=starts), Col("Station", key=True, min_width=20)])
    days_texts: dict[DaysRule, str] = {}  # a season's listing has a few dozen rules for 1,600 rows
    for item in items:
        entry = item.view.entry
        station, style = _station_cell(item)
        row: list[str | Text] = [format_frequency(entry.frequency_khz)]
        if starts:
            row.append(f"{item.occurrence.start:%a %H:%M}")
        row.append(utc_window(entry.start_min, entry.end_min))
        if zone is not None:
            row.append(local_window(item.occurrence, zone))
        rule = item.view.days_rule
        days = days_texts.get(rule)
        if days is None:
            days = days_texts[rule] = describe_days(rule)
        row += [days, station]
        table.add_row(*row, style=style)
    return table


def _station_cell(item: ScheduledItem) -> tuple[Text, str]:
    """A listing's Station cell (the name, what marks it, its details on a second line) and its row's style."""
    entry = item.view.entry
    stale = (f" ({item.not_heard_since})", "yellow") if item.not_heard_since else ("", "")
    details = ("\n" + _details(item.view, others=item.views[1:]), "dim")
    if entry.kind == "jammer":
        return _assembled(("JAMMER ", "bold red"), (entry.station_name, "bold"), stale, details), "red"
    jammed = (" (jammer on channel)", "red") if item.jammed else ("", "")
    return _assembled((entry.station_name, ""), jammed, stale, details, style="bold"), ""


def _assembled(*parts: tuple[str, str], style: str = "") -> Text:
    """Text.assemble(*parts, style=style) made in one go (a listing makes one for each of its rows)."""
    plain = "".join(text for text, _ in parts)
    if not plain.replace("\n", "").isprintable():  # control codes, which Text strips part by part
        return Text.assemble(*parts, style=style)
    spans = []
    offset = 0
    for text, part_style in parts:
        end = offset + len(text)
        if part_style and end > offset:
            spans.append(Span(offset, end, part_style))
        offset = end
    return Text(plain, style=style, spans=spans)


def when(instant: datetime, zone: tzinfo | None) -> str:
    text = f"{instant:%Y-%m-%d %H:%M} UTC"
    if zone is not None:
        local = to_zone(instant, zone)
        text += f" ({local:%Y-%m-%d %H:%M} {local.tzname()}, {zone})"
    return text


def _with_aliases(name: str, aliases: Sequence[str]) -> str:
    others = [alias for alias in aliases if alias != name]
    return f"{name} ({', '.join(others)})" if others else name


def schedule_table(result: StationSchedule, zone: tzinfo | None, today: date) -> FittedTable:
    """Validity, times and days in their own columns; language → target, site and source in the last. Inactive
    entries (EiBi P=8, other season) are dimmed, as are entries that start after their station closed (listed
    with --all). Local times are today's, or (marked with the date) those of the nearest day the entry is
    valid."""
    names = "; ".join(_with_aliases(s.name, s.aliases) for s in result.stations)
    columns = [Col("Valid", min_width=12, key=True), *_time_columns(zone)]
    table = FittedTable(
        f"{names}: {plural(len(result.entries), 'entry')}",
        [*columns, Col("Language → target · site · source", short="Details", key=True, main=True, min_width=20)],
    )
    for view in result.entries:
        entry = view.entry
        first, last = view.validity
        kind = Text("JAMMER ", style="bold red") if entry.kind == "jammer" else Text("")
        row: list[str | Text] = [
            f"{first} → {last}",
            format_frequency(entry.frequency_khz),
            Text.assemble(kind, utc_window(entry.start_min, entry.end_min)),
        ]
        if zone is not None:
            day = local_day(view.validity, today)
            local = local_window(occurrence_on(view.window, day), zone, weekday=False)
            row.append(local if day == today else f"{local}\non {day}")
        row += [days_text(view), Text(_details(view, others=result.sources(view)[1:]))]
        table.add_row(*row, style="" if entry.active and first <= last else "dim")
    return table


@contextmanager
def byte_progress(description: str) -> Iterator[Callable[[int, int], None]]:
    """A progress bar on stderr for long work, shown only when stderr is a terminal."""
    console = stderr()
    if not console.is_terminal:
        yield lambda done, total: None
        return
    from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn

    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        DownloadColumn(),
        TimeRemainingColumn(),
        console=console,
        transient=True,
    ) as progress:
        task = progress.add_task(description, total=None)

        def update(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        yield update
