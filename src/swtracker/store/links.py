"""What linking HFCC rows to stations reads and writes. Functions take a session and never commit."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import NamedTuple

from sqlalchemy import bindparam, delete, select, update
from sqlmodel import Session, col

from swtracker.formats.records import BROADCAST, HfccClaim
from swtracker.store.models import HfccDeclaration, ScheduleEntry, ScheduleLine, Source

E = ScheduleEntry


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
    col(E.id),
    col(Source.name),
    col(Source.season),
    col(E.line),
    col(E.station_id),
    col(E.station_name),
    col(E.country),
    col(E.frequency_khz),
    col(E.start_min),
    col(E.end_min),
    col(E.weekdays),
    col(E.weeks),
    col(E.valid_from),
    col(E.valid_to),
    col(E.language),
    col(E.site),
    col(E.broadcaster),
    col(E.linked_by),
)


def rows_of_format(session: Session, fmt: str) -> list[LinkRow]:
    """The active broadcast entries of every source of a format, a source at a time: its lines are read in its
    range of line ids (they have no index on their source_id), and a format that no source has reads none."""
    ranges = select(col(Source.id), col(Source.first_line_id), col(Source.last_line_id)).where(
        col(Source.format) == fmt, col(Source.first_line_id).is_not(None)
    )
    rows: list[LinkRow] = []
    for source_id, first, last in session.execute(ranges.order_by(col(Source.id))).all():
        query = (
            select(*_COLUMNS)
            .join(Source, col(Source.id) == col(E.source_id))
            .where(col(E.id).between(first, last), col(E.source_id) == source_id)
            .where(col(E.kind) == BROADCAST, col(E.active).is_(True))
        )
        rows += map(LinkRow._make, session.execute(query))
    return rows


def set_stations(session: Session, changes: Sequence[tuple[int, int, str | None]]) -> None:
    """(entry id, station id, linked_by) for each entry that changes."""
    if changes:
        statement = (
            update(ScheduleLine)
            .where(col(ScheduleLine.id) == bindparam("entry_id"))
            .values(station_id=bindparam("new_station"), linked_by=bindparam("why"))
        )
        session.connection().execute(
            statement, [{"entry_id": i, "new_station": s, "why": why} for i, s, why in changes]
        )


def replace_declarations(session: Session, station_id: int, claims: Iterable[HfccClaim]) -> None:
    session.execute(delete(HfccDeclaration).where(col(HfccDeclaration.station_id) == station_id))
    for claim in claims:
        session.add(
            HfccDeclaration(
                station_id=station_id,
                broadcaster=claim.broadcaster,
                language=claim.language,
                frequencies=",".join(f"{f:g}" for f in claim.frequencies),
                source=claim.source,
            )
        )
    session.flush()


def declarations(session: Session) -> list[tuple[int, HfccClaim]]:
    """(station id, claim) of every curated declaration."""
    found: list[tuple[int, HfccClaim]] = []
    for row in session.scalars(select(HfccDeclaration)):
        frequencies = tuple(float(f) for f in row.frequencies.split(",") if f)
        found.append((row.station_id, HfccClaim(row.broadcaster, row.language, frequencies, row.source)))
    return found
