"""How recent the evidence for a schedule entry is: EiBi's `[mmyy]` "last heard" month (stored as YYYY-MM).

A month heard more than STALE_AFTER_MONTHS before the reference day (the instant asked about, or today) makes an
entry stale: it is still listed, marked "not heard since MM/YYYY", and the listings can hide it.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

STALE_AFTER_MONTHS = 12


def _month_number(last_heard: str) -> int | None:
    """`2023-11` -> 2023 * 12 + 10; None for anything else (no date, a malformed value)."""
    year, _, month = last_heard.partition("-")
    if not (year.isdigit() and month.isdigit() and 1 <= int(month) <= 12):
        return None
    return int(year) * 12 + int(month) - 1


def newest(months: Iterable[str | None]) -> str | None:
    """The most recent of several sources' last-heard months (None when none says)."""
    known = [m for m in months if m and _month_number(m) is not None]
    return max(known, key=lambda m: _month_number(m) or 0) if known else None


def is_stale(last_heard: str | None, day: date) -> bool:
    """True when the entry was last heard more than a year before `day`; an entry without a date is not."""
    number = _month_number(last_heard) if last_heard else None
    return number is not None and day.year * 12 + day.month - 1 - number > STALE_AFTER_MONTHS


def not_heard_since(last_heard: str | None, day: date) -> str | None:
    """`not heard since 11/2023` for a stale entry, else None."""
    if last_heard is None or not is_stale(last_heard, day):
        return None
    year, _, month = last_heard.partition("-")
    return f"not heard since {month}/{year}"
