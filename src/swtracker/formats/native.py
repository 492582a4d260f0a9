"""swtracker's own schedule format: UTF-8 TOML, one file per station (see README "Schedule files").

    format = "swtracker-schedule/1"
    [station]   key, name, aliases, operator, country, years, website, notes, closed,
                hfcc = [{ broadcaster, language, frequencies, source }, ...]
    [[entry]]   frequency, time, days, valid_from, valid_to, language, target, site, kind, power_kw,
                azimuth, last_heard, notes, source

A window that runs past midnight UTC must say so (`2030-0130+1`), so a typo such as `1400-1300` is an error
instead of a 23-hour broadcast. Errors name the line of the offending key.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from datetime import date
from typing import Any

from swtracker.domain.days import DaysRule, parse_eibi_days
from swtracker.domain.windows import Window
from swtracker.errors import MAX_NAME_LENGTH, MAX_TEXT_LENGTH, ParseError, check_length
from swtracker.formats.records import (
    BROADCAST,
    JAMMER,
    HfccClaim,
    ScheduleRow,
    StationInfo,
    timing_fields,
)

FORMAT_ID = "swtracker-schedule/1"
MAX_FILE_BYTES = 5_000_000  # one station's schedule is a few KB; TOML is read whole
MAX_NESTING = 16  # a schedule needs 3 levels ([[entry]] with a list of aliases)
_NESTING_TOKENS = re.compile(r'"""|\'\'\'|["\'#\[\]{}\n\\]')
STATION_KEYS = frozenset(
    {"key", "name", "aliases", "operator", "country", "years", "website", "notes", "closed", "hfcc"}
)
HFCC_KEYS = frozenset({"broadcaster", "language", "frequencies", "source"})
ENTRY_KEYS = frozenset(
    {
        "frequency",
        "time",
        "days",
        "valid_from",
        "valid_to",
        "language",
        "target",
        "site",
        "kind",
        "power_kw",
        "azimuth",
        "last_heard",
        "notes",
        "source",
    }
)
REQUIRED_ENTRY_KEYS = ("frequency", "time", "valid_from", "valid_to", "source")
_STATION_KEY = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_TOML_POSITION = re.compile(r"\(at line ([0-9]+), column [0-9]+\)")
_KEY_LINE = re.compile(r"\s*([A-Za-z0-9_-]+)\s*=")
_SCOPED_ALIAS = re.compile(r"(.+?)\s*\[([A-Z]{1,3})\]")
_YEAR_MONTH = re.compile(r"[0-9]{4}-(0[1-9]|1[0-2])")


@dataclass(frozen=True)
class NativeSchedule:
    station: StationInfo
    rows: list[ScheduleRow]


class _LineMap:
    """Where each key of each table sits in the file, since tomllib does not report positions."""

    def __init__(self, text: str) -> None:
        self.keys: dict[tuple[str, int], int] = {}
        self.headers: dict[tuple[str, int], int] = {}
        section, index = "", 0
        entries = 0
        for number, line in enumerate(text.splitlines(), start=1):
            stripped = line.strip()
            if stripped.startswith("[[entry]]"):
                section, index, entries = "entry", entries, entries + 1
                self.headers[(section, index)] = number
            elif stripped.startswith("[station]"):
                section, index = "station", 0
                self.headers[(section, index)] = number
            elif match := _KEY_LINE.match(line):
                self.keys.setdefault((f"{section}.{match.group(1)}", index), number)

    def of_key(self, section: str, index: int, key: str) -> int | None:
        return self.keys.get((f"{section}.{key}", index), self.headers.get((section, index)))


def parse_alias(text: str) -> tuple[str, str]:
    """`Noise Jammer [KRE]` -> ("Noise Jammer", "KRE"): the alias applies only to rows from that country."""
    match = _SCOPED_ALIAS.fullmatch(text.strip())
    return (match.group(1), match.group(2)) if match else (text.strip(), "")


def _string(value: Any, field: str, limit: int = MAX_TEXT_LENGTH) -> str:
    if not isinstance(value, str):
        raise ParseError(f"must be a string, not {type(value).__name__}", field=field)
    return check_length(value.strip(), field, limit)


def _date(value: Any, field: str) -> date:
    if type(value) is date:
        return value
    raise ParseError(f"{value!r} must be a TOML date such as 2026-10-25 (no quotes)", field=field)


def _window(value: Any) -> Window:
    text = _string(value, "time")
    crosses = text.endswith("+1")
    window = Window.parse(text.removesuffix("+1"))
    if window.crosses_midnight and not crosses:
        start, end = text.split("-")
        raise ParseError(
            f"{text!r}: end {end} is before start {start}; a window past midnight UTC is written {start}-{end}+1",
            field="time",
        )
    if crosses and not window.crosses_midnight:
        raise ParseError(f"{text!r}: +1 marks a window past midnight, but this one ends the same day", field="time")
    return window


def _days(value: Any) -> DaysRule:
    text = _string(value, "days")
    rule = DaysRule() if text.lower() == "daily" else parse_eibi_days(text, lenient_words=False)
    if rule.month_day is not None:
        raise ParseError(f"{text!r}: give a single date as valid_from = valid_to", field="days")
    return rule


def _entry(data: dict[str, Any], line: int, station: StationInfo) -> ScheduleRow:
    unknown = sorted(set(data) - ENTRY_KEYS)
    if unknown:
        raise ParseError(f"unknown field {unknown[0]!r}", field=unknown[0])
    for key in REQUIRED_ENTRY_KEYS:
        if key not in data:
            raise ParseError("missing", field=key)
    frequency = data["frequency"]
    if isinstance(frequency, bool) or not isinstance(frequency, int | float) or not 10 <= frequency <= 30000:
        raise ParseError(f"{frequency!r} is not a frequency of 10-30000 kHz", field="frequency")
    window = _window(data["time"])
    days = _days(data.get("days", "daily"))
    valid_from, valid_to = _date(data["valid_from"], "valid_from"), _date(data["valid_to"], "valid_to")
    if valid_to < valid_from:
        raise ParseError(f"{valid_to} is before valid_from {valid_from}", field="valid_to")
    kind = _string(data.get("kind", BROADCAST), "kind")
    if kind not in (BROADCAST, JAMMER):
        raise ParseError(f"{kind!r} is not broadcast or jammer", field="kind")
    power = data.get("power_kw")
    if power is not None and (isinstance(power, bool) or not isinstance(power, int | float) or power <= 0):
        raise ParseError(f"{power!r} is not a power in kW", field="power_kw")
    azimuth = data.get("azimuth")
    if azimuth is not None and (isinstance(azimuth, bool) or not isinstance(azimuth, int) or not 0 <= azimuth <= 359):
        raise ParseError(f"{azimuth!r} is not an azimuth of 0-359 degrees", field="azimuth")
    source = _string(data["source"], "source")
    if not source:
        raise ParseError("must say where the entry comes from", field="source")
    last_heard = _string(data.get("last_heard", ""), "last_heard")
    if last_heard and not _YEAR_MONTH.fullmatch(last_heard):
        raise ParseError(f"{last_heard!r} is not a month YYYY-MM", field="last_heard")
    return ScheduleRow(
        line,
        station.name,
        kind,
        float(frequency),
        *timing_fields(window, days, valid_from, valid_to, active=True, persistence=None),
        station.country,
        _string(data.get("language", ""), "language", MAX_NAME_LENGTH),
        _string(data.get("target", ""), "target", MAX_NAME_LENGTH),
        _string(data.get("site", ""), "site", MAX_NAME_LENGTH),
        power_kw=float(power) if power is not None else None,
        azimuth=azimuth,
        date_start=valid_from.isoformat(),
        date_stop=valid_to.isoformat(),
        last_heard=last_heard or None,
        notes=_string(data.get("notes", ""), "notes") or None,
        source_note=source,
    )


def _station(data: Any) -> StationInfo:
    if not isinstance(data, dict):
        raise ParseError("missing: the file needs a [station] table", field="station")
    unknown = sorted(set(data) - STATION_KEYS)
    if unknown:
        raise ParseError(f"unknown field {unknown[0]!r}", field=unknown[0])
    for key in ("key", "name"):
        if key not in data:
            raise ParseError("missing", field=key)
    key = _string(data["key"], "key", MAX_NAME_LENGTH)
    if not _STATION_KEY.fullmatch(key):
        raise ParseError(f"{key!r}: use lowercase letters, digits and '-'", field="key")
    name = _string(data["name"], "name", MAX_NAME_LENGTH)
    if not name:
        raise ParseError("is empty", field="name")
    aliases = data.get("aliases", [])
    if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
        raise ParseError("must be a list of non-empty strings", field="aliases")
    for alias in aliases:
        check_length(alias.strip(), "aliases")
    operator, years, website, notes = (
        _string(data.get(field, ""), field) for field in ("operator", "years", "website", "notes")
    )
    country = _string(data.get("country", ""), "country", MAX_NAME_LENGTH)
    closed = _date(data["closed"], "closed") if "closed" in data else None
    hfcc = tuple(_hfcc_claim(claim) for claim in _list(data.get("hfcc", []), "hfcc"))
    return StationInfo(
        key, name, tuple(a.strip() for a in aliases), operator, country, years, website, notes, closed, hfcc
    )


def _list(value: Any, field: str) -> list[Any]:
    if not isinstance(value, list):
        raise ParseError(f"must be a list, not {type(value).__name__}", field=field)
    return value


def _hfcc_claim(data: Any) -> HfccClaim:
    """`{ broadcaster = "KBS", language = "Kor", frequencies = [6015], source = "..." }`: language and
    frequencies narrow the claim, and at least one of them must (a broadcaster carries several stations)."""
    if not isinstance(data, dict):
        raise ParseError("must be a list of tables { broadcaster, language, frequencies, source }", field="hfcc")
    unknown = sorted(set(data) - HFCC_KEYS)
    if unknown:
        raise ParseError(f"unknown field {unknown[0]!r} in a declaration", field="hfcc")
    broadcaster = _string(data.get("broadcaster", ""), "hfcc")
    language = _string(data.get("language", ""), "hfcc")
    frequencies = _list(data.get("frequencies", []), "hfcc")
    if not all(isinstance(f, int | float) and not isinstance(f, bool) and 10 <= f <= 30000 for f in frequencies):
        raise ParseError("frequencies must be kHz values of 10-30000", field="hfcc")
    source = _string(data.get("source", ""), "hfcc")
    if not broadcaster or not source:
        raise ParseError("a declaration needs its broadcaster code and its source", field="hfcc")
    if not language and not frequencies:
        raise ParseError(f"{broadcaster}: give the language and/or the frequencies it declares", field="hfcc")
    return HfccClaim(broadcaster, language, tuple(float(f) for f in frequencies), source)


def check_size(size: int) -> None:
    if size > MAX_FILE_BYTES:
        raise ParseError(f"{size:,} bytes is more than a schedule file of one station holds ({MAX_FILE_BYTES:,})")


def check_nesting(text: str) -> None:
    """ParseError at the line where arrays or inline tables nest deeper than MAX_NESTING: Python's TOML reader
    recurses once per level, and a few KB of `[[[[...` would exhaust the stack. Brackets inside strings and
    comments do not count."""
    depth, line, closing, skip_to = 0, 1, "", 0
    for token in _NESTING_TOKENS.finditer(text):
        if token.start() < skip_to:
            continue
        mark = token.group()
        if mark == "\n":
            line += 1
        elif closing:  # inside a string: only its end, or an escape in a basic string, matters
            if mark == closing:
                closing = ""
            elif mark == "\\" and closing[0] == '"':
                skip_to = token.end() + 1
        elif mark == "#":
            end = text.find("\n", token.end())
            skip_to = len(text) if end < 0 else end
        elif mark in ('"', "'", '"""', "'''"):
            closing = mark
        elif mark in "[{":
            depth += 1
            if depth > MAX_NESTING:
                raise ParseError(f"arrays or tables nested more than {MAX_NESTING} deep", line=line)
        elif mark in "]}":
            depth = max(depth - 1, 0)


def parse_native(text: str) -> NativeSchedule:
    """Parse one native schedule file (already decoded). Raises ParseError with the line of the bad key."""
    check_nesting(text)
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        match = _TOML_POSITION.search(str(error))
        reason = _TOML_POSITION.sub("", str(error)).strip()
        raise ParseError(f"not valid TOML: {reason}", line=int(match.group(1)) if match else None) from None
    lines = _LineMap(text)
    unknown = sorted(set(document) - {"format", "station", "entry"})
    if unknown:
        raise ParseError(f"unknown field {unknown[0]!r}", field=unknown[0], line=lines.of_key("", 0, unknown[0]))
    if document.get("format") != FORMAT_ID:
        raise ParseError(f"must be {FORMAT_ID!r}", field="format", line=lines.of_key("", 0, "format") or 1)
    try:
        station = _station(document.get("station"))
    except ParseError as error:
        raise error.located(line=lines.of_key("station", 0, error.field) or 1) from None
    entries = document.get("entry", [])
    if not isinstance(entries, list):
        raise ParseError("must be an array of tables [[entry]]", field="entry", line=lines.of_key("", 0, "entry"))
    rows = []
    for index, data in enumerate(entries):
        header_line = lines.headers.get(("entry", index), 1)
        try:
            rows.append(_entry(data, header_line, station))
        except ParseError as error:
            raise error.located(line=lines.of_key("entry", index, error.field) or header_line) from None
    return NativeSchedule(station, rows)
