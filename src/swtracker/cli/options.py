"""Options shared by many commands, and the settings they resolve to."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from datetime import tzinfo

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


@dataclass
class Settings:
    db: str | None = None
    tz: str | None = None
    ctx: typer.Context | None = None

    def merged(self, db: str | None, tz: str | None, ctx: typer.Context) -> Settings:
        """Command-level options win over the ones given before the command."""
        return Settings(db or self.db, tz or self.tz, ctx)

    def open(self) -> Database:
        """Open the database for this command; its connections close when the command ends."""
        from swtracker.services.database import open_database

        database = open_database(self.db)
        if self.ctx is not None:
            self.ctx.call_on_close(database.engine.dispose)
        return database

    @property
    def zone(self) -> tzinfo | None:
        from swtracker.domain.instants import parse_zone

        return parse_zone(self.tz)


def settings(ctx: typer.Context, db: str | None = None, tz: str | None = None) -> Settings:
    root = ctx.find_root().obj
    base = root if isinstance(root, Settings) else Settings()
    return base.merged(db, tz, ctx)
