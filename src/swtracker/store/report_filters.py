"""Which reports a filter selects, as SQL clauses: what listing, counting and summarizing reports share. Kept apart
from store/reports.py, which attributes reports to schedule entries, so summaries load no schedule code."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, FromClause, func


@dataclass(frozen=True)
class ReportFilter:
    """Filters of `reports list` and `reports export`; None means no filter. `until` is exclusive."""

    station_ids: tuple[int, ...] | None = None
    frequency_range: tuple[float, float] | None = None  # kHz, inclusive
    status: str | None = None
    reporter: str | None = None
    since: datetime | None = None
    until: datetime | None = None
    limit: int | None = None
    newest_first: bool = False


def report_clauses(flt: ReportFilter, report: FromClause) -> list[ColumnElement[bool]]:
    """The filter's conditions on the columns of `report`: the table the query selects from, the SQLModel
    table's (`Report.__table__`) or store.core_tables.report."""
    columns = report.c
    clauses: list[ColumnElement[bool]] = []
    if flt.station_ids is not None:
        clauses.append(columns.station_id.in_(flt.station_ids))
    if flt.frequency_range is not None:
        clauses.append(columns.frequency_khz.between(*flt.frequency_range))
    if flt.status is not None:
        clauses.append(columns.status == flt.status)
    if flt.reporter is not None:
        clauses.append(func.lower(columns.reporter) == flt.reporter.lower())
    if flt.since is not None:
        clauses.append(columns.observed_at >= flt.since)
    if flt.until is not None:
        clauses.append(columns.observed_at < flt.until)
    return clauses
