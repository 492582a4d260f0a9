"""The station × UTC-hour heat map for the terminal, laid out for the width it is printed at. Only cli/ uses it.

One cell per hour holds the jam rate's tenth (0-9), `s` for silent reports only, blank for no reports: readable
without colour, shaded when colour is on. Where there is room (about 140 columns) each cell is three wide with
the report count on a second line; narrower, cells are one wide (hours labelled every two hours) and the counts
are left to `summary --by station --by hour`. The station label wraps on its words beside the cells, or goes on
a line of its own when a word of it is wider than the label column.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.text import Text

from swtracker.cli.summary_render import SHADES, hidden_note, percent
from swtracker.domain.statistics import StatusCounts
from swtracker.services.summary import Heatmap, HeatmapRow

_TOTALS = (("Reports", 7), ("Jam rate", 8))
_MIN_LABEL = 12
LEGEND = (
    "Each cell: the jam rate in tenths (0 = under 10%, 5 = 50-59%, 9 = 90% or more); s = silent reports only "
    "(no rate); blank = no reports. Hours are UTC."
)
WIDE_LEGEND = " The number under each digit is the hour's report count."
NARROW_LEGEND = " Report counts per hour: summary --by station --by hour (or a wider terminal)."


def tenth(counts: StatusCounts) -> tuple[str, str]:
    """The cell's character and its style: the jam rate's tenth on its shade, or a dim `s` (silent only)."""
    if counts.jam_rate is None:
        return "s", "dim"
    digit = min(int(counts.jam_rate * 10), 9)
    return str(digit), f"black on {SHADES[digit]}"


class HeatmapView:
    """A renderable: title, hour header, one row per station, totals, legend (see the module docstring)."""

    def __init__(self, heatmap: Heatmap, title: str):
        self.heatmap = heatmap
        self.title = title

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        totals = sum(size + 1 for _, size in _TOTALS) - 1  # the last hour's gap separates the totals
        labels = max((cell_len(row.station.label) for row in self.heatmap.rows), default=7)
        wide = width - totals - 24 * 4 - 1 >= min(labels, 24)
        cell = 3 if wide else 1
        label_width = max(_MIN_LABEL, min(labels, width - totals - 24 * (cell + 1) - 1))
        yield Text(self.title, style="bold")
        yield self._header(label_width, cell)
        yield Text("─" * min(width, label_width + 24 * (cell + 1) + totals), style="dim")
        for row in self.heatmap.rows:
            yield from self._row(row, label_width, cell)
        yield Text(LEGEND + (WIDE_LEGEND if wide else NARROW_LEGEND), style="dim")
        if note := hidden_note(self.heatmap.hidden, self.heatmap.min_reports, "station"):
            yield Text(note, style="dim")

    @staticmethod
    def _header(label_width: int, cell: int) -> Text:
        if cell == 1:  # two columns per hour: label every other hour, "00" over hour 0's cell and gap
            hours = "".join(f"{hour:02d}  " for hour in range(0, 24, 2))
        else:
            hours = "".join(_in_cell(f"{hour:02d}", cell) + " " for hour in range(24))
        totals = " ".join(name.rjust(size) for name, size in _TOTALS)
        return Text("Station".ljust(label_width) + " " + hours.ljust(24 * (cell + 1)) + totals, style="bold")

    @staticmethod
    def _row(row: HeatmapRow, label_width: int, cell: int) -> list[Text]:
        """The digits line (label, cells, totals), the counts line when cells are wide, the label's other lines."""
        words = _wrap(row.station.label, label_width)
        lines = [] if words is not None else [Text(row.station.label)]  # too long a word: a line of its own
        label_lines = iter(words or [])

        def label() -> Text:
            text = next(label_lines, "")
            return Text(text + " " * (label_width - cell_len(text) + 1))

        digits = label()
        counts = label() if cell > 1 else None
        for hour in range(24):
            char, style, number = " ", "", ""
            if hour in row.hours:
                (char, style), reports = tenth(row.hours[hour]), row.hours[hour].reports
                number = str(reports) if reports < 1000 else "1k+"
            digits.append(_in_cell(char, cell), style=style)
            digits.append(" ")
            if counts is not None:
                counts.append(_in_cell(number, cell), style="dim")
                counts.append(" ")
        total = row.total
        digits.append(f"{total.reports:>{_TOTALS[0][1]},} {percent(total.jam_rate):>{_TOTALS[1][1]}}")
        lines.append(digits)
        if counts is not None:
            counts.rstrip()
            lines.append(counts)
        lines.extend(Text(rest) for rest in label_lines)
        return lines


def _in_cell(text: str, cell: int) -> str:
    """Right-aligned under the hour's two digits: ` 9 `, `12 `, `00 `; a one-wide cell holds the digit alone."""
    return text if cell == 1 else text.rjust(2).ljust(cell)


def _wrap(label: str, width: int) -> list[str] | None:
    """The label's words in lines of at most `width` cells; None when a word is wider than that."""
    lines: list[str] = []
    for word in label.split():
        if cell_len(word) > width:
            return None
        if lines and cell_len(lines[-1]) + 1 + cell_len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]
