"""The output-path rule on every command that writes a file the user names: an output that resolves to the
SQLite database, one of its companions or a file the command reads is refused before anything is written (one
line naming both paths, usage exit code), and the database and inputs stay byte-identical."""

from __future__ import annotations

import os
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, Cli, invoke

EXCERPT = FIXTURES / "sked-a26-excerpt.csv"  # 50 good lines, 2 rejected: a rejects file would be written


@pytest.fixture
def database(sqlite_template: Path, tmp_path: Path) -> Path:
    path = tmp_path / "data" / "swtracker.db"
    path.parent.mkdir()
    shutil.copyfile(sqlite_template, path)
    return path


def files_of(*paths: Path) -> dict[str, bytes | None]:
    """Every byte of these files and of the database companions beside them."""
    found: dict[str, bytes | None] = {}
    for path in paths:
        for name in (path, Path(f"{path}-journal")):
            found[str(name)] = name.read_bytes() if name.exists() else None
    return found


def refused(result: object, output: Path, protected: Path) -> None:
    exit_code, stderr = result.exit_code, result.stderr  # type: ignore[attr-defined]
    assert exit_code == 2, stderr
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith(f"Error: {output} is {protected}"), stderr
    assert "refusing to write over" in lines[0]


OutputTo = Callable[[Path, Path], Path]  # (database, tmp_path) -> the output path to give


def _the_database(database: Path, _tmp: Path) -> Path:
    return database


def _a_symlink_to_it(database: Path, tmp: Path) -> Path:
    link = tmp / "innocent.csv"
    link.symlink_to(database)
    return link


def _a_hard_link_to_it(database: Path, tmp: Path) -> Path:
    link = tmp / "hard.csv"
    os.link(database, link)
    return link


def _its_wal_not_there_yet(database: Path, _tmp: Path) -> Path:
    return Path(f"{database}-wal")


def _a_dangling_symlink_to_its_journal(database: Path, tmp: Path) -> Path:
    link = tmp / "journal.csv"
    link.symlink_to(Path(f"{database}-journal"))
    return link


def _through_a_symlinked_directory(database: Path, tmp: Path) -> Path:
    (tmp / "elsewhere").symlink_to(database.parent, target_is_directory=True)
    return tmp / "elsewhere" / ".." / "elsewhere" / database.name


WAYS: list[OutputTo] = [
    _the_database,
    _a_symlink_to_it,
    _a_hard_link_to_it,
    _its_wal_not_there_yet,
    _a_dangling_symlink_to_its_journal,
    _through_a_symlinked_directory,
]
COMMANDS = {
    "import --rejects": lambda output: ["import", str(EXCERPT), "--rejects", str(output)],
    "reports export -o": lambda output: ["reports", "export", "-o", str(output)],
    "summary --csv -o": lambda output: ["summary", "--csv", "-o", str(output)],
    "summary --html": lambda output: ["summary", "--html", str(output)],
    "coverage --csv -o": lambda output: ["coverage", "--csv", "-o", str(output)],
    "db backup": lambda output: ["db", "backup", str(output)],
    "bookmarks -o": lambda output: ["bookmarks", "gqrx", "--at", "2026-07-01T12:00Z", "-o", str(output)],
    "calendar -o": lambda output: ["calendar", "--freq", "6015", "-o", str(output)],
}


@pytest.mark.parametrize("way", WAYS, ids=lambda way: way.__name__.strip("_"))
@pytest.mark.parametrize("command", list(COMMANDS))
def test_no_output_path_reaches_the_database(command: str, way: OutputTo, database: Path, tmp_path: Path) -> None:
    output = way(database, tmp_path)
    before = files_of(database, EXCERPT)
    result = invoke(["--db", f"sqlite:///{database}", *COMMANDS[command](output)])
    protected = Path(f"{database}-journal") if "journal" in way.__name__ else database
    if "wal" in way.__name__:
        protected = Path(f"{database}-wal")
    refused(result, output, protected)
    assert files_of(database, EXCERPT) == before
    assert not list(database.parent.glob(".*")), "no temporary file left beside the database"
    with sqlite3.connect(database) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert connection.execute("SELECT count(*) FROM report").fetchone() == (1,)


@pytest.mark.parametrize("linked", [False, True], ids=["the input", "a symlink to the input"])
def test_rejects_never_overwrite_the_input(cli: type[Cli], bundled_db: str, tmp_path: Path, linked: bool) -> None:
    schedule = tmp_path / "sked-a26.csv"
    shutil.copyfile(EXCERPT, schedule)
    output = schedule
    if linked:
        output = tmp_path / "rejects.txt"
        output.symlink_to(schedule)
    result = cli.run(bundled_db, "import", str(schedule), "--rejects", str(output))
    refused(result, output, schedule)
    assert schedule.read_bytes() == EXCERPT.read_bytes()
    assert "sked-a26" not in cli.ok(bundled_db, "sources", "--json").stdout, "refused before the import"


def test_rejects_never_overwrite_an_hfcc_reference_table(cli: type[Cli], bundled_db: str, tmp_path: Path) -> None:
    for name in ("A26all00-excerpt.TXT", "site.txt", "broadcas.txt"):
        shutil.copyfile(FIXTURES / name, tmp_path / name)
    sites = (tmp_path / "site.txt").read_bytes()
    schedule = str(tmp_path / "A26all00-excerpt.TXT")
    result = cli.run(bundled_db, "import", schedule, "--season", "A26", "--rejects", str(tmp_path / "site.txt"))
    refused(result, tmp_path / "site.txt", tmp_path / "site.txt")
    assert (tmp_path / "site.txt").read_bytes() == sites


def test_an_ordinary_output_still_replaces_an_existing_file_through_its_symlink(database: Path, tmp_path: Path) -> None:
    real = tmp_path / "real.csv"
    real.write_text("old\n")
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    result = invoke(["--db", f"sqlite:///{database}", "reports", "export", "-o", str(link)])
    assert result.exit_code == 0, result.output
    assert link.is_symlink()
    assert real.read_text().startswith("uid,observed_at,")
