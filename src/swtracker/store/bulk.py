"""Large loads: secondary indexes built once at the end instead of updated row by row."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Table, func, select
from sqlmodel import Session

BULK_MIN_ROWS = 50_000


@contextmanager
def indexes_rebuilt_after(
    session: Session, table: Table, names: tuple[str, ...], *, expected_rows: int
) -> Iterator[None]:
    """For a load larger than the table (and at least BULK_MIN_ROWS), drop the named indexes and build them
    again when the block ends, inside the caller's transaction: building an index once is much cheaper than
    updating it a million times. SQLite only: on PostgreSQL a DROP INDEX would lock every reader of the shared
    database out for the whole load."""
    connection = session.connection()
    rebuild = (
        connection.dialect.name == "sqlite"
        and expected_rows >= BULK_MIN_ROWS
        and expected_rows >= (session.scalar(select(func.count()).select_from(table)) or 0)
    )
    indexes = [index for index in table.indexes if index.name in names]
    if rebuild:
        for index in indexes:
            index.drop(connection)
    yield
    if rebuild:
        for index in indexes:
            index.create(connection)
