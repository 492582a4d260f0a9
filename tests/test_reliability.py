"""Reliability: a killed import leaves the old source or the new one, never a mix; writers and a reader at once."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import make_url

from tests.conftest import EIBI_A26, needs_shared, swtracker_process

pytestmark = pytest.mark.reliability
A26_ROWS = 9389


def swtracker(db: str, *args: str) -> list[str]:
    return [sys.executable, "-m", "swtracker", "--db", db, *args]


def source_state(db: str) -> tuple[str, int, int]:
    """(sha256 recorded for sked-a26, rows_imported recorded, entries actually stored)."""
    engine = create_engine(db)
    try:
        with engine.connect() as connection:
            sha, recorded, source_id = connection.execute(
                text("SELECT sha256, rows_imported, id FROM source WHERE name = 'sked-a26'")
            ).one()
            stored = connection.execute(
                text("SELECT count(*) FROM schedule_entry WHERE source_id = :id"), {"id": source_id}
            ).scalar_one()
    finally:
        engine.dispose()
    return sha, recorded, stored


def _progressing(db: str, process: subprocess.Popen[bytes]) -> bool:
    """True once the import is writing: the SQLite WAL grows; on PostgreSQL give it a moment."""
    if process.poll() is not None:
        return False
    path = make_url(db).database
    if db.startswith("sqlite") and path:
        wal = Path(f"{path}-wal")
        return wal.exists() and wal.stat().st_size > 1024 * 1024
    time.sleep(3)
    return True


COPIES = 40


@needs_shared
def test_kill_9_in_the_middle_of_an_import_leaves_the_old_source(a26_db: str, tmp_path: Path) -> None:
    before = source_state(a26_db)
    assert before[1:] == (A26_ROWS, A26_ROWS)
    header, _, body = EIBI_A26.read_bytes().partition(b"\r\n")
    # A new version of the same source, 40 times longer: its lines alone take some 10 MB of WAL, so the import is
    # killed a tenth of the way through its writing (at 15 times, once lines got narrow, it sometimes committed
    # between the check and the kill).
    bigger = tmp_path / "sked-a26.csv"
    bigger.write_bytes(header + b"\r\n" + body * COPIES)
    process = subprocess.Popen(
        swtracker(a26_db, "import", str(bigger)), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        deadline = time.monotonic() + 120
        while not _progressing(a26_db, process):
            assert process.poll() is None, "the import finished before it could be killed"
            assert time.monotonic() < deadline
            time.sleep(0.05)
        os.kill(process.pid, signal.SIGKILL)
    finally:
        process.wait()
    assert process.returncode == -signal.SIGKILL
    if a26_db.startswith("sqlite"):
        with sqlite3.connect(make_url(a26_db).database or "") as connection:
            assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert source_state(a26_db) == before  # the old source, whole
    # ...and the next import completes normally.
    subprocess.run(swtracker(a26_db, "import", str(bigger)), check=True, capture_output=True)
    sha, recorded, stored = source_state(a26_db)
    assert (recorded, stored) == (A26_ROWS * COPIES, A26_ROWS * COPIES)
    assert sha != before[0]
    # A load this large rebuilds the secondary indexes at the end: they must all be back.
    engine = create_engine(a26_db)
    try:
        names = {index["name"] for index in inspect(engine).get_indexes("schedule_line")}
    finally:
        engine.dispose()
    assert {"ix_schedule_line_frequency", "ix_schedule_line_station"} <= names


def test_writers_and_a_reader_at_once(bundled_db: str) -> None:
    """Three listeners log five reports each while `now` reads the same SQLite file: nothing waits into a
    'database is locked', nothing is lost."""
    log = ["--db", bundled_db, "log", "6015", "--status", "jammed"]
    writers = [
        swtracker_process(
            [[*log, "--at", f"2026-07-01T12:{minute:02d}Z", "--reporter", f"W{worker}"] for minute in range(5)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        for worker in range(3)
    ]
    reader = swtracker_process(
        [["--db", bundled_db, "now", "--at", "2026-07-01T12:00Z", "--json"] for _ in range(5)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    for process in [*writers, reader]:
        _, error = process.communicate(timeout=600)
        assert process.returncode == 0, error
        assert "locked" not in error
    engine = create_engine(bundled_db)
    try:
        with engine.connect() as connection:
            by_reporter: dict[str, int] = dict(
                connection.execute(text("SELECT reporter, count(*) FROM report GROUP BY reporter")).all()
            )
    finally:
        engine.dispose()
    assert by_reporter == {"W0": 5, "W1": 5, "W2": 5}
