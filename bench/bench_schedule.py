"""Schedule benchmarks (issues 3 and 4), each against a baseline measured in the same run:

* importing 939,100 EiBi rows (sked-a26.csv repeated 100 times) vs the sqlite3 shell's raw `.import` of the
  same file, in wall and in CPU seconds (issue 18: <= 3.0x); for context, in CPU seconds, the insert floor
  (sqlite3 executemany of the same rows already parsed, see common.sqlite_insert_floor) against both, and the
  parser alone; the import's peak memory vs importing the 9,391-row file (streamed: it must stay flat); for
  context too, the same against a file of 939,100 rows whose lines and labels do not repeat (see
  distinct_csv), harder than a real file of that size: the repeated file lets the parser skip lines it has seen;
* `now --freq` on the 939k-row database vs the same on the 9.4k-row A26 database;
* `swtracker --help` vs `python -c 'import typer'`; `swtracker now` vs `python -c 'import typer, sqlmodel'` (CPU).
"""

from __future__ import annotations

import shutil
import sqlite3
import sys
import time
from collections import deque
from collections.abc import Iterator
from pathlib import Path

from bench.common import SWTRACKER, Comparison, Run, alternate, fresh_sqlite, run, sqlite_insert_floor
from swtracker.domain.seasons import Season
from swtracker.formats import eibi
from swtracker.formats.text import decoded_lines
from swtracker.store import line_writes

SHARED_EIBI = Path(__file__).resolve().parents[2] / "shared" / "data" / "eibi" / "sked-a26.csv"
COPIES = 100
NOW_AT = ["--at", "2026-07-01T12:00Z", "--freq", "6015", "--json"]


def big_csv(workdir: Path) -> Path:
    """sked-a26.csv with its 9,391 data rows repeated 100 times under one header (939,100 rows)."""
    target = workdir / "sked-a26-x100.csv"
    if not target.exists():
        header, _, body = SHARED_EIBI.read_bytes().partition(b"\r\n")
        with target.open("wb") as out:
            out.write(header + b"\r\n")
            for _ in range(COPIES):
                out.write(body)
    return target


def distinct_csv(workdir: Path) -> Path:
    """sked-a26.csv 100 times, copy k's frequencies k kHz higher (6015 -> 6022 in copy 7; 16.3 -> 16.307, a
    decimal cell given two more digits) and its target codes given k as two more characters (SAs -> SAs07): no
    line's text, nor any label, repeats one of an earlier copy, which is harder than a real file (a quarter of
    sked-a26's lines repeat an earlier line's text after the kHz); stations and timings are those of sked-a26."""
    target = workdir / "sked-a26-x100-distinct.csv"
    if not target.exists():
        header, _, body = SHARED_EIBI.read_bytes().partition(b"\r\n")
        rows = [line.split(b";") for line in body.split(b"\r\n")]
        with target.open("wb") as out:
            out.write(header + b"\r\n")
            for copy in range(COPIES):
                out.write(b"\r\n".join(b";".join(_made_distinct(cells, copy)) for cells in rows))
    return target


def _made_distinct(cells: list[bytes], copy: int) -> list[bytes]:
    if len(cells) < 7:  # the file's last, empty line
        return cells
    khz = cells[0] + b"%02d" % copy if b"." in cells[0] else b"%d" % (int(cells[0]) + copy)
    return [khz, *cells[1:6], cells[6] + b"%02d" % copy, *cells[7:]]


def raw_import(workdir: Path, csv: Path) -> Run:
    """The sqlite3 shell's `.import` of an EiBi file into a fresh table of text columns: the baseline."""
    script = workdir / "raw-import.sql"
    script.write_text(
        "CREATE TABLE raw(khz, time, days, itu, station, lng, target, remarks, p, start, stop);\n"
        f".separator ;\n.import --skip 1 {csv} raw\n"
    )
    return run(["sqlite3", str(fresh_sqlite(workdir / "raw.db"))], stdin=script)


def insert_floor(workdir: Path, small_db: Path) -> float:
    """sqlite3 alone loading the 939,100 rows already parsed: the 9,391 stored lines of the A26 import, 100
    times (lines renumbered), into a copy of that database, through the import's own column list (its timings
    are already stored: a file has a few thousand)."""
    columns = ["source_id", *line_writes.bound_columns(with_detail=False)]
    with sqlite3.connect(small_db) as source:
        (source_id,) = source.execute("SELECT id FROM source WHERE name = 'sked-a26'").fetchone()
        rows = source.execute(
            f"SELECT {', '.join(columns)} FROM schedule_line WHERE source_id = ? ORDER BY line", (source_id,)
        ).fetchall()
    floor_db = fresh_sqlite(workdir / "floor.db")
    with sqlite3.connect(small_db) as source, sqlite3.connect(floor_db) as target:
        source.backup(target)
    with sqlite3.connect(floor_db) as target:
        target.execute("DELETE FROM schedule_line WHERE source_id = ?", (source_id,))
    line = columns.index("line")

    def copies() -> Iterator[tuple[object, ...]]:
        for copy in range(COPIES):
            for row in rows:
                yield (*row[:line], row[line] + copy * len(rows), *row[line + 1 :])

    return sqlite_insert_floor(floor_db, "schedule_line", columns, copies(), line_writes.BULK_INDEXES, cpu=True)


def parse_only(big: Path) -> float:
    """The EiBi parser alone over the 939,100-row file: decode and parse every line into the rows an import
    stores (CompactRow), no database (CPU time)."""
    start = time.process_time()
    with big.open("rb") as stream:
        chunks = iter(lambda: stream.read(1 << 20), b"")
        deque(eibi.parse_compact(decoded_lines(chunks), season=Season.parse("A26")), maxlen=0)
    return time.process_time() - start


def import_comparisons(workdir: Path) -> list[Comparison]:
    big, distinct = big_csv(workdir), distinct_csv(workdir)
    baseline = raw_import(workdir, big)
    # Both databases start with the schema and bundled schedules, so only the import itself is timed.
    big_db, small_db = fresh_sqlite(workdir / "big.db"), fresh_sqlite(workdir / "a26.db")
    for database in (big_db, small_db):
        run([*SWTRACKER, "--db", str(database), "init"])
    imported = run([*SWTRACKER, "--db", str(big_db), "import", str(big), "--season", "A26"])
    distinct_baseline = raw_import(workdir, distinct)
    distinct_db = fresh_sqlite(workdir / "distinct.db")
    shutil.copyfile(small_db, distinct_db)  # the schema and bundled schedules only, as big.db had
    distinct_import = run([*SWTRACKER, "--db", str(distinct_db), "import", str(distinct), "--season", "A26"])
    small = run([*SWTRACKER, "--db", str(small_db), "import", str(SHARED_EIBI)])
    floor = insert_floor(workdir, small_db)
    parsing = parse_only(big)
    cpu = "sqlite3 .import (raw), CPU"
    return [
        Comparison("import 939,100 EiBi rows, wall", imported.seconds, baseline.seconds, "sqlite3 .import (raw)", 3.0),
        # CPU seconds (user + system) are what a machine shared by many gives steadily; the issue 18 target.
        Comparison("import 939,100 EiBi rows, CPU", imported.cpu_seconds, baseline.cpu_seconds, cpu, 3.0),
        Comparison("  insert floor: parsed rows, sqlite3 only", floor, baseline.cpu_seconds, cpu, None),
        Comparison("  import vs its insert floor, CPU", imported.cpu_seconds, floor, "sqlite3 executemany, CPU", None),
        Comparison("  parse only, no database", parsing, baseline.cpu_seconds, cpu, None),
        Comparison(
            "  939,100 rows, lines and labels not repeated, CPU",
            distinct_import.cpu_seconds,
            distinct_baseline.cpu_seconds,
            "sqlite3 .import of them, CPU",
            None,
        ),
        Comparison(
            "import peak memory, 939k vs 9.4k rows",
            imported.max_rss_kb / 1024,
            small.max_rss_kb / 1024,
            "import of 9.4k rows",
            1.5,
            "MB",
        ),
    ]


def query_comparisons(workdir: Path, repeats: int = 9) -> list[Comparison]:
    big_db, small_db = workdir / "big.db", workdir / "a26.db"
    freq_run = alternate(
        [*SWTRACKER, "--db", str(big_db), "now", *NOW_AT], [*SWTRACKER, "--db", str(small_db), "now", *NOW_AT], repeats
    )
    # Start-up lines in CPU seconds, as bench_startup's: a tenth of a second of wall time is mostly the others.
    help_run = alternate([*SWTRACKER, "--help"], [sys.executable, "-c", "import typer"], repeats, cpu=True)
    bundled_db = fresh_sqlite(workdir / "bundled.db")
    run([*SWTRACKER, "--db", str(bundled_db), "init"])
    now_run = alternate(
        [*SWTRACKER, "--db", str(bundled_db), "now"],
        [sys.executable, "-c", "import typer, sqlmodel"],
        repeats,
        cpu=True,
    )
    return [
        Comparison(
            "now --freq on 939k rows", *freq_run[:2], "now --freq on 9.4k rows", 1.5, paired_ratio=freq_run.ratio
        ),
        Comparison(
            "swtracker --help (CPU)", *help_run[:2], "python -c 'import typer'", 1.5, paired_ratio=help_run.ratio
        ),
        Comparison(
            "swtracker now (CPU)", *now_run[:2], "python -c 'import typer, sqlmodel'", 1.5, paired_ratio=now_run.ratio
        ),
    ]


def require_tools() -> None:
    if shutil.which("sqlite3") is None:
        raise SystemExit("the sqlite3 shell is needed for the baselines (Debian: apt-get install sqlite3)")
    if not SHARED_EIBI.exists():
        raise SystemExit(f"{SHARED_EIBI} is needed (the ../shared data of the project)")
