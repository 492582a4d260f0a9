"""Listener reports: writes, look-ups, and the broadcasts a report may belong to. Functions take a session and
never commit."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from itertools import chain, repeat
from operator import attrgetter, methodcaller
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Row, and_, func, insert, or_, select

from swtracker.domain.attribution import GIVEN, MATCHED, Attribution, Candidate, NamedStation
from swtracker.domain.columns import each_distinct
from swtracker.domain.frequency import SAME_CHANNEL_KHZ
from swtracker.domain.report import ListenerReport, ReportColumns, ReportValues, StoredReport
from swtracker.domain.windows import format_hhmm
from swtracker.store import core_tables, models  # models: tables defined when first used (log uses none)
from swtracker.store.bulk import indexes_rebuilt_after, postgresql_copy, sqlite_insert_sql
from swtracker.store.entries import ENTRY, EntryFilter, EntryView, on_air_clause, select_entries, valid_between
from swtracker.store.report_filters import ReportFilter, report_clauses
from swtracker.store.types import day_number, sqlite_instant, sqlite_instants

if TYPE_CHECKING:
    from sqlmodel import Session

    from swtracker.store.models import Report, Station

# Secondary indexes that large imports rebuild at the end (store.bulk); the uid index stays: it keeps uids unique.
BULK_INDEXES = (
    "ix_report_station_observed",
    "ix_report_frequency",
    "ix_report_observed",
    "ix_report_station_status_observed",
)
_REPORT_NUMBER = re.compile(r"[0-9]{1,18}")  # a report id; longer digit strings can only be uids


REPORT_COLUMNS = (
    "uid",
    "observed_at",
    "utc_date",
    "utc_hour",
    "utc_weekday",
    "utc_month",
    "frequency_khz",
    "station_id",
    "station_name",
    "attribution",
    "candidates",
    "status",
    "sinpo",
    "sio",
    "jammer",
    "reporter",
    "location",
    "receiver",
    "notes",
    "site",
    "schedule_ref",
)

# The columns stored_values reads.
_HEARD_COLUMNS = (*(name for name in ReportValues._fields if name != "station"), "station_name", "attribution")


def report_row(report: ReportValues, attribution: Attribution, observed_at: object = None) -> tuple[object, ...]:
    """The columns of a report row in REPORT_COLUMNS order (all but id and created_at). The UTC calendar
    parts let summaries group in plain SQL. `observed_at`, when given, is the instant as the driver is to
    receive it (a bulk insert on SQLite passes the stored text)."""
    uid, at, frequency_khz, _, status, sinpo, sio, jammer, reporter, location, receiver, notes = report
    return (
        uid,
        at if observed_at is None else observed_at,
        day_number(at.date()),
        at.hour,
        at.weekday(),
        at.year * 100 + at.month,
        frequency_khz,
        attribution.station_id,
        attribution.station_name,
        attribution.kind,
        "; ".join(attribution.candidates),
        status,
        sinpo,
        sio,
        jammer,
        reporter,
        location,
        receiver,
        notes,
        attribution.site,
        attribution.schedule_ref,
    )


def stored_values(row: Report | Row[Any]) -> ReportValues:
    """What was heard, as stored (checked when it was stored), from an ORM report or a plain row of the report
    table; the station is the one given or matched, none when the report is unattributed or ambiguous."""
    station = row.station_name if row.attribution in (GIVEN, MATCHED) else None
    return ReportValues(
        row.uid,
        row.observed_at,
        row.frequency_khz,
        station,
        row.status,
        row.sinpo,
        row.sio,
        row.jammer,
        row.reporter,
        row.location,
        row.receiver,
        row.notes,
    )


def listener_report(row: Report | Row[Any]) -> ListenerReport:
    """What was heard (stored_values), checked again as a report."""
    return ListenerReport(**stored_values(row)._asdict())


def stored_report(row: Report | Row[Any]) -> StoredReport:
    """A stored report from an ORM report or a plain row (listings load rows: several times faster)."""
    assert row.id is not None
    candidates = tuple(row.candidates.split("; ")) if row.candidates else ()
    attribution = Attribution(row.attribution, row.station_id, row.station_name, candidates, row.site, row.schedule_ref)
    return StoredReport(row.id, listener_report(row), attribution, row.created_at)


def add_report(
    connection: Connection, report: ListenerReport, attribution: Attribution, created_at: datetime
) -> Row[Any]:
    """Insert one report with Core (no ORM to configure for `log`); the row as stored, read back by its uid (what
    RETURNING gives back on SQLite is the value bound, an int for a float column)."""
    table = core_tables.report
    values = dict(zip(REPORT_COLUMNS, report_row(report.values(), attribution), strict=True))
    connection.execute(insert(table).values({**values, "created_at": created_at}))
    return connection.execute(select(table).where(table.c.uid == report.uid)).one()


def update_report(session: Session, row: Report, report: ListenerReport, attribution: Attribution) -> None:
    """Write an edited report over its row (its number and created_at stay)."""
    for name, value in zip(REPORT_COLUMNS, report_row(report.values(), attribution), strict=True):
        setattr(row, name, value)
    session.add(row)
    session.flush()


def insert_reports(
    session: Session, batches: Sequence[tuple[ReportColumns, Sequence[Attribution]]], created_at: datetime
) -> int:
    """Insert new reports with their attributions, given a batch of columns at a time, inside the caller's
    transaction; the number inserted. `created_at` is one value for the whole import. The rows go to the driver
    as plain values (store.bulk), made a column at a time: on SQLite in batches of tuples, the instant already
    in the text the column type stores; on PostgreSQL through COPY. More rows than the table holds rebuild the
    secondary indexes once at the end instead (SQLite)."""
    table = models.Report.__table__  # type: ignore[attr-defined]
    count = sum(len(reports.uid) for reports, _ in batches)
    with indexes_rebuilt_after(session, table, BULK_INDEXES, expected_rows=count):
        connection = session.connection()
        columns = (*REPORT_COLUMNS, "created_at")
        sql = sqlite_insert_sql(connection, models.Report.__tablename__, columns)
        if sql is None:
            rows = chain.from_iterable(
                zip(*_report_columns(reports, attributions, reports.observed_at), repeat(created_at))
                for reports, attributions in batches
            )
            postgresql_copy(connection, models.Report.__tablename__, columns, rows)
            return count
        created = sqlite_instant(created_at)
        for reports, attributions in batches:
            if not attributions:
                continue  # an empty list would be one execution without parameters
            stored = _report_columns(reports, attributions, sqlite_instants(reports.observed_at))
            connection.exec_driver_sql(sql, list(zip(*stored, repeat(created))))
        return count


def _report_columns(
    reports: ReportColumns, attributions: Sequence[Attribution], observed_at: Sequence[object]
) -> list[Sequence[object]]:
    """report_row of many reports, a column each; `observed_at` as the driver is to receive the instants."""
    instants = reports.observed_at
    calendar = each_distinct(_calendar, map(methodcaller("date"), instants))
    utc_date, utc_weekday, utc_month = zip(*calendar, strict=True) if calendar else ((), (), ())
    shared = {id(attribution): attribution for attribution in attributions}  # a decision serves many rows
    parts = {key: _attribution_columns(attribution) for key, attribution in shared.items()}
    by_row = list(map(parts.__getitem__, map(id, attributions)))
    station_id, station_name, kind, candidates, site, schedule_ref = zip(*by_row, strict=True) if by_row else [()] * 6
    hours = list(map(attrgetter("hour"), instants))
    heard = (reports.status, reports.sinpo, reports.sio, reports.jammer, reports.reporter, reports.location)
    return [
        reports.uid,
        observed_at,
        utc_date,
        hours,
        utc_weekday,
        utc_month,
        reports.frequency_khz,
        station_id,
        station_name,
        kind,
        candidates,
        *heard,
        reports.receiver,
        reports.notes,
        site,
        schedule_ref,
    ]


def _calendar(day: date) -> tuple[int | None, int, int]:
    """The UTC calendar columns of a day (report_row): its number, weekday and month."""
    return day_number(day), day.weekday(), day.year * 100 + day.month


def _attribution_columns(attribution: Attribution) -> tuple[object, ...]:
    """The attribution's columns of a report row (report_row)."""
    return (
        attribution.station_id,
        attribution.station_name,
        attribution.kind,
        "; ".join(attribution.candidates),
        attribution.site,
        attribution.schedule_ref,
    )


def find_report(session: Session, ident: str) -> Report | None:
    """A report by its number, else by its uid."""
    from sqlmodel import col  # here, as in the other ORM reads: `log` loads no sqlmodel

    ident = ident.strip()
    if _REPORT_NUMBER.fullmatch(ident) and (report := session.get(models.Report, int(ident))) is not None:
        return report
    return session.scalars(select(models.Report).where(col(models.Report.uid) == ident)).first()


def any_report(session: Session) -> bool:
    from sqlmodel import col

    return session.scalar(select(col(models.Report.id)).limit(1)) is not None


def values_by_uid(session: Session, uids: Sequence[str]) -> dict[str, tuple[ReportValues, int | None]]:
    """Stored reports by uid: what was heard (stored_values) and the station id. Plain rows of the columns
    needed, for an import to compare its rows with (at most a few thousand uids at a time)."""
    table = models.Report.__table__  # type: ignore[attr-defined]
    columns = [table.c[name] for name in (*_HEARD_COLUMNS, "station_id")]
    query = select(*columns).where(table.c.uid.in_(uids))
    return {row.uid: (stored_values(row), row.station_id) for row in session.execute(query)}


def select_reports(session: Session, flt: ReportFilter) -> list[Row[Any]]:
    """Matching reports as plain rows, which load several times faster than ORM objects for an export."""
    table = models.Report.__table__  # type: ignore[attr-defined]
    if flt.newest_first:
        order = (table.c.observed_at.desc(), table.c.id.desc())
    else:
        order = (table.c.observed_at.asc(), table.c.id.asc())
    query = select(table).where(*report_clauses(flt, table)).order_by(*order).limit(flt.limit)
    return list(session.execute(query))


def count_reports(session: Session, flt: ReportFilter) -> int:
    """How many reports match, whatever the limit."""
    table = models.Report.__table__  # type: ignore[attr-defined]
    return session.scalar(select(func.count()).select_from(table).where(*report_clauses(flt, table))) or 0


def candidate(view: EntryView) -> Candidate:
    """A broadcast entry as an attribution candidate."""
    entry = view.entry
    assert entry.id is not None
    return Candidate(
        entry_id=entry.id,
        station_id=entry.station_id,
        station_name=view.station_canonical or entry.station_name,
        station_key=view.station_key,
        frequency_khz=entry.frequency_khz,
        site=entry.site or None,
        schedule_ref=f"{view.source}:{entry.line} {format_hhmm(entry.start_min)}-{format_hhmm(entry.end_min)}",
        language=entry.language,
        target=entry.target,
        source_format=view.source_format,
    )


def named_station(station: Station) -> NamedStation:
    assert station.id is not None
    return NamedStation(station.id, station.key, station.name)


def broadcasts_on_air(connection: Connection | Session, at: datetime, frequency_khz: float) -> list[Candidate]:
    """Broadcast entries (jammers excluded) on air at `at` within the attribution tolerance of a frequency."""
    near = (frequency_khz - SAME_CHANNEL_KHZ, frequency_khz + SAME_CHANNEL_KHZ)
    views = select_entries(connection, on_air_clause(at), EntryFilter(frequency_range=near, kind="broadcast"))
    return [candidate(view) for view in views]


def _merged_ranges(frequencies: Iterable[float]) -> list[tuple[float, float]]:
    ranges: list[tuple[float, float]] = []
    for frequency in sorted(set(frequencies)):
        low, high = frequency - SAME_CHANNEL_KHZ, frequency + SAME_CHANNEL_KHZ
        if ranges and low <= ranges[-1][1]:
            ranges[-1] = (ranges[-1][0], high)
        else:
            ranges.append((low, high))
    return ranges


def broadcasts_near(session: Session, frequencies: Iterable[float], first_day: date, last_day: date) -> list[EntryView]:
    """Broadcast entries within the attribution tolerance of any of the frequencies that are valid at some time
    from `first_day` (and the day before, for windows running past midnight) to `last_day`: a superset of what
    is on air, for bulk attribution to narrow down in memory."""
    ranges = _merged_ranges(frequencies)
    if not ranges:
        return []
    where = and_(
        valid_between(first_day, last_day),
        or_(*(ENTRY.frequency_khz.between(low, high) for low, high in ranges)),
    )
    return list(select_entries(session, where, EntryFilter(kind="broadcast")))


def reports_between_frequencies(session: Session, low_khz: float, high_khz: float) -> list[tuple[float, datetime, str]]:
    """(frequency_khz, observed_at, status) of every report from low to high kHz (inclusive): the evidence of
    jamming on channels, which callers count per channel and time of day."""
    table = models.Report.__table__  # type: ignore[attr-defined]
    query = select(table.c.frequency_khz, table.c.observed_at, table.c.status).where(
        *report_clauses(ReportFilter(frequency_range=(low_khz, high_khz)), table)
    )
    return [(frequency, observed_at, status) for frequency, observed_at, status in session.execute(query)]


def reports_to_reattribute(session: Session) -> list[Report]:
    """Reports that no station was found for, or several: unattributed and ambiguous ones, oldest first."""
    from sqlmodel import col

    report = models.Report
    query = select(report).where(col(report.attribution).in_(("unattributed", "ambiguous"))).order_by(col(report.id))
    return list(session.scalars(query))
