"""store.found_stations and store.source_records write through Core descriptions that have no defaults: the rows
they make hold what the SQLModel tables would have given the columns the import leaves out."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Connection, Engine, Table, select

from swtracker.store.engine import connected, make_engine
from swtracker.store.found_stations import create_found_stations
from swtracker.store.models import Source, Station
from swtracker.store.schema import ensure_schema
from swtracker.store.source_records import add_source, find_source
from tests.conftest import DatabaseFactory


@pytest.fixture
def connection(databases: DatabaseFactory, tmp_path: Path) -> Iterator[Connection]:
    engine: Engine = make_engine(databases.new_url(tmp_path))
    ensure_schema(engine)
    with connected(engine, write=True) as connection:
        yield connection
    engine.dispose()


def _row(connection: Connection, model: type, row_id: int) -> dict[str, object]:
    table: Table = model.__table__  # type: ignore[attr-defined]
    return dict(connection.execute(select(table).where(table.c.id == row_id)).one()._mapping)


def test_a_found_station_has_the_station_tables_defaults(connection: Connection) -> None:
    ids = create_found_stations(connection, [("Radio Test", "D"), ("Radio Test", "F")], {"radio-test-d"})
    expected = Station(id=ids["Radio Test", "D"], key="radio-test-d-2", name="Radio Test", country="D")
    assert _row(connection, Station, ids["Radio Test", "D"]) == expected.model_dump()
    assert _row(connection, Station, ids["Radio Test", "F"])["key"] == "radio-test-f"


def test_a_new_source_has_the_source_tables_defaults(connection: Connection) -> None:
    expected = Source(name="x", format="eibi", file_name="x.csv", sha256="00", imported_at=datetime.now(UTC))
    source_id = add_source(connection, expected.model_dump(exclude_unset=True))
    expected.id = source_id
    assert _row(connection, Source, source_id) == expected.model_dump()
    found = find_source(connection, "x")
    assert found is not None
    assert (found.id, found.name, found.rows_imported, found.season) == (source_id, "x", 0, None)
    assert find_source(connection, "y") is None
