"""Coverage's months with no loaded schedule, on the bundled schedules: they run to B26 (ends 2027-03-27), and
Echo of Hope closed on 2025-07-04. The airing counts themselves are tested in test_summary.py."""

from __future__ import annotations

from datetime import UTC, date, datetime

from swtracker.services.coverage import CoverageQuery, StationCoverage, coverage, unscheduled_months
from swtracker.services.setup import open_database
from tests.conftest import Cli

FNKR = "Free North Korea Radio"


def station_coverage(db: str, query: CoverageQuery) -> dict[str, StationCoverage]:
    database = open_database(db)
    try:
        return {str(item.station.value): item for item in coverage(database, query).stations}
    finally:
        database.engine.dispose()


def utc(year: int, month: int, day: int) -> datetime:
    return datetime(year, month, day, tzinfo=UTC)


def test_months_past_the_loaded_seasons_are_named_and_add_no_airings(bundled_db: str) -> None:
    # B26 is the last season loaded: FNKR's entries end 2027-03-27, so April and May have no schedule at all.
    found = station_coverage(bundled_db, CoverageQuery("FNKR", utc(2027, 2, 1), utc(2027, 6, 1)))[FNKR]
    assert found.unscheduled_months == ("2027-04", "2027-05")
    assert found.as_json()["unscheduled_months"] == ["2027-04", "2027-05"]
    # The gap months count no airings, so nothing "never monitored": the same figures as up to B26's end.
    scheduled = station_coverage(bundled_db, CoverageQuery("FNKR", utc(2027, 2, 1), utc(2027, 3, 28)))[FNKR]
    assert scheduled.unscheduled_months == ()
    assert (found.occurrences, found.never_monitored) == (scheduled.occurrences, scheduled.never_monitored)
    assert found.occurrences == 110  # 2 daily broadcasts x 55 days


def test_a_closed_station_has_no_gap_after_closing(cli: type[Cli], bundled_db: str) -> None:
    cli.ok(bundled_db, "log", "9700", "--station", "Echo of Hope", "--status", "clear", "--at", "2025-08-01T12:00Z")
    found = station_coverage(bundled_db, CoverageQuery(since=utc(2025, 6, 1), until=utc(2025, 9, 1)))
    # Echo of Hope's A25 entries end with the station on 2025-07-04: June and July are covered, August is after
    # its closing, not a gap in the loaded schedules.
    assert found["Echo of Hope"].occurrences > 0
    assert found["Echo of Hope"].unscheduled_months == ()
    assert all(item.unscheduled_months == () for item in found.values())  # A25 covers them all
    closed = station_coverage(bundled_db, CoverageQuery("Echo of Hope", utc(2026, 11, 1), utc(2027, 6, 1)))
    assert closed["Echo of Hope"].unscheduled_months == ()


def test_a_month_with_one_valid_day_is_covered() -> None:
    validities = [(date(2026, 3, 29), date(2026, 10, 24)), (date(2026, 12, 31), date(2027, 1, 1))]
    assert unscheduled_months(validities, date(2026, 2, 15), date(2027, 2, 3)) == ("2026-02", "2026-11", "2027-02")
    # Only the period's days of a month count: March 1-28 has no valid day.
    assert unscheduled_months(validities, date(2026, 3, 1), date(2026, 3, 28)) == ("2026-03",)
    assert unscheduled_months([], date(2026, 11, 30), date(2026, 12, 1)) == ("2026-11", "2026-12")
    assert unscheduled_months(validities, date(2026, 11, 1), date(2026, 10, 31)) == ()  # closed before the period
