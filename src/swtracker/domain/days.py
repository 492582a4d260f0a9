"""Day rules of schedule entries: which UTC dates an entry's window may start on.

EiBi counts 1 = Monday and writes `Mo`-`Su` tokens (`SaSu`, `Tu,Fr`, wrapping ranges `We-Mo`), `1.Sa`
(first Saturday of the month), `Last7` (last Sunday), `5Apr` (that date only) and `MF-15` (Mon-Fri up to the
15th). HFCC counts 1 = Sunday. Words that are not a schedule (`irr`, `alt`, `test`, ...) keep their text,
count as every day and mark the entry irregular. The rule always refers to the UTC date the window starts on.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from swtracker.errors import ParseError

ALL_WEEKDAYS = 0b1111111  # bit 0 = Monday ... bit 6 = Sunday (date.weekday())
ALL_WEEKS = 0b111111  # bits 0-4 = 1st..5th occurrence of the weekday in its month, bit 5 = last occurrence
LAST_WEEK = 1 << 5

WEEKDAY_TOKENS = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

# Words EiBi documents in the Days column that are not a schedule; matched case-insensitively.
IRREGULAR_WORDS = frozenset(
    {
        "irr",
        "alt",
        "altfr",
        "test",
        "tests",
        "tent",
        "plans",
        "harm",
        "imod",
        "spur",
        "lsb",
        "usb",
        "ram",
        "haj",
        "rshd",
        "irrsa",
        "sa2",
    }
)

_TOKEN_RUN = re.compile(r"(?:Mo|Tu|We|Th|Fr|Sa|Su)+")
_RANGE = re.compile(r"(Mo|Tu|We|Th|Fr|Sa|Su)-(Mo|Tu|We|Th|Fr|Sa|Su)")
_NTH = re.compile(r"([1-5])\.(Mo|Tu|We|Th|Fr|Sa|Su)")
_LAST = re.compile(r"Last([1-7])")
_SINGLE_DATE = re.compile(r"([0-9]{1,2})(" + "|".join(MONTHS) + r")")
_UP_TO_DAY = re.compile(r"MF-([0-9]{1,2})")
_NTH_THEN = re.compile(r"[1-5](?:Mo|Tu|We|Th|Fr|Sa|Su){2}")  # `1WeFr`: first Wednesday, again the Friday after
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*")


@dataclass(frozen=True)
class DaysRule:
    """A days rule reduced to masks that SQL can test: weekday bit, week-of-month bit, day-of-month bound."""

    raw: str = ""
    weekdays: int = ALL_WEEKDAYS
    weeks: int = ALL_WEEKS
    max_day: int = 31
    month_day: tuple[int, int] | None = None  # (month, day) for single-date rules such as `5Apr`
    irregular: bool = False

    def matches(self, day: date) -> bool:
        """True when a window may start on this UTC date (validity dates are checked elsewhere)."""
        if self.month_day is not None and (day.month, day.day) != self.month_day:
            return False
        return (
            bool(self.weekdays & (1 << day.weekday())) and bool(self.weeks & week_bits(day)) and day.day <= self.max_day
        )


def weekdays_text(weekdays: int) -> str:
    """A weekday mask as EiBi writes it: "" for every day, else its tokens listed (`Mo,We,Fr`)."""
    if weekdays & ALL_WEEKDAYS == ALL_WEEKDAYS:
        return ""
    return ",".join(token for i, token in enumerate(WEEKDAY_TOKENS) if weekdays & (1 << i))


def week_bits(day: date) -> int:
    """The week-of-month bits a date carries: its occurrence number, plus LAST_WEEK in the last 7 days."""
    bits = 1 << ((day.day - 1) // 7)
    if day.day > calendar.monthrange(day.year, day.month)[1] - 7:
        bits |= LAST_WEEK
    return bits


def _mask(weekday_indexes: list[int]) -> int:
    mask = 0
    for index in weekday_indexes:
        mask |= 1 << index
    return mask


def _token_list(text: str) -> int | None:
    """`SaSu`, `Tu,Fr`, `We-Mo`, `Mo-Fr,Su`: a weekday mask, or None when the text is not of this form."""
    mask = 0
    for part in text.split(","):
        if _RANGE.fullmatch(part):
            first, last = (WEEKDAY_TOKENS.index(t) for t in part.split("-"))
            span = (last - first) % 7  # ranges wrap: We-Mo is We..Su,Mo
            mask |= _mask([(first + step) % 7 for step in range(span + 1)])
        elif _TOKEN_RUN.fullmatch(part):
            mask |= _mask([WEEKDAY_TOKENS.index(part[i : i + 2]) for i in range(0, len(part), 2)])
        else:
            return None
    return mask


def parse_eibi_days(text: str, *, lenient_words: bool = True) -> DaysRule:
    """Parse an EiBi Days field (1 = Monday). Unknown words are irregular when `lenient_words`, else an error."""
    raw = text.strip()
    if raw == "":
        return DaysRule()
    if raw.isascii() and raw.isdigit():
        bad = [c for c in raw if c not in "1234567"]
        if bad:
            raise ParseError(f"day digit {bad[0]!r} in {raw!r} is not 1-7 (1 = Monday)", field="days")
        return DaysRule(raw=raw, weekdays=_mask([int(c) - 1 for c in raw]))
    if (mask := _token_list(raw)) is not None:
        return DaysRule(raw=raw, weekdays=mask)
    if match := _NTH.fullmatch(raw):
        nth, token = int(match.group(1)), match.group(2)
        return DaysRule(raw=raw, weekdays=1 << WEEKDAY_TOKENS.index(token), weeks=1 << (nth - 1))
    if match := _LAST.fullmatch(raw):
        return DaysRule(raw=raw, weekdays=1 << (int(match.group(1)) - 1), weeks=LAST_WEEK)
    if match := _UP_TO_DAY.fullmatch(raw):
        max_day = int(match.group(1))
        if not 1 <= max_day <= 31:
            raise ParseError(f"{raw!r}: day of month {max_day} is not 1-31", field="days")
        return DaysRule(raw=raw, weekdays=0b0011111, max_day=max_day)
    if match := _SINGLE_DATE.fullmatch(raw):
        day, month = int(match.group(1)), MONTHS.index(match.group(2)) + 1
        if not 1 <= day <= calendar.monthrange(2000, month)[1]:  # 2000 is a leap year: 29Feb is a real date
            raise ParseError(f"{raw!r} is not a date", field="days")
        return DaysRule(raw=raw, month_day=(month, day))
    if _NTH_THEN.fullmatch(raw):
        return DaysRule(raw=raw, irregular=True)
    if raw.casefold() in IRREGULAR_WORDS or (lenient_words and _WORD.fullmatch(raw)):
        return DaysRule(raw=raw, irregular=True)
    raise ParseError(f"unknown day token {raw!r}", field="days")


def parse_hfcc_days(text: str) -> DaysRule:
    """Parse an HFCC DAYS field: digits 1-7 with 1 = Sunday, blanks ignored."""
    raw = text.strip()
    digits = raw.replace(" ", "")
    if not digits:
        raise ParseError("no days given", field="days")
    bad = [c for c in digits if c not in "1234567"]
    if bad:
        raise ParseError(f"day digit {bad[0]!r} in {raw!r} is not 1-7 (1 = Sunday)", field="days")
    mask = _mask([(int(c) - 2) % 7 for c in digits])
    return DaysRule(raw=raw) if mask == ALL_WEEKDAYS else DaysRule(raw=raw, weekdays=mask)
