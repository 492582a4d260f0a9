"""Migrations: a new database is created at head; the head constant matches Alembic's."""

from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text

from swtracker.errors import DatabaseError
from swtracker.services.setup import open_database
from swtracker.store.engine import make_engine
from swtracker.store.schema import (
    HEAD_REVISION,
    MIGRATIONS_DIR,
    current_revision,
    ensure_schema,
    known_revisions,
    upgrade,
)
from tests.conftest import DatabaseFactory


def _alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def test_head_constant_matches_the_migration_scripts() -> None:
    assert ScriptDirectory.from_config(_alembic_config()).get_current_head() == HEAD_REVISION


def test_empty_database_is_migrated_to_head(databases: DatabaseFactory, tmp_path: Path) -> None:
    engine = make_engine(databases.new_url(tmp_path))
    assert current_revision(engine) is None
    assert ensure_schema(engine) is True
    assert current_revision(engine) == HEAD_REVISION
    tables = set(inspect(engine).get_table_names())
    assert {"source", "station", "station_alias", "transmitter_site", "schedule_line", "report"} <= tables
    assert "schedule_entry" in inspect(engine).get_view_names()
    assert ensure_schema(engine) is False  # already at head: nothing to do


def test_sqlite_pragmas(db_url: str) -> None:
    if not db_url.startswith("sqlite"):
        pytest.skip("SQLite pragmas")
    engine = make_engine(db_url)
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == 30000


def test_a_database_filled_at_the_first_migration_keeps_every_row_after_upgrading(
    databases: DatabaseFactory, tmp_path: Path
) -> None:
    engine = make_engine(databases.new_url(tmp_path))
    upgrade(engine, "0001")
    assert current_revision(engine) == "0001"
    now = datetime(2026, 7, 1, 12, tzinfo=UTC).replace(tzinfo=None)
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO source (name, format, file_name, sha256, bundled, imported_at, rows_read, "
                "rows_imported, rows_irregular, rows_rejected) "
                "VALUES ('s', 'native', 's.toml', 'x', false, :now, 1, 1, 0, 0)"
            ),
            {"now": now},
        )
        connection.execute(
            text(
                "INSERT INTO station (key, name, operator, country, years, website, notes, curated) "
                "VALUES ('k', 'Station K', '', 'KOR', '', '', '', true)"
            )
        )
        connection.execute(
            text(
                "INSERT INTO schedule_entry (source_id, line, station_id, station_name, kind, frequency_khz, "
                "start_min, end_min, days, weekdays, weeks, max_day, irregular, valid_from, valid_to, active, "
                "country, language, target, site) VALUES (1, 10, 1, 'Station K', 'broadcast', 6015, 230, 1440, "
                "'', 127, 63, 31, false, 20260329, 20261024, true, 'KOR', 'K', 'FE', 'h')"
            )
        )
        for minute in range(3):
            connection.execute(
                text(
                    "INSERT INTO report (uid, observed_at, utc_date, utc_hour, utc_weekday, utc_month, "
                    "frequency_khz, station_id, station_name, attribution, candidates, status, created_at) "
                    "VALUES (:uid, :at, 20260701, 12, 2, 202607, 6015, 1, 'Station K', 'given', '', 'jammed', :at)"
                ),
                {"uid": f"u{minute}", "at": now.replace(minute=minute)},
            )
    assert ensure_schema(engine) is True  # upgraded: the caller loads the bundled schedules again
    assert current_revision(engine) == HEAD_REVISION
    assert ensure_schema(engine) is False
    with engine.connect() as connection:
        counts = [
            connection.execute(text(f"SELECT count(*) FROM {table}")).scalar()
            for table in ("source", "station", "schedule_entry", "report")
        ]
        assert counts == [1, 1, 1, 3]
        # 0003: sources are re-read on their next import (this version parses some bytes differently).
        assert connection.execute(text("SELECT sha256 FROM source")).scalar() == ""
        names = {index["name"] for index in inspect(connection).get_indexes("report")}
    assert "ix_report_station_status_observed" in names


def test_a_revision_from_a_newer_swtracker_is_refused_before_alembic_runs(
    databases: DatabaseFactory, tmp_path: Path
) -> None:
    engine = make_engine(databases.new_url(tmp_path))
    ensure_schema(engine)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999zz'"))
    assert "9999zz" not in known_revisions()
    with pytest.raises(DatabaseError, match=r"newer swtracker \(schema revision 9999zz unknown\)"):
        ensure_schema(engine)
    assert current_revision(engine) == "9999zz"


def test_every_migration_is_a_known_revision() -> None:
    assert {"0001", HEAD_REVISION} <= known_revisions()


def test_opening_a_database_of_the_previous_revision_loads_the_newer_bundled_schedules(bundled_db: str) -> None:
    """A 0002 database (the schema before station.closed_on) is upgraded on open and its bundled schedules are
    read again: Echo of Hope gets its closing day without an `init`."""
    from alembic import command

    engine = make_engine(bundled_db)
    config = _alembic_config()
    with engine.connect() as connection, connection.execution_options(swtracker_write=True).begin():
        config.attributes["connection"] = connection
        command.downgrade(config, "0002")
    assert current_revision(engine) == "0002"
    database = open_database(bundled_db)
    with database.engine.connect() as connection:
        closed = connection.execute(text("SELECT closed_on FROM station WHERE key = 'echo-of-hope'")).scalar()
        sources = connection.execute(text("SELECT count(*) FROM source WHERE bundled AND sha256 = ''")).scalar()
    assert (closed, sources) == (20250704, 0)


def test_the_migrations_build_exactly_the_tables_the_models_declare(databases: DatabaseFactory, tmp_path: Path) -> None:
    """Alembic's autogenerate comparison of a migrated database with the models finds nothing to change: every
    column, type, nullability, index and foreign key of the models is made by a migration, and nothing more."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from sqlmodel import SQLModel

    from swtracker.store.models import compared_with_migrations, define_all

    define_all()  # every table on SQLModel.metadata

    engine = make_engine(databases.new_url(tmp_path))
    ensure_schema(engine)
    with engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "include_object": compared_with_migrations}
        )
        differences = compare_metadata(context, SQLModel.metadata)
    assert differences == []
