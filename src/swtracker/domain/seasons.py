"""Broadcast seasons: A = last Sunday of March up to the last Sunday of October, B = the rest.

A season is a range of UTC dates; the day a season starts belongs to it, so A26 runs 2026-03-29 to
2026-10-24 inclusive and B26 starts on 2026-10-25.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property
from typing import Literal

from swtracker.errors import InputError

_CODE = re.compile(r"^([AaBb])([0-9]{2})$")
_IN_NAME = re.compile(r"(?:^|[^A-Za-z0-9])(?:sked-)?([AaBb])([0-9]{2})(?=all|[^A-Za-z0-9]|$)")


def last_sunday(year: int, month: int) -> date:
    """The last Sunday of a month (seasons change on the last Sundays of March and October)."""
    first_of_next = date(year + (month == 12), month % 12 + 1, 1)
    last_day = first_of_next - timedelta(days=1)
    return last_day - timedelta(days=(last_day.weekday() - 6) % 7)


@dataclass(frozen=True, order=True)
class Season:
    year: int  # the calendar year the season starts in
    half: Literal["A", "B"]

    @property
    def code(self) -> str:
        return f"{self.half}{self.year % 100:02d}"

    @cached_property
    def start(self) -> date:
        return last_sunday(self.year, 3 if self.half == "A" else 10)

    @cached_property
    def end(self) -> date:
        """The last day of the season (inclusive): the day before the next season starts."""
        return self.next().start - timedelta(days=1)

    def next(self) -> Season:
        return Season(self.year, "B") if self.half == "A" else Season(self.year + 1, "A")

    def previous(self) -> Season:
        return Season(self.year - 1, "B") if self.half == "A" else Season(self.year, "A")

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    def resolve_day_month(self, day: int, month: int) -> date:
        """A `ddmm` date without a year: A seasons lie in one year; in B, months 07-12 are the first year."""
        year = self.year if self.half == "A" or month >= 7 else self.year + 1
        return date(year, month, day)

    @classmethod
    def parse(cls, code: str) -> Season:
        match = _CODE.match(code.strip())
        if not match:
            raise InputError(f"season {code!r}: expected A or B and two digits, e.g. A26 or B26")
        yy = int(match.group(2))
        half: Literal["A", "B"] = "A" if match.group(1).upper() == "A" else "B"
        return cls(1900 + yy if yy >= 70 else 2000 + yy, half)

    @classmethod
    def containing(cls, day: date) -> Season:
        a_season = cls(day.year, "A")
        if day < a_season.start:
            return cls(day.year - 1, "B")
        if day <= a_season.end:
            return a_season
        return cls(day.year, "B")

    @classmethod
    def from_filename(cls, name: str) -> Season | None:
        """`sked-a26.csv` -> A26, `A26all00.TXT` -> A26, `b25allx2.zip` -> B25; None when the name has none."""
        match = _IN_NAME.search(name.rsplit("/", 1)[-1])
        return cls.parse(match.group(1) + match.group(2)) if match else None

    def __str__(self) -> str:
        return self.code
