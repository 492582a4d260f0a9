"""Bulk import of listener reports: 100,000 interchange-CSV rows into a fresh SQLite database.

Times `services.report_transfer.import_reports` (parse, validate, resolve stations, attribute, chunked inserts in
one transaction), the CLI once (`swtracker reports import`, process start-up included), and as a same-run baseline
the insert floor: sqlite3's executemany of the 100,000 rows the service stored, with the same columns, settings
and index rebuild (`common.sqlite_insert_floor`).
Judged (issue 18): the service at most TARGET_RATIO times that floor.
Not a test: run `.venv/bin/python -m bench.bench_reports_import [ROWS]`.
"""

from __future__ import annotations

import csv
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TypeVar

from sqlalchemy import select, true
from sqlmodel import col

from bench.common import Comparison, fresh_sqlite, sqlite_insert_floor
from swtracker.domain.report import ListenerReport
from swtracker.domain.windows import occurrences_between
from swtracker.formats.reports_csv import HEADER, report_cells
from swtracker.services.database import Database
from swtracker.services.report_transfer import ReportImportResult, import_reports
from swtracker.services.setup import open_database
from swtracker.store.bulk import BULK_CACHE_KIB
from swtracker.store.engine import transaction
from swtracker.store.entries import EntryFilter, EntryView, select_entries
from swtracker.store.models import StationAlias
from swtracker.store.reports import BULK_INDEXES, REPORT_COLUMNS

SEASON = (date(2026, 3, 29), date(2026, 10, 24))  # A26, covered by the bundled schedules
NOW = datetime(2026, 11, 1, tzinfo=UTC)
RUNS = 5  # alternating runs of each: the 2-second floor alone moves by a fifth from run to run
T = TypeVar("T")
STATUSES = ("jammed",) * 4 + ("blocked",) * 3 + ("clear",) * 2 + ("silent",)
JAMMERS = ("noise", "noise", "noise", "jet", "pulse", "warble", "music", "tone", "other")
LOCATIONS = ("PM37lm", "PM37", "QN23", "PM95vr12", "Seoul", "서울 마포구", "near Tokyo", "BP51", "JO62")
RECEIVERS = ("IC-R75 + 20 m longwire", "Tecsun PL-880", "KiwiSDR Tokyo", "Airspy HF+ / mini-whip", "")
NOTES = (
    "",
    "",
    "",
    "weak with jamming",
    "잡음 재밍이 심함",
    "=SUM(A1:A9) pasted by mistake",
    "- faded out at :45",
    "ID heard",
)


def _broadcasts(database: Database) -> tuple[list[EntryView], dict[int, list[str]]]:
    """The bundled broadcasts valid in the season, and every name (aliases included) of their stations."""
    with transaction(database.engine, write=False) as session:
        views = [
            v
            for v in select_entries(session, true(), EntryFilter(kind="broadcast"))
            if v.validity[1] >= SEASON[0] and v.validity[0] <= SEASON[1] and v.entry.station_id is not None
        ]
        names: dict[int, list[str]] = {}
        for station_id, alias in session.execute(select(col(StationAlias.station_id), col(StationAlias.alias))):
            names.setdefault(station_id, []).append(alias)
    return views, names


def _observation(view: EntryView, rng: random.Random) -> datetime | None:
    """A random instant during one of the entry's occurrences in the season."""
    first, last = max(view.validity[0], SEASON[0]), min(view.validity[1], SEASON[1])
    for _ in range(20):
        day = first + timedelta(days=rng.randrange((last - first).days + 1))
        start = datetime(day.year, day.month, day.day, tzinfo=UTC)
        found = list(occurrences_between(view.window, view.days_rule, *view.validity, start, start + timedelta(days=1)))
        if found:
            occurrence = found[0]
            minutes = int((occurrence.end - occurrence.start).total_seconds() // 60)
            return occurrence.start + timedelta(minutes=rng.randrange(max(minutes, 1)))
    return None


def _codes(rng: random.Random, jammed: bool) -> tuple[str | None, str | None]:
    """A SINPO (7 in 10) or an SIO with `j` when jammed; the I digit is low when jammed."""
    interference = rng.randint(1, 3) if jammed else 5
    if rng.random() < 0.7:
        return f"{rng.randint(2, 4)}{interference}{rng.randint(2, 4)}3{rng.randint(1, 4)}", None
    return None, f"{rng.randint(2, 4)}{interference}{rng.randint(1, 3)}" + ("j" if jammed else "")


def build_records(database: Database, rows: int, seed: int = 26) -> list[list[str]]:
    """Realistic rows: 4 in 5 name their station (canonical name or an alias), 1 in 5 leave it to attribution;
    1 in 5 carry no uid; frequencies a little off and now and then mistyped (nothing on air there); statuses,
    codes, jammers, locations and notes (Korean, formula-looking) mixed. Rows
    without uid differ in what their generated uid is made of, as one listener's reports do. Returns CSV rows."""
    rng = random.Random(seed)
    views, names = _broadcasts(database)
    reporters = [f"JA{n}XYZ" if n % 2 else f"HL{n}ABC" for n in range(60)]
    records: list[list[str]] = []
    keys: set[tuple[object, ...]] = set()
    while len(records) < rows:
        view = rng.choice(views)
        observed = _observation(view, rng)
        if observed is None:
            continue
        status = rng.choice(STATUSES)
        jammed = status in ("jammed", "blocked")
        sinpo, sio = _codes(rng, jammed)
        record = ListenerReport(
            uid=uuid.UUID(int=rng.getrandbits(128)).hex if (has_uid := rng.random() < 0.8) else "",
            observed_at=observed,
            frequency_khz=view.entry.frequency_khz + rng.choice((0, 0, 0, 0, 0.5, -1, 5)),  # 5: a mistyped frequency
            station=rng.choice(names[view.entry.station_id or 0]) if rng.random() < 0.8 else None,
            status=status,
            sinpo=sinpo,
            sio=sio,
            jammer=rng.choice(JAMMERS) if jammed else None,
            reporter=rng.choice(reporters),
            location=rng.choice(LOCATIONS),
            receiver=rng.choice(RECEIVERS) or None,
            notes=rng.choice(NOTES) or None,
        )
        key = (record.observed_at, record.frequency_khz, record.station, record.status, record.reporter)
        if not has_uid and key in keys:
            continue
        keys.add(key)
        cells = report_cells(record)
        records.append(cells if has_uid else ["", *cells[1:]])
    return records


def timed(action: Callable[[], T]) -> tuple[float, T]:
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


def timed_both(action: Callable[[], T]) -> tuple[float, float, T]:
    """Wall and CPU seconds of this process (the import and sqlite3 both run in it)."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = action()
    return time.perf_counter() - wall, time.process_time() - cpu, result


def copy_database(template: Path, target: Path) -> Database:
    shutil.copyfile(template, target)
    return open_database(str(target))


def sqlite_baseline(imported: Path, template: Path, target: Path, *, cpu: bool = False) -> float:
    """The insert floor: sqlite3 alone loading the rows the service stored (read back from its database) into
    a copy of the template, with the service's column list, settings and index rebuild (common.sqlite_insert_floor);
    wall seconds, or with `cpu` CPU seconds."""
    columns = [*REPORT_COLUMNS, "created_at"]
    with sqlite3.connect(imported) as source:
        rows = source.execute(f"SELECT {', '.join(columns)} FROM report ORDER BY id").fetchall()
    shutil.copyfile(template, fresh_sqlite(target))
    return sqlite_insert_floor(target, "report", columns, rows, BULK_INDEXES, BULK_CACHE_KIB, cpu=cpu)


def prepare(directory: Path, rows: int) -> tuple[Path, Path]:
    """A database with the bundled schedules (folded into one file, to copy) and the report file to import."""
    template = directory / "template.sqlite"
    database = open_database(str(template))  # created, migrated, bundled schedules loaded
    records = build_records(database, rows)
    database.engine.dispose()
    with sqlite3.connect(template) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    csv_path = directory / "reports.csv"
    with csv_path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(HEADER)
        writer.writerows(records)
    return template, csv_path


TARGET_RATIO = 2.5  # issue 18: the import at most 2.5x the insert floor of the rows it stored


def csv_reading(csv_path: Path) -> float:
    """Python's csv.reader alone over the file: split into cells, nothing validated or stored (CPU seconds)."""
    start = time.process_time()
    with csv_path.open(encoding="utf-8", newline="") as stream:
        deque(csv.reader(stream), maxlen=0)
    return time.process_time() - start


def spread(ratios: list[float]) -> str:
    return f"{min(ratios):.2f}-{max(ratios):.2f}"


@dataclass
class Runs:
    """Alternating runs of the service and its insert floor on the same rows, in wall and CPU seconds."""

    service_wall: list[float] = field(default_factory=list)
    service_cpu: list[float] = field(default_factory=list)
    floor_wall: list[float] = field(default_factory=list)
    floor_cpu: list[float] = field(default_factory=list)

    def measure(self, template: Path, csv_path: Path, target: Path) -> ReportImportResult:
        fresh = copy_database(template, target)
        wall, cpu, result = timed_both(lambda: import_reports(fresh, csv_path, now=NOW))
        fresh.engine.dispose()
        assert not result.bad, result.bad[:3]
        self.service_wall.append(wall)
        self.service_cpu.append(cpu)
        floor_db = target.with_name("baseline.sqlite")
        self.floor_wall.append(sqlite_baseline(target, template, floor_db))
        self.floor_cpu.append(sqlite_baseline(target, template, floor_db, cpu=True))
        return result

    def ratios(self, cpu: bool) -> list[float]:
        services, floors = (self.service_cpu, self.floor_cpu) if cpu else (self.service_wall, self.floor_wall)
        return [service / floor for service, floor in zip(services, floors, strict=True)]

    def ratio(self, cpu: bool) -> float:
        """The judged figure: median service time over median floor time."""
        services, floors = (self.service_cpu, self.floor_cpu) if cpu else (self.service_wall, self.floor_wall)
        return statistics.median(services) / statistics.median(floors)


def reports_comparisons(rows: int = 100_000) -> list[Comparison]:
    """For bench/run.py: the service against the insert floor of the rows it stored (sqlite3 executemany, same
    columns, settings and index rebuild), measured right after it in the same run, in wall and in CPU seconds
    (steadier on a machine shared by many); limit TARGET_RATIO. For context csv.reader alone plus the floor,
    the least any CSV import could take."""
    runs = Runs()
    reading_runs = []
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp)
        template, csv_path = prepare(directory, rows)
        for run in range(RUNS):  # alternate, so a busy moment of the machine hits both alike
            reading_runs.append(csv_reading(csv_path))
            runs.measure(template, csv_path, directory / f"service-{run}.sqlite")
    median = statistics.median
    service, floor = median(runs.service_wall), median(runs.floor_wall)
    service_cpu, floor_cpu = median(runs.service_cpu), median(runs.floor_cpu)
    print(
        f"reports import: {rows:,} rows at {rows / service:,.0f} rows/s; medians of {RUNS} alternating runs; "
        f"import / floor per run: wall {spread(runs.ratios(False))}, CPU {spread(runs.ratios(True))}"
    )
    floor_name = "insert floor: sqlite3 executemany"
    return [
        Comparison(f"reports import {rows:,} rows, wall", service, floor, floor_name, TARGET_RATIO),
        Comparison(f"reports import {rows:,} rows, CPU", service_cpu, floor_cpu, f"{floor_name}, CPU", TARGET_RATIO),
        Comparison("  csv.reader + insert floor, CPU", median(reading_runs) + floor_cpu, floor_cpu, "floor", None),
    ]


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    runs = Runs()
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp)
        template, csv_path = prepare(directory, rows)
        for run in range(RUNS):  # alternate, so a busy moment of the machine hits both alike
            result = runs.measure(template, csv_path, directory / f"service-{run}.sqlite")
        imported = open_database(str(directory / f"service-{RUNS - 1}.sqlite"))
        again_seconds, again = timed(lambda: import_reports(imported, csv_path, now=NOW))
        imported.engine.dispose()

        shutil.copyfile(template, directory / "cli.sqlite")
        command = [sys.executable, "-m", "swtracker", "--db", str(directory / "cli.sqlite"), "reports", "import"]
        cli_seconds, _ = timed(lambda: subprocess.run([*command, str(csv_path)], check=True, capture_output=True))

    service, floor = statistics.median(runs.service_wall), statistics.median(runs.floor_wall)
    print(f"{rows:,} rows; attributions {dict(result.attributions)}; re-import: {again.unchanged:,} unchanged")
    print(f"medians of {RUNS} alternating runs for the service and the floor; one run for the others")
    print(f"{'method (wall seconds)':<48}{'seconds':>9}{'rows/s':>12}{'vs floor':>12}")
    table = [
        ("import_reports (service, one transaction)", service),
        ("import_reports again (all rows unchanged)", again_seconds),
        ("swtracker reports import (CLI, with start-up)", cli_seconds),
        ("insert floor: sqlite3 executemany, same rows", floor),
    ]
    for name, seconds in table:
        print(f"{name:<48}{seconds:>9.2f}{rows / seconds:>12,.0f}{seconds / floor:>11.2f}x")
    for clock, cpu in (("wall", False), ("CPU", True)):
        ratio = runs.ratio(cpu)
        verdict = "ok" if ratio <= TARGET_RATIO else "MISSED"
        print(f"judged, {clock}: import / insert floor {ratio:.2f} (per run {spread(runs.ratios(cpu))}), ", end="")
        print(f"limit {TARGET_RATIO} [{verdict}]")


if __name__ == "__main__":
    main()
