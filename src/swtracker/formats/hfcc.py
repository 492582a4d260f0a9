"""HFCC public schedule `XNNall00.TXT`: fixed-width ITU HFBC records, `;` comment lines, 1 = Sunday.

Columns (1-based, inclusive) follow the ITU submission format; see research/formats.md §3.3. Records are
right-trimmed, so each line is padded to the full width before slicing. The reference tables `site.txt` and
`broadcas.txt` (Latin-1) turn site and broadcaster codes into names.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from functools import lru_cache
from typing import NamedTuple

from swtracker.domain.days import DaysRule, parse_hfcc_days
from swtracker.domain.seasons import Season
from swtracker.domain.windows import MINUTES_PER_DAY, Window, parse_hhmm
from swtracker.errors import NUL, NUL_REASON, ParseError
from swtracker.formats.records import BROADCAST, RejectedLine, ScheduleRow, timing_fields
from swtracker.formats.text import OverlongLine

RECORD_WIDTH = 158
# Columns that must be blank between fields: a shifted record is rejected rather than misread.
SEPARATOR_COLUMNS = (
    5,
    10,
    15,
    46,
    50,
    55,
    63,
    67,
    71,
    79,
    86,
    93,
    95,
    101,
    112,
    116,
    120,
    124,
    130,
    132,
    138,
    144,
    150,
)
_HEADER = re.compile(r";\s*([AB][0-9]{2})\s+ALL\b", re.IGNORECASE)


class Site(NamedTuple):
    code: str
    name: str
    country: str
    latitude: str
    longitude: str


def season_in_header(text: str) -> Season | None:
    """`; A26 ALL 21-jul-2026` -> A26."""
    match = _HEADER.match(text)
    return Season.parse(match.group(1)) if match else None


@lru_cache(maxsize=1024)
def _days(text: str) -> DaysRule:
    return parse_hfcc_days(text)


@lru_cache(maxsize=2048)
def _ddmmyy(text: str, field: str) -> date:
    if len(text) != 6 or not (text.isascii() and text.isdigit()):
        raise ParseError(f"{text!r} is not a ddmmyy date", field=field)
    try:
        return date(2000 + int(text[4:]), int(text[2:4]), int(text[:2]))
    except ValueError:
        raise ParseError(f"{text!r} is not a ddmmyy date", field=field) from None


def _int(text: str, field: str) -> int | None:
    value = text.strip()
    if not value:
        return None
    if not (value.isascii() and value.lstrip("-").isdigit()):
        raise ParseError(f"{value!r} is not a number", field=field)
    return int(value)


def _frequency(text: str) -> int:
    value = text.strip()
    if not (value.isascii() and value.isdigit()) or not 10 <= int(value) <= 30000:
        raise ParseError(f"{value!r} is not a frequency of 10-30000 kHz", field="frequency")
    return int(value)


def parse_line(
    text: str,
    line: int,
    *,
    season: Season | None,
    sites: Mapping[str, Site],
    broadcasters: Mapping[str, str],
) -> ScheduleRow:
    padded = text.ljust(RECORD_WIDTH)
    if len(padded) > RECORD_WIDTH:
        raise ParseError(f"record is {len(text)} characters, longer than {RECORD_WIDTH}", line=line)
    if NUL in text:
        raise ParseError(NUL_REASON, line=line)
    for column in SEPARATOR_COLUMNS:
        if padded[column] != " ":
            raise ParseError(f"column {column + 1} should be blank: fields are not aligned", line=line)
    try:
        frequency = _frequency(padded[0:5])
        start = parse_hhmm(padded[6:10], field="start", allow_2400=False)
        # HFCC writes the end of the UTC day as 2359 as well as 2400 (formats.md §3.4: `5930 0000 2359` is
        # all day); a one-minute gap before midnight is never what a registration means.
        end = MINUTES_PER_DAY if padded[11:15] == "2359" else parse_hhmm(padded[11:15], field="stop", allow_2400=True)
        days = _days(padded[72:79])
        first_day = _ddmmyy(padded[80:86], "fdate")
        last_day = _ddmmyy(padded[87:93], "tdate")
        power = _int(padded[51:55], "power")
        azimuth = _int(padded[56:63], "azimuth")
        slew = _int(padded[64:67], "slew")
        antenna = _int(padded[68:71], "antenna")
        design_frequency = _int(padded[96:101], "afrq")
        request_id = _int(padded[125:130], "req#")
    except ParseError as error:
        raise error.located(line=line) from None
    valid_from, valid_to = first_day, last_day
    if season is not None:
        valid_from, valid_to = max(valid_from, season.start), min(valid_to, season.end)
    site = padded[47:50].strip()
    broadcaster = padded[117:120].strip()
    alternatives = " ".join(
        part for part in (padded[133:138].strip(), padded[139:144].strip(), padded[145:150].strip()) if part
    )
    known_site = sites.get(site)
    return ScheduleRow(
        line,
        broadcasters.get(broadcaster, broadcaster) or padded[113:116].strip(),
        BROADCAST,
        float(frequency),
        *timing_fields(Window(start, end), days, valid_from, valid_to, active=True, persistence=None),
        padded[113:116].strip(),
        padded[102:112].strip(),
        padded[16:46].strip(),
        site,
        site_name=known_site.name if known_site else None,
        power_kw=float(power) if power is not None else None,
        azimuth=azimuth,
        slew=slew,
        antenna=antenna,
        modulation=padded[94:95].strip() or None,
        design_frequency_khz=design_frequency,
        broadcaster=broadcaster or None,
        broadcaster_name=broadcasters.get(broadcaster),
        fmo=padded[121:124].strip() or None,
        request_id=request_id,
        alt_frequencies=alternatives or None,
        date_start=padded[80:86],
        date_stop=padded[87:93],
        notes=padded[151:158].strip() or None,
    )


def parse_hfcc(
    lines: Iterable[str],
    *,
    season: Season | None,
    sites: Mapping[str, Site] | None = None,
    broadcasters: Mapping[str, str] | None = None,
) -> Iterator[ScheduleRow | RejectedLine]:
    """Parse HFCC lines (line endings stripped). `;` lines are comments; the header may name the season."""
    for line, text in enumerate(lines, start=1):
        if isinstance(text, OverlongLine):
            yield RejectedLine(line, text, text.error(line))
            continue
        if text.startswith(";"):
            season = season or season_in_header(text)
            continue
        if not text.strip():
            continue
        try:
            yield parse_line(text.rstrip(), line, season=season, sites=sites or {}, broadcasters=broadcasters or {})
        except ParseError as error:
            yield RejectedLine(line, text, error)


def parse_sites(lines: Iterable[str]) -> dict[str, Site]:
    """`site.txt`: code (3), name (30), ADM (3), latitude, longitude; `;` lines are comments."""
    sites: dict[str, Site] = {}
    for text in lines:
        if text.startswith(";") or not text.strip() or isinstance(text, OverlongLine):
            continue
        padded = text.ljust(51)
        code = padded[0:3].strip()
        sites[code] = Site(
            code, padded[4:34].strip(), padded[35:38].strip(), padded[39:44].strip(), padded[45:51].strip()
        )
    return sites


def parse_broadcasters(lines: Iterable[str]) -> dict[str, str]:
    """`broadcas.txt`: `CODE Name`; `;` lines are comments."""
    names: dict[str, str] = {}
    for text in lines:
        if text.startswith(";") or not text.strip() or isinstance(text, OverlongLine):
            continue
        names[text[0:3].strip()] = text[4:].strip()
    return names
