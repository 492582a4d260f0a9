"""Bulk-load helpers: index rebuild around large loads and the larger page cache, on the real backend."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import Engine, inspect
from sqlmodel import Session

from swtracker.store import line_writes
from swtracker.store.bulk import (
    BULK_CACHE_KIB,
    BULK_MIN_ROWS,
    ROWS_PER_INSERT,
    SharedParts,
    indexes_rebuilt_after,
    insert_columns,
    larger_page_cache,
)
from swtracker.store.engine import make_engine, transaction
from swtracker.store.models import ScheduleLine
from swtracker.store.schema import ensure_schema
from tests.conftest import DatabaseFactory

TABLE = ScheduleLine.__table__  # type: ignore[attr-defined]


@pytest.fixture
def engine(databases: DatabaseFactory, tmp_path: Path) -> Iterator[Engine]:
    engine = make_engine(databases.new_url(tmp_path))
    ensure_schema(engine)
    yield engine
    engine.dispose()


def _index_names(session: Session) -> set[str]:
    return {index["name"] or "" for index in inspect(session.connection()).get_indexes(TABLE.name)}


def test_a_large_load_into_a_small_table_rebuilds_the_indexes_on_sqlite_only(engine: Engine) -> None:
    with transaction(engine, write=True) as session:
        before = _index_names(session)
        assert set(line_writes.BULK_INDEXES) <= before
        with indexes_rebuilt_after(session, TABLE, line_writes.BULK_INDEXES, expected_rows=BULK_MIN_ROWS):
            during = _index_names(session)
        assert _index_names(session) == before
    if engine.dialect.name == "sqlite":
        assert during == before - set(line_writes.BULK_INDEXES)
    else:  # dropping an index would lock every reader of a shared database out for the whole load
        assert during == before


def test_a_small_load_keeps_the_indexes(engine: Engine) -> None:
    with transaction(engine, write=True) as session:
        before = _index_names(session)
        with indexes_rebuilt_after(session, TABLE, line_writes.BULK_INDEXES, expected_rows=BULK_MIN_ROWS - 1):
            assert _index_names(session) == before


def test_the_larger_page_cache_lasts_for_the_block(engine: Engine) -> None:
    with transaction(engine, write=True) as session:
        connection = session.connection()
        sqlite = engine.dialect.name == "sqlite"
        before = connection.exec_driver_sql("PRAGMA cache_size").scalar_one() if sqlite else None
        with larger_page_cache(session):
            if sqlite:
                assert connection.exec_driver_sql("PRAGMA cache_size").scalar_one() == -BULK_CACHE_KIB
        if sqlite:
            assert connection.exec_driver_sql("PRAGMA cache_size").scalar_one() == before != -BULK_CACHE_KIB


@given(chunks=st.lists(st.lists(st.integers(0, 6).map(lambda n: ("part", n)), max_size=12), max_size=6))
def test_shared_parts_give_each_distinct_part_one_id(chunks: list[list[tuple[str, int]]]) -> None:
    """Equal parts get one id, added once, whether a chunk repeats one object or brings an equal copy of it."""
    added: list[tuple[str, int]] = []

    def add(parts: list[tuple[str, int]]) -> list[int]:
        added.extend(parts)
        return [100 + len(added) - len(parts) + i for i in range(len(parts))]

    shared: SharedParts[tuple[str, int]] = SharedParts(add)
    given_ids: dict[tuple[str, int], int] = {}
    for chunk in chunks:
        copies = [(name, number) for name, number in chunk]  # new objects, equal to the drawn ones
        for parts in (chunk, copies):
            for part, part_id in zip(parts, shared.ids(parts), strict=True):
                assert given_ids.setdefault(part, part_id) == part_id
    assert len(added) == len(set(added)) == len(given_ids)
    assert len(set(given_ids.values())) == len(given_ids)


@pytest.mark.parametrize("count", [0, 1, ROWS_PER_INSERT - 1, ROWS_PER_INSERT, 2 * ROWS_PER_INSERT + 3])
def test_insert_columns_stores_every_row_in_order(engine: Engine, count: int) -> None:
    """Whole INSERTs of ROWS_PER_INSERT rows and the rest (SQLite), or COPY (PostgreSQL): every row, every value
    (None too), the fixed column on each."""
    rows = [(i, None if i % 7 == 3 else f"text {i}", i / 4) for i in range(count)]
    with transaction(engine, write=True) as session:
        connection = session.connection()
        connection.exec_driver_sql(
            "CREATE TABLE bulk_probe (id INTEGER PRIMARY KEY, source_id INTEGER, b VARCHAR, c FLOAT)"
        )
        columns = list(zip(*rows, strict=True)) or [(), (), ()]
        insert_columns(connection, "bulk_probe", ["id", "b", "c"], columns, {"source_id": 7})
        stored = connection.exec_driver_sql("SELECT id, source_id, b, c FROM bulk_probe ORDER BY id").all()
    assert [tuple(row) for row in stored] == [(i, 7, b, c) for i, b, c in rows]
