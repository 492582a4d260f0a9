"""Report files read a row at a time, for tests: each good row with its checked values, or the error that rejects
it, in the order of the file (the import reads them a chunk at a time: formats.reports_csv.read_report_chunks)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import NamedTuple

from swtracker.domain.report import ListenerReport, ReportValues
from swtracker.errors import ParseError
from swtracker.formats.reports_csv import read_report_chunks


class ReadRow(NamedTuple):
    line: int  # physical line in the file where the row starts
    values: ReportValues  # checked by the report rules (domain.report.report_values)

    @property
    def report(self) -> ListenerReport:
        return ListenerReport.from_values(self.values)


def read_reports(lines: Iterable[str], *, file: str, now: datetime) -> Iterator[ReadRow | ParseError]:
    for chunk in read_report_chunks(lines, file=file, now=now):
        items: list[ReadRow | ParseError] = [*map(ReadRow, chunk.lines, chunk.values.rows()), *chunk.errors]
        yield from sorted(items, key=lambda item: item.line or 0)
