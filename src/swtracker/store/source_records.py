"""A source's own row and its transmitter sites as a schedule import reads and writes them. Functions take a session
or connection and never commit.

Core statements on store.core_tables, as in store.found_stations: an import defines no SQLModel table. Commands
that show sources read them as SQLModel objects (store.sources).
"""

from __future__ import annotations

from collections.abc import Mapping
from hashlib import sha256
from typing import TYPE_CHECKING, NamedTuple

from sqlalchemy import Connection, delete, insert, select, text, update

from swtracker.store.core_tables import source, transmitter_site

if TYPE_CHECKING:
    from sqlmodel import Session

# The columns of a new source that its import fills in later: those of store/tables/source.py's defaults.
_NEW_SOURCE = {
    "season": None,
    "bundled": False,
    "valid_from": None,
    "valid_to": None,
    "rows_read": 0,
    "rows_imported": 0,
    "rows_irregular": 0,
    "rows_rejected": 0,
    "first_line_id": None,
    "last_line_id": None,
    "url": None,
    "etag": None,
    "last_modified": None,
    "fetched_at": None,
}


class SourceRecord(NamedTuple):
    """What an import needs to know of the source it replaces: whether the file is the same, and its counts."""

    id: int
    name: str
    format: str
    season: str | None
    sha256: str
    rows_read: int
    rows_imported: int
    rows_irregular: int
    rows_rejected: int


def lock_source_name(connection: Connection, name: str) -> None:
    """On PostgreSQL, wait until no other transaction is importing a source of this name, and keep others out
    until this one ends: two imports replacing one source at once would each delete what the other had not
    committed yet, and leave lines outside the source's range of line ids. (SQLite's write lock already does.)"""
    if connection.dialect.name == "postgresql":
        key = int.from_bytes(sha256(f"swtracker source {name}".encode()).digest()[:8], "big", signed=True)
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": key})


def find_source(bind: Session | Connection, name: str) -> SourceRecord | None:
    query = select(*(source.c[field] for field in SourceRecord._fields)).where(source.c.name == name)
    row = bind.execute(query).first()
    return None if row is None else SourceRecord(*row)


def add_source(bind: Session | Connection, values: Mapping[str, object]) -> int:
    """A new source with the given columns (name, format, file_name, sha256, imported_at at least); its id."""
    return int(bind.execute(insert(source).values({**_NEW_SOURCE, **values}).returning(source.c.id)).scalar_one())


def update_source(bind: Session | Connection, source_id: int, values: Mapping[str, object]) -> None:
    bind.execute(update(source).where(source.c.id == source_id).values(dict(values)))


def replace_sites(bind: Session | Connection, source_id: int, sites: list[dict[str, object]]) -> None:
    bind.execute(delete(transmitter_site).where(transmitter_site.c.source_id == source_id))
    if sites:
        bind.execute(insert(transmitter_site), [{"source_id": source_id, **site} for site in sites])
