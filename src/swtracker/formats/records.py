"""The records every schedule parser produces, whatever the file format."""

from __future__ import annotations

from datetime import date
from operator import itemgetter
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


# A ScheduleRow as parts shared between rows (issue 18): a file of a million lines has a few thousand distinct
# labels and timings, so a parser builds each once and a line is a small tuple pointing at them; the store keeps
# each distinct part once. (line, frequency_khz, label, timing, detail):
# - label: ScheduleRow's station, kind, country, language, target, site;
# - timing: its start_min ... persistence (Timing), then date_start, date_stop, last_heard;
# - detail: its site_name ... alt_frequencies, notes, source_note, or None when all are None (every EiBi row).
Label = tuple[str, str, str, str, str, str]
TimingKey = tuple[object, ...]
Detail = tuple[object, ...]
CompactRow = tuple[int, float, Label, TimingKey, Detail | None]
LABEL_FIELDS = ("station", "kind", "country", "language", "target", "site")
TIMING_KEY_FIELDS = (*ScheduleRow._fields[4:15], "date_start", "date_stop", "last_heard")
DETAIL_FIELDS = (*ScheduleRow._fields[19:31], "notes", "source_note")
_label_of = itemgetter(*map(ScheduleRow._fields.index, LABEL_FIELDS))
_timing_of = itemgetter(*map(ScheduleRow._fields.index, TIMING_KEY_FIELDS))
_detail_of = itemgetter(*map(ScheduleRow._fields.index, DETAIL_FIELDS))
_NO_DETAIL = (None,) * len(DETAIL_FIELDS)


def compact(row: ScheduleRow) -> CompactRow:
    """A row as its parts (for parsers that build whole rows: HFCC and native files are small)."""
    detail = _detail_of(row)
    return (row.line, row.frequency_khz, _label_of(row), _timing_of(row), None if detail == _NO_DETAIL else detail)


def expand(row: CompactRow) -> ScheduleRow:
    """The ScheduleRow a compact row stands for."""
    line, frequency, label, timing, detail = row
    detail = detail or _NO_DETAIL
    return tuple.__new__(
        ScheduleRow,
        (line, *label[:2], frequency, *timing[:11], *label[2:], *detail[:12], *timing[11:], *detail[12:]),
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
