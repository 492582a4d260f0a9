"""The root command: help is quick because it loads no database stack, no Rich and no HTTP client."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import swtracker.cli
from swtracker.cli.app import COMMAND_MODULES, module_commands, module_listing

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


BUILD_PROBE = """
import sys
import typer
from swtracker.cli import app

built = []
get_command_from_info = typer.main.get_command_from_info
typer.main.get_command_from_info = lambda *args, **kwargs: built.append(1) or get_command_from_info(*args, **kwargs)
try:
    app(["--help"])
except SystemExit as done:
    assert done.code == 0, done.code
print(len(built), file=sys.stderr)
"""

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


def test_the_listing_of_each_command_is_the_command_built() -> None:
    """`--help` and completion list commands without building their options: what they list (name, hidden,
    short help at any width, deprecation) is what the built command says."""
    for module in set(COMMAND_MODULES.values()):
        built, listed = module_commands(module), module_listing(module)
        assert set(listed) == set(built), module
        for name, command in built.items():
            assert set(module_commands(module, name)) == {name}
            assert (listed[name].hidden, listed[name].deprecated) == (command.hidden, command.deprecated), name
            for limit in (20, 45, 74, 150):
                assert listed[name].get_short_help_str(limit) == command.get_short_help_str(limit), (name, limit)


def test_help_lists_commands_without_building_them() -> None:
    """Start-up time: the root's --help imports the command modules for their help and builds none of them."""
    probe = subprocess.run([sys.executable, "-c", BUILD_PROBE], capture_output=True, text=True, check=True)
    assert probe.stderr.strip().splitlines()[-1] == "0"
