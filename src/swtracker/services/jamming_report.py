"""What the shareable jamming page (`summary --html`, issue 17) shows, gathered from the summary services.

Every figure is the same as the terminal's: rates per station and per station and month from `summarize`, the
heat map from `heatmap`, schedule coverage from `coverage`, all counted in SQL. What is new here is the list of
each station's frequencies with jammer marks: a frequency is marked when reports on it heard jamming, or when a
jammer row (design §4) is listed on its channel at a time the station is scheduled there.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta

from swtracker.domain.frequency import SAME_CHANNEL_KHZ
from swtracker.domain.statistics import StatusCounts, wilson_interval
from swtracker.domain.windows import Window
from swtracker.errors import InputError
from swtracker.formats.records import JAMMER
from swtracker.services.catalog import SourceSummary, list_sources, station_ids_named
from swtracker.services.coverage import Coverage, CoverageQuery, coverage
from swtracker.services.database import Database
from swtracker.services.summary import (
    GroupKey,
    Heatmap,
    Summary,
    SummaryQuery,
    heatmap,
    station_group_key,
    summarize,
)
from swtracker.store import summary as store
from swtracker.store.engine import transaction
from swtracker.store.entries import EntryFilter, EntryView, broadcast_entries, select_entries, valid_between
from swtracker.store.report_filters import ReportFilter


def block_rate_interval(counts: StatusCounts) -> tuple[float, float] | None:
    """The 95% Wilson interval of the block rate (the page draws it as the jam rate's is drawn)."""
    return wilson_interval(counts.blocked, counts.n)


@dataclass(frozen=True)
class FrequencyUse:
    """One frequency of a station: scheduled in the period, reported on, or both."""

    frequency_khz: float
    scheduled: bool
    counts: StatusCounts  # the station's reports on this frequency
    jammer_rows: int  # jammer rows on the channel (±2.5 kHz) overlapping the station's times there

    @property
    def jamming_heard(self) -> bool:
        return self.counts.jammed + self.counts.blocked > 0

    @property
    def jammed(self) -> bool:
        return self.jamming_heard or self.jammer_rows > 0


@dataclass(frozen=True)
class StationFrequencies:
    station: GroupKey
    frequencies: list[FrequencyUse]


@dataclass(frozen=True)
class JammingReport:
    since: datetime | None  # the period asked for (None: open)
    until: datetime | None
    span: tuple[datetime, datetime] | None  # first and last matching report
    stations: Summary  # by station
    monthly: Summary  # by station and UTC month
    heatmap: Heatmap
    coverage: Coverage | None  # None when the period cannot be covered: see coverage_problem
    coverage_problem: str | None
    frequencies: list[StationFrequencies]
    sources: list[SourceSummary]


def period_days(
    since: datetime | None, until: datetime | None, span: tuple[datetime, datetime] | None
) -> tuple[date, date] | None:
    """The UTC days of the period, an open end taken from the first or last report; None without either."""
    first = since if since is not None else span[0] if span is not None else None
    last = until - timedelta(microseconds=1) if until is not None else span[1] if span is not None else None
    if first is None or last is None:
        return None
    return first.astimezone(UTC).date(), last.astimezone(UTC).date()


def _jammer_rows_on(frequency: float, windows: list[Window], jammers: list[EntryView]) -> int:
    near = [v for v in jammers if abs(v.entry.frequency_khz - frequency) <= SAME_CHANNEL_KHZ]
    if not windows:  # heard there without a schedule: any jammer row on the channel counts
        return len(near)
    return sum(any(v.window.overlaps(window) for window in windows) for v in near)


def station_frequencies(database: Database, query: SummaryQuery, days: tuple[date, date]) -> list[StationFrequencies]:
    """Per station with reports (or the one named): its scheduled and reported frequencies in the period, each
    with its report counts and the jammer rows on its channel."""
    by_frequency = summarize(database, replace(query, by=("station", "frequency"), min_reports=0))
    reported: dict[GroupKey, dict[float, StatusCounts]] = defaultdict(dict)
    for group in by_frequency.groups:
        station, frequency = group.keys
        assert isinstance(frequency.value, float)
        reported[station][frequency.value] = group.counts
    first_day, last_day = days
    with transaction(database.engine, write=False) as session:
        ids = station_ids_named(session, query.station)
        if ids is None:
            ids = tuple(store.stations_reported(session, ReportFilter(since=query.since, until=query.until)))
        names = store.station_names(session, ids)
        scheduled: dict[GroupKey, dict[float, list[Window]]] = defaultdict(lambda: defaultdict(list))
        for view in broadcast_entries(session, ids, first_day, last_day):
            assert view.entry.station_id is not None
            station = station_group_key(view.entry.station_id, "", names)
            scheduled[station][view.entry.frequency_khz].append(view.window)
        jammers = list(select_entries(session, valid_between(first_day, last_day), EntryFilter(kind=JAMMER)))
    stations = sorted({*reported, *(station_group_key(i, "", names) for i in ids)}, key=lambda key: key.order)
    found = []
    for station in stations:
        windows, heard = scheduled.get(station, {}), reported.get(station, {})
        uses = [
            FrequencyUse(
                frequency,
                frequency in windows,
                heard.get(frequency, StatusCounts()),
                _jammer_rows_on(frequency, windows.get(frequency, []), jammers),
            )
            for frequency in sorted({*windows, *heard})
        ]
        found.append(StationFrequencies(station, uses))
    return found


def jamming_report(database: Database, query: SummaryQuery, *, today: date) -> JammingReport:
    """All the page's figures for the stations and period of `query` (its `by` is ignored)."""
    stations = summarize(database, replace(query, by=("station",)))
    with transaction(database.engine, write=False) as session:
        station_ids = station_ids_named(session, query.station)
        span = store.report_span(session, ReportFilter(station_ids, since=query.since, until=query.until))
    monthly = summarize(database, replace(query, by=("station", "month"), min_reports=0))
    shown = {group.keys[0] for group in stations.groups}
    monthly_groups = [group for group in monthly.groups if group.keys[0] in shown]
    try:
        covered: Coverage | None = coverage(database, CoverageQuery(query.station, query.since, query.until))
        problem = None
    except InputError as error:  # a period over the coverage limit: the rest of the page still stands
        covered, problem = None, str(error)
    days = period_days(query.since, query.until, span)
    frequencies = station_frequencies(database, query, days) if days else []
    return JammingReport(
        query.since,
        query.until,
        span,
        stations,
        Summary(monthly.by, monthly_groups, 0, 0),
        heatmap(database, query),
        covered,
        problem,
        [item for item in frequencies if item.station in shown],
        list_sources(database, today=today),
    )
