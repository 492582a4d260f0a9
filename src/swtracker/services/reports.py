"""Listener reports: log one, attributed to the broadcast on air there (domain.attribution), and show, list,
edit and delete them. Import and export of the interchange CSV are in services.report_transfer."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, tzinfo
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection

from swtracker.domain.attribution import (
    GIVEN,
    MATCHED,
    Attribution,
    Candidate,
    NamedStation,
    attach_given,
    attribute,
    choices,
)
from swtracker.domain.frequency import parse_frequency_range
from swtracker.domain.instants import check_period
from swtracker.domain.report import ListenerReport, StoredReport
from swtracker.domain.signal import parse_status
from swtracker.domain.target_areas import listener_area
from swtracker.errors import ChoiceError, InputError, NotFoundError, ParseError, UsageError
from swtracker.services.database import Database
from swtracker.store import reports as store
from swtracker.store.engine import connected, transaction
from swtracker.store.report_filters import ReportFilter

if TYPE_CHECKING:
    from sqlmodel import Session

    from swtracker.store.models import Report  # defined only by the ORM reads that use it: `log` needs none

_OPTION_OF_FIELD = {"observed_at": "--at", "frequency_khz": "FREQ"}


@contextmanager
def option_errors() -> Iterator[None]:
    """A value typed on the command line that fails validation is reported by the option that gave it."""
    try:
        yield
    except ParseError as error:
        option = _OPTION_OF_FIELD.get(error.field, f"--{error.field}")
        error_type = UsageError if isinstance(error, ChoiceError) else InputError  # a fixed list: see README
        raise error_type(f"{option} {error.reason}") from None


def report_stations(session: Session, name: str, *, jammer_goes_in: str = "with --jammer") -> list[NamedStation]:
    """The stations a report may name: a name's jammer stations are left out (design §4: a report is never
    attributed to a jammer). ParseError (field station) when the name only refers to jammers."""
    # Imported here: resolving names loads the catalog and station stores, which `log` without --station never
    # needs (start-up time).
    from swtracker.services.catalog import resolve_station_ids
    from swtracker.store.stations import jammer_station_ids

    stations = resolve_station_ids(session, name)
    jammers = jammer_station_ids(session, [s.id for s in stations if s.id is not None])
    kept = [store.named_station(s) for s in stations if s.id not in jammers]
    if not kept:
        raise ParseError(
            f"{name!r} is a jammer ({stations[0].name}): a report is about the broadcast being jammed; name the "
            f"jammed station or none, and give the jammer type {jammer_goes_in}",
            field="station",
        )
    return kept


def _attribute_one(
    bind: Session | Connection, report: ListenerReport, language: str | None = None
) -> tuple[Attribution, list[Candidate]]:
    """The report's attribution, narrowed by the language heard and the area of its location (a locator). On a
    Core connection (`log`), a session is opened on it only to resolve a station named."""
    on_air = store.broadcasts_on_air(bind, report.observed_at, report.frequency_khz)
    if report.station is None:
        return attribute(report.frequency_khz, on_air, language=language, area=listener_area(report.location)), on_air
    if not isinstance(bind, Connection):
        stations = report_stations(bind, report.station)
    else:
        from sqlmodel import Session  # loaded only when a station is named: `log` without --station needs no ORM

        with Session(bind=bind) as session:
            stations = report_stations(session, report.station)
    return attach_given(report.station, stations, report.frequency_khz, on_air), on_air


@dataclass(frozen=True)
class LoggedReport:
    report: StoredReport
    choices: list[tuple[str, str]] = field(default_factory=list)  # (name, station key) of ambiguous candidates


def log_report(
    database: Database,
    report: ListenerReport,
    *,
    now: datetime,
    language: str | None = None,
    zone: tzinfo | None = None,
) -> LoggedReport:
    """Attribute and store one report in one short write transaction (concurrent loggers queue). `language` is
    the language heard (EiBi or HFCC code), which narrows the candidates; `zone` the one --at was typed in, for
    the message when the instant lies in the future."""
    with option_errors():
        report.check_not_future(now, zone)
    # Core throughout: no ORM mapper configuration, flush or ORM compilation (about half of this call's CPU time).
    with connected(database.engine, write=True) as connection:
        with option_errors():
            attribution, on_air = _attribute_one(connection, report, language)
        row = store.add_report(connection, report, attribution, now)
        return LoggedReport(store.stored_report(row), choices(attribution, on_air))


def _find(session: Session, ident: str) -> Report:
    row = store.find_report(session, ident)
    if row is None:
        raise NotFoundError(f"report {ident!r}: no such report (see swtracker reports list)")
    return row


def show_report(database: Database, ident: str) -> StoredReport:
    with transaction(database.engine, write=False) as session:
        return store.stored_report(_find(session, ident))


@dataclass(frozen=True)
class ReportQuery:
    """Filters as the user typed them (instants already parsed); the period is checked when the query is made,
    before `reports export -o` opens its file."""

    station: str | None = None
    freq: str | None = None
    status: str | None = None
    reporter: str | None = None
    since: datetime | None = None
    until: datetime | None = None
    limit: int | None = None

    def __post_init__(self) -> None:
        check_period(self.since, self.until)


def report_filter(session: Session, query: ReportQuery, *, newest_first: bool) -> ReportFilter:
    from swtracker.services.catalog import station_ids_named  # here, as in report_stations

    station_ids = station_ids_named(session, query.station or None)
    with option_errors():
        status = parse_status(query.status) if query.status else None
    return ReportFilter(
        station_ids=station_ids,
        frequency_range=parse_frequency_range(query.freq) if query.freq else None,
        status=status,
        reporter=query.reporter.strip() if query.reporter else None,
        since=query.since,
        until=query.until,
        limit=query.limit,
        newest_first=newest_first,
    )


def list_reports(database: Database, query: ReportQuery, *, newest_first: bool = True) -> list[StoredReport]:
    """Reports matching the filters, newest first (or oldest first, as `reports export` writes them)."""
    with transaction(database.engine, write=False) as session:
        flt = report_filter(session, query, newest_first=newest_first)
        return [store.stored_report(row) for row in store.select_reports(session, flt)]


@dataclass(frozen=True)
class ReportListing:
    reports: list[StoredReport]  # newest first, at most the query's limit
    matching: int  # all the reports that match the filters


def report_listing(database: Database, query: ReportQuery) -> ReportListing:
    """The newest matching reports (up to the limit) and how many match in all, read in one transaction."""
    with transaction(database.engine, write=False) as session:
        flt = report_filter(session, query, newest_first=True)
        found = [store.stored_report(row) for row in store.select_reports(session, flt)]
        matching = len(found) if query.limit is None else store.count_reports(session, flt)
        return ReportListing(found, matching)


def edit_report(database: Database, ident: str, changes: Mapping[str, Any]) -> StoredReport:
    """Change fields of a report (field name -> new text; "" clears one; `frequency_khz` and `observed_at` as
    values) and check the whole report again. A new SINPO replaces the SIO code and the other way round; a
    station re-attributes the report ("" from the schedules), and so does a new frequency or instant (a station
    the listener gave stays, attached to its entry on air there)."""
    if "sinpo" in changes or "sio" in changes:
        changes = {"sinpo": "", "sio": "", **changes}
    moved = "frequency_khz" in changes or "observed_at" in changes
    with transaction(database.engine, write=True) as session:
        row = _find(session, ident)
        stored = store.stored_report(row)
        if moved and "station" not in changes and stored.attribution.kind != GIVEN:
            changes = {**changes, "station": None}  # a matched station was the schedules' answer: ask them again
        with option_errors():
            report = replace(stored.report, **changes)
            if moved:
                report.check_not_future(datetime.now(UTC))
            again = "station" in changes or moved
            attribution = _attribute_one(session, report)[0] if again else stored.attribution
        store.update_report(session, row, report, attribution)
        return store.stored_report(row)


def delete_report(database: Database, ident: str) -> StoredReport:
    with transaction(database.engine, write=True) as session:
        row = _find(session, ident)
        stored = store.stored_report(row)
        session.delete(row)
        return stored


@dataclass(frozen=True)
class Reattributed:
    checked: int  # unattributed and ambiguous reports looked at
    changed: int  # of those, reports whose attribution changed
    matched: int  # of those, reports now attributed to one station


def reattribute(database: Database) -> Reattributed:
    """Attribute the unattributed and ambiguous reports again, with the schedules loaded now and each report's
    location (the language heard is not stored, so it does not narrow them again)."""
    checked = changed = matched = 0
    with transaction(database.engine, write=True) as session:
        for row in store.reports_to_reattribute(session):
            checked += 1
            stored = store.stored_report(row)
            attribution = _attribute_one(session, stored.report)[0]
            if attribution != stored.attribution:
                changed += 1
                matched += attribution.kind == MATCHED
                store.update_report(session, row, stored.report, attribution)
    return Reattributed(checked, changed, matched)
