"""UTC windows and the on-air rule (design §3), as plain Python: the oracle the SQL selection must agree with.

A window is `start`-`end` in minutes of the UTC day (0-1440, 2400 = 1440). `end <= start` means the window
runs past midnight into the next UTC day. An entry is on air at T when an occurrence contains T: the
occurrence starts on UTC date D (T's date, or the day before for the part after midnight), D matches the
days rule and lies inside the validity, and start <= T < end on that occurrence.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from swtracker.domain.days import DaysRule
from swtracker.errors import ParseError

MINUTES_PER_DAY = 1440
_HHMM = re.compile(r"([0-9]{2})([0-9]{2})")


def parse_hhmm(text: str, *, field: str, allow_2400: bool) -> int:
    """`2030` -> 1230 minutes. `2400` (end of day) only where `allow_2400`."""
    match = _HHMM.fullmatch(text.strip())
    if not match:
        raise ParseError(f"{text.strip()!r} is not a UTC time HHMM", field=field)
    hours, minutes = int(match.group(1)), int(match.group(2))
    if minutes > 59 or hours > 24 or (hours == 24 and (minutes or not allow_2400)):
        raise ParseError(f"{text.strip()!r} is not a UTC time HHMM (00:00 to 24:00)", field=field)
    return hours * 60 + minutes


def format_hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}{minutes % 60:02d}"


@dataclass(frozen=True)
class Window:
    start: int  # minutes after 00:00 UTC
    end: int  # 1 to 1440; end <= start runs past midnight

    @classmethod
    def parse(cls, text: str, *, field: str = "time") -> Window:
        """`2030-0130` (EiBi and native style)."""
        parts = text.strip().split("-")
        if len(parts) != 2:
            raise ParseError(f"{text.strip()!r} is not a window HHMM-HHMM", field=field)
        start = parse_hhmm(parts[0], field=field, allow_2400=False)
        return cls(start, parse_hhmm(parts[1], field=field, allow_2400=True))

    @property
    def crosses_midnight(self) -> bool:
        return self.end < self.start

    @property
    def duration(self) -> int:
        """Minutes on air per occurrence; `1241-1241` is an empty window, not a whole day."""
        return self.end - self.start + (MINUTES_PER_DAY if self.crosses_midnight else 0)

    def minute_spans(self) -> tuple[tuple[int, int], ...]:
        """The window as [start, end) spans of one UTC day: two for a window past midnight, none when empty."""
        if self.crosses_midnight:
            return tuple(span for span in ((self.start, MINUTES_PER_DAY), (0, self.end)) if span[0] < span[1])
        return ((self.start, self.end),) if self.start < self.end else ()

    def overlaps(self, other: Window) -> bool:
        """Both windows share a minute of the UTC day (on some day: the days rules are not looked at)."""
        return any(a < d and c < b for a, b in self.minute_spans() for c, d in other.minute_spans())

    def __str__(self) -> str:
        return f"{format_hhmm(self.start)}-{format_hhmm(self.end)}"


@dataclass(frozen=True)
class Occurrence:
    start: datetime
    end: datetime


def occurrence_on(window: Window, day: date) -> Occurrence:
    """The occurrence of a window that starts on a UTC date."""
    start = datetime.combine(day, time(), tzinfo=UTC) + timedelta(minutes=window.start)
    return Occurrence(start, start + timedelta(minutes=window.duration))


def valid_on(day: date, valid_from: date | None, valid_to: date | None) -> bool:
    return (valid_from is None or valid_from <= day) and (valid_to is None or day <= valid_to)


def occurrence_containing(
    window: Window, days: DaysRule, valid_from: date | None, valid_to: date | None, at: datetime
) -> Occurrence | None:
    """The on-air rule of design §3 for one entry and one aware instant: the occurrence that contains it,
    starting on its UTC date or, for the part after midnight, the day before."""
    at_utc = at.astimezone(UTC)
    today = at_utc.date()
    for day in (today, today - timedelta(days=1)):
        if days.matches(day) and valid_on(day, valid_from, valid_to):
            occurrence = occurrence_on(window, day)
            if occurrence.start <= at_utc < occurrence.end:
                return occurrence
    return None


def occurrences_between(
    window: Window,
    days: DaysRule,
    valid_from: date | None,
    valid_to: date | None,
    start: datetime,
    end: datetime,
) -> Iterator[Occurrence]:
    """Occurrences that overlap [start, end), in order; the range is bounded by the caller."""
    day = start.astimezone(UTC).date() - timedelta(days=1)
    last_day = end.astimezone(UTC).date()
    while day <= last_day:
        occurrence = occurrence_starting(window, days, valid_from, valid_to, day)
        if occurrence is not None and occurrence.start < end and occurrence.end > start:
            yield occurrence
        day += timedelta(days=1)


def occurrence_starting(
    window: Window, days: DaysRule, valid_from: date | None, valid_to: date | None, day: date
) -> Occurrence | None:
    """The occurrence that starts on a UTC date, if the entry is on air that day; an empty window has none."""
    if window.duration > 0 and days.matches(day) and valid_on(day, valid_from, valid_to):
        return occurrence_on(window, day)
    return None


def starts_between(
    window: Window,
    days: DaysRule,
    valid_from: date | None,
    valid_to: date | None,
    begin: datetime,
    end: datetime,
) -> Iterator[Occurrence]:
    """Occurrences that start in [begin, end), in order."""
    day = begin.astimezone(UTC).date()
    while datetime.combine(day, time(), tzinfo=UTC) < end:
        if days.matches(day) and valid_on(day, valid_from, valid_to):
            occurrence = occurrence_on(window, day)
            if begin <= occurrence.start < end:
                yield occurrence
        day += timedelta(days=1)


def minutes_of_day(window: Window) -> frozenset[int]:
    """The minutes of the UTC day a daily window covers (those after midnight wrap to the start of the day)."""
    return frozenset((window.start + m) % MINUTES_PER_DAY for m in range(window.duration))


def daily_overlap(a: Window, b: Window) -> int:
    """Minutes of the day two daily windows share (`2300-0100` and `0000-0200` share an hour)."""
    return len(minutes_of_day(a) & minutes_of_day(b))


def window_of_minutes(minutes: frozenset[int]) -> Window | None:
    """The one window covering exactly these minutes of the day; None when they are not one unbroken run."""
    if not minutes:
        return None
    if len(minutes) == MINUTES_PER_DAY:
        return Window(0, MINUTES_PER_DAY)
    start = next(m for m in sorted(minutes) if (m - 1) % MINUTES_PER_DAY not in minutes)
    end = (start + len(minutes)) % MINUTES_PER_DAY or MINUTES_PER_DAY
    window = Window(start, end)
    return window if minutes_of_day(window) == minutes else None
