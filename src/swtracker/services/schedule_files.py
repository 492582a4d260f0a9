"""Reading schedule files for an import: the format and season check, the parsing stream, the HFCC reference
tables beside a schedule, and copying rejected lines out byte for byte."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import BinaryIO

from swtracker.domain.seasons import Season
from swtracker.errors import InputError, NotFoundError, ParseError, UsageError
from swtracker.formats import detect, eibi, hfcc, native
from swtracker.formats.records import CompactRow, RejectedLine, ScheduleRow, compact
from swtracker.formats.text import check_legacy_bytes, decoded_batches, decoded_lines
from swtracker.services.files import open_input, read_utf8
from swtracker.services.outputs import ReadFile, write_atomically

READ_CHUNK = 1 << 20
BATCH_ROWS = 5000
HFCC_TABLES = ("site.txt", "broadcas.txt")
ProgressCallback = Callable[[int, int], None]  # (bytes done, bytes total)


def chunks(stream: BinaryIO) -> Iterator[bytes]:
    while chunk := stream.read(READ_CHUNK):
        yield chunk


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for chunk in chunks(stream):
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
        raise UsageError(f"--format {fmt!r}: use one of {', '.join(detect.FORMATS)}")
    return fmt, _resolve_season(fmt, path, season, first_lines, label) if fmt != detect.NATIVE else None


def files_read(path: Path, fmt: str) -> list[Path]:
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
        return list(decoded_lines(chunks(stream)))


@dataclass(frozen=True)
class HfccTables:
    """The reference tables beside an HFCC schedule, read once per import."""

    sites: dict[str, hfcc.Site]
    broadcasters: dict[str, str]

    @classmethod
    def beside(cls, path: Path) -> HfccTables:
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


def parse_stream(
    fmt: str, path: Path, season: Season | None, tables: HfccTables | None, on_progress: ProgressCallback | None
) -> Iterator[list[CompactRow | RejectedLine]]:
    """The file's rows as the store takes them (records.CompactRow) and its rejected lines, in file order, a
    list at a time (a million-line file then takes no step per line between the parser and the store)."""
    total = path.stat().st_size
    done = 0

    def advance(size: int) -> None:
        nonlocal done
        done += size
        if on_progress is not None:
            on_progress(done, total)

    with open_input(path, "schedule file") as stream:
        if fmt == detect.EIBI:
            assert season is not None
            yield from eibi.parse_batches(decoded_batches(chunks(stream), advance), season=season)
        else:
            assert tables is not None
            lines = decoded_lines(chunks(stream), advance)
            parsed = hfcc.parse_hfcc(lines, season=season, sites=tables.sites, broadcasters=tables.broadcasters)
            yield from compact_batches(parsed)


def compact_batches(parsed: Iterable[ScheduleRow | RejectedLine]) -> Iterator[list[CompactRow | RejectedLine]]:
    """A parser's ScheduleRows as lists of CompactRows (HFCC and native files: thousands of rows, not millions)."""
    items = (item if type(item) is RejectedLine else compact(item) for item in parsed)  # type: ignore[arg-type]
    return iter(lambda: list(islice(items, BATCH_ROWS)), [])


def estimated_rows(path: Path) -> int:
    """About how many rows a file holds (EiBi rows average 55 bytes), to choose how to load it."""
    return path.stat().st_size // 55


def parse_native(path: Path) -> native.NativeSchedule:
    try:
        native.check_size(path.stat().st_size)
        return native.parse_native(read_utf8(path, "schedule file"))
    except ParseError as error:
        raise error.located(file=str(path)) from None


def copy_rejected_lines(path: Path, line_numbers: list[int], rejects_path: Path, reads: list[ReadFile]) -> None:
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
