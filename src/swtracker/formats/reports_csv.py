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
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from functools import lru_cache
from operator import itemgetter
from typing import NamedTuple, TextIO

from swtracker.domain.frequency import format_frequency, parse_frequency
from swtracker.domain.instants import format_instant, in_range, outside_years
from swtracker.domain.report import ListenerReport, ReportValues, check_not_future, report_values
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


class ReadRow(NamedTuple):
    line: int  # physical line in the file where the row starts
    values: ReportValues  # checked by the report rules (domain.report.report_values)

    @property
    def report(self) -> ListenerReport:
        return ListenerReport.from_values(self.values)


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


def _csv_problem(error: csv.Error, first: int, last: int) -> str:
    """What csv says about a malformed row, in the words of the file. The only error at the end of the data
    is a quote left open: everything after it was read as one cell, so the lines it swallowed are named."""
    if "end of data" not in str(error):
        return str(error)
    swallowed = f"; lines {first}-{last} were read as this one row" if last > first else ""
    return f'a quoted field (") is never closed{swallowed}'


def read_reports(lines: Iterable[str], *, file: str, now: datetime) -> Iterator[ReadRow | ParseError]:
    """Every row of a report file (its lines with their endings, as `text.utf8_lines` reads them) as a record
    or as the error that rejects it, located `file:line: field`. A bad header is one error for the whole file.
    Blank lines are skipped. A quoted field that is never closed is a bad row (strict reading): the lenient
    reader would take the rest of the file into that one cell. A row with an overlong line is rejected."""
    overlong: dict[int, OverlongLine] = {}

    def fed() -> Iterator[str]:
        for number, text in enumerate(lines, start=1):
            if isinstance(text, OverlongLine):
                overlong[number] = text
                yield "\n"
            else:
                yield text

    reader = csv.reader(fed(), strict=True)

    def too_long(first: int) -> ParseError | None:
        """The error of the first overlong line the row from line `first` spans; None when it spans none."""
        if not overlong:  # the common case, once per row
            return None
        spanned = sorted(number for number in overlong if first <= number <= reader.line_num)
        errors = [overlong.pop(number).error(number, file) for number in spanned]
        return errors[0] if errors else None

    try:
        header = next(reader)
        if (header_too_long := too_long(1)) is not None:
            yield header_too_long
            return
        columns = _Columns(header)
    except StopIteration:
        yield ParseError("the file is empty; expected a header row", file=file, line=1, field="header")
        return
    except ParseError as error:
        yield error.located(file=file, line=1)
        return
    except csv.Error as error:
        yield ParseError(_csv_problem(error, 1, reader.line_num), file=file, line=1, field="header")
        return
    while True:
        line = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            yield too_long(line) or ParseError(_csv_problem(error, line, reader.line_num), file=file, line=line)
            continue
        if (row_too_long := too_long(line)) is not None:
            yield row_too_long
            continue
        if not cells:
            continue
        try:
            yield ReadRow(line, columns.values(cells, now))
        except ParseError as error:
            yield error.located(file=file, line=line)


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
