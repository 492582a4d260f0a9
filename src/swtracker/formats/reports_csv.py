"""The interchange CSV of listener reports (design §5): rows to and from `ListenerReport`. Pure: no database,
no files.

The CSV is UTF-8 (a BOM is accepted) with the header
`uid,observed_at,frequency_khz,station,status,sinpo,jammer,reporter,location,receiver,notes`.
The `sinpo` column carries SIO codes too: five characters are SINPO, three (or four with a trailing `j`) are
SIO. A file may instead give SIO in an extra `sio` column. Export writes the design header only.

Text cells that a spreadsheet would run as formulas are escaped on export and unescaped on import
(formats/spreadsheet.py), so export -> import gives back exactly what was exported.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime
from functools import lru_cache
from itertools import chain, compress, islice
from operator import attrgetter, itemgetter, methodcaller
from typing import NamedTuple, TextIO, cast

from swtracker.domain.columns import each_distinct
from swtracker.domain.frequency import format_frequency, parse_frequency
from swtracker.domain.instants import format_instant, in_range, outside_years
from swtracker.domain.report import (
    ListenerReport,
    ReportColumns,
    ReportValues,
    check_not_future,
    checked_columns,
    report_values,
)
from swtracker.errors import InputError, ParseError
from swtracker.formats.spreadsheet import escape_formula, unescape_formula
from swtracker.formats.text import OverlongLine

HEADER = (
    "uid",
    "observed_at",
    "frequency_khz",
    "station",
    "status",
    "sinpo",
    "jammer",
    "reporter",
    "location",
    "receiver",
    "notes",
)
SIO_COLUMN = "sio"
CHUNK_ROWS = 5000  # rows read and checked at a time


class ReportChunk(NamedTuple):
    """Consecutive rows of a report file: the good ones (their lines and checked values) and the errors of the
    bad ones, each located `file:line: field`."""

    lines: list[int]  # physical line in the file where each good row starts
    values: ReportColumns  # checked by the report rules (domain.report.report_values)
    errors: list[ParseError]


def parse_observed_at(text: str) -> datetime:
    """ISO 8601 with an offset or `Z`. A file travels between listeners, so a time without offset is refused."""
    try:
        instant = datetime.fromisoformat(text.strip())
    except ValueError:
        raise ParseError(
            f"{text.strip()!r} is not an ISO 8601 time such as 2026-07-01T20:30Z", field="observed_at"
        ) from None
    if instant.tzinfo is None:
        raise ParseError(f"{text.strip()!r} has no UTC offset; add Z for UTC or +09:00", field="observed_at")
    try:
        instant = instant.astimezone(UTC)
    except OverflowError:  # year 1 or 9999 with an offset that crosses the end of the calendar
        instant = datetime.min.replace(tzinfo=UTC)
    if not in_range(instant):  # later date arithmetic (the day before, summaries) must not overflow
        raise ParseError(outside_years(text.strip()), field="observed_at")
    return instant


def parse_observed_ats(texts: Sequence[str]) -> list[datetime]:
    """parse_observed_at of a column of times; ParseError when any of them is bad, without saying which."""
    try:
        instants = list(map(datetime.fromisoformat, map(str.strip, texts)))
        if None in map(attrgetter("tzinfo"), instants):
            raise ParseError("a time has no UTC offset", field="observed_at")
        instants = list(map(methodcaller("astimezone", UTC), instants))
    except (ValueError, OverflowError):
        raise ParseError("a time is not an ISO 8601 time with an offset", field="observed_at") from None
    if instants and not (in_range(min(instants)) and in_range(max(instants))):
        raise ParseError("a time is outside the years the tracker stores", field="observed_at")
    return instants


@lru_cache(maxsize=4096)
def _frequency(text: str) -> float:
    try:
        return parse_frequency(text)
    except InputError as error:
        raise ParseError(str(error), field="frequency_khz") from None


@lru_cache(maxsize=4096)
def _signal_codes(sinpo_cell: str, sio_cell: str) -> tuple[str | None, str | None]:
    """The `sinpo` column holds SINPO (five characters) or SIO (three, or four with `j`)."""
    code = sinpo_cell.strip()
    if sio_cell.strip():
        if code:
            raise ParseError("give a SINPO or an SIO code, not both", field="sio")
        return None, sio_cell
    if not code:
        return None, None
    if len(code) == 5:
        return code, None
    if len(code) == 3 or (len(code) == 4 and code[-1] in "jJ"):
        return None, code
    raise ParseError(f"{code}: give five SINPO digits (34333) or three SIO digits (343, 343j)", field="sinpo")


class _Columns:
    """Where each column is in the file's rows: the header names them, in any order."""

    def __init__(self, header: list[str]) -> None:
        names = [name.strip().lower() for name in header]
        unknown = [name for name in names if name not in HEADER and name != SIO_COLUMN]
        missing = [name for name in HEADER if name not in names]
        if unknown or missing or len(set(names)) != len(names):
            found = ",".join(header)
            raise ParseError(
                f"expected the columns {','.join(HEADER)} (and optionally sio); found {found}", field="header"
            )
        self.width = len(names)
        self.has_sio = SIO_COLUMN in names
        self._pick = itemgetter(*(names.index(name) for name in HEADER))
        self._sio_at = names.index(SIO_COLUMN) if self.has_sio else None

    def values(self, cells: list[str], now: datetime) -> ReportValues:
        if len(cells) != self.width:
            raise ParseError(f"expected {self.width} fields, found {len(cells)}")
        if "'" in "".join(cells):  # rare: one join instead of a test per cell
            cells = [unescape_formula(cell) if cell[:1] == "'" else cell for cell in cells]
        uid, observed_at, frequency, station, status, sinpo_cell, jammer, reporter, location, receiver, notes = (
            self._pick(cells)
        )
        sio_cell = cells[self._sio_at] if self._sio_at is not None else ""
        try:
            sinpo, sio = _signal_codes(sinpo_cell, sio_cell)
            instant = parse_observed_at(observed_at)
            values = report_values(
                uid,
                instant,
                _frequency(frequency),
                station,
                status,
                sinpo,
                sio,
                jammer,
                reporter,
                location,
                receiver,
                notes,
            )
        except ParseError as error:
            if error.field == "sio" and not self.has_sio:
                raise ParseError(error.reason, field="sinpo") from None
            raise
        check_not_future(instant, now)
        return values

    def chunk(self, lines: list[int], rows: list[list[str]], now: datetime, file: str) -> ReportChunk:
        """The rows read from `lines` checked: all at once a column at a time, or, when one of them is bad, one
        by one to locate the errors. Both give the same values."""
        try:
            return ReportChunk(lines, self._checked_columns(rows, now), [])
        except ParseError:
            good: list[int] = []
            values: list[ReportValues] = []
            errors: list[ParseError] = []
            for line, cells in zip(lines, rows, strict=True):
                try:
                    values.append(self.values(cells, now))
                    good.append(line)
                except ParseError as error:
                    errors.append(error.located(file=file, line=line))
            return ReportChunk(good, ReportColumns.of_rows(values), errors)

    def _checked_columns(self, rows: list[list[str]], now: datetime) -> ReportColumns:
        """values() of every row, a column at a time; ParseError when any row is bad, without saying which."""
        if not rows:
            return ReportColumns.of_rows([])
        if set(map(len, rows)) != {self.width}:
            raise ParseError("a row has too few or too many fields")
        columns = [_unescaped(column) for column in zip(*rows, strict=True)]
        uid, observed_at, frequency, station, status, sinpo_cell, jammer, reporter, location, receiver, notes = (
            self._pick(columns)
        )
        if self._sio_at is None:
            codes = each_distinct(lambda cell: _signal_codes(cell, ""), sinpo_cell)
        else:
            codes = each_distinct(
                lambda cells: _signal_codes(*cells), zip(sinpo_cell, columns[self._sio_at], strict=True)
            )
        sinpo, sio = zip(*codes, strict=True)
        instants = parse_observed_ats(observed_at)
        check_not_future(max(instants), now)
        frequencies = each_distinct(_frequency, frequency)
        return checked_columns(
            uid, instants, frequencies, station, status, sinpo, sio, jammer, reporter, location, receiver, notes
        )


def _unescaped(column: Sequence[str]) -> Sequence[str]:
    """A column with the formula escape read off its cells (rare: one join finds whether any cell has one)."""
    if "'" not in "".join(column):
        return column
    return [unescape_formula(cell) if cell[:1] == "'" else cell for cell in column]


def _csv_problem(error: csv.Error, first: int, last: int) -> str:
    """What csv says about a malformed row, in the words of the file. The only error at the end of the data
    is a quote left open: everything after it was read as one cell, so the lines it swallowed are named."""
    if "end of data" not in str(error):
        return str(error)
    swallowed = f"; lines {first}-{last} were read as this one row" if last > first else ""
    return f'a quoted field (") is never closed{swallowed}'


def read_report_chunks(
    lines: Iterable[str], *, file: str, now: datetime, rows: int = CHUNK_ROWS
) -> Iterator[ReportChunk]:
    """The rows of a report file (its lines with their endings, as `text.utf8_lines` reads them) checked, up to
    `rows` rows at a time: good rows as values, bad ones as the error that rejects them, located `file:line:
    field`. A bad header is one error for the whole file. Blank lines are skipped. A quoted field that is never
    closed is a bad row (strict reading): the lenient reader would take the rest of the file into that one
    cell. A row with an overlong line is rejected."""
    texts = iter(lines)
    overlong: dict[int, OverlongLine] = {}  # line number -> the overlong line, read as a blank line

    def fed(first: int) -> Iterator[str]:
        """The lines from line `first` on, one at a time."""
        for number, text in enumerate(texts, start=first):
            if isinstance(text, OverlongLine):
                overlong[number] = text
                yield "\n"
            else:
                yield text

    reader = csv.reader(fed(1), strict=True)

    def too_long(first: int, last: int) -> ParseError | None:
        """The error of the first overlong line among lines `first` to `last` (a row's); None when none is."""
        spanned = sorted(number for number in overlong if first <= number <= last)
        errors = [overlong.pop(number).error(number, file) for number in spanned]
        return errors[0] if errors else None

    def header() -> _Columns | ParseError:
        try:
            names = next(reader)
        except StopIteration:
            return ParseError("the file is empty; expected a header row", file=file, line=1, field="header")
        except csv.Error as error:
            return ParseError(_csv_problem(error, 1, reader.line_num), file=file, line=1, field="header")
        if overlong and (header_too_long := too_long(1, reader.line_num)) is not None:
            return header_too_long
        try:
            return _Columns(names)
        except ParseError as error:
            return error.located(file=file, line=1)

    columns = header()
    if isinstance(columns, ParseError):
        yield ReportChunk([], ReportColumns.of_rows([]), [columns])
        return
    read = reader.line_num  # lines read so far
    while batch := list(islice(texts, rows)):
        if OverlongLine in map(type, batch):
            for i in [i for i, text in enumerate(batch) if isinstance(text, OverlongLine)]:
                overlong[read + 1 + i] = cast(OverlongLine, batch[i])
                batch[i] = "\n"
        one_a_line = None if overlong else _one_row_a_line(batch)
        if one_a_line is not None:  # the common case: no row runs over lines, none is overlong
            starts, cells_of_rows = list(range(read + 1, read + 1 + len(batch))), one_a_line
            if [] in cells_of_rows:  # blank lines
                filled = list(map(bool, cells_of_rows))
                starts, cells_of_rows = list(compress(starts, filled)), list(compress(cells_of_rows, filled))
            errors: list[ParseError] = []
            read += len(batch)
        else:  # row by row from the batch's first line on; the last row may run on into the lines after it
            reader = csv.reader(chain(batch, fed(read + len(batch) + 1)), strict=True)
            starts, cells_of_rows, errors = [], [], []
            while reader.line_num < len(batch):
                line = read + reader.line_num + 1
                try:
                    cells = next(reader)
                except StopIteration:
                    break
                except csv.Error as error:
                    last = read + reader.line_num
                    errors.append(
                        (overlong and too_long(line, last))
                        or ParseError(_csv_problem(error, line, last), file=file, line=line)
                    )
                    continue
                if overlong and (row_too_long := too_long(line, read + reader.line_num)) is not None:
                    errors.append(row_too_long)
                    continue
                if cells:
                    starts.append(line)
                    cells_of_rows.append(cells)
            read += reader.line_num
        chunk = columns.chunk(starts, cells_of_rows, now, file)
        chunk.errors.extend(errors)
        if chunk.lines or chunk.errors:
            yield chunk


def _one_row_a_line(lines: list[str]) -> list[list[str]] | None:
    """The rows of lines read at C speed, when each line is one row; None when a row runs over lines (a quoted
    line break) or a quote is never closed: those are read row by row to tell each row's line."""
    reader = csv.reader(lines, strict=True)
    try:
        rows = list(reader)
    except csv.Error:
        return None
    return rows if len(rows) == reader.line_num == len(lines) else None


def report_cells(report: ListenerReport) -> list[str]:
    """A report as the cells of one CSV row, text cells neutralised for spreadsheets."""
    return [
        escape_formula(report.uid),
        format_instant(report.observed_at),
        format_frequency(report.frequency_khz),
        escape_formula(report.station or ""),
        report.status,
        report.sinpo or report.sio or "",
        report.jammer or "",
        escape_formula(report.reporter or ""),
        escape_formula(report.location or ""),
        escape_formula(report.receiver or ""),
        escape_formula(report.notes or ""),
    ]


def write_reports(reports: Iterable[ListenerReport], stream: TextIO) -> int:
    """Write the header and one row per report; the stream should be opened with newline=''."""
    writer = csv.writer(stream)
    writer.writerow(HEADER)
    count = 0
    for report in reports:
        writer.writerow(report_cells(report))
        count += 1
    return count
