"""services.imports: two imports of one source at once on PostgreSQL (SQLite's write lock already serialises them)."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from swtracker.services.database import connect
from swtracker.services.imports import import_schedule
from swtracker.store.engine import connected
from tests.conftest import USE_PG, DatabaseFactory

DATA = Path(__file__).parent.parent / "data"


@pytest.mark.postgres
@pytest.mark.skipif(not USE_PG, reason="PostgreSQL only: on SQLite the second import waits at BEGIN for the first")
def test_two_imports_of_one_source_at_once_leave_every_line_in_its_range(
    databases: DatabaseFactory, bundled_template: str, tmp_path: Path
) -> None:
    """An import replaces source X while another one, begun meanwhile, waits for it; the second one then
    replaces what the first stored. Every line of X lies in X's range of line ids (else deleting, replacing or
    --source would miss it) and X holds the rows it says. Before, the second import deleted the first's
    timings but not its lines, and set a range without them: lines outside every range, never deleted."""
    url = databases.new_url(tmp_path, bundled_template)
    database = connect(url)
    import_schedule(database, DATA / "sked-a26-excerpt.csv", name="X")
    failed: list[BaseException] = []

    def second() -> None:
        try:
            import_schedule(database, DATA / "sked-a25-excerpt.csv", name="X")
        except BaseException as error:  # the assertion below shows it
            failed.append(error)

    watcher = create_engine(url)
    waiting = text(
        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"
    )
    with connected(database.engine, write=True) as connection:
        import_schedule(database, DATA / "sked-a26-seasons.csv", name="X", within=connection)
        thread = threading.Thread(target=second)
        thread.start()
        with watcher.connect() as watching:
            while not watching.scalar(waiting) and thread.is_alive():  # the second import waits on the first
                time.sleep(0.02)
    thread.join()
    assert not failed
    with watcher.connect() as reading:
        first, last, recorded, name = reading.execute(
            text("SELECT first_line_id, last_line_id, rows_imported, file_name FROM source WHERE name = 'X'")
        ).one()
        lines = reading.execute(
            text("SELECT id FROM schedule_line WHERE source_id = (SELECT id FROM source WHERE name = 'X')")
        ).scalars()
        outside = [i for i in lines if not first <= i <= last]
        count = reading.execute(
            text("SELECT count(*) FROM schedule_line WHERE source_id = (SELECT id FROM source WHERE name = 'X')")
        ).scalar()
    watcher.dispose()
    database.engine.dispose()
    assert name == "sked-a25-excerpt.csv"
    assert outside == []
    assert count == recorded
