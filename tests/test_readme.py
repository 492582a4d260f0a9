"""The README's examples run as written: every `$ swtracker …` line of its console blocks, in order, against a
fresh database, from a directory that looks like a checkout (tests/data reachable, files written elsewhere)."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from swtracker.cli import app
from tests.conftest import TESTS, Cli, invoke

README = TESTS.parent / "README.md"
_CONSOLE_BLOCK = re.compile(r"```console\n(.*?)```", re.DOTALL)


def readme_commands() -> list[list[str]]:
    commands = []
    for block in _CONSOLE_BLOCK.findall(README.read_text(encoding="utf-8")):
        for line in block.splitlines():
            if line.startswith("$ swtracker "):
                commands.append(shlex.split(line.removeprefix("$ swtracker ")))
    return commands


def test_the_readme_has_examples() -> None:
    assert len(readme_commands()) >= 15


def test_readme_examples_run_as_written(
    cli: type[Cli], db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "tests").symlink_to(TESTS)
    monkeypatch.chdir(tmp_path)
    for args in readme_commands():
        result = cli.run(db_url, *args)
        assert result.exit_code == 0, f"swtracker {shlex.join(args)}\n{result.stdout}\n{result.stderr}"


def test_every_command_and_option_has_help() -> None:
    from typer.main import get_command

    root = get_command(app)
    missing = []

    def walk(command: object, path: str) -> None:
        if not getattr(command, "help", None) and not getattr(command, "short_help", None):
            missing.append(path)
        for param in getattr(command, "params", []):
            if getattr(param, "param_type_name", "") == "option" and not getattr(param, "help", None):
                missing.append(f"{path} {param.opts[0]}")
        for name, sub in getattr(command, "commands", {}).items():
            walk(sub, f"{path} {name}")

    walk(root, "swtracker")
    assert missing == []
    assert invoke(["--help"]).exit_code == 0
