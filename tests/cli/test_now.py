"""`now` and `next` at pinned instants on the real files: every rule of design §3."""

import json

import pytest

from tests.conftest import EIBI_A25_EXCERPT, Cli


def on_air(cli: type[Cli], db: str, at: str, *args: str) -> set[tuple[str, int]]:
    """The entries on air: every source of every airing listed."""
    result = cli.ok(db, "now", "--at", at, "--json", *args)
    return {(s["source"], s["line"]) for item in json.loads(result.stdout) for s in item["sources"]}


def eibi(cli: type[Cli], db: str, at: str, freq: str) -> set[int]:
    return {
        line for source, line in on_air(cli, db, at, "--source", "sked-a26", "--freq", freq) if source == "sked-a26"
    }


@pytest.mark.parametrize(
    ("at", "expected"),
    [
        ("2026-07-03T21:00Z", {6407}),  # Friday 2100
        ("2026-07-04T01:00Z", {6407}),  # Saturday 0100: Friday's occurrence
        ("2026-07-06T01:00Z", set()),  # Monday 0100: no Sunday occurrence
        ("2026-07-07T01:00Z", {6407}),  # Tuesday 0100: Monday's occurrence
        ("2026-07-03T20:29:59Z", set()),
        ("2026-07-04T01:30Z", set()),
    ],
)
def test_mo_fr_window_past_midnight(cli: type[Cli], a26_db: str, at: str, expected: set[int]) -> None:
    """EiBi a26 line 6407: `12130;2030-0130;Mo-Fr;USA;Voice of America;K;FE;/PHL-t;6;2506;1007`."""
    assert eibi(cli, a26_db, at, "12130") == expected


@pytest.mark.parametrize(
    ("at", "expected"),
    [
        ("2026-03-29T00:30Z", set()),  # the occurrence started on 28 March, in B25
        ("2026-03-29T23:45Z", {67}),  # first day of A26
        ("2026-10-25T00:30Z", {67}),  # 24 October's occurrence runs into B26
        ("2026-10-25T23:45Z", set()),  # 25 October is B26
    ],
)
def test_first_and_last_day_of_the_season(cli: type[Cli], a26_db: str, at: str, expected: set[int]) -> None:
    """Line 67: `531;2330-0450;;ALG;R.Algiers Int.;A,F;NAf;fk;1;;`."""
    assert eibi(cli, a26_db, at, "531") == expected


def test_nth_weekday_last_weekday_and_single_date(cli: type[Cli], a26_db: str) -> None:
    assert eibi(cli, a26_db, "2026-06-06T12:00Z", "1602") == {643}  # 1.Sa: first Saturday
    assert eibi(cli, a26_db, "2026-06-13T12:00Z", "1602") == set()
    # 3900 kHz also carries an all-day HFDL row (line 1404), so look at line 1405 itself.
    assert 1405 in eibi(cli, a26_db, "2026-06-28T08:15Z", "3900")  # Last7: last Sunday
    assert 1405 not in eibi(cli, a26_db, "2026-06-21T08:15Z", "3900")
    assert eibi(cli, a26_db, "2026-04-05T08:00Z", "7370") == {3110}  # 5Apr
    assert eibi(cli, a26_db, "2026-04-06T08:00Z", "7370") == set()


def test_p4_in_an_a_file_and_p8_are_not_on_air(cli: type[Cli], a26_db: str) -> None:
    # 5043: 9960;1300-1400;;CLA;Free North Korea Radio;K;KRE;/UZB;4;;[0226]  (winter only)
    assert eibi(cli, a26_db, "2026-07-01T13:30Z", "9960") == set()
    # 2812: 7220;0300-0400;;KRE;Voice of Korea;K;FE;u;8;;  (inactive)
    assert 2812 not in eibi(cli, a26_db, "2026-07-01T03:30Z", "7220")
    # ...but they are in the database and `schedule --all` shows them.
    result = cli.ok(a26_db, "schedule", "Free North Korea Radio", "--all", "--json")
    lines = {(e["source"], e["line"], e["active"]) for e in json.loads(result.stdout)["entries"]}
    assert ("sked-a26", 5043, False) in lines


def test_irregular_entries_are_on_air_every_day_and_marked(cli: type[Cli], a26_db: str) -> None:
    # 231: 873;2000-2200;irr;HNG;Nemzetiségi Rádió;D;HNG;lh;2;;[1018]
    result = cli.ok(a26_db, "now", "--at", "2026-06-03T20:30Z", "--json", "--source", "sked-a26", "--freq", "873")
    items = {item["line"]: item for item in json.loads(result.stdout)}
    assert items[231]["irregular"] is True
    assert items[231]["days"] == "irr"
    assert items[231]["station"] == "Nemzetiségi Rádió"


@pytest.mark.parametrize(
    ("at", "freq", "expected"),
    [
        ("2026-07-05T02:00Z", "17865", {3200}),  # `1` = Sunday, 050726 only
        ("2026-07-12T02:00Z", "17865", set()),
        ("2026-07-04T23:30Z", "12130", {2074}),  # `7` = Saturday 040726, 2300-0100
        ("2026-07-05T00:30Z", "12130", {2074}),  # ...past midnight into Sunday
        ("2026-07-11T23:30Z", "12130", set()),
        ("2026-06-15T12:00Z", "9310", {822}),  # `2` = Monday 150626
    ],
)
def test_hfcc_single_date_entries(cli: type[Cli], hfcc_db: str, at: str, freq: str, expected: set[int]) -> None:
    assert {line for _, line in on_air(cli, hfcc_db, at, "--source", "A26all00", "--freq", freq)} == expected


def test_jammer_rows_sit_beside_the_broadcasts_they_jam(cli: type[Cli], a26_db: str) -> None:
    result = cli.ok(a26_db, "now", "--at", "2026-07-01T12:00Z", "--json", "--freq", "6015", "--source", "sked-a26")
    items = json.loads(result.stdout)
    kinds = {(s["line"], i["kind"], i["jammer_on_channel"]) for i in items for s in i["sources"]}
    # KBS Hanminjok (2068) with its Noise Jammer (2070); PBS Xinjiang (2065) shares the channel.
    assert {(2068, "broadcast", True), (2070, "jammer", False)} <= kinds
    assert all(jammed for _, kind, jammed in kinds if kind == "broadcast")
    table = cli.ok(a26_db, "now", "--at", "2026-07-01T12:00Z", "--freq", "6015", "--source", "sked-a26").stdout
    assert "JAMMER North Korean jamming" in table  # EiBi's Noise Jammer [KRE], one airing with the bundled row
    assert "sked-a26:2070" in table
    assert "jammer on channel" in table


@pytest.mark.parametrize("narrowing", [["--kind", "broadcast"], ["--station", "KBS Hanminjok"]])
def test_the_jammer_mark_does_not_depend_on_the_filters(cli: type[Cli], a26_db: str, narrowing: list[str]) -> None:
    args = ["now", "--at", "2026-07-01T12:00Z", "--json", "--freq", "6015", "--source", "sked-a26", *narrowing]
    items = {
        (s["line"], i["kind"], i["jammer_on_channel"])
        for i in json.loads(cli.ok(a26_db, *args).stdout)
        for s in i["sources"]
    }
    assert (2068, "broadcast", True) in items
    assert all(kind == "broadcast" for _, kind, _ in items)  # the jammer row itself is filtered out


def test_json_output_has_the_design_fields_and_nothing_else_on_stdout(cli: type[Cli], a26_db: str) -> None:
    result = cli.ok(a26_db, "now", "--at", "2026-07-03T21:00Z", "--json", "--freq", "12130", "--tz", "Asia/Seoul")
    [item] = [
        i for i in json.loads(result.stdout) if {"source": "sked-a26", "line": 6407, "last_heard": None} in i["sources"]
    ]
    assert {
        k: item[k]
        for k in (
            "station",
            "kind",
            "frequency_khz",
            "start_utc",
            "end_utc",
            "days",
            "irregular",
            "language",
            "target",
            "site",
            "source",
            "line",
        )
    } == {
        "station": "Voice of America",
        "kind": "broadcast",
        "frequency_khz": 12130.0,
        "start_utc": "2030",
        "end_utc": "0130",
        "days": "Mo-Fr",
        "irregular": False,
        "language": "K",
        "target": "FE",
        "site": "/PHL-t",
        "source": "voice-of-america",  # the bundled file first (services.airings), then EiBi
        "line": item["sources"][0]["line"],
    }
    assert [s["source"] for s in item["sources"]] == ["voice-of-america", "sked-a26"]
    assert item["start_local"] == "2026-07-04T05:30:00+09:00"


def test_pyongyang_local_window_uses_the_tz_database(cli: type[Cli], bundled_db: str) -> None:
    """In 2017 Pyongyang was UTC+08:30: BBC-era style check on a bundled 2016 entry (UMG 7515, 1300-1600)."""
    result = cli.ok(
        bundled_db, "now", "--at", "2016-03-05T13:30Z", "--json", "--freq", "7515", "--tz", "Asia/Pyongyang"
    )
    [item] = json.loads(result.stdout)
    assert item["station"] == "Unification Media Group"
    assert item["start_local"] == "2016-03-05T21:30:00+08:30"


def test_filters(cli: type[Cli], a26_db: str) -> None:
    at = "2026-07-01T20:30Z"
    by_band = on_air(cli, a26_db, at, "--band", "41m", "--source", "sked-a26")
    by_range = on_air(cli, a26_db, at, "--freq", "7200-7450", "--source", "sked-a26")
    assert by_band == by_range
    assert by_band
    fnkr = on_air(cli, a26_db, at, "--freq", "7.615 MHz", "--station", "FNKR")
    assert {source for source, _ in fnkr} == {"sked-a26", "free-north-korea-radio"}
    korean = json.loads(cli.ok(a26_db, "now", "--at", at, "--json", "--lang", "K", "--source", "sked-a26").stdout)
    assert korean
    assert all("K" in i["language"].split(",") for i in korean)
    jammers = json.loads(cli.ok(a26_db, "now", "--at", at, "--json", "--kind", "jammer").stdout)
    assert jammers
    assert all(i["kind"] == "jammer" for i in jammers)
    limited = json.loads(cli.ok(a26_db, "now", "--at", at, "--json", "--limit", "3").stdout)
    assert len(limited) == 3


def test_station_filter_goes_through_aliases(cli: type[Cli], a26_db: str) -> None:
    at = "2026-07-01T20:30Z"
    by_alias = on_air(cli, a26_db, at, "--station", "자유북한방송")
    by_name = on_air(cli, a26_db, at, "--station", "free north korea radio")
    assert by_alias == by_name
    assert ("sked-a26", 3347) in by_alias  # EiBi's row links to the curated station


def test_unknown_station_suggests_close_names(cli: type[Cli], a26_db: str) -> None:
    result = cli.run(a26_db, "now", "--station", "Free Nort Korea Radio")
    assert result.exit_code == 66
    assert "Free North Korea Radio" in result.stderr
    assert result.stdout == ""


def test_no_season_file_covers_the_instant(cli: type[Cli], a26_db: str) -> None:
    result = cli.ok(a26_db, "now", "--at", "2026-11-27T12:00Z", "--json")
    assert "no loaded schedule file covers 2026-11-27 (season B26)" in result.stderr
    assert "A26 (2026-03-29 to 2026-10-24)" in result.stderr
    assert "swtracker fetch eibi" in result.stderr
    json.loads(result.stdout)  # stdout stays pure JSON


def test_next_lists_starts_soonest_first(cli: type[Cli], a26_db: str) -> None:
    result = cli.ok(a26_db, "next", "--at", "2026-07-03T20:00Z", "--hours", "1", "--json", "--source", "sked-a26")
    items = json.loads(result.stdout)
    starts = [i["occurrence_start"] for i in items]
    assert starts == sorted(starts)
    assert all("2026-07-03T20:00:00+00:00" <= s < "2026-07-03T21:00:00+00:00" for s in starts)
    assert 6407 in {s["line"] for i in items for s in i["sources"]}  # VOA 12130 starts at 2030 on a Friday
    monday = cli.ok(
        a26_db, "next", "--at", "2026-07-05T20:00Z", "--hours", "1", "--json", "--freq", "12130", "--source", "sked-a26"
    )
    assert json.loads(monday.stdout) == []  # Sunday: Mo-Fr has no occurrence


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["now", "--at", "2026-02-30T10:00Z"], 65, "--at '2026-02-30T10:00Z' is not a date/time"),
        (["now", "--freq", "7515 GHz"], 65, "is not a frequency"),
        (["now", "--band", "42m"], 2, "is not a band"),
        (["now", "--tz", "Mars/Olympus"], 2, "is not a time zone"),
        (["now", "--kind", "victim"], 2, "use broadcast or jammer"),
        (["now", "--source", "nope"], 66, "no such source"),
        (["next", "--hours", "0"], 2, "--hours 0"),
        (["now", "--freq", "7515", "--band", "41m"], 2, "not both"),
    ],
)
def test_bad_input_is_one_clear_line(cli: type[Cli], bundled_db: str, args: list[str], code: int, message: str) -> None:
    result = cli.run(bundled_db, *args)
    assert result.exit_code == code
    assert message in result.stderr
    assert result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr


def test_a_closed_stations_rows_from_any_source_end_on_its_last_day(cli: type[Cli], bundled_db: str) -> None:
    # sked-a25.csv 1907: 3985;1100-0300;;CLA;Echo of Hope VOH;K;KRE;/KOR-h;1;;[0325] is P=1 to the season's end,
    # but echo-of-hope.toml says closed = 2025-07-04 (the NIS stations stopped 5-14 July 2025). The excerpt holds
    # every Echo of Hope row and every row near 3985 kHz at its real line number.
    cli.ok(bundled_db, "import", str(EIBI_A25_EXCERPT))

    def echo_of_hope(at: str) -> set[tuple[str, int]]:
        items = json.loads(cli.ok(bundled_db, "now", "--at", at, "--freq", "3985", "--json").stdout)
        return {(s["source"], s["line"]) for i in items if i["station_key"] == "echo-of-hope" for s in i["sources"]}

    assert ("sked-a25", 1907) in echo_of_hope("2025-07-04T12:00Z")
    assert ("sked-a25", 1907) in echo_of_hope("2025-07-05T02:30Z")  # the last day's window, past midnight
    assert echo_of_hope("2025-07-05T12:00Z") == set()
    assert echo_of_hope("2025-08-15T12:00Z") == set()
    upcoming = json.loads(cli.ok(bundled_db, "next", "--at", "2025-07-04T10:30Z", "--hours", "48", "--json").stdout)
    starts = {i["start_utc"] for i in upcoming if i["station_key"] == "echo-of-hope" and i["frequency_khz"] == 3985}
    assert starts == {"1100"}  # 4 July's 1100 start, none on 5 July
    schedule = json.loads(cli.ok(bundled_db, "schedule", "Echo of Hope", "--json").stdout)["entries"]
    a25 = {s["line"]: e["valid_to"] for e in schedule for s in e["sources"] if s["source"] == "sked-a25"}
    assert a25[1907] == "2025-07-04"
    assert set(a25.values()) == {"2025-07-04"}


def test_winter_b25_is_bundled(cli: type[Cli], bundled_db: str) -> None:
    """The curated stations' B25 entries (EiBi sked-b25.csv, 2025-10-26 to 2026-03-28) are bundled like A26's."""
    items = json.loads(cli.ok(bundled_db, "now", "--at", "2026-01-15T13:10Z", "--freq", "6015", "--json").stdout)
    assert {(i["station_key"], i["start_utc"], i["last_heard"]) for i in items} == {
        ("kbs-hanminjok", "0350", "2025-08"),  # sked-b25.csv 2770: 6015;0350-1400;;KOR;KBS Hanminjok;K;FE;h;1;;[0825]
        ("north-korean-jammers", "0350", "2025-11"),
    }
    schedule = json.loads(cli.ok(bundled_db, "schedule", "KBS Hanminjok", "--json").stdout)["entries"]
    winter = [e for e in schedule if e["valid_from"] == "2025-10-26"]
    assert len(winter) == 7
    assert all(e["source_note"].startswith("EiBi sked-b25.csv line ") for e in winter)
