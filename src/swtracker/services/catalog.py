"""What is loaded: stations with their aliases and schedules, and sources with their freshness."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlmodel import Session

from swtracker.domain.seasons import Season
from swtracker.errors import NotFoundError
from swtracker.services.airings import merge, patterns_overlap
from swtracker.services.database import Database, connect
from swtracker.store import sources as source_store
from swtracker.store import stations as station_store
from swtracker.store.engine import resolve_url, sqlite_path, transaction
from swtracker.store.entries import ENTRY, EntryFilter, EntryView, select_entries
from swtracker.store.models import Source, Station
from swtracker.store.types import from_day_number


@dataclass(frozen=True)
class StationSummary:
    key: str
    name: str
    aliases: list[str]
    operator: str
    country: str
    years: str
    website: str
    notes: str
    curated: bool
    entries: int


def _summary(station: Station, aliases: list[str], entries: int) -> StationSummary:
    return StationSummary(
        station.key,
        station.name,
        aliases,
        station.operator,
        station.country,
        station.years,
        station.website,
        station.notes,
        station.curated,
        entries,
    )


def list_stations(database: Database, search: str | None, *, curated_only: bool = False) -> list[StationSummary]:
    with transaction(database.engine, write=False) as session:
        found = station_store.with_details(session, station_store.search_stations(session, search))
    return [_summary(s, aliases, n) for s, aliases, n in found if s.curated or not curated_only]


def station_completions(db: str | None, prefix: str) -> list[str]:
    """Station names and aliases beginning with `prefix`, from the database --db names, for shell completion.
    A database that does not exist yet is not created for it: nothing to offer."""
    url = resolve_url(db)
    path = sqlite_path(url)
    if path is not None and not path.exists():
        return []
    database = connect(db)
    try:
        with transaction(database.engine, write=False) as session:
            return station_store.names_starting(session, prefix)
    finally:
        database.engine.dispose()


@dataclass
class StationSchedule:
    stations: list[StationSummary]
    entries: list[EntryView]  # one per airing: its first source (services.airings)
    others: dict[int, tuple[EntryView, ...]] = field(default_factory=dict)  # entry id -> the airing's other sources

    def sources(self, view: EntryView) -> tuple[EntryView, ...]:
        return (view, *self.others.get(view.entry.id or 0, ()))


def resolve_station_ids(session: Session, name: str) -> list[Station]:
    found = station_store.find_stations(session, name)
    if not found:
        hints = station_store.similar_names(session, name)
        hint = f"; did you mean {', '.join(repr(h) for h in hints)}?" if hints else ""
        raise NotFoundError(f"station {name!r}: no such station{hint}")
    return found


def station_ids_named(session: Session, name: str | None) -> tuple[int, ...] | None:
    """The ids of the stations a --station value refers to; None when no station was named."""
    if name is None:
        return None
    return tuple(s.id for s in resolve_station_ids(session, name) if s.id is not None)


def station_schedule(database: Database, name: str, *, include_inactive: bool = False) -> StationSchedule:
    """Every airing of the station(s) a name refers to, newest validity first, then by frequency and time: entries
    of several sources with overlapping windows, days and validity are one airing (services.airings). Entries
    that cannot air (inactive, or starting after their station closed) only with include_inactive."""
    with transaction(database.engine, write=False) as session:
        found = resolve_station_ids(session, name)
        where = ENTRY.station_id.in_([s.id for s in found])
        views = list(select_entries(session, where, EntryFilter(active_only=not include_inactive)))
        views.sort(key=lambda v: (-v.entry.valid_from, v.entry.frequency_khz, v.entry.start_min))
        summaries = [_summary(s, a, n) for s, a, n in station_store.with_details(session, found)]

    def same(a: EntryView, b: EntryView) -> bool:
        return a.entry.active == b.entry.active and patterns_overlap(a.entry, b.entry, a.last_valid, b.last_valid)

    groups = merge(views, lambda v: v, same)
    return StationSchedule(
        summaries, [g[0] for g in groups], {g[0].entry.id or 0: tuple(g[1:]) for g in groups if len(g) > 1}
    )


@dataclass(frozen=True)
class SourceSummary:
    name: str
    format: str
    season: str | None
    file_name: str
    sha256: str
    bundled: bool
    valid_from: date | None
    valid_to: date | None
    entries: int
    read: int
    rejected: int
    irregular: int
    imported_at: datetime
    fetched_at: datetime | None
    url: str | None
    stale: bool


def is_stale(source: Source, today: date) -> bool:
    """A season file is stale once its season is over; any source once its last entry has ended."""
    if source.season and not Season.parse(source.season).contains(today):
        return True
    last = from_day_number(source.valid_to)
    return source.season is not None and last is not None and last < today


def list_sources(database: Database, *, today: date) -> list[SourceSummary]:
    with transaction(database.engine, write=False) as session:
        found = source_store.list_sources(session)
    return [
        SourceSummary(
            s.name,
            s.format,
            s.season,
            s.file_name,
            s.sha256,
            s.bundled,
            from_day_number(s.valid_from),
            from_day_number(s.valid_to),
            count,
            s.rows_read,
            s.rows_rejected,
            s.rows_irregular,
            s.imported_at,
            s.fetched_at,
            s.url,
            is_stale(s, today),
        )
        for s, count in found
    ]
