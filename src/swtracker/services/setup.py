"""Opening the database, and the one set-up step on first use: create or upgrade the schema, then load the
bundled schedules."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.exc import DatabaseError as DriverDatabaseError

from swtracker.errors import DatabaseError
from swtracker.services.database import Database, connect
from swtracker.store.engine import connected
from swtracker.store.schema import HEAD_REVISION, bring_to_head, current_revision

SETUP_LOCK_KEY = 0x5357_5452_5345_5455  # "SWTRSETU": the PostgreSQL advisory lock that serialises set-up


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
    may ship newer. Nothing to do (one version query) once the schema is current.

    Both happen in one transaction that holds the set-up lock (PostgreSQL: an advisory lock; SQLite: the write
    lock of BEGIN IMMEDIATE), so processes whose first use is the same moment take turns, and one that finds the
    work done while it waited skips it. Seeing the current schema means seeing the bundled schedules too."""
    try:
        if current_revision(database.engine) == HEAD_REVISION:
            return
        with connected(database.engine, write=True) as connection:
            if connection.dialect.name == "postgresql":
                connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": SETUP_LOCK_KEY})
            if bring_to_head(connection):
                # Imported here: the importers and parsers (TOML, EiBi, HFCC) are needed only when the schema
                # changed, not by every command's start-up.
                from swtracker.services.bundled import load_bundled_schedules

                load_bundled_schedules(database, within=connection)
    except DriverDatabaseError as error:  # unreachable server, not a database file, no permission
        raise DatabaseError(f"cannot open the database {database.label}: {error.orig}") from None
