"""init and import: loading schedules into the database."""

from pathlib import Path
from typing import Annotated

import typer

from swtracker.cli.options import DbOption, settings
from swtracker.errors import UsageError

MAX_LISTED_REJECTS = 50


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
        f"({rows} entries), {len(changed)} loaded now, {len(results) - len(changed)} already current."
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
    from swtracker.cli import render
    from swtracker.services.imports import check_schedule_file, import_schedule

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
        for rejected in result.rejected[:MAX_LISTED_REJECTS]:
            render.stderr().print(
                f"{path}:{rejected.error.line}: rejected: "
                f"{rejected.error.field + ': ' if rejected.error.field else ''}"
                f"{rejected.error.reason}"
            )
        if len(result.rejected) > MAX_LISTED_REJECTS:
            more = len(result.rejected) - MAX_LISTED_REJECTS
            render.stderr().print(
                f"... and {more} more rejected lines" + ("" if rejects else " (use --rejects FILE to keep them all)")
            )
        season_text = f", season {result.season}" if result.season else ""
        if result.unchanged:
            render.stderr().print(
                f"{path}: unchanged since the last import of source {result.source!r} "
                f"({result.imported} entries, {result.rejected_count} lines rejected); nothing to do"
                + (f" (rejected lines written to {result.rejects_file})" if result.rejects_file else "")
                + "."
            )
            continue
        render.stderr().print(
            f"{path}: source {result.source!r} ({result.format}{season_text}): {result.read} rows read, "
            f"{result.imported} imported, {result.irregular} irregular, {len(result.rejected)} rejected"
            + (f" (written to {result.rejects_file})" if result.rejects_file else "")
            + "."
        )


def register(app: typer.Typer) -> None:
    app.command()(init)
    app.command("import")(import_)
