"""db info, db upgrade, db backup: the database itself."""

from pathlib import Path
from typing import Annotated

import typer

from swtracker.cli.options import DbOption, JsonOption, settings

db_app = typer.Typer(help="The database: where it is, its schema, backups.", no_args_is_help=True)


@db_app.command("info")
def info(ctx: typer.Context, json_output: JsonOption = False, db: DbOption = None) -> None:
    """Where the database is, its schema revision and what it holds."""
    from swtracker.cli import catalog_render, render
    from swtracker.services.maintenance import database_info

    details = database_info(settings(ctx, db).open())
    if json_output:
        render.print_json(details)
        return
    render.stdout().print(catalog_render.properties_table("Database", details))


@db_app.command("upgrade")
def upgrade(ctx: typer.Context, db: DbOption = None) -> None:
    """Upgrade the schema to this version of swtracker (also done automatically on open)."""
    from swtracker.cli import render
    from swtracker.store.schema import HEAD_REVISION

    database = settings(ctx, db).open()
    render.stderr().print(f"Database {database.label} is at schema revision {HEAD_REVISION}.")


@db_app.command("backup")
def backup(
    ctx: typer.Context,
    target: Annotated[Path, typer.Argument(help="The backup file to write (SQLite).")],
    db: DbOption = None,
) -> None:
    """Copy an SQLite database consistently while others use it (SQLite online backup). For PostgreSQL use
    pg_dump (see README)."""
    from swtracker.cli import render
    from swtracker.services.maintenance import backup_sqlite

    database = settings(ctx, db).open()
    pages = backup_sqlite(database, target)
    render.stderr().print(f"Backed up {database.label} to {target} ({pages} pages).")


def register(app: typer.Typer) -> None:
    app.add_typer(db_app, name="db")
