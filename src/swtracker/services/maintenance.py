"""Database information and backups."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from swtracker.errors import InputError, OutputError, UsageError
from swtracker.services.database import Database
from swtracker.services.outputs import check_output, database_files, replaced_when_done
from swtracker.store.engine import sqlite_path, transaction
from swtracker.store.models import Report, ScheduleLine, Source, Station
from swtracker.store.schema import current_revision


def database_info(database: Database) -> dict[str, Any]:
    with transaction(database.engine, write=False) as session:
        counts = {
            name: session.scalar(select(func.count()).select_from(model))
            for name, model in (
                ("sources", Source),
                ("stations", Station),
                ("schedule_entries", ScheduleLine),
                ("reports", Report),
            )
        }
    path = sqlite_path(database.url)
    return {
        "url": database.label,
        "backend": database.engine.dialect.name,
        "file_size_bytes": path.stat().st_size if path is not None and path.exists() else None,
        "schema_revision": current_revision(database.engine),
        **counts,
    }


def backup_sqlite(database: Database, target: Path) -> int:
    """SQLite's online backup API: a consistent copy even while other processes write, written beside the
    target and moved there once complete."""
    path = sqlite_path(database.url)
    if path is None:
        raise UsageError("db backup copies SQLite databases; for PostgreSQL use pg_dump (see README)")
    check_output(target, database_files(database.url))
    if target.exists():
        raise InputError(f"{target}: already exists; choose a new file name")
    pages = 0
    with replaced_when_done(target) as temporary:
        source = database.engine.raw_connection()  # opened as the engine opens it (read-only when it must be)
        try:
            destination = sqlite3.connect(temporary)
            try:

                def progress(_status: int, remaining: int, total: int) -> None:
                    nonlocal pages
                    pages = total - remaining

                source.driver_connection.backup(destination, progress=progress)  # type: ignore[union-attr]
            finally:
                destination.close()
        except sqlite3.Error as error:
            raise OutputError(f"{target}: backup failed: {error}") from None
        finally:
            source.close()
    return pages
