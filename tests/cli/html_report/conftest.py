"""A realistic page's data: six bundled stations heard over three months of their real schedules (B26's summer
neighbour A26: August to October 2026), each with its own mix of clear, jammed, blocked and silent reports."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from swtracker.domain.windows import occurrences_between
from swtracker.services.catalog import station_ids_named
from swtracker.services.setup import open_database
from swtracker.store.engine import transaction
from swtracker.store.entries import broadcast_entries
from tests.conftest import DatabaseFactory

SINCE, UNTIL = datetime(2026, 8, 1, tzinfo=UTC), datetime(2026, 10, 24, tzinfo=UTC)
# station, reports, weights of clear / jammed / blocked / silent
STATIONS = (
    ("KBS Hanminjok", 160, (3, 4, 2, 1)),
    ("FNKR", 120, (1, 4, 5, 1)),
    ("NKRR", 90, (2, 3, 3, 2)),
    ("Shiokaze", 80, (6, 1, 0.5, 1)),
    ("Radio Free Asia", 110, (2, 3, 2, 1)),
    ("Voice of America", 70, (5, 2, 0.5, 1)),
)
STATUSES = ("clear", "jammed", "blocked", "silent")
HEADER = "uid,observed_at,frequency_khz,station,status,sinpo,jammer,reporter,location,receiver,notes"


def season_reports(db: str, seed: int = 17) -> str:
    """Reports (interchange CSV) inside the stations' scheduled airings of the bundled schedules."""
    rng = random.Random(seed)
    database = open_database(db)
    lines = [HEADER]
    try:
        with transaction(database.engine, write=False) as session:
            for name, count, weights in STATIONS:
                ids = station_ids_named(session, name) or ()
                views = broadcast_entries(session, ids, SINCE.date(), UNTIL.date())
                airings = [
                    (occurrence, view.entry.frequency_khz)
                    for view in views
                    for occurrence in occurrences_between(view.window, view.days_rule, *view.validity, SINCE, UNTIL)
                ]
                assert airings, name
                for number in range(count):
                    occurrence, frequency = rng.choice(airings)
                    minutes = int((occurrence.end - occurrence.start).total_seconds() // 60)
                    at = occurrence.start + timedelta(minutes=rng.randrange(max(minutes, 1)))
                    status = rng.choices(STATUSES, weights)[0]
                    jammer = "noise" if status in ("jammed", "blocked") else ""
                    observed = at.strftime("%Y-%m-%dT%H:%M:%SZ")
                    lines.append(
                        f"{name[:3]}{number},{observed},{frequency:g},{name},{status},,{jammer},DS{number % 7},,,"
                    )
    finally:
        database.engine.dispose()
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="session")
def season_template(databases: DatabaseFactory, bundled_template: str) -> str:
    reports = databases.workdir / "season-reports.csv"
    reports.write_text(season_reports(bundled_template), encoding="utf-8")
    return databases.template("season", [["reports", "import", str(reports)]], base=bundled_template)


@pytest.fixture
def season_db(databases: DatabaseFactory, season_template: str, tmp_path: Path) -> str:
    """The bundled schedules and 630 reports of six stations from August to October 2026."""
    return databases.new_url(tmp_path, season_template)
