"""`bookmarks FORMAT` on the real files at pinned instants, each file read back by its program's rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import Cli
from tests.exports.program_readers import read_gqrx, read_kiwisdr, read_openwebrx, read_sdrpp, read_sdrsharp

# Wednesday 1 July 2026, 13:00 UTC.
AT = "2026-07-01T13:00Z"


def test_gqrx_file_holds_what_is_on_air_and_next_with_jammers_tagged(
    cli: type[Cli], a26_db: str, tmp_path: Path
) -> None:
    out = tmp_path / "bookmarks.csv"
    result = cli.ok(a26_db, "bookmarks", "gqrx", "--at", AT, "--hours", "1", "--target", "KRE", "-o", str(out))
    assert f"to {out}" in result.stderr
    read = read_gqrx(out.read_bytes())
    assert read.ignored == []
    found = {(hz, name): tags for hz, name, _, _, tags in read.bookmarks}
    # bundled shiokaze.toml: 6070 kHz 1300-1400 on Wednesdays, on air at 13:00.
    assert found[(6070000, "Shiokaze 1300-1400Z We")] == ["swtracker on air"]
    # EiBi a26: `9385;1330-1400;;KOR;Voice of Martyrs;K;KRE;/UZB` starts within the hour.
    assert found[(9385000, "Voice of Martyrs 1330-1400Z")] == ["swtracker next"]
    # The North Korean jammers on KBS Hanminjok's 6015: one bookmark although the bundled file and EiBi list them.
    jammers = [name for (hz, name), tags in found.items() if tags == ["swtracker jammers"]]
    assert jammers == ["North Korean jamming 0350-2400Z"]
    # The same broadcast from the bundled file and EiBi (Furusato no Kaze / Nippon no Kaze) is one bookmark.
    assert len([name for hz, name in found if hz == 9940000]) == 1


def test_every_format_reads_back(cli: type[Cli], a26_db: str, tmp_path: Path) -> None:
    readers = {
        "sdrpp": read_sdrpp,
        "sdrsharp": read_sdrsharp,
        "kiwisdr": read_kiwisdr,
        "openwebrx": read_openwebrx,
    }
    counts = {}
    for name, read in readers.items():
        out = tmp_path / name
        cli.ok(a26_db, "bookmarks", name, "--at", AT, "--target", "KRE", "-o", str(out))
        counts[name] = len(read(out.read_bytes()))
    gqrx = read_gqrx(cli.ok(a26_db, "bookmarks", "gqrx", "--at", AT, "--target", "KRE").stdout.encode())
    assert counts["sdrpp"] == counts["sdrsharp"] == counts["kiwisdr"] == len(gqrx.bookmarks)
    assert counts["openwebrx"] == len({hz for hz, *_ in gqrx.bookmarks}) < len(gqrx.bookmarks)


def test_kiwisdr_season_exports_a_whole_source_with_days(cli: type[Cli], a26_db: str) -> None:
    result = cli.ok(a26_db, "bookmarks", "kiwisdr", "--season", "--source", "sked-a26", "--target", "KRE")
    rows = read_kiwisdr(result.stdout.encode())
    # EiBi a26: `9960;1300-1400;;CLA;Free North Korea Radio;K;KRE;/UZB;4;;[0226]` is winter only: not active.
    assert not [r for r in rows if r[0] == "9960.00" and r[10] == "'1300"]
    # line 1927 `5920;1600-1630;156;J;Shiokaze;J;KRE;y;6;0704;2604`: days 1, 5, 6 (Monday, Friday, Saturday) in
    # the DOW and the label.
    shiokaze = [r for r in rows if r[2] == "Shiokaze 1600-1630Z 156" and r[0] == "5920.00"]
    assert [(r[0], r[9], r[10], r[11]) for r in shiokaze] == [("5920.00", "M___FS_", "'1600", "'1630")]
    assert len(rows) > 100


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["bookmarks", "winradio"], "unknown format 'winradio': use one of gqrx, sdrpp, sdrsharp, kiwisdr, openwebrx"),
        (["bookmarks", "gqrx", "--season"], "--season is for kiwisdr"),
        (["bookmarks", "kiwisdr", "--season", "--hours", "2"], "leave out --at and --hours"),
    ],
)
def test_usage_errors(cli: type[Cli], bundled_db: str, args: list[str], message: str) -> None:
    result = cli.run(bundled_db, *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_nothing_on_air_writes_a_valid_empty_file_and_says_so(cli: type[Cli], bundled_db: str, tmp_path: Path) -> None:
    out = tmp_path / "empty.xml"
    result = cli.ok(bundled_db, "bookmarks", "sdrsharp", "--at", AT, "--freq", "29999", "-o", str(out))
    assert read_sdrsharp(out.read_bytes()) == []
    assert "nothing on air at 2026-07-01 13:00 UTC or starting within 3 h" in result.stderr
    assert "valid and empty" in result.stderr


def test_a_failed_export_leaves_an_existing_file_as_it_was(cli: type[Cli], bundled_db: str, tmp_path: Path) -> None:
    out = tmp_path / "bookmarks.csv"
    out.write_text("mine\n")
    result = cli.run(bundled_db, "bookmarks", "gqrx", "--at", AT, "--station", "no such station", "-o", str(out))
    assert result.exit_code != 0
    assert out.read_text() == "mine\n"
