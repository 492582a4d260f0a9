"""Schedule entries read: the on-air selection and the filters on it (store.line_writes writes them). Functions
take a session or a connection and never commit.

The on-air selection is one SQL expression over indexed integer columns, the same text on SQLite and
PostgreSQL. Python computes, for the candidate start dates, the date number, weekday bit, week-of-month
bits and day of month; SQL tests them against each entry's validity and day masks.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, NamedTuple

from sqlalchemy import (
    ColumnElement,
    Connection,
    Float,
    and_,
    case,
    false,
    or_,
    select,
)
from sqlalchemy.sql.elements import UnaryExpression
from sqlalchemy.sql.operators import custom_op

from swtracker.domain.days import DaysRule, week_bits
from swtracker.domain.windows import Window
from swtracker.formats.records import BROADCAST
from swtracker.store.core_tables import (
    schedule_entry,
    source,
    station,
)
from swtracker.store.types import day_number, from_day_number

if TYPE_CHECKING:
    from sqlmodel import Session


def of_source(line_id: ColumnElement[int], line_source: ColumnElement[int], source: int | str) -> ColumnElement[bool]:
    """The lines (or schedule entries) of a source, by id or by name: the range of ids it records, on the primary
    key, then their source_id (the range may hold other sources' lines)."""
    which = _SOURCE.id == source if isinstance(source, int) else _SOURCE.name == source
    first = select(_SOURCE.first_line_id).where(which).scalar_subquery()
    last = select(_SOURCE.last_line_id).where(which).scalar_subquery()
    source_id = source if isinstance(source, int) else select(_SOURCE.id).where(which).scalar_subquery()
    return and_(line_id.between(first, last), line_source == source_id)


# The columns the read side's queries are built of, from store.core_tables: such a query runs without the ORM (no
# mapper configuration, no ORM compilation) and defines no SQLModel class (start-up of `log`, `now`, `next`).
# Callers add conditions on the same columns (ENTRY), never on the SQLModel tables: that would be a second FROM.
_SOURCES, _STATIONS = source, station
ENTRY, _SOURCE, _STATION = schedule_entry.c, _SOURCES.c, _STATIONS.c


@dataclass(frozen=True)
class EntryFilter:
    """Filters shared by `now`, `next` and `schedule`; None means no filter."""

    frequency_range: tuple[float, float] | None = None  # kHz, inclusive
    station_ids: tuple[int, ...] | None = None
    language: str | None = None
    target: str | None = None
    source: str | None = None
    kind: str | None = None
    active_only: bool = True


def filter_clauses(flt: EntryFilter) -> list[ColumnElement[bool]]:
    clauses: list[ColumnElement[bool]] = []
    if flt.active_only:  # can air: active (not EiBi P=8, not the other season) and not after its station closed
        clauses.extend((ENTRY.active.is_(True), ENTRY.valid_from <= last_valid_day))
    if flt.frequency_range is not None:
        low, high = flt.frequency_range
        clauses.append(ENTRY.frequency_khz.between(low, high))
    if flt.station_ids is not None:
        clauses.append(ENTRY.station_id.in_(flt.station_ids) if flt.station_ids else false())
    if flt.language:
        # EiBi lists several languages as "K,E": match any element (literally: % and _ are no wildcards).
        lang = flt.language
        clauses.append(
            or_(
                ENTRY.language == lang,
                ENTRY.language.startswith(f"{lang},", autoescape=True),
                ENTRY.language.endswith(f",{lang}", autoescape=True),
                ENTRY.language.contains(f",{lang},", autoescape=True),
            )
        )
    if flt.target:
        clauses.append(ENTRY.target == flt.target)
    if flt.kind:
        clauses.append(ENTRY.kind == flt.kind)
    if flt.source:
        clauses.append(of_source(ENTRY.id, ENTRY.source_id, flt.source))
    return clauses


# An entry's last valid day, cut to its station's last day on air when the station has closed (a file may still
# list it). Queries using it select from the entry outer-joined to its station, as select_entries does.
last_valid_day = case(
    (_STATION.closed_on < ENTRY.valid_to, _STATION.closed_on),
    else_=ENTRY.valid_to,
)


def starts_on(day: date) -> ColumnElement[bool]:
    """Entries whose window may start on this UTC date: validity and day masks (design §3)."""
    number = day_number(day)
    return and_(
        ENTRY.valid_from <= number,
        last_valid_day >= number,
        ENTRY.weekdays.op("&")(1 << day.weekday()) != 0,
        ENTRY.weeks.op("&")(week_bits(day)) != 0,
        ENTRY.max_day >= day.day,
    )


def valid_between(first_day: date, last_day: date) -> ColumnElement[bool]:
    """Entries with an occurrence that may touch first_day..last_day (one starting the day before can run past
    midnight into it)."""
    return and_(
        ENTRY.valid_from <= day_number(last_day),
        last_valid_day >= day_number(first_day - timedelta(days=1)),
    )


def on_air_clause(at: datetime) -> ColumnElement[bool]:
    """Entries with an occurrence containing the instant `at`."""
    at = at.astimezone(UTC)
    minute = at.hour * 60 + at.minute
    today, yesterday = at.date(), at.date() - timedelta(days=1)
    start, end = ENTRY.start_min, ENTRY.end_min
    return or_(
        and_(starts_on(today), start <= minute, or_(end > minute, end < start)),
        and_(starts_on(yesterday), end < start, end > minute),
    )


def starting_clause(begin: datetime, end: datetime) -> ColumnElement[bool]:
    """Entries with an occurrence starting in [begin, end)."""
    begin, end = begin.astimezone(UTC), end.astimezone(UTC)
    parts = []
    day = begin.date()
    while datetime(day.year, day.month, day.day, tzinfo=UTC) < end:
        day_start = datetime(day.year, day.month, day.day, tzinfo=UTC)
        low = max(0, int((begin - day_start).total_seconds() // 60) + (1 if begin.second or begin.microsecond else 0))
        high = min(1440, int((end - day_start).total_seconds() // 60) + (1 if end.second or end.microsecond else 0))
        if low < high:
            parts.append(and_(starts_on(day), ENTRY.start_min >= low, ENTRY.start_min < high))
        day += timedelta(days=1)
    return or_(*parts) if parts else false()


class EntryRow(NamedTuple):
    """A schedule entry's columns as listings read them: a plain row, not an ORM entity (a season's listing reads
    thousands; an entity costs several times more to load and to read attributes from)."""

    id: int
    source_id: int
    line: int
    station_id: int | None
    station_name: str
    kind: str
    frequency_khz: float
    start_min: int
    end_min: int
    days: str
    weekdays: int
    weeks: int
    max_day: int
    irregular: bool
    valid_from: int
    valid_to: int
    active: bool
    persistence: int | None
    country: str
    language: str
    target: str
    site: str
    site_name: str | None
    power_kw: float | None
    azimuth: int | None
    slew: int | None
    antenna: int | None
    modulation: str | None
    design_frequency_khz: int | None
    broadcaster: str | None
    broadcaster_name: str | None
    fmo: str | None
    request_id: int | None
    alt_frequencies: str | None
    date_start: str | None
    date_stop: str | None
    last_heard: str | None
    notes: str | None
    source_note: str | None
    linked_by: str | None


_ENTRY_COLUMNS = [ENTRY[name] for name in EntryRow._fields]


@dataclass(frozen=True)
class EntryView:
    """An entry joined with its source and station, as listings need it."""

    entry: EntryRow
    source: str
    station_key: str | None
    station_canonical: str | None
    last_valid: int | None = None  # YYYYMMDD from last_valid_day (the SQL rule); None: the entry's own valid_to
    source_format: str = ""  # eibi, hfcc, native

    @property
    def window(self) -> Window:
        return Window(self.entry.start_min, self.entry.end_min)

    @property
    def days_rule(self) -> DaysRule:
        """Single-date rules are already folded into the validity dates, so the masks say it all."""
        e = self.entry
        return DaysRule(e.days, e.weekdays, e.weeks, e.max_day, None, e.irregular)

    @property
    def validity(self) -> tuple[date, date]:
        """Valid from, valid to: the entry's own, cut to the station's last day on air by last_valid_day. Ends
        before it starts when the station closed before the entry began: never on air."""
        first = from_day_number(self.entry.valid_from)
        last = from_day_number(self.entry.valid_to if self.last_valid is None else self.last_valid)
        assert first is not None
        assert last is not None
        return first, last


# ORDER BY + frequency_khz (unary plus: the same values, valid on SQLite and PostgreSQL): SQLite would otherwise walk
# the frequency index to read the rows in order, visiting every line of every source, where scanning the table
# and sorting the rows selected is about a quarter faster for a season's `now` (a third with HFCC loaded too).
_BY_FREQUENCY_UNINDEXED = UnaryExpression(ENTRY.frequency_khz, operator=custom_op("+"), type_=Float())


def select_entries(bind: Session | Connection, where: ColumnElement[bool], flt: EntryFilter) -> Iterator[EntryView]:
    """Entries matching `where` and the filter, with their source and station. A Core query: on a plain Connection
    it runs without the ORM (`log`)."""
    query = (
        select(*_ENTRY_COLUMNS, _SOURCE.name, _STATION.key, _STATION.name, last_valid_day)
        .add_columns(_SOURCE.format)
        .join(_SOURCES, _SOURCE.id == ENTRY.source_id)
        .outerjoin(_STATIONS, _STATION.id == ENTRY.station_id)
        .where(where, *filter_clauses(flt))
        .order_by(_BY_FREQUENCY_UNINDEXED, ENTRY.start_min, ENTRY.kind, ENTRY.id)
    )
    width = len(EntryRow._fields)
    for row in bind.execute(query):
        source, key, canonical, last_valid, fmt = row[width:]
        yield EntryView(EntryRow._make(row[:width]), source, key, canonical, last_valid, fmt)


def curated_stations_scheduled(session: Session, first_day: date, last_day: date) -> list[int]:
    """Curated stations with a broadcast entry that can air (EntryFilter's rule) from first_day to last_day."""
    query = (
        select(ENTRY.station_id)
        .join(_STATIONS, _STATION.id == ENTRY.station_id)
        .where(
            _STATION.curated.is_(True),
            valid_between(first_day, last_day),
            *filter_clauses(EntryFilter(kind=BROADCAST)),
        )
        .distinct()
    )
    return [station_id for station_id in session.scalars(query) if station_id is not None]


def broadcast_entries(session: Session, station_ids: Sequence[int], first_day: date, last_day: date) -> list[EntryView]:
    """The stations' active broadcast entries (jammer rows excluded) that may be on air from first_day to
    last_day."""
    flt = EntryFilter(station_ids=tuple(station_ids), kind=BROADCAST)
    return list(select_entries(session, valid_between(first_day, last_day), flt))
