"""The root command: help is quick because it loads no database stack, no Rich and no HTTP client."""

from __future__ import annotations

import subprocess
import sys

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
