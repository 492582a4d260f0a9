"""summary and coverage: how often each station is jammed or blocked, and how much of its schedule was heard."""

import sys
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from swtracker.cli.completion import complete_by
from swtracker.cli.options import (
    DbOption,
    ExcelOption,
    JsonOption,
    Settings,
    SinceOption,
    StationOption,
    TzOption,
    UntilOption,
    settings,
)
from swtracker.cli.wording import plural
from swtracker.errors import UsageError

if TYPE_CHECKING:
    from swtracker.services.database import Database
    from swtracker.services.summary import SummaryQuery

ByOption = Annotated[
    list[str] | None,
    typer.Option(
        "--by",
        autocompletion=complete_by,
        help="Group by station, frequency, hour, weekday, month (UTC), jammer, reporter or site. "
        "Give it twice for two keys: --by station --by hour. Default: station.",
        show_default=False,
    ),
]
CsvOption = Annotated[
    bool, typer.Option("--csv", help="Print CSV (data only; header row first) instead of a table.", show_default=False)
]
HtmlOption = Annotated[
    Path | None,
    typer.Option(
        "--html",
        help="Write a self-contained HTML page with charts (rates, heat map, monthly trend, coverage, "
        "frequencies) to this file; needs the extra swtracker[report]. Takes --station, --since, --until and "
        "--min-reports.",
        show_default=False,
        metavar="FILE",
    ),
]
OutputOption = Annotated[
    Path | None,
    typer.Option("--output", "-o", help="With --csv: write to this file instead of stdout.", show_default=False),
]


def _check_output(json_output: bool, csv_output: bool, output: Path | None, excel: bool) -> None:

    if json_output and csv_output:
        raise UsageError("give --json or --csv, not both")
    if output is not None and not csv_output:
        raise UsageError("--output writes CSV: add --csv")
    if excel and not csv_output:
        raise UsageError("--excel is a form of CSV: add --csv")


def _period(since: datetime | None, until: datetime | None) -> str:
    if since is not None and until is not None:
        return f"{since:%Y-%m-%d %H:%M} to {until:%Y-%m-%d %H:%M} UTC (end exclusive)"
    if since is not None:
        return f"from {since:%Y-%m-%d %H:%M} UTC"
    return f"before {until:%Y-%m-%d %H:%M} UTC" if until is not None else "all reports"


def _open_checking(config: Settings, output: Path | None) -> "Database":
    """The database, once `output` is known not to be one of its files (refused before any note is shown)."""
    from swtracker.services.outputs import check_output, database_files

    database = config.open()
    if output is not None:
        check_output(output, database_files(database.url))
    return database


def _emit_data(
    rows: Iterable[dict[str, Any]],
    columns: Sequence[str],
    json_output: bool,
    output: Path | None,
    what: str,
    database: "Database",
    excel: bool,
) -> None:
    """JSON or CSV to stdout, or CSV to a file (never over the database; and say so on stderr)."""
    from swtracker.cli import render, summary_render
    from swtracker.services.outputs import database_files, write_text_atomically

    if json_output:
        render.print_json(list(rows))
        return
    write = summary_render.for_spreadsheets(lambda stream: summary_render.write_csv(columns, rows, stream), excel)
    if output is None:
        write(sys.stdout)
        return
    count = write_text_atomically(output, write, database_files(database.url))
    render.stderr().print(f"Wrote {plural(count, what)} to {output}.")


def summary(
    ctx: typer.Context,
    by: ByOption = None,
    station: StationOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    min_reports: Annotated[
        int, typer.Option("--min-reports", help="Hide groups with fewer reports than this (says how many).")
    ] = 0,
    heatmap: Annotated[
        bool,
        typer.Option("--heatmap", help="Show a station x UTC-hour heat map of the jam rate instead (terminal only)."),
    ] = False,
    json_output: JsonOption = False,
    csv_output: CsvOption = False,
    excel: ExcelOption = False,
    output: OutputOption = None,
    html: HtmlOption = None,
    db: DbOption = None,
    tz: TzOption = None,
) -> None:
    """Reports, clear/jammed/blocked/silent counts, jam and block rates with a 95% Wilson interval, per group.
    Rates count clear, jammed and blocked reports (n); silent ones (outages) are shown apart."""
    from swtracker.cli import render, summary_render
    from swtracker.services.summary import SummaryQuery, check_groupings, summarize

    _check_output(json_output, csv_output, output, excel)
    if heatmap and (by or json_output or csv_output):
        raise UsageError("--heatmap is a terminal view of --by station --by hour; for data use those with --json")
    if html is not None and (by or heatmap or json_output or csv_output):
        raise UsageError("--html draws every view itself: give it without --by, --heatmap, --json and --csv")
    config = settings(ctx, db, tz)
    since_at, until_at = config.period(since, until)
    query = SummaryQuery(check_groupings(by or ()), station, since_at, until_at, min_reports)
    if html is not None:
        from swtracker.cli.html_report.charts import require_matplotlib

        require_matplotlib()  # before the database is even opened
        _write_page(_open_checking(config, html), query, html)
        return
    if heatmap:
        _show_heatmap(config.open(), query)
        return
    database = _open_checking(config, output)
    result = summarize(database, query)
    if not result.groups and not result.hidden:
        render.note("no reports match")
    if json_output or csv_output:
        if note := summary_render.hidden_note(result.hidden, result.min_reports, "group"):
            render.note(note)
        _emit_data((g.as_json() for g in result.groups), result.columns, json_output, output, "group", database, excel)
        return
    groups = plural(len(result.groups), "group")
    title = f"Jamming by {' and '.join(result.by)}, {_period(since_at, until_at)}: {groups}"
    render.stdout().print(summary_render.summary_table(result, title))


def _write_page(database: "Database", query: "SummaryQuery", path: Path) -> None:
    from swtracker.cli import render
    from swtracker.cli.html_report import page
    from swtracker.services.jamming_report import jamming_report
    from swtracker.services.outputs import database_files, write_text_atomically

    generated_at = datetime.now(UTC)
    report = jamming_report(database, query, today=generated_at.date())
    html = page.render_page(
        report, period=_period(query.since, query.until), station=query.station, generated_at=generated_at
    )
    write_text_atomically(path, lambda stream: stream.write(html), database_files(database.url))
    stations = plural(len(report.stations.groups), "station")
    render.stderr().print(f"Wrote the jamming report ({stations}) to {path}.")


def _show_heatmap(database: "Database", query: "SummaryQuery") -> None:
    from swtracker.cli import heatmap_render, render
    from swtracker.services.summary import heatmap

    result = heatmap(database, query)
    if not result.rows:
        render.note("no reports match")
    stations = plural(len(result.rows), "station")
    title = f"Jam rate by station and UTC hour, {_period(query.since, query.until)}: {stations}"
    render.stdout().print(heatmap_render.HeatmapView(result, title))


def coverage(
    ctx: typer.Context,
    station: StationOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    json_output: JsonOption = False,
    csv_output: CsvOption = False,
    excel: ExcelOption = False,
    output: OutputOption = None,
    db: DbOption = None,
    tz: TzOption = None,
) -> None:
    """How much of each station's schedule was monitored: scheduled broadcasts in the period, how many had a
    report, how many of those were jammed, how many nobody heard. Default period: the UTC days of the first to
    the last report; at most 366 days. Stations: the one named, else those with reports and the curated ones."""
    from swtracker.cli import render, summary_render
    from swtracker.services.coverage import COVERAGE_COLUMNS, CoverageQuery
    from swtracker.services.coverage import coverage as station_coverage

    _check_output(json_output, csv_output, output, excel)
    config = settings(ctx, db, tz)
    query = CoverageQuery(station, *config.period(since, until))
    database = _open_checking(config, output)
    result = station_coverage(database, query)
    if result.since is None or result.until is None:
        render.note("no reports to take the period from: give --since and --until")
    elif result.period_from_reports:
        render.note(f"period {_period(result.since, result.until)}, from the reports (set it with --since/--until)")
    if any(item.unscheduled_months for item in result.stations):
        render.note(
            "some stations have months with no loaded schedule (unscheduled_months): those months count no "
            "airings, so nothing never monitored; import that season's schedule to count them"
        )
    if json_output or csv_output:
        _emit_data(
            (s.as_json() for s in result.stations), COVERAGE_COLUMNS, json_output, output, "station", database, excel
        )
        return
    stations = plural(len(result.stations), "station")
    title = f"Schedule coverage, {_period(result.since, result.until)}: {stations}"
    render.stdout().print(summary_render.coverage_table(result, title))


def register(app: typer.Typer) -> None:
    app.command()(summary)
    app.command()(coverage)
