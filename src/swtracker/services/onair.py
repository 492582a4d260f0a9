"""Who is on air now, and what starts next (design §3), with the filters users give."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import true
from sqlmodel import Session

from swtracker.domain import evidence
from swtracker.domain.frequency import SAME_CHANNEL_KHZ, band_range, parse_frequency_range
from swtracker.domain.seasons import Season
from swtracker.domain.windows import Occurrence, occurrence_containing, starts_between
from swtracker.errors import NotFoundError, UsageError
from swtracker.formats.records import JAMMER
from swtracker.services import airings
from swtracker.services.database import Database
from swtracker.store import sources
from swtracker.store.engine import transaction
from swtracker.store.entries import (
    EntryFilter,
    EntryView,
    on_air_clause,
    select_entries,
    starting_clause,
    valid_between,
)

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
    hide_not_heard: bool = False  # leave out airings not heard for over a year (domain.evidence)


@dataclass(frozen=True)
class ScheduledItem:
    """One airing at one occurrence: the entry and occurrence of its first source (services.airings), and
    every source that lists it."""

    view: EntryView
    occurrence: Occurrence
    jammed: bool = False  # a jammer row is on air on this broadcast's channel (at its start, for `next`)
    sources: tuple[EntryView, ...] = ()  # all sources, the first one included; () = `view` alone
    not_heard_since: str | None = None  # "not heard since 11/2023" when its newest last-heard is over a year old

    @property
    def views(self) -> tuple[EntryView, ...]:
        return self.sources or (self.view,)

    @property
    def merged(self) -> airings.MergedFields:
        return airings.merged_fields(self.views)


def resolve_filter(session: Session, options: FilterOptions) -> EntryFilter:
    frequency_range = None
    if options.freq and options.band:
        raise UsageError("give --freq or --band, not both")
    if options.freq:
        frequency_range = parse_frequency_range(options.freq)
    elif options.band:
        frequency_range = band_range(options.band)
    station_ids = None
    if options.station:
        from swtracker.services.catalog import station_ids_named  # its station tables only when a name is given

        station_ids = station_ids_named(session, options.station)
    if options.kind and options.kind not in ("broadcast", "jammer"):
        raise UsageError(f"--kind {options.kind!r}: use broadcast or jammer")
    if options.source and sources.get_source(session, options.source) is None:
        raise NotFoundError(f"--source {options.source!r}: no such source (see swtracker sources)")
    return EntryFilter(frequency_range, station_ids, options.language, options.target, options.source, options.kind)


def _timing(view: EntryView) -> tuple[object, ...]:
    """The columns an entry's window, days rule and validity are made of: a season's listing has 1,600 entries
    and under 200 timings, so occurrences are worked out once per timing."""
    e = view.entry
    return (
        e.start_min,
        e.end_min,
        e.days,
        e.weekdays,
        e.weeks,
        e.max_day,
        e.irregular,
        e.valid_from,
        e.valid_to,
        view.last_valid,
    )


def _occurrences_containing(views: list[EntryView], at: datetime) -> list[Occurrence]:
    """The occurrence of each entry the SQL selection found on air (the same rule, applied to each timing)."""
    known: dict[tuple[object, ...], Occurrence] = {}
    found = []
    for view in views:
        timing = _timing(view)
        occurrence = known.get(timing)
        if occurrence is None:
            occurrence = occurrence_containing(view.window, view.days_rule, *view.validity, at)
            if occurrence is None:
                raise RuntimeError(
                    f"the SQL and Python on-air rules disagree on {view.source}:{view.entry.line} at {at}"
                )
            known[timing] = occurrence
        found.append(occurrence)
    return found


def _starts_between(views: Iterable[EntryView], begin: datetime, end: datetime) -> list[ScheduledItem]:
    """An item for each occurrence of the entries that starts in [begin, end), in the entries' order."""
    known: dict[tuple[object, ...], list[Occurrence]] = {}
    items = []
    for view in views:
        timing = _timing(view)
        occurrences = known.get(timing)
        if occurrences is None:
            occurrences = known[timing] = list(starts_between(view.window, view.days_rule, *view.validity, begin, end))
        items += [ScheduledItem(view, occurrence) for occurrence in occurrences]
    return items


def _mark_jammed(
    session: Session,
    items: list[ScheduledItem],
    moment: Callable[[ScheduledItem], datetime],
    jammers: list[EntryView] | None = None,
) -> list[ScheduledItem]:
    """Mark the broadcasts with a jammer on air on their channel at `moment(item)` (the instant asked about for
    `now`, the broadcast's start for `next`). The jammers are looked up whatever the listing's filters
    (`--kind broadcast`, `--station`, `--source`): the channel is jammed either way. `jammers`, when given, are
    every jammer entry that may be on air at those moments, by frequency (as selected here)."""
    if not items:
        return items
    moments = [moment(i) for i in items]
    if jammers is None:
        frequencies = [i.view.entry.frequency_khz for i in items]
        near = (min(frequencies) - SAME_CHANNEL_KHZ, max(frequencies) + SAME_CHANNEL_KHZ)
        first, last = min(moments).astimezone(UTC).date(), max(moments).astimezone(UTC).date()
        flt = EntryFilter(frequency_range=near, kind=JAMMER)
        jammers = list(select_entries(session, valid_between(first, last), flt))

    # Ordered by frequency (select_entries), so each broadcast looks only at the jammers near its channel: a
    # season's listing has 1,600 broadcasts and a few hundred jammer rows. The window is a little wider than
    # the channel so float rounding cannot leave one out; the exact test is the one below.
    keys = [j.entry.frequency_khz for j in jammers]
    on_air_at: dict[tuple[int, datetime], bool] = {}  # whether jammer i is on air at an instant

    def on_air(index: int, at: datetime) -> bool:
        known = on_air_at.get((index, at))
        if known is None:
            j = jammers[index]
            known = on_air_at[(index, at)] = occurrence_containing(j.window, j.days_rule, *j.validity, at) is not None
        return known

    def jammed(item: ScheduledItem, at: datetime) -> bool:
        frequency = item.view.entry.frequency_khz
        nearby = range(
            bisect_left(keys, frequency - 2 * SAME_CHANNEL_KHZ), bisect_right(keys, frequency + 2 * SAME_CHANNEL_KHZ)
        )
        return item.view.entry.kind != JAMMER and any(
            abs(frequency - keys[index]) <= SAME_CHANNEL_KHZ and on_air(index, at) for index in nearby
        )

    return [replace(item, jammed=True) if jammed(item, at) else item for item, at in zip(items, moments, strict=True)]


def _listing_filter(flt: EntryFilter) -> EntryFilter:
    """The SQL filter of a listing: what an airing's sources may differ in (language as each file writes it,
    target, source) is checked on the merged airing instead, so that an airing keeps all its sources."""
    return replace(flt, language=None, target=None, source=None)


def _lists(view: EntryView, flt: EntryFilter) -> bool:
    """The language, target and source filters of `filter_clauses`, on one entry."""
    entry = view.entry
    return (
        (not flt.language or flt.language in entry.language.split(","))
        and (not flt.target or entry.target == flt.target)
        and (not flt.source or view.source == flt.source)
    )


def _airings(items: list[ScheduledItem], flt: EntryFilter, day: date, *, hide_not_heard: bool) -> list[ScheduledItem]:
    """Items of the same airing merged into one (services.airings), kept when one of their sources passes the
    filters, marked when not heard for over a year before `day` (and then left out with `hide_not_heard`)."""

    def overlap(a: ScheduledItem, b: ScheduledItem) -> bool:
        return a.occurrence.start < b.occurrence.end and b.occurrence.start < a.occurrence.end

    filtered = bool(flt.language or flt.target or flt.source)
    stale_texts: dict[tuple[str | None, ...], str | None] = {}  # by the sources' last-heard months: a few dozen
    merged = []
    for group in airings.merge(items, lambda i: i.view, overlap):
        views = tuple(i.view for i in group)
        if filtered and not any(_lists(v, flt) for v in views):
            continue
        heard = tuple(v.entry.last_heard for v in views)
        if heard not in stale_texts:
            stale_texts[heard] = evidence.not_heard_since(evidence.newest(heard), day)
        stale = stale_texts[heard]
        if stale and hide_not_heard:
            continue
        first = group[0]
        merged.append(ScheduledItem(first.view, first.occurrence, first.jammed, views, stale))
    return merged


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
    """Airings on air at `at`, by frequency and start."""
    with transaction(database.engine, write=False) as session:
        flt = resolve_filter(session, options)
        selection = _listing_filter(flt)
        views = list(select_entries(session, on_air_clause(at), selection))
        items = [ScheduledItem(v, o) for v, o in zip(views, _occurrences_containing(views, at), strict=True)]
        day = at.astimezone(UTC).date()
        # With no filter in SQL the selection holds every jammer on air: no second query for them.
        jammers = [v for v in views if v.entry.kind == JAMMER] if selection == EntryFilter() else None
        items = _airings(items, flt, day, hide_not_heard=options.hide_not_heard)
        items = _mark_jammed(session, items, lambda item: at, jammers)
        note = coverage_note(session, at, bool(items))
    return OnAirResult(items[:limit] if limit else items, note)


def starting_soon(
    database: Database, at: datetime, hours: float, options: FilterOptions, limit: int | None = None
) -> OnAirResult:
    """Airings starting in [at, at + hours), soonest first, marked when a jammer is on air on their channel as
    they start."""
    if not 0 < hours <= MAX_NEXT_HOURS:
        raise UsageError(f"--hours {hours:g}: give more than 0 and at most {MAX_NEXT_HOURS}")
    end = at + timedelta(hours=hours)
    with transaction(database.engine, write=False) as session:
        flt = resolve_filter(session, options)
        items = _starts_between(select_entries(session, starting_clause(at, end), _listing_filter(flt)), at, end)
        items.sort(key=lambda i: (i.occurrence.start, i.view.entry.frequency_khz, i.view.entry.id or 0))
        items = _airings(items, flt, at.astimezone(UTC).date(), hide_not_heard=options.hide_not_heard)
        items = _mark_jammed(session, items, lambda item: item.occurrence.start)
        note = coverage_note(session, at, bool(items))
    return OnAirResult(items[:limit] if limit else items, note)
