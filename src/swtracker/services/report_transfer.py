"""Moving listener reports in and out as the interchange CSV (formats.reports_csv): import validates every row
first, then resolves, checks uids and attributes them all in one transaction as `log` would; export writes the
reports a query selects."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from itertools import compress, repeat
from operator import not_
from pathlib import Path
from typing import TextIO, cast

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from swtracker.collector import cycle_collection_paused
from swtracker.domain.attribution import Attribution, NamedStation
from swtracker.domain.report import ReportColumns, ReportValues
from swtracker.errors import DatabaseError, NotFoundError, ParseError
from swtracker.formats import reports_csv
from swtracker.formats.reports_csv import ReportChunk
from swtracker.formats.text import utf8_lines
from swtracker.services.database import Database
from swtracker.services.files import open_input
from swtracker.services.import_attribution import ImportAttributions
from swtracker.services.reports import ReportQuery, report_filter, report_stations
from swtracker.store import reports as store
from swtracker.store.bulk import larger_page_cache
from swtracker.store.engine import transaction


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
_CHUNK_ROWS = reports_csv.CHUNK_ROWS  # rows read, checked against the store, attributed and inserted at a time


def _differences(existing: ReportValues, report: ReportValues, same_station: bool) -> list[str]:
    differing = [name for name in _CONTENT_FIELDS if getattr(existing, name) != getattr(report, name)]
    return differing if same_station else ["station", *differing]


class _Importer:
    """One import inside one write transaction: resolve names, check uids, attribute, a chunk at a time."""

    def __init__(self, session: Session, result: ReportImportResult, attributions: ImportAttributions) -> None:
        self.session = session
        self.result = result
        self.attributions = attributions
        self.stations = attributions.stations  # name -> the stations it refers to
        self.refused: dict[str, str] = {}  # name -> why no row may name it (unknown, or a jammer)
        # uid -> where the file's row with that uid is (its chunk, its index there): a later row with the same uid
        # is compared with it.
        self.seen: dict[str, tuple[ReportColumns, int]] = {}
        self.check_store = store.any_report(session)  # a first import asks nothing

    def _bad(self, line: int, reason: str, field_name: str) -> None:
        self.result.bad.append(ParseError(reason, file=self.result.file, line=line, field=field_name))

    def _resolved(self, name: str | None) -> list[NamedStation] | None:
        """The stations a row's name refers to ([] when it names none); None when the name is refused."""
        if name is None:
            return []
        if name not in self.stations and name not in self.refused:
            try:
                self.stations[name] = report_stations(self.session, name, jammer_goes_in="in the jammer column")
            except NotFoundError as error:
                self.refused[name] = str(error)
            except ParseError as error:
                self.refused[name] = error.reason
        return self.stations.get(name)

    def _station_id(self, name: str | None) -> int | None:
        stations = self.stations.get(name) if name is not None else None
        return stations[0].id if stations and len(stations) == 1 else None

    def attributed(self, lines: list[int], reports: ReportColumns) -> tuple[ReportColumns, list[Attribution]]:
        """A chunk's new rows (new_rows), attributed as `log` would; the rows it refuses are reported."""
        lines, reports = self.new_rows(lines, reports)
        if not lines:
            return reports, []  # the broadcasts are loaded at the first new row: a stored file needs none
        decisions = self.attributions.decided(reports)
        refused = list(map(isinstance, decisions, repeat(ParseError)))
        if any(refused):
            for line, decision in compress(zip(lines, decisions, strict=True), refused):
                self._bad(line, cast(ParseError, decision).reason, "station")
            keep = list(map(not_, refused))
            reports, decisions = reports.selected(keep), list(compress(decisions, keep))
        return reports, cast(list[Attribution], decisions)

    def new_rows(self, lines: list[int], reports: ReportColumns) -> tuple[list[int], ReportColumns]:
        """The rows of a chunk whose uid is new, with their lines. A uid already stored (or earlier in the file)
        with the same content is unchanged; with other content it is a conflict, reported and never
        overwritten. Stored reports are compared as stored, a chunk of uids at a time (memory stays flat)."""
        names = set(reports.station)
        for name in names:
            self._resolved(name)
        uids = reports.uid
        stored = store.values_by_uid(self.session, uids) if self.check_store else {}
        distinct = set(uids)
        if (
            not stored
            and len(distinct) == len(uids)
            and self.seen.keys().isdisjoint(distinct)
            and self.refused.keys().isdisjoint(names)
        ):  # the common case: every row is new
            self.seen.update(zip(uids, zip(repeat(reports), range(len(uids)), strict=False), strict=True))
            return lines, reports
        keep = [False] * len(uids)
        for i, (line, uid, name) in enumerate(zip(lines, uids, reports.station, strict=True)):
            named = self._resolved(name)
            if named is None:
                self._bad(line, self.refused[cast(str, name)], "station")
                continue
            if uid in self.seen:
                chunk, index = self.seen[uid]
                earlier_values, earlier_station = chunk.row(index), self._station_id(chunk.station[index])
            elif uid in stored:
                earlier_values, earlier_station = stored[uid]
            else:
                self.seen[uid] = reports, i
                keep[i] = True
                continue
            same_station = not named or earlier_station in {s.id for s in named}
            differing = _differences(earlier_values, reports.row(i), same_station)
            if differing:
                what = ", ".join(differing)
                self._bad(line, f"uid {uid} is already stored with another {what}; not overwritten", "uid")
            else:
                self.result.unchanged += 1
        return list(compress(lines, keep)), reports.selected(keep)


def _file_frequencies_and_days(chunks: list[ReportChunk]) -> tuple[set[float], tuple[date, date] | None]:
    """Every frequency of the file's good rows, and their first and last UTC day."""
    frequencies = set().union(*(chunk.values.frequency_khz for chunk in chunks))
    if not frequencies:
        return frequencies, None
    first = min(min(chunk.values.observed_at) for chunk in chunks if chunk.lines)
    last = max(max(chunk.values.observed_at) for chunk in chunks if chunk.lines)
    return frequencies, (first.date(), last.date())


def import_reports(database: Database, path: Path, *, strict: bool = False, now: datetime) -> ReportImportResult:
    """Validate every row first; store the good ones in one transaction (none of them with `strict` when any row
    is bad). Re-importing a file, or a merge of files that share rows, adds nothing twice. The
    cyclic garbage collector pauses meanwhile: the rows live until the end, and it would scan them again and again."""
    with cycle_collection_paused():
        result = ReportImportResult(str(path), strict)
        chunks: list[ReportChunk] = []
        with open_input(path, "report file") as stream:  # a line at a time, each under the report line cap
            try:
                lines = utf8_lines(stream)
                for chunk in reports_csv.read_report_chunks(lines, file=str(path), now=now, rows=_CHUNK_ROWS):
                    result.bad += chunk.errors
                    chunks.append(chunk)
            except ParseError as error:  # bytes that are not UTF-8
                raise error.located(file=str(path)) from None
        result.read = sum(len(chunk.lines) for chunk in chunks) + len(result.bad)
        try:
            with transaction(database.engine, write=True) as session, larger_page_cache(session):
                attributions = ImportAttributions(session, *_file_frequencies_and_days(chunks))
                importer = _Importer(session, result, attributions)
                batches = [importer.attributed(chunk.lines, chunk.values) for chunk in chunks]
                result.attributions.update(attributions.kinds)
                result.bad.sort(key=lambda error: error.line or 0)
                if strict and result.bad:
                    result.attributions.clear()
                    return result
                result.imported = store.insert_reports(session, batches, now)
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
