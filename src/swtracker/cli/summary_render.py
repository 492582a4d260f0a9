"""Rendering of summaries for the terminal and for spreadsheets: tables, the heat map, CSV. Only cli/ uses it."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any, TextIO

from rich import box
from rich.console import Group
from rich.table import Table
from rich.text import Text

from swtracker.domain.statistics import StatusCounts, rate
from swtracker.formats.reports_csv import escape_formula
from swtracker.services.summary import Coverage, GroupSummary, Heatmap, Summary

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
HEATMAP_LEGEND = (
    "Each cell: the jam rate in tenths (0 = under 10%, 5 = 50-59%, 9 = 90% or more) over the number of "
    "reports; s = silent reports only (no rate); blank = no reports. Hours are UTC."
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


def _key_header(name: str) -> str:
    return name.capitalize() + (" (UTC)" if name in ("hour", "weekday", "month") else "")


def _group_row(group: GroupSummary) -> list[str]:
    counts = group.counts
    figures = (counts.reports, counts.clear, counts.jammed, counts.blocked, counts.silent, counts.n)
    return [
        *(key.label for key in group.keys),
        *(str(value) for value in figures),
        jam_rate_cell(counts),
        percent(counts.block_rate),
        _day(group.first_report),
        _day(group.last_report),
    ]


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def hidden_note(hidden: int, min_reports: int, what: str) -> str | None:
    if not hidden:
        return None
    return f"{plural(hidden, what)} with fewer than {plural(min_reports, 'report')} hidden (--min-reports)."


def _table(title: str) -> Table:
    return Table(title=title, title_justify="left", header_style="bold", box=box.SIMPLE_HEAD, caption_justify="left")


def summary_table(summary: Summary, title: str) -> Table:
    table = _table(title)
    for name in summary.by:
        table.add_column(_key_header(name), overflow="fold")
    for header in ("Reports", "Clear", "Jammed", "Blocked", "Silent", "n", "Jam rate (95% CI)", "Block rate"):
        table.add_column(header, justify="right")
    table.add_column("First (UTC)", no_wrap=True)
    table.add_column("Last (UTC)", no_wrap=True)
    for group in summary.groups:
        table.add_row(*(Text(cell) for cell in _group_row(group)))
    table.caption = hidden_note(summary.hidden, summary.min_reports, "group")
    return table


def heat_cell(counts: StatusCounts) -> Text:
    """Readable without colour: the tenth digit of the jam rate over the report count; shaded when colour is on."""
    if counts.jam_rate is None:
        return Text(f"s\n{counts.reports}", style="dim")
    tenth = min(int(counts.jam_rate * 10), 9)
    return Text(f"{tenth}\n{counts.reports}", style=f"black on {SHADES[tenth]}")


def heatmap_view(heatmap: Heatmap, title: str) -> Group:
    table = _table(title)
    table.padding = (0, 0)
    table.add_column("Station", overflow="fold")
    for hour in range(24):
        table.add_column(f"{hour:02d}", justify="center", no_wrap=True)
    table.add_column(" Reports", justify="right", no_wrap=True)
    table.add_column(" Jam rate", justify="right", no_wrap=True)
    for row in heatmap.rows:
        cells = [heat_cell(row.hours[hour]) if hour in row.hours else Text("") for hour in range(24)]
        total = row.total
        table.add_row(Text(row.station.label), *cells, Text(str(total.reports)), Text(percent(total.jam_rate)))
    parts: list[Table | Text] = [table, Text(HEATMAP_LEGEND, style="dim")]
    note = hidden_note(heatmap.hidden, heatmap.min_reports, "station")
    if note:
        parts.append(Text(note, style="dim"))
    return Group(*parts)


def coverage_table(result: Coverage, title: str) -> Table:
    table = _table(title)
    table.add_column("Station", overflow="fold")
    headers = ("Scheduled", "Monitored", "Jammed", "Only silent", "Never monitored", "Share monitored")
    for header in (*headers, "Reports", "Off schedule"):
        table.add_column(header, justify="right")
    for item in result.stations:
        figures = (item.occurrences, item.monitored, item.jammed, item.silent_only, item.never_monitored)
        share = "no schedule" if item.no_schedule else percent(rate(item.monitored, item.occurrences))
        table.add_row(
            Text(item.station.label),
            *(Text(str(value)) for value in figures),
            Text(share),
            Text(str(item.reports)),
            Text(str(item.outside_schedule)),
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
    return escape_formula(str(value))


def write_csv(columns: Sequence[str], rows: Iterable[dict[str, Any]], stream: TextIO) -> int:
    """A header row, then one row per record; the stream should be opened with newline=''."""
    writer = csv.writer(stream)
    writer.writerow(columns)
    count = 0
    for row in rows:
        writer.writerow([csv_cell(row[column]) for column in columns])
        count += 1
    return count
