"""What linking HFCC rows to stations reads and writes. Functions take a session or connection and never commit.
Core statements on store.core_tables: linking runs in every schedule import, which defines no SQLModel table."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, NamedTuple

from sqlalchemy import Connection, bindparam, delete, insert, select, update

from swtracker.formats.records import BROADCAST, HfccClaim
from swtracker.store.core_tables import hfcc_declaration, schedule_entry, schedule_line, source

if TYPE_CHECKING:
    from sqlmodel import Session

E, S, DECLARATION = schedule_entry.c, source.c, hfcc_declaration.c


class LinkRow(NamedTuple):
    """The fields of an entry that decide whether two sources describe the same airing."""

    id: int
    source: str
    season: str | None
    line: int
    station_id: int | None
    station_name: str
    country: str
    frequency_khz: float
    start_min: int
    end_min: int
    weekdays: int
    weeks: int
    valid_from: int
    valid_to: int
    language: str
    site: str
    broadcaster: str | None
    linked_by: str | None


_COLUMNS = (
    E.id,
    S.name,
    S.season,
    E.line,
    E.station_id,
    E.station_name,
    E.country,
    E.frequency_khz,
    E.start_min,
    E.end_min,
    E.weekdays,
    E.weeks,
    E.valid_from,
    E.valid_to,
    E.language,
    E.site,
    E.broadcaster,
    E.linked_by,
)


def rows_of_format(bind: Session | Connection, fmt: str) -> list[LinkRow]:
    """The active broadcast entries of every source of a format, a source at a time: its lines are read in its
    range of line ids (they have no index on their source_id), and a format that no source has reads none. In
    id order: linking creates stations and picks among equal candidates in this order, and PostgreSQL would
    otherwise return rows where they lie in the table, which updates and vacuum change."""
    ranges = select(S.id, S.first_line_id, S.last_line_id).where(S.format == fmt, S.first_line_id.is_not(None))
    rows: list[LinkRow] = []
    for source_id, first, last in bind.execute(ranges.order_by(S.id)).all():
        query = (
            select(*_COLUMNS)
            .join(source, S.id == E.source_id)
            .where(E.id.between(first, last), E.source_id == source_id)
            .where(E.kind == BROADCAST, E.active.is_(True))
            .order_by(E.id)
        )
        rows += map(LinkRow._make, bind.execute(query))
    return rows


def set_stations(bind: Session | Connection, changes: Sequence[tuple[int, int, str | None]]) -> None:
    """(entry id, station id, linked_by) for each entry that changes."""
    if changes:
        line = schedule_line.c
        statement = (
            update(schedule_line)
            .where(line.id == bindparam("entry_id"))
            .values(station_id=bindparam("new_station"), linked_by=bindparam("why"))
        )
        bind.execute(statement, [{"entry_id": i, "new_station": s, "why": why} for i, s, why in changes])


def replace_declarations(bind: Session | Connection, station_id: int, claims: Iterable[HfccClaim]) -> None:
    bind.execute(delete(hfcc_declaration).where(DECLARATION.station_id == station_id))
    rows = [
        {
            "station_id": station_id,
            "broadcaster": claim.broadcaster,
            "language": claim.language,
            "frequencies": ",".join(f"{f:g}" for f in claim.frequencies),
            "source": claim.source,
        }
        for claim in claims
    ]
    if rows:
        bind.execute(insert(hfcc_declaration), rows)


def declarations(bind: Session | Connection) -> list[tuple[int, HfccClaim]]:
    """(station id, claim) of every curated declaration."""
    found: list[tuple[int, HfccClaim]] = []
    d = DECLARATION
    query = select(d.station_id, d.broadcaster, d.language, d.frequencies, d.source).order_by(d.id)
    for station_id, broadcaster, language, listed, declared_in in bind.execute(query):
        frequencies = tuple(float(f) for f in listed.split(",") if f)
        found.append((station_id, HfccClaim(broadcaster, language, frequencies, declared_in)))
    return found
