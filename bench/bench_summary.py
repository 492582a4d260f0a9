"""Summary benchmark (issue 6): `summary --by station` over 1,000,000 reports vs the sqlite3 shell running the same
GROUP BY on the same file, in the same run.

Builds (once; reused from the work directory) an SQLite database with the bundled schedules, 50 stations and
1,000,000 reports spread over two years with every status, written with chunked Core inserts. Then times, one
after the other so machine noise hits both alike: the service (`services.summary.summarize`, in process, its
read transaction and station-name look-up included) and the `sqlite3` shell (process start-up included) running
the bare aggregate. Once more through the CLI (`swtracker summary --json`, Python start-up included). Not a test:

    .venv/bin/python -m bench.bench_summary [--workdir DIR] [--rows N]
"""

from __future__ import annotations

import random
import statistics
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import delete, func, insert, select
from sqlmodel import Session

from bench.common import SWTRACKER, Comparison, run, standalone
from swtracker.services.setup import open_database
from swtracker.services.summary import SummaryQuery, summarize
from swtracker.store.engine import transaction
from swtracker.store.models import Report, Station

REPORTS = 1_000_000
STATIONS = 50
CHUNK_ROWS = 10_000
FIRST_DAY = datetime(2024, 11, 1, tzinfo=UTC)
DAYS = 730
CREATED_AT = datetime(2026, 11, 1, tzinfo=UTC)
STATUS_NAMES = ("clear", "jammed", "blocked", "silent")
JAMMERS = ("noise", "noise", "noise", "jet", "pulse", "warble", "music", "tone", "other")
SITES = ("h", "d", "k", "/UZB", "/TWN", "/MNG", "/PHL-t", None)
BASELINE_SQL = (
    "SELECT station_id, count(*), "
    + ", ".join(f"sum(CASE WHEN status = '{s}' THEN 1 ELSE 0 END)" for s in STATUS_NAMES)
    + ", min(observed_at), max(observed_at) FROM report GROUP BY station_id;"
)


def _stations(session: Session, wanted: int) -> list[tuple[int, str]]:
    """The bundled stations plus bench stations up to `wanted`, as (id, name)."""
    have = [(station.id or 0, station.name) for station in session.scalars(select(Station))]
    extra = [
        {"key": f"bench-{n:02d}", "name": f"Bench Station {n:02d}", "curated": False} for n in range(wanted - len(have))
    ]
    if extra:
        session.execute(insert(Station), extra)
        have = [(station.id or 0, station.name) for station in session.scalars(select(Station))]
    return have[:wanted]


def _report_rows(stations: list[tuple[int, str]], rows: int, rng: random.Random) -> list[dict[str, object]]:
    """Reports spread over the stations (a few much more listened to), two years and the evening hours; each
    station has its own mix of statuses; 2 in 100 unattributed, 1 in 100 ambiguous."""
    weights = [1 / (rank + 1) for rank in range(len(stations))]
    mixes = [[rng.random() + 0.2 for _ in STATUS_NAMES] for _ in stations]
    hours = [1 + 4 * (12 <= hour <= 22) for hour in range(24)]
    picks = rng.choices(range(len(stations)), weights, k=rows)
    result = []
    for pick in picks:
        at = FIRST_DAY + timedelta(days=rng.randrange(DAYS), hours=rng.choices(range(24), hours)[0])
        at += timedelta(minutes=rng.randrange(60))
        status = rng.choices(STATUS_NAMES, mixes[pick])[0]
        draw = rng.random()
        attribution = "unattributed" if draw < 0.02 else "ambiguous" if draw < 0.03 else "given"
        station_id, name = stations[pick] if attribution == "given" else (None, "")
        result.append(
            {
                "uid": uuid.UUID(int=rng.getrandbits(128)).hex,
                "observed_at": at,
                "utc_date": at.year * 10000 + at.month * 100 + at.day,
                "utc_hour": at.hour,
                "utc_weekday": at.weekday(),
                "utc_month": at.year * 100 + at.month,
                "frequency_khz": float(rng.choice((6015, 7615, 9960, 5920, 7235, 11560))),
                "station_id": station_id,
                "station_name": name,
                "attribution": attribution,
                "candidates": "A; B" if attribution == "ambiguous" else "",
                "status": status,
                "jammer": rng.choice(JAMMERS) if status in ("jammed", "blocked") else None,
                "reporter": f"HL{rng.randrange(200)}",
                "site": rng.choice(SITES) if station_id is not None else None,
                "created_at": CREATED_AT,
            }
        )
    return result


def build_database(path: Path, rows: int) -> None:
    """The database, unless it already holds `rows` reports."""
    database = open_database(str(path))
    with transaction(database.engine, write=False) as session:
        count = session.scalar(select(func.count()).select_from(Report)) or 0
    if count == rows:
        database.engine.dispose()
        return
    print(f"building {path} with {rows:,} reports ...", flush=True)
    rng = random.Random(6)
    start = time.perf_counter()
    with transaction(database.engine, write=True) as session:
        session.execute(delete(Report))
        stations = _stations(session, STATIONS)
        connection = session.connection()
        for first in range(0, rows, CHUNK_ROWS):
            connection.execute(insert(Report), _report_rows(stations, min(CHUNK_ROWS, rows - first), rng))
    with database.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        connection.exec_driver_sql("ANALYZE")
    database.engine.dispose()
    print(f"built in {time.perf_counter() - start:.0f} s", flush=True)


def _service_seconds(path: Path) -> tuple[float, int]:
    database = open_database(str(path))
    try:
        start = time.perf_counter()
        result = summarize(database, SummaryQuery(by=("station",)))
        return time.perf_counter() - start, len(result.groups)
    finally:
        database.engine.dispose()


def summary_comparisons(workdir: Path, rows: int = REPORTS, repeats: int = 7) -> list[Comparison]:
    path = workdir / f"summary-{rows}.db"
    build_database(path, rows)
    shell = ["sqlite3", str(path), BASELINE_SQL]
    service_runs, shell_runs = [], []
    for _ in range(repeats):
        seconds, groups = _service_seconds(path)
        service_runs.append(seconds)
        shell_runs.append(run(shell).seconds)
    cli = run([*SWTRACKER, "--db", str(path), "summary", "--json"]).seconds
    service, baseline = statistics.median(service_runs), statistics.median(shell_runs)
    print(f"{rows:,} reports, {groups} groups; medians of {repeats} alternating runs; the CLI once")
    return [
        Comparison(f"summary --by station, {rows:,} reports (service)", service, baseline, "sqlite3 shell", 2.0),
        # Context, not judged: the whole command includes Python's start-up, which the shell does not pay.
        Comparison(f"swtracker summary --json, {rows:,} reports (CLI)", cli, baseline, "sqlite3 shell", None),
    ]


def main() -> None:
    standalone(__doc__, summary_comparisons, REPORTS)


if __name__ == "__main__":
    main()
