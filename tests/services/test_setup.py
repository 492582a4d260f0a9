"""The first-use set-up (schema, then bundled schedules) under concurrency: six real processes whose first use
of a new, empty database is the same moment all succeed, and the set-up happens exactly once."""

from __future__ import annotations

import subprocess
import sys

from sqlalchemy import create_engine, text

from swtracker.services.bundled import bundled_schedule_files

PROCESSES = 6


def test_six_first_uses_at_once_all_store_their_report(db_url: str) -> None:
    commands = [
        [
            sys.executable,
            "-m",
            "swtracker",
            "--db",
            db_url,
            "log",
            "6015",
            "--status",
            "jammed",
            "--at",
            f"2026-07-01T12:0{n}Z",
        ]
        for n in range(PROCESSES)
    ]
    running = [subprocess.Popen(c, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for c in commands]
    outcomes = [(p.wait(timeout=120), p.stderr.read() if p.stderr else "") for p in running]
    for process in running:
        for stream in (process.stdout, process.stderr):
            if stream is not None:
                stream.close()
    assert [code for code, _ in outcomes] == [0] * PROCESSES, outcomes
    assert not [err for _, err in outcomes if "Traceback" in err]
    engine = create_engine(db_url)
    with engine.connect() as connection:
        reports = connection.execute(text("SELECT count(*) FROM report")).scalar()
        sources = connection.execute(text("SELECT count(*), count(DISTINCT name) FROM source")).one()
        versions = connection.execute(text("SELECT count(*) FROM alembic_version")).scalar()
    engine.dispose()
    assert reports == PROCESSES
    assert tuple(sources) == (len(bundled_schedule_files()),) * 2
    assert versions == 1
