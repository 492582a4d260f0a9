"""One station's frequencies and time slots across every loaded season, with the seasons a jammer sat on them:
the timeline monitors write by hand."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from swtracker.domain.season_changes import Slot, merge_slots
from swtracker.domain.seasons import Season
from swtracker.formats.records import BROADCAST, JAMMER
from swtracker.services.catalog import resolve_station_ids
from swtracker.services.changes import station_slots
from swtracker.services.channel_evidence import entry_seasons, jammer_on, jammers_by_season
from swtracker.services.database import Database
from swtracker.store import sources as source_store
from swtracker.store.engine import transaction
from swtracker.store.entries import ENTRY, EntryFilter, EntryView, select_entries


@dataclass(frozen=True)
class HistoryRow:
    slot: Slot
    seasons: tuple[Season, ...]
    jammed: tuple[Season, ...]  # seasons a jammer row sat on the slot
    sources: tuple[str, ...]


@dataclass
class HistoryResult:
    station: str
    station_key: str | None
    rows: list[HistoryRow]

    @staticmethod
    def season_span(seasons: Sequence[Season]) -> str:
        """`A24–A26, A05` style: runs of consecutive seasons as a range."""
        runs: list[list[Season]] = []
        for season in sorted(seasons):
            if runs and runs[-1][-1].next() == season:
                runs[-1].append(season)
            else:
                runs.append([season])
        return ", ".join(run[0].code if len(run) == 1 else f"{run[0].code}–{run[-1].code}" for run in runs)


def _same_slot(a: Slot, b: Slot) -> bool:
    same_days = a.weekdays == b.weekdays and a.days == b.days
    return abs(a.frequency_khz - b.frequency_khz) <= 0.5 and a.window == b.window and same_days


def station_history(database: Database, name: str) -> HistoryResult:
    with transaction(database.engine, write=False) as session:
        stations = resolve_station_ids(session, name)
        ids = [s.id for s in stations if s.id is not None]
        views = list(select_entries(session, ENTRY.station_id.in_(ids), EntryFilter(kind=BROADCAST)))
        jammers = list(select_entries(session, ENTRY.kind == JAMMER, EntryFilter()))
        seasons_of = {s.name: s.season for s, _ in source_store.list_sources(session)}
    by_season: dict[Season, list[EntryView]] = {}
    for view in views:
        for season in entry_seasons(view, seasons_of.get(view.source)):
            by_season.setdefault(season, []).append(view)
    season_jammers = jammers_by_season(jammers, seasons_of)
    rows: list[tuple[Slot, list[Season], list[Season], list[str]]] = []
    for season in sorted(by_season):
        season_views = by_season[season]
        for _, slots in station_slots(season_views).values():
            for slot in merge_slots(slots):
                row = next((r for r in rows if _same_slot(r[0], slot)), None)
                if row is None:
                    row = (slot, [], [], [])
                    rows.append(row)
                row[1].append(season)
                if jammer_on(season_jammers.get(season, []), slot):
                    row[2].append(season)
                row[3].extend(v.source for v in season_views if _covers(v, slot) and v.source not in row[3])
    rows.sort(key=lambda r: (r[0].frequency_khz, r[0].window.start, r[0].window.end))
    first = stations[0]
    return HistoryResult(
        first.name,
        first.key,
        [HistoryRow(slot, tuple(seasons), tuple(jammed), tuple(sources)) for slot, seasons, jammed, sources in rows],
    )


def _covers(view: EntryView, slot: Slot) -> bool:
    return abs(view.entry.frequency_khz - slot.frequency_khz) <= 0.5 and view.entry.weekdays == slot.weekdays
