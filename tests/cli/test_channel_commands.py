"""`channels`: candidate channels ranked by occupancy, on the excerpts and on the real A26 files."""

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import FIXTURES, Cli

EXAMPLE = ("--freq", "5900-6100", "--window", "1300-1400", "--on", "2026-07-01", "--target", "KRE")


@pytest.fixture
def excerpt_db(cli: type[Cli], bundled_db: str) -> str:
    cli.ok(bundled_db, "import", str(FIXTURES / "sked-a26-excerpt.csv"))
    cli.ok(bundled_db, "import", str(FIXTURES / "A26all00-excerpt.TXT"))
    return bundled_db


def ranking(cli: type[Cli], db: str, *args: str) -> list[dict[str, Any]]:
    channels: list[dict[str, Any]] = json.loads(cli.ok(db, "channels", *args, "--json").stdout)
    return channels


def check_the_example(channels: list[dict[str, Any]]) -> None:
    """The best channel has nothing within 2.5 kHz in the window; 6015 (KBS under the jammer) is in the worse half."""
    assert [c["rank"] for c in channels] == list(range(1, 42))
    assert [c["frequency_khz"] for c in sorted(channels, key=lambda c: c["frequency_khz"])] == [
        5900 + 5 * n for n in range(41)
    ]
    best = channels[0]
    assert best["clear"]
    assert best["co_channel_entries"] == 0
    assert all(abs(n["frequency_khz"] - best["frequency_khz"]) > 2.5 for n in best["near"])
    kbs = next(c for c in channels if c["frequency_khz"] == 6015)
    assert kbs["rank"] > 41 / 2
    assert kbs["jammer"]
    assert not kbs["clear"]
    jammer = next(n for n in kbs["near"] if n["kind"] == "jammer")
    assert jammer["offset"] == "co-channel"
    assert jammer["time_share"] == 1.0
    assert jammer["on_target"]
    assert kbs["near"][0] == jammer  # the heaviest first
    scores = [c["score_db"] for c in channels if not c["clear"]]
    assert scores == sorted(scores)


def test_the_example_on_the_excerpts(cli: type[Cli], excerpt_db: str) -> None:
    channels = ranking(cli, excerpt_db, *EXAMPLE)
    check_the_example(channels)
    # The bundled, EiBi and HFCC rows of KBS Hanminjok's 6015 (HFCC's linked to the station) are one airing,
    # with HFCC's power; HFCC's KBS 6020 (10 kW) is another station's, one channel up.
    kbs = next(c for c in channels if c["frequency_khz"] == 6015)
    hanminjok = [n for n in kbs["near"] if n["station_key"] == "kbs-hanminjok"]
    assert len(hanminjok) == 1
    assert {s.split(":")[0] for s in hanminjok[0]["sources"]} == {
        "kbs-hanminjok",
        "sked-a26-excerpt",
        "A26all00-excerpt",
    }
    assert hanminjok[0]["power_kw"] == 100
    assert hanminjok[0]["on_target"]
    neighbour = next(n for n in kbs["near"] if n["sources"] == ["A26all00-excerpt:21"])
    assert (neighbour["frequency_khz"], neighbour["offset"], neighbour["power_kw"]) == (6020, "±5 kHz", 10)


def test_the_example_on_the_real_files(cli: type[Cli], all_sources_db: str) -> None:
    channels = ranking(cli, all_sources_db, *EXAMPLE)
    check_the_example(channels)
    assert channels[-1]["frequency_khz"] == 6015  # the jammer all through the window, co-channel: the worst


def test_weekdays_across_a_season_and_another_window(cli: type[Cli], all_sources_db: str) -> None:
    channels = ranking(
        cli, all_sources_db, "--band", "41m", "--window", "2000-2100", "--days", "Mo-Fr", "--season", "A26"
    )
    assert len(channels) == (7450 - 7200) // 5 + 1
    shares = [n["time_share"] for c in channels for n in c["near"]]
    assert shares
    assert all(0 < s <= 1 for s in shares)
    assert any(s < 1 for s in shares)  # entries valid for part of the season count for that part


def test_csv_and_the_table(cli: type[Cli], excerpt_db: str) -> None:
    rows = list(csv.DictReader(io.StringIO(cli.ok(excerpt_db, "channels", *EXAMPLE, "--csv").stdout)))
    assert rows[0]["rank"] == "1"
    assert rows[0]["clear"] == "true"
    kbs = next(r for r in rows if r["frequency_khz"] == "6015.0")
    assert kbs["jammer"] == "true"
    assert kbs["co_channel"].startswith("6015 JAMMER North Korean jamming 0350-2400")
    table = cli.ok(excerpt_db, "channels", *EXAMPLE, "--tz", "Asia/Seoul").stdout
    assert "1300-1400 UTC (22:00–23:00 +09)" in table
    assert "JAMMER" in table
    assert "clearest first" in table


def test_a_window_past_midnight_meets_the_next_days_entries(cli: type[Cli], bundled_db: str, tmp_path: Path) -> None:
    header = "kHz:75;Time(UTC):93;Days:59;ITU:49;Station:201;Lng:49;Target:62;Remarks:135;P:35;Start:60;Stop:60;"
    path = tmp_path / "sked-a26.csv"
    path.write_text(f"{header}\r\n9000;0000-0100;;CLA;Test Radio;K;KRE;/UZB;1;;\r\n", encoding="latin-1")
    cli.ok(bundled_db, "import", str(path))
    channels = ranking(cli, bundled_db, "--freq", "9000", "--window", "2330-0030", "--on", "2026-07-01")
    assert [(n["station"], n["time_share"]) for n in channels[0]["near"]] == [("Test Radio", 0.5)]


def test_reports_of_jamming_make_a_channel_busy(cli: type[Cli], excerpt_db: str) -> None:
    before = {c["frequency_khz"]: c for c in ranking(cli, excerpt_db, *EXAMPLE)}
    assert before[6050]["clear"]
    for minute in ("10", "20", "30"):
        cli.ok(excerpt_db, "log", "6050", "--at", f"2026-06-0{minute[0]}T13:{minute}Z", "--status", "jammed")
    cli.ok(excerpt_db, "log", "6050", "--at", "2026-06-02T15:00Z", "--status", "jammed")  # outside the window
    after = {c["frequency_khz"]: c for c in ranking(cli, excerpt_db, *EXAMPLE)}
    assert after[6050]["reports"] == 3
    assert after[6050]["report_jam_rate"] == 1.0
    assert not after[6050]["clear"]
    assert after[6050]["rank"] > before[6050]["rank"]


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("--freq", "5900-6100", "--window", "13-14"), 65, "--window: '13' is not a UTC time HHMM"),
        (("--freq", "6100-5900", "--window", "1300-1400"), 65, "the range starts above its end"),
        (("--freq", "5901-5904", "--window", "1300-1400"), 65, "no channel on the 5 kHz raster"),
        (("--window", "1300-1400"), 2, "give the channels to rank"),
        (("--band", "49m", "--freq", "6000", "--window", "1300-1400"), 2, "not both"),
        (("--band", "49m", "--window", "1300-1300"), 65, "the window is empty"),
        (("--band", "49m", "--window", "1300-1400", "--on", "1.7.2026"), 65, "YYYY-MM-DD"),
        (("--band", "49m", "--window", "1300-1400", "--on", "2026-07-01", "--days", "Mo"), 2, "not both"),
        (("--band", "49m", "--window", "1300-1400", "--days", "irr"), 65, "give weekdays"),
        (("--band", "49m", "--window", "1300-1400", "--json", "--csv"), 2, "not both"),
    ],
)
def test_bad_input_is_one_line(cli: type[Cli], bundled_db: str, args: tuple[str, ...], code: int, message: str) -> None:
    result = cli.run(bundled_db, "channels", *args)
    assert result.exit_code == code, result.output
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert result.stdout == ""
