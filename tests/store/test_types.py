"""Column types: the bulk-insert text of an instant is exactly what the ORM stores."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy.dialects import sqlite

from swtracker.store.types import UTCDateTime, day_number, from_day_number, sqlite_instant

DIALECT = sqlite.dialect()
offsets = st.integers(min_value=-14 * 60, max_value=14 * 60).map(lambda m: timezone(timedelta(minutes=m)))
# Hypothesis takes naive bounds and attaches the drawn offset.
EARLIEST, LATEST = datetime(1, 1, 2), datetime(9999, 12, 30)  # noqa: DTZ001  (the whole calendar)
instants = st.datetimes(min_value=EARLIEST, max_value=LATEST, timezones=offsets)


@given(instants)
def test_sqlite_instant_is_the_orm_text(instant: datetime) -> None:
    column_type = UTCDateTime()
    process = column_type.impl.dialect_impl(DIALECT).bind_processor(DIALECT)
    assert process is not None
    assert sqlite_instant(instant) == process(column_type.process_bind_param(instant, DIALECT))


def test_sqlite_instant_is_utc_with_microseconds() -> None:
    at = datetime(2026, 7, 1, 21, 30, tzinfo=timezone(timedelta(hours=9)))
    assert sqlite_instant(at) == "2026-07-01 12:30:00.000000"
    assert sqlite_instant(at.astimezone(UTC).replace(microsecond=5)) == "2026-07-01 12:30:00.000005"


@given(st.dates())
def test_day_numbers_round_trip(day: date) -> None:
    assert from_day_number(day_number(day)) == day
