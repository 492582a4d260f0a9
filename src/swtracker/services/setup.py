"""Opening the database, and the one set-up step on first use: create or upgrade the schema, then load the
bundled schedules."""

from __future__ import annotations

from sqlalchemy.exc import DatabaseError as DriverDatabaseError

from swtracker.errors import DatabaseError
from swtracker.services.database import Database, connect
from swtracker.store.schema import ensure_schema


def open_database(db: str | None) -> Database:
    """Open the database named by --db, $SWTRACKER_DB or the default path, set up when it is new or behind."""
    database = connect(db)
    try:
        set_up(database)
    except BaseException:  # e.g. a schema from a newer swtracker: close the file before the error is shown
        database.engine.dispose()
        raise
    return database


def set_up(database: Database) -> None:
    """Create or upgrade the schema; when it did either, load the bundled schedules, which an upgraded swtracker
    may ship newer. Nothing to do (one version query) once the schema is current."""
    try:
        changed = ensure_schema(database.engine)
    except DriverDatabaseError as error:  # unreachable server, not a database file, no permission
        raise DatabaseError(f"cannot open the database {database.label}: {error.orig}") from None
    if changed:
        # Imported here: the importers and parsers (TOML, EiBi, HFCC) are needed only when the schema changed,
        # not by every command's start-up.
        from swtracker.services.bundled import load_bundled_schedules

        load_bundled_schedules(database)
