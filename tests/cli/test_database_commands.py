"""db info, db upgrade, db backup."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from swtracker.store.schema import HEAD_REVISION
from tests.conftest import Cli


def test_info_reports_schema_and_counts(cli: type[Cli], bundled_db: str) -> None:
    info = json.loads(cli.ok(bundled_db, "db", "info", "--json").stdout)
    assert info["schema_revision"] == HEAD_REVISION
    assert info["sources"] == 15
    assert info["stations"] == 15
    assert info["schedule_entries"] > 400
    assert info["reports"] == 0
    assert "password" not in info["url"]


def test_upgrade_is_idempotent(cli: type[Cli], bundled_db: str) -> None:
    assert f"schema revision {HEAD_REVISION}" in cli.ok(bundled_db, "db", "upgrade").stderr


def test_backup_copies_a_consistent_sqlite_database(cli: type[Cli], bundled_db: str, tmp_path: Path) -> None:
    if not bundled_db.startswith("sqlite"):
        pytest.skip("the online backup API is SQLite's; PostgreSQL uses pg_dump")
    cli.ok(bundled_db, "log", "6015", "--at", "2026-07-01T12:00Z", "--status", "jammed")
    target = tmp_path / "copy.db"
    assert "Backed up" in cli.ok(bundled_db, "db", "backup", str(target)).stderr
    with sqlite3.connect(target) as copy, sqlite3.connect(make_url(bundled_db).database or "") as original:
        assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        for table in ("source", "station", "schedule_entry", "report"):
            query = f"SELECT count(*) FROM {table}"
            assert copy.execute(query).fetchone() == original.execute(query).fetchone()
    again = cli.run(bundled_db, "db", "backup", str(target))
    assert again.exit_code == 65
    assert "already exists" in again.stderr


def test_backup_of_postgresql_points_to_pg_dump(cli: type[Cli], bundled_db: str, tmp_path: Path) -> None:
    if bundled_db.startswith("sqlite"):
        pytest.skip("PostgreSQL only")
    result = cli.run(bundled_db, "db", "backup", str(tmp_path / "x.db"))
    assert result.exit_code == 2
    assert "pg_dump" in result.stderr


def test_an_unusable_database_location_is_one_clear_line(cli: type[Cli], tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    result = cli.run(str(blocker / "sub" / "x.db"), "now")
    assert result.exit_code == 74
    assert "cannot create the database directory" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_file_that_is_not_a_database(cli: type[Cli], tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("these are my notes, not a database\n" * 200)
    result = cli.run(str(path), "now")
    assert result.exit_code == 74
    assert "cannot open the database" in result.stderr
    assert path.read_text().startswith("these are my notes")


@pytest.mark.parametrize("url", ["mysql://localhost/x", "postgresql+psycopg://nobody@127.0.0.1:1/none"])
def test_unsupported_or_unreachable_servers(cli: type[Cli], url: str) -> None:
    result = cli.run(url, "now")
    assert result.exit_code in (2, 74)
    assert result.stderr.startswith("Error: ")
    assert "Traceback" not in result.stderr


def test_stations_lists_fnkr_with_aliases(cli: type[Cli], bundled_db: str) -> None:
    stations = {s["key"]: s for s in json.loads(cli.ok(bundled_db, "stations", "--json").stdout)}
    fnkr = stations["free-north-korea-radio"]
    assert fnkr["name"] == "Free North Korea Radio"
    assert {"FNKR", "자유북한방송", "Radio Free North Korea"} <= set(fnkr["aliases"])
    assert fnkr["curated"] is True
    # Two different "Voice of Freedom" stations stay apart.
    assert {"voice-of-freedom", "voice-of-freedom-religious"} <= set(stations)


def test_schedule_of_an_unknown_station(cli: type[Cli], bundled_db: str) -> None:
    result = cli.run(bundled_db, "schedule", "Radio Nowhere")
    assert result.exit_code == 66
    assert "no such station" in result.stderr


def test_schedule_shows_history_with_dates(cli: type[Cli], bundled_db: str) -> None:
    data = json.loads(cli.ok(bundled_db, "schedule", "ORNK", "--json").stdout)
    assert data["stations"][0]["key"] == "open-radio-for-north-korea"
    assert data["entries"]
    assert all(e["valid_to"] <= "2014-12-31" for e in data["entries"])
