"""The jamming page: one self-contained HTML document (styles and SVG charts inline, nothing fetched) with each
chart beside a table of its numbers, so it reads without the pictures, in print and in a screen reader.

A pure function of the report and the generation time: the same data gives the same bytes but for the one
line that says when the page was made. A Content-Security-Policy forbids every fetch, so a browser refuses
(and reports) anything that would reach the network.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from html import escape

from swtracker.cli.html_report import charts
from swtracker.cli.summary_render import NO_RATE, percent, unscheduled_sentences
from swtracker.cli.wording import plural
from swtracker.domain.frequency import format_frequency
from swtracker.domain.statistics import StatusCounts, rate
from swtracker.services.coverage import Coverage
from swtracker.services.jamming_report import FrequencyUse, JammingReport, StationFrequencies, block_rate_interval
from swtracker.services.summary import Heatmap, Summary

NO_NETWORK_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
STYLE = """
:root { color-scheme: light; --ink: #1c2833; --muted: #5d6d7e; --rule: #d5d8dc; --jam: #c0392b; }
* { box-sizing: border-box; }
body { font: 14px/1.45 "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; color: var(--ink); margin: 0 auto;
       max-width: 1280px; padding: 24px 28px; background: #fff; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 18px; margin: 0 0 8px; border-bottom: 1px solid var(--rule); padding-bottom: 4px; }
p { margin: 4px 0 8px; }
.meta, .note, figcaption { color: var(--muted); }
.meta { margin-bottom: 20px; }
section { margin: 28px 0; }
.pair { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 20px; align-items: start; }
.pair.stacked { grid-template-columns: minmax(0, 1fr); }
figure { margin: 0; }
figure svg { width: 100%; height: auto; display: block; }
.table-box { overflow-x: auto; }
table { border-collapse: collapse; font-size: 12px; font-variant-numeric: tabular-nums; width: 100%; }
caption { text-align: left; font-weight: bold; padding: 0 0 4px; }
th, td { padding: 2px 6px; border-bottom: 1px solid var(--rule); text-align: right; white-space: nowrap; }
th { white-space: normal; vertical-align: bottom; }
th:first-child, td:first-child, td.text, th.text { text-align: left; white-space: normal; }
thead th { border-bottom: 2px solid var(--ink); }
.jam { color: var(--jam); font-weight: bold; }
.hours td, .hours th { padding: 2px 3px; font-size: 11px; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 0; }
dt { font-weight: bold; }
@media (max-width: 900px) { .pair { grid-template-columns: minmax(0, 1fr); } }
@page { size: A4; margin: 14mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  .pair { display: block; }
  figure { break-inside: avoid; margin-bottom: 8px; }
  figure svg { width: auto; max-width: 100%; }  /* drawn size (6 or 12 in), shrunk to the page when wider */
  .table-box { overflow: visible; }
  table { font-size: 8pt; }
  h2 { break-after: avoid; }
  section { margin: 16px 0; }
}
"""


def _cell(value: object, css: str = "") -> str:
    attribute = f' class="{css}"' if css else ""
    return f"<td{attribute}>{escape(str(value))}</td>"


def _table(caption: str, headers: Sequence[str], rows: Iterable[Sequence[str]], css: str = "") -> str:
    """`rows` hold ready <td> cells (see _cell)."""
    head = "".join(f'<th scope="col">{escape(header)}</th>' for header in headers)
    body = "\n".join(f"<tr>{''.join(row)}</tr>" for row in rows)
    attribute = f' class="{css}"' if css else ""
    return (
        f'<div class="table-box"><table{attribute}><caption>{escape(caption)}</caption>\n'
        f"<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody></table></div>"
    )


def _section(anchor: str, title: str, intro: str, chart: str, table: str, *, stacked: bool = False) -> str:
    pair = "pair stacked" if stacked else "pair"
    return (
        f'<section id="{anchor}">\n<h2>{escape(title)}</h2>\n<p class="note">{escape(intro)}</p>\n'
        f'<div class="{pair}">\n<figure>{chart}</figure>\n{table}\n</div>\n</section>'
    )


def _interval(interval: tuple[float, float] | None) -> str:
    return NO_RATE if interval is None else f"{100 * interval[0]:.1f}–{100 * interval[1]:.1f}%"


def _hidden(summary: Summary) -> str:
    if not summary.hidden:
        return ""
    hidden = plural(summary.hidden, "station")
    return f" {hidden} with fewer than {plural(summary.min_reports, 'report')} left out (--min-reports)."


def _rate_cell(value: float | None, interval: tuple[float, float] | None) -> str:
    if value is None or interval is None:
        return _cell(NO_RATE)
    return f"<td>{percent(value)}<br><small>{_interval(interval)}</small></td>"


def rates_section(summary: Summary) -> str:
    headers = ("Station", "Reports", "n", "Jammed", "Blocked", "Silent", "Jam rate (95% CI)", "Block rate (95% CI)")
    rows = [
        [
            _cell(group.keys[0].label),
            *(_cell(value) for value in (c.reports, c.n, c.jammed, c.blocked, c.silent)),
            _rate_cell(c.jam_rate, c.jam_rate_interval),
            _rate_cell(c.block_rate, block_rate_interval(c)),
        ]
        for group in summary.groups
        for c in (group.counts,)
    ]
    intro = (
        "Share of reports that heard jamming (jammed or blocked) and that were blocked outright, with 95% Wilson "
        "score intervals as error bars. n counts clear, jammed and blocked reports; silent ones (nothing heard) "
        "are outages or propagation and are left out of every rate. Stations whose reports were all silent have "
        "no point." + _hidden(summary)
    )
    chart = charts.rates_chart(summary)
    return _section("rates", "Jam and block rate per station", intro, chart, _table("Rates", headers, rows))


def _hour_cell(counts: StatusCounts | None) -> str:
    if counts is None:
        return "<td></td>"
    if counts.jam_rate is None:
        return f'<td title="{counts.reports} silent">s</td>'
    return f'<td title="{counts.reports} reports, n={counts.n}">{round(100 * counts.jam_rate)}</td>'


def heatmap_section(heatmap: Heatmap) -> str:
    headers = ("Station", *(f"{hour:02d}" for hour in range(24)), "Reports", "Jam rate")
    rows = [
        [
            _cell(row.station.label),
            *(_hour_cell(row.hours.get(hour)) for hour in range(24)),
            _cell(row.total.reports),
            _cell(percent(row.total.jam_rate)),
        ]
        for row in heatmap.rows
    ]
    intro = (
        "Jam rate by station and UTC hour. Table: the jam rate in percent per hour (hover for the counts); "
        "s = silent reports only; blank = no reports."
    )
    table = _table("Jam rate (%) by UTC hour", headers, rows, "hours")
    return _section("heatmap", "When jamming is heard", intro, charts.heatmap_chart(heatmap), table, stacked=True)


def trend_section(monthly: Summary) -> str:
    months = sorted({str(group.keys[1].value) for group in monthly.groups})
    cells: dict[str, dict[str, StatusCounts]] = {}
    for group in monthly.groups:
        cells.setdefault(group.keys[0].label, {})[str(group.keys[1].value)] = group.counts
    rows = [
        [
            _cell(station),
            *(
                _cell("" if counts is None else f"{percent(counts.jam_rate)} ({counts.n})")
                for counts in (by_month.get(month) for month in months)
            ),
        ]
        for station, by_month in cells.items()
    ]
    shown = len(charts.top_stations(monthly))
    more = (
        f" The chart draws the {shown} stations with most reports; the table lists all." if len(cells) > shown else ""
    )
    intro = "Jam rate per UTC month; the table gives the rate and n (clear + jammed + blocked) per month." + more
    table = _table("Jam rate (n) by UTC month", ("Station", *months), rows)
    wide = len(months) > 6
    return _section("trend", "Monthly trend", intro, charts.trend_chart(monthly, wide=wide), table, stacked=wide)


def coverage_section(coverage: Coverage | None, problem: str | None) -> str:
    title = "Schedule coverage"
    if coverage is None or not coverage.stations:
        why = problem or "no period to expand the schedules over: no reports match and no --since/--until given"
        return f'<section id="coverage">\n<h2>{title}</h2>\n<p class="note">Not shown: {escape(why)}.</p>\n</section>'
    headers = ("Station", "Scheduled", "Monitored", "Jammed", "Only silent", "Never", "Share", "Reports", "Off sched.")
    rows = [
        [
            _cell(item.station.label),
            *(_cell(value) for value in (item.occurrences, item.monitored, item.jammed, item.silent_only)),
            _cell(item.never_monitored),
            _cell("no schedule" if item.no_schedule else percent(rate(item.monitored, item.occurrences))),
            _cell(item.reports),
            _cell(item.outside_schedule),
        ]
        for item in coverage.stations
    ]
    assert coverage.since is not None
    assert coverage.until is not None
    period = (
        f"Scheduled broadcasts {coverage.since:%Y-%m-%d} to {coverage.until:%Y-%m-%d} (end exclusive) and how many "
        "had a report inside them: a rate built on a few evenings is not one built on hundreds. The same figures "
        "as `swtracker coverage`."
    )
    intro = " ".join((period, *unscheduled_sentences(coverage)))
    chart, table = charts.coverage_chart(coverage), _table("Coverage", headers, rows)
    return _section("coverage", title, intro, chart, table, stacked=True)


def _jamming_mark(use: FrequencyUse) -> str:
    if use.jamming_heard and use.jammer_rows:
        return "heard, jammer row"
    return "heard" if use.jamming_heard else "jammer row" if use.jammer_rows else ""


def frequencies_section(stations: Sequence[StationFrequencies]) -> str:
    headers = ("Station", "kHz", "Scheduled", "Reports", "Jammed or blocked", "Jam rate", "Jammer rows", "Jamming")
    rows = [
        [
            _cell(item.station.label if number == 0 else ""),
            _cell(format_frequency(use.frequency_khz)),
            _cell("yes" if use.scheduled else ""),
            _cell(use.counts.reports),
            _cell(use.counts.jammed + use.counts.blocked),
            _cell(percent(use.counts.jam_rate)),
            _cell(use.jammer_rows or ""),
            _cell(_jamming_mark(use), "jam"),
        ]
        for item in stations
        for number, use in enumerate(item.frequencies)
    ]
    intro = (
        "Each station's scheduled and reported frequencies in the period. A frequency is marked jammed when "
        "reports on it heard jamming, or when a jammer row of the schedules lies on its channel (±2.5 kHz) at a "
        "time the station is scheduled there."
    )
    chart = charts.frequency_chart(stations)
    table = _table("Frequencies", headers, rows)
    return _section("frequencies", "Frequencies and jamming", intro, chart, table, stacked=True)


def sources_section(report: JammingReport) -> str:
    headers = ("Source", "Format", "Season", "Entries", "Imported (UTC)")
    rows = [
        [
            _cell(source.name),
            _cell(source.format),
            _cell(source.season or ""),
            _cell(source.entries),
            _cell(f"{source.imported_at.astimezone(UTC):%Y-%m-%d %H:%M}"),
        ]
        for source in report.sources
    ]
    span = report.span
    heard = (
        "no listener reports match"
        if span is None
        else f"listener reports from {span[0]:%Y-%m-%d} to {span[1]:%Y-%m-%d}"
    )
    intro = f"Rates come from the listener reports in swtracker's database ({heard}); schedules from these sources."
    return (
        f'<section id="sources">\n<h2>Sources</h2>\n<p class="note">{escape(intro)}</p>\n'
        f"{_table('Schedule sources', headers, rows)}\n</section>"
    )


def render_page(report: JammingReport, *, period: str, station: str | None, generated_at: datetime) -> str:
    """The whole page. `period` says the period in words; `station` is the --station filter, if any."""
    reports = sum(group.counts.reports for group in report.stations.groups)
    title = "Shortwave jamming report" + (f": {station}" if station else "")
    facts = [
        ("Period", period),
        ("Reports from", "none" if report.span is None else f"{report.span[0]:%Y-%m-%d} to {report.span[1]:%Y-%m-%d}"),
        ("Stations", str(len(report.stations.groups))),
        ("Reports", str(reports)),
        ("Generated", f"{generated_at.astimezone(UTC):%Y-%m-%d %H:%M:%S} UTC by swtracker"),
    ]
    details = "".join(f"<dt>{escape(name)}</dt><dd>{escape(value)}</dd>" for name, value in facts)
    if report.stations.groups:
        body = [
            rates_section(report.stations),
            heatmap_section(report.heatmap),
            trend_section(report.monthly),
            coverage_section(report.coverage, report.coverage_problem),
            frequencies_section(report.frequencies),
        ]
    else:
        body = ['<section id="rates"><p class="note">No reports match: nothing to chart.</p></section>']
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="en">',
            "<head>",
            '<meta charset="utf-8">',
            f'<meta http-equiv="Content-Security-Policy" content="{NO_NETWORK_POLICY}">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{escape(title)}</title>",
            f"<style>{STYLE}</style>",
            "</head>",
            "<body>",
            f'<header>\n<h1>{escape(title)}</h1>\n<dl class="meta">{details}</dl>\n</header>',
            "<main>",
            *body,
            sources_section(report),
            "</main>",
            "</body>",
            "</html>",
            "",
        ]
    )
