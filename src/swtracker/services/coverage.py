"""Schedule coverage (issue 6, design §5): per station, how many scheduled broadcasts anyone listened to.

Coverage expands each station's schedule into occurrences with the on-air rule of the domain
(`windows.occurrences_between`), so "scheduled" means exactly what `now` means by on air.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from itertools import groupby
from operator import attrgetter
from typing import Any

from sqlmodel import Session

from swtracker.domain.frequency import SAME_CHANNEL_KHZ
from swtracker.domain.instants import format_instant
from swtracker.domain.statistics import rate
from swtracker.domain.windows import Occurrence, occurrences_between
from swtracker.errors import InputError
from swtracker.services.catalog import station_ids_named
from swtracker.services.database import Database
from swtracker.services.summary import GroupKey, check_query, station_group_key
from swtracker.store import summary as store
from swtracker.store.engine import transaction
from swtracker.store.entries import EntryView, broadcast_entries, curated_stations_scheduled
from swtracker.store.report_filters import ReportFilter

MAX_COVERAGE_DAYS = 366
JAMMING_STATUSES = frozenset({"jammed", "blocked"})
COVERAGE_COLUMNS = (
    "station",
    "station_key",
    "period_start",
    "period_end",
    "occurrences",
    "monitored",
    "jammed",
    "silent_only",
    "never_monitored",
    "monitored_share",
    "reports",
    "reports_outside_schedule",
    "no_schedule",
    "unscheduled_months",
)


@dataclass
class Airing:
    """One broadcast of a station: its entries' occurrences that overlap in time within the channel tolerance,
    so the same broadcast listed by two sources is counted once."""

    parts: list[tuple[Occurrence, float]]  # (occurrence, frequency kHz)

    @property
    def start(self) -> datetime:
        return min(occurrence.start for occurrence, _ in self.parts)

    @property
    def end(self) -> datetime:
        return max(occurrence.end for occurrence, _ in self.parts)

    def overlaps(self, other: Occurrence, frequency_khz: float) -> bool:
        return any(
            o.start < other.end and other.start < o.end and abs(f - frequency_khz) <= SAME_CHANNEL_KHZ
            for o, f in self.parts
        )

    def heard(self, report: store.HeardReport) -> bool:
        """The report lies inside one of the occurrences and within the tolerance of its frequency."""
        return any(
            o.start <= report.observed_at < o.end and abs(f - report.frequency_khz) <= SAME_CHANNEL_KHZ
            for o, f in self.parts
        )


def merge_airings(occurrences: Sequence[tuple[Occurrence, float]]) -> list[Airing]:
    """Group one station's occurrences into airings: a sweep in start order that joins an occurrence to every
    open airing it overlaps on the channel (and so joins those airings to each other)."""
    done: list[Airing] = []
    open_airings: list[Airing] = []
    for occurrence, frequency in sorted(occurrences, key=lambda part: (part[0].start, part[1])):
        done += [airing for airing in open_airings if airing.end <= occurrence.start]
        open_airings = [airing for airing in open_airings if airing.end > occurrence.start]
        joined = [airing for airing in open_airings if airing.overlaps(occurrence, frequency)]
        parts = [part for airing in joined for part in airing.parts] + [(occurrence, frequency)]
        open_airings = [airing for airing in open_airings if airing not in joined] + [Airing(parts)]
    return sorted(done + open_airings, key=lambda airing: airing.start)


@dataclass(frozen=True)
class StationCoverage:
    station: GroupKey
    since: datetime
    until: datetime
    occurrences: int  # airings scheduled in the period (overlapping it)
    monitored: int  # airings with at least one report inside them
    jammed: int  # monitored airings with a jammed or blocked report
    silent_only: int  # monitored airings where every report was silent (an outage, or propagation)
    reports: int  # the station's reports in the period
    outside_schedule: int  # of those, reports inside no scheduled airing
    # Months (YYYY-MM) of the period, up to the station's closing, on none of whose days any loaded schedule
    # lists the station: a gap in the loaded schedules, which adds no airings and so nothing never monitored.
    unscheduled_months: tuple[str, ...] = ()

    @property
    def never_monitored(self) -> int:
        return self.occurrences - self.monitored

    @property
    def no_schedule(self) -> bool:
        return self.occurrences == 0

    def as_json(self) -> dict[str, Any]:
        """The CSV columns, in order."""
        return self.station.columns() | {
            "period_start": format_instant(self.since),
            "period_end": format_instant(self.until),
            "occurrences": self.occurrences,
            "monitored": self.monitored,
            "jammed": self.jammed,
            "silent_only": self.silent_only,
            "never_monitored": self.never_monitored,
            "monitored_share": rate(self.monitored, self.occurrences),
            "reports": self.reports,
            "reports_outside_schedule": self.outside_schedule,
            "no_schedule": self.no_schedule,
            "unscheduled_months": list(self.unscheduled_months),
        }


@dataclass(frozen=True)
class CoverageQuery:
    station: str | None = None
    since: datetime | None = None
    until: datetime | None = None  # exclusive


@dataclass(frozen=True)
class Coverage:
    since: datetime | None  # None when there was no period: no reports and none given
    until: datetime | None
    period_from_reports: bool  # the period (or an end of it) was taken from the reports' first and last days
    stations: list[StationCoverage]


def _midnight(instant: datetime) -> datetime:
    return datetime.combine(instant.astimezone(UTC).date(), time(), tzinfo=UTC)


def _coverage_period(
    session: Session, query: CoverageQuery, station_ids: tuple[int, ...] | None
) -> tuple[datetime, datetime] | None:
    """The period asked for; an end not given is the start of the first report's UTC day, or the end of the
    last report's."""
    since, until = query.since, query.until
    if since is None or until is None:
        span = store.report_span(session, ReportFilter(station_ids, since=since, until=until))
        if span is None:
            return None
        since = since or _midnight(span[0])
        until = until or _midnight(span[1]) + timedelta(days=1)
    days = (until - since) / timedelta(days=1)
    if days > MAX_COVERAGE_DAYS:
        raise InputError(
            f"the coverage period {format_instant(since)} to {format_instant(until)} is {days:g} days; "
            f"give at most {MAX_COVERAGE_DAYS} with --since and --until"
        )
    return since, until


def unscheduled_months(validities: Sequence[tuple[date, date]], first_day: date, last_day: date) -> tuple[str, ...]:
    """The months (YYYY-MM) of first_day..last_day none of whose days in that span lies in any validity range
    (first, last day, inclusive)."""
    months: list[str] = []
    month = first_day.replace(day=1)
    while month <= last_day:
        next_month = (month + timedelta(days=32)).replace(day=1)
        low, high = max(month, first_day), min(next_month - timedelta(days=1), last_day)
        if not any(start <= high and low <= end for start, end in validities):
            months.append(f"{month:%Y-%m}")
        month = next_month
    return tuple(months)


def _station_coverage(
    station: GroupKey,
    views: list[EntryView],
    reports: Iterable[store.HeardReport],
    since: datetime,
    until: datetime,
    on_air_days: tuple[date, date],
) -> StationCoverage:
    """One pass over the station's reports in time order, against the airings open at each report: memory
    grows with the schedule, not with the reports. on_air_days: the period's UTC days up to the station's
    closing, the span in which a month no entry is valid in is a gap in the loaded schedules."""
    occurrences = [
        (occurrence, view.entry.frequency_khz)
        for view in views
        for occurrence in occurrences_between(view.window, view.days_rule, *view.validity, since, until)
    ]
    airings = [(airing.start, airing.end, airing) for airing in merge_airings(occurrences)]  # in start order
    statuses: list[set[str]] = [set() for _ in airings]  # what was heard in each airing
    open_airings: list[int] = []
    started = count = outside = 0
    for report in reports:
        count += 1
        while started < len(airings) and airings[started][0] <= report.observed_at:
            open_airings.append(started)
            started += 1
        open_airings = [i for i in open_airings if airings[i][1] > report.observed_at]
        matching = [i for i in open_airings if airings[i][2].heard(report)]
        outside += not matching
        for i in matching:
            statuses[i].add(report.status)
    heard = [found for found in statuses if found]
    jammed, silent_only = sum(bool(f & JAMMING_STATUSES) for f in heard), sum(f == {"silent"} for f in heard)
    gaps = unscheduled_months([view.validity for view in views], *on_air_days)
    figures = (len(airings), len(heard), jammed, silent_only, count, outside)
    return StationCoverage(station, since, until, *figures, gaps)


def coverage(database: Database, query: CoverageQuery) -> Coverage:
    """Per station: scheduled airings in the period, how many had a report, how many of those were jammed,
    and how many nobody monitored. Stations: the one(s) named, else those with reports in the period and the
    curated stations with a schedule in it."""
    check_query(query.since, query.until)
    with transaction(database.engine, write=False) as session:
        named = station_ids_named(session, query.station)
        period = _coverage_period(session, query, named)
        if period is None:
            return Coverage(None, None, False, [])
        since, until = period
        first_day, last_day = since.date(), (until - timedelta(microseconds=1)).date()
        ids = named
        if ids is None:
            reported = store.stations_reported(session, ReportFilter(since=since, until=until))
            ids = tuple(sorted({*reported, *curated_stations_scheduled(session, first_day, last_day)}))
        names = store.station_names(session, ids)
        closings = store.station_closings(session, ids)
        entries: dict[int | None, list[EntryView]] = defaultdict(list)
        for view in broadcast_entries(session, ids, first_day, last_day):
            entries[view.entry.station_id].append(view)

        def station(i: int, heard: Iterable[store.HeardReport]) -> StationCoverage:
            days = (first_day, min(last_day, closings.get(i, last_day)))
            return _station_coverage(station_group_key(i, "", names), entries[i], heard, since, until, days)

        found: list[StationCoverage] = []
        heard_ids: set[int] = set()
        for i, heard in groupby(store.station_reports(session, ids, since, until), key=attrgetter("station_id")):
            heard_ids.add(i)
            found.append(station(i, heard))
        found += [station(i, ()) for i in sorted(set(ids) - heard_ids)]
    if named is None:  # a curated station whose entries merely touch the period's days, with no airing in it
        found = [item for item in found if item.occurrences or item.reports]
    found.sort(key=lambda item: item.station.order)
    return Coverage(since, until, query.since is None or query.until is None, found)
