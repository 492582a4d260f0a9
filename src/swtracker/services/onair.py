"""Who is on air now, and what starts next (design §3), with the filters users give."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta

from sqlalchemy import true
from sqlmodel import Session

from swtracker.domain.frequency import SAME_CHANNEL_KHZ, band_range, parse_frequency_range
from swtracker.domain.seasons import Season
from swtracker.domain.windows import Occurrence, occurrence_containing, starts_between
from swtracker.errors import InputError, NotFoundError
from swtracker.formats.records import JAMMER
from swtracker.services.catalog import station_ids_named
from swtracker.services.database import Database
from swtracker.store import sources
from swtracker.store.engine import transaction
from swtracker.store.entries import EntryFilter, EntryView, on_air_clause, select_entries, starting_clause

MAX_NEXT_HOURS = 7 * 24


@dataclass(frozen=True)
class FilterOptions:
    """Filters as the user typed them; `resolve_filter` checks them against the database."""

    freq: str | None = None
    band: str | None = None
    station: str | None = None
    language: str | None = None
    target: str | None = None
    source: str | None = None
    kind: str | None = None


@dataclass(frozen=True)
class ScheduledItem:
    view: EntryView
    occurrence: Occurrence
    jammed: bool = False  # a jammer row is on air on this broadcast's channel


def resolve_filter(session: Session, options: FilterOptions) -> EntryFilter:
    frequency_range = None
    if options.freq and options.band:
        raise InputError("give --freq or --band, not both")
    if options.freq:
        frequency_range = parse_frequency_range(options.freq)
    elif options.band:
        frequency_range = band_range(options.band)
    station_ids = station_ids_named(session, options.station or None)
    if options.kind and options.kind not in ("broadcast", "jammer"):
        raise InputError(f"--kind {options.kind!r}: use broadcast or jammer")
    if options.source and sources.get_source(session, options.source) is None:
        raise NotFoundError(f"--source {options.source!r}: no such source (see swtracker sources)")
    return EntryFilter(frequency_range, station_ids, options.language, options.target, options.source, options.kind)


def _occurrence_containing(view: EntryView, at: datetime) -> Occurrence:
    """The occurrence the SQL selection found on air (the same rule, applied to one entry)."""
    occurrence = occurrence_containing(view.window, view.days_rule, *view.validity, at)
    if occurrence is None:
        raise RuntimeError(f"the SQL and Python on-air rules disagree on {view.source}:{view.entry.line} at {at}")
    return occurrence


def _mark_jammed(session: Session, at: datetime, items: list[ScheduledItem]) -> list[ScheduledItem]:
    """Mark the broadcasts with a jammer on air on their channel. The jammers are looked up whatever the
    listing's filters (`--kind broadcast`, `--station`, `--source`): the channel is jammed either way."""
    if not items:
        return items
    frequencies = [i.view.entry.frequency_khz for i in items]
    near = (min(frequencies) - SAME_CHANNEL_KHZ, max(frequencies) + SAME_CHANNEL_KHZ)
    jammers = [
        v.entry.frequency_khz
        for v in select_entries(session, on_air_clause(at), EntryFilter(frequency_range=near, kind=JAMMER))
    ]
    return [
        replace(
            item,
            jammed=item.view.entry.kind != JAMMER
            and any(abs(item.view.entry.frequency_khz - f) <= SAME_CHANNEL_KHZ for f in jammers),
        )
        for item in items
    ]


@dataclass
class OnAirResult:
    items: list[ScheduledItem]
    coverage_note: str | None


def coverage_note(session: Session, at: datetime, found_any: bool) -> str | None:
    """Why a listing may be incomplete: the loaded season files do not cover the instant."""
    day = at.astimezone(UTC).date()
    loaded = sorted({Season.parse(code) for code in sources.seasons_loaded(session)})
    wanted = Season.containing(day)
    if any(season.contains(day) for season in loaded):
        return None
    how = f"get it with `swtracker fetch eibi --season {wanted.code}` or import sked-{wanted.code.lower()}.csv"
    if loaded:
        newest = loaded[-1]
        return (
            f"no loaded schedule file covers {day} (season {wanted.code}); the newest loaded is "
            f"{newest.code} ({newest.start} to {newest.end}); {how}"
        )
    if not found_any:
        return f"only the bundled schedules are loaded and none is on air; for season {wanted.code}, {how}"
    return None


def entries_matching(database: Database, options: FilterOptions) -> list[EntryView]:
    """Every active entry the filters select, whenever it airs (whole-season exports: calendar, KiwiSDR)."""
    with transaction(database.engine, write=False) as session:
        return list(select_entries(session, true(), resolve_filter(session, options)))


def on_air(database: Database, at: datetime, options: FilterOptions, limit: int | None = None) -> OnAirResult:
    with transaction(database.engine, write=False) as session:
        flt = resolve_filter(session, options)
        views = list(select_entries(session, on_air_clause(at), flt))
        items = _mark_jammed(session, at, [ScheduledItem(v, _occurrence_containing(v, at)) for v in views])
        note = coverage_note(session, at, bool(items))
    return OnAirResult(items[:limit] if limit else items, note)


def starting_soon(
    database: Database, at: datetime, hours: float, options: FilterOptions, limit: int | None = None
) -> OnAirResult:
    """Occurrences starting in [at, at + hours), soonest first."""
    if not 0 < hours <= MAX_NEXT_HOURS:
        raise InputError(f"--hours {hours:g}: give more than 0 and at most {MAX_NEXT_HOURS}")
    end = at + timedelta(hours=hours)
    with transaction(database.engine, write=False) as session:
        flt = resolve_filter(session, options)
        items = [
            ScheduledItem(view, occurrence)
            for view in select_entries(session, starting_clause(at, end), flt)
            for occurrence in starts_between(view.window, view.days_rule, *view.validity, at, end)
        ]
        note = coverage_note(session, at, bool(items))
    items.sort(key=lambda i: (i.occurrence.start, i.view.entry.frequency_khz, i.view.entry.id or 0))
    return OnAirResult(items[:limit] if limit else items, note)
