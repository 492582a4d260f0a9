"""Migrations: a new database is created at head; the head constant matches Alembic's."""

from pathlib import Path

import pytest
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import inspect

from swtracker.store.engine import make_engine
from swtracker.store.schema import HEAD_REVISION, MIGRATIONS_DIR, current_revision, ensure_schema
from tests.conftest import DatabaseFactory


def test_head_constant_matches_the_migration_scripts() -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    assert ScriptDirectory.from_config(config).get_current_head() == HEAD_REVISION


def test_empty_database_is_migrated_to_head(databases: DatabaseFactory, tmp_path: Path) -> None:
    engine = make_engine(databases.new_url(tmp_path))
    try:
        assert current_revision(engine) is None
        assert ensure_schema(engine) is True
        assert current_revision(engine) == HEAD_REVISION
        tables = set(inspect(engine).get_table_names())
        assert {"source", "station", "station_alias", "transmitter_site", "schedule_entry", "report"} <= tables
        assert ensure_schema(engine) is False  # already at head: nothing to do
    finally:
        engine.dispose()


def test_sqlite_pragmas(db_url: str) -> None:
    if not db_url.startswith("sqlite"):
        pytest.skip("SQLite pragmas")
    engine = make_engine(db_url)
    try:
        with engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == 30000
    finally:
        engine.dispose()
