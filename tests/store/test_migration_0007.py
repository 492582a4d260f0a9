"""Migration 0007 (source line ranges): a database of revision 0006 holding the real EiBi, HFCC and bundled rows
gets each source's range of line ids and loses the index of lines by source, keeping every row; the store then
finds, counts, replaces and removes a source's lines by that range; the downgrade gives the index back."""

from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, MetaData, inspect, select, text

from swtracker.services.imports import import_schedule
from swtracker.services.setup import open_database
from swtracker.services.source_removal import remove_source
from swtracker.store import sources
from swtracker.store.engine import make_engine, transaction
from swtracker.store.schema import HEAD_REVISION, _alembic_config, current_revision, ensure_schema, upgrade
from tests.conftest import FIXTURES, DatabaseFactory

COPIED = ("source", "station", "schedule_timing", "schedule_label", "schedule_detail", "schedule_line")
SOURCE_INDEX = "ix_schedule_line_source"
LINE_RANGES = "SELECT source_id, min(id), max(id), count(*) FROM schedule_line GROUP BY source_id ORDER BY source_id"


def _rows(connection: Connection, table: str) -> list[dict[str, Any]]:
    tables = MetaData()
    tables.reflect(connection, only=[table], views=True)
    found = tables.tables[table]
    return [dict(row) for row in connection.execute(select(found).order_by(found.c.id)).mappings()]


def _at_0006(databases: DatabaseFactory, tmp_path: Path, url: str) -> tuple[Engine, list[dict[str, Any]]]:
    """A database of revision 0006 holding the rows of the database at `url` (at the head); its entries."""
    with make_engine(url).connect() as connection:
        real = {table: _rows(connection, table) for table in COPIED}
        entries = _rows(connection, "schedule_entry")
    engine = make_engine(databases.new_url(tmp_path))
    upgrade(engine, "0006")
    with engine.begin() as connection:
        tables = MetaData()
        tables.reflect(connection, only=COPIED)
        for name in COPIED:
            table = tables.tables[name]
            connection.execute(table.insert(), [{c.name: row[c.name] for c in table.columns} for row in real[name]])
        if connection.dialect.name == "postgresql":  # rows copied with their ids: move the sequences on
            for name in COPIED:
                connection.execute(text(f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), max(id)) FROM {name}"))
    return engine, entries


def _ranges(connection: Connection) -> list[tuple[int, int, int]]:
    """(source id, first line id, last line id) of every source that has lines, as the sources record them."""
    query = "SELECT id, first_line_id, last_line_id FROM source WHERE first_line_id IS NOT NULL ORDER BY id"
    return [tuple(row) for row in connection.execute(text(query))]


def _source_index(engine: Engine) -> bool:
    return SOURCE_INDEX in {index["name"] for index in inspect(engine).get_indexes("schedule_line")}


def test_a_0006_database_gets_the_line_range_of_each_source(
    all_sources_db: str, databases: DatabaseFactory, tmp_path: Path
) -> None:
    engine, entries = _at_0006(databases, tmp_path, all_sources_db)
    assert _source_index(engine)
    with engine.connect() as connection:
        lines = [tuple(row) for row in connection.execute(text(LINE_RANGES))]
    assert len(lines) >= 3  # bundled, EiBi and HFCC sources
    assert ensure_schema(engine) is True
    assert current_revision(engine) == HEAD_REVISION
    assert not _source_index(engine)
    with engine.connect() as connection:
        assert _rows(connection, "schedule_entry") == entries
        assert _ranges(connection) == [(source, first, last) for source, first, last, _ in lines]
    with transaction(engine, write=False) as session:
        counted = {source.id: count for source, count in sources.list_sources(session)}
    assert {source: count for source, *_, count in lines}.items() <= counted.items()


def test_replacing_and_removing_sources_follow_their_ranges(
    all_sources_db: str, databases: DatabaseFactory, tmp_path: Path
) -> None:
    engine, entries = _at_0006(databases, tmp_path, all_sources_db)
    ensure_schema(engine)
    database = open_database(str(engine.url))
    with engine.connect() as connection:
        (hfcc_id,) = connection.execute(text("SELECT id FROM source WHERE format = 'hfcc'")).one()
        kept = [row for row in entries if row["source_id"] != hfcc_id]
    # The HFCC source replaced by an excerpt: its old lines go, the new ones' range is recorded.
    result = import_schedule(database, FIXTURES / "A26all00-excerpt.TXT", name="A26all00")
    with engine.connect() as connection:
        after = _rows(connection, "schedule_entry")
        ranges = {s: (f, la) for s, f, la in _ranges(connection)}
    replaced = [row for row in after if row["source_id"] == hfcc_id]
    assert len(replaced) == result.imported > 0
    assert ranges[hfcc_id] == (replaced[0]["id"], replaced[-1]["id"])
    assert [row["id"] for row in after if row["source_id"] != hfcc_id] == [row["id"] for row in kept]
    # Removing it takes exactly its lines, and its range with the source.
    remove_source(database, "A26all00")
    with engine.connect() as connection:
        assert [row["id"] for row in _rows(connection, "schedule_entry")] == [row["id"] for row in kept]
        assert hfcc_id not in {s: f for s, f, _ in _ranges(connection)}


def test_the_downgrade_gives_the_index_back(all_sources_db: str, databases: DatabaseFactory, tmp_path: Path) -> None:
    from alembic import command

    engine, entries = _at_0006(databases, tmp_path, all_sources_db)
    ensure_schema(engine)
    config = _alembic_config()
    with engine.connect() as connection, connection.execution_options(swtracker_write=True).begin():
        config.attributes["connection"] = connection
        command.downgrade(config, "0006")
    assert current_revision(engine) == "0006"
    assert _source_index(engine)
    assert "first_line_id" not in {column["name"] for column in inspect(engine).get_columns("source")}
    with engine.connect() as connection:
        assert _rows(connection, "schedule_entry") == entries
