"""A wheel (not an editable install) carries the bundled schedules and the migrations."""

import subprocess
import sys
import zipfile
from pathlib import Path

from tests.conftest import TESTS

ROOT = TESTS.parent


def test_the_wheel_ships_schedules_and_migrations(tmp_path: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    [wheel] = tmp_path.glob("swtracker-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    schedules = {p.name for p in (ROOT / "data" / "schedules").glob("*.toml")}
    assert {f"swtracker/data/schedules/{name}" for name in schedules} <= names
    assert len(schedules) == 15
    migrations = {p.name for p in (ROOT / "src" / "swtracker" / "store" / "migrations" / "versions").glob("0*.py")}
    assert {f"swtracker/store/migrations/versions/{name}" for name in migrations} <= names
    assert "swtracker/store/migrations/env.py" in names
    assert "swtracker/py.typed" in names
