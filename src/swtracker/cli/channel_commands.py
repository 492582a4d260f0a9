"""channels, changes, history: where a clear channel is, and how stations and jammers moved between seasons."""

import sys
from datetime import UTC, date, datetime
from typing import Annotated, Any

import typer

from swtracker.cli.options import BandOption, DbOption, FreqOption, JsonOption, StationOption, TzOption, settings
from swtracker.errors import InputError, UsageError

CsvOption = Annotated[bool, typer.Option("--csv", help="Print CSV (data only; header row first) instead of a table.")]
TargetAreaOption = Annotated[
    str | None,
    typer.Option(
        "--target",
        help="Target area: an ITU country (KRE), an EiBi region (FE) or CIRAF zones (44NE). Entries aimed "
        "elsewhere count less (channels) or are left out (changes).",
        show_default=False,
    ),
]


def _check_formats(json_output: bool, csv_output: bool) -> None:

    if json_output and csv_output:
        raise UsageError("give --json or --csv, not both")


def _emit(rows: list[dict[str, Any]], columns: tuple[str, ...], json_output: bool) -> None:
    from swtracker.cli import render, summary_render

    if json_output:
        render.print_json(rows)
    else:
        summary_render.write_csv(columns, rows, sys.stdout)


def _date(text: str | None, option: str) -> date | None:

    if text is None:
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InputError(f"{option} {text!r}: give a date as YYYY-MM-DD") from None


def channels(
    ctx: typer.Context,
    window: Annotated[
        str, typer.Option("--window", help="The UTC window to broadcast in, HHMM-HHMM (2030-0130 runs past midnight).")
    ],
    freq: FreqOption = None,
    band: BandOption = None,
    on: Annotated[
        str | None, typer.Option("--on", help="One UTC date, YYYY-MM-DD (the day the window starts).")
    ] = None,
    days: Annotated[
        str | None,
        typer.Option("--days", help="Weekdays across a season, EiBi style: Mo-Fr, SaSu, 1357. Default: daily."),
    ] = None,
    season: Annotated[
        str | None,
        typer.Option("--season", help="Without --on: the season (A26, B26) of --days. Default: today's season."),
    ] = None,
    target: TargetAreaOption = None,
    step: Annotated[float, typer.Option("--step", help="Channel raster in kHz: candidates are its multiples.")] = 5,
    json_output: JsonOption = False,
    csv_output: CsvOption = False,
    db: DbOption = None,
    tz: TzOption = None,
) -> None:
    """Rank the channels of a range or band by how occupied they are in a UTC window, clearest first. Every entry
    of every loaded source on the channel or ±5/±10 kHz from it counts, weighted by the part of the window it
    airs, whether it aims at --target, its offset and its power; jammers count ten times; listener reports of
    jamming on the channel add. See README "Finding a clear channel" for the rule."""
    from swtracker.cli import channel_render, render
    from swtracker.services.channels import ChannelQuery, find_channels

    _check_formats(json_output, csv_output)
    config = settings(ctx, db, tz)
    query = ChannelQuery(window, freq, band, _date(on, "--on"), days, season, target, step)
    result = find_channels(config.open(), query, today=datetime.now(UTC).date())
    if result.note:
        render.note(result.note)
    if json_output or csv_output:
        rows = [channel_render.channel_json(c) for c in result.channels]
        if csv_output:
            rows = [channel_render.channel_csv(c) for c in result.channels]
        _emit(rows, channel_render.CHANNEL_COLUMNS, json_output)
        return
    towards = f" towards {target}" if target else ""
    zone = config.zone
    local = ""
    if zone:  # local time moves with daylight saving: across a season, name the day it is shown for
        day = "" if on else f" on {result.first.start.date()}"
        local = f" ({render.local_window(result.first, zone, weekday=False)}{day})"
    title = f"Channels by occupancy, {result.window} UTC{local}, {result.period}{towards}: clearest first"
    render.stdout().print(channel_render.channels_table(result, title))


def changes(
    ctx: typer.Context,
    old: Annotated[str, typer.Argument(help="The earlier source (see swtracker sources), e.g. sked-a25.")],
    new: Annotated[str, typer.Argument(help="The later source, e.g. sked-a26.")],
    station: StationOption = None,
    target: TargetAreaOption = None,
    json_output: JsonOption = False,
    csv_output: CsvOption = False,
    db: DbOption = None,
) -> None:
    """What changed from one source (season) to another: per station and time slot kept, moved (old → new kHz),
    dropped or added, counting only entries active in each (EiBi P codes); jammer channels kept, dropped or
    added; for each move whether a jammer sat on the old channel before and on the new one after (followed:
    yes/no/unknown), and listener reports on each."""
    from swtracker.cli import changes_render, render
    from swtracker.services.changes import season_changes

    _check_formats(json_output, csv_output)
    result = season_changes(settings(ctx, db).open(), old, new, station=station, target=target)
    if not result.rows:
        render.note("nothing to compare: no active entries match in either source")
    if json_output or csv_output:
        _emit([changes_render.change_json(r) for r in result.rows], changes_render.CHANGE_COLUMNS, json_output)
        return
    title = f"Changes from {old} to {new}" + (f" towards {target}" if target else "") + f": {len(result.rows)}"
    render.stdout().print(changes_render.changes_table(result, title))


def history(
    ctx: typer.Context,
    station: Annotated[str, typer.Argument(help="Station name, alias or key.")],
    json_output: JsonOption = False,
    csv_output: CsvOption = False,
    db: DbOption = None,
) -> None:
    """One station's frequencies and time slots across every loaded season, and the seasons a jammer sat on
    them. A curated (seasonless) entry counts for every season its validity touches."""
    from swtracker.cli import changes_render, render
    from swtracker.services.history import station_history

    _check_formats(json_output, csv_output)
    result = station_history(settings(ctx, db).open(), station)
    if json_output:
        render.print_json([changes_render.history_json(r, result) for r in result.rows])
        return
    if csv_output:
        rows = [changes_render.history_csv(r, result) for r in result.rows]
        _emit(rows, changes_render.HISTORY_COLUMNS, False)
        return
    render.stdout().print(changes_render.history_table(result, f"{result.station}: frequencies by season"))


def register(app: typer.Typer) -> None:
    app.command()(channels)
    app.command()(changes)
    app.command()(history)
