"""An entry's days rule as an RFC 5545 recurrence: the first real occurrence and the RRULE that repeats it.

The rule is on the UTC date a window starts on (design §3), so an occurrence running past midnight keeps its
start day's BYDAY. Weekly rules give BYDAY; `1.Sa` and `Last7` give a monthly BYDAY with an ordinal (1SA,
-1SU); `MF-15` gives monthly BYDAY=MO..FR limited by BYMONTHDAY=1..15; a rule that matches a single day in the
validity is a one-off event. Irregular rules (`irr`, `alt`) have no recurrence.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from swtracker.domain.days import ALL_WEEKS, LAST_WEEK, DaysRule
from swtracker.domain.windows import Occurrence, Window, occurrence_on

BYDAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
WEEKS_IN_MONTH = 5


@dataclass(frozen=True)
class RecurrenceRule:
    freq: str  # WEEKLY, MONTHLY or YEARLY
    byday: tuple[str, ...] = ()
    bymonthday: tuple[int, ...] = ()
    bymonth: tuple[int, ...] = ()
    until: datetime | None = None  # UTC, inclusive: the end of the last valid day


@dataclass(frozen=True)
class Recurrence:
    first: Occurrence  # DTSTART and DTEND
    rule: RecurrenceRule | None  # None: a one-off event


def _matching_days(days: DaysRule, first: date, last: date, step: int) -> date | None:
    day = first if step > 0 else last
    while first <= day <= last:
        if days.matches(day):
            return day
        day += timedelta(days=step)
    return None


def _weekday_codes(weekdays: int) -> list[str]:
    return [code for index, code in enumerate(BYDAY_CODES) if weekdays & (1 << index)]


def _rule(days: DaysRule, until: datetime) -> RecurrenceRule:
    codes = _weekday_codes(days.weekdays)
    if days.month_day is not None:
        month, day = days.month_day
        return RecurrenceRule("YEARLY", bymonth=(month,), bymonthday=(day,), until=until)
    bymonthday = tuple(range(1, days.max_day + 1)) if days.max_day < 31 else ()
    if days.weeks != ALL_WEEKS:
        ordinals = [n + 1 for n in range(WEEKS_IN_MONTH) if days.weeks & (1 << n)]
        ordinals += [-1] if days.weeks & LAST_WEEK else []
        byday = tuple(f"{n}{code}" for n in ordinals for code in codes)
        return RecurrenceRule("MONTHLY", byday=byday, bymonthday=bymonthday, until=until)
    if bymonthday:
        return RecurrenceRule("MONTHLY", byday=tuple(codes), bymonthday=bymonthday, until=until)
    return RecurrenceRule("WEEKLY", byday=tuple(codes), until=until)


def recurrence(window: Window, days: DaysRule, valid_from: date, valid_to: date) -> Recurrence | None:
    """The recurrence of an entry over its validity; None when it never airs (irregular days, an empty window,
    or no day of the validity matching its days)."""
    if days.irregular or window.duration == 0:
        return None
    first = _matching_days(days, valid_from, valid_to, 1)
    if first is None:
        return None
    last = _matching_days(days, first, valid_to, -1)
    if last == first:
        return Recurrence(occurrence_on(window, first), None)
    until = datetime.combine(valid_to, time(23, 59, 59), tzinfo=UTC)
    return Recurrence(occurrence_on(window, first), _rule(days, until))
