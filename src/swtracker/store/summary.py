"""Report counts grouped in SQL, and what coverage needs from the database. Functions take a connection (or a
session) and never commit. Queries are SQLAlchemy Core on store.core_tables, so counting loads no ORM.

Grouping uses the stored UTC calendar columns (`utc_hour`, `utc_weekday`, `utc_month`), so the same plain SQL runs
on SQLite and PostgreSQL. Constants inside grouping expressions are SQL literals, not bound parameters:
PostgreSQL only matches a SELECT expression to its GROUP BY twin when the texts are identical, and two bound
parameters of the same value are not.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, NamedTuple

from sqlalchemy import ColumnElement, Connection, case, func, literal_column, select

from swtracker.domain.signal import STATUSES
from swtracker.domain.statistics import StatusCounts
from swtracker.store.core_tables import report, station
from swtracker.store.report_filters import ReportFilter, report_clauses
from swtracker.store.types import from_day_number

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

UNATTRIBUTED_LABEL = "(unattributed)"
AMBIGUOUS_LABEL = "(ambiguous)"


def _sql_text(text: str) -> ColumnElement[Any]:
    return literal_column("'" + text.replace("'", "''") + "'")


# A report without a station: unattributed or ambiguous, or (rarely) attached to a station since removed, which
# keeps the name it was logged with.
_UNATTACHED_LABEL = case(
    (report.c.attribution == _sql_text("unattributed"), _sql_text(UNATTRIBUTED_LABEL)),
    (report.c.attribution == _sql_text("ambiguous"), _sql_text(AMBIGUOUS_LABEL)),
    else_=report.c.station_name,
)

# The column of each grouping (`--by`) but station, which is station_id or, without one, the label above.
GROUPING_COLUMNS: dict[str, ColumnElement[Any]] = {
    "frequency": report.c.frequency_khz,
    "hour": report.c.utc_hour,
    "weekday": report.c.utc_weekday,
    "month": report.c.utc_month,
    "jammer": report.c.jammer,
    "reporter": report.c.reporter,
    "site": report.c.site,
}
GROUPINGS = ("station", *GROUPING_COLUMNS)


class GroupRow(NamedTuple):
    """One group: its value per grouping (for station: (station_id, "") or, without a station, (None, label)),
    counts, first and last report."""

    keys: tuple[Any, ...]
    counts: StatusCounts
    first_report: datetime
    last_report: datetime


def _status_total(status: str) -> ColumnElement[Any]:
    return func.sum(case((report.c.status == status, 1), else_=0))


def _grouped(
    connection: Connection | Session, keys: Sequence[ColumnElement[Any]], where: list[ColumnElement[bool]]
) -> list[GroupRow]:
    query = (
        select(
            *keys,
            *(_status_total(status) for status in STATUSES),
            func.min(report.c.observed_at),
            func.max(report.c.observed_at),
        )
        .where(*where)
        .group_by(*keys)
    )
    width = len(keys)
    return [
        GroupRow(
            tuple(row[:width]),
            StatusCounts(**{status: int(n) for status, n in zip(STATUSES, row[width:], strict=False)}),
            row[-2],
            row[-1],
        )
        for row in connection.execute(query)
    ]


def group_counts(connection: Connection | Session, by: Sequence[str], flt: ReportFilter) -> list[GroupRow]:
    """Counts per status, first and last report, for each group of `by` (names of GROUPINGS).

    By station, reports with a station and those without are counted in two queries: grouping on station_id
    alone lets the database walk the station index in order instead of sorting every report (on SQLite this
    makes the common `--by station` as fast as the bare GROUP BY)."""
    where = report_clauses(flt, report)
    if "station" not in by:
        return _grouped(connection, [GROUPING_COLUMNS[name] for name in by], where)
    at = by.index("station")

    def counted(station_key: ColumnElement[Any], present: bool) -> list[GroupRow]:
        keys = [station_key if name == "station" else GROUPING_COLUMNS[name] for name in by]
        rows = _grouped(
            connection,
            keys,
            [report.c.station_id.is_not(None) if present else report.c.station_id.is_(None), *where],
        )
        return [
            row._replace(
                keys=(*row.keys[:at], (row.keys[at], "") if present else (None, row.keys[at]), *row.keys[at + 1 :])
            )
            for row in rows
        ]

    return counted(report.c.station_id, True) + counted(_UNATTACHED_LABEL, False)


def station_names(connection: Connection | Session, ids: Sequence[int]) -> dict[int, tuple[str, str]]:
    """(key, name) of stations by id."""
    query = select(station.c.id, station.c.key, station.c.name).where(station.c.id.in_(ids))
    return {station_id: (key, name) for station_id, key, name in connection.execute(query)}


def station_closings(connection: Connection | Session, ids: Sequence[int]) -> dict[int, date]:
    """The last day on air of those stations that have closed."""
    query = select(station.c.id, station.c.closed_on).where(station.c.id.in_(ids), station.c.closed_on.is_not(None))
    return {station_id: day for station_id, number in connection.execute(query) if (day := from_day_number(number))}


def report_span(connection: Connection | Session, flt: ReportFilter) -> tuple[datetime, datetime] | None:
    """The first and last observed_at of the matching reports; None when there are none."""
    query = select(func.min(report.c.observed_at), func.max(report.c.observed_at)).where(*report_clauses(flt, report))
    first, last = connection.execute(query).one()
    return None if first is None else (first, last)


def stations_reported(connection: Connection | Session, flt: ReportFilter) -> list[int]:
    """Stations that matching reports are attached to."""
    query = select(report.c.station_id).where(report.c.station_id.is_not(None), *report_clauses(flt, report)).distinct()
    return [station_id for station_id in connection.scalars(query) if station_id is not None]


class HeardReport(NamedTuple):
    station_id: int
    observed_at: datetime
    frequency_khz: float
    status: str


STREAM_ROWS = 10_000  # rows fetched at a time: coverage reads every report of the period once, never all at once


def station_reports(
    connection: Connection | Session, station_ids: Sequence[int], since: datetime, until: datetime
) -> Iterator[HeardReport]:
    """The stations' reports in [since, until), by station and oldest first: one query for all of them (served
    by the station/observed_at index), streamed in chunks."""
    query = (
        select(report.c.station_id, report.c.observed_at, report.c.frequency_khz, report.c.status)
        .where(report.c.station_id.in_(station_ids), report.c.observed_at >= since, report.c.observed_at < until)
        .order_by(report.c.station_id, report.c.observed_at)
        .execution_options(yield_per=STREAM_ROWS)
    )
    for row in connection.execute(query):
        yield HeardReport(*row)
