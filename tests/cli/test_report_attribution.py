"""Attribution a monitor would agree with (issue 13): candidates narrowed by the language heard and the listener's
location, on the real files (bundled schedules + EiBi sked-a26.csv + HFCC A26all00.TXT)."""

from typing import Any

import pytest
from sqlalchemy import create_engine, text

from tests.conftest import Cli

KBS_REPORT = ("log", "6015", "--status", "jammed", "--at", "2026-07-01T13:10Z")


def reports(db: str) -> list[dict[str, Any]]:
    engine = create_engine(db)
    with engine.connect() as connection:
        query = text(
            "SELECT r.id, r.attribution, r.location, r.candidates, s.key FROM report r "
            "LEFT JOIN station s ON s.id = r.station_id ORDER BY r.id"
        )
        found = [dict(r._mapping) for r in connection.execute(query)]
    engine.dispose()
    return found


def test_a_seoul_listener_s_report_on_6015_is_kbs(cli: type[Cli], all_sources_db: str) -> None:
    result = cli.ok(all_sources_db, *KBS_REPORT, "--location", "PM37")
    assert "KBS Hanminjok Bangsong (matched)" in result.stdout
    [row] = reports(all_sources_db)
    assert (row["attribution"], row["key"], row["location"]) == ("matched", "kbs-hanminjok", "PM37")


def test_the_home_location_comes_from_the_environment(
    cli: type[Cli], all_sources_db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SWTRACKER_LOCATION", "PM37lm")
    cli.ok(all_sources_db, *KBS_REPORT)
    [row] = reports(all_sources_db)
    assert (row["attribution"], row["key"], row["location"]) == ("matched", "kbs-hanminjok", "PM37lm")


def test_without_location_or_language_it_stays_ambiguous(cli: type[Cli], all_sources_db: str) -> None:
    cli.ok(all_sources_db, *KBS_REPORT)
    [row] = reports(all_sources_db)
    # One candidate per station: HFCC's KBS and CNR rows are linked to KBS Hanminjok and PBS Xinjiang.
    assert (row["attribution"], row["candidates"]) == ("ambiguous", "KBS Hanminjok Bangsong; PBS Xinjiang")


def test_the_language_heard_narrows_the_candidates(cli: type[Cli], all_sources_db: str) -> None:
    cli.ok(all_sources_db, *KBS_REPORT, "--lang", "KZ")  # Kazakh: PBS Xinjiang (EiBi KZ, HFCC Kaz)
    cli.ok(all_sources_db, *KBS_REPORT, "--lang", "Kor")  # Korean as HFCC writes it
    cli.ok(all_sources_db, *KBS_REPORT, "--lang", "E")  # nobody: not narrowed
    assert [(r["attribution"], r["key"]) for r in reports(all_sources_db)] == [
        ("matched", "pbs-xinjiang-chn"),
        ("matched", "kbs-hanminjok"),
        ("ambiguous", None),
    ]


def test_a_listener_in_china_is_covered_by_both_targets(cli: type[Cli], all_sources_db: str) -> None:
    cli.ok(all_sources_db, *KBS_REPORT, "--location", "OM89")  # Beijing: FE and CHN both cover it
    assert [r["attribution"] for r in reports(all_sources_db)] == ["ambiguous"]


def test_reports_attribute_runs_attribution_again(cli: type[Cli], all_sources_db: str) -> None:
    cli.ok(all_sources_db, *KBS_REPORT)  # ambiguous
    cli.ok(all_sources_db, "log", "7615", "--status", "silent", "--at", "2026-07-01T05:00Z")  # unattributed
    cli.ok(all_sources_db, "reports", "edit", "1", "--location", "PM37")
    assert [r["attribution"] for r in reports(all_sources_db)] == ["ambiguous", "unattributed"]
    result = cli.ok(all_sources_db, "reports", "attribute")
    assert "2 unattributed or ambiguous reports checked: 1 changed, 1 of them now attributed" in result.stdout
    assert [(r["attribution"], r["key"]) for r in reports(all_sources_db)] == [
        ("matched", "kbs-hanminjok"),
        ("unattributed", None),
    ]
    again = cli.ok(all_sources_db, "reports", "attribute", "--json")
    assert again.stdout.strip().replace(" ", "").replace("\n", "") == '{"checked":1,"changed":0,"matched":0}'
