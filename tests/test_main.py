"""The program's entry point (swtracker.__main__): the command line runs with the cyclic collector off."""

from __future__ import annotations

import gc
import subprocess
import sys

import pytest

import swtracker.cli
from swtracker import __main__ as program
from swtracker import __version__


def test_the_command_line_runs_with_the_cyclic_collector_off(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[bool] = []
    monkeypatch.setattr(swtracker.cli, "main", lambda: seen.append(gc.isenabled()))
    try:
        program.main()
    finally:
        gc.enable()
    assert seen == [False]


def test_python_dash_m_runs_the_program() -> None:
    done = subprocess.run([sys.executable, "-m", "swtracker", "--version"], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"swtracker {__version__}\n"
