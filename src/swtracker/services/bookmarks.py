"""What goes into an SDR bookmark file: the broadcasts on air at an instant and those starting within hours
(the `now` and `next` selections, with their filters), or, for formats whose labels carry days and times,
every active entry of a season."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from swtracker.exports.bookmark import Bookmark
from swtracker.formats.records import JAMMER
from swtracker.services.database import Database
from swtracker.services.onair import FilterOptions, ScheduledItem, entries_matching, on_air, starting_soon
from swtracker.store.entries import EntryView

# HFCC's modulation column: D double sideband (AM), N digital (DRM), S single sideband. EiBi has none: AM.
_HFCC_MODES = {"N": "DRM", "S": "USB"}


@dataclass(frozen=True)
class BookmarkSelection:
    bookmarks: list[Bookmark]
    coverage_note: str | None = None


def _bookmark(view: EntryView, item: ScheduledItem | None = None, *, on_air_now: bool = False) -> Bookmark:
    entry = view.entry
    return Bookmark(
        station=entry.station_name,
        frequency_khz=entry.frequency_khz,
        window=view.window,
        mode=_HFCC_MODES.get(entry.modulation or "", "AM"),
        jammer=entry.kind == JAMMER,
        on_air=on_air_now,
        start=item.occurrence.start if item else None,
        days=entry.days,
        weekdays=entry.weekdays,
        language=entry.language,
        target=entry.target,
        site=entry.site,
        source=", ".join(dict.fromkeys(v.source for v in item.views)) if item else view.source,
        jammed=item.jammed if item else False,
        station_key=view.station_key,
    )


def _one_per_airing(bookmarks: Iterable[Bookmark]) -> list[Bookmark]:
    """The first bookmark of each airing: the same station, channel and slot from two sources (EiBi and HFCC,
    or a bundled schedule), or the same entry starting again within the hours, is one bookmark."""
    seen: set[tuple[object, ...]] = set()
    kept = []
    for b in bookmarks:
        key = (b.jammer, round(b.frequency_khz), b.window, b.station_key or b.station.casefold(), b.start or b.days)
        if key not in seen:
            seen.add(key)
            kept.append(b)
    return kept


def on_air_at(database: Database, at: datetime, options: FilterOptions) -> BookmarkSelection:
    """On air at `at`, one bookmark per airing, by frequency."""
    now = on_air(database, at, options)
    return BookmarkSelection(
        _one_per_airing(_bookmark(i.view, i, on_air_now=True) for i in now.items), now.coverage_note
    )


def around(database: Database, at: datetime, hours: float, options: FilterOptions) -> BookmarkSelection:
    """On air at `at`, then starting within `hours`, one bookmark per airing, by frequency."""
    now = on_air_at(database, at, options)
    soon = starting_soon(database, at, hours, options)
    kept = _one_per_airing([*now.bookmarks, *(_bookmark(i.view, i) for i in soon.items)])
    kept.sort(key=lambda b: (b.frequency_khz, b.start or at))
    return BookmarkSelection(kept, now.coverage_note)


def season(database: Database, options: FilterOptions) -> BookmarkSelection:
    """Every active entry the filters select, with its days and times (for KiwiSDR labels)."""
    views = entries_matching(database, options)
    bookmarks = [_bookmark(v) for v in views if v.validity[0] <= v.validity[1]]
    return BookmarkSelection(_one_per_airing(bookmarks))
