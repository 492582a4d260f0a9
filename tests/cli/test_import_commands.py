"""`init` and `import`: counts, atomic replacement, strict mode, rejects, bad files; the database after each."""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from tests.conftest import EIBI_A25, EIBI_A26, FIXTURES, HFCC_A26, WHOLE_FILES, Cli, orm_modules_loaded


def snapshot(db: str) -> dict[str, object]:
    """What an import may change: sources and their entries."""
    engine = create_engine(db)
    with engine.connect() as connection:
        sources = connection.execute(text("SELECT name, sha256, rows_imported FROM source ORDER BY name")).all()
        entries = connection.execute(text("SELECT count(*), coalesce(sum(line), 0) FROM schedule_entry")).one()
        stations = connection.execute(text("SELECT count(*) FROM station")).scalar()
    engine.dispose()
    return {"sources": [tuple(s) for s in sources], "entries": tuple(entries), "stations": stations}


def count(db: str, sql: str, **params: object) -> int:
    engine = create_engine(db)
    with engine.connect() as connection:
        value = connection.execute(text(sql), params).scalar()
    engine.dispose()
    return int(value or 0)


def test_init_is_idempotent_and_loads_the_bundled_schedules(cli: type[Cli], db_url: str) -> None:
    first = cli.ok(db_url, "init")
    assert "15 bundled schedules" in first.stderr
    before = snapshot(db_url)
    second = cli.ok(db_url, "init")
    assert "0 loaded now, 15 already current" in second.stderr
    assert snapshot(db_url) == before
    assert count(db_url, "SELECT count(*) FROM source WHERE bundled") == 15
    assert count(db_url, "SELECT count(*) FROM station WHERE curated") == 15


def test_a_fresh_database_works_without_any_other_step(cli: type[Cli], db_url: str) -> None:
    result = cli.ok(db_url, "now", "--at", "2026-11-27T12:00Z", "--json")
    assert '"station": "KBS Hanminjok Bangsong"' in result.stdout
    stations = cli.ok(db_url, "stations", "--search", "FNKR").stdout
    assert "Free North Korea Radio" in stations
    assert "자유북한방송" in stations


def test_import_real_eibi_then_same_bytes_again_changes_nothing(cli: type[Cli], bundled_db: str) -> None:
    result = cli.ok(bundled_db, "import", str(EIBI_A26))
    lines = 9391 if WHOLE_FILES else 1477  # the excerpt keeps every irregular and rejected line
    assert f"{lines:,} rows read, {lines - 2:,} imported, 132 irregular, 2 rejected" in result.stderr
    assert f"{EIBI_A26}:3566: rejected: stop: '28021' is not ddmm, [mmyy] or ddmm[mmyy]" in result.stderr
    assert f"{EIBI_A26}:9180: rejected: stop: '3107f'" in result.stderr
    source = "(SELECT id FROM source WHERE name = 'sked-a26')"
    assert count(bundled_db, f"SELECT count(*) FROM schedule_entry WHERE source_id = {source}") == lines - 2
    # EiBi's names link to curated stations through aliases, without renaming what the file says.
    linked = count(
        bundled_db,
        "SELECT count(*) FROM schedule_entry e JOIN station s ON s.id = e.station_id "
        f"WHERE e.source_id = {source} AND s.key = 'north-korea-reform-radio' "
        "AND e.station_name = 'North Korea Reform R.'",
    )
    assert linked == 4
    jammer = count(
        bundled_db,
        "SELECT count(*) FROM schedule_entry e JOIN station s ON s.id = e.station_id "
        f"WHERE e.source_id = {source} AND s.key = 'north-korean-jammers'",
    )
    assert jammer == 1  # the KRE Noise Jammer, not the Ethiopian ones
    before = snapshot(bundled_db)
    again = cli.ok(bundled_db, "import", str(EIBI_A26))
    assert "unchanged since the last import" in again.stderr
    assert snapshot(bundled_db) == before


def test_reimport_replaces_the_source_atomically(cli: type[Cli], bundled_db: str, tmp_path: Path) -> None:
    copy = tmp_path / "sked-a26.csv"
    shutil.copyfile(EIBI_A26, copy)
    cli.ok(bundled_db, "import", str(copy))
    lines = [line for line in copy.read_bytes().split(b"\r\n") if line]  # the excerpt's left-out lines are blank
    copy.write_bytes(b"\r\n".join(lines[:101]) + b"\r\n")  # header + 100 rows
    result = cli.ok(bundled_db, "import", str(copy))
    assert "100 rows read, 100 imported" in result.stderr
    source = "(SELECT id FROM source WHERE name = 'sked-a26')"
    assert count(bundled_db, f"SELECT count(*) FROM schedule_entry WHERE source_id = {source}") == 100
    assert count(bundled_db, "SELECT count(*) FROM source WHERE name = 'sked-a26'") == 1


def test_strict_fails_on_the_first_bad_line_and_changes_nothing(cli: type[Cli], bundled_db: str) -> None:
    before = snapshot(bundled_db)
    result = cli.run(bundled_db, "import", "--strict", str(FIXTURES / "sked-a26-excerpt.csv"))
    assert result.exit_code == 65
    assert result.stderr.strip().startswith("Error: ")
    assert "sked-a26-excerpt.csv:" in result.stderr
    assert "stop: '28021'" in result.stderr
    assert result.stderr.count("\n") == 1
    assert snapshot(bundled_db) == before


def test_rejects_file_keeps_every_rejected_line_verbatim(cli: type[Cli], bundled_db: str, tmp_path: Path) -> None:
    rejects = tmp_path / "rejects.csv"
    source = FIXTURES / "sked-a26-excerpt.csv"
    result = cli.ok(bundled_db, "import", str(source), "--rejects", str(rejects))
    assert "2 rejected (written to" in result.stderr
    original = source.read_bytes().split(b"\r\n")
    expected = [line for line in original if line.endswith((b";28021", b";3107f"))]
    assert rejects.read_bytes() == b"".join(line + b"\r\n" for line in expected)


def test_lenient_import_of_the_excerpt_keeps_good_rows(cli: type[Cli], bundled_db: str) -> None:
    cli.ok(bundled_db, "import", str(FIXTURES / "sked-a26-excerpt.csv"), "--name", "excerpt")
    assert count(bundled_db, "SELECT rows_imported FROM source WHERE name = 'excerpt'") == 50
    assert count(bundled_db, "SELECT rows_rejected FROM source WHERE name = 'excerpt'") == 2


def test_hfcc_excerpt_with_reference_tables(cli: type[Cli], bundled_db: str) -> None:
    result = cli.ok(bundled_db, "import", str(FIXTURES / "A26all00-excerpt.TXT"))
    assert "(hfcc, season A26): 34 rows read, 34 imported" in result.stderr
    assert count(bundled_db, "SELECT count(*) FROM transmitter_site") == 14
    assert count(bundled_db, "SELECT count(*) FROM schedule_entry WHERE site_name = 'Tashkent'") >= 1


def test_imports_load_neither_the_orm_nor_pydantic(bundled_db: str) -> None:
    """Start-up time: an EiBi import, then an HFCC one whose rows are linked to the EiBi stations, write through
    store.core_tables alone: neither the ORM nor pydantic nor SQLModel is loaded, by them or by Typer."""
    stations = count(bundled_db, "SELECT count(*) FROM station")
    for path in (FIXTURES / "sked-a26-excerpt.csv", FIXTURES / "A26all00-excerpt.TXT"):
        assert orm_modules_loaded(["--db", bundled_db, "import", str(path)])[0] == "[]"
    assert count(bundled_db, "SELECT count(*) FROM source WHERE name IN ('sked-a26-excerpt', 'A26all00-excerpt')") == 2
    assert count(bundled_db, "SELECT count(*) FROM schedule_entry WHERE linked_by IS NOT NULL") >= 1
    assert count(bundled_db, "SELECT count(*) FROM station") > stations


def test_real_hfcc_and_a25_files_import_completely(cli: type[Cli], bundled_db: str) -> None:
    records, lines = (3305, 9750) if WHOLE_FILES else (566, 1421)
    hfcc = cli.ok(bundled_db, "import", str(HFCC_A26)).stderr
    assert f"{records:,} rows read, {records:,} imported, 0 irregular, 0 rejected" in hfcc
    assert f"{lines:,} rows read, {lines - 4:,} imported" in cli.ok(bundled_db, "import", str(EIBI_A25)).stderr


def write_native(tmp_path: Path, body: str, name: str = "station.toml") -> Path:
    path = tmp_path / name
    path.write_text(
        'format = "swtracker-schedule/1"\n[station]\nkey = "test-station"\nname = "Test Station"\n' + body,
        encoding="utf-8",
    )
    return path


ENTRY = (
    '[[entry]]\nfrequency = 7615\ntime = "{time}"\ndays = "{days}"\nvalid_from = {start}\nvalid_to = 2026-10-24\n'
    'source = "test"\n{extra}'
)


@pytest.mark.parametrize(
    ("fields", "line", "message"),
    [
        ({"extra": 'colour = "red"\n'}, 12, "colour: unknown field 'colour'"),
        ({"time": "25x0-2100"}, 7, "time: '25x0' is not a UTC time HHMM"),
        ({"time": "2100-2000"}, 7, "time: '2100-2000': end 2000 is before start 2100"),
        ({"days": "Mo-Fx"}, 8, "days: unknown day token 'Mo-Fx'"),
        ({"start": "2026-02-30"}, 9, "not valid TOML"),
    ],
)
def test_bad_native_files_fail_with_file_line_field(
    cli: type[Cli], bundled_db: str, tmp_path: Path, fields: dict[str, str], line: int, message: str
) -> None:
    values = {"time": "2000-2100", "days": "daily", "start": "2026-03-29", "extra": ""} | fields
    path = write_native(tmp_path, ENTRY.format(**values))
    before = snapshot(bundled_db)
    result = cli.run(bundled_db, "import", str(path))
    assert result.exit_code == 65
    assert result.stderr.startswith(f"Error: {path}:{line}: ")
    assert message in result.stderr
    assert result.stderr.count("\n") == 1
    assert snapshot(bundled_db) == before


def test_non_utf8_native_file(cli: type[Cli], bundled_db: str, tmp_path: Path) -> None:
    path = write_native(tmp_path, ENTRY.format(time="2000-2100", days="daily", start="2026-03-29", extra=""))
    path.write_bytes(path.read_bytes().replace(b'"Test Station"', b'"Test \xe9tation"'))
    before = snapshot(bundled_db)
    result = cli.run(bundled_db, "import", str(path))
    assert result.exit_code == 65
    assert f"{path}:4: encoding: byte 0xe9 is not UTF-8" in result.stderr
    assert snapshot(bundled_db) == before


def test_native_import_then_schedule_shows_it(cli: type[Cli], bundled_db: str, tmp_path: Path) -> None:
    path = write_native(tmp_path, ENTRY.format(time="2300-0100+1", days="Mo-Fr", start="2026-03-29", extra=""))
    result = cli.ok(bundled_db, "import", str(path))
    assert "source 'station' (native): 1 row read, 1 imported" in result.stderr
    table = cli.ok(bundled_db, "schedule", "test-station", "--tz", "Asia/Seoul").stdout
    assert "2300–0100+1" in table
    assert "08:00–10:00 +09" in table


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["import", "/nonexistent/sked-a26.csv"], 66, "no such file"),
        (["import", str(FIXTURES / "sked-a26-excerpt.csv"), "--season", "C26"], 65, "season 'C26'"),
        (["import", str(FIXTURES / "sked-a26-excerpt.csv"), "--format", "xml"], 2, "--format 'xml'"),
        (["import", str(FIXTURES / "site.txt")], 65, "not an EiBi CSV, HFCC or swtracker schedule"),
    ],
)
def test_bad_import_arguments(cli: type[Cli], bundled_db: str, args: list[str], code: int, message: str) -> None:
    before = snapshot(bundled_db)
    result = cli.run(bundled_db, *args)
    assert (result.exit_code, result.stderr.count("\n")) == (code, 1)
    assert message in result.stderr
    assert snapshot(bundled_db) == before


def test_eibi_without_a_season_in_its_name(cli: type[Cli], bundled_db: str, tmp_path: Path) -> None:
    path = tmp_path / "schedule.csv"
    shutil.copyfile(FIXTURES / "sked-a26-excerpt.csv", path)
    result = cli.run(bundled_db, "import", str(path))
    assert result.exit_code == 65
    assert "pass --season" in result.stderr
    assert "season A26" in cli.ok(bundled_db, "import", str(path), "--season", "A26").stderr


def test_an_html_page_is_not_a_schedule(cli: type[Cli], bundled_db: str, tmp_path: Path) -> None:
    page = tmp_path / "sked-b26.csv"
    page.write_text("<!DOCTYPE html><html><body>Not found</body></html>")
    result = cli.run(bundled_db, "import", str(page))
    assert result.exit_code == 65
    assert "HTML page" in result.stderr


def test_utf8_resaved_eibi_reads_the_same(cli: type[Cli], bundled_db: str, tmp_path: Path) -> None:
    latin1 = FIXTURES / "sked-a26-excerpt.csv"
    utf8 = tmp_path / "sked-a26-utf8.csv"
    utf8.write_bytes(latin1.read_bytes().decode("latin-1").encode("utf-8"))
    cli.ok(bundled_db, "import", str(utf8))
    assert count(bundled_db, "SELECT count(*) FROM schedule_entry WHERE station_name = 'Rádio Clube do Pará'") == 1


def test_sources_lists_what_was_imported(cli: type[Cli], bundled_db: str) -> None:
    cli.ok(bundled_db, "import", str(FIXTURES / "sked-a26-excerpt.csv"))
    sources = {s["name"]: s for s in json.loads(cli.ok(bundled_db, "sources", "--json").stdout)}
    excerpt = sources["sked-a26-excerpt"]
    assert (excerpt["format"], excerpt["season"], excerpt["entries"], excerpt["rejected"]) == ("eibi", "A26", 50, 2)
    assert excerpt["stale"] is True  # A26 ended before today
    assert excerpt["sha256"] == hashlib.sha256((FIXTURES / "sked-a26-excerpt.csv").read_bytes()).hexdigest()
    assert sources["free-north-korea-radio"]["bundled"] is True


EXCERPT = FIXTURES / "sked-a26-excerpt.csv"


def _excerpt_copy(tmp_path: Path, data: bytes | None = None) -> Path:
    """The excerpt (50 good lines, 2 bad) under the name of the season, optionally with other bytes."""
    path = tmp_path / "sked-a26.csv"
    path.write_bytes(EXCERPT.read_bytes() if data is None else data)
    return path


def test_a_rejects_file_that_cannot_be_written_leaves_the_database_as_it_was(
    cli: type[Cli], bundled_db: str, tmp_path: Path
) -> None:
    before = snapshot(bundled_db)
    result = cli.run(bundled_db, "import", str(EXCERPT), "--rejects", str(tmp_path / "missing" / "rejects.csv"))
    assert result.exit_code == 73
    assert f"{tmp_path / 'missing' / 'rejects.csv'}: cannot write" in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(bundled_db) == before


def test_strict_and_rejects_still_apply_to_a_file_imported_before(
    cli: type[Cli], bundled_db: str, tmp_path: Path
) -> None:
    cli.ok(bundled_db, "import", str(EXCERPT))
    before = snapshot(bundled_db)
    strict = cli.run(bundled_db, "import", "--strict", str(EXCERPT))
    assert strict.exit_code == 65
    assert f"{EXCERPT}:41: stop: '28021'" in strict.stderr
    rejects = tmp_path / "rejects.csv"
    again = cli.ok(bundled_db, "import", str(EXCERPT), "--rejects", str(rejects))
    assert "unchanged since the last import" in again.stderr
    assert f"rejected lines written to {rejects}" in again.stderr
    lines = EXCERPT.read_bytes().splitlines(keepends=True)
    assert rejects.read_bytes() == lines[40] + lines[52]
    assert snapshot(bundled_db) == before


@pytest.mark.parametrize(
    ("encode", "message"),
    [
        (lambda data: data.decode("cp1252").encode("utf-16"), "NUL bytes (UTF-16?)"),
        (lambda data: data.replace(b"\r\n", b"\r"), "lines end in CR alone"),
    ],
)
def test_files_that_would_read_as_nothing_are_refused_and_keep_the_old_source(
    cli: type[Cli], bundled_db: str, tmp_path: Path, encode: Callable[[bytes], bytes], message: str
) -> None:
    cli.ok(bundled_db, "import", str(_excerpt_copy(tmp_path)))
    before = snapshot(bundled_db)
    bad = _excerpt_copy(tmp_path, encode(EXCERPT.read_bytes()))
    for extra in ([], ["--format", "eibi"]):
        result = cli.run(bundled_db, "import", str(bad), *extra)
        assert result.exit_code == 65
        assert message in result.stderr
        assert snapshot(bundled_db) == before


def test_a_file_whose_every_line_is_rejected_imports_nothing(cli: type[Cli], bundled_db: str, tmp_path: Path) -> None:
    cli.ok(bundled_db, "import", str(_excerpt_copy(tmp_path)))
    before = snapshot(bundled_db)
    header = EXCERPT.read_bytes().split(b"\r\n", 1)[0]
    garbage = _excerpt_copy(tmp_path, header + b"\r\n" + b"7615;2000-2100;;KOR;X;K;KRE;;P;;\r\n" * 3)
    result = cli.run(bundled_db, "import", str(garbage))
    assert result.exit_code == 65
    assert "none of its 3 lines is a schedule line (line 2: 'P' is not a persistence code" in result.stderr
    assert snapshot(bundled_db) == before
    empty = _excerpt_copy(tmp_path, header + b"\r\n")
    assert "holds no schedule lines" in cli.run(bundled_db, "import", str(empty)).stderr
    assert snapshot(bundled_db) == before


def test_a_utf8_byte_order_mark_is_read_past(cli: type[Cli], bundled_db: str, tmp_path: Path) -> None:
    path = _excerpt_copy(tmp_path, b"\xef\xbb\xbf" + EXCERPT.read_bytes())
    result = cli.ok(bundled_db, "import", str(path))
    assert "52 rows read, 50 imported" in result.stderr


def test_a_nul_byte_rejects_its_line(cli: type[Cli], bundled_db: str, tmp_path: Path) -> None:
    lines = EXCERPT.read_bytes().split(b"\r\n")
    fields = lines[1].split(b";")
    fields[4] += b"\x00"  # the station name
    lines[1] = b";".join(fields)
    result = cli.ok(bundled_db, "import", str(_excerpt_copy(tmp_path, b"\r\n".join(lines))))
    assert f"{tmp_path / 'sked-a26.csv'}:2: rejected: contains a NUL byte" in result.stderr
    assert "52 rows read, 49 imported" in result.stderr


def test_every_file_is_checked_before_the_first_is_imported(cli: type[Cli], bundled_db: str, tmp_path: Path) -> None:
    before = snapshot(bundled_db)
    result = cli.run(bundled_db, "import", str(EXCERPT), str(tmp_path / "missing.csv"))
    assert result.exit_code == 66
    assert "missing.csv: no such file" in result.stderr
    assert snapshot(bundled_db) == before
    utf16 = _excerpt_copy(tmp_path, EXCERPT.read_bytes().decode("cp1252").encode("utf-16"))
    result = cli.run(bundled_db, "import", str(EXCERPT), str(utf16))
    assert result.exit_code == 65
    assert "NUL bytes (UTF-16?)" in result.stderr
    assert snapshot(bundled_db) == before


def test_a_name_scoped_to_a_country_links_only_that_countrys_rows(
    cli: type[Cli], bundled_db: str, tmp_path: Path
) -> None:
    # voice-of-freedom.toml: aliases "Voice of Freedom [KOR]" — the ROK army's station, not any "Voice of Freedom".
    header = EXCERPT.read_bytes().split(b"\r\n", 1)[0]
    rows = b"5920;1000-1100;;KOR;Voice of Freedom;K;KRE;;1;;\r\n6030;1000-1100;;USA;Voice of Freedom;E;Af;;1;;\r\n"
    cli.ok(bundled_db, "import", str(_excerpt_copy(tmp_path, header + b"\r\n" + rows)))
    result = cli.ok(bundled_db, "schedule", "voice-of-freedom", "--all", "--json")  # closed before A26
    linked = {e["frequency_khz"] for e in json.loads(result.stdout)["entries"] if e["source"] == "sked-a26"}
    assert linked == {5920}


def test_new_stations_are_created_a_chunk_at_a_time_as_if_one_by_one(
    cli: type[Cli], bundled_db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # About two rows per chunk (a chunk is the lines of one read): a name spelled differently later in the same
    # chunk, or in a later chunk, is the station created for its first spelling; another home country or another
    # alias key is a station of its own, and a key taken already gets the next free number.
    monkeypatch.setattr("swtracker.services.schedule_files.READ_CHUNK", 90)
    header = EXCERPT.read_bytes().split(b"\r\n", 1)[0]
    rows = [
        "5900;1000-1100;;USA;Radio Alpha;E;Af;;1;;",
        "5905;1000-1100;;USA;RADIO  ALPHA;E;Af;;1;;",
        "5910;1000-1100;;CHN;Radio Alpha;E;Af;;1;;",
        "5915;1000-1100;;USA;Radio-Alpha;E;Af;;1;;",
        "5920;1000-1100;;USA;radio alpha;E;Af;;1;;",
    ]
    cli.ok(bundled_db, "import", str(_excerpt_copy(tmp_path, "\r\n".join([header.decode(), *rows, ""]).encode())))
    engine = create_engine(bundled_db)
    with engine.connect() as connection:
        linked = connection.execute(
            text(
                "SELECT e.frequency_khz, s.key, s.name FROM schedule_entry e JOIN station s ON s.id = e.station_id "
                "JOIN source ON source.id = e.source_id WHERE source.name = 'sked-a26' ORDER BY e.line"
            )
        ).all()
        aliases = connection.execute(
            text(
                "SELECT a.alias, a.country FROM station_alias a JOIN station s ON s.id = a.station_id "
                "WHERE s.key LIKE 'radio-alpha%' ORDER BY s.key"
            )
        ).all()
    engine.dispose()
    assert [tuple(row) for row in linked] == [
        (5900, "radio-alpha-usa", "Radio Alpha"),
        (5905, "radio-alpha-usa", "Radio Alpha"),
        (5910, "radio-alpha-chn", "Radio Alpha"),
        (5915, "radio-alpha-usa-2", "Radio-Alpha"),
        (5920, "radio-alpha-usa", "Radio Alpha"),
    ]
    assert [tuple(row) for row in aliases] == [("Radio Alpha", "CHN"), ("Radio Alpha", "USA"), ("Radio-Alpha", "USA")]
