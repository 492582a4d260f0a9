"""What changed between two loaded sources (seasons): per station and time slot kept, moved, dropped or added;
jammer channels kept, dropped or added; and whether the jammer followed each move (domain.season_changes)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlmodel import Session

from swtracker.domain.frequency import SAME_CHANNEL_KHZ
from swtracker.domain.season_changes import (
    Change,
    Followed,
    Slot,
    compare_channels,
    compare_slots,
    followed,
    merge_slots,
)
from swtracker.domain.seasons import Season
from swtracker.domain.statistics import StatusCounts
from swtracker.domain.targets import reaches
from swtracker.errors import NotFoundError, UsageError
from swtracker.formats.records import JAMMER
from swtracker.services.catalog import station_ids_named
from swtracker.services.channel_evidence import ReportBook, jammer_on, jammers_by_season
from swtracker.services.database import Database
from swtracker.store import sources as source_store
from swtracker.store.engine import transaction
from swtracker.store.entries import ENTRY, EntryFilter, EntryView, of_source, select_entries
from swtracker.store.models import Source
from swtracker.store.reports import reports_between_frequencies
from swtracker.store.types import from_day_number


@dataclass(frozen=True)
class SeasonSide:
    """One of the two sources compared, with what its evidence is read against."""

    source: str
    season: Season | None
    first_day: date | None  # the dates its reports count between
    last_day: date | None
    jammers: list[EntryView]
    knows_jammers: bool  # some jammer row covers it: without any, "no jammer" would be a guess


@dataclass(frozen=True)
class ChangeRow:
    station: str
    station_key: str | None
    kind: str
    change: Change
    jammer_before: bool | None
    jammer_after: bool | None
    followed: Followed | None  # moves only
    reports_before: StatusCounts | None
    reports_after: StatusCounts | None


@dataclass
class ChangesResult:
    old: SeasonSide
    new: SeasonSide
    rows: list[ChangeRow]


def _source(session: Session, name: str) -> Source:
    source = source_store.get_source(session, name)
    if source is None:
        raise NotFoundError(f"source {name!r}: no such source (see swtracker sources)")
    return source


def station_slots(views: Sequence[EntryView]) -> dict[tuple[object, str], tuple[EntryView, list[Slot]]]:
    """Per station (its id; a row without one by its name) and kind: a first row to name it, and its slots."""
    found: dict[tuple[object, str], tuple[EntryView, list[Slot]]] = {}
    for view in views:
        e = view.entry
        key = (e.station_id if e.station_id is not None else e.station_name, e.kind)
        found.setdefault(key, (view, []))[1].append(Slot(e.frequency_khz, view.window, e.weekdays, e.days, e.target))
    return found


def _side(source: Source, all_jammers: list[EntryView], seasons: dict[str, str | None]) -> SeasonSide:
    if source.season:
        season = Season.parse(source.season)
        jammers = jammers_by_season(all_jammers, seasons).get(season, [])
        return SeasonSide(source.name, season, season.start, season.end, jammers, bool(jammers))
    jammers = [j for j in all_jammers if j.source == source.name]
    first, last = from_day_number(source.valid_from), from_day_number(source.valid_to)
    return SeasonSide(source.name, None, first, last, jammers, bool(jammers))


def _jammed(side: SeasonSide, slot: Slot | None) -> bool | None:
    if slot is None or not side.knows_jammers:
        return None
    return jammer_on(side.jammers, slot)


def _reports(book: ReportBook, side: SeasonSide, slot: Slot | None) -> StatusCounts | None:
    if slot is None:
        return None
    return book.counts(
        slot.frequency_khz, slot.window, weekdays=slot.weekdays, first_day=side.first_day, last_day=side.last_day
    )


def season_changes(
    database: Database, old_name: str, new_name: str, *, station: str | None = None, target: str | None = None
) -> ChangesResult:
    if old_name == new_name:
        raise UsageError(f"compare two different sources, not {old_name!r} with itself")
    with transaction(database.engine, write=False) as session:
        old_source, new_source = _source(session, old_name), _source(session, new_name)
        flt = EntryFilter(station_ids=station_ids_named(session, station))
        old_views, new_views = (
            [
                v
                for v in select_entries(session, of_source(ENTRY.id, ENTRY.source_id, source.id or 0), flt)
                if target is None or reaches(v.entry.target, target, unknown=False)
            ]
            for source in (old_source, new_source)
        )
        jammers = list(select_entries(session, ENTRY.kind == JAMMER, EntryFilter()))
        seasons = {s.name: s.season for s, _ in source_store.list_sources(session)}
        old, new = _side(old_source, jammers, seasons), _side(new_source, jammers, seasons)
        frequencies = [v.entry.frequency_khz for v in old_views + new_views]
        book = ReportBook(
            reports_between_frequencies(
                session, min(frequencies) - SAME_CHANNEL_KHZ, max(frequencies) + SAME_CHANNEL_KHZ
            )
            if frequencies
            else []
        )
    old_slots, new_slots = station_slots(old_views), station_slots(new_views)
    rows = []
    for key in sorted(old_slots.keys() | new_slots.keys(), key=lambda k: (k[1] == JAMMER, str(k[0]))):
        named = (old_slots.get(key) or new_slots[key])[0]
        before, after = merge_slots(old_slots.get(key, (named, []))[1]), merge_slots(new_slots.get(key, (named, []))[1])
        compare = compare_channels if key[1] == JAMMER else compare_slots
        for change in compare(before, after):
            broadcast = key[1] != JAMMER
            jammer_before = _jammed(old, change.old) if broadcast else None
            jammer_after = _jammed(new, change.new) if broadcast else None
            rows.append(
                ChangeRow(
                    named.station_canonical or named.entry.station_name,
                    named.station_key,
                    key[1],
                    change,
                    jammer_before,
                    jammer_after,
                    followed(jammer_before, jammer_after) if change.change == "moved" else None,
                    _reports(book, old, change.old) if broadcast else None,
                    _reports(book, new, change.new) if broadcast else None,
                )
            )
    rows.sort(key=lambda r: (r.kind == JAMMER, r.station.casefold(), r.station_key or ""))
    return ChangesResult(old, new, rows)
