"""Every listing at 80 and 160 columns, on the real files: no line wider than the terminal, names and words
whole, the key column there; days in their own column; and the everyday rough edges of issue 14."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.width_checks import assert_fits, has_whole
from tests.conftest import WHOLE_FILES, Cli
from tests.services.test_summary import load_reports

AT = "2026-07-03T21:00Z"  # a Friday evening of A26


def header(text: str, first: str) -> list[str]:
    return next(line for line in text.splitlines() if line.startswith(first)).split()


@pytest.mark.parametrize("width", [80, 160])
def test_now_next_and_schedule_fit_with_days_in_their_own_column(cli: type[Cli], a26_db: str, width: int) -> None:
    now = cli.ok(a26_db, "now", "--at", AT, "--station", "Voice of America", "--tz", "Asia/Seoul", columns=width)
    assert_fits(now.stdout, width)
    columns = header(now.stdout, "  kHz")
    assert columns[:2] == ["kHz", "UTC"]
    assert columns[-2:] == ["Days", "Station"]
    if WHOLE_FILES:  # at 80 the local times fold under the station (the excerpt's few rows leave room for them)
        assert ("Seoul" in columns) == (width == 160)
    else:
        assert "Seoul" in columns or width == 80
    assert "Seoul Sat 05:30–10:30" in now.stdout.replace("\n", " ") or "Sat 05:30–10:30" in now.stdout
    # sked-a26.csv line 6407: 12130;2030-0130;Mo-Fr;USA;Voice of America;K;FE;/PHL-t;6;2506;1007
    row = next(line for line in now.stdout.splitlines() if line.startswith("12130"))
    assert "Mon–Fri" in row
    assert "Voice of America Mo-Fr" not in now.stdout  # no longer glued to the name
    assert has_whole(now.stdout, "Voice of America")
    schedule = cli.ok(a26_db, "schedule", "Shiokaze", columns=width).stdout
    assert_fits(schedule, width)
    assert "Days" in header(schedule, "Valid")
    assert "Shiokaze Su" not in schedule
    nxt = cli.ok(a26_db, "next", "--at", AT, "--hours", "1", "--limit", "20", columns=width).stdout
    assert_fits(nxt, width)


def test_hfcc_days_are_daily_and_json_keeps_the_raw_text(cli: type[Cli], hfcc_db: str) -> None:
    """A26all00.TXT writes daily as 1234567 (1 = Sunday)."""
    table = cli.ok(hfcc_db, "now", "--at", AT, "--limit", "40", columns=80).stdout
    assert "1234567" not in table
    assert "daily" in table
    items = json.loads(cli.ok(hfcc_db, "now", "--at", AT, "--limit", "40", "--json").stdout)
    assert "1234567" in {item["days"] for item in items}


@pytest.mark.parametrize("width", [80, 160])
def test_stations_sources_and_db_info_fit(cli: type[Cli], a26_db: str, width: int) -> None:
    stations = cli.ok(a26_db, "stations", "--search", "korea", columns=width).stdout
    assert_fits(stations, width)
    for name in ("Free North Korea Radio", "North Korea Reform Radio", "Open Radio for North Korea"):
        assert has_whole(stations, name)
    if width == 160:  # every column has a header, the curated/found one too
        assert header(stations, "Station") == ["Station", "Aliases", "Country", "Years", "Origin", "Entries"]
    sources = cli.ok(a26_db, "sources", columns=width).stdout
    assert_fits(sources, width)
    assert has_whole(sources, "free-north-korea-radio")
    info = cli.ok(a26_db, "db", "info", columns=width).stdout
    assert_fits(info, width)
    assert "schedule_entries" in info


def test_reports_list_shows_the_newest_50_and_says_how_many_match(
    cli: type[Cli], bundled_db: str, tmp_path: Path
) -> None:
    rows = ["uid,observed_at,frequency_khz,station,status,sinpo,jammer,reporter,location,receiver,notes"]
    rows += [f"u{i},2026-11-01T00:{i:02d}:00Z,6015,KBS Hanminjok,jammed,,,,,," for i in range(60)]
    path = tmp_path / "many.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    cli.ok(bundled_db, "reports", "import", str(path))
    for width in (80, 160):
        text = cli.ok(bundled_db, "reports", "list", columns=width).stdout
        assert_fits(text, width)
        assert text.startswith("50 of 60 reports shown (newest first); --limit 0 for all")
        assert has_whole(text, "KBS Hanminjok Bangsong")
        assert text.count("2026-11-01 ") == 50
        assert "2026-11-01 00:59" in text  # the newest
    everything = cli.ok(bundled_db, "reports", "list", "--limit", "0").stdout
    assert everything.startswith("60 reports\n")
    assert len(json.loads(cli.ok(bundled_db, "reports", "list", "--json").stdout)) == 60  # JSON: all
    assert cli.run(bundled_db, "reports", "list", "--limit", "-1").exit_code == 2
    assert cli.run(bundled_db, "now", "--limit", "0").exit_code == 2
    exported = json.loads(cli.ok(bundled_db, "reports", "export", "--json", "--limit", "2").stdout)
    assert [r["uid"] for r in exported] == ["u0", "u1"]  # oldest first, as the CSV


def test_summary_titles_count_in_words(cli: type[Cli], bundled_db: str, tmp_path: Path) -> None:
    load_reports(cli, bundled_db, tmp_path)
    text = cli.ok(bundled_db, "summary", "--station", "North Korea Reform Radio").stdout
    assert ": 1 group\n" in text


def test_a_future_at_is_refused_in_the_zone_it_was_typed_in(cli: type[Cli], bundled_db: str) -> None:
    result = cli.run(bundled_db, "log", "7615", "--status", "jammed", "--at", "2099-01-01T21:00", "--tz", "Asia/Seoul")
    assert result.exit_code == 65
    assert result.stderr.startswith("Error: --at 2099-01-01 21:00 KST (Asia/Seoul) is in the future (now is ")
    assert "." not in result.stderr.split("now is ")[1]  # no microseconds


def test_did_you_mean_offers_each_station_once(cli: type[Cli], bundled_db: str) -> None:
    result = cli.run(bundled_db, "schedule", "Free North Korea Radoi")
    assert result.exit_code == 66
    offered = result.stderr.split("did you mean ")[1]
    assert "'Free North Korea Radio'" in offered
    assert "Radio Free North Korea" not in offered  # an alias of the same station


def complete(args: str, env: dict[str, str]) -> list[str]:
    from typer.testing import CliRunner

    from swtracker.cli import app

    words = f"swtracker {args}"
    environment = {
        "_SWTRACKER_COMPLETE": "complete_bash",
        "COMP_WORDS": words,
        "COMP_CWORD": str(len(words.split()) - 1),
    }
    result = CliRunner().invoke(app, [], env={**environment, **env}, prog_name="swtracker")
    return result.stdout.split()


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ("summary --by we", ["weekday"]),
        ("reports list --status bl", ["blocked"]),
        ("log 7615 --jammer wa", ["warble"]),
        ("now --kind j", ["jammer"]),
        ("now --band 4", ["49m", "41m"]),
    ],
)
def test_option_values_complete(args: str, expected: list[str], tmp_path: Path) -> None:
    assert complete(args, {"SWTRACKER_DB": str(tmp_path / "none.db")}) == expected


def test_station_names_complete_from_the_database_and_not_without_one(bundled_db: str, tmp_path: Path) -> None:
    offered = complete("now --station Free", {"SWTRACKER_DB": bundled_db})
    assert "Free North Korea Radio" in " ".join(offered)
    missing = tmp_path / "none.db"
    assert complete("now --station Free", {"SWTRACKER_DB": str(missing)}) == []
    assert not missing.exists()  # completion does not create a database
