"""fetch: download a schedule over HTTP and import it when it changed. httpx loads only when it runs."""

from typing import TYPE_CHECKING, Annotated

import typer

from swtracker.cli.options import DbOption, settings
from swtracker.cli.wording import plural

if TYPE_CHECKING:
    from swtracker.services.fetch import FetchResult

MEGABYTE = 1_000_000


def fetch(
    ctx: typer.Context,
    what: Annotated[
        str,
        typer.Argument(
            metavar="SOURCE|URL",
            help="eibi, hfcc, or the http(s) URL of a schedule file (a .zip is read like HFCC's).",
            show_default=False,
        ),
    ],
    season: Annotated[
        str | None,
        typer.Option(
            "--season",
            help="Season such as A26 or B26 (default: the season of today's UTC date; for a URL, its file name).",
            show_default=False,
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Download even when the server says the file has not changed.")
    ] = False,
    file_format: Annotated[
        str | None,
        typer.Option("--format", help="eibi, hfcc or native (default: detected from the content).", show_default=False),
    ] = None,
    connect_timeout: Annotated[
        float | None,
        typer.Option(
            "--connect-timeout",
            envvar="SWTRACKER_FETCH_CONNECT_TIMEOUT",
            min=0.001,
            help="Seconds to wait for a connection (default 10).",
            show_default=False,
        ),
    ] = None,
    read_timeout: Annotated[
        float | None,
        typer.Option(
            "--read-timeout",
            envvar="SWTRACKER_FETCH_READ_TIMEOUT",
            min=0.001,
            help="Seconds to wait for the server to send more (default 30).",
            show_default=False,
        ),
    ] = None,
    max_mb: Annotated[
        float | None,
        typer.Option(
            "--max-mb",
            envvar="SWTRACKER_FETCH_MAX_MB",
            min=0.000001,
            help="Stop a download larger than this many megabytes (default 50).",
            show_default=False,
        ),
    ] = None,
    attempts: Annotated[
        int | None,
        typer.Option(
            "--attempts",
            envvar="SWTRACKER_FETCH_ATTEMPTS",
            min=1,
            help="Tries on connection failures, timeouts and server errors (5xx), never on 4xx (default 3).",
            show_default=False,
        ),
    ] = None,
    retry_delay: Annotated[
        float | None,
        typer.Option(
            "--retry-delay",
            envvar="SWTRACKER_FETCH_RETRY_DELAY",
            min=0,
            help="Seconds before the second try, doubled before each next one (default 0.5).",
            show_default=False,
        ),
    ] = None,
    deadline: Annotated[
        float | None,
        typer.Option(
            "--deadline",
            envvar="SWTRACKER_FETCH_DEADLINE",
            min=0.001,
            help="Seconds the whole download may take, retries included (default 300).",
            show_default=False,
        ),
    ] = None,
    allow_redirect: Annotated[
        list[str] | None,
        typer.Option(
            "--allow-redirect",
            envvar="SWTRACKER_FETCH_ALLOW_REDIRECT",
            metavar="HOST",
            help="A host the server may redirect to (repeat for several; the environment variable takes them "
            "separated by spaces). Redirects within the same host, http to https included, need none.",
            show_default=False,
        ),
    ] = None,
    force_replace: Annotated[
        bool,
        typer.Option(
            "--force-replace",
            help="Import even a download that loses more than half of the source's rows or changes its season or "
            "format.",
        ),
    ] = False,
    json_output: Annotated[bool, typer.Option("--json", help="Print the result as one JSON object.")] = False,
    db: DbOption = None,
) -> None:
    """Download a schedule and import it if it changed since the last fetch.

    eibi: https://www.eibispace.de/dx/sked-xnn.csv. hfcc: https://new.hfcc.org/data/xnn/xnnallx2.zip

    SWTRACKER_EIBI_URL and SWTRACKER_HFCC_URL replace these: a base address, or a template with {season} (a26).

    The download is parsed before the database changes, and kept in the user cache directory.
    """
    from swtracker.cli import render
    from swtracker.services.download import Limits
    from swtracker.services.fetch import fetch_schedule

    limits = Limits().overridden(
        connect_timeout=connect_timeout,
        read_timeout=read_timeout,
        max_bytes=int(max_mb * MEGABYTE) if max_mb is not None else None,
        attempts=attempts,
        retry_delay=retry_delay,
        deadline=deadline,
        allowed_hosts=frozenset(host.lower() for host in allow_redirect) if allow_redirect else None,
    )
    database = settings(ctx, db).open()
    with render.byte_progress(f"Downloading {what}") as progress:
        result = fetch_schedule(
            database,
            what,
            season=season,
            fmt=file_format,
            force=force,
            force_replace=force_replace,
            limits=limits,
            on_progress=progress,
        )
    if json_output:
        render.print_json(result.as_json())
        return
    render.stderr().print(_summary(result))


def _summary(result: "FetchResult") -> str:
    from swtracker.services.fetch import IMPORTED, NOT_MODIFIED

    if result.status == NOT_MODIFIED:
        return f"{result.url}: not modified since the last fetch; source {result.source!r} is current."
    if result.status != IMPORTED:
        return (
            f"{result.url}: same content as source {result.source!r} ({plural(result.rows, 'entry')}); nothing to do."
        )
    season = f", season {result.season}" if result.season else ""
    return (
        f"{result.url}: source {result.source!r} ({result.format}{season}): {plural(result.rows, 'entry')} imported, "
        f"{plural(result.rejected, 'line')} rejected; file kept as {result.cache_path}."
    )


def register(app: typer.Typer) -> None:
    app.command()(fetch)
