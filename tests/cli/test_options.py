"""Options shared by many commands: an instant option given empty is an error naming it, not "now" or "no limit"."""

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from swtracker.cli import app
from tests.conftest import Cli


@pytest.mark.parametrize(
    ("args", "option"),
    [
        (["now", "--at", ""], "--at"),
        (["next", "--at", " "], "--at"),
        (["log", "6015", "--status", "jammed", "--at", ""], "--at"),
        (["summary", "--since", ""], "--since"),
        (["summary", "--until", ""], "--until"),
        (["coverage", "--since", ""], "--since"),
        (["reports", "list", "--until", ""], "--until"),
        (["reports", "export", "--since", ""], "--since"),
    ],
)
def test_an_empty_instant_is_refused_with_the_option_named(
    cli: type[Cli], bundled_db: str, args: list[str], option: str
) -> None:
    result = cli.run(bundled_db, *args)
    assert result.exit_code == 65, result.output
    assert (
        result.stderr
        == f"Error: {option} is empty: give a date/time such as 2026-07-01T15:30Z, or leave {option} out\n"
    )
    assert result.stdout == ""


def test_an_instant_left_out_is_still_now(cli: type[Cli], bundled_db: str) -> None:
    assert cli.ok(bundled_db, "now").stdout.startswith("On air at ")


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--db", "{flag}", "db", "info", "--json"], "{flag}"),  # before the command
        (["db", "info", "--db", "{flag}", "--json"], "{flag}"),  # after it
        (["db", "info", "--json"], "{env}"),
    ],
)
def test_a_typed_database_wins_over_swtracker_db(
    sqlite_template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], expected: str
) -> None:
    paths = {"flag": str(tmp_path / "flag.db"), "env": str(tmp_path / "env.db")}
    for path in paths.values():  # two databases that are set up already: which one is opened is the question
        shutil.copyfile(sqlite_template, path)
    monkeypatch.setenv("SWTRACKER_DB", paths["env"])
    result = CliRunner().invoke(app, [arg.format(**paths) for arg in args], env={"NO_COLOR": "1"})
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["url"] == f"sqlite:///{expected.format(**paths)}"
