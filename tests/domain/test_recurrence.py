"""Days rules as RFC 5545 recurrences, expanded by recurring-ical-events and compared with the on-air oracle."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime, timedelta

import icalendar
import recurring_ical_events  # type: ignore[import-untyped]
from hypothesis import given, settings
from hypothesis import strategies as st

from swtracker.domain.days import DaysRule, parse_eibi_days
from swtracker.domain.recurrence import Recurrence, RecurrenceRule, recurrence
from swtracker.domain.windows import Occurrence, Window, occurrences_between
from swtracker.exports import icalendar_file
from swtracker.exports.icalendar_file import CalendarEvent

A26 = (date(2026, 3, 29), date(2026, 10, 24))
UNTIL_A26 = datetime(2026, 10, 24, 23, 59, 59, tzinfo=UTC)


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def test_weekly_days_start_on_the_first_matching_day() -> None:
    found = recurrence(Window(1230, 90), parse_eibi_days("Mo-Fr"), *A26)  # 2030-0130, Sunday 29 March first
    assert found == Recurrence(
        Occurrence(utc(2026, 3, 30, 20, 30), utc(2026, 3, 31, 1, 30)),
        RecurrenceRule("WEEKLY", byday=("MO", "TU", "WE", "TH", "FR"), until=UNTIL_A26),
    )


def test_nth_and_last_weekday_are_monthly() -> None:
    first_saturday = recurrence(Window(720, 780), parse_eibi_days("1.Sa"), *A26)
    assert first_saturday is not None
    assert first_saturday.first.start == utc(2026, 4, 4, 12)
    assert first_saturday.rule == RecurrenceRule("MONTHLY", byday=("1SA",), until=UNTIL_A26)
    last_sunday = recurrence(Window(480, 510), parse_eibi_days("Last7"), *A26)
    assert last_sunday is not None
    assert last_sunday.first.start == utc(2026, 3, 29, 8)
    assert last_sunday.rule == RecurrenceRule("MONTHLY", byday=("-1SU",), until=UNTIL_A26)


def test_mon_fri_up_to_the_15th_limits_by_month_day() -> None:
    found = recurrence(Window(600, 660), parse_eibi_days("MF-15"), *A26)
    assert found is not None
    assert found.first.start == utc(2026, 4, 1, 10)  # 29-31 March are past the 15th
    assert found.rule == RecurrenceRule(
        "MONTHLY", byday=("MO", "TU", "WE", "TH", "FR"), bymonthday=tuple(range(1, 16)), until=UNTIL_A26
    )


def test_a_single_day_is_a_one_off_and_irregular_days_have_none() -> None:
    # Single dates are folded into the validity on import (5Apr: valid 5 April only).
    assert recurrence(Window(480, 540), DaysRule("5Apr"), date(2026, 4, 5), date(2026, 4, 5)) == Recurrence(
        Occurrence(utc(2026, 4, 5, 8), utc(2026, 4, 5, 9)), None
    )
    assert recurrence(Window(480, 540), parse_eibi_days("irr"), *A26) is None
    assert recurrence(Window(741, 741), DaysRule(), *A26) is None  # an empty window never airs
    assert recurrence(Window(480, 540), parse_eibi_days("Sa"), date(2026, 4, 6), date(2026, 4, 10)) is None


def expand(events: list[CalendarEvent], start: datetime, end: datetime) -> dict[str, list[tuple[datetime, datetime]]]:
    """Write the events, read the file back with icalendar and expand it with recurring-ical-events."""
    stream = io.StringIO()
    icalendar_file.write(events, stream, stamp=utc(2026, 1, 1), remind=None)
    calendar = icalendar.Calendar.from_ical(stream.getvalue())
    found: dict[str, list[tuple[datetime, datetime]]] = {e.uid: [] for e in events}
    for event in recurring_ical_events.of(calendar).between(start, end):
        found[str(event["UID"])].append((event["DTSTART"].dt, event["DTEND"].dt))
    return {uid: sorted(occurrences) for uid, occurrences in found.items()}


DAYS = ["", "Mo-Fr", "We-Mo", "Tu,Fr", "156", "1.Sa", "2.Su", "Last7", "MF-15", "MF-5", "SaSu", "Su", "24Dec"]


@settings(max_examples=60, deadline=None)
@given(
    days=st.sampled_from(DAYS),
    start=st.integers(0, 1439),
    length=st.integers(1, 1440),
    first=st.dates(date(2026, 1, 1), date(2026, 12, 31)),
    span=st.integers(0, 120),
)
def test_expanded_calendar_equals_the_on_air_oracle(days: str, start: int, length: int, first: date, span: int) -> None:
    rule = parse_eibi_days(days)
    window = Window(start, (start + length) % 1440 or 1440)
    last = first + timedelta(days=span)
    found = recurrence(window, rule, first, last)
    begin = datetime.combine(first - timedelta(days=2), datetime.min.time(), tzinfo=UTC)
    end = datetime.combine(last + timedelta(days=3), datetime.min.time(), tzinfo=UTC)
    expected = [(o.start, o.end) for o in occurrences_between(window, rule, first, last, begin, end)]
    if found is None:
        assert expected == []
        return
    event = CalendarEvent("x@swtracker", "x", "1 kHz", "", ("Shortwave",), found)
    assert expand([event], begin, end)["x@swtracker"] == expected
