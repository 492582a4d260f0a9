"""Importing schedule files (EiBi, HFCC, native): one transaction, chunked inserts, atomic replacement.

A file is read twice at most: once to hash it (the same bytes twice change nothing), once to parse it as a
stream. Lines a lenient import rejects are reported and can be written verbatim to a rejects file.
"""

from __future__ import annotations

import hashlib
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import nullcontext
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import islice
from pathlib import Path
from typing import BinaryIO, NamedTuple

from sqlmodel import Session

from swtracker.domain.seasons import Season
from swtracker.errors import InputError, NotFoundError, ParseError
from swtracker.formats import detect, eibi, hfcc, native
from swtracker.formats.records import RejectedLine, ScheduleRow
from swtracker.formats.text import check_legacy_bytes, decoded_lines
from swtracker.services.database import Database
from swtracker.services.files import open_input, read_utf8
from swtracker.services.linking import link_hfcc_rows
from swtracker.services.outputs import ReadFile, check_output, database_files, inputs, write_atomically
from swtracker.store import entries, links, sources, stations
from swtracker.store.engine import transaction
from swtracker.store.models import Source

READ_CHUNK = 1 << 20
HFCC_TABLES = ("site.txt", "broadcas.txt")
ProgressCallback = Callable[[int, int], None]  # (bytes done, bytes total)


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


class _Replaced(NamedTuple):
    """What a source held before this import replaces it."""

    name: str
    format: str
    season: str | None
    rows_imported: int


@dataclass(frozen=True)
class Acceptance:
    """When a file may replace what its source holds; otherwise the import's transaction rolls back. A hand
    import takes what the user gives; a download must look like the schedule it replaces."""

    max_rejected_share: float = 1.0  # more rejected lines than this share: the file is not (only) a schedule
    min_kept_share: float = 0.0  # fewer rows than this share of the replaced source's: a download cut short?
    same_shape: bool = False  # a change of season or format is refused

    def check(self, label: str, replaced: _Replaced | None, result: ScheduleImportResult) -> None:
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


def _chunks(stream: BinaryIO) -> Iterator[bytes]:
    while chunk := stream.read(READ_CHUNK):
        yield chunk


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for chunk in _chunks(stream):
            digest.update(chunk)
    return digest.hexdigest()


def _first_lines(path: Path, label: str, count: int = 60) -> list[str]:
    with open_input(path, "schedule file") as stream:
        head = stream.read(64 * 1024)
    check_legacy_bytes(head, name=label)
    return list(decoded_lines([head]))[:count]


def check_schedule_file(
    path: Path, *, fmt: str | None = None, season: str | None = None, label: str | None = None
) -> tuple[str, Season | None]:
    """The file's format and season, or the error that would stop its import before any row is read (missing,
    unreadable, UTF-16, CR-only, not a schedule, no season). A command checks every file this way before it
    imports the first, so that a bad last file does not leave the others half done. `label` names the file in
    messages (a download's address rather than its cached copy)."""
    if not path.exists():
        raise NotFoundError(f"{path}: no such file")
    label = label or str(path)
    first_lines = _first_lines(path, label)
    fmt = fmt or detect.detect_format(first_lines, name=label)
    if fmt not in detect.FORMATS:
        raise InputError(f"--format {fmt!r}: use one of {', '.join(detect.FORMATS)}")
    return fmt, _resolve_season(fmt, path, season, first_lines, label) if fmt != detect.NATIVE else None


def _files_read(path: Path, fmt: str) -> list[Path]:
    """The file and, for HFCC, the reference tables beside it."""
    if fmt != detect.HFCC:
        return [path]
    return [path, *(table for name in HFCC_TABLES if (table := _sidecar(path, name)) is not None)]


def _sidecar(path: Path, name: str) -> Path | None:
    """HFCC reference tables lie beside the schedule (`site.txt`, `broadcas.txt`, any case)."""
    for candidate in path.parent.iterdir():
        if candidate.name.lower() == name:
            return candidate
    return None


def _legacy_lines(path: Path) -> list[str]:
    with open_input(path, "schedule file") as stream:
        return list(decoded_lines(_chunks(stream)))


@dataclass(frozen=True)
class _HfccTables:
    """The reference tables beside an HFCC schedule, read once per import."""

    sites: dict[str, hfcc.Site]
    broadcasters: dict[str, str]

    @classmethod
    def beside(cls, path: Path) -> _HfccTables:
        sites_file, broadcasters_file = (_sidecar(path, name) for name in HFCC_TABLES)
        return cls(
            hfcc.parse_sites(_legacy_lines(sites_file)) if sites_file else {},
            hfcc.parse_broadcasters(_legacy_lines(broadcasters_file)) if broadcasters_file else {},
        )


def _resolve_season(fmt: str, path: Path, season: str | None, first_lines: list[str], label: str) -> Season | None:
    if season:
        return Season.parse(season)
    found = Season.from_filename(path.name)
    if found is None and fmt == detect.HFCC:
        found = next((s for s in map(hfcc.season_in_header, first_lines[:3]) if s), None)
    if found is None and fmt == detect.EIBI:
        raise InputError(f"{label}: cannot tell the season from the file name; pass --season, e.g. --season A26")
    return found


class _RowFeed:
    """Resolves each row's station and tracks the counts while rows stream into the insert."""

    def __init__(self, session: Session, counter: _Counter, station_id: int | None = None) -> None:
        self.session = session
        self.counter = counter
        self.fixed_station = station_id
        self.index = stations.load_alias_index(session) if station_id is None else None
        self.taken_keys = stations.station_keys(session) if station_id is None else set()
        self.cache: dict[tuple[str, str], int] = {}
        self.created: dict[int, int] = {}  # stand-in id in the alias index -> the station created for it

    def rows(
        self, parsed: Iterator[ScheduleRow | RejectedLine], *, strict: bool, file: str
    ) -> Iterator[tuple[ScheduleRow, int | None]]:
        good = _good_rows(parsed, self.counter, strict=strict, file=file)
        if self.fixed_station is not None:
            yield from ((row, self.fixed_station) for row in good)
            return
        known = self.cache
        # A chunk at a time, so the stations it brings that no alias knows are created in one batch.
        while chunk := list(islice(good, entries.CHUNK_ROWS)):
            self._resolve(
                [pair for pair in dict.fromkeys((row.station, row.country) for row in chunk) if pair not in known]
            )
            yield from ((row, known[row.station, row.country]) for row in chunk)

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
        for pair, station_id in stations.create_found_stations(self.session, list(new), self.taken_keys).items():
            self.created[new[pair]] = station_id
        for pair in pairs:
            if (station_id := self.cache[pair]) < 0:
                self.cache[pair] = self.created[station_id]


def _good_rows(
    parsed: Iterator[ScheduleRow | RejectedLine], counter: _Counter, *, strict: bool, file: str
) -> Iterator[ScheduleRow]:
    """The parsed rows; rejected lines are counted and kept, or with `strict` raised as the import's error."""
    read = 0
    for item in parsed:
        read += 1
        if isinstance(item, RejectedLine):
            if strict:
                raise item.error.located(file=file)
            counter.rejected.append(item)
        else:
            yield item
    counter.read = read


def _parse_stream(
    fmt: str, path: Path, season: Season | None, tables: _HfccTables | None, on_progress: ProgressCallback | None
) -> Iterator[ScheduleRow | RejectedLine]:
    total = path.stat().st_size
    done = 0

    def advance(size: int) -> None:
        nonlocal done
        done += size
        if on_progress is not None:
            on_progress(done, total)

    with open_input(path, "schedule file") as stream:
        lines = decoded_lines(_chunks(stream), advance)
        if fmt == detect.EIBI:
            assert season is not None
            yield from eibi.parse_eibi(lines, season=season)
        else:
            assert tables is not None
            yield from hfcc.parse_hfcc(lines, season=season, sites=tables.sites, broadcasters=tables.broadcasters)


def _estimated_rows(path: Path) -> int:
    """About how many rows a file holds (EiBi rows average 55 bytes), to choose how to load it."""
    return path.stat().st_size // 55


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
    within: Session | None = None,
) -> ScheduleImportResult:
    """Import one schedule file as the source `name` (default: the file name without extension), in a
    transaction of its own or `within` the caller's (the first-use set-up)."""
    label = fetched.url if fetched is not None else str(path)
    fmt, resolved_season = check_schedule_file(path, fmt=fmt, season=season, label=label)
    reads = [*database_files(database.url), *inputs(*_files_read(path, fmt))]
    if rejects_path is not None:  # refused before the database changes, not after
        check_output(rejects_path, reads)
    source_name = name or path.stem
    sha256 = file_sha256(path)
    result = ScheduleImportResult(source_name, fmt, resolved_season.code if resolved_season else None)
    counter = _Counter()
    with nullcontext(within) if within is not None else transaction(database.engine, write=True) as session:
        source = sources.get_source(session, source_name)
        if source is not None and source.sha256 == sha256 and source.format == fmt and source.season == result.season:
            if fetched is not None:  # nothing to replace, but the next fetch should be conditional
                _record_origin(source, fetched)
                session.add(source)
            unchanged = ScheduleImportResult(
                source_name,
                fmt,
                result.season,
                source.rows_read,
                source.rows_imported,
                source.rows_irregular,
                unchanged=True,
                rejected_count=source.rows_rejected,
            )
            if source.rows_rejected and (strict or rejects_path is not None):
                # The same bytes give the same rejected lines: --strict fails on them, --rejects writes them.
                tables = _HfccTables.beside(path) if fmt == detect.HFCC else None
                again = _parse_stream(fmt, path, resolved_season, tables, on_progress)
                deque(_good_rows(again, counter, strict=strict, file=str(path)), maxlen=0)
                unchanged.rejected = counter.rejected
                _write_rejects(path, unchanged, rejects_path, reads)
            return unchanged
        replaced = None
        if source is None:
            source = Source(
                name=source_name, format=fmt, file_name=path.name, sha256=sha256, imported_at=datetime.now(UTC)
            )
            session.add(source)
            session.flush()
        else:
            replaced = _Replaced(source.name, source.format, source.season, source.rows_imported)
            entries.delete_source_entries(session, source.id or 0)
        assert source.id is not None
        tables = None
        if fmt == detect.NATIVE:
            schedule = _parse_native(path)
            station_id = stations.upsert_curated(
                session, schedule.station, [native.parse_alias(a) for a in schedule.station.aliases]
            )
            links.replace_declarations(session, station_id, schedule.station.hfcc)
            feed = _RowFeed(session, counter, station_id)
            parsed: Iterator[ScheduleRow | RejectedLine] = iter(schedule.rows)
            if on_progress is not None:
                on_progress(path.stat().st_size, path.stat().st_size)
        else:
            feed = _RowFeed(session, counter)
            tables = _HfccTables.beside(path) if fmt == detect.HFCC else None
            parsed = _parse_stream(fmt, path, resolved_season, tables, on_progress)
        fields = eibi.FIELDS if fmt == detect.EIBI else ScheduleRow._fields
        result.imported = entries.insert_rows(
            session,
            source.id,
            feed.rows(parsed, strict=strict, file=str(path)),
            fields,
            expected_rows=_estimated_rows(path),
        )
        if tables is not None:
            sources.replace_sites(session, source.id, [site._asdict() for site in tables.sites.values()])
        source.format, source.season, source.sha256 = fmt, result.season, sha256
        source.bundled, source.imported_at = bundled, datetime.now(UTC)
        result.irregular, source.valid_from, source.valid_to = entries.source_extent(session, source.id)
        source.rows_read, source.rows_imported = counter.read, result.imported
        source.rows_irregular, source.rows_rejected = result.irregular, len(counter.rejected)
        source.file_name = path.name
        _record_origin(source, fetched)
        session.add(source)
        session.flush()
        link_hfcc_rows(session)
        stations.delete_unused_found_stations(session)
        result.read, result.rejected = counter.read, counter.rejected
        result.rejected_count = len(counter.rejected)
        if fmt != detect.NATIVE and not result.imported:
            raise _nothing_imported(label, result)  # the transaction rolls back: an older source stays
        acceptance.check(label, replaced, result)
        _write_rejects(path, result, rejects_path, reads)  # inside the transaction: if it fails, nothing is imported
    return result


def _nothing_imported(label: str, result: ScheduleImportResult) -> InputError:
    if not result.rejected:
        return InputError(f"{label}: holds no schedule lines")
    first = result.rejected[0].error
    return InputError(
        f"{label}: none of its {result.read} lines is a schedule line (line {first.line}: {first.reason}); "
        "nothing imported"
    )


def _write_rejects(path: Path, result: ScheduleImportResult, rejects_path: Path | None, reads: list[ReadFile]) -> None:
    if rejects_path is not None and result.rejected:
        _copy_rejected_lines(path, [r.line for r in result.rejected], rejects_path, reads)
        result.rejects_file = rejects_path


def _record_origin(source: Source, fetched: FetchInfo | None) -> None:
    """Where the source's bytes came from; a hand import clears an earlier download's URL and validators, so
    a later fetch is not answered 'not modified' for a file that is no longer the one in the database."""
    source.url = fetched.url if fetched else None
    source.etag = fetched.etag if fetched else None
    source.last_modified = fetched.last_modified if fetched else None
    source.fetched_at = fetched.fetched_at if fetched else None
    if fetched is not None and fetched.file_name:
        source.file_name = fetched.file_name


def _parse_native(path: Path) -> native.NativeSchedule:
    try:
        native.check_size(path.stat().st_size)
        return native.parse_native(read_utf8(path, "schedule file"))
    except ParseError as error:
        raise error.located(file=str(path)) from None


def _copy_rejected_lines(path: Path, line_numbers: list[int], rejects_path: Path, reads: list[ReadFile]) -> None:
    """Copy the rejected lines, byte for byte with their line endings, from the input to the rejects file."""
    wanted = set(line_numbers)

    def copy(out: BinaryIO) -> None:
        number = 1
        with open_input(path, "schedule file") as source:
            while piece := source.readline(READ_CHUNK):  # a piece at a time: an overlong line is never held whole
                if number in wanted:
                    out.write(piece)
                number += piece.endswith(b"\n")

    write_atomically(rejects_path, copy, reads)
