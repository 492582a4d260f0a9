"""EiBi `sked-XNN.csv`: 11 fields separated by `;`, no quoting, cp1252/latin-1 bytes, CRLF.

kHz;Time(UTC);Days;ITU;Station;Lng;Target;Remarks;P;Start;Stop  (see research/formats.md §2)
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import date
from functools import lru_cache
from itertools import chain, count, islice, repeat
from operator import itemgetter

from swtracker.domain.days import DaysRule, parse_eibi_days
from swtracker.domain.seasons import Season
from swtracker.domain.windows import Window
from swtracker.errors import MAX_NAME_LENGTH, NUL, NUL_REASON, ParseError, check_length
from swtracker.formats.records import (
    BROADCAST,
    JAMMER,
    CompactRow,
    Label,
    RejectedLine,
    ScheduleRow,
    TimingKey,
    expand,
    timing_fields,
)
from swtracker.formats.text import OverlongLine

FIELD_COUNT = 11
HEADER_FIELDS = ("kHz", "Time(UTC)", "Days", "ITU", "Station", "Lng", "Target", "Remarks", "P", "Start", "Stop")
# EiBi README: 0-6 and 8 (there is no 7); 90 plus a code marks a utility station.
PERSISTENCE_CODES = frozenset(str(code + base) for code in (0, 1, 2, 3, 4, 5, 6, 8) for base in (0, 90))
_STOP = re.compile(r"([0-9]{4})?(?:\[([0-9]{2})([0-9]{2})\])?")
_JAMMER_NAME = re.compile(r"jamm(?:er|ing)", re.IGNORECASE)


def is_header(text: str) -> bool:
    return text.startswith("kHz")


@lru_cache(maxsize=4096)
def _window(text: str) -> Window:
    return Window.parse(text, field="time")


@lru_cache(maxsize=4096)
def _days(text: str) -> DaysRule:
    return parse_eibi_days(text)


def _ddmm(text: str, season: Season, field: str) -> date:
    if len(text) != 4 or not (text.isascii() and text.isdigit()):
        raise ParseError(f"{text!r} is not a ddmm date", field=field)
    day, month = int(text[:2]), int(text[2:])
    try:
        return season.resolve_day_month(day, month)
    except ValueError:
        raise ParseError(f"{text!r} is not a ddmm date", field=field) from None


def _stop(text: str, season: Season) -> tuple[date | None, str]:
    """`3006`, `3006[0725]`, `[0426]` -> (stop date, last heard YYYY-MM or "")."""
    match = _STOP.fullmatch(text)
    if not match:
        raise ParseError(f"{text!r} is not ddmm, [mmyy] or ddmm[mmyy]", field="stop")
    stop = _ddmm(match.group(1), season, "stop") if match.group(1) else None
    last_heard = ""
    if match.group(2):
        month, yy = int(match.group(2)), int(match.group(3))
        if not 1 <= month <= 12:
            raise ParseError(f"{text!r}: last-heard month {month:02d} is not 01-12", field="stop")
        last_heard = f"{2000 + yy if yy < 70 else 1900 + yy}-{month:02d}"
    return stop, last_heard


def _frequency(khz: str) -> float:
    try:
        frequency = float(khz)
    except ValueError:
        raise ParseError(f"{khz!r} is not a frequency in kHz", field="kHz") from None
    if not 10 <= frequency <= 30000:
        raise ParseError(f"{khz!r} is outside 10-30000 kHz", field="kHz")
    return frequency


def _active(persistence: int, season: Season) -> bool:
    """P=8 is inactive; P=4 rows are winter-only and P=5 summer-only (90+ = the same for utilities)."""
    base = persistence % 90 if persistence >= 90 else persistence
    return not (base == 8 or (base == 4 and season.half == "A") or (base == 5 and season.half == "B"))


BATCH_LINES = 128
MAX_UNSEEN = 8  # lines of a run not of texts seen before, each parsed on its own; more: the whole run is
SEEN_LINES = 100_000
_timing_texts = itemgetter(1, 2, 8, 9, 10)  # Time, Days, P, Start, Stop
_khz, _after_khz = itemgetter(0), itemgetter(2)
_SEPARATORS = repeat(";")
_label_texts = itemgetter(4, 3, 5, 6, 7)  # Station, ITU, Lng, Target, Remarks
# The parts of a line not seen, in _seen_run's rows until the line's own row replaces it.
_STAND_IN: tuple[Label, TimingKey, None] = (("", "", "", "", "", ""), (), None)


class EibiParser:
    """Parses the lines of one season's file. A file has a few thousand distinct timings (time, days, P,
    start, stop) and labels (station, ITU, language, target, remarks) among its rows, so each is parsed once
    per parser and shared by the rows that have it (records.CompactRow)."""

    def __init__(self, season: Season) -> None:
        self.season = season
        self._timings: dict[tuple[str, ...], TimingKey] = {}
        self._labels: dict[tuple[str, ...], Label] = {}

    def _dates(self, start_text: str, stop_text: str, days: DaysRule) -> tuple[date, date, str, str]:
        """(valid from, valid to, stop date as written, last heard): the season range intersected with the
        row's Start, Stop and single-date days."""
        season = self.season
        valid_from, valid_to = season.start, season.end
        if start_text:
            valid_from = max(valid_from, _ddmm(start_text, season, "start"))
        stop, last_heard = _stop(stop_text, season)
        if stop is not None:
            valid_to = min(valid_to, stop)
        if days.month_day is not None:
            try:
                single = season.resolve_day_month(days.month_day[1], days.month_day[0])
            except ValueError:  # 29Feb in a season whose year has none
                raise ParseError(f"{days.raw!r} is not a date in season {season}", field="days") from None
            valid_from, valid_to = max(valid_from, single), min(valid_to, single)
        return valid_from, valid_to, stop_text[:4] if stop is not None else "", last_heard

    def _timing(self, texts: tuple[str, ...]) -> TimingKey:
        time_text, days_text, p_text, start_text, stop_text = texts
        if p_text not in PERSISTENCE_CODES:
            raise ParseError(f"{p_text!r} is not a persistence code (0-6 or 8, +90 for utilities)", field="P")
        persistence = int(p_text)
        window = _window(time_text)
        days = _days(days_text)
        valid_from, valid_to, stop_date, last_heard = self._dates(start_text, stop_text, days)
        head = timing_fields(
            window, days, valid_from, valid_to, active=_active(persistence, self.season), persistence=persistence
        )
        timing = self._timings[texts] = (*head, start_text, stop_date, last_heard)
        return timing

    def _label(self, texts: tuple[str, ...]) -> Label:
        station, itu, lang, target, site = texts
        name = station.strip()
        if not name:
            raise ParseError("station name is empty", field="station")
        kind = JAMMER if _JAMMER_NAME.search(name) else BROADCAST
        label = self._labels[texts] = (name, kind, itu.strip(), lang.strip(), target.strip(), site.strip())
        return label

    def parse_compact(self, text: str, line: int) -> CompactRow:
        """One data line (without its line ending) -> CompactRow, or ParseError naming the field."""
        fields = text.split(";")
        if len(fields) != FIELD_COUNT:
            raise ParseError(f"expected {FIELD_COUNT} fields separated by ';', found {len(fields)}", line=line)
        if NUL in text:
            raise ParseError(NUL_REASON, line=line)
        if len(text) > MAX_NAME_LENGTH:  # only then can a field be too long
            for name, value in zip(HEADER_FIELDS, fields, strict=True):
                try:
                    check_length(value.strip(), name)
                except ParseError as error:
                    raise error.located(line=line) from None
        try:
            frequency = _frequency(fields[0])
        except ParseError as error:
            raise error.located(line=line) from None
        label_texts, timing_texts = _label_texts(fields), _timing_texts(fields)
        label = self._labels.get(label_texts)
        timing = self._timings.get(timing_texts)
        if label is None or timing is None:
            try:
                label = label or self._label(label_texts)
                timing = timing or self._timing(timing_texts)
            except ParseError as error:
                raise error.located(line=line) from None
        return (line, frequency, label, timing, None)

    def parse_line(self, text: str, line: int) -> ScheduleRow:
        """One data line (without its line ending) -> ScheduleRow, or ParseError naming the field."""
        return expand(self.parse_compact(text, line))


def parse_line(text: str, line: int, season: Season) -> ScheduleRow:
    """One data line of a file of `season` -> ScheduleRow, or ParseError naming the field."""
    return EibiParser(season).parse_line(text, line)


def parse_eibi(lines: Iterable[str], *, season: Season, first_line: int = 1) -> Iterator[ScheduleRow | RejectedLine]:
    """Parse EiBi lines (line endings stripped); the header line is skipped, bad lines come back rejected."""
    for item in parse_compact(lines, season=season, first_line=first_line):
        yield item if type(item) is RejectedLine else expand(item)  # type: ignore[arg-type]


def parse_compact(lines: Iterable[str], *, season: Season, first_line: int = 1) -> Iterator[CompactRow | RejectedLine]:
    """parse_eibi's rows as CompactRows: what an import stores, without building a ScheduleRow per line."""
    remaining = iter(lines)
    batches: Iterator[list[str]] = iter(lambda: list(islice(remaining, BATCH_LINES)), [])
    return chain.from_iterable(parse_batches(batches, season=season, first_line=first_line))


def parse_batches(
    batches: Iterable[list[str]], *, season: Season, first_line: int = 1
) -> Iterator[list[CompactRow | RejectedLine]]:
    """parse_compact a list of lines at a time (text.decoded_batches), each giving the list of its rows.

    A line whose kHz text and whose texts after it each stood in a line accepted earlier needs no rule: they
    would give it that kHz line's frequency and the other line's label and timing (its 11 field texts were each
    checked at their place, and no field of an accepted line is too long or holds a NUL); with a new kHz text it
    needs only the kHz rule (_Seen.frequency: one broadcast aired on several frequencies). Where
    all but at most MAX_UNSEEN lines of a run of BATCH_LINES are such lines, they are decided by C calls over the
    run, and the few others one by one; otherwise the run goes line by line: such a line by one lookup of its
    texts after the kHz, a line whose label and timing texts were seen in a few C calls, and every other line
    (the first of each label or timing, anything unusual) through EibiParser.parse_compact, the one place the
    rules live."""
    parser, seen = EibiParser(season), _Seen()
    line = first_line
    for lines in batches:
        rows: list[CompactRow | RejectedLine] = []
        for start in range(0, len(lines), BATCH_LINES):
            run = lines[start : start + BATCH_LINES]
            known = _seen_run(seen, run, line)
            if known is None:
                rows += _one_by_one(parser, seen, run, line, first_line)
            else:
                done = 0
                for at in known[1]:  # the lines not seen, in order: each in its place
                    rows += known[0][done:at]
                    rows += _one_by_one(parser, seen, run[at : at + 1], line + at, first_line)
                    done = at + 1
                rows += known[0][done:]
            line += len(run)
        yield rows


class _Seen:
    """What the accepted lines of a file had: kHz texts and their frequency; the texts after the kHz field (time
    to stop) and their label and timing; up to SEEN_LINES of each (memory stays flat whatever the file)."""

    def __init__(self) -> None:
        self.frequencies: dict[str, float] = {}
        self.parts: dict[str, tuple[Label, TimingKey, None]] = {}

    def add(self, khz: str, rest: str, row: CompactRow) -> None:
        if len(self.frequencies) < SEEN_LINES:
            self.frequencies[khz] = row[1]
        if len(self.parts) < SEEN_LINES:
            self.parts[rest] = (row[2], row[3], None)

    def frequency(self, khz: str) -> float | None:
        """The frequency of a kHz text not seen before, put before texts seen after the kHz of an accepted line:
        the rules accept that line when the kHz field is neither too long nor holds a NUL and is a frequency in
        range (_frequency). None otherwise: the rules decide the line."""
        if len(khz) > MAX_NAME_LENGTH or NUL in khz:
            return None
        try:
            frequency = _frequency(khz)
        except ParseError:
            return None
        if len(self.frequencies) < SEEN_LINES:
            self.frequencies[khz] = frequency
        return frequency


def _seen_run(seen: _Seen, lines: list[str], line: int) -> tuple[list[CompactRow], list[int]] | None:
    """The rows of `lines` (numbered from `line`) and the positions of the lines not of texts seen before, whose
    rows are stand-ins to replace; None when there are more than MAX_UNSEEN of those (or an overlong line)."""
    if set(map(type, lines)) != {str}:  # an OverlongLine
        return None
    split = list(map(str.partition, lines, _SEPARATORS))  # (kHz, ";", the rest), or (line, "", "")
    parts = list(map(seen.parts.get, map(_after_khz, split)))
    khz = list(map(seen.frequencies.get, map(_khz, split)))
    unseen: list[int] = []
    if None in parts or None in khz:
        for at in [at for at, frequency in enumerate(khz) if frequency is None]:
            if parts[at] is not None:  # a new kHz text before seen texts: one rule to apply
                khz[at] = seen.frequency(split[at][0])
        unseen = [at for at, (part, frequency) in enumerate(zip(parts, khz, strict=True)) if None in (part, frequency)]
        if len(unseen) > MAX_UNSEEN:
            return None
        for at in unseen:
            parts[at], khz[at] = _STAND_IN, 0.0
    return list(map(tuple.__add__, zip(count(line), khz), parts)), unseen  # type: ignore[arg-type]


def _one_by_one(
    parser: EibiParser, seen: _Seen, lines: list[str], first: int, first_line: int
) -> list[CompactRow | RejectedLine]:
    labels, timings, parts, frequencies = parser._labels, parser._timings, seen.parts, seen.frequencies
    rows: list[CompactRow | RejectedLine] = []
    for line, text in enumerate(lines, start=first):
        khz, _, rest = text.partition(";")
        part = parts.get(rest)
        if part is not None and type(text) is str:  # texts after the kHz seen: its rule only (_Seen.frequency)
            frequency = frequencies.get(khz) or seen.frequency(khz)
            if frequency is not None:
                rows.append((line, frequency, *part))
                continue
        fields = text.split(";")
        if len(fields) == FIELD_COUNT and type(text) is str and len(text) <= MAX_NAME_LENGTH and NUL not in text:
            label, timing = labels.get(_label_texts(fields)), timings.get(_timing_texts(fields))
            if label is not None and timing is not None:
                try:
                    frequency = float(khz)
                except ValueError:
                    frequency = 0.0  # the rules reject it
                if 10 <= frequency <= 30000:
                    row: CompactRow = (line, frequency, label, timing, None)
                    rows.append(row)
                    seen.add(khz, rest, row)
                    continue
        if type(text) is OverlongLine:
            rows.append(RejectedLine(line, text, text.error(line)))
            continue
        if not text or text.isspace() or (line == first_line and is_header(text)):
            continue
        try:
            row = parser.parse_compact(text, line)
        except ParseError as error:
            rows.append(RejectedLine(line, text, error))
        else:
            rows.append(row)
            seen.add(khz, rest, row)
    return rows
