"""bookmarks, calendar, spots: the schedule in the listener's SDR program and calendar."""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TextIO

import typer

from swtracker.cli.options import (
    AtOption,
    BandOption,
    DbOption,
    FreqOption,
    KindOption,
    LangOption,
    SourceOption,
    StationOption,
    TargetOption,
    TzOption,
    settings,
)
from swtracker.cli.wording import plural
from swtracker.errors import InputError, UsageError

if TYPE_CHECKING:
    from swtracker.services.database import Database

OutputOption = Annotated[
    Path | None, typer.Option("--output", "-o", help="Write to this file (default: stdout).", show_default=False)
]
DEFAULT_HOURS = 3.0


def _write(output: Path | None, write: Callable[[TextIO], int], database: Database) -> int:
    """To stdout, or atomically to `output`, which must not be one of the database's files."""
    from swtracker.services.outputs import database_files, write_text_atomically

    if output is None:
        return write(sys.stdout)
    return write_text_atomically(output, write, database_files(database.url))


def bookmarks(
    ctx: typer.Context,
    format_name: Annotated[
        str,
        typer.Argument(
            metavar="FORMAT", help="gqrx, sdrpp, sdrsharp, kiwisdr, openwebrx or chirp.", show_default=False
        ),
    ],
    at: AtOption = None,
    hours: Annotated[
        float | None,
        typer.Option(
            "--hours", help="Also what starts within this many hours of --at. [default: 3]", show_default=False
        ),
    ] = None,
    season: Annotated[
        bool,
        typer.Option("--season", help="kiwisdr only: every active entry the filters select, with its days and times."),
    ] = False,
    freq: FreqOption = None,
    band: BandOption = None,
    station: StationOption = None,
    lang: LangOption = None,
    target: TargetOption = None,
    source: SourceOption = None,
    kind: KindOption = None,
    output: OutputOption = None,
    db: DbOption = None,
    tz: TzOption = None,
) -> None:
    """Bookmarks for an SDR program: what is on air at --at (default now) and what starts within --hours, each
    labelled with station and UTC slot; jammers in their own tag or group."""
    from swtracker.cli import render
    from swtracker.exports.bookmark_formats import SEASON_FORMATS, WRITERS
    from swtracker.services import bookmarks as selection
    from swtracker.services.onair import FilterOptions
    from swtracker.services.outputs import check_output, database_files

    writer = WRITERS.get(format_name.casefold())
    if writer is None:
        raise UsageError(f"unknown format {format_name!r}: use one of {', '.join(WRITERS)}")
    config = settings(ctx, db, tz)
    options = FilterOptions(freq, band, station, lang, target, source, kind)
    database = config.open()
    if output is not None:  # refused before any note is shown
        check_output(output, database_files(database.url))
    if season:
        if format_name.casefold() not in SEASON_FORMATS:
            raise UsageError(f"--season is for {', '.join(SEASON_FORMATS)}: other programs' bookmarks have no times")
        if at is not None or hours is not None:
            raise UsageError("--season exports every day and time: leave out --at and --hours")
        result = selection.season(database, options)
        what = "no active entry matches these filters"
    else:
        now = datetime.now(UTC)
        instant = config.instant(at, option="--at", now=now) or now
        span = DEFAULT_HOURS if hours is None else hours
        result = selection.around(database, instant, span, options)
        what = f"nothing on air at {render.when(instant, config.zone)} or starting within {span:g} h"
    if result.coverage_note:
        render.note(result.coverage_note)
    count = _write(output, lambda stream: writer(result.bookmarks, stream), database)
    if not result.bookmarks:
        render.note(f"{what}: the {format_name.casefold()} file is valid and empty")
    elif output is not None:
        render.stderr().print(f"Wrote {plural(count, format_name.casefold() + ' bookmark')} to {output}.")


_REMINDER = re.compile(r"([0-9]{1,4})\s*(m|min|h)?", re.IGNORECASE)


def reminder(text: str) -> timedelta:
    """`5m`, `90` (minutes) or `1h` -> how long before each start the calendar reminds."""
    match = _REMINDER.fullmatch(text.strip())
    if not match or int(match.group(1)) == 0:
        raise InputError(f"--remind {text!r}: give minutes or hours before the start, such as 5m, 30 or 1h")
    minutes = int(match.group(1)) * (60 if (match.group(2) or "").casefold() == "h" else 1)
    return timedelta(minutes=minutes)


def calendar(
    ctx: typer.Context,
    station: StationOption = None,
    source: SourceOption = None,
    target: TargetOption = None,
    freq: FreqOption = None,
    lang: LangOption = None,
    kind: KindOption = None,
    remind: Annotated[
        str | None,
        typer.Option(
            "--remind", help="Add a reminder this long before each start: 5m, 30 (minutes), 1h.", show_default=False
        ),
    ] = None,
    output: OutputOption = None,
    db: DbOption = None,
) -> None:
    """An iCalendar file (.ics) of the schedule entries the filters select: one event per entry, in UTC, repeating
    on its days until its last valid day. Irregular entries (irr, alt, ...) are left out."""
    from swtracker.cli import render
    from swtracker.exports import icalendar_file
    from swtracker.services.calendar_export import calendar_events
    from swtracker.services.onair import FilterOptions
    from swtracker.services.outputs import check_output, database_files

    before = reminder(remind) if remind is not None else None
    options = FilterOptions(freq=freq, station=station, language=lang, target=target, source=source, kind=kind)
    database = settings(ctx, db).open()
    if output is not None:  # refused before any note is shown
        check_output(output, database_files(database.url))
    result = calendar_events(database, options)
    stamp = datetime.now(UTC).replace(microsecond=0)
    count = _write(
        output, lambda stream: icalendar_file.write(result.events, stream, stamp=stamp, remind=before), database
    )
    if result.irregular:
        render.note(
            f"left out {plural(result.irregular, 'irregular entry')} (days such as irr or alt are not a schedule)"
        )
    if result.never:
        render.note(f"left out {plural(result.never, 'entry')} that never air (an empty window, or no valid day)")
    if not result.events:
        render.note("no schedule entry matches these filters: the calendar is valid and empty")
    elif output is not None:
        render.stderr().print(f"Wrote {plural(count, 'event')} to {output}.")


def spots(
    ctx: typer.Context,
    port: Annotated[int, typer.Option("--port", min=0, max=65535, help="TCP port (0: any free port).")] = 7300,
    host: Annotated[
        str,
        typer.Option("--host", help="Address to listen on. Anything but loopback shares the feed with the network."),
    ] = "127.0.0.1",
    refresh: Annotated[
        float, typer.Option("--refresh", min=0.1, help="Seconds between look-ups of what is on air.")
    ] = 60.0,
    at: Annotated[
        str | None,
        typer.Option(
            "--at", help="Replay from this instant instead of now (the clock then runs on from it).", show_default=False
        ),
    ] = None,
    freq: FreqOption = None,
    band: BandOption = None,
    station: StationOption = None,
    lang: LangOption = None,
    target: TargetOption = None,
    source: SourceOption = None,
    kind: KindOption = None,
    db: DbOption = None,
    tz: TzOption = None,
) -> None:
    """A DX-cluster telnet service for SDR programs (gqrx: DX Cluster, host localhost, port 7300): spots of what is
    on air, refreshed every minute, so labels appear on the waterfall without a file. Ctrl-C stops it."""
    import time

    from swtracker.cli import render
    from swtracker.services.onair import FilterOptions
    from swtracker.services.spots import SpotService

    config = settings(ctx, db, tz)
    started, ticks = datetime.now(UTC), time.monotonic()
    start = config.instant(at, option="--at", now=started) or started

    def clock() -> datetime:
        return start + timedelta(seconds=time.monotonic() - ticks)

    options = FilterOptions(freq, band, station, lang, target, source, kind)
    service = SpotService(config.open(), options, clock, host=host, port=port)
    service.refresh()  # a bad filter fails here, before anything listens
    address, bound = service.start()
    render.stderr().print(
        f"Serving DX-cluster spots on {address}:{bound}, refreshed every {refresh:g} s; Ctrl-C stops."
    )
    try:
        while True:
            time.sleep(refresh)
            service.refresh()
    except KeyboardInterrupt:
        service.stop()
        render.stderr().print("Stopped the spot service.")


def register(app: typer.Typer) -> None:
    app.command()(bookmarks)
    app.command()(calendar)
    app.command()(spots)
