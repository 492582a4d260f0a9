"""Large loads: secondary indexes built once at the end instead of updated row by row, a page cache that
holds the index a load keeps updating, and rows handed to the driver without SQLAlchemy's per-row parameter
handling (on SQLite multi-row INSERTs over a flat list of values, or executemany of plain tuples; PostgreSQL's
COPY)."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from itertools import chain, repeat
from typing import TYPE_CHECKING, Generic, TypeVar, cast

from sqlalchemy import Connection, TableClause

if TYPE_CHECKING:
    import psycopg
    from sqlmodel import Session

Part = TypeVar("Part", bound=Hashable)
BULK_MIN_ROWS = 50_000
BULK_CACHE_KIB = 64 * 1024
# Rows per INSERT statement of insert_columns on SQLite: sqlite3 steps and resets one statement per 50 rows
# instead of one per row, which halves the cost of loading a million narrow rows (more rows gain no more).
ROWS_PER_INSERT = 50


def sqlite_insert_sql(connection: Connection, table_name: str, columns: Sequence[str]) -> str | None:
    """On SQLite, the INSERT that sqlite3 runs over plain tuples in `columns` order (a bulk load then skips
    SQLAlchemy's per-row parameter handling, which costs more than the insert); None on other backends, which
    take the Core insert."""
    if connection.dialect.name != "sqlite":
        return None
    return f"INSERT INTO {table_name} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"


def postgresql_copy(
    connection: Connection, table_name: str, columns: Sequence[str], rows: Iterable[Sequence[object]]
) -> None:
    """Load rows (Python values in `columns` order) into a PostgreSQL table with COPY, inside the caller's
    transaction: much faster than an INSERT of many rows, which SQLAlchemy and the driver handle row by row."""
    driver = cast("psycopg.Connection[object]", connection.connection.dbapi_connection)
    statement = f"COPY {table_name} ({', '.join(columns)}) FROM STDIN"
    with driver.cursor() as cursor, cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row(row)


def insert_columns(
    connection: Connection,
    table_name: str,
    columns: Sequence[str],
    values: Sequence[Iterable[object]],
    fixed: Mapping[str, int] | None = None,
) -> None:
    """Insert rows given column by column (`values[i]` holds the values of `columns[i]`, the same number each),
    plus the `fixed` integer columns every row has, inside the caller's transaction and through the driver:
    PostgreSQL's COPY, or on SQLite INSERTs of ROWS_PER_INSERT rows each over one flat list of the values (no
    tuple per row, no statement per row)."""
    fixed = fixed or {}
    names = [*fixed, *columns]
    if connection.dialect.name == "postgresql":
        postgresql_copy(connection, table_name, names, zip(*map(repeat, fixed.values()), *values, strict=False))
        return
    flat = list(chain.from_iterable(zip(*values, strict=True)))
    width = len(columns)
    if not flat or not width:
        return
    row = f"({', '.join([*map(str, map(int, fixed.values())), *'?' * width])})"

    def statement(rows: int) -> str:
        return f"INSERT INTO {table_name} ({', '.join(names)}) VALUES {', '.join([row] * rows)}"

    cursor = connection.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    step = ROWS_PER_INSERT * width
    whole = len(flat) - len(flat) % step
    if whole:
        cursor.executemany(statement(ROWS_PER_INSERT), [flat[i : i + step] for i in range(0, whole, step)])
    if whole < len(flat):
        cursor.execute(statement((len(flat) - whole) // width), flat[whole:])


def connection_of(bind: Session | Connection) -> Connection:
    """The connection a session runs on (in its transaction), or the connection itself."""
    return bind if isinstance(bind, Connection) else bind.connection()


@contextmanager
def indexes_rebuilt_after(
    bind: Session | Connection, table: TableClause, names: tuple[str, ...], *, expected_rows: int
) -> Iterator[None]:
    """For a load larger than the table (and at least BULK_MIN_ROWS), drop the named indexes and build them
    again when the block ends, inside the caller's transaction: building an index once is much cheaper than
    updating it a million times. SQLite only: on PostgreSQL a DROP INDEX would lock every reader of the shared
    database out for the whole load. The indexes are made again from the statements SQLite keeps of them, so any
    description of the table will do (a schedule import has no SQLModel table)."""
    connection = connection_of(bind)
    rebuild = (
        connection.dialect.name == "sqlite"
        and expected_rows >= BULK_MIN_ROWS
        and expected_rows >= connection.exec_driver_sql(f"SELECT count(*) FROM {table.name}").scalar_one()
    )
    indexes: list[tuple[str, str]] = []
    if rebuild:
        listed = ", ".join("?" * len(names))
        query = f"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND name IN ({listed})"
        indexes = [(name, sql) for name, sql in connection.exec_driver_sql(query, (table.name, *names))]
        for name, _ in indexes:
            connection.exec_driver_sql(f"DROP INDEX {name}")
    yield
    for _, sql in indexes:
        connection.exec_driver_sql(sql)


@contextmanager
def larger_page_cache(session: Session, kib: int = BULK_CACHE_KIB) -> Iterator[None]:
    """SQLite's page cache raised to `kib` for the block, then set back. The default 2 MB is smaller than the
    unique index of 100,000 random uids, so each insert would read index pages back from the file. Only for
    loads whose memory may grow that far; a schedule import keeps the default and stays flat."""
    connection = session.connection()
    if connection.dialect.name != "sqlite":
        yield
        return
    before = connection.exec_driver_sql("PRAGMA cache_size").scalar_one()
    connection.exec_driver_sql(f"PRAGMA cache_size = -{kib}")
    try:
        yield
    finally:
        connection.exec_driver_sql(f"PRAGMA cache_size = {before}")


class SharedParts(Generic[Part]):
    """The ids of the distinct parts that rows share (a label, a timing), each part given its id once by `add`.
    Parts are found by the identity of their object first: a parser shares one object among the rows that have
    it, so a million rows cost a million integer lookups (C level) rather than a million tuple hashes. Equal
    parts in different objects still get one id."""

    def __init__(self, add: Callable[[list[Part]], Sequence[int]]) -> None:
        self._add = add
        self._by_identity: dict[int, int] = {}
        self._by_value: dict[Part, int] = {}
        self._kept: list[Part] = []  # the objects whose identity is a key, kept alive so no other object takes it

    def ids(self, parts: Sequence[Part]) -> list[int]:
        try:  # most chunks bring no new part: one C-level pass, without a second one looking for misses
            return list(map(self._by_identity.__getitem__, map(id, parts)))
        except KeyError:
            pass
        found = list(map(self._by_identity.get, map(id, parts)))
        unseen = [part for part, known in zip(parts, found, strict=True) if known is None]
        new = list(dict.fromkeys(part for part in unseen if part not in self._by_value))
        self._by_value.update(zip(new, self._add(new), strict=True))
        for part in unseen:
            if id(part) not in self._by_identity:
                self._by_identity[id(part)] = self._by_value[part]
                self._kept.append(part)
        return list(map(self._by_identity.__getitem__, map(id, parts)))
