"""Report counts grouped in SQL, and what coverage needs from the database. Functions take a session and never
commit.

Grouping uses the stored UTC calendar columns (`utc_hour`, `utc_weekday`, `utc_month`), so the same plain SQL runs
on SQLite and PostgreSQL. Constants inside grouping expressions are SQL literals, not bound parameters:
PostgreSQL only matches a SELECT expression to its GROUP BY twin when the texts are identical, and two bound
parameters of the same value are not.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date, datetime
from typing import Any, NamedTuple

from sqlalchemy import ColumnElement, case, func, literal_column, select
from sqlalchemy.orm import Mapped
from sqlmodel import Session, col

from swtracker.domain.signal import STATUSES
from swtracker.domain.statistics import StatusCounts
from swtracker.store.models import Report, Station
from swtracker.store.report_filters import ReportFilter, report_clauses
from swtracker.store.types import from_day_number

UNATTRIBUTED_LABEL = "(unattributed)"
AMBIGUOUS_LABEL = "(ambiguous)"


def _sql_text(text: str) -> ColumnElement[Any]:
    return literal_column("'" + text.replace("'", "''") + "'")


# A report without a station: unattributed or ambiguous, or (rarely) attached to a station since removed, which
# keeps the name it was logged with.
_UNATTACHED_LABEL = case(
    (col(Report.attribution) == _sql_text("unattributed"), _sql_text(UNATTRIBUTED_LABEL)),
    (col(Report.attribution) == _sql_text("ambiguous"), _sql_text(AMBIGUOUS_LABEL)),
    else_=col(Report.station_name),
)

# The column of each grouping (`--by`) but station, which is station_id or, without one, the label above.
GROUPING_COLUMNS: dict[str, Mapped[Any]] = {
    "frequency": col(Report.frequency_khz),
    "hour": col(Report.utc_hour),
    "weekday": col(Report.utc_weekday),
    "month": col(Report.utc_month),
    "jammer": col(Report.jammer),
    "reporter": col(Report.reporter),
    "site": col(Report.site),
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
    return func.sum(case((col(Report.status) == status, 1), else_=0))


def _grouped(
    session: Session, keys: Sequence[Mapped[Any] | ColumnElement[Any]], where: list[ColumnElement[bool]]
) -> list[GroupRow]:
    query = (
        select(
            *keys,
            *(_status_total(status) for status in STATUSES),
            func.min(col(Report.observed_at)),
            func.max(col(Report.observed_at)),
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
        for row in session.execute(query)
    ]


def group_counts(session: Session, by: Sequence[str], flt: ReportFilter) -> list[GroupRow]:
    """Counts per status, first and last report, for each group of `by` (names of GROUPINGS).

    By station, reports with a station and those without are counted in two queries: grouping on station_id
    alone lets the database walk the station index in order instead of sorting every report (on SQLite this
    makes the common `--by station` as fast as the bare GROUP BY)."""
    where = report_clauses(flt)
    if "station" not in by:
        return _grouped(session, [GROUPING_COLUMNS[name] for name in by], where)
    at = by.index("station")

    def counted(station_key: Mapped[Any] | ColumnElement[Any], present: bool) -> list[GroupRow]:
        keys = [station_key if name == "station" else GROUPING_COLUMNS[name] for name in by]
        rows = _grouped(
            session,
            keys,
            [col(Report.station_id).is_not(None) if present else col(Report.station_id).is_(None), *where],
        )
        return [
            row._replace(
                keys=(*row.keys[:at], (row.keys[at], "") if present else (None, row.keys[at]), *row.keys[at + 1 :])
            )
            for row in rows
        ]

    return counted(col(Report.station_id), True) + counted(_UNATTACHED_LABEL, False)


def station_names(session: Session, ids: Sequence[int]) -> dict[int, tuple[str, str]]:
    """(key, name) of stations by id."""
    query = select(col(Station.id), col(Station.key), col(Station.name)).where(col(Station.id).in_(ids))
    return {station_id: (key, name) for station_id, key, name in session.execute(query)}


def station_closings(session: Session, ids: Sequence[int]) -> dict[int, date]:
    """The last day on air of those stations that have closed."""
    query = select(col(Station.id), col(Station.closed_on)).where(
        col(Station.id).in_(ids), col(Station.closed_on).is_not(None)
    )
    return {station_id: day for station_id, number in session.execute(query) if (day := from_day_number(number))}


def report_span(session: Session, flt: ReportFilter) -> tuple[datetime, datetime] | None:
    """The first and last observed_at of the matching reports; None when there are none."""
    query = select(func.min(col(Report.observed_at)), func.max(col(Report.observed_at))).where(*report_clauses(flt))
    first, last = session.execute(query).one()
    return None if first is None else (first, last)


def stations_reported(session: Session, flt: ReportFilter) -> list[int]:
    """Stations that matching reports are attached to."""
    query = select(col(Report.station_id)).where(col(Report.station_id).is_not(None), *report_clauses(flt)).distinct()
    return [station_id for station_id in session.scalars(query) if station_id is not None]


class HeardReport(NamedTuple):
    station_id: int
    observed_at: datetime
    frequency_khz: float
    status: str


STREAM_ROWS = 10_000  # rows fetched at a time: coverage reads every report of the period once, never all at once


def station_reports(
    session: Session, station_ids: Sequence[int], since: datetime, until: datetime
) -> Iterator[HeardReport]:
    """The stations' reports in [since, until), by station and oldest first: one query for all of them (served
    by the station/observed_at index), streamed in chunks."""
    query = (
        select(col(Report.station_id), col(Report.observed_at), col(Report.frequency_khz), col(Report.status))
        .where(
            col(Report.station_id).in_(station_ids), col(Report.observed_at) >= since, col(Report.observed_at) < until
        )
        .order_by(col(Report.station_id), col(Report.observed_at))
        .execution_options(yield_per=STREAM_ROWS)
    )
    for row in session.execute(query):
        yield HeardReport(*row)
