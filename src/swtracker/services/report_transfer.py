"""Moving listener reports in and out as the interchange CSV (formats.reports_csv): import validates every row
first, then resolves, checks uids and attributes them all in one transaction as `log` would; export writes the
reports a query selects."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TextIO

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from swtracker.collector import cycle_collection_paused
from swtracker.domain.attribution import Attribution, NamedStation, attach_given, attribute
from swtracker.domain.frequency import SAME_CHANNEL_KHZ
from swtracker.domain.report import ReportValues
from swtracker.domain.target_areas import listener_area
from swtracker.domain.windows import Occurrence, occurrence_starting
from swtracker.errors import DatabaseError, NotFoundError, ParseError
from swtracker.formats import reports_csv
from swtracker.formats.reports_csv import ReadRow
from swtracker.formats.text import utf8_lines
from swtracker.services.database import Database
from swtracker.services.files import open_input
from swtracker.services.reports import ReportQuery, report_filter, report_stations
from swtracker.store import reports as store
from swtracker.store.bulk import larger_page_cache
from swtracker.store.engine import transaction
from swtracker.store.entries import EntryView


class OnAirIndex:
    """Broadcast entries near a bulk import's frequencies, with their occurrences by the UTC day they start on,
    so every row is attributed without a query of its own. The rule is the domain's
    (`windows.occurrence_starting`, the one the on-air SQL mirrors): an instant is on air in an occurrence that
    starts on its UTC day or the day before. Entries are known by their position in `candidates`; the
    occurrences around a day are kept per band of positions (the entries within the tolerance of a
    frequency), which nearby frequencies share."""

    def __init__(self, views: list[EntryView]) -> None:
        views = sorted(views, key=lambda v: v.entry.frequency_khz)
        self.candidates = [store.candidate(v) for v in views]
        self._frequencies = [v.entry.frequency_khz for v in views]
        self._rules = [(v.window, v.days_rule, *v.validity) for v in views]
        self._starting: dict[tuple[int, date], Occurrence | None] = {}
        self._bands: dict[float, tuple[int, int]] = {}
        self._intervals: dict[tuple[tuple[int, int], date], list[tuple[datetime, datetime, int]]] = {}

    def _starting_on(self, position: int, day: date) -> Occurrence | None:
        key = (position, day)
        if key not in self._starting:
            self._starting[key] = occurrence_starting(*self._rules[position], day)
        return self._starting[key]

    def _band(self, frequency_khz: float) -> tuple[int, int]:
        """The positions [low, high) of the entries within the attribution tolerance of a frequency."""
        low = bisect_left(self._frequencies, frequency_khz - SAME_CHANNEL_KHZ)
        high = bisect_right(self._frequencies, frequency_khz + SAME_CHANNEL_KHZ)
        band = self._bands[frequency_khz] = (low, high)
        return band

    def _intervals_on(self, band: tuple[int, int], day: date) -> list[tuple[datetime, datetime, int]]:
        """The occurrences of a band's entries that start on a UTC day or the day before, as (start, end,
        position): those that can hold an instant of that day."""
        before = day - timedelta(days=1)
        intervals = self._intervals[band, day] = [
            (o.start, o.end, p)
            for p in range(*band)
            for o in (self._starting_on(p, before), self._starting_on(p, day))
            if o is not None
        ]
        return intervals

    def on_air(self, frequency_khz: float, at: datetime) -> tuple[int, ...]:
        """Positions of the entries on air at `at` within the attribution tolerance of a frequency."""
        band = self._bands.get(frequency_khz) or self._band(frequency_khz)
        day = at.date()
        intervals = self._intervals.get((band, day))
        if intervals is None:
            intervals = self._intervals_on(band, day)
        return tuple([p for start, end, p in intervals if start <= at < end])


@dataclass
class ReportImportResult:
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


# What makes two reports with one uid the same report; the station is compared by identity, not by spelling.
_CONTENT_FIELDS = tuple(name for name in ReportValues._fields if name not in ("uid", "station"))
_UID_CHUNK = 5000  # uids looked up in the store at a time


def _differences(existing: ReportValues, report: ReportValues, same_station: bool) -> list[str]:
    differing = [name for name in _CONTENT_FIELDS if getattr(existing, name) != getattr(report, name)]
    return differing if same_station else ["station", *differing]


class _Importer:
    """One import inside one write transaction: resolve names, check uids, attribute, collect the rows."""

    def __init__(self, session: Session, result: ReportImportResult) -> None:
        self.session = session
        self.result = result
        self.stations: dict[str, list[NamedStation]] = {}
        self.refused: dict[str, str] = {}  # name -> why no row may name it (unknown, or a jammer)

    def _bad(self, row: ReadRow, reason: str, field_name: str) -> None:
        self.result.bad.append(ParseError(reason, file=self.result.file, line=row.line, field=field_name))

    def _resolve(self, row: ReadRow) -> list[NamedStation] | None:
        """The stations a row's name refers to ([] when it names none); None when the name is unknown."""
        name = row.values.station
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

    def new_rows(self, rows: list[ReadRow]) -> list[tuple[ReportValues, Attribution]]:
        """The rows whose uid is new, attributed as `log` would. A uid already stored (or earlier in the file)
        with the same content is unchanged; with other content it is a conflict, reported and never
        overwritten. Stored reports are compared as stored, a chunk of uids at a time (memory stays flat)."""
        # uid -> (values, the station id when the name is one station): the file's new rows so far, and the
        # stored reports of the chunk's uids.
        seen: dict[str, tuple[ReportValues, int | None]] = {}
        stored: dict[str, tuple[ReportValues, int | None]] = {}
        check_store = store.any_report(self.session)  # a first import asks nothing
        attributions = _ImportAttributions(self.session, rows)
        fresh: list[tuple[ReportValues, Attribution]] = []
        known, no_station = self.stations, list[NamedStation]()  # once per row: the common cases inline
        for start in range(0, len(rows), _UID_CHUNK):
            chunk = rows[start : start + _UID_CHUNK]
            if check_store:
                stored = store.values_by_uid(self.session, [row.values.uid for row in chunk])
            for row in chunk:
                values = row.values
                name = values.station
                stations = no_station if name is None else known.get(name) or self._resolve(row)
                if stations is None:
                    continue
                uid = values.uid
                earlier = seen.get(uid) or stored.get(uid)
                if earlier is None:
                    seen[uid] = values, stations[0].id if len(stations) == 1 else None
                    try:
                        fresh.append((values, attributions.decided(values, stations)))
                    except ParseError as error:
                        self._bad(row, error.reason, "station")
                    continue
                earlier_values, earlier_station = earlier
                same_station = not stations or earlier_station in {s.id for s in stations}
                differing = _differences(earlier_values, values, same_station)
                if differing:
                    what = ", ".join(differing)
                    self._bad(row, f"uid {uid} is already stored with another {what}; not overwritten", "uid")
                else:
                    self.result.unchanged += 1
        self.result.attributions.update(attributions.kinds)
        return fresh


class _ImportAttributions:
    """The attributions of an import's new rows, decided as `log` would. Rows that `log` would attribute alike
    (same frequency, name and entries on air; the location too when the schedules decide) share the decision.
    The broadcasts are loaded at the first new row: a file that is all stored already needs none."""

    def __init__(self, session: Session, rows: list[ReadRow]) -> None:
        self.session = session
        self.rows = rows
        self.index: OnAirIndex | None = None
        self.done: dict[tuple[float, str | None, str | None, tuple[int, ...]], Attribution] = {}
        self.kinds: Counter[str] = Counter()

    def _index(self) -> OnAirIndex:
        days = [row.values.observed_at.date() for row in self.rows]
        frequencies = {row.values.frequency_khz for row in self.rows}
        self.index = OnAirIndex(store.broadcasts_near(self.session, frequencies, min(days), max(days)))
        return self.index

    def decided(self, report: ReportValues, stations: list[NamedStation]) -> Attribution:
        index = self.index or self._index()
        on_air = index.on_air(report.frequency_khz, report.observed_at)
        name = report.station
        key = (report.frequency_khz, name, report.location if name is None else None, on_air)
        attribution = self.done.get(key)
        if attribution is None:
            candidates = [index.candidates[p] for p in on_air]
            if name is None:
                area = listener_area(report.location)
                attribution = attribute(report.frequency_khz, candidates, area=area)
            else:
                attribution = attach_given(name, stations, report.frequency_khz, candidates)
            self.done[key] = attribution
        self.kinds[attribution.kind] += 1
        return attribution


def import_reports(database: Database, path: Path, *, strict: bool = False, now: datetime) -> ReportImportResult:
    """Validate every row first; store the good ones in one transaction (none of them with `strict` when any row
    is bad). Re-importing a file, or a merge of files that share rows, adds nothing twice. The
    cyclic garbage collector pauses meanwhile: the rows live until the end, and it would scan them again and again."""
    with cycle_collection_paused():
        result = ReportImportResult(str(path), strict)
        rows: list[ReadRow] = []
        with open_input(path, "report file") as stream:  # a line at a time, each under the report line cap
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
                attributed = _Importer(session, result).new_rows(rows)
                result.bad.sort(key=lambda error: error.line or 0)
                if strict and result.bad:
                    result.attributions.clear()
                    return result
                result.imported = store.insert_reports(session, attributed, now)
        except IntegrityError:
            raise DatabaseError(
                "another import stored some of these reports at the same time; run the import again"
            ) from None
        return result


def export_reports(database: Database, query: ReportQuery, stream: TextIO) -> int:
    """Write matching reports, oldest first, as the interchange CSV."""
    with transaction(database.engine, write=False) as session:
        flt = report_filter(session, query, newest_first=False)
        reports = [store.listener_report(row) for row in store.select_reports(session, flt)]
    return reports_csv.write_reports(reports, stream)
