"""Rendering for the terminal: Rich tables, notes and errors, and JSON printing (its shapes are in
cli.json_shapes). Only cli/ uses it."""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime, tzinfo
from typing import TYPE_CHECKING, Any

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from swtracker.cli.listing import Listing
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


def _listing(title: str) -> Table:
    """The table style of every listing: title on the left, a rule under the header, no outer padding."""
    return Listing(title=title, title_justify="left", header_style="bold", box=box.SIMPLE_HEAD, pad_edge=False)


def _zone_column(zone: tzinfo) -> str:
    """`Seoul` for Asia/Seoul."""
    return str(zone).rsplit("/", 1)[-1]


def items_table(items: Sequence[ScheduledItem], zone: tzinfo | None, *, title: str, starts: bool = False) -> Table:
    """Times on one line each; the station with its details (language → target · site · source:line) below
    it, so the table stays readable in 80 columns."""
    table = _listing(title)
    table.add_column("kHz", justify="right", no_wrap=True)
    if starts:
        table.add_column("Starts", no_wrap=True)
    table.add_column("UTC", no_wrap=True)
    if zone is not None:
        table.add_column(_zone_column(zone), no_wrap=True)
    table.add_column("Station", ratio=1, overflow="fold")
    for item in items:
        entry = item.view.entry
        station = Text(entry.station_name, style="bold")
        style = ""
        if entry.kind == "jammer":
            station = Text.assemble(("JAMMER ", "bold red"), (entry.station_name, "bold"))
            style = "red"
        elif item.jammed:
            station.append(" (jammer on channel)", style="red")
        if entry.days:
            station.append(f" [{entry.days}]" if entry.irregular else f" {entry.days}", style="dim")
        if item.not_heard_since:
            station.append(f" ({item.not_heard_since})", style="yellow")
        station.append("\n" + _details(item.view, others=item.views[1:]), style="dim")
        row: list[str | Text] = [format_frequency(entry.frequency_khz)]
        if starts:
            row.append(f"{item.occurrence.start:%a %H:%M}")
        row.append(utc_window(entry.start_min, entry.end_min))
        if zone is not None:
            row.append(local_window(item.occurrence, zone))
        row.append(station)
        table.add_row(*row, style=style)
    return table


def simple_table(title: str, columns: Iterable[str], rows: Iterable[Sequence[Any]]) -> Table:
    table = _listing(title)
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*(Text("" if value is None else str(value)) for value in row))
    return table


def when(instant: datetime, zone: tzinfo | None) -> str:
    text = f"{instant:%Y-%m-%d %H:%M} UTC"
    if zone is not None:
        local = to_zone(instant, zone)
        text += f" ({local:%Y-%m-%d %H:%M} {local.tzname()}, {zone})"
    return text


def _with_aliases(name: str, aliases: Sequence[str]) -> str:
    others = [alias for alias in aliases if alias != name]
    return f"{name} ({', '.join(others)})" if others else name


def schedule_table(result: StationSchedule, zone: tzinfo | None, today: date) -> Table:
    """Validity and times on one line each; days, language → target, site and source in the last column, so
    the table stays readable in 80 columns. Inactive entries (EiBi P=8, other season) are dimmed, as are
    entries that start after their station closed (listed with --all). Local times are today's, or (marked
    with the date) those of the nearest day the entry is valid."""
    names = "; ".join(_with_aliases(s.name, s.aliases) for s in result.stations)
    table = _listing(f"{names}: {len(result.entries)} entries")
    table.add_column("Valid", no_wrap=True)
    table.add_column("kHz", justify="right", no_wrap=True)
    table.add_column("UTC", no_wrap=True)
    if zone is not None:
        table.add_column(_zone_column(zone), no_wrap=True)
    table.add_column("Days · lang → target · site · source", ratio=1, overflow="fold")
    for view in result.entries:
        entry = view.entry
        first, last = view.validity
        kind = Text("JAMMER ", style="bold red") if entry.kind == "jammer" else Text("")
        row: list[Any] = [
            f"{first} →\n{last}",
            format_frequency(entry.frequency_khz),
            Text.assemble(kind, utc_window(entry.start_min, entry.end_min)),
        ]
        if zone is not None:
            day = local_day(view.validity, today)
            local = local_window(occurrence_on(view.window, day), zone, weekday=False)
            row.append(local if day == today else f"{local}\non {day}")
        row.append(Text(_details(view, entry.days or "daily", others=result.sources(view)[1:])))
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
