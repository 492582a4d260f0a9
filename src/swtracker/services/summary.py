"""How often each station is jammed or blocked (issue 6, design §5): grouped counts and rates with their
uncertainty, and a station x UTC-hour heat map. Schedule coverage lives in services/coverage.py.

Counting happens in SQL; Python turns each group's counts into rates and Wilson intervals.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from swtracker.domain.days import WEEKDAY_TOKENS
from swtracker.domain.frequency import format_frequency
from swtracker.domain.instants import check_period, format_instant
from swtracker.domain.statistics import StatusCounts
from swtracker.errors import UsageError
from swtracker.services.database import Database
from swtracker.store import summary as store
from swtracker.store.engine import connected
from swtracker.store.report_filters import ReportFilter

GROUPINGS = store.GROUPINGS
NONE_LABEL = "(none)"  # a report without a jammer type, reporter or site
FIGURE_COLUMNS = (
    "reports",
    "clear",
    "jammed",
    "blocked",
    "silent",
    "n",
    "jam_rate",
    "block_rate",
    "jam_rate_ci_low",
    "jam_rate_ci_high",
    "first_report",
    "last_report",
)


@dataclass(frozen=True)
class GroupKey:
    """One grouping's value for a group: `value` as JSON and CSV carry it, `order` to sort groups naturally."""

    by: str
    value: str | int | float
    station_key: str | None = None  # stations: two can share a name, the key tells them apart
    order: tuple[Any, ...] = field(default=(), compare=False)

    @property
    def label(self) -> str:
        if self.by == "frequency":
            assert isinstance(self.value, float)
            return format_frequency(self.value)
        return f"{self.value:02d}" if self.by == "hour" else str(self.value)

    def columns(self) -> dict[str, Any]:
        if self.by == "station":
            return {"station": self.value, "station_key": self.station_key}
        return {self.by: self.value}


def station_group_key(station_id: int | None, unattached: str, names: dict[int, tuple[str, str]]) -> GroupKey:
    if station_id is None:  # unattributed, ambiguous, or a removed station's name: listed after the stations
        return GroupKey("station", unattached, None, (1, unattached.casefold()))
    key, name = names[station_id]
    return GroupKey("station", name, key, (0, name.casefold(), key))


def _group_key(by: str, value: Any, names: dict[int, tuple[str, str]]) -> GroupKey:
    if by == "station":
        station_id, unattached = value
        return station_group_key(station_id, unattached, names)
    if by == "frequency":
        return GroupKey(by, float(value), order=(value,))
    if by in ("hour", "weekday", "month"):
        number = int(value)
        shown: str | int = number
        if by == "weekday":
            shown = WEEKDAY_TOKENS[number]
        elif by == "month":
            shown = f"{number // 100:04d}-{number % 100:02d}"
        return GroupKey(by, shown, order=(number,))
    if value is None:
        return GroupKey(by, NONE_LABEL, order=(1, ""))
    return GroupKey(by, value, order=(0, value.casefold(), value))


@dataclass(frozen=True)
class GroupSummary:
    keys: tuple[GroupKey, ...]
    counts: StatusCounts
    first_report: datetime | None
    last_report: datetime | None

    def as_json(self) -> dict[str, Any]:
        """The group key columns, then the figures of design §5 (the CSV columns, in order)."""
        counts = self.counts
        interval = counts.jam_rate_interval
        data: dict[str, Any] = {}
        for key in self.keys:
            data |= key.columns()
        return data | {
            "reports": counts.reports,
            "clear": counts.clear,
            "jammed": counts.jammed,
            "blocked": counts.blocked,
            "silent": counts.silent,
            "n": counts.n,
            "jam_rate": counts.jam_rate,
            "block_rate": counts.block_rate,
            "jam_rate_ci_low": interval[0] if interval else None,
            "jam_rate_ci_high": interval[1] if interval else None,
            "first_report": format_instant(self.first_report) if self.first_report else None,
            "last_report": format_instant(self.last_report) if self.last_report else None,
        }


@dataclass(frozen=True)
class SummaryQuery:
    """What the user asked for (instants already parsed). `until` is exclusive."""

    by: tuple[str, ...] = ("station",)
    station: str | None = None
    since: datetime | None = None
    until: datetime | None = None
    min_reports: int = 0


@dataclass(frozen=True)
class Summary:
    by: tuple[str, ...]
    groups: list[GroupSummary]
    hidden: int  # groups with fewer than min_reports reports, left out
    min_reports: int

    @property
    def columns(self) -> list[str]:
        keys = [column for name in self.by for column in (("station", "station_key") if name == "station" else (name,))]
        return [*keys, *FIGURE_COLUMNS]


def check_groupings(by: Sequence[str]) -> tuple[str, ...]:
    """--by values: known names, each at most once; station when none is given."""
    seen: list[str] = []
    for name in by:
        grouping = name.strip().lower()
        if grouping not in GROUPINGS:
            raise UsageError(f"--by {name!r}: use one of {', '.join(GROUPINGS)}")
        if grouping in seen:
            raise UsageError(f"--by {grouping} is given twice")
        seen.append(grouping)
    return tuple(seen) or ("station",)


def check_query(since: datetime | None, until: datetime | None, min_reports: int = 0) -> None:
    check_period(since, until)
    if min_reports < 0:
        raise UsageError(f"--min-reports {min_reports}: give 0 or more")


def summarize(database: Database, query: SummaryQuery) -> Summary:
    """Counts, rates and intervals per group. With --station and grouping by station alone, a named station
    without reports is listed with zero counts rather than left out."""
    by = check_groupings(query.by)
    check_query(query.since, query.until, query.min_reports)
    with connected(database.engine, write=False) as connection:
        station_ids = None
        if query.station is not None:
            # Imported here: naming stations loads the schedule stack and the ORM, which a summary of every
            # station never needs.
            from sqlmodel import Session

            from swtracker.services.catalog import station_ids_named

            with Session(bind=connection) as session:
                station_ids = station_ids_named(session, query.station)
        rows = store.group_counts(connection, by, ReportFilter(station_ids, since=query.since, until=query.until))
        ids = {v[0] for row in rows for name, v in zip(by, row.keys, strict=True) if name == "station"} - {None}
        names = store.station_names(connection, sorted(ids | set(station_ids or ())))
    groups = [
        GroupSummary(
            tuple(_group_key(name, value, names) for name, value in zip(by, row.keys, strict=True)),
            row.counts,
            row.first_report,
            row.last_report,
        )
        for row in rows
    ]
    if by == ("station",) and station_ids:
        listed = {group.keys[0].station_key for group in groups}
        groups += [
            GroupSummary((key,), StatusCounts(), None, None)
            for key in (station_group_key(i, "", names) for i in station_ids)
            if key.station_key not in listed
        ]
    groups.sort(key=lambda group: tuple(key.order for key in group.keys))
    shown = [group for group in groups if group.counts.reports >= query.min_reports]
    return Summary(by, shown, len(groups) - len(shown), query.min_reports)


# --- heat map ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class HeatmapRow:
    station: GroupKey
    hours: dict[int, StatusCounts]  # UTC hour -> counts; hours without reports are absent

    @property
    def total(self) -> StatusCounts:
        return sum(self.hours.values(), StatusCounts())


@dataclass(frozen=True)
class Heatmap:
    rows: list[HeatmapRow]
    hidden: int  # stations with fewer than min_reports reports in all, left out
    min_reports: int


def heatmap(database: Database, query: SummaryQuery) -> Heatmap:
    """Station x UTC hour counts: the station-and-hour summary, one row per station."""
    cells = summarize(database, replace(query, by=("station", "hour"), min_reports=0))
    hours: dict[GroupKey, dict[int, StatusCounts]] = {}
    for group in cells.groups:
        station, hour = group.keys
        hours.setdefault(station, {})[int(hour.value)] = group.counts
    rows = [HeatmapRow(station, by_hour) for station, by_hour in hours.items()]
    shown = [row for row in rows if row.total.reports >= query.min_reports]
    return Heatmap(shown, len(rows) - len(shown), query.min_reports)
