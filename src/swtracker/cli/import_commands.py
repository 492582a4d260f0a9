"""init and import: loading schedules into the database."""

from pathlib import Path
from typing import Annotated

import typer

from swtracker.cli.options import DbOption, settings
from swtracker.cli.wording import plural
from swtracker.errors import UsageError


def init(ctx: typer.Context, db: DbOption = None) -> None:
    """Create (or upgrade) the database and load the bundled schedules. Safe to run again."""
    from swtracker.cli import render
    from swtracker.services.bundled import load_bundled_schedules

    database = settings(ctx, db).open()
    results = load_bundled_schedules(database)
    changed = [r for r in results if not r.unchanged]
    rows = sum(r.imported for r in results)
    render.stderr().print(
        f"Database {database.label}: schema ready; {len(results)} bundled schedules "
        f"({plural(rows, 'entry')}), {len(changed)} loaded now, {len(results) - len(changed)} already current."
    )


def import_(
    ctx: typer.Context,
    files: Annotated[
        list[Path],
        typer.Argument(
            help="Schedule files: EiBi sked-XNN.csv, HFCC XNNall00.TXT "
            "(site.txt and broadcas.txt beside it are used), or swtracker "
            ".toml schedules.",
            show_default=False,
        ),
    ],
    name: Annotated[
        str | None,
        typer.Option(
            "--name",
            help="Source name (default: the file name without extension). Only with one file.",
            show_default=False,
        ),
    ] = None,
    file_format: Annotated[
        str | None,
        typer.Option("--format", help="eibi, hfcc or native (default: detected from the content).", show_default=False),
    ] = None,
    season: Annotated[
        str | None,
        typer.Option(
            "--season",
            help="Season such as A26 or B26 (default: from the file name, or the HFCC header).",
            show_default=False,
        ),
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Fail on the first bad line and change nothing.")] = False,
    rejects: Annotated[
        Path | None,
        typer.Option("--rejects", help="Write every rejected line, verbatim, to this file.", show_default=False),
    ] = None,
    db: DbOption = None,
) -> None:
    """Import schedule files. Each file is one source, replaced atomically when imported again."""
    from swtracker.cli import import_render, render
    from swtracker.services.imports import import_schedule
    from swtracker.services.schedule_files import check_schedule_file

    if name and len(files) > 1:
        raise UsageError("--name names one source: give one file with it")
    if rejects and len(files) > 1:
        raise UsageError("--rejects takes the rejected lines of one file: give one file with it")
    for path in files:
        check_schedule_file(path, fmt=file_format, season=season)
    database = settings(ctx, db).open()
    for path in files:
        with render.byte_progress(f"Importing {path.name}") as progress:
            result = import_schedule(
                database,
                path,
                name=name,
                fmt=file_format,
                season=season,
                strict=strict,
                rejects_path=rejects,
                on_progress=progress,
            )
        for line in import_render.rejected_lines(path, result, kept_in_file=rejects is not None):
            render.stderr().print(line)
        render.stderr().print(import_render.import_summary(path, result))


def register(app: typer.Typer) -> None:
    app.command()(init)
    app.command("import")(import_)
