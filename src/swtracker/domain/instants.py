"""Instants and zones at the edges: parse what users type, show local times. Everything inside is UTC."""

from __future__ import annotations

from datetime import UTC, datetime, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from swtracker.errors import InputError, UsageError


def parse_zone(name: str | None) -> tzinfo | None:
    """An IANA zone name (`Asia/Seoul`, `Asia/Pyongyang`, `UTC`); None when not given."""
    if not name:
        return None
    try:
        return ZoneInfo(name.strip())
    except (ZoneInfoNotFoundError, ValueError):
        raise UsageError(f"--tz {name!r} is not a time zone name such as Asia/Seoul or Europe/Berlin") from None


def _localize(naive: datetime, zone: tzinfo, text: str) -> datetime:
    """Attach a zone to a wall time, refusing times the zone skips or repeats (DST changes)."""
    earlier, later = naive.replace(tzinfo=zone, fold=0), naive.replace(tzinfo=zone, fold=1)
    if earlier.utcoffset() != later.utcoffset():
        round_trip = earlier.astimezone(UTC).astimezone(zone).replace(tzinfo=None)
        if round_trip != naive:
            raise InputError(f"{text!r} does not exist in {zone} (the clocks skip it)")
        raise InputError(f"{text!r} happens twice in {zone} (the clocks go back); add an offset such as +01:00")
    return earlier


def parse_instant(text: str, zone: tzinfo | None, *, now: datetime, option: str = "--at") -> datetime:
    """ISO 8601 with offset or Z is taken as written; a naive date/time is wall time in `zone` (UTC when
    none); a bare time means that time on today's date in that zone. Returns an aware UTC datetime."""
    from dateutil import parser as date_parser  # here, not at import: `now` without --at never needs it

    zone = zone or UTC
    today = now.astimezone(zone).replace(hour=0, minute=0, second=0, microsecond=0, tzinfo=None)
    try:
        parsed = date_parser.parse(text, default=today, dayfirst=False, yearfirst=True)
    except (ValueError, OverflowError, date_parser.ParserError):
        raise InputError(f"{option} {text!r} is not a date/time such as 2026-07-01T15:30Z") from None
    if parsed.tzinfo is None:
        parsed = _localize(parsed, zone, text)
    return parsed.astimezone(UTC)


def to_zone(instant: datetime, zone: tzinfo | None) -> datetime:
    return instant.astimezone(zone or UTC)
