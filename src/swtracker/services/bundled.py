"""The curated schedules shipped with swtracker (repository `data/schedules/`, wheel `swtracker/data/schedules`)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from sqlalchemy import Connection

from swtracker.errors import DatabaseError
from swtracker.services.database import Database
from swtracker.services.imports import ScheduleImportResult, import_schedule


def bundled_schedule_dir() -> Path:
    """Inside a wheel the files are package data; an editable checkout reads the repository's copy."""
    packaged = Path(str(resources.files("swtracker"))) / "data" / "schedules"
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parents[3] / "data" / "schedules"
    if checkout.is_dir():
        return checkout
    raise DatabaseError("the bundled schedules are missing from this installation of swtracker")


def bundled_schedule_files() -> list[Path]:
    return sorted(bundled_schedule_dir().glob("*.toml"))


def load_bundled_schedules(database: Database, within: Connection | None = None) -> list[ScheduleImportResult]:
    """Import every bundled file as its own source (in one transaction `within` the caller's); unchanged files
    are skipped, so this is idempotent."""
    return [
        import_schedule(database, path, name=path.stem, fmt="native", strict=True, bundled=True, within=within)
        for path in bundled_schedule_files()
    ]
