"""Everyday commands as a user runs them (issue 18), each against a baseline run alternately with it:

* `summary` and `log` vs `python -c 'import sqlmodel'`, the floor of the stack every command needs;
* `now` and `next` listing every airing of the bundled schedules and EiBi A26 as a table, vs the same floor;
* `import sked-a26.csv` into a ready database (schema and bundled schedules, a fresh copy each run) vs `now` on
  the database it makes.

All on one SQLite database: `init`, then sked-a26.csv imported; `log` adds a report each run, so `summary` has
reports to group. Output goes to a pipe, so tables are laid out at Rich's default 80 columns. Figures are CPU
seconds (user + system) of each whole process, medians of alternating runs: on a machine shared by several
busy users, wall time mostly measures the others (an import's wall time varied 14-25 s for 2.3 s of CPU). The
ratio judged is the median of the nine run-by-run ratios: the baseline alone drifted 0.8-1.1 s within one run, and
a ratio of medians moved by 0.3 with it (log 1.37 against 1.13 paired).
"""

from __future__ import annotations

import shutil
import statistics
import sys
from pathlib import Path

from bench.bench_schedule import SHARED_EIBI
from bench.common import SWTRACKER, Comparison, alternate, fresh_sqlite, run

AT = ["--at", "2026-07-01T13:10Z"]
FLOOR = [sys.executable, "-c", "import sqlmodel"]
FLOOR_NAME = "python -c 'import sqlmodel'"


def ready_database(workdir: Path) -> Path:
    """A database with the schema and bundled schedules only: what `import` finds on a user's first import."""
    path = fresh_sqlite(workdir / "ready.db")
    run([*SWTRACKER, "--db", str(path), "init"])
    return path


def startup_comparisons(workdir: Path, repeats: int = 9) -> list[Comparison]:
    ready = ready_database(workdir)
    database = fresh_sqlite(workdir / "startup.db")
    shutil.copyfile(ready, database)
    run([*SWTRACKER, "--db", str(database), "import", str(SHARED_EIBI)])
    db = ["--db", str(database)]
    log = [*SWTRACKER, *db, "log", "6015", "--status", "jammed", "--jammer", "noise", *AT]
    log_run = alternate(log, FLOOR, repeats, cpu=True)
    summary_run = alternate([*SWTRACKER, *db, "summary"], FLOOR, repeats, cpu=True)
    now_run = alternate([*SWTRACKER, *db, "now", *AT], FLOOR, repeats, cpu=True)
    next_run = alternate([*SWTRACKER, *db, "next", *AT], FLOOR, repeats, cpu=True)
    imports, nows = [], []
    target = workdir / "import-target.db"
    for _ in range(repeats):
        shutil.copyfile(ready, fresh_sqlite(target))
        imports.append(run([*SWTRACKER, "--db", str(target), "import", str(SHARED_EIBI)]).cpu_seconds)
        nows.append(run([*SWTRACKER, "--db", str(target), "now", *AT]).cpu_seconds)
    import_time, now_after = statistics.median(imports), statistics.median(nows)
    import_ratio = statistics.median(i / n for i, n in zip(imports, nows, strict=True))
    return [
        Comparison("swtracker summary (CPU)", *summary_run[:2], FLOOR_NAME, 1.2, paired_ratio=summary_run.ratio),
        Comparison("swtracker log (CPU)", *log_run[:2], FLOOR_NAME, 1.2, paired_ratio=log_run.ratio),
        Comparison("now, every A26 airing, table (CPU)", *now_run[:2], FLOOR_NAME, 1.5, paired_ratio=now_run.ratio),
        Comparison("next, every A26 airing, table (CPU)", *next_run[:2], FLOOR_NAME, 1.5, paired_ratio=next_run.ratio),
        Comparison(
            "import sked-a26.csv, ready db (CPU)",
            import_time,
            now_after,
            "swtracker now on it",
            1.3,
            paired_ratio=import_ratio,
        ),
    ]
