"""Migration 0006 (schedule labels): a database of revision 0005 holding the real EiBi, HFCC and bundled rows
keeps every one of them, value for value and id for id, behind the schedule_entry view; imports go on after it;
the downgrade gives the 0005 lines back."""

from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, MetaData, inspect, select, text

from swtracker.services.imports import import_schedule
from swtracker.services.setup import open_database
from swtracker.store.engine import make_engine
from swtracker.store.schema import HEAD_REVISION, _alembic_config, current_revision, ensure_schema, upgrade
from tests.conftest import FIXTURES, DatabaseFactory

COPIED = ("source", "station", "schedule_timing", "schedule_detail")
LABEL = ("station_name", "kind", "country", "language", "target", "site")
# schedule_line as revision 0005 stored it, read from a database at the head.
LINES_0005 = """
SELECT l.id, l.source_id, l.line, l.station_id, b.station_name, b.kind, l.frequency_khz, l.timing_id, l.detail_id,
       b.country, b.language, b.target, b.site, l.linked_by
FROM schedule_line AS l JOIN schedule_label AS b ON b.id = l.label_id
"""


def _rows(connection: Connection, table: str) -> list[dict[str, Any]]:
    """A table's (or view's) rows in id order, with the values each column's reflected type gives."""
    tables = MetaData()
    tables.reflect(connection, only=[table], views=True)
    found = tables.tables[table]
    return [dict(row) for row in connection.execute(select(found).order_by(found.c.id)).mappings()]


def _real_rows(url: str) -> tuple[dict[str, list[dict[str, Any]]], list[dict[str, Any]]]:
    """The rows of a database at the head, as revision 0005 held them, and its schedule_entry rows."""
    with make_engine(url).connect() as connection:
        real = {table: _rows(connection, table) for table in COPIED}
        lines = connection.execute(text(LINES_0005 + " ORDER BY l.id")).mappings()
        real["schedule_line"] = [dict(row) for row in lines]
        return real, _rows(connection, "schedule_entry")


def _at_0005(databases: DatabaseFactory, tmp_path: Path, real: dict[str, list[dict[str, Any]]]) -> Engine:
    engine = make_engine(databases.new_url(tmp_path))
    upgrade(engine, "0005")
    with engine.begin() as connection:
        tables = MetaData()
        tables.reflect(connection, only=(*COPIED, "schedule_line"))
        for table in (*COPIED, "schedule_line"):
            connection.execute(tables.tables[table].insert(), real[table])
        if connection.dialect.name == "postgresql":  # rows copied with their ids: move the sequences on
            for table in (*COPIED, "schedule_line"):
                connection.execute(
                    text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), max(id)) FROM {table}")
                )
    return engine


def test_a_0005_database_with_real_rows_keeps_them_all(
    all_sources_db: str, databases: DatabaseFactory, tmp_path: Path
) -> None:
    real, entries = _real_rows(all_sources_db)
    assert len(entries) == len(real["schedule_line"]) > 2_000  # whole files or the excerpts of tests/data/shared
    assert any(row["power_kw"] is not None for row in entries)  # HFCC details
    assert any(row["linked_by"] for row in entries)  # HFCC rows linked to EiBi stations

    engine = _at_0005(databases, tmp_path, real)
    assert "station_name" in {c["name"] for c in inspect(engine).get_columns("schedule_line")}
    assert ensure_schema(engine) is True
    assert current_revision(engine) == HEAD_REVISION
    with engine.connect() as connection:
        assert _rows(connection, "schedule_entry") == entries
        labels = connection.execute(text("SELECT count(*) FROM schedule_label")).scalar_one()
    assert "station_name" not in {c["name"] for c in inspect(engine).get_columns("schedule_line")}
    distinct = {(row["source_id"], *(row[name] for name in LABEL)) for row in entries}
    assert labels == len(distinct) < len(entries)  # one row per distinct label of a source, shared among its lines

    # The next import's lines and labels take ids after the migrated ones (PostgreSQL's sequences too).
    result = import_schedule(open_database(str(engine.url)), FIXTURES / "A26all00-excerpt.TXT", name="hfcc-after")
    assert result.imported > 0
    with engine.connect() as connection:
        after = _rows(connection, "schedule_entry")
    assert [row["id"] for row in after[: len(entries)]] == [row["id"] for row in entries]
    assert len(after) == len(entries) + result.imported


def test_the_downgrade_gives_the_0005_lines_back(
    all_sources_db: str, databases: DatabaseFactory, tmp_path: Path
) -> None:
    from alembic import command

    real, entries = _real_rows(all_sources_db)
    engine = _at_0005(databases, tmp_path, real)
    ensure_schema(engine)
    config = _alembic_config()
    with engine.connect() as connection, connection.execution_options(swtracker_write=True).begin():
        config.attributes["connection"] = connection
        command.downgrade(config, "0005")
    assert current_revision(engine) == "0005"
    with engine.connect() as connection:
        assert _rows(connection, "schedule_line") == real["schedule_line"]
        assert _rows(connection, "schedule_entry") == entries
    assert "schedule_label" not in inspect(engine).get_table_names()
