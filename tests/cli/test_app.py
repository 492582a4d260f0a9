"""The root command: help is quick because it loads no database stack, no Rich and no HTTP client."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import swtracker.cli
from swtracker.cli.app import COMMAND_MODULES, module_commands

REGISTERS = "\ndef register(app: typer.Typer) -> None:"
HEAVY = ("sqlalchemy", "sqlmodel", "alembic", "rich", "httpx")
PROBE = """
import sys
from swtracker.cli import app

for args in (["--help"], ["log", "--help"], ["reports", "import", "--help"], ["now", "--help"], ["summary", "--help"]):
    try:
        app(args)
    except SystemExit as done:
        assert done.code == 0, (args, done.code)
print(sorted({name.split(".")[0] for name in sys.modules} & set(sys.argv[1:])), file=sys.stderr)
"""


def test_help_loads_no_database_stack() -> None:
    """Start-up time: commands import the services (SQLAlchemy) and the renderers (Rich) when they run."""
    probe = subprocess.run([sys.executable, "-c", PROBE, *HEAVY], capture_output=True, text=True, check=True)
    assert probe.stderr.strip().splitlines()[-1] == "[]"


def test_the_command_table_names_what_each_module_registers() -> None:
    """COMMAND_MODULES is the root's list of commands: every module with commands is in it, with exactly the
    commands it registers (a command missing from it would not exist, one too many would fail to build)."""
    registering = {
        path.stem for path in Path(swtracker.cli.__file__).parent.glob("*.py") if REGISTERS in path.read_text()
    }
    assert set(COMMAND_MODULES.values()) == registering
    for module in registering:
        named = {name for name, owner in COMMAND_MODULES.items() if owner == module}
        assert set(module_commands(module)) == named, module


COMMAND_PROBE = """
import sys
from swtracker.cli import app

try:
    app(["summary", "--help"])
except SystemExit as done:
    assert done.code == 0, done.code
print(sorted(name for name in sys.modules if name.endswith("_commands")), file=sys.stderr)
"""


def test_a_command_builds_only_its_own_module() -> None:
    """Start-up time: `summary` neither imports nor builds the other commands."""
    probe = subprocess.run([sys.executable, "-c", COMMAND_PROBE], capture_output=True, text=True, check=True)
    assert probe.stderr.strip().splitlines()[-1] == "['swtracker.cli.summary_commands']"
