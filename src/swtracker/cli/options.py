"""Options shared by many commands, and the settings they resolve to."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo
from typing import TYPE_CHECKING, Annotated

import typer

from swtracker.cli.completion import complete_band, complete_kind, complete_station
from swtracker.errors import InputError

if TYPE_CHECKING:
    from swtracker.services.database import Database

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        envvar="SWTRACKER_DB",
        help="Database: a file path or an SQLAlchemy URL (postgresql+psycopg://...). "
        "Default: swtracker.db in your user data directory.",
        show_default=False,
    ),
]
TzOption = Annotated[
    str | None,
    typer.Option(
        "--tz",
        envvar="SWTRACKER_TZ",
        help="Show local times in this zone too (e.g. Asia/Seoul); naive input times are read in it.",
        show_default=False,
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON (data only) instead of a table.")]
ExcelOption = Annotated[
    bool,
    typer.Option(
        "--excel",
        help="CSV for spreadsheets: UTF-8 with a byte-order mark, so that Excel opening the file shows Korean and "
        "other non-Latin text correctly. Default: plain UTF-8.",
    ),
]
AtOption = Annotated[
    str | None,
    typer.Option(
        "--at",
        help="The instant: ISO 8601 with offset or Z (2026-07-01T15:30Z), or a naive time read in --tz; 2100 alone is"
        " 21:00 today. Default: now.",
        show_default=False,
    ),
]
FreqOption = Annotated[
    str | None,
    typer.Option(
        "--freq", help="Frequency: 7515, '7515 kHz', '7.515 MHz' (±0.5 kHz) or a range 7500-7600.", show_default=False
    ),
]
StationOption = Annotated[
    str | None,
    typer.Option("--station", help="Station name, alias or key.", show_default=False, autocompletion=complete_station),
]
SinceOption = Annotated[
    str | None,
    typer.Option(
        "--since",
        help="Observed at or after this instant: ISO 8601 (2026-07-01T15:30Z), or naive in --tz. "
        "A bare date is the start of that day.",
        show_default=False,
    ),
]
UntilOption = Annotated[
    str | None,
    typer.Option(
        "--until",
        help="Observed before this instant (exclusive): --until 2026-08-01 ends with the last moment of July 31. "
        "Same forms as --since.",
        show_default=False,
    ),
]
BandOption = Annotated[
    str | None,
    typer.Option(
        "--band", help="Metre band: 49m, 41m, 31m, ..., mw, lw.", show_default=False, autocompletion=complete_band
    ),
]
LangOption = Annotated[
    str | None,
    typer.Option(
        "--lang", help="Language code as in the schedule (K = Korean in EiBi, Kor in HFCC).", show_default=False
    ),
]
TargetOption = Annotated[
    str | None,
    typer.Option("--target", help="Target area code (KRE, FE, ...) or CIRAF zones as written.", show_default=False),
]
SourceOption = Annotated[
    str | None, typer.Option("--source", help="Only this source (see `swtracker sources`).", show_default=False)
]
KindOption = Annotated[
    str | None,
    typer.Option("--kind", help="broadcast or jammer.", show_default=False, autocompletion=complete_kind),
]
HideNotHeardOption = Annotated[
    bool,
    typer.Option(
        "--hide-not-heard",
        help="Leave out airings whose newest last-heard month (EiBi [mmyy]) is over a year before the instant.",
    ),
]
LimitOption = Annotated[int | None, typer.Option("--limit", min=1, help="Show at most N rows.", show_default=False)]


@dataclass
class Settings:
    db: str | None = None
    tz: str | None = None
    ctx: typer.Context | None = None

    def merged(self, db: str | None, tz: str | None, ctx: typer.Context) -> Settings:
        """Command-level options win over the ones given before the command."""
        return Settings(self.db if db is None else db, tz or self.tz, ctx)

    def open(self) -> Database:
        """Open the database for this command; its connections close when the command ends."""
        from swtracker.services.setup import open_database

        database = open_database(self.db)
        if self.ctx is not None:
            self.ctx.call_on_close(database.engine.dispose)
        return database

    def instant(self, text: str | None, *, option: str, now: datetime) -> datetime | None:
        """An instant typed for `option`: ISO 8601 with offset or Z, or wall time in --tz; None when not given.
        An empty value is refused: `--at ''` would otherwise quietly mean now, `--since ''` no limit."""
        if text is None:
            return None

        if not text.strip():
            raise InputError(f"{option} is empty: give a date/time such as 2026-07-01T15:30Z, or leave {option} out")
        from swtracker.domain.instants import parse_instant, parse_zone  # here: zoneinfo is not for --help

        return parse_instant(text, parse_zone(self.tz), now=now, option=option)

    def period(self, since: str | None, until: str | None) -> tuple[datetime | None, datetime | None]:
        """--since and --until as instants (either may be None), both read against the same now."""
        now = datetime.now(UTC)
        return self.instant(since, option="--since", now=now), self.instant(until, option="--until", now=now)

    @property
    def zone(self) -> tzinfo | None:
        from swtracker.domain.instants import parse_zone

        return parse_zone(self.tz)


def settings(ctx: typer.Context, db: str | None = None, tz: str | None = None) -> Settings:
    """The command's settings: its own --db/--tz when typed after the command, else those before it. Both
    levels read SWTRACKER_DB/SWTRACKER_TZ, so a command-level value that came from the environment must not
    override an option typed before the command."""
    root = ctx.find_root().obj
    base = root if isinstance(root, Settings) else Settings()
    if _from_environment(ctx, "db"):
        db = None
    if _from_environment(ctx, "tz"):
        tz = None
    return base.merged(db, tz, ctx)


def _from_environment(ctx: typer.Context, name: str) -> bool:
    source = ctx.get_parameter_source(name)  # click's ParameterSource, which typer vendors privately
    return source is not None and source.name == "ENVIRONMENT"
