"""`changes` and `history`: stations and jammers across seasons, on the excerpts and on the real A25/A26 files."""

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import EIBI_A25, EIBI_A26, FIXTURES, WHOLE_FILES, Cli, DatabaseFactory

NK_JAMMER_CHANNELS_DROPPED = {5920.0, 5995.0, 6045.0, 6250.0, 6520.0, 6600.0}


@pytest.fixture(scope="session")
def a25_a26_template(databases: DatabaseFactory, bundled_template: str) -> str:
    imports = [["import", str(EIBI_A25)], ["import", str(EIBI_A26)]]
    return databases.template("a25-a26", imports, base=bundled_template)


@pytest.fixture
def seasons_db(databases: DatabaseFactory, a25_a26_template: str, tmp_path: Path) -> str:
    """The bundled schedules, EiBi sked-a25.csv and sked-a26.csv."""
    return databases.new_url(tmp_path, a25_a26_template)


@pytest.fixture
def excerpts_db(cli: type[Cli], bundled_db: str) -> str:
    """Real lines of sked-a25.csv and sked-a26.csv: the NK jammers, the stations under them, and FNKR."""
    cli.ok(bundled_db, "import", str(FIXTURES / "sked-a25-seasons.csv"), "--name", "sked-a25")
    cli.ok(bundled_db, "import", str(FIXTURES / "sked-a26-seasons.csv"), "--name", "sked-a26")
    return bundled_db


def changes(cli: type[Cli], db: str, *args: str) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = json.loads(cli.ok(db, "changes", *args, "--json").stdout)
    return rows


def check_a25_to_a26(rows: list[dict[str, Any]]) -> None:
    jammer = [r for r in rows if r["station_key"] == "north-korean-jammers"]
    assert {r["frequency_khz"] for r in jammer if r["change"] == "dropped"} == NK_JAMMER_CHANNELS_DROPPED
    assert [(r["change"], r["frequency_khz"]) for r in jammer if r["change"] != "dropped"] == [("kept", 6015.0)]
    assert all(r["kind"] == "jammer" for r in jammer)
    fnkr = [r for r in rows if r["station_key"] == "free-north-korea-radio" and r["start_utc"] == "2000"]
    assert [(r["change"], r["frequency_khz"], r["to_frequency_khz"], r["end_utc"]) for r in fnkr] == [
        ("moved", 7605.0, 7615.0, "2100"),
        ("moved", 7610.0, 7615.0, "2100"),
    ]
    assert all(r["jammer_before"] is False and r["jammer_after"] is False for r in fnkr)
    assert {r["followed"] for r in fnkr} == {"unknown"}  # no jammer on 7605/7610: nothing to follow
    kbs = next(r for r in rows if r["station_key"] == "kbs-hanminjok" and r["frequency_khz"] == 6015)
    assert kbs["change"] == "kept"  # 0350-1400 + 1400-2400 in both files: one slot
    assert (kbs["start_utc"], kbs["end_utc"], kbs["jammer_before"], kbs["jammer_after"]) == ("0350", "2400", True, True)
    echo = {r["frequency_khz"]: r for r in rows if r["station_key"] == "echo-of-hope"}
    assert echo[5995]["change"] == "dropped"
    assert echo[5995]["jammer_before"] is True
    assert echo[5995]["jammer_after"] is None


def test_a25_to_a26_on_the_excerpts(cli: type[Cli], excerpts_db: str) -> None:
    rows = changes(cli, excerpts_db, "sked-a25", "sked-a26")
    check_a25_to_a26(rows)
    assert set(rows[0]) >= {
        "station", "station_key", "kind", "change", "frequency_khz", "to_frequency_khz",
        "start_utc", "end_utc", "days", "jammer_before", "jammer_after",
    }  # fmt: skip
    fnkr = {(r["change"], r["frequency_khz"]) for r in rows if r["station_key"] == "free-north-korea-radio"}
    assert ("kept", 11510.0) in fnkr  # P=1 in A25, P=5 (summer) in A26
    assert all(f != 9960 for _, f in fnkr)  # P=4 in an A file: winter only, not active


def test_a25_to_a26_on_the_real_files(cli: type[Cli], seasons_db: str) -> None:
    rows = changes(cli, seasons_db, "sked-a25", "sked-a26")
    check_a25_to_a26(rows)
    only_korea = changes(cli, seasons_db, "sked-a25", "sked-a26", "--target", "KRE")
    assert 0 < len(only_korea) < len(rows)
    if WHOLE_FILES:  # the excerpts keep every row aimed at Korea, so the share is the whole files'
        assert len(only_korea) < len(rows) / 5
    check_a25_to_a26(only_korea)
    station = changes(cli, seasons_db, "sked-a25", "sked-a26", "--station", "FNKR")
    assert {r["station_key"] for r in station} == {"free-north-korea-radio"}


HEADER = "kHz:75;Time(UTC):93;Days:59;ITU:49;Station:201;Lng:49;Target:62;Remarks:135;P:35;Start:60;Stop:60;"


def season_file(tmp_path: Path, name: str, *lines: str) -> str:
    path = tmp_path / name
    path.write_text("\r\n".join((HEADER, *lines)) + "\r\n", encoding="latin-1")
    return str(path)


def test_a_move_the_jammer_followed_and_one_it_did_not(cli: type[Cli], bundled_db: str, tmp_path: Path) -> None:
    old = season_file(
        tmp_path,
        "sked-a24.csv",
        "9000;2000-2100;;CLA;Test Radio;K;KRE;/UZB;1;;",
        "9000;2000-2100;;KRE;Noise Jammer;;KRE;;1;;",
        "9500;1300-1400;;CLA;Test Radio;K;KRE;/UZB;1;;",
        "9500;1300-1400;;KRE;Noise Jammer;;KRE;;1;;",
    )
    new = season_file(
        tmp_path,
        "sked-b24.csv",
        "9100;2000-2100;;CLA;Test Radio;K;KRE;/UZB;1;;",
        "9100;1930-2130;;KRE;Noise Jammer;;KRE;;1;;",
        "9600;1300-1400;;CLA;Test Radio;K;KRE;/UZB;1;;",
    )
    cli.ok(bundled_db, "import", old)
    cli.ok(bundled_db, "import", new)
    cli.ok(bundled_db, "log", "9000", "--at", "2024-06-01T20:30Z", "--status", "jammed", "--station", "Test Radio")
    cli.ok(bundled_db, "log", "9001", "--at", "2024-06-02T20:40Z", "--status", "clear", "--station", "Test Radio")
    cli.ok(bundled_db, "log", "9100", "--at", "2024-12-01T20:30Z", "--status", "blocked", "--station", "Test Radio")
    cli.ok(bundled_db, "log", "9100", "--at", "2024-06-03T20:30Z", "--status", "clear")  # A24: not after the move
    rows = {r["frequency_khz"]: r for r in changes(cli, bundled_db, "sked-a24", "sked-b24") if r["kind"] == "broadcast"}
    assert rows[9000]["change"] == "moved"
    assert rows[9000]["to_frequency_khz"] == 9100
    assert (rows[9000]["jammer_before"], rows[9000]["jammer_after"], rows[9000]["followed"]) == (True, True, "yes")
    assert (rows[9000]["reports_before"], rows[9000]["jam_rate_before"]) == (2, 0.5)
    assert (rows[9000]["reports_after"], rows[9000]["jam_rate_after"]) == (1, 1.0)
    assert (rows[9500]["to_frequency_khz"], rows[9500]["followed"]) == (9600, "no")
    assert rows[9500]["reports_before"] == 0
    assert rows[9500]["jam_rate_before"] is None
    rows_all = changes(cli, bundled_db, "sked-a24", "sked-b24")
    jammer = {(r["change"], r["frequency_khz"]) for r in rows_all if r["kind"] == "jammer"}
    assert jammer == {("dropped", 9000), ("dropped", 9500), ("added", 9100)}
    table = cli.ok(bundled_db, "changes", "sked-a24", "sked-b24").stdout
    assert "9000 → 9100" in table
    assert "followed: yes" in table
    assert "followed: no" in table
    rows_csv = list(csv.DictReader(io.StringIO(cli.ok(bundled_db, "changes", "sked-a24", "sked-b24", "--csv").stdout)))
    assert rows_csv[0]["jammer_before"] == "true"


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("sked-a25", "nope"), 66, "source 'nope': no such source"),
        (("sked-a25", "sked-a25"), 2, "two different sources"),
        (("sked-a25", "sked-a26", "--station", "No Such Radio"), 66, "no such station"),
        (("sked-a25", "sked-a26", "--json", "--csv"), 2, "not both"),
    ],
)
def test_changes_bad_input(cli: type[Cli], excerpts_db: str, args: tuple[str, ...], code: int, message: str) -> None:
    result = cli.run(excerpts_db, "changes", *args)
    assert result.exit_code == code, result.output
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_history(cli: type[Cli], excerpts_db: str) -> None:
    rows = json.loads(cli.ok(excerpts_db, "history", "FNKR", "--json").stdout)
    by_slot = {(r["frequency_khz"], r["start_utc"], r["days"]): r for r in rows}
    assert by_slot[7605, "2000", ""]["seasons"] == ["A25"]
    assert by_slot[7615, "2000", ""]["seasons"] == ["A26", "B26"]  # EiBi A26 and the bundled B26 entry
    assert set(by_slot[7615, "2000", ""]["sources"]) == {"sked-a26", "free-north-korea-radio"}
    kbs = json.loads(cli.ok(excerpts_db, "history", "KBS Hanminjok", "--json").stdout)
    channel = next(r for r in kbs if r["frequency_khz"] == 6015)
    assert {"A25", "A26"} <= set(channel["jammed_seasons"])
    table = cli.ok(excerpts_db, "history", "KBS Hanminjok").stdout
    assert "6015" in table
    assert "A24, A25–B26" in table  # B25 is bundled (issue 13), B24 is not: the run breaks after A24
    assert cli.run(excerpts_db, "history", "No Such Radio").exit_code == 66


def test_history_on_the_real_files(cli: type[Cli], seasons_db: str) -> None:
    rows = json.loads(cli.ok(seasons_db, "history", "Echo of Hope", "--json").stdout)
    jammed = {r["frequency_khz"] for r in rows if "A25" in r["jammed_seasons"]}
    assert {5995.0, 6250.0} <= jammed
    assert all("A26" not in r["seasons"] for r in rows)  # closed in 2025
