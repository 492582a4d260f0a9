"""log, and reports list/show/edit/delete/import/export: what listeners heard."""

import sys
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from swtracker.cli.completion import complete_station, complete_status
from swtracker.cli.options import (
    AtOption,
    DbOption,
    ExcelOption,
    FreqOption,
    JsonOption,
    LimitOption,
    Settings,
    SinceOption,
    StationOption,
    TzOption,
    UntilOption,
    settings,
)
from swtracker.cli.report_options import (
    HeardLanguageOption,
    HomeLocationOption,
    IdArgument,
    JammerOption,
    LocationOption,
    NotesOption,
    ReceiverOption,
    ReporterFilter,
    ReporterOption,
    SinpoOption,
    SioOption,
    StatusOption,
)
from swtracker.cli.wording import plural
from swtracker.errors import ExitCode, UsageError

if TYPE_CHECKING:
    from swtracker.domain.report import StoredReport
    from swtracker.services.database import Database
    from swtracker.services.reports import LoggedReport, ReportQuery

LIST_LIMIT = 50  # reports in the `reports list` table unless --limit says otherwise

reports_app = typer.Typer(
    help="Listener reports: list, show, edit, delete, and import/export the interchange CSV.", no_args_is_help=True
)


def _on_terminal() -> bool:
    """Someone is there to answer a question: stdin and stderr (where questions go) are terminals."""
    return sys.stdin.isatty() and sys.stderr.isatty()


def _offer_candidates(database: "Database", logged: "LoggedReport") -> "StoredReport":
    """On a terminal, let the listener pick one of the stations an ambiguous report could belong to."""
    from swtracker.cli import render
    from swtracker.services.reports import edit_report

    if not (logged.choices and _on_terminal()):
        return logged.report
    for number, (name, _) in enumerate(logged.choices, start=1):
        render.stderr().print(f"  {number}. {name}")
    answer = typer.prompt("Attach it to (number; Enter keeps it ambiguous)", default="", show_default=False, err=True)
    key = {str(number): key for number, (_, key) in enumerate(logged.choices, start=1)}.get(answer.strip())
    if key is None:
        return logged.report
    return edit_report(database, str(logged.report.id), {"station": key})


def log(
    ctx: typer.Context,
    frequency: Annotated[str, typer.Argument(help="Frequency heard: 7515, '7515 kHz' or '7.515 MHz'.")],
    status: Annotated[
        str,
        typer.Option(
            "--status", help="clear, jammed, blocked or silent.", show_default=False, autocompletion=complete_status
        ),
    ],
    station: Annotated[
        str | None,
        typer.Option(
            "--station",
            autocompletion=complete_station,
            help="Station name, alias or key. Default: the station on air within ±2.5 kHz at that instant.",
            show_default=False,
        ),
    ] = None,
    at: AtOption = None,
    sinpo: SinpoOption = None,
    sio: SioOption = None,
    jammer: JammerOption = None,
    reporter: ReporterOption = None,
    location: HomeLocationOption = None,
    lang: HeardLanguageOption = None,
    receiver: ReceiverOption = None,
    notes: NotesOption = None,
    json_output: JsonOption = False,
    db: DbOption = None,
    tz: TzOption = None,
) -> None:
    """Log what you heard on a frequency; the report is attributed to the broadcast on air there."""
    from swtracker.cli import json_shapes, render, report_render
    from swtracker.domain.frequency import parse_frequency
    from swtracker.domain.report import ListenerReport
    from swtracker.services.reports import log_report, option_errors

    if sinpo and sio:
        raise UsageError("give --sinpo or --sio, not both")
    config = settings(ctx, db, tz)
    now = datetime.now(UTC)
    with option_errors():
        report = ListenerReport(
            uid=uuid.uuid4().hex,  # a logged report is new: two alike are still two reports
            observed_at=config.instant(at, option="--at", now=now) or now,
            frequency_khz=parse_frequency(frequency),
            station=station,
            status=status,
            sinpo=sinpo,
            sio=sio,
            jammer=jammer,
            reporter=reporter,
            location=location,
            receiver=receiver,
            notes=notes,
        )
    database = config.open()
    logged = log_report(database, report, now=now, language=lang, zone=config.zone)
    if (note := report_render.attribution_note(logged.report, config.zone)) is not None:
        render.note(note)
    if json_output:
        render.print_json(json_shapes.report_json(logged.report))
        return
    stored = _offer_candidates(database, logged)
    render.stdout().print(report_render.logged_line(stored, config.zone), soft_wrap=True)


def _query(
    station: str | None,
    freq: str | None,
    status: str | None,
    reporter: str | None,
    since: str | None,
    until: str | None,
    limit: int | None,
    config: Settings,
) -> "ReportQuery":
    from swtracker.services.reports import ReportQuery

    return ReportQuery(station, freq, status, reporter, *config.period(since, until), limit)


@reports_app.command("list")
def list_(
    ctx: typer.Context,
    station: StationOption = None,
    freq: FreqOption = None,
    status: StatusOption = None,
    reporter: ReporterFilter = None,
    since: SinceOption = None,
    until: UntilOption = None,
    limit: Annotated[
        int | None,
        typer.Option(
            "--limit",
            min=0,
            help=f"Show at most N reports; 0 for all. Default: the newest {LIST_LIMIT} in the table, all with --json.",
            show_default=False,
        ),
    ] = None,
    json_output: JsonOption = False,
    db: DbOption = None,
    tz: TzOption = None,
) -> None:
    """Reports matching the filters, newest first: the newest 50 unless --limit says otherwise."""
    from swtracker.cli import json_shapes, render, report_render
    from swtracker.services.reports import report_listing

    config = settings(ctx, db, tz)
    if limit is None and not json_output:
        limit = LIST_LIMIT
    query = _query(station, freq, status, reporter, since, until, limit or None, config)
    listing = report_listing(config.open(), query)
    if json_output:
        render.print_json([json_shapes.report_json(stored) for stored in listing.reports])
        return
    render.stdout().print(report_render.reports_table(listing, config.zone))


@reports_app.command("show")
def show(
    ctx: typer.Context, ident: IdArgument, json_output: JsonOption = False, db: DbOption = None, tz: TzOption = None
) -> None:
    """One report with everything stored about it."""
    from swtracker.cli import json_shapes, render, report_render
    from swtracker.services.reports import show_report

    config = settings(ctx, db, tz)
    report = show_report(config.open(), ident)
    if json_output:
        render.print_json(json_shapes.report_json(report))
        return
    render.stdout().print(report_render.report_table(report, config.zone))


@reports_app.command("edit")
def edit(
    ctx: typer.Context,
    ident: IdArgument,
    status: StatusOption = None,
    sinpo: SinpoOption = None,
    sio: SioOption = None,
    jammer: JammerOption = None,
    station: Annotated[
        str | None,
        typer.Option(
            "--station",
            autocompletion=complete_station,
            help="Attach to this station (given); '' attributes it from the schedules again.",
            show_default=False,
        ),
    ] = None,
    notes: NotesOption = None,
    reporter: Annotated[str | None, typer.Option("--reporter", help="Who heard it.", show_default=False)] = None,
    location: LocationOption = None,
    receiver: ReceiverOption = None,
    frequency: Annotated[
        str | None,
        typer.Option(
            "--frequency",
            help="The frequency heard (7515, '7.515 MHz'); attributes the report again.",
            show_default=False,
        ),
    ] = None,
    at: Annotated[
        str | None,
        typer.Option(
            "--at", help="When it was heard (as for `log --at`); attributes the report again.", show_default=False
        ),
    ] = None,
    json_output: JsonOption = False,
    db: DbOption = None,
    tz: TzOption = None,
) -> None:
    """Change a report; the whole report is checked again. An empty value ('') clears a field. A new frequency or
    instant attributes the report again (a station you gave stays)."""
    from swtracker.cli import json_shapes, render, report_render
    from swtracker.domain.frequency import parse_frequency
    from swtracker.services.reports import edit_report, option_errors

    if sinpo is not None and sio is not None:
        raise UsageError("give --sinpo or --sio, not both")
    config = settings(ctx, db, tz)
    moved: dict[str, object] = {}
    with option_errors():
        if frequency is not None:
            moved["frequency_khz"] = parse_frequency(frequency)
        if at is not None:
            moved["observed_at"] = config.instant(at, option="--at", now=datetime.now(UTC))
    given = {
        "status": status,
        "sinpo": sinpo,
        "sio": sio,
        "jammer": jammer,
        "station": station,
        "reporter": reporter,
        "location": location,
        "receiver": receiver,
        "notes": notes,
    }
    changes = {name: value for name, value in given.items() if value is not None}
    report = edit_report(config.open(), ident, {**changes, **moved})
    if json_output:
        render.print_json(json_shapes.report_json(report))
        return
    render.stdout().print(report_render.report_table(report, config.zone))


@reports_app.command("attribute")
def attribute_again(ctx: typer.Context, json_output: JsonOption = False, db: DbOption = None) -> None:
    """Attribute the unattributed and ambiguous reports again (after loading new schedules), with each report's
    location; says how many changed."""
    from swtracker.cli import render
    from swtracker.services.reports import reattribute

    result = reattribute(settings(ctx, db).open())
    if json_output:
        render.print_json({"checked": result.checked, "changed": result.changed, "matched": result.matched})
        return
    render.stdout().print(
        f"{result.checked} unattributed or ambiguous reports checked: {result.changed} changed, "
        f"{result.matched} of them now attributed to one station."
    )


@reports_app.command("delete")
def delete(
    ctx: typer.Context,
    ident: IdArgument,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Delete without asking.")] = False,
    db: DbOption = None,
) -> None:
    """Delete a report. Asks first on a terminal; elsewhere needs --yes."""
    from swtracker.cli import render
    from swtracker.domain.frequency import format_frequency
    from swtracker.services.reports import delete_report, show_report

    database = settings(ctx, db).open()
    if not yes:
        if not _on_terminal():
            raise UsageError("not deleting without --yes: there is no terminal to ask on")
        stored = show_report(database, ident)
        heard = f"{format_frequency(stored.report.frequency_khz)} kHz, {stored.report.status}"
        if not typer.confirm(f"Delete report {stored.id} ({heard})?", err=True):
            render.stderr().print(f"Kept report {stored.id}.")
            return
    deleted = delete_report(database, ident)
    render.stderr().print(f"Deleted report {deleted.id} (uid {deleted.report.uid}).")


@reports_app.command("import")
def import_(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="Interchange CSV (UTF-8, a BOM is fine) as `reports export` writes.")],
    strict: Annotated[bool, typer.Option("--strict", help="Import nothing when any row is bad.")] = False,
    json_output: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Import reports from the interchange CSV that `reports export` writes. Every row is checked first and each
    bad one is listed as FILE:LINE: field: reason; the good rows are stored (exit 0). Exit 65, with nothing
    stored, when every row is bad or --strict finds one. A 3-character value in the sinpo column is an SIO code.
    Rows already stored (same uid, same content) are skipped; a row without uid gets one made from its content."""
    from swtracker.cli import json_shapes, render, report_render
    from swtracker.services.report_transfer import import_reports

    result = import_reports(settings(ctx, db).open(), file, strict=strict, now=datetime.now(UTC))
    for error in result.bad:
        render.stderr().print(str(error))
    if json_output:
        render.print_json(json_shapes.report_import_json(result))
    else:
        render.stderr().print(report_render.import_summary(result))
    if result.refused:
        raise typer.Exit(int(ExitCode.DATA))


@reports_app.command("export")
def export(
    ctx: typer.Context,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file (default: stdout).", show_default=False)
    ] = None,
    station: StationOption = None,
    freq: FreqOption = None,
    status: StatusOption = None,
    reporter: ReporterFilter = None,
    since: SinceOption = None,
    until: UntilOption = None,
    limit: LimitOption = None,
    excel: ExcelOption = False,
    json_output: Annotated[
        bool,
        typer.Option("--json", help="Print the reports as JSON (as `reports list --json`, oldest first) instead."),
    ] = False,
    db: DbOption = None,
    tz: TzOption = None,
) -> None:
    """Write reports, oldest first, as the interchange CSV: uid,observed_at,frequency_khz,station,status,sinpo,
    jammer,reporter,location,receiver,notes. SIO codes go in the sinpo column; text a spreadsheet would run as a
    formula gets a leading ' (import takes it off again)."""
    from swtracker.cli import json_shapes, render
    from swtracker.cli.summary_render import for_spreadsheets
    from swtracker.errors import UsageError
    from swtracker.services.outputs import database_files, write_text_atomically
    from swtracker.services.report_transfer import export_reports
    from swtracker.services.reports import list_reports

    if json_output and (excel or output is not None):
        raise UsageError("--json prints to stdout: give it without --excel and --output")
    config = settings(ctx, db, tz)
    query = _query(station, freq, status, reporter, since, until, limit, config)
    database = config.open()
    if json_output:
        render.print_json([json_shapes.report_json(s) for s in list_reports(database, query, newest_first=False)])
        return
    write = for_spreadsheets(lambda stream: export_reports(database, query, stream), excel)
    if output is None:
        write(sys.stdout)
        return
    count = write_text_atomically(output, write, database_files(database.url))
    render.stderr().print(f"Exported {plural(count, 'report')} to {output}.")


def register(app: typer.Typer) -> None:
    app.command()(log)
    app.add_typer(reports_app, name="reports")
