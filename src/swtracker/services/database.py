"""The database handle every service works on: its URL and engine. Opening one and setting it up on first use
is services.setup's job, so this module depends on no service."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine

from swtracker.store.engine import describe_url, make_engine, resolve_url


@dataclass(frozen=True)
class Database:
    url: str
    engine: Engine

    @property
    def label(self) -> str:
        return describe_url(self.url)


def connect(db: str | None) -> Database:
    """The database named by --db, $SWTRACKER_DB or the default path, as it is: nothing created or migrated."""
    url = resolve_url(db)
    return Database(url, make_engine(url))
