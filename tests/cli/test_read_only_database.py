"""A database file on a read-only file system: reading commands work, writing ones fail with one line. The file
system is a real read-only tmpfs mount (skipped where this process may not mount)."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import invoke


@pytest.fixture
def read_only_db(sqlite_template: Path, tmp_path: Path) -> Iterator[Path]:
    mount = tmp_path / "ro"
    mount.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "tmpfs", str(mount)], capture_output=True, check=False).returncode:
        pytest.skip("cannot mount a file system here")
    try:
        shutil.copyfile(sqlite_template, mount / "swtracker.db")
        subprocess.run(["mount", "-o", "remount,ro", str(mount)], check=True)
        yield mount / "swtracker.db"
    finally:
        subprocess.run(["umount", str(mount)], check=False)


def test_reading_commands_work_on_a_read_only_database(read_only_db: Path, tmp_path: Path) -> None:
    db = ["--db", str(read_only_db)]
    for command in (["now", "--at", "2026-07-01T12:00Z"], ["summary", "--json"], ["db", "info", "--json"]):
        result = invoke([*db, *command])
        assert result.exit_code == 0, (command, result.output)
    assert json.loads(invoke([*db, "summary", "--json"]).stdout)[0]["reports"] == 1
    export = invoke([*db, "reports", "export", "-o", str(tmp_path / "reports.csv")])
    assert export.exit_code == 0, export.output
    assert len((tmp_path / "reports.csv").read_text().splitlines()) == 2
    backup = invoke([*db, "db", "backup", str(tmp_path / "copy.db")])
    assert backup.exit_code == 0, backup.output
    with sqlite3.connect(tmp_path / "copy.db") as copy:
        assert copy.execute("SELECT count(*) FROM report").fetchone() == (1,)


def test_writing_commands_fail_with_one_line(read_only_db: Path) -> None:
    result = invoke(["--db", str(read_only_db), "log", "6015", "--status", "clear", "--at", "2026-07-01T12:05Z"])
    assert result.exit_code == 74
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("Error: the database is read-only here: this command changes it")
