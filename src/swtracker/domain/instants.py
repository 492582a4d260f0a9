"""Instants and zones at the edges: parse what users type, show local times. Everything inside is UTC."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from swtracker.errors import InputError, UsageError

# Instants users may give: wide enough for any log or schedule, far enough from year 1 and 9999 that the date
# arithmetic around them (the day before, the next week, local zones) cannot overflow.
EARLIEST = datetime(1900, 1, 1, tzinfo=UTC)
LATEST = datetime(2200, 1, 1, tzinfo=UTC)


def in_range(instant: datetime) -> bool:
    return EARLIEST <= instant < LATEST


def format_instant(instant: datetime) -> str:
    """ISO 8601 in UTC with `Z`: `2026-07-01T20:30:00Z` (microseconds only when there are any)."""
    return instant.astimezone(UTC).isoformat()[:-6] + "Z"  # "+00:00" cut: cheaper than replace(tzinfo=None)


def outside_years(text: str) -> str:
    """Why an instant outside EARLIEST..LATEST is refused, for options and file cells alike."""
    return f"{text!r} is outside the years {EARLIEST.year}-{LATEST.year - 1}"


def _outside(text: str, option: str) -> InputError:
    return InputError(f"{option} {outside_years(text)}")


def parse_zone(name: str | None) -> tzinfo | None:
    """An IANA zone name (`Asia/Seoul`, `Asia/Pyongyang`, `UTC`); None when not given."""
    if not name:
        return None
    try:
        return ZoneInfo(name.strip())
    except (ZoneInfoNotFoundError, ValueError):
        raise UsageError(f"--tz {name!r} is not a time zone name such as Asia/Seoul or Europe/Berlin") from None


def _offset_text(offset: timedelta | None) -> str:
    minutes = int((offset or timedelta()).total_seconds()) // 60
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def _localize(naive: datetime, zone: tzinfo, text: str) -> datetime:
    """Attach a zone to a wall time, refusing times the zone skips or repeats (DST changes)."""
    earlier, later = naive.replace(tzinfo=zone, fold=0), naive.replace(tzinfo=zone, fold=1)
    if earlier.utcoffset() != later.utcoffset():
        round_trip = earlier.astimezone(UTC).astimezone(zone).replace(tzinfo=None)
        if round_trip != naive:
            raise InputError(f"{text!r} does not exist in {zone} (the clocks skip it)")
        offsets = f"{_offset_text(earlier.utcoffset())} or {_offset_text(later.utcoffset())}"
        raise InputError(f"{text!r} happens twice in {zone} (the clocks go back); add the offset: {offsets}")
    return earlier


_HHMM = re.compile(r"([01][0-9]|2[0-3])([0-5][0-9])([zZ]?)")
_DIGITS = re.compile(r"[0-9]{1,4}[zZ]?")
# The ISO 8601 forms typed most (2026-07-01, 2026-07-01T15:30Z, 2026-07-01 15:30:00+09:00): the standard library
# reads them as dateutil does, and `log --at` or `summary --since` then need not import dateutil (start-up time).
_ISO = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}(?:[T ][0-9]{2}:[0-9]{2}(?::[0-9]{2})?(?:Z|[+-][0-9]{2}:[0-9]{2})?)?")
# dateutil reads `GMT+9` with POSIX's reversed sign (nine hours west): refused rather than guessed.
_NAMED_OFFSET = re.compile(r"\b(?:GMT|UTC)\s*[+-]", re.IGNORECASE)


class _ZoneAbbreviation(Exception):
    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name


def _explicit_zone(name: str | None, offset: int | None) -> tzinfo | None:
    """dateutil's hook for the zone in the text: none (a naive time), an offset, or Z/UTC/GMT is taken; an
    abbreviation such as KST or CST (which can mean several zones) is refused instead of silently dropped."""
    if name is None:
        return None if offset is None else timezone(timedelta(seconds=offset))
    if offset == 0:
        return UTC
    raise _ZoneAbbreviation(name or "?")


def _iso_instant(text: str) -> datetime | None:
    """`text` in one of the _ISO forms, as written (naive when it has no offset); None for anything else, and for
    impossible values (month 13), whose error message the general path words."""
    if not _ISO.fullmatch(text):
        return None
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None


def _parse_with_default(text: str, default: datetime, option: str) -> datetime:
    from dateutil import parser as date_parser  # here, not at import: `now` without --at never needs it

    try:
        return date_parser.parse(text, default=default, dayfirst=False, yearfirst=True, tzinfos=_explicit_zone)
    except _ZoneAbbreviation as error:
        raise InputError(
            f"{option} {text!r}: {error.name} is not an offset; write +09:00 (or Z), or a local time with --tz"
        ) from None
    except (ValueError, OverflowError, date_parser.ParserError):
        raise InputError(f"{option} {text!r} is not a date/time such as 2026-07-01T15:30Z") from None


def parse_instant(text: str, zone: tzinfo | None, *, now: datetime, option: str = "--at") -> datetime:
    """ISO 8601 with offset or Z is taken as written; a naive date/time is wall time in `zone` (UTC when
    none); a bare time (`21:00`, or `2100` as schedules write it) means that time today in that zone (`2100Z`:
    today in UTC); a date without a year is this year. Returns an aware UTC datetime."""
    zone = zone or UTC
    today = now.astimezone(zone).replace(hour=0, minute=0, second=0, microsecond=0, tzinfo=None)
    stripped = text.strip()
    if _DIGITS.fullmatch(stripped):  # dateutil would take 1530 as a year
        hhmm = _HHMM.fullmatch(stripped)
        if hhmm is None:
            raise InputError(f"{option} {text!r} is not a time HHMM (0000-2359, 1530Z for UTC) or a date/time")
        if hhmm[3]:  # 1530Z: today's UTC date
            today = now.astimezone(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
        parsed = today.replace(hour=int(hhmm[1]), minute=int(hhmm[2]))
    elif (iso := _iso_instant(stripped)) is not None:
        parsed = iso
    else:
        if _NAMED_OFFSET.search(stripped):
            raise InputError(f"{option} {text!r}: write the offset as +09:00 or -05:00 after the time")
        parsed = _parse_with_default(stripped, today, option)
        # Parsed again with a default that differs in year, month and day: the parts that change were not given.
        # Four years back keeps a leap year leap, so "Feb 29" without a year parses in 2028 as it should.
        other = today.replace(year=today.year - 4, month=1 if today.month != 1 else 2, day=1 if today.day != 1 else 2)
        again = _parse_with_default(stripped, other, option)
        given = (parsed.year == again.year, parsed.month == again.month, parsed.day == again.day)
        if any(given) and given not in ((True, True, True), (False, True, True)):
            raise InputError(f"{option} {text!r} is not a whole date; write 2026-07-01 (or a time alone for today)")
    if not EARLIEST.year <= parsed.year < LATEST.year:  # before any zone arithmetic, which could overflow
        raise _outside(text, option)
    if parsed.tzinfo is None:
        parsed = _localize(parsed, zone, text)
    parsed = parsed.astimezone(UTC)
    if not in_range(parsed):
        raise _outside(text, option)
    return parsed


def check_period(since: datetime | None, until: datetime | None) -> None:
    """--since must come before --until (which is exclusive): reports and summaries refuse an empty period
    instead of answering it with nothing."""
    if since is not None and until is not None and since >= until:
        raise InputError(f"--since {format_instant(since)} is not before --until {format_instant(until)}")


def to_zone(instant: datetime, zone: tzinfo | None) -> datetime:
    return instant.astimezone(zone or UTC)
