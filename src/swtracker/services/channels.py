"""Where is a clear channel? Candidate channels ranked by how occupied they are in a window (domain.occupancy),
from every loaded source and the listener reports."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import ColumnElement, or_

from swtracker.domain import occupancy
from swtracker.domain.days import DaysRule, parse_eibi_days
from swtracker.domain.frequency import band_range, parse_frequency_range
from swtracker.domain.seasons import Season
from swtracker.domain.statistics import StatusCounts
from swtracker.domain.targets import reaches
from swtracker.domain.windows import Occurrence, Window, occurrence_on, occurrences_between
from swtracker.errors import InputError, UsageError
from swtracker.formats.records import JAMMER
from swtracker.services.channel_evidence import ReportBook, utc_midnight
from swtracker.services.database import Database
from swtracker.services.onair import coverage_note
from swtracker.store.engine import transaction
from swtracker.store.entries import EntryFilter, EntryView, select_entries, starts_on, valid_between
from swtracker.store.reports import reports_between_frequencies

MAX_CANDIDATES = 2000


@dataclass(frozen=True)
class ChannelQuery:
    """What the user typed."""

    window: str
    freq: str | None = None
    band: str | None = None
    on: date | None = None
    days: str | None = None
    season: str | None = None
    target: str | None = None
    step_khz: float = 5.0


@dataclass(frozen=True)
class Neighbour:
    """An airing near a candidate (one station on one frequency, however many sources and rows list it)."""

    station: str
    station_key: str | None
    kind: str
    frequency_khz: float
    windows: tuple[str, ...]
    days: str
    target: str
    power_kw: float | None
    sources: tuple[str, ...]  # "source:line"
    interferer: occupancy.Interferer


@dataclass(frozen=True)
class RankedChannel:
    rank: int
    load: occupancy.ChannelLoad
    near: tuple[tuple[Neighbour, str, float], ...]  # (airing, offset class, what it adds), largest first
    reports: StatusCounts

    @property
    def jammer(self) -> bool:
        return any(n.kind == JAMMER and offset == occupancy.CO_CHANNEL for n, offset, _ in self.near)


@dataclass
class ChannelResult:
    window: Window
    period: str  # "2026-07-01" or "Mo-Fr in A26 (2026-03-29 to 2026-10-24)"
    first: Occurrence  # the window on the first day, for showing it in local time
    channels: list[RankedChannel]
    note: str | None = None


def _frequency_range(query: ChannelQuery) -> tuple[float, float]:
    if query.freq and query.band:
        raise UsageError("give --freq or --band, not both")
    if not (query.freq or query.band):
        raise UsageError("give the channels to rank: --freq 5900-6100 or --band 49m")
    return parse_frequency_range(query.freq) if query.freq else band_range(query.band or "")


def candidates(low: float, high: float, step: float) -> list[float]:
    """The multiples of the step from low to high kHz."""
    if not step > 0:
        raise InputError(f"--step {step:g}: give a positive number of kHz")
    first, last = math.ceil(low / step - 1e-9), math.floor(high / step + 1e-9)
    if last < first:
        raise InputError(f"no channel on the {step:g} kHz raster from {low:g} to {high:g} kHz")
    if last - first + 1 > MAX_CANDIDATES:
        raise InputError(f"{last - first + 1} channels from {low:g} to {high:g} kHz: rank at most {MAX_CANDIDATES}")
    return [round(n * step, 3) for n in range(first, last + 1)]


def _period(query: ChannelQuery, today: date) -> tuple[list[date], str, ColumnElement[bool]]:
    """The UTC dates the window starts on, their description, and the SQL selection of entries valid then."""
    if query.on is not None and (query.days or query.season):
        raise UsageError("give --on DATE, or --days (and --season), not both")
    if query.on is not None:
        day = query.on
        # A window past midnight also meets occurrences starting the next day (0000-0100 inside 2330-0030).
        near = (day + timedelta(days=offset) for offset in (-1, 0, 1))
        return [day], day.isoformat(), or_(*(starts_on(d) for d in near))
    season = Season.parse(query.season) if query.season else Season.containing(today)
    rule = parse_eibi_days(query.days or "", lenient_words=False) if query.days else DaysRule()
    if rule.irregular:
        raise InputError(f"--days {query.days!r}: give weekdays such as Mo-Fr, SaSu or 1357")
    days = [
        season.start + timedelta(days=n)
        for n in range((season.end - season.start).days + 1)
        if rule.matches(season.start + timedelta(days=n))
    ]
    if not days:
        raise InputError(f"--days {query.days!r}: no such day in {season.code}")
    what = f"{rule.raw or 'daily'} in {season.code} ({season.start} to {season.end})"
    return days, what, valid_between(days[0], days[-1] + timedelta(days=1))


def _covered(view: EntryView, windows: Sequence[Occurrence]) -> list[tuple[int, int]]:
    """The parts of the user's window occurrences this entry is on air in, as minute offsets from the epoch of the
    first one (so several entries of one airing can be united)."""
    parts = []
    origin = windows[0].start
    for wanted in windows:
        for o in occurrences_between(view.window, view.days_rule, *view.validity, wanted.start, wanted.end):
            start, end = max(o.start, wanted.start), min(o.end, wanted.end)
            if start < end:
                parts.append((int((start - origin).total_seconds() // 60), int((end - origin).total_seconds() // 60)))
    return parts


def _union_length(parts: list[tuple[int, int]]) -> int:
    total, reach = 0, None
    for start, end in sorted(parts):
        if reach is None or start > reach:
            total, reach = total + end - start, end
        elif end > reach:
            total, reach = total + end - reach, end
    return total


def _airings(views: list[EntryView], windows: Sequence[Occurrence], target: str | None) -> list[Neighbour]:
    """Entries on air in the window, one Neighbour per station, kind and frequency (the same airing listed by
    several sources, sites or split rows counts once: its time share is the union of theirs)."""
    groups: dict[tuple[object, str, float], list[tuple[EntryView, list[tuple[int, int]]]]] = {}
    for view in views:
        parts = _covered(view, windows)
        if parts:
            e = view.entry
            who: object = e.station_id if e.station_id is not None else ("entry", e.id)
            groups.setdefault((who, e.kind, round(e.frequency_khz * 2) / 2), []).append((view, parts))
    total = sum((w.end - w.start).total_seconds() / 60 for w in windows)
    airings = []
    for (_, kind, _), members in groups.items():
        first = members[0][0]
        share = _union_length([p for _, parts in members for p in parts]) / total
        powers = [v.entry.power_kw for v, _ in members if v.entry.power_kw is not None]
        on_target = target is None or any(reaches(v.entry.target, target) for v, _ in members)
        airings.append(
            Neighbour(
                station=first.station_canonical or first.entry.station_name,
                station_key=first.station_key,
                kind=kind,
                frequency_khz=first.entry.frequency_khz,
                windows=tuple(dict.fromkeys(str(v.window) for v, _ in members)),
                days=first.entry.days,
                target=first.entry.target,
                power_kw=max(powers) if powers else None,
                sources=tuple(f"{v.source}:{v.entry.line}" for v, _ in members),
                interferer=occupancy.Interferer(
                    first.entry.frequency_khz, share, on_target, max(powers) if powers else None, kind == JAMMER
                ),
            )
        )
    return airings


def _rank(
    channels: list[float], airings: list[Neighbour], reports: ReportBook, window: Window, weekdays: int
) -> list[RankedChannel]:
    scored = []
    for channel in channels:
        near = [a for a in airings if occupancy.offset_class(channel, a.frequency_khz) is not None]
        counts = reports.counts(channel, window, weekdays=weekdays)
        load = occupancy.channel_load(channel, [a.interferer for a in near], counts)
        breakdown = sorted(
            (
                (a, occupancy.offset_class(channel, a.frequency_khz) or "", added)
                for a, added in zip(near, load.contributions, strict=True)
            ),
            key=lambda item: (-item[2], item[0].frequency_khz),
        )
        scored.append((load, tuple(breakdown), counts))
    order = occupancy.ranked([load for load, _, _ in scored])
    by_frequency = {load.frequency_khz: (near, counts) for load, near, counts in scored}
    return [RankedChannel(rank, load, *by_frequency[load.frequency_khz]) for rank, load in enumerate(order, start=1)]


def find_channels(database: Database, query: ChannelQuery, *, today: date) -> ChannelResult:
    window = Window.parse(query.window, field="--window")
    if window.duration == 0:
        raise InputError(f"--window {query.window}: the window is empty")
    low, high = _frequency_range(query)
    channels = candidates(low, high, query.step_khz)
    days, period, valid = _period(query, today)
    windows = [occurrence_on(window, day) for day in days]
    # Reports count from any date at that time of day; with --days, on those weekdays only.
    weekdays = parse_eibi_days(query.days, lenient_words=False).weekdays if query.days else DaysRule().weekdays
    p = occupancy.DEFAULT_PARAMETERS
    with transaction(database.engine, write=False) as session:
        near = (low - p.second_adjacent_khz, high + p.second_adjacent_khz)
        views = list(select_entries(session, valid, EntryFilter(frequency_range=near)))
        book = ReportBook(reports_between_frequencies(session, low - p.co_channel_khz, high + p.co_channel_khz))
        note = coverage_note(session, utc_midnight(days[0]), bool(views))
    ranked = _rank(channels, _airings(views, windows, query.target), book, window, weekdays)
    return ChannelResult(window, period, windows[0], ranked, note)
