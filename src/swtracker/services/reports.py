"""Listener reports: log one, attribute it to a broadcast, review and edit, import and export the interchange CSV.

Attribution (design §5): a report without a station belongs to the station on air at its instant within
±2.5 kHz of its frequency. Jammer rows are never candidates, and several entries of one station (the same
broadcast from two sources) are one candidate. None, or several stations: the report is kept as unattributed
or ambiguous. A station the listener names is attribution `given`, attached to that station's entry when one
is on air there.
"""

from __future__ import annotations

import uuid
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Hashable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any, TextIO

from sqlalchemy import Row
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from swtracker.domain.frequency import SAME_CHANNEL_KHZ, parse_frequency, parse_frequency_range
from swtracker.domain.signal import parse_status
from swtracker.domain.windows import Occurrence, format_hhmm, occurrences_between
from swtracker.errors import DatabaseError, InputError, NotFoundError, ParseError
from swtracker.formats import reports_csv
from swtracker.formats.reports_csv import ReadRow, ReportRecord
from swtracker.formats.text import utf8_lines
from swtracker.services.catalog import resolve_station_ids, station_ids_named
from swtracker.services.database import Database
from swtracker.services.files import open_input
from swtracker.store import reports as store
from swtracker.store.bulk import larger_page_cache
from swtracker.store.engine import transaction
from swtracker.store.entries import EntryView
from swtracker.store.models import Report, Station
from swtracker.store.reports import Attribution, ReportFilter
from swtracker.store.stations import jammer_station_ids

GIVEN, MATCHED, UNATTRIBUTED, AMBIGUOUS = "given", "matched", "unattributed", "ambiguous"
_OPTION_OF_FIELD = {"observed_at": "--at", "frequency_khz": "FREQ"}


@dataclass(frozen=True)
class ReportView:
    """A stored report as commands show it."""

    id: int
    uid: str
    observed_at: datetime
    frequency_khz: float
    station: str
    attribution: str
    candidates: list[str]
    status: str
    sinpo: str | None
    sio: str | None
    jammer: str | None
    reporter: str | None
    location: str | None
    receiver: str | None
    notes: str | None
    site: str | None
    schedule_ref: str | None
    created_at: datetime

    @classmethod
    def of(cls, report: Report | Row[Any]) -> ReportView:
        """From an ORM report or a plain row of the report table (listings load rows: several times faster)."""
        assert report.id is not None
        return cls(
            report.id,
            report.uid,
            report.observed_at,
            report.frequency_khz,
            report.station_name,
            report.attribution,
            report.candidates.split("; ") if report.candidates else [],
            report.status,
            report.sinpo,
            report.sio,
            report.jammer,
            report.reporter,
            report.location,
            report.receiver,
            report.notes,
            report.site,
            report.schedule_ref,
            report.created_at,
        )

    def as_json(self) -> dict[str, Any]:
        data = dict(self.__dict__)
        data["observed_at"] = reports_csv.format_instant(self.observed_at)
        data["created_at"] = reports_csv.format_instant(self.created_at)
        return data


# --- attribution -------------------------------------------------------------------------------------------


def _station_identity(view: EntryView) -> Hashable:
    """Entries of one station are one candidate; an entry without a station is known by its name alone."""
    return view.entry.station_id if view.entry.station_id is not None else view.entry.station_name


def _station_name(view: EntryView) -> str:
    return view.station_canonical or view.entry.station_name


def _best_entry(views: list[EntryView], frequency_khz: float) -> EntryView:
    """The closest frequency, then the lowest id: the same choice on every run."""
    return min(views, key=lambda v: (abs(v.entry.frequency_khz - frequency_khz), v.entry.id or 0))


def _attached(kind: str, view: EntryView | None, station_id: int | None, station_name: str) -> Attribution:
    if view is None:
        return Attribution(kind, station_id, station_name)
    entry = view.entry
    reference = f"{view.source}:{entry.line} {format_hhmm(entry.start_min)}-{format_hhmm(entry.end_min)}"
    return Attribution(kind, station_id, station_name, site=entry.site or None, schedule_ref=reference)


def attribute(frequency_khz: float, on_air: list[EntryView]) -> Attribution:
    """Decide from the broadcasts on air near a report's frequency (design §5)."""
    by_station: dict[Hashable, list[EntryView]] = defaultdict(list)
    for view in on_air:
        by_station[_station_identity(view)].append(view)
    best = [_best_entry(views, frequency_khz) for views in by_station.values()]
    best.sort(key=lambda v: (abs(v.entry.frequency_khz - frequency_khz), _station_name(v)))
    if not best:
        return Attribution(UNATTRIBUTED)
    if len(best) > 1:
        return Attribution(AMBIGUOUS, candidates="; ".join(_station_name(view) for view in best))
    return _attached(MATCHED, best[0], best[0].entry.station_id, _station_name(best[0]))


def attach_given(name: str, stations: list[Station], frequency_khz: float, on_air: list[EntryView]) -> Attribution:
    """The station a listener named, attached to its entry on air there if any. A name that several stations
    share is settled by which of them is on air; otherwise the listener must use the station key."""
    ids = {s.id for s in stations}
    mine = [v for v in on_air if v.entry.station_id in ids]
    if len(stations) == 1:
        station = stations[0]
    else:
        on_air_ids = {v.entry.station_id for v in mine}
        if len(on_air_ids) != 1:
            keys = ", ".join(s.key for s in stations)
            raise ParseError(f"{name!r} names {len(stations)} stations ({keys}); give the station key", field="station")
        station = next(s for s in stations if s.id in on_air_ids)
    own = [v for v in mine if v.entry.station_id == station.id]
    return _attached(GIVEN, _best_entry(own, frequency_khz) if own else None, station.id, station.name)


class OnAirIndex:
    """Broadcast entries near a bulk import's frequencies, with their occurrences per UTC day, so every row is
    attributed without a query of its own. The rule is the domain's (`windows.occurrences_between`), the same
    rule the on-air SQL mirrors. Entries are known by their position in `views`."""

    def __init__(self, views: list[EntryView]) -> None:
        self.views = sorted(views, key=lambda v: v.entry.frequency_khz)
        self._frequencies = [v.entry.frequency_khz for v in self.views]
        self._rules = [(v.window, v.days_rule, *v.validity) for v in self.views]
        self._occurrences: dict[tuple[int, date], list[Occurrence]] = {}
        self._intervals: dict[tuple[float, date], list[tuple[datetime, datetime, int]]] = {}

    def _on_day(self, position: int, day: date) -> list[Occurrence]:
        key = (position, day)
        if key not in self._occurrences:
            window, days, valid_from, valid_to = self._rules[position]
            start = datetime.combine(day, time(), tzinfo=UTC)
            end = start + timedelta(days=1)
            self._occurrences[key] = list(occurrences_between(window, days, valid_from, valid_to, start, end))
        return self._occurrences[key]

    def _intervals_on(self, frequency_khz: float, day: date) -> list[tuple[datetime, datetime, int]]:
        """The occurrences that touch a UTC day of the entries near a frequency, as (start, end, position)."""
        low = bisect_left(self._frequencies, frequency_khz - SAME_CHANNEL_KHZ)
        high = bisect_right(self._frequencies, frequency_khz + SAME_CHANNEL_KHZ)
        intervals = self._intervals[frequency_khz, day] = [
            (o.start, o.end, p) for p in range(low, high) for o in self._on_day(p, day)
        ]
        return intervals

    def on_air(self, frequency_khz: float, at: datetime) -> tuple[int, ...]:
        """Positions of the entries on air at `at` within the attribution tolerance of a frequency."""
        day = at.date()
        intervals = self._intervals.get((frequency_khz, day))
        if intervals is None:
            intervals = self._intervals_on(frequency_khz, day)
        return tuple([p for start, end, p in intervals if start <= at < end])


# --- log, show, list, edit, delete ---------------------------------------------------------------------------


@dataclass(frozen=True)
class LogRequest:
    """A report as typed on the command line; the service validates it."""

    frequency: str
    observed_at: datetime
    status: str
    station: str | None = None
    sinpo: str | None = None
    sio: str | None = None
    jammer: str | None = None
    reporter: str | None = None
    location: str | None = None
    receiver: str | None = None
    notes: str | None = None


@dataclass(frozen=True)
class LoggedReport:
    report: ReportView
    choices: list[tuple[str, str]] = field(default_factory=list)  # (name, station key) of ambiguous candidates


def _as_option_error(error: ParseError) -> InputError:
    option = _OPTION_OF_FIELD.get(error.field, f"--{error.field}")
    return InputError(f"{option} {error.reason}")


def report_stations(session: Session, name: str, *, jammer_goes_in: str = "with --jammer") -> list[Station]:
    """The stations a report may name: a name's jammer stations are left out (design §4: a report is never
    attributed to a jammer). ParseError (field station) when the name only refers to jammers."""
    stations = resolve_station_ids(session, name)
    jammers = jammer_station_ids(session, [s.id for s in stations if s.id is not None])
    kept = [s for s in stations if s.id not in jammers]
    if not kept:
        raise ParseError(
            f"{name!r} is a jammer ({stations[0].name}): a report is about the broadcast being jammed; name the "
            f"jammed station or none, and give the jammer type {jammer_goes_in}",
            field="station",
        )
    return kept


def _attribute_one(session: Session, record: ReportRecord) -> tuple[Attribution, list[EntryView]]:
    on_air = store.broadcasts_on_air(session, record.observed_at, record.frequency_khz)
    if record.station is None:
        return attribute(record.frequency_khz, on_air), on_air
    stations = report_stations(session, record.station)
    return attach_given(record.station, stations, record.frequency_khz, on_air), on_air


def _choices(attribution: Attribution, on_air: list[EntryView]) -> list[tuple[str, str]]:
    if attribution.kind != AMBIGUOUS:
        return []
    keys = {_station_name(v): v.station_key for v in on_air if v.station_key}
    return [(name, keys[name]) for name in attribution.candidates.split("; ") if name in keys]


def log_report(database: Database, request: LogRequest, *, now: datetime) -> LoggedReport:
    """Validate, attribute and store one report in one short write transaction (concurrent loggers queue)."""
    frequency = parse_frequency(request.frequency)
    try:
        record = reports_csv.make_record(
            uid=uuid.uuid4().hex,
            observed_at=request.observed_at,
            frequency_khz=frequency,
            station=request.station,
            status=request.status,
            sinpo=request.sinpo,
            sio=request.sio,
            jammer=request.jammer,
            reporter=request.reporter,
            location=request.location,
            receiver=request.receiver,
            notes=request.notes,
            now=now,
        )
    except ParseError as error:
        raise _as_option_error(error) from None
    with transaction(database.engine, write=True) as session:
        try:
            attribution, on_air = _attribute_one(session, record)
        except ParseError as error:
            raise _as_option_error(error) from None
        report = store.add_report(session, store.report_values(record, attribution), now)
        return LoggedReport(ReportView.of(report), _choices(attribution, on_air))


def _find(session: Session, ident: str) -> Report:
    report = store.find_report(session, ident)
    if report is None:
        raise NotFoundError(f"report {ident!r}: no such report (see swtracker reports list)")
    return report


def show_report(database: Database, ident: str) -> ReportView:
    with transaction(database.engine, write=False) as session:
        return ReportView.of(_find(session, ident))


def check_period(since: datetime | None, until: datetime | None) -> None:
    """--since must come before --until (which is exclusive): reports and summaries refuse an empty period
    instead of answering it with nothing."""
    if since is not None and until is not None and since >= until:
        raise InputError(
            f"--since {reports_csv.format_instant(since)} is not before --until {reports_csv.format_instant(until)}"
        )


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


def _report_filter(session: Session, query: ReportQuery, *, newest_first: bool) -> ReportFilter:
    station_ids = station_ids_named(session, query.station or None)
    try:
        status = parse_status(query.status) if query.status else None
    except ParseError as error:
        raise _as_option_error(error) from None
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


def list_reports(database: Database, query: ReportQuery) -> list[ReportView]:
    """Reports matching the filters, newest first."""
    with transaction(database.engine, write=False) as session:
        flt = _report_filter(session, query, newest_first=True)
        return [ReportView.of(r) for r in store.select_reports(session, flt)]


@dataclass(frozen=True)
class ReportChanges:
    """New values for `reports edit`: None leaves a field alone, "" clears it. An empty station re-attributes
    the report from the schedules."""

    status: str | None = None
    sinpo: str | None = None
    sio: str | None = None
    jammer: str | None = None
    station: str | None = None
    reporter: str | None = None
    location: str | None = None
    receiver: str | None = None
    notes: str | None = None


def _record_of(report: Report | Row[Any]) -> ReportRecord:
    """A stored report as an interchange record; the station is written when the report has one."""
    return ReportRecord(
        uid=report.uid,
        observed_at=report.observed_at,
        frequency_khz=report.frequency_khz,
        station=report.station_name if report.attribution in (GIVEN, MATCHED) else None,
        status=report.status,
        sinpo=report.sinpo,
        sio=report.sio,
        jammer=report.jammer,
        reporter=report.reporter,
        location=report.location,
        receiver=report.receiver,
        notes=report.notes,
    )


def _changed_record(report: Report, changes: ReportChanges, now: datetime) -> ReportRecord:
    """The report with the changes applied, validated again as a whole (a new status must agree with the
    jammer and SIO it keeps)."""
    old = _record_of(report)
    sinpo, sio = old.sinpo, old.sio
    if changes.sinpo is not None:
        sinpo, sio = changes.sinpo, None
    if changes.sio is not None:
        sinpo, sio = None, changes.sio
    try:
        return reports_csv.make_record(
            uid=old.uid,
            observed_at=old.observed_at,
            frequency_khz=old.frequency_khz,
            station=changes.station,
            status=changes.status if changes.status is not None else old.status,
            sinpo=sinpo,
            sio=sio,
            jammer=changes.jammer if changes.jammer is not None else old.jammer,
            reporter=changes.reporter if changes.reporter is not None else old.reporter,
            location=changes.location if changes.location is not None else old.location,
            receiver=changes.receiver if changes.receiver is not None else old.receiver,
            notes=changes.notes if changes.notes is not None else old.notes,
            now=max(now, old.observed_at),  # its instant was accepted when it was stored
        )
    except ParseError as error:
        raise _as_option_error(error) from None


def edit_report(database: Database, ident: str, changes: ReportChanges, *, now: datetime) -> ReportView:
    with transaction(database.engine, write=True) as session:
        report = _find(session, ident)
        record = _changed_record(report, changes, now)
        values = store.report_values(record, _current_attribution(report))
        if changes.station is not None:
            try:
                attribution, _ = _attribute_one(session, record)
            except ParseError as error:
                raise _as_option_error(error) from None
            values = store.report_values(record, attribution)
        for name, value in values.items():
            setattr(report, name, value)
        session.add(report)
        session.flush()
        return ReportView.of(report)


def _current_attribution(report: Report) -> Attribution:
    return Attribution(
        report.attribution, report.station_id, report.station_name, report.candidates, report.site, report.schedule_ref
    )


def delete_report(database: Database, ident: str) -> ReportView:
    with transaction(database.engine, write=True) as session:
        report = _find(session, ident)
        view = ReportView.of(report)
        session.delete(report)
        return view


# --- import and export ---------------------------------------------------------------------------------------


@dataclass
class ImportResult:
    file: str
    strict: bool
    read: int = 0
    imported: int = 0
    unchanged: int = 0
    bad: list[ParseError] = field(default_factory=list)
    attributions: Counter[str] = field(default_factory=Counter)

    @property
    def refused(self) -> bool:
        """Bad rows kept the file from being stored: every row was bad, or --strict and one was. The database
        is then as before. With good rows stored (or already there) the bad ones are only listed."""
        return bool(self.bad) and (self.strict or not (self.imported or self.unchanged))

    def as_json(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "read": self.read,
            "imported": self.imported,
            "unchanged": self.unchanged,
            "bad": [str(error) for error in self.bad],
            "attributions": dict(self.attributions),
            "strict": self.strict,
        }


# What makes two reports with one uid the same report; the station is compared by identity, not by spelling.
_CONTENT_FIELDS = tuple(name for name in ReportRecord._fields if name not in ("uid", "station"))


def _differences(existing: ReportRecord, record: ReportRecord, same_station: bool) -> list[str]:
    differing = [name for name in _CONTENT_FIELDS if getattr(existing, name) != getattr(record, name)]
    return differing if same_station else ["station", *differing]


class _Importer:
    """One import inside one write transaction: resolve names, check uids, attribute, collect the rows."""

    def __init__(self, session: Session, result: ImportResult) -> None:
        self.session = session
        self.result = result
        self.stations: dict[str, list[Station]] = {}
        self.refused: dict[str, str] = {}  # name -> why no row may name it (unknown, or a jammer)

    def _bad(self, row: ReadRow, reason: str, field_name: str) -> None:
        self.result.bad.append(ParseError(reason, file=self.result.file, line=row.line, field=field_name))

    def _resolve(self, row: ReadRow) -> list[Station] | None:
        """The stations a row's name refers to ([] when it names none); None when the name is unknown."""
        name = row.record.station
        if name is None:
            return []
        if name not in self.stations and name not in self.refused:
            try:
                self.stations[name] = report_stations(self.session, name, jammer_goes_in="in the jammer column")
            except NotFoundError as error:
                self.refused[name] = str(error)
            except ParseError as error:
                self.refused[name] = error.reason
        if name in self.refused:
            self._bad(row, self.refused[name], "station")
            return None
        return self.stations[name]

    def new_rows(self, rows: list[ReadRow]) -> list[tuple[ReadRow, list[Station]]]:
        """Rows whose uid is new. A uid already stored (or earlier in the file) with the same content is
        unchanged; with other content it is a conflict, reported and never overwritten."""
        existing = store.reports_by_uid(self.session, [row.record.uid for row in rows])
        seen: dict[str, ReportRecord] = {uid: _record_of(report) for uid, report in existing.items()}
        seen_station: dict[str, int | None] = {uid: report.station_id for uid, report in existing.items()}
        fresh: list[tuple[ReadRow, list[Station]]] = []
        known, no_station = self.stations, list[Station]()  # once per row: the common cases inline
        for row in rows:
            record = row.record
            name = record.station
            stations = no_station if name is None else known.get(name) or self._resolve(row)
            if stations is None:
                continue
            uid = record.uid
            if uid not in seen:
                seen[uid], seen_station[uid] = record, stations[0].id if len(stations) == 1 else None
                fresh.append((row, stations))
                continue
            same_station = not stations or seen_station[uid] in {s.id for s in stations}
            differing = _differences(seen[uid], record, same_station)
            if differing:
                what = ", ".join(differing)
                self._bad(row, f"uid {uid} is already stored with another {what}; not overwritten", "uid")
            else:
                self.result.unchanged += 1
        return fresh

    def values(self, rows: list[tuple[ReadRow, list[Station]]]) -> list[tuple[object, ...]]:
        """The new rows' columns, attributed as `log` would. Rows of one broadcast share their attribution."""
        if not rows:
            return []
        days = [row.record.observed_at.date() for row, _ in rows]
        frequencies = {row.record.frequency_khz for row, _ in rows}
        index = OnAirIndex(store.broadcasts_near(self.session, frequencies, min(days), max(days)))
        decided: dict[tuple[float, str | None, tuple[int, ...]], Attribution] = {}
        kinds: Counter[str] = Counter()
        values = []
        for row, stations in rows:
            record = row.record
            key = (record.frequency_khz, record.station, index.on_air(record.frequency_khz, record.observed_at))
            attribution = decided.get(key)
            if attribution is None:
                try:
                    attribution = decided[key] = self._attribution(record, stations, [index.views[p] for p in key[2]])
                except ParseError as error:
                    self._bad(row, error.reason, "station")
                    continue
            kinds[attribution.kind] += 1
            values.append(store.report_row(record, attribution))
        self.result.attributions.update(kinds)
        return values

    @staticmethod
    def _attribution(record: ReportRecord, stations: list[Station], on_air: list[EntryView]) -> Attribution:
        if record.station is None:
            return attribute(record.frequency_khz, on_air)
        return attach_given(record.station, stations, record.frequency_khz, on_air)


def import_reports(database: Database, path: Path, *, strict: bool = False, now: datetime) -> ImportResult:
    """Validate every row first; store the good ones in one transaction (none of them with `strict` when any row
    is bad). Re-importing a file, or a merge of files that share rows, adds nothing twice."""
    result = ImportResult(str(path), strict)
    rows: list[ReadRow] = []
    with open_input(path, "report file") as stream:
        try:
            for item in reports_csv.read_reports(utf8_lines(stream), file=str(path), now=now):
                if isinstance(item, ParseError):
                    result.bad.append(item)
                else:
                    rows.append(item)
        except ParseError as error:  # bytes that are not UTF-8
            raise error.located(file=str(path)) from None
    result.read = len(rows) + len(result.bad)
    try:
        with transaction(database.engine, write=True) as session, larger_page_cache(session):
            importer = _Importer(session, result)
            values = importer.values(importer.new_rows(rows))
            result.bad.sort(key=lambda error: error.line or 0)
            if strict and result.bad:
                result.attributions.clear()
                return result
            result.imported = store.insert_reports(session, values, now)
    except IntegrityError:
        raise DatabaseError(
            "another import stored some of these reports at the same time; run the import again"
        ) from None
    return result


def export_reports(database: Database, query: ReportQuery, stream: TextIO) -> int:
    """Write matching reports, oldest first, as the interchange CSV."""
    with transaction(database.engine, write=False) as session:
        flt = _report_filter(session, query, newest_first=False)
        records = [_record_of(report) for report in store.select_reports(session, flt)]
    return reports_csv.write_reports(records, stream)
