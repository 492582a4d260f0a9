"""`sources` and `sources remove` (issue 13: mistakes can be undone)."""

import json
import os
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, text

from tests.conftest import WHOLE_FILES, Cli, DatabaseFactory, swtracker_process


def rows(db: str, query: str) -> list[Any]:
    engine = create_engine(db)
    with engine.connect() as connection:
        found = [tuple(r) for r in connection.execute(text(query))]
    engine.dispose()
    return found


def test_sources_still_lists(cli: type[Cli], all_sources_db: str) -> None:
    names = {s["name"] for s in json.loads(cli.ok(all_sources_db, "sources", "--json").stdout)}
    assert {"sked-a26", "A26all00", "kbs-hanminjok"} <= names


def test_remove_a_source_with_yes(cli: type[Cli], all_sources_db: str) -> None:
    cli.ok(
        all_sources_db, "log", "6015", "--status", "jammed", "--at", "2026-07-01T13:10Z", "--station", "PBS Xinjiang"
    )
    result = cli.ok(all_sources_db, "sources", "remove", "sked-a26", "--yes")
    entries = 9389 if WHOLE_FILES else 1475
    assert f"Removed source 'sked-a26': {entries:,} entries; reports attached to them: 1" in result.stderr
    assert rows(all_sources_db, "SELECT count(*) FROM source WHERE name = 'sked-a26'") == [(0,)]
    assert rows(
        all_sources_db, "SELECT count(*) FROM schedule_entry WHERE linked_by LIKE 'same airing as sked-a26%'"
    ) == [(0,)]
    # The report stays with its station; HFCC's CNR row is its broadcaster's again, KBS's stays declared.
    assert rows(all_sources_db, "SELECT r.attribution, s.key FROM report r JOIN station s ON s.id = r.station_id") == [
        ("given", "pbs-xinjiang-chn")
    ]
    now = json.loads(cli.ok(all_sources_db, "now", "--at", "2026-07-01T13:10Z", "--freq", "6015", "--json").stdout)
    assert {i["station"] for i in now} == {"KBS Hanminjok Bangsong", "North Korean jamming", "China National Radio"}


def test_stations_made_for_unlinked_rows_get_the_same_ids_whatever_the_hash_seed(
    databases: DatabaseFactory, all_sources_template: str, tmp_path: Path
) -> None:
    """Removing sked-a26 leaves HFCC rows that were linked to its stations to stations of their own file's names,
    created in the rows' order: two processes with different hash seeds make the same stations with the same ids
    (a set's order made them differ)."""
    made = []
    for seed in ("1", "2"):
        db = databases.new_url(tmp_path, all_sources_template)
        run = swtracker_process(
            [["--db", db, "sources", "remove", "sked-a26", "--yes"]], env=os.environ | {"PYTHONHASHSEED": seed}
        )
        assert run.wait() == 0
        made.append(rows(db, "SELECT id, key FROM station WHERE NOT curated ORDER BY id"))
    assert len(made[0]) > 50  # 133 stations with the whole files, 66 with the excerpts of tests/data
    assert made[0] == made[1]


def test_linking_does_not_depend_on_where_the_rows_lie_in_the_table(
    cli: type[Cli], databases: DatabaseFactory, all_sources_template: str, tmp_path: Path
) -> None:
    """HFCC linking reads the rows in id order, not in the order the table happens to hold them: on PostgreSQL an
    UPDATE moves rows to the end of the table, and the stations made for unlinked HFCC rows (and which EiBi line a
    row is linked to) must not change with that."""
    made = []
    for moved in (False, True):
        db = databases.new_url(tmp_path, all_sources_template)
        if moved:  # every other line rewritten in place: same ids and values, another place in the table
            engine = create_engine(db)
            with engine.begin() as connection:
                connection.execute(text("UPDATE schedule_line SET linked_by = linked_by WHERE id % 2 = 0"))
            engine.dispose()
        cli.ok(db, "sources", "remove", "sked-a26", "--yes")
        stations = rows(db, "SELECT id, key FROM station WHERE NOT curated ORDER BY id")
        made.append((stations, rows(db, "SELECT id, station_id, linked_by FROM schedule_line ORDER BY id")))
    assert len(made[0][0]) > 50  # 133 stations with the whole files, 66 with the excerpts of tests/data
    assert made[0] == made[1]


def test_remove_needs_yes_without_a_terminal(cli: type[Cli], all_sources_db: str) -> None:
    result = cli.run(all_sources_db, "sources", "remove", "sked-a26")
    assert result.exit_code == 2
    assert "not removing without --yes" in result.stderr
    assert rows(all_sources_db, "SELECT count(*) FROM source WHERE name = 'sked-a26'") == [(1,)]


def test_remove_refuses_unknown_and_bundled_sources(cli: type[Cli], all_sources_db: str) -> None:
    unknown = cli.run(all_sources_db, "sources", "remove", "nope", "--yes")
    assert (unknown.exit_code, unknown.stderr.count("\n")) == (66, 1)
    bundled = cli.run(all_sources_db, "sources", "remove", "kbs-hanminjok", "--yes")
    assert bundled.exit_code == 65
    assert "bundled schedule" in bundled.stderr
    assert rows(all_sources_db, "SELECT count(*) FROM source WHERE name = 'kbs-hanminjok'") == [(1,)]


def test_reports_edit_frequency_and_at_attribute_again(cli: type[Cli], all_sources_db: str) -> None:
    cli.ok(all_sources_db, "log", "7615", "--status", "jammed", "--at", "2026-07-01T20:30Z", "--location", "PM37")
    assert rows(all_sources_db, "SELECT s.key FROM report r JOIN station s ON s.id = r.station_id") == [
        ("free-north-korea-radio",)
    ]
    cli.ok(all_sources_db, "reports", "edit", "1", "--frequency", "6015", "--at", "2026-07-01T13:10Z")
    assert rows(
        all_sources_db,
        "SELECT r.attribution, s.key, r.frequency_khz FROM report r JOIN station s ON s.id = r.station_id",
    ) == [("matched", "kbs-hanminjok", 6015.0)]
    # A station the listener gave stays given when the frequency changes.
    cli.ok(all_sources_db, "reports", "edit", "1", "--station", "PBS Xinjiang")
    cli.ok(all_sources_db, "reports", "edit", "1", "--frequency", "6016")
    assert rows(all_sources_db, "SELECT attribution, station_name FROM report") == [("given", "PBS Xinjiang")]
    bad = cli.run(all_sources_db, "reports", "edit", "1", "--at", "2099-01-01T00:00Z")
    assert bad.exit_code == 65
    assert rows(all_sources_db, "SELECT frequency_khz FROM report") == [(6016.0,)]
