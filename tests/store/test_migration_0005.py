"""Migration 0005 (narrow schedule rows): a database of revision 0004 holding the real EiBi, HFCC and bundled rows
keeps every one of them, value for value, behind the schedule_entry view; imports go on after it."""

from pathlib import Path
from typing import Any

from sqlalchemy import Connection, MetaData, inspect, select, text

from swtracker.services.imports import import_schedule
from swtracker.services.setup import open_database
from swtracker.store.engine import make_engine
from swtracker.store.schema import HEAD_REVISION, current_revision, ensure_schema, upgrade
from tests.conftest import FIXTURES, DatabaseFactory

COPIED = ("source", "station", "schedule_entry")


def _rows(connection: Connection, table: str) -> list[dict[str, Any]]:
    """A table's (or view's) rows in id order, with the values each column's reflected type gives."""
    tables = MetaData()
    tables.reflect(connection, only=[table], views=True)
    found = tables.tables[table]
    return [dict(row) for row in connection.execute(select(found).order_by(found.c.id)).mappings()]


def _unlinked(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows without what linking recomputes after every import."""
    return [{k: v for k, v in row.items() if k not in ("station_id", "linked_by")} for row in rows]


def test_a_0004_database_with_real_rows_keeps_them_all(
    all_sources_db: str, databases: DatabaseFactory, tmp_path: Path
) -> None:
    with make_engine(all_sources_db).connect() as connection:
        real = {table: _rows(connection, table) for table in COPIED}
    assert len(real["schedule_entry"]) > 2_000  # whole files or the excerpts of tests/data/shared
    assert any(row["power_kw"] is not None for row in real["schedule_entry"])  # HFCC details
    assert any(row["linked_by"] for row in real["schedule_entry"])  # HFCC rows linked to EiBi stations

    url = databases.new_url(tmp_path)
    engine = make_engine(url)
    upgrade(engine, "0004")
    with engine.begin() as connection:
        tables = MetaData()
        tables.reflect(connection, only=COPIED)
        for table in COPIED:
            connection.execute(tables.tables[table].insert(), real[table])
        if connection.dialect.name == "postgresql":  # rows copied with their ids: move the sequences on
            for table in ("source", "station"):
                connection.execute(
                    text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), max(id)) FROM {table}")
                )
    assert "schedule_entry" in inspect(engine).get_table_names()

    assert ensure_schema(engine) is True
    assert current_revision(engine) == HEAD_REVISION
    with engine.connect() as connection:
        assert _rows(connection, "schedule_entry") == real["schedule_entry"]
        lines = connection.execute(text("SELECT count(*) FROM schedule_line")).scalar_one()
        timings = connection.execute(text("SELECT count(*) FROM schedule_timing")).scalar_one()
        details = connection.execute(text("SELECT count(*) FROM schedule_detail")).scalar_one()
    assert lines == len(real["schedule_entry"])
    timing = [c["name"] for c in inspect(engine).get_columns("schedule_timing") if c["name"] not in ("id", "source_id")]
    distinct = {(row["source_id"], *(row[name] for name in timing)) for row in real["schedule_entry"]}
    assert timings == len(distinct) < lines  # one row per distinct timing of a source, shared among its lines
    assert details == sum(
        row["power_kw"] is not None or row["source_note"] is not None for row in real["schedule_entry"]
    )
    assert "schedule_entry" in inspect(engine).get_view_names()

    # The next import's lines, timings and details take ids after the copied ones (PostgreSQL's sequences too).
    database = open_database(url)
    result = import_schedule(database, FIXTURES / "A26all00-excerpt.TXT", name="hfcc-after")
    assert result.imported > 0
    with engine.connect() as connection:
        after = _rows(connection, "schedule_entry")
    assert _unlinked(after[: len(real["schedule_entry"])]) == _unlinked(real["schedule_entry"])
    assert len(after) == len(real["schedule_entry"]) + result.imported
