"""Importing schedule files (EiBi, HFCC, native): one transaction, chunked inserts, atomic replacement.

A file is read twice at most: once to hash it (the same bytes twice change nothing), once to parse it as a
stream. Lines a lenient import rejects are reported and can be written verbatim to a rejects file.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from contextlib import nullcontext
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import compress, count, repeat
from operator import is_
from pathlib import Path

from sqlalchemy import Connection

from swtracker.domain.seasons import Season
from swtracker.errors import InputError
from swtracker.formats import detect, native
from swtracker.formats.records import CompactRow, Label, RejectedLine
from swtracker.services.database import Database
from swtracker.services.linking import link_hfcc_rows
from swtracker.services.outputs import ReadFile, check_output, database_files, inputs
from swtracker.services.schedule_files import (
    HfccTables,
    ProgressCallback,
    check_schedule_file,
    compact_batches,
    copy_rejected_lines,
    estimated_rows,
    file_sha256,
    files_read,
    parse_native,
    parse_stream,
)
from swtracker.store import found_stations, line_writes, links, source_records
from swtracker.store.engine import connected
from swtracker.store.source_records import SourceRecord


@dataclass
class ScheduleImportResult:
    source: str
    format: str
    season: str | None
    read: int = 0
    imported: int = 0
    irregular: int = 0
    rejected: list[RejectedLine] = field(default_factory=list)
    unchanged: bool = False
    rejects_file: Path | None = None
    rejected_count: int = 0  # also known when unchanged, from the earlier import


@dataclass(frozen=True)
class Acceptance:
    """When a file may replace what its source holds; otherwise the import's transaction rolls back. A hand
    import takes what the user gives; a download must look like the schedule it replaces."""

    max_rejected_share: float = 1.0  # more rejected lines than this share: the file is not (only) a schedule
    min_kept_share: float = 0.0  # fewer rows than this share of the replaced source's: a download cut short?
    same_shape: bool = False  # a change of season or format is refused

    def check(self, label: str, replaced: SourceRecord | None, result: ScheduleImportResult) -> None:
        rejected = len(result.rejected)
        if rejected > self.max_rejected_share * result.read:
            raise InputError(
                f"{label}: {rejected} of {result.read} lines are not schedule lines "
                f"(first: {result.rejected[0].error}); nothing imported"
            )
        if replaced is None:
            return
        if self.same_shape and (replaced.season, replaced.format) != (result.season, result.format):
            raise InputError(
                f"{label}: source {replaced.name!r} holds {replaced.format} season {replaced.season}, this is "
                f"{result.format} season {result.season}; nothing imported (--force-replace to replace it anyway)"
            )
        if result.imported < self.min_kept_share * replaced.rows_imported:
            raise InputError(
                f"{label}: would replace the {replaced.rows_imported:,} rows of source {replaced.name!r} with "
                f"{result.imported:,}, fewer than {self.min_kept_share:.0%}; nothing imported "
                "(--force-replace if the schedule really shrank)"
            )


FETCHED = Acceptance(max_rejected_share=0.10, min_kept_share=0.5, same_shape=True)
HAND_IMPORTED = Acceptance()


@dataclass(frozen=True)
class FetchInfo:
    """Where a downloaded file came from, recorded on its source."""

    url: str
    fetched_at: datetime
    etag: str | None = None
    last_modified: str | None = None
    file_name: str | None = None  # the name it was published under (the cached copy carries a hash prefix)


@dataclass
class _Counter:
    read: int = 0
    rejected: list[RejectedLine] = field(default_factory=list)


class _RowFeed:
    """Resolves the station of each label while rows stream into the insert, and tracks the counts."""

    def __init__(self, connection: Connection, counter: _Counter, station_id: int | None = None) -> None:
        self.connection = connection
        self.counter = counter
        self.fixed_station = station_id
        self.index = found_stations.load_alias_index(connection) if station_id is None else None
        self.taken_keys = found_stations.station_keys(connection) if station_id is None else set()
        self.cache: dict[tuple[str, str], int] = {}  # (name, home country) -> station id
        self.created: dict[int, int] = {}  # stand-in id in the alias index -> the station created for it

    def chunks(
        self, parsed: Iterator[list[CompactRow | RejectedLine]], *, strict: bool, file: str
    ) -> Iterator[list[CompactRow]]:
        """The good rows a list at a time; rejected lines are counted and kept, or with `strict` raised as the
        import's error."""
        return _good_chunks(parsed, self.counter, strict=strict, file=file)

    def station_ids(self, labels: list[Label]) -> list[int | None]:
        """The station of each label (line_writes.insert_rows asks once per distinct label): that of its (name, home
        country) pair; the pairs that no alias knows become stations, created in one batch."""
        if self.fixed_station is not None:
            return [self.fixed_station] * len(labels)
        pairs = [(label[0], label[2]) for label in labels]
        self._resolve([pair for pair in dict.fromkeys(pairs) if pair not in self.cache])
        return [self.cache[pair] for pair in pairs]

    def _resolve(self, pairs: list[tuple[str, str]]) -> None:
        """Station ids of (name, home country) pairs not seen yet in this import, in file order: an alias's, or
        new stations. A pair to create enters the alias index at once under a stand-in id (negative), so a later
        pair of the chunk resolves to it exactly as it would had the station been created first."""
        assert self.index is not None
        new: dict[tuple[str, str], int] = {}
        for name, country in pairs:
            station_id = self.index.resolve(name, country)
            if station_id is None:
                station_id = new[name, country] = -len(self.created) - len(new) - 1
                self.index.add(station_id, name, country)
            self.cache[name, country] = station_id
        created = found_stations.create_found_stations(self.connection, list(new), self.taken_keys)
        for pair, station_id in created.items():
            self.created[new[pair]] = station_id
        for pair in pairs:
            if (station_id := self.cache[pair]) < 0:
                self.cache[pair] = self.created[station_id]


def _good_chunks(
    parsed: Iterator[list[CompactRow | RejectedLine]], counter: _Counter, *, strict: bool, file: str
) -> Iterator[list[CompactRow]]:
    """The parsed rows a list at a time; rejected lines are counted and kept, or with `strict` raised as the
    import's error. The rows between rejected lines are taken a slice at a time (C level: a million rows)."""
    for chunk in parsed:
        counter.read += len(chunk)
        kinds = list(map(type, chunk))
        if RejectedLine in kinds:
            rows: list[CompactRow | RejectedLine] = []
            start = 0
            for at in compress(count(), map(is_, kinds, repeat(RejectedLine))):
                rejected: RejectedLine = chunk[at]  # type: ignore[assignment]
                if strict:
                    raise rejected.error.located(file=file)
                counter.rejected.append(rejected)
                rows += chunk[start:at]
                start = at + 1
            rows += chunk[start:]
            chunk = rows
        if chunk:
            yield chunk  # type: ignore[misc]


@dataclass(frozen=True)
class _Input:
    """One import's file as checked before its transaction starts, and what the import does with it."""

    path: Path
    label: str
    fmt: str
    season: Season | None
    sha256: str
    strict: bool
    rejects_path: Path | None
    reads: list[ReadFile]
    on_progress: ProgressCallback | None

    @property
    def season_code(self) -> str | None:
        return self.season.code if self.season else None

    def parse(self, tables: HfccTables | None) -> Iterator[list[CompactRow | RejectedLine]]:
        return parse_stream(self.fmt, self.path, self.season, tables, self.on_progress)


def import_schedule(
    database: Database,
    path: Path,
    *,
    name: str | None = None,
    fmt: str | None = None,
    season: str | None = None,
    strict: bool = False,
    rejects_path: Path | None = None,
    bundled: bool = False,
    fetched: FetchInfo | None = None,
    acceptance: Acceptance = HAND_IMPORTED,
    on_progress: ProgressCallback | None = None,
    within: Connection | None = None,
) -> ScheduleImportResult:
    """Import one schedule file as the source `name` (default: the file name without extension), in a
    transaction of its own or `within` the caller's (the first-use set-up)."""
    label = fetched.url if fetched is not None else str(path)
    fmt, resolved_season = check_schedule_file(path, fmt=fmt, season=season, label=label)
    reads = [*database_files(database.url), *inputs(*files_read(path, fmt))]
    if rejects_path is not None:  # refused before the database changes, not after
        check_output(rejects_path, reads)
    file = _Input(path, label, fmt, resolved_season, file_sha256(path), strict, rejects_path, reads, on_progress)
    source_name = name or path.stem
    with nullcontext(within) if within is not None else connected(database.engine, write=True) as connection:
        source_records.lock_source_name(connection, source_name)
        replaced = source_records.find_source(connection, source_name)
        same_file = (file.sha256, fmt, file.season_code)
        if replaced is not None and (replaced.sha256, replaced.format, replaced.season) == same_file:
            return _keep_unchanged(connection, replaced, file, fetched)
        source_id = _emptied_source(connection, replaced, source_name, file)
        result = _load_rows(connection, source_id, source_name, file)
        _record_import(connection, source_id, file, result, bundled=bundled, fetched=fetched)
        link_hfcc_rows(connection)
        found_stations.delete_unused_found_stations(connection)
        if fmt != detect.NATIVE and not result.imported:
            raise _nothing_imported(label, result)  # the transaction rolls back: an older source stays
        acceptance.check(label, replaced, result)
        _write_rejects(file, result)  # inside the transaction: if it fails, nothing is imported
    return result


def _keep_unchanged(
    connection: Connection, source: SourceRecord, file: _Input, fetched: FetchInfo | None
) -> ScheduleImportResult:
    """The same bytes as the source holds: nothing to replace, the earlier import's counts."""
    if fetched is not None:  # the next fetch should be conditional
        source_records.update_source(connection, source.id, _origin(fetched))
    unchanged = ScheduleImportResult(
        source.name,
        file.fmt,
        file.season_code,
        source.rows_read,
        source.rows_imported,
        source.rows_irregular,
        unchanged=True,
        rejected_count=source.rows_rejected,
    )
    if source.rows_rejected and (file.strict or file.rejects_path is not None):
        # The same bytes give the same rejected lines: --strict fails on them, --rejects writes them.
        counter = _Counter()
        again = file.parse(HfccTables.beside(file.path) if file.fmt == detect.HFCC else None)
        deque(_good_chunks(again, counter, strict=file.strict, file=str(file.path)), maxlen=0)
        unchanged.rejected = counter.rejected
        _write_rejects(file, unchanged)
    return unchanged


def _emptied_source(connection: Connection, source: SourceRecord | None, name: str, file: _Input) -> int:
    """The id of the source the rows go to: a new one, or the existing one with its entries deleted."""
    if source is None:
        values = {"name": name, "format": file.fmt, "file_name": file.path.name, "sha256": file.sha256}
        return source_records.add_source(connection, {**values, "imported_at": datetime.now(UTC)})
    line_writes.delete_source_entries(connection, source.id)
    return source.id


def _load_rows(connection: Connection, source_id: int, name: str, file: _Input) -> ScheduleImportResult:
    """Parse the file into the source's entries (and, for HFCC, its sites); the counts of what was read."""
    counter = _Counter()
    tables = None
    if file.fmt == detect.NATIVE:
        feed, parsed = _native_rows(connection, file, counter)
    else:
        feed = _RowFeed(connection, counter)
        tables = HfccTables.beside(file.path) if file.fmt == detect.HFCC else None
        parsed = file.parse(tables)
    chunks = feed.chunks(parsed, strict=file.strict, file=str(file.path))
    result = ScheduleImportResult(name, file.fmt, file.season_code)
    result.imported, result.irregular = line_writes.insert_rows(
        connection,
        source_id,
        chunks,
        feed.station_ids,
        with_detail=file.fmt != detect.EIBI,
        expected_rows=estimated_rows(file.path),
    )
    if tables is not None:
        source_records.replace_sites(connection, source_id, [site._asdict() for site in tables.sites.values()])
    result.read, result.rejected, result.rejected_count = counter.read, counter.rejected, len(counter.rejected)
    return result


def _native_rows(
    connection: Connection, file: _Input, counter: _Counter
) -> tuple[_RowFeed, Iterator[list[CompactRow | RejectedLine]]]:
    """A native file's station (curated: its aliases and HFCC links replaced) and its rows, all of that station."""
    # The curated station is written through its SQLModel table: loaded for native files only (set-up, tests).
    from sqlmodel import Session

    from swtracker.store import stations

    schedule = parse_native(file.path)
    aliases = [native.parse_alias(a) for a in schedule.station.aliases]
    with Session(bind=connection) as session:
        station_id = stations.upsert_curated(session, schedule.station, aliases)
    links.replace_declarations(connection, station_id, schedule.station.hfcc)
    if file.on_progress is not None:
        file.on_progress(file.path.stat().st_size, file.path.stat().st_size)
    return _RowFeed(connection, counter, station_id), compact_batches(schedule.rows)


def _record_import(
    connection: Connection,
    source_id: int,
    file: _Input,
    result: ScheduleImportResult,
    *,
    bundled: bool,
    fetched: FetchInfo | None,
) -> None:
    """The source's description of what it now holds: file, season, counts, extent, origin."""
    valid_from, valid_to = line_writes.source_validity(connection, source_id)
    values = {
        "format": file.fmt,
        "season": file.season_code,
        "sha256": file.sha256,
        "bundled": bundled,
        "imported_at": datetime.now(UTC),
        "valid_from": valid_from,
        "valid_to": valid_to,
        "rows_read": result.read,
        "rows_imported": result.imported,
        "rows_irregular": result.irregular,
        "rows_rejected": result.rejected_count,
        "file_name": file.path.name,
    }
    source_records.update_source(connection, source_id, {**values, **_origin(fetched)})


def _nothing_imported(label: str, result: ScheduleImportResult) -> InputError:
    if not result.rejected:
        return InputError(f"{label}: holds no schedule lines")
    first = result.rejected[0].error
    return InputError(
        f"{label}: none of its {result.read} lines is a schedule line (line {first.line}: {first.reason}); "
        "nothing imported"
    )


def _write_rejects(file: _Input, result: ScheduleImportResult) -> None:
    if file.rejects_path is not None and result.rejected:
        copy_rejected_lines(file.path, [r.line for r in result.rejected], file.rejects_path, file.reads)
        result.rejects_file = file.rejects_path


def _origin(fetched: FetchInfo | None) -> dict[str, object]:
    """Where the source's bytes came from; a hand import clears an earlier download's URL and validators, so
    a later fetch is not answered 'not modified' for a file that is no longer the one in the database."""
    origin: dict[str, object] = {
        "url": fetched.url if fetched else None,
        "etag": fetched.etag if fetched else None,
        "last_modified": fetched.last_modified if fetched else None,
        "fetched_at": fetched.fetched_at if fetched else None,
    }
    if fetched is not None and fetched.file_name:
        origin["file_name"] = fetched.file_name
    return origin
