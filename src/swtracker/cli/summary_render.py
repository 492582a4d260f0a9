"""Rendering of summaries for the terminal and for spreadsheets: tables, the heat map, CSV. Only cli/ uses it."""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any, TextIO, TypeVar

from swtracker.cli.tables import Col, FittedTable
from swtracker.cli.wording import plural
from swtracker.domain.statistics import StatusCounts, rate
from swtracker.formats.spreadsheet import escape_formula
from swtracker.services.summary import GroupSummary, Summary

if TYPE_CHECKING:  # the coverage service loads the schedule stack, which summaries do not need
    from swtracker.services.coverage import Coverage

T = TypeVar("T")
NO_RATE = "–"  # a rate of n = 0: nothing to divide by
# Heat-map shades from "no jamming heard" to "always jammed", one per tenth of the jam rate.
SHADES = (
    "#1a9850",
    "#66bd63",
    "#a6d96a",
    "#d9ef8b",
    "#ffffbf",
    "#fee08b",
    "#fdae61",
    "#f46d43",
    "#d73027",
    "#a50026",
)


def percent(value: float | None) -> str:
    return NO_RATE if value is None else f"{100 * value:.1f}%"


def jam_rate_cell(counts: StatusCounts) -> str:
    interval = counts.jam_rate_interval
    if counts.jam_rate is None or interval is None:
        return NO_RATE
    return f"{percent(counts.jam_rate)} ({100 * interval[0]:.1f}–{100 * interval[1]:.1f})"


def _day(value: datetime | None) -> str:
    return "" if value is None else f"{value:%Y-%m-%d}"


def _group_row(group: GroupSummary) -> list[str]:
    counts = group.counts
    figures = (counts.reports, counts.clear, counts.jammed, counts.blocked, counts.silent, counts.n)
    return [
        *(key.label for key in group.keys),
        *(f"{value:,}" for value in figures),
        jam_rate_cell(counts),
        percent(counts.block_rate),
        f"{_day(group.first_report)} – {_day(group.last_report)}" if group.first_report else "",
    ]


def _key_column(name: str) -> Col:
    """A --by key: names wrap on their words (never broken); hour, weekday and month say they are UTC."""
    if name in ("hour", "weekday", "month"):
        return Col(f"{name.capitalize()} (UTC)", short=name.capitalize(), key=True, wrap=False)
    return Col(name.capitalize(), key=True, min_width=16 if name == "station" else 0)


# The counts beside every rate: short headers at 80 columns (the legend under the table says what they mean).
_COUNT_COLUMNS = (
    Col("Reports", short="Rpts", justify="right", wrap=False, key=True),
    Col("Clear", short="Clr", justify="right", wrap=False, fold=True),
    Col("Jammed", short="Jam", justify="right", wrap=False, fold=True),
    Col("Blocked", short="Blk", justify="right", wrap=False, fold=True),
    Col("Silent", short="Sil", justify="right", wrap=False, fold=True),
    Col("n", justify="right", wrap=False, key=True),
    Col("Jam rate (95% CI)", short="Jam rate", justify="right", key=True, min_width=11),
    Col("Block rate", short="Blk %", justify="right", wrap=False, key=True),
    Col("First and last (UTC)", short="Reports from", priority=1, fold=True, label="", min_width=13),
)
_SHORT_HEADERS = "Rpts reports, Clr clear, Jam jammed, Blk blocked, Sil silent, n = clear + jammed + blocked."


def hidden_note(hidden: int, min_reports: int, what: str) -> str | None:
    if not hidden:
        return None
    return f"{plural(hidden, what)} with fewer than {plural(min_reports, 'report')} hidden (--min-reports)."


def summary_table(summary: Summary, title: str) -> FittedTable:
    table = FittedTable(
        title,
        [*(_key_column(name) for name in summary.by), *_COUNT_COLUMNS],
        caption=hidden_note(summary.hidden, summary.min_reports, "group"),
        short_legend=_SHORT_HEADERS,
    )
    for group in summary.groups:
        table.add_row(*_group_row(group))
    return table


def unscheduled_sentences(result: Coverage) -> list[str]:
    """One sentence per set of months with no loaded schedule, naming the stations it holds for: those months
    count no airings, which a reader of the table or the page must know."""
    gaps: dict[tuple[str, ...], list[str]] = defaultdict(list)  # stations by their months with no schedule
    for item in result.stations:
        if item.unscheduled_months:
            gaps[item.unscheduled_months].append(item.station.label)
    return [f"No loaded schedule in {', '.join(m)} for {', '.join(s)}." for m, s in gaps.items()]


def coverage_table(result: Coverage, title: str) -> FittedTable:
    caption = "\n".join(unscheduled_sentences(result))
    table = FittedTable(
        title,
        [
            Col("Station", key=True, min_width=16),
            Col("Scheduled", short="Sched", justify="right", wrap=False),
            Col("Monitored", short="Heard", justify="right", wrap=False),
            Col("Jammed", short="Jam", justify="right", wrap=False),
            Col("Only silent", short="Silent", justify="right", wrap=False, priority=1, fold=True),
            Col("Never monitored", short="Never", justify="right", wrap=False),
            Col("Share monitored", short="Share", justify="right"),
            Col("Reports", short="Rpts", justify="right", wrap=False),
            Col("Off schedule", short="Off", justify="right", wrap=False, priority=2, fold=True),
        ],
        short_legend="Sched scheduled airings; Heard airings with a report (monitored), Jam of them jammed, Silent "
        "of them only silent; Never never monitored; Share heard/scheduled; Rpts reports, Off of them off schedule.",
        caption=caption or None,
    )
    for item in result.stations:
        figures = (item.occurrences, item.monitored, item.jammed, item.silent_only, item.never_monitored)
        share = "no schedule" if item.no_schedule else percent(rate(item.monitored, item.occurrences))
        table.add_row(
            item.station.label,
            *(f"{value:,}" for value in figures),
            share,
            f"{item.reports:,}",
            f"{item.outside_schedule:,}",
        )
    return table


def csv_cell(value: Any) -> str:
    """UTF-8 text a spreadsheet reads as data: empty for null, true/false, full-precision numbers, and text
    that would start a formula escaped with a leading '."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, list):  # a list column, such as coverage's unscheduled_months
        return escape_formula(";".join(map(str, value)))
    return escape_formula(str(value))


BOM = "\ufeff"  # what tells Excel a CSV file is UTF-8 (without it, Excel reads the system code page)


def for_spreadsheets(write: Callable[[TextIO], T], excel: bool) -> Callable[[TextIO], T]:
    """`write`, with a byte-order mark first when `excel` (--excel): UTF-8 that Excel recognises."""
    if not excel:
        return write

    def with_bom(stream: TextIO) -> T:
        stream.write(BOM)
        return write(stream)

    return with_bom


def write_csv(columns: Sequence[str], rows: Iterable[dict[str, Any]], stream: TextIO) -> int:
    """A header row, then one row per record; the stream should be opened with newline=''."""
    writer = csv.writer(stream)
    writer.writerow(columns)
    count = 0
    for row in rows:
        writer.writerow([csv_cell(row[column]) for column in columns])
        count += 1
    return count
