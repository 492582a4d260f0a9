"""The jamming page's charts as inline SVG, drawn with matplotlib (the optional extra `swtracker[report]`).

matplotlib is imported only here and only when a chart is drawn, so the rest of the CLI starts without it.
Figures are made with the object API and the SVG canvas (no pyplot, no GUI backend, no global state), text is
left as SVG text in the page's font (no font files embedded or fetched), and the output is byte-for-byte
reproducible: no date or creator metadata, and element ids hashed with a fixed salt per chart (distinct per
chart, because all of them share one HTML document).
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from swtracker.errors import UsageError

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from swtracker.services.coverage import Coverage
    from swtracker.services.jamming_report import StationFrequencies
    from swtracker.services.summary import Heatmap, Summary

INSTALL_HINT = (
    "summary --html draws its charts with matplotlib, which is not installed: pip install 'swtracker[report]'"
)
TREND_STATIONS = 8  # lines on the monthly trend chart; the table next to it lists every station
(
    JAM_COLOUR,
    BLOCK_COLOUR,
    CLEAR_COLOUR,
) = "#c0392b", "#6c3483", "#2e86c1"
WIDTH_INCHES = 6.0  # a chart beside its table
WIDE_INCHES = 12.0  # a chart above its table, page-wide: text keeps about the same size once scaled
SHORTWAVE_KHZ = (2300.0, 26100.0)  # the frequency axis spans at least the broadcast shortwave bands
FREQUENCY_TICKS_KHZ = (500, 1000, 2000, 3000, 4000, 5000, 6000, 7000, 9000, 12000, 15000, 18000, 21000, 25000)
_STYLE: dict[Any, Any] = {  # rcParams
    "svg.fonttype": "none",  # text stays text: searchable, selectable, drawn in the page's font
    "font.family": ["DejaVu Sans", "sans-serif"],
    "font.size": 9.0,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.titlesize": 10.0,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "figure.dpi": 72.0,
}


def require_matplotlib() -> None:
    """Fail with one line saying what to install, before any work is done."""
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        raise UsageError(INSTALL_HINT) from None


@dataclass
class _Drawing:
    figure: Figure
    svg: str = ""  # filled when the drawing's block ends


@contextmanager
def _figure(name: str, label: str, rows: int, width: float = WIDTH_INCHES) -> Iterator[_Drawing]:
    """A figure tall enough for `rows` station rows, rendered to inline SVG when the block ends."""
    import matplotlib
    from matplotlib.backends.backend_svg import FigureCanvasSVG
    from matplotlib.figure import Figure

    with matplotlib.rc_context({**_STYLE, "svg.hashsalt": f"swtracker-{name}"}):
        figure = Figure(figsize=(width, 1.3 + 0.32 * max(rows, 1)), layout="constrained")
        FigureCanvasSVG(figure)
        drawing = _Drawing(figure)
        yield drawing
        out = io.StringIO()
        figure.savefig(out, format="svg", metadata={"Creator": None, "Date": None, "Format": None, "Type": None})
    drawing.svg = _inline(out.getvalue(), name, label)


def _inline(svg: str, name: str, label: str) -> str:
    """The <svg> element alone (no XML prologue), labelled for screen readers, its element ids prefixed with
    the chart's name: matplotlib numbers them per figure (figure_1, axes_1), and five charts share one page."""
    svg = svg[svg.index("<svg") :].strip()
    svg = re.sub(r'( id="|url\(#|href="#)', rf"\g<1>{name}-", svg)
    return svg.replace("<svg ", f'<svg role="img" aria-label="{label}" ', 1) + "\n"


def _percent_axis(axes: Axes, axis: str = "x") -> None:
    from matplotlib.ticker import PercentFormatter

    (axes.xaxis if axis == "x" else axes.yaxis).set_major_formatter(PercentFormatter(1.0, decimals=0))


def _legend(axes: Axes, **options: Any) -> None:
    """A legend when something labelled was drawn (a station without reports has no points)."""
    if axes.get_legend_handles_labels()[0]:
        axes.legend(**options)


def _station_rows(axes: Axes, labels: Sequence[str]) -> None:
    axes.set_yticks(range(len(labels)), labels)
    axes.set_ylim(max(len(labels), 1) - 0.5, -0.5)
    axes.grid(axis="x", color="#e5e7e9", linewidth=0.6)
    axes.set_axisbelow(True)


def rates_chart(summary: Summary) -> str:
    """Jam and block rate per station as points with their 95% Wilson intervals, n and reports on the right."""
    from swtracker.services.jamming_report import block_rate_interval

    groups = [group for group in summary.groups if group.counts.n]
    with _figure("rates", "Jam and block rate per station with 95% intervals", len(groups)) as drawing:
        figure = drawing.figure
        axes = figure.add_subplot()
        _station_rows(axes, [group.keys[0].label for group in groups])
        for offset, name, colour in ((-0.13, "jam rate", JAM_COLOUR), (0.13, "block rate", BLOCK_COLOUR)):
            points = []
            for row, group in enumerate(groups):
                counts = group.counts
                value = counts.jam_rate if name == "jam rate" else counts.block_rate
                interval = counts.jam_rate_interval if name == "jam rate" else block_rate_interval(counts)
                assert value is not None
                assert interval is not None
                points.append((row + offset, value, value - interval[0], interval[1] - value))
            if points:
                y, x, low, high = zip(*points, strict=True)
                axes.errorbar(x, y, xerr=(low, high), fmt="o", color=colour, markersize=4.5, capsize=2.5, label=name)
        for row, group in enumerate(groups):
            axes.annotate(
                f"n={group.counts.n} of {group.counts.reports}",
                (1.0, row),
                xycoords=("axes fraction", "data"),
                xytext=(6, 0),
                textcoords="offset points",
                va="center",
                fontsize=8,
            )
        axes.set_xlim(0, 1)
        _percent_axis(axes)
        axes.set_xlabel("share of reports (n = clear + jammed + blocked), 95% Wilson interval")
        _legend(axes, loc="lower center", bbox_to_anchor=(0.5, 1.0), ncols=2, frameon=False)
    return drawing.svg


def heatmap_chart(heatmap: Heatmap) -> str:
    """Station x UTC hour, shaded by the jam rate; hours without a rate are left light grey."""
    import numpy as np
    from matplotlib import colormaps

    rows = heatmap.rows
    grid = np.full((max(len(rows), 1), 24), np.nan)
    for row_number, row in enumerate(rows):
        for hour, counts in row.hours.items():
            if counts.jam_rate is not None:
                grid[row_number, hour] = counts.jam_rate
    with _figure("heatmap", "Jam rate by station and UTC hour", len(rows), WIDE_INCHES) as drawing:
        figure = drawing.figure
        axes = figure.add_subplot()
        colours = colormaps["RdYlGn_r"].with_extremes(bad="#f2f3f4")
        image = axes.imshow(grid, cmap=colours, vmin=0, vmax=1, aspect="auto", interpolation="none")
        axes.set_yticks(range(len(rows)), [row.station.label for row in rows])
        axes.set_xticks(range(0, 24, 2), [f"{hour:02d}" for hour in range(0, 24, 2)])
        axes.set_xlabel("UTC hour")
        axes.spines[:].set_visible(False)
        bar = figure.colorbar(image, ax=axes, fraction=0.05, pad=0.02)
        bar.set_label("jam rate")
        _percent_axis(bar.ax, "y")
    return drawing.svg


def top_stations(monthly: Summary, count: int = TREND_STATIONS) -> list[str]:
    """The labels of the stations with most reports, in the page's station order."""
    totals: dict[str, tuple[int, tuple[object, ...]]] = {}
    for group in monthly.groups:
        key = group.keys[0]
        reports, order = totals.get(key.label, (0, key.order))
        totals[key.label] = (reports + group.counts.reports, order)
    chosen = sorted(totals, key=lambda label: (-totals[label][0], totals[label][1]))[:count]
    return sorted(chosen, key=lambda label: totals[label][1])


def trend_chart(monthly: Summary, *, wide: bool) -> str:
    """Jam rate per UTC month, one line per station (the stations with most reports)."""
    months = sorted({str(group.keys[1].value) for group in monthly.groups})
    shown = top_stations(monthly)
    with _figure("trend", "Monthly jam rate per station", 8, WIDE_INCHES if wide else WIDTH_INCHES) as drawing:
        figure = drawing.figure
        axes = figure.add_subplot()
        for label in shown:
            points = [
                (months.index(str(group.keys[1].value)), group.counts.jam_rate)
                for group in monthly.groups
                if group.keys[0].label == label and group.counts.jam_rate is not None
            ]
            if points:
                x, y = zip(*points, strict=True)
                axes.plot(x, y, marker="o", markersize=3.5, linewidth=1.4, label=label)
        axes.set_xticks(range(len(months)), months)
        if len(months) > 8:
            axes.tick_params(axis="x", labelrotation=45)
            for tick in axes.get_xticklabels():
                tick.set(ha="right", rotation_mode="anchor")
        axes.set_ylim(0, 1.02)
        _percent_axis(axes, "y")
        axes.set_ylabel("jam rate")
        axes.grid(axis="y", color="#e5e7e9", linewidth=0.6)
        _legend(axes, loc="center left", bbox_to_anchor=(1.0, 0.5), frameon=False, fontsize=8)
    return drawing.svg


def coverage_chart(coverage: Coverage) -> str:
    """Scheduled airings per station, with the monitored ones and the jammed ones drawn over them."""
    stations = coverage.stations
    with _figure("coverage", "Scheduled and monitored broadcasts per station", len(stations), WIDE_INCHES) as drawing:
        figure = drawing.figure
        axes = figure.add_subplot()
        _station_rows(axes, [item.station.label for item in stations])
        rows = range(len(stations))
        axes.barh(rows, [item.occurrences for item in stations], height=0.7, color="#e5e8e8", label="scheduled")
        axes.barh(rows, [item.monitored for item in stations], height=0.7, color=CLEAR_COLOUR, label="monitored")
        axes.barh(rows, [item.jammed for item in stations], height=0.35, color=JAM_COLOUR, label="monitored, jammed")
        axes.set_xlabel("broadcasts (airings) in the period")
        _legend(axes, loc="lower center", bbox_to_anchor=(0.5, 1.0), ncols=3, frameon=False)
    return drawing.svg


def frequency_chart(stations: Sequence[StationFrequencies]) -> str:
    """Each station's frequencies on a kHz axis: scheduled, heard, and marked where jamming shows."""
    with _figure("frequencies", "Frequencies per station with jamming marks", len(stations), WIDE_INCHES) as drawing:
        figure = drawing.figure
        axes = figure.add_subplot()
        _station_rows(axes, [item.station.label for item in stations])
        uses = [(use, row) for row, item in enumerate(stations) for use in item.frequencies]
        for name, shown, style in (
            ("scheduled", [p for p in uses if p[0].scheduled], {"facecolors": "none", "edgecolors": "#7f8c8d"}),
            ("reported", [p for p in uses if p[0].counts.reports], {"color": CLEAR_COLOUR}),
            ("jamming", [p for p in uses if p[0].jammed], {"marker": "x", "color": JAM_COLOUR, "linewidths": 1.6}),
        ):
            x = [use.frequency_khz for use, _ in shown]
            y = [row for _, row in shown]
            axes.scatter(x, y, s=40 if name == "jamming" else 22, label=name, zorder=3, **style)
        heard = [use.frequency_khz for item in stations for use in item.frequencies]
        low, high = min([SHORTWAVE_KHZ[0], *heard]) * 0.95, max([SHORTWAVE_KHZ[1], *heard]) * 1.05
        axes.set_xscale("log")
        axes.set_xlim(low, high)
        ticks = [tick for tick in FREQUENCY_TICKS_KHZ if low <= tick <= high]
        axes.set_xticks(ticks, [f"{tick / 1000:g}" for tick in ticks])
        axes.minorticks_off()
        axes.set_xlabel("frequency (MHz, log scale)")
        _legend(axes, loc="lower center", bbox_to_anchor=(0.5, 1.0), ncols=3, frameon=False)
    return drawing.svg
