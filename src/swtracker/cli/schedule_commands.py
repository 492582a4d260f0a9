"""now, next, schedule, stations: reading the schedules."""

from datetime import UTC, datetime, tzinfo
from typing import TYPE_CHECKING, Annotated

import typer

from swtracker.cli.completion import complete_station
from swtracker.cli.options import (
    AtOption,
    BandOption,
    DbOption,
    FreqOption,
    HideNotHeardOption,
    JsonOption,
    KindOption,
    LangOption,
    LimitOption,
    SourceOption,
    StationOption,
    TargetOption,
    TzOption,
    settings,
)
from swtracker.cli.wording import plural

if TYPE_CHECKING:
    from swtracker.services.onair import OnAirResult


def now(
    ctx: typer.Context,
    at: AtOption = None,
    freq: FreqOption = None,
    band: BandOption = None,
    station: StationOption = None,
    lang: LangOption = None,
    target: TargetOption = None,
    source: SourceOption = None,
    kind: KindOption = None,
    hide_not_heard: HideNotHeardOption = False,
    limit: LimitOption = None,
    json_output: JsonOption = False,
    db: DbOption = None,
    tz: TzOption = None,
) -> None:
    """Who is on air at an instant (default: now): broadcasts, and the jammers sitting on them."""
    from swtracker.cli import render
    from swtracker.services.onair import FilterOptions, on_air

    config = settings(ctx, db, tz)
    zone = config.zone
    now = datetime.now(UTC)
    instant = config.instant(at, option="--at", now=now) or now
    options = FilterOptions(freq, band, station, lang, target, source, kind, hide_not_heard)
    result = on_air(config.open(), instant, options, limit)
    _show_airings(result, zone, json_output, f"On air at {render.when(instant, zone)}")


def next_(
    ctx: typer.Context,
    hours: Annotated[float, typer.Option("--hours", help="Look this many hours ahead.")] = 3,
    at: AtOption = None,
    freq: FreqOption = None,
    band: BandOption = None,
    station: StationOption = None,
    lang: LangOption = None,
    target: TargetOption = None,
    source: SourceOption = None,
    kind: KindOption = None,
    hide_not_heard: HideNotHeardOption = False,
    limit: LimitOption = None,
    json_output: JsonOption = False,
    db: DbOption = None,
    tz: TzOption = None,
) -> None:
    """Broadcasts that start within the next hours (default 3), soonest first."""
    from swtracker.cli import render
    from swtracker.services.onair import FilterOptions, starting_soon

    config = settings(ctx, db, tz)
    zone = config.zone
    now = datetime.now(UTC)
    instant = config.instant(at, option="--at", now=now) or now
    options = FilterOptions(freq, band, station, lang, target, source, kind, hide_not_heard)
    result = starting_soon(config.open(), instant, hours, options, limit)
    _show_airings(
        result, zone, json_output, f"Starting within {hours:g} h of {render.when(instant, zone)}", starts=True
    )


def _show_airings(
    result: "OnAirResult", zone: tzinfo | None, json_output: bool, heading: str, *, starts: bool = False
) -> None:
    """now's and next's output: the coverage note, then the airings as JSON or as a table titled `heading`."""
    from swtracker.cli import json_shapes, render

    if result.coverage_note:
        render.note(result.coverage_note)
    if json_output:
        render.print_json([json_shapes.item_json(item, zone) for item in result.items])
        return
    title = f"{heading}: {plural(len(result.items), 'airing')}"
    # crop=False: the listing is laid out for the console's width (cli.tables), so no line needs cropping, and
    # Rich's cropping pass measures every one of a season listing's 3,000 lines again.
    render.stdout().print(render.items_table(result.items, zone, title=title, starts=starts), crop=False)


def schedule(
    ctx: typer.Context,
    station: Annotated[str, typer.Argument(help="Station name, alias or key.", autocompletion=complete_station)],
    all_entries: Annotated[
        bool, typer.Option("--all", help="Include inactive entries (EiBi P=8, other season).")
    ] = False,
    json_output: JsonOption = False,
    db: DbOption = None,
    tz: TzOption = None,
) -> None:
    """A station's schedule entries, with UTC and (with --tz) local times."""
    from swtracker.cli import json_shapes, render
    from swtracker.services.catalog import station_schedule

    config = settings(ctx, db, tz)
    zone = config.zone
    result = station_schedule(config.open(), station, include_inactive=all_entries)
    today = datetime.now(UTC).date()
    if json_output:
        render.print_json(json_shapes.schedule_json(result, zone, today))
        return
    render.stdout().print(render.schedule_table(result, zone, today))


def stations(
    ctx: typer.Context,
    search: Annotated[
        str | None,
        typer.Option(
            "--search", "-s", help="Only stations whose name or alias contains this text.", show_default=False
        ),
    ] = None,
    curated: Annotated[bool, typer.Option("--curated", help="Only the curated stations (data/schedules).")] = False,
    json_output: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Stations with their aliases; curated ones first."""
    from swtracker.cli import catalog_render, json_shapes, render
    from swtracker.services.catalog import list_stations

    found = list_stations(settings(ctx, db).open(), search, curated_only=curated)
    if json_output:
        render.print_json([json_shapes.station_json(s) for s in found])
        return
    if not found and search is not None:
        # An empty table under "0 stations" reads like a broken database; say what was looked for instead.
        which = "curated station" if curated else "station"
        render.note(f"no {which}'s name or alias contains {search!r}; `swtracker stations` lists them all")
        return
    render.stdout().print(catalog_render.stations_table(found))


def register(app: typer.Typer) -> None:
    app.command()(now)
    app.command("next")(next_)
    app.command()(schedule)
    app.command()(stations)
