"""Opening the database: resolve the URL, create or upgrade the schema, load the bundled schedules when it did."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine
from sqlalchemy.exc import DatabaseError as DriverDatabaseError

from swtracker.errors import DatabaseError
from swtracker.store.engine import describe_url, make_engine, resolve_url
from swtracker.store.schema import ensure_schema


@dataclass
class Database:
    url: str
    engine: Engine
    created: bool  # the schema was created or upgraded by this open (and the bundled schedules loaded)

    @property
    def label(self) -> str:
        return describe_url(self.url)


def open_database(db: str | None, *, load_bundled: bool = True) -> Database:
    """Open (and on first use create) the database named by --db, $SWTRACKER_DB or the default path."""
    url = resolve_url(db)
    engine = make_engine(url)
    try:
        created = ensure_schema(engine)
    except DriverDatabaseError as error:  # unreachable server, not a database file, no permission
        engine.dispose()
        raise DatabaseError(f"cannot open the database {describe_url(url)}: {error.orig}") from None
    except BaseException:  # e.g. a schema from a newer swtracker: close the file before the error is shown
        engine.dispose()
        raise
    database = Database(url, engine, created)
    if created and load_bundled:
        from swtracker.services.bundled import load_bundled_schedules

        load_bundled_schedules(database)
    return database
