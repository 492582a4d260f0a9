"""Timing helpers for the benchmarks: whole commands, run alternately with their baselines, medians reported.

These machines are noisy, so every figure is a ratio against a baseline measured in the same run."""

from __future__ import annotations

import argparse
import os
import platform
import sqlite3
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

PYTHON = sys.executable
SWTRACKER = [PYTHON, "-m", "swtracker"]


@dataclass
class Run:
    seconds: float
    max_rss_kb: int
    cpu_seconds: float  # user + system time of the child: steadier than wall time on a machine shared by many


@dataclass
class Comparison:
    name: str
    measured: float
    baseline: float
    baseline_name: str
    limit: float | None  # the largest acceptable measured / baseline; None: shown for context only
    unit: str = "s"
    # The median of the run-by-run ratios, when the two were run in pairs (`alternate`): on a machine whose speed
    # drifts, one slow or quick baseline run moves a ratio of medians far more than it moves this.
    paired_ratio: float | None = None

    @property
    def ratio(self) -> float:
        return self.measured / self.baseline if self.paired_ratio is None else self.paired_ratio

    @property
    def verdict(self) -> str:
        if self.limit is None:
            return "context"
        return "ok" if self.ratio <= self.limit else "MISSED"


def run(command: Sequence[str], *, stdin: Path | None = None, env: dict[str, str] | None = None) -> Run:
    """Run a command to completion; wall time and the child's peak resident memory."""
    with open(stdin, "rb") if stdin else open(os.devnull, "rb") as source:
        start = time.perf_counter()
        process = subprocess.Popen(
            command, stdin=source, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env={**os.environ, **(env or {})}
        )
        assert process.stderr is not None
        error = process.stderr.read()
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{error.decode(errors='replace')}")
    return Run(elapsed, usage.ru_maxrss, usage.ru_utime + usage.ru_stime)


class Paired(NamedTuple):
    first: float  # median time of the first command
    second: float  # median time of the second
    ratio: float  # median of first / second, pair by pair


def alternate(first: Sequence[str], second: Sequence[str], repeats: int, *, cpu: bool = False) -> Paired:
    """Median wall (or, with `cpu`, CPU) times of two commands run one after the other, `repeats` times each, and
    the median of their ratios pair by pair."""
    a: list[float] = []
    b: list[float] = []
    for _ in range(repeats):
        for command, times in ((first, a), (second, b)):
            result = run(command)
            times.append(result.cpu_seconds if cpu else result.seconds)
    return Paired(
        statistics.median(a), statistics.median(b), statistics.median(x / y for x, y in zip(a, b, strict=True))
    )


def fresh_sqlite(path: Path) -> Path:
    """`path` with no SQLite database (nor its -wal/-shm files) left from an earlier run."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    return path


def sqlite_insert_floor(
    database: Path,
    table_name: str,
    columns: Sequence[str],
    rows: Iterable[tuple[object, ...]],
    rebuilt: Sequence[str],
    cache_kib: int | None = None,
    *,
    cpu: bool = False,
) -> float:
    """What sqlite3 alone needs to load rows that are already parsed: the swtracker connection settings, one
    transaction, executemany of the tuples, the `rebuilt` indexes dropped first and built again at the end as
    swtracker's bulk loads do, and `cache_kib` of page cache when the load sets that. No parsing, validation
    or attribution: a floor for the import, not a target. Wall time, or with `cpu` this process's CPU time."""
    clock = time.process_time if cpu else time.perf_counter
    connection = sqlite3.connect(database, isolation_level=None)
    for pragma in ("journal_mode = WAL", "synchronous = NORMAL", "foreign_keys = ON"):
        connection.execute(f"PRAGMA {pragma}")
    if cache_kib is not None:
        connection.execute(f"PRAGMA cache_size = -{cache_kib}")
    wanted = ", ".join("?" * len(rebuilt))
    indexes = connection.execute(f"SELECT name, sql FROM sqlite_master WHERE name IN ({wanted})", rebuilt).fetchall()
    assert len(indexes) == len(rebuilt), indexes
    sql = f"INSERT INTO {table_name} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
    start = clock()
    connection.execute("BEGIN IMMEDIATE")
    for name, _ in indexes:
        connection.execute(f"DROP INDEX {name}")
    connection.executemany(sql, rows)
    for _, index_sql in indexes:
        connection.execute(index_sql)
    connection.execute("COMMIT")
    elapsed = clock() - start
    connection.close()
    return elapsed


def table(comparisons: Sequence[Comparison]) -> str:
    lines = [f"{'comparison':44} {'measured':>10} {'baseline':>10} {'ratio':>7} {'limit':>6}  baseline", "-" * 110]
    for c in comparisons:
        limit = f"{c.limit:>6.2f}" if c.limit is not None else f"{'-':>6}"
        lines.append(
            f"{c.name:44} {c.measured:>9.3f}{c.unit} {c.baseline:>9.3f}{c.unit} {c.ratio:>7.2f} {limit}  "
            f"{c.baseline_name}  [{c.verdict}]"
        )
    return "\n".join(lines)


def standalone(doc: str | None, comparisons_of: Callable[[Path, int], list[Comparison]], rows: int) -> None:
    """`python -m bench.X [--workdir DIR] [--rows N]` for one benchmark module: its comparisons as a table."""
    parser = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--workdir", type=Path, default=Path(__file__).parent / "work")
    parser.add_argument("--rows", type=int, default=rows)
    options = parser.parse_args()
    options.workdir.mkdir(parents=True, exist_ok=True)
    comparisons = comparisons_of(options.workdir, options.rows)
    print(f"{platform.node()}: {platform.processor() or platform.machine()}, Python {platform.python_version()}")
    print(table(comparisons))
