"""db info, db upgrade, db backup."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from swtracker.store.engine import default_database_path, make_engine, sqlite_path
from swtracker.store.schema import HEAD_REVISION, current_revision
from tests.conftest import Cli, invoke


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


def test_a_database_from_a_newer_swtracker_is_refused_and_left_alone(cli: type[Cli], bundled_db: str) -> None:
    engine = create_engine(bundled_db)
    try:
        with engine.begin() as connection:
            connection.execute(text("UPDATE alembic_version SET version_num = '9999zz'"))
    finally:
        engine.dispose()
    path = sqlite_path(bundled_db)
    before = path.read_bytes() if path else b""
    files = sorted(path.parent.iterdir()) if path else []
    for args in (["now"], ["db", "upgrade"]):
        result = cli.run(bundled_db, *args)
        assert result.exit_code == 74, result.output
        assert result.stderr.count("\n") == 1
        assert "written by a newer swtracker (schema revision 9999zz unknown)" in result.stderr
        assert "Traceback" not in result.output
    if path:
        assert path.read_bytes() == before
        assert sorted(path.parent.iterdir()) == files
    engine = make_engine(bundled_db)
    try:
        assert current_revision(engine) == "9999zz"
    finally:
        engine.dispose()


@pytest.mark.parametrize(
    ("args", "environment", "named"),
    [
        (["--db", "", "now"], None, "--db is empty"),
        (["now", "--db", ""], None, "--db is empty"),
        (["--db", "elsewhere.db", "now", "--db", " "], None, "--db is empty"),
        (["now"], "", "SWTRACKER_DB is set but empty"),
        (["db", "info"], "  ", "SWTRACKER_DB is set but empty"),
    ],
)
def test_an_empty_database_is_a_usage_error_that_creates_nothing(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, args: list[str], environment: str | None, named: str
) -> None:
    monkeypatch.chdir(tmp_path)
    if environment is not None:
        monkeypatch.setenv("SWTRACKER_DB", environment)
    result = invoke(args)
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith(f"Error: {named}")
    assert result.stderr.count("\n") == 1
    assert not default_database_path().exists()
    assert list(tmp_path.iterdir()) == []


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


@pytest.mark.parametrize("options", ["mode=ro", "mode=ro&uri=true", "cache=shared"])
def test_sqlite_url_options_are_one_usage_error_that_creates_nothing(tmp_path: Path, options: str) -> None:
    path = tmp_path / "x.db"
    result = invoke(["--db", f"sqlite:///{path}?{options}", "now"])
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        f"Error: --db 'sqlite:///{path}?{options}': SQLite URLs take no options "
        f"({', '.join(sorted(o.split('=')[0] for o in options.split('&')))}); give the database file's path"
    ]
    assert not path.exists()


@pytest.mark.parametrize("text", ["%", "_", "%%", "_ _", "Free_North", "Korea%Radio", "\\"])
def test_search_text_is_literal_not_a_like_pattern(cli: type[Cli], bundled_db: str, text: str) -> None:
    found = json.loads(cli.ok(bundled_db, "stations", "--search", text, "--json").stdout)
    assert found == []


def test_search_still_finds_names_and_aliases_by_part(cli: type[Cli], bundled_db: str) -> None:
    keys = {s["key"] for s in json.loads(cli.ok(bundled_db, "stations", "--search", "north kor", "--json").stdout)}
    assert "free-north-korea-radio" in keys
    by_alias = json.loads(cli.ok(bundled_db, "stations", "--search", "자유북한", "--json").stdout)
    assert [s["key"] for s in by_alias] == ["free-north-korea-radio"]


def test_a_search_that_matches_nothing_says_so_instead_of_an_empty_table(cli: type[Cli], bundled_db: str) -> None:
    result = cli.ok(bundled_db, "stations", "--search", "Radio Zzyzx")
    assert result.stdout == ""
    assert "no station's name or alias contains 'Radio Zzyzx'" in result.stderr
    curated = cli.ok(bundled_db, "stations", "--curated", "--search", "Radio Zzyzx")
    assert "no curated station's name" in curated.stderr
    assert "Free North Korea Radio" in cli.ok(bundled_db, "stations", "--search", "free north").stdout


@pytest.mark.parametrize("lang", ["%", "_"])
def test_a_language_filter_is_literal_too(cli: type[Cli], a26_db: str, lang: str) -> None:
    """sked-a26 has entries in several languages ("K,E"), which a LIKE pattern "%,%" or "_,%" would match."""
    at = ("--at", "2026-07-01T12:00Z", "--json")
    assert any("," in i["language"] for i in json.loads(cli.ok(a26_db, "now", *at).stdout))
    assert json.loads(cli.ok(a26_db, "now", *at, "--lang", lang).stdout) == []


def test_schedule_of_an_unknown_station(cli: type[Cli], bundled_db: str) -> None:
    result = cli.run(bundled_db, "schedule", "Radio Nowhere")
    assert result.exit_code == 66
    assert "no such station" in result.stderr


def test_schedule_shows_history_with_dates(cli: type[Cli], bundled_db: str) -> None:
    data = json.loads(cli.ok(bundled_db, "schedule", "ORNK", "--json").stdout)
    assert data["stations"][0]["key"] == "open-radio-for-north-korea"
    assert data["entries"]
    assert all(e["valid_to"] <= "2014-12-31" for e in data["entries"])


def test_an_unreachable_postgresql_is_one_line(cli: type[Cli]) -> None:
    # psycopg's message spans two lines ("... Connection refused\n\tIs the server running ...").
    result = cli.run("postgresql+psycopg://nobody@127.0.0.1:1/none", "now")
    assert result.exit_code == 74
    assert result.stderr.startswith("Error: cannot open the database postgresql+psycopg://nobody@127.0.0.1:1/none")
    assert result.stderr.count("\n") == 1
