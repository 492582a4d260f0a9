"""sources, sources remove: the imported files."""

import sys
from datetime import UTC, datetime
from typing import Annotated

import typer

from swtracker.cli.options import DbOption, JsonOption, settings
from swtracker.cli.wording import plural

sources_app = typer.Typer(help="Imported sources (see `sources --help`); `sources remove NAME` deletes one.")


@sources_app.callback(invoke_without_command=True)
def sources(ctx: typer.Context, json_output: JsonOption = False, db: DbOption = None) -> None:
    """Imported sources: format, season, validity, rows, when imported or fetched, and whether a season file is
    stale today (its season is over: get the current one with `swtracker fetch eibi`)."""
    if ctx.invoked_subcommand is not None:
        return
    from swtracker.cli import catalog_render, json_shapes, render
    from swtracker.services.catalog import list_sources

    found = list_sources(settings(ctx, db).open(), today=datetime.now(UTC).date())
    if json_output:
        render.print_json([json_shapes.source_json(s) for s in found])
        return
    render.stdout().print(catalog_render.sources_table(found))


@sources_app.command("remove")
def remove(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="The source's name (see `swtracker sources`).")],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Remove without asking.")] = False,
    db: DbOption = None,
) -> None:
    """Remove an imported source and its entries. Reports attached to its entries stay, with their station and
    attribution. Asks first on a terminal; elsewhere needs --yes."""
    from swtracker.cli import render
    from swtracker.errors import UsageError
    from swtracker.services.source_removal import remove_source, source_impact

    database = settings(ctx, db).open()
    impact = source_impact(database, name)
    what = (
        f"source {name!r}: {plural(impact.entries, 'entry')}; reports attached to them: {impact.reports_attached:,}; "
        "they keep their station and attribution (`swtracker reports attribute` re-checks unattributed and ambiguous "
        "ones)"
    )
    if not yes:
        if not (sys.stdin.isatty() and sys.stderr.isatty()):
            raise UsageError("not removing without --yes: there is no terminal to ask on")
        if not typer.confirm(f"Remove {what}?", err=True):
            render.stderr().print(f"Kept source {name!r}.")
            return
    remove_source(database, name)
    render.stderr().print(f"Removed {what}.")


def register(app: typer.Typer) -> None:
    app.add_typer(sources_app, name="sources")
