"""Bulk import attributes every row as `log` attributes one report: the benchmark's generated reports (real
entries, station names and aliases, off-channel and mistyped frequencies, locators and free-text locations)
imported in one go, then each logged on its own through the on-air SQL, and the two attributions compared."""

from __future__ import annotations

import csv
import dataclasses
import gc
from collections import Counter
from pathlib import Path

import pytest
from bench.bench_reports_import import NOW, build_records

from swtracker.domain.attribution import Attribution
from swtracker.errors import InputError
from swtracker.formats.reports_csv import HEADER
from swtracker.formats.text import utf8_lines
from swtracker.services.database import Database
from swtracker.services.report_transfer import import_reports
from swtracker.services.reports import ReportQuery, list_reports, log_report
from tests.report_rows import ReadRow, read_reports

ROWS = 200
# Co-channel broadcasts on real A26 rows (tests/services/test_reports.py): ambiguous without a location.
CO_CHANNEL = [
    ["c1", "2026-07-01T12:30:00Z", "6015", "", "jammed", "", "noise", "JA1XYZ", "", "", ""],
    ["c2", "2026-07-01T12:30:00Z", "6015", "", "jammed", "", "noise", "JA1XYZ", "PM37lm", "", ""],
    ["c3", "2026-07-01T12:30:00Z", "6015", "", "jammed", "", "noise", "JA1XYZ", "BP51", "", ""],
]


def _read(path: Path) -> list[ReadRow]:
    with path.open("rb") as stream:
        found = list(read_reports(utf8_lines(stream), file=str(path), now=NOW))
    assert all(isinstance(row, ReadRow) for row in found)
    return [row for row in found if isinstance(row, ReadRow)]


def test_every_imported_row_is_attributed_as_log_attributes_it(a26: Database, tmp_path: Path) -> None:
    path = tmp_path / "reports.csv"
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(HEADER)
        writer.writerows([*build_records(a26, ROWS, seed=18), *CO_CHANNEL])
    result = import_reports(a26, path, now=NOW)
    assert gc.isenabled()  # paused during the import only
    rejected = {error.line: error for error in result.bad}
    imported: dict[str, Attribution] = {
        stored.report.uid: stored.attribution for stored in list_reports(a26, ReportQuery())
    }
    assert result.imported == len(imported) == ROWS + len(CO_CHANNEL) - len(rejected)

    kinds: Counter[str] = Counter()
    for row in _read(path):
        line, report = row.line, row.report
        alone = dataclasses.replace(report, uid=f"logged-{line}")
        if line in rejected:  # a name several stations share, none of them on air: log refuses it too
            assert rejected[line].field == "station"
            with pytest.raises(InputError, match="give the station key"):
                log_report(a26, alone, now=NOW)
            continue
        logged = log_report(a26, alone, now=NOW).report.attribution
        assert imported[report.uid] == logged, f"line {line}: {report}"
        kinds[logged.kind] += 1
    assert set(kinds) == {"given", "matched", "unattributed", "ambiguous"}, kinds
    assert sum(kinds.values()) == len(imported)
