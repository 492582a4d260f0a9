"""The records every schedule parser produces, whatever the file format."""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from swtracker.domain.days import DaysRule
from swtracker.domain.windows import Window
from swtracker.errors import ParseError

BROADCAST = "broadcast"
JAMMER = "jammer"


class ScheduleRow(NamedTuple):
    """One schedule line of any format, at full fidelity. Fields a format lacks are None.

    A NamedTuple rather than a dataclass: a million of these are built per large import.
    """

    line: int
    station: str  # the name as the file writes it
    kind: str  # BROADCAST or JAMMER
    frequency_khz: float
    start_min: int
    end_min: int
    days: str  # the Days field as written ("" = daily)
    weekdays: int
    weeks: int
    max_day: int
    irregular: bool
    valid_from: date  # season range intersected with the row's own dates (inclusive)
    valid_to: date
    active: bool  # False for EiBi P=8 and for rows of the other season (P=4 in A, P=5 in B)
    persistence: int | None  # EiBi P code
    country: str  # EiBi ITU home country; HFCC administration
    language: str
    target: str  # EiBi target area; HFCC CIRAF zones
    site: str  # EiBi Remarks (site code); HFCC site code
    site_name: str | None = None
    power_kw: float | None = None
    azimuth: int | None = None
    slew: int | None = None
    antenna: int | None = None
    modulation: str | None = None
    design_frequency_khz: int | None = None
    broadcaster: str | None = None  # HFCC broadcaster code
    broadcaster_name: str | None = None
    fmo: str | None = None
    request_id: int | None = None
    alt_frequencies: str | None = None
    date_start: str | None = None  # the start/stop dates as the file writes them
    date_stop: str | None = None
    last_heard: str | None = None  # EiBi [mmyy] as YYYY-MM
    notes: str | None = None
    source_note: str | None = None  # native files: where the entry's facts come from

    @property
    def window(self) -> Window:
        return Window(self.start_min, self.end_min)

    @property
    def days_rule(self) -> DaysRule:
        """The day rule; single-date rules (`5Apr`) are already folded into the validity dates."""
        return DaysRule(self.days, self.weekdays, self.weeks, self.max_day, None, self.irregular)


# ScheduleRow's fields start_min ... persistence.
Timing = tuple[int, int, str, int, int, int, bool, date, date, bool, int | None]


def timing_fields(
    window: Window, days: DaysRule, valid_from: date, valid_to: date, *, active: bool, persistence: int | None
) -> Timing:
    """ScheduleRow's fields start_min ... persistence, in order: every parser builds its rows around them."""
    return (
        window.start,
        window.end,
        days.raw,
        days.weekdays,
        days.weeks,
        days.max_day,
        days.irregular,
        valid_from,
        valid_to,
        active,
        persistence,
    )


class HfccClaim(NamedTuple):
    """A curated file's declaration: HFCC rows of this broadcaster (and language, and frequencies, when given)
    are the station's."""

    broadcaster: str  # HFCC broadcaster code (KBS)
    language: str  # HFCC language code (Kor); "" = any
    frequencies: tuple[float, ...]  # kHz; () = any
    source: str  # where the fact comes from


class StationInfo(NamedTuple):
    """Station metadata from a native schedule file."""

    key: str
    name: str
    aliases: tuple[str, ...]
    operator: str
    country: str
    years: str
    website: str
    notes: str
    closed: date | None = None  # the last day on air, when the station has closed
    hfcc: tuple[HfccClaim, ...] = ()


class RejectedLine(NamedTuple):
    """A line a parser could not read: kept verbatim with its error so nothing the user gave is lost."""

    line: int
    text: str
    error: ParseError
