"""Schedule benchmarks (issues 3 and 4), each against a baseline measured in the same run:

* importing 939,100 EiBi rows (sked-a26.csv repeated 100 times) vs the sqlite3 shell's raw `.import` of the
  same file, and the import's peak memory vs importing the 9,391-row file (streamed: it must stay flat);
* `now --freq` on the 939k-row database vs the same on the 9.4k-row A26 database;
* `swtracker --help` vs `python -c 'import typer'`; `swtracker now` vs `python -c 'import typer, sqlmodel'`.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from bench.common import SWTRACKER, Comparison, alternate, run

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


def _fresh(path: Path) -> Path:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    return path


def import_comparisons(workdir: Path) -> list[Comparison]:
    big = big_csv(workdir)
    script = workdir / "raw-import.sql"
    script.write_text(
        "CREATE TABLE raw(khz, time, days, itu, station, lng, target, remarks, p, start, stop);\n"
        f".separator ;\n.import --skip 1 {big} raw\n"
    )
    raw_db = _fresh(workdir / "raw.db")
    baseline = run(["sqlite3", str(raw_db)], stdin=script)
    # Both databases start with the schema and bundled schedules, so only the import itself is timed.
    big_db, small_db = _fresh(workdir / "big.db"), _fresh(workdir / "a26.db")
    for database in (big_db, small_db):
        run([*SWTRACKER, "--db", str(database), "init"])
    imported = run([*SWTRACKER, "--db", str(big_db), "import", str(big), "--season", "A26"])
    small = run([*SWTRACKER, "--db", str(small_db), "import", str(SHARED_EIBI)])
    return [
        Comparison("import 939,100 EiBi rows", imported.seconds, baseline.seconds, "sqlite3 .import (raw)", 2.0),
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
    big, small = alternate(
        [*SWTRACKER, "--db", str(big_db), "now", *NOW_AT], [*SWTRACKER, "--db", str(small_db), "now", *NOW_AT], repeats
    )
    help_time, typer_time = alternate([*SWTRACKER, "--help"], [sys.executable, "-c", "import typer"], repeats)
    bundled_db = _fresh(workdir / "bundled.db")
    run([*SWTRACKER, "--db", str(bundled_db), "init"])
    now_time, stack_time = alternate(
        [*SWTRACKER, "--db", str(bundled_db), "now"], [sys.executable, "-c", "import typer, sqlmodel"], repeats
    )
    return [
        Comparison("now --freq on 939k rows", big, small, "now --freq on 9.4k rows", 1.5),
        Comparison("swtracker --help", help_time, typer_time, "python -c 'import typer'", 1.5),
        Comparison("swtracker now", now_time, stack_time, "python -c 'import typer, sqlmodel'", 1.5),
    ]


def require_tools() -> None:
    if shutil.which("sqlite3") is None:
        raise SystemExit("the sqlite3 shell is needed for the baselines (Debian: apt-get install sqlite3)")
    if not SHARED_EIBI.exists():
        raise SystemExit(f"{SHARED_EIBI} is needed (the ../shared data of the project)")
