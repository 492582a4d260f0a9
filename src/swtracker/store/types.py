"""Column types that behave the same on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, time
from operator import methodcaller
from typing import Any

from sqlalchemy import DateTime
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator

from swtracker.domain.columns import each_distinct


class UTCDateTime(TypeDecorator[datetime]):
    """An aware instant stored in UTC. SQLite would silently drop the offset of an aware value, and store a
    local wall time as if it were UTC, so naive values are refused and aware ones converted on the way in."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r}: swtracker stores aware instants only")
        return value.astimezone(UTC).replace(tzinfo=None) if dialect.name == "sqlite" else value.astimezone(UTC)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        assert isinstance(value, datetime)
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def sqlite_instant(value: datetime) -> str:
    """The text UTCDateTime stores on SQLite for an aware instant (SQLAlchemy's DATETIME format), for bulk
    inserts that bypass the type's per-row processing. Formatted from the fields: half the time of isoformat."""
    at = value.astimezone(UTC)
    return _SQLITE_INSTANT % (at.year, at.month, at.day, at.hour, at.minute, at.second, at.microsecond)


_SQLITE_INSTANT = "%04d-%02d-%02d %02d:%02d:%02d.%06d"


def sqlite_instants(values: Iterable[datetime]) -> list[str]:
    """sqlite_instant of many instants: the date and the time of day each formatted once per distinct value
    (a day has many reports, and reports are timed to the minute), then joined."""
    instants = list(map(methodcaller("astimezone", UTC), values))
    days = each_distinct(_sqlite_day, map(methodcaller("date"), instants))
    return list(map(str.__add__, days, each_distinct(_sqlite_time, map(methodcaller("time"), instants))))


def _sqlite_day(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}-{day.day:02d} "


def _sqlite_time(at: time) -> str:
    return f"{at.hour:02d}:{at.minute:02d}:{at.second:02d}.{at.microsecond:06d}"


def day_number(day: date | None) -> int | None:
    """Dates of schedule validity are stored as YYYYMMDD integers: ordered, readable, compared identically by
    SQLite and PostgreSQL, and free of per-row conversion cost in bulk imports of a million rows."""
    return None if day is None else day.year * 10000 + day.month * 100 + day.day


def from_day_number(number: int | None) -> date | None:
    return None if number is None else date(number // 10000, number // 100 % 100, number % 100)
