"""`log` and `reports ...`: what each command prints, its exit code, and what it left in the database."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
import typer
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from typer.core import TyperGroup

from swtracker.cli import app, report_commands
from swtracker.formats.reports_csv import HEADER
from tests.conftest import Cli, orm_modules_loaded, swtracker_process

FNKR = ("7615", "--at", "2026-07-01T20:30Z")  # EiBi A26 3347 and the bundled file: Free North Korea Radio
HEAD = ",".join(HEADER)


def reports(db: str, where: str = "1 = 1") -> list[dict[str, Any]]:
    engine = create_engine(db)
    with engine.connect() as connection:
        found = [dict(r._mapping) for r in connection.execute(text(f"SELECT * FROM report WHERE {where} ORDER BY id"))]
    engine.dispose()
    return found


@pytest.mark.parametrize("status", ["clear", "jammed", "blocked", "silent"])
def test_log_each_status(cli: type[Cli], bundled_db: str, status: str) -> None:
    result = cli.ok(bundled_db, "log", *FNKR, "--status", status, "--reporter", "JA1XYZ", "--receiver", "IC-R75")
    assert result.stdout.strip() == (
        f"Logged report 1: 7615 kHz at 2026-07-01 20:30 UTC, {status} -> Free North Korea Radio (matched), "
        "broadcast free-north-korea-radio:183 2000-2100 UTC, site /UZB."
    )
    [row] = reports(bundled_db)
    assert (row["status"], row["attribution"], row["reporter"], row["receiver"]) == (
        status,
        "matched",
        "JA1XYZ",
        "IC-R75",
    )


def test_log_loads_neither_the_orm_nor_pydantic(bundled_db: str) -> None:
    """Start-up time: `log` attributes and stores a report through Core alone; naming a station (--station) is
    what loads the ORM, to resolve the name."""
    loaded, stdout = orm_modules_loaded(["--db", bundled_db, "log", *FNKR, "--status", "jammed", "--jammer", "jet"])
    assert loaded == "[]"
    assert stdout.startswith("Logged report 1: 7615 kHz at 2026-07-01 20:30 UTC, jammed, jet jammer -> Free North")
    [row] = reports(bundled_db)
    assert (row["attribution"], row["jammer"]) == ("matched", "jet")
    named, _ = orm_modules_loaded(["--db", bundled_db, "log", *FNKR, "--status", "clear", "--station", "FNKR"])
    assert named == "['pydantic', 'sqlalchemy.orm', 'sqlmodel']"
    assert [row["station_name"] for row in reports(bundled_db)] == ["Free North Korea Radio"] * 2


def test_log_json_is_only_json(cli: type[Cli], bundled_db: str) -> None:
    result = cli.ok(bundled_db, "log", *FNKR, "--status", "jammed", "--sio", "343j", "--jammer", "jet", "--json")
    data = json.loads(result.stdout)
    assert data["station"] == "Free North Korea Radio"
    assert (data["attribution"], data["sio"], data["jammer"], data["schedule_ref"]) == (
        "matched",
        "343j",
        "jet",
        "free-north-korea-radio:183 2000-2100",
    )
    assert data["observed_at"] == "2026-07-01T20:30:00Z"
    assert reports(bundled_db)[0]["uid"] == data["uid"]


def test_log_reads_a_naive_time_in_the_zone_and_accepts_mhz(cli: type[Cli], bundled_db: str) -> None:
    cli.ok(bundled_db, "--tz", "Asia/Seoul", "log", "7.615 MHz", "--at", "2026-07-02 05:30", "--status", "jammed")
    [row] = reports(bundled_db)
    assert (row["frequency_khz"], row["utc_hour"], row["station_name"]) == (7615.0, 20, "Free North Korea Radio")


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("--sinpo", "63333"), 65, "Error: --sinpo 63333: S (signal) must be 1-5, not 6"),
        (("--sinpo", "34a33"), 65, "Error: --sinpo 34a33: N (noise) must be 1-5 or x (not rated), not a"),
        (("--sio", "3433"), 65, "Error: --sio 3433: SIO has 3 digits (SIO), not 4"),
        (("--sinpo", "34333", "--sio", "343"), 2, "Error: give --sinpo or --sio, not both"),
        (("--location", "PZ37"), 65, "Error: --location PZ37: field letter 2 must be A-R, not Z"),
        (("--jammer", "buzz"), 2, "Error: --jammer 'buzz' is not a jammer type"),
    ],
)
def test_log_rejects_bad_codes_and_stores_nothing(
    cli: type[Cli], bundled_db: str, args: tuple[str, ...], code: int, message: str
) -> None:
    result = cli.run(bundled_db, "log", *FNKR, "--status", "jammed", *args)
    assert result.exit_code == code
    assert result.stderr.startswith(message)
    assert "Traceback" not in result.output
    assert reports(bundled_db) == []


def test_log_clear_with_jamming_is_a_contradiction(cli: type[Cli], bundled_db: str) -> None:
    result = cli.run(bundled_db, "log", *FNKR, "--status", "clear", "--sio", "343j")
    assert result.exit_code == 65
    assert result.stderr.strip() == "Error: --sio 343j: j marks jamming, which contradicts the status clear"
    missing = cli.run(bundled_db, "log", *FNKR)
    assert missing.exit_code == 2
    assert reports(bundled_db) == []


def test_log_in_the_future_is_an_error(cli: type[Cli], bundled_db: str) -> None:
    result = cli.run(bundled_db, "log", "7615", "--at", "2099-01-01T00:00Z", "--status", "jammed")
    assert result.exit_code == 65
    assert result.stderr.startswith("Error: --at 2099-01-01T00:00:00Z is in the future (now is ")
    assert reports(bundled_db) == []


@pytest.mark.parametrize("name", ["FNKR", "자유북한방송"])
def test_log_station_alias(cli: type[Cli], bundled_db: str, name: str) -> None:
    result = cli.ok(bundled_db, "log", *FNKR, "--status", "blocked", "--station", name)
    assert "-> Free North Korea Radio (given), broadcast free-north-korea-radio:183 2000-2100 UTC" in result.stdout
    [row] = reports(bundled_db)
    assert (row["attribution"], row["station_name"]) == ("given", "Free North Korea Radio")


def test_log_unknown_station_suggests_names(cli: type[Cli], bundled_db: str) -> None:
    result = cli.run(bundled_db, "log", *FNKR, "--status", "jammed", "--station", "Free Nort Korea Radio")
    assert result.exit_code == 66
    assert result.stderr.startswith(
        "Error: station 'Free Nort Korea Radio': no such station; did you mean 'Free North Korea Radio'"
    )
    assert reports(bundled_db) == []


def test_log_ambiguous_and_unattributed_say_so(cli: type[Cli], a26_db: str) -> None:
    ambiguous = cli.ok(a26_db, "log", "6015", "--at", "2026-07-01T12:30Z", "--status", "blocked")
    assert "-> ambiguous between KBS Hanminjok Bangsong; PBS Xinjiang." in ambiguous.stdout
    assert ambiguous.stderr.startswith(
        "Note: 2 stations are on air within ±2.5 kHz of 6015 kHz at 2026-07-01 12:30 UTC: "
        "KBS Hanminjok Bangsong; PBS Xinjiang. Report 1 is kept as ambiguous"
    )
    jammer_only = cli.ok(a26_db, "log", "4790", "--at", "2026-07-01T12:30Z", "--status", "jammed", "--json")
    assert json.loads(jammer_only.stdout)["attribution"] == "unattributed"
    assert "no broadcast is scheduled within ±2.5 kHz of 4790 kHz" in jammer_only.stderr
    rows = reports(a26_db)
    assert [(r["attribution"], r["candidates"], r["station_id"]) for r in rows] == [
        ("ambiguous", "KBS Hanminjok Bangsong; PBS Xinjiang", None),
        ("unattributed", "", None),
    ]


def test_on_a_terminal_an_ambiguous_report_can_be_attached_at_once(
    cli: type[Cli], a26_db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(report_commands, "_on_terminal", lambda: True)
    result = cli.ok(a26_db, "log", "6015", "--at", "2026-07-01T12:30Z", "--status", "blocked", input="2\n")
    assert "1. KBS Hanminjok Bangsong" in result.stderr
    assert "2. PBS Xinjiang" in result.stderr
    assert "-> PBS Xinjiang (given), broadcast sked-a26:2065 1155-1800 UTC" in result.stdout
    [row] = reports(a26_db)
    assert (row["attribution"], row["station_name"], row["candidates"]) == ("given", "PBS Xinjiang", "")
    kept = cli.ok(a26_db, "log", "6015", "--at", "2026-07-01T12:30Z", "--status", "blocked", input="\n")
    assert "-> ambiguous between" in kept.stdout
    assert reports(a26_db)[1]["attribution"] == "ambiguous"


def test_on_a_terminal_delete_asks_first(cli: type[Cli], bundled_db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(report_commands, "_on_terminal", lambda: True)
    cli.ok(bundled_db, "log", *FNKR, "--status", "jammed")
    assert "Kept report 1." in cli.ok(bundled_db, "reports", "delete", "1", input="n\n").stderr
    assert len(reports(bundled_db)) == 1
    assert "Deleted report 1" in cli.ok(bundled_db, "reports", "delete", "1", input="y\n").stderr
    assert reports(bundled_db) == []


def test_reports_list_show_edit_delete(cli: type[Cli], bundled_db: str) -> None:
    cli.ok(bundled_db, "log", *FNKR, "--status", "jammed", "--reporter", "JA1XYZ", "--notes", "잡음 재밍")
    cli.ok(bundled_db, "log", "9999", "--at", "2026-07-01T21:00Z", "--status", "silent")
    listed = json.loads(cli.ok(bundled_db, "reports", "list", "--json").stdout)
    assert [r["id"] for r in listed] == [2, 1]  # newest first
    assert [r["id"] for r in json.loads(cli.ok(bundled_db, "reports", "list", "--status", "silent", "--json").stdout)]
    table = cli.ok(bundled_db, "reports", "list", "--station", "FNKR").stdout
    assert "Free North Korea Radio" in table
    assert "JA1XYZ" in table
    uid = listed[1]["uid"]
    shown = cli.ok(bundled_db, "reports", "show", uid).stdout
    assert "잡음 재밍" in shown
    assert "free-north-korea-radio:183 2000-2100" in shown

    bad = cli.run(bundled_db, "reports", "edit", "1", "--status", "clear")
    assert bad.exit_code == 0  # no jammer and no `j`: clear is consistent
    edited = json.loads(
        cli.ok(bundled_db, "reports", "edit", "1", "--sio", "343j", "--status", "jammed", "--json").stdout
    )
    assert (edited["sio"], edited["status"]) == ("343j", "jammed")
    refused = cli.run(bundled_db, "reports", "edit", "1", "--status", "clear")
    assert refused.exit_code == 65
    assert reports(bundled_db, "id = 1")[0]["status"] == "jammed"
    cli.ok(bundled_db, "reports", "edit", "2", "--station", "FNKR")
    assert reports(bundled_db, "id = 2")[0]["attribution"] == "given"

    no_terminal = cli.run(bundled_db, "reports", "delete", "1")
    assert no_terminal.exit_code == 2
    assert "not deleting without --yes" in no_terminal.stderr
    assert len(reports(bundled_db)) == 2
    cli.ok(bundled_db, "reports", "delete", "1", "--yes")
    assert [r["id"] for r in reports(bundled_db)] == [2]
    for args in (("show", "1"), ("edit", "1", "--notes", "x"), ("delete", "1", "--yes")):
        missing = cli.run(bundled_db, "reports", *args)
        assert missing.exit_code == 66
        assert missing.stderr.startswith("Error: report '1': no such report")


def test_reports_import_reports_bad_rows_and_is_idempotent(cli: type[Cli], bundled_db: str, tmp_path: Path) -> None:
    path = tmp_path / "reports.csv"
    path.write_text(
        "\ufeff"
        + "\n".join(
            [
                HEAD,
                "u1,2026-07-01T20:30Z,7615,FNKR,jammed,34333,noise,JA1XYZ,PM37,,",
                ",2026-07-01T20:35Z,7615,,blocked,222j,,JA1XYZ,,,'=not a formula",
                "u3,2026-07-01T20:40Z,7615,,jammed,63333,,,,,",
                "u4,2026-07-01T20:45Z,7615,Radio Nowhere,jammed,,,,,,",
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    strict = cli.run(bundled_db, "reports", "import", str(path), "--strict")
    assert strict.exit_code == 65
    assert f"{path}:4: sinpo: 63333: S (signal) must be 1-5, not 6" in strict.stderr
    assert f"{path}:5: station: station 'Radio Nowhere': no such station" in strict.stderr
    assert "nothing imported (--strict)" in strict.stderr
    assert reports(bundled_db) == []

    lenient = cli.run(bundled_db, "reports", "import", str(path))
    assert lenient.exit_code == 0  # good rows stored, bad ones listed: as the schedule import does
    assert f"{path}:4: sinpo: 63333: S (signal) must be 1-5, not 6" in lenient.stderr
    assert f"{path}: 4 rows read: 2 imported (1 given, 1 matched), 0 already stored, 2 bad." in lenient.stderr
    rows = reports(bundled_db)
    assert [(r["uid"][:2], r["sio"], r["notes"]) for r in rows] == [
        ("u1", None, None),
        (rows[1]["uid"][:2], "222j", "=not a formula"),
    ]

    again = cli.run(bundled_db, "reports", "import", str(path), "--json")
    assert again.exit_code == 0
    summary = json.loads(again.stdout)
    assert (summary["imported"], summary["unchanged"], len(summary["bad"])) == (0, 2, 2)
    assert reports(bundled_db) == rows
    strict_again = cli.run(bundled_db, "reports", "import", str(path), "--strict")
    assert strict_again.exit_code == 65
    assert reports(bundled_db) == rows


def test_reports_import_of_only_bad_rows_exits_65_and_changes_nothing(
    cli: type[Cli], bundled_db: str, tmp_path: Path
) -> None:
    cli.ok(bundled_db, "log", *FNKR, "--status", "jammed")
    before = reports(bundled_db)
    path = tmp_path / "bad.csv"
    path.write_text(
        f"{HEAD}\nu1,2026-07-01T20:30Z,7615,,jammed,63333,,,,,\nu2,2026-07-01T20:30Z,7615,,loud,,,,,,\n",
        encoding="utf-8",
    )
    result = cli.run(bundled_db, "reports", "import", str(path), "--json")
    assert result.exit_code == 65
    assert json.loads(result.stdout)["bad"] == [
        f"{path}:2: sinpo: 63333: S (signal) must be 1-5, not 6",
        f"{path}:3: status: 'loud' is not a status; use clear, jammed, blocked or silent",
    ]
    assert "Traceback" not in result.output
    assert reports(bundled_db) == before


def test_reports_import_of_an_unclosed_quote_keeps_the_next_row_out_of_its_notes(
    cli: type[Cli], bundled_db: str, tmp_path: Path
) -> None:
    path = tmp_path / "quote.csv"
    path.write_text(
        f'{HEAD}\nq1,2026-07-01T20:30Z,7615,,jammed,,,,,,"never closed\nq2,2026-07-01T20:35Z,7615,,jammed,,,,,,\n',
        encoding="utf-8",
    )
    result = cli.run(bundled_db, "reports", "import", str(path))
    assert result.exit_code == 65
    assert f'{path}:2: a quoted field (") is never closed; lines 2-3 were read as this one row' in result.stderr
    assert f"{path}: 1 row read: 0 imported, 0 already stored, 1 bad." in result.stderr
    assert reports(bundled_db) == []


@pytest.mark.parametrize("station", ["north-korean-jammers", "KRE Noise Jammer"])
def test_a_report_naming_a_jammer_is_refused(cli: type[Cli], bundled_db: str, tmp_path: Path, station: str) -> None:
    at = ("6015", "--at", "2026-07-01T12:00Z")
    refused = cli.run(bundled_db, "log", *at, "--status", "jammed", "--station", station)
    assert refused.exit_code == 65
    assert refused.stderr.strip() == (
        f"Error: --station '{station}' is a jammer (North Korean jamming): a report is about the broadcast being "
        "jammed; name the jammed station or none, and give the jammer type with --jammer"
    )
    assert reports(bundled_db) == []
    cli.ok(bundled_db, "log", *at, "--status", "jammed", "--jammer", "noise")
    before = reports(bundled_db)
    assert before[0]["station_name"] == "KBS Hanminjok Bangsong"
    edited = cli.run(bundled_db, "reports", "edit", "1", "--station", station)
    assert edited.exit_code == 65
    assert edited.stderr.startswith(f"Error: --station '{station}' is a jammer (North Korean jamming)")
    assert reports(bundled_db) == before
    path = tmp_path / "r.csv"
    path.write_text(f"{HEAD}\nu1,2026-07-01T12:00Z,6015,{station},jammed,,noise,,,,\n", encoding="utf-8")
    imported = cli.run(bundled_db, "reports", "import", str(path))
    assert imported.exit_code == 65
    assert f"{path}:2: station: '{station}' is a jammer (North Korean jamming)" in imported.stderr
    assert "give the jammer type in the jammer column" in imported.stderr
    assert reports(bundled_db) == before


@pytest.mark.parametrize("command", [["reports", "list"], ["reports", "export"], ["summary"], ["coverage"]])
def test_until_before_since_is_refused_alike(cli: type[Cli], bundled_db: str, command: list[str]) -> None:
    cli.ok(bundled_db, "log", *FNKR, "--status", "jammed")
    result = cli.run(bundled_db, *command, "--since", "2026-07-02", "--until", "2026-07-01")
    assert result.exit_code == 65
    assert result.stderr.strip() == "Error: --since 2026-07-02T00:00:00Z is not before --until 2026-07-01T00:00:00Z"
    assert result.stdout == ""


def test_export_with_until_before_since_leaves_the_output_file_alone(
    cli: type[Cli], bundled_db: str, tmp_path: Path
) -> None:
    output = tmp_path / "kept.csv"
    output.write_text("earlier export\n", encoding="utf-8")
    result = cli.run(
        bundled_db, "reports", "export", "-o", str(output), "--since", "2026-07-02", "--until", "2026-07-01"
    )
    assert result.exit_code == 65
    assert output.read_text(encoding="utf-8") == "earlier export\n"


def test_reports_export_then_import_round_trips(
    cli: type[Cli], bundled_db: str, other_bundled_db: str, tmp_path: Path
) -> None:
    cli.ok(bundled_db, "log", *FNKR, "--status", "jammed", "--sinpo", "342x3", "--notes", '=HYPERLINK("x")')
    cli.ok(bundled_db, "log", "6015", "--at", "2026-07-01T12:30Z", "--status", "blocked", "--location", "서울")
    exported = tmp_path / "out.csv"
    result = cli.ok(bundled_db, "reports", "export", "-o", str(exported))
    assert "Exported 2 reports" in result.stderr
    content = exported.read_bytes().decode("utf-8")
    assert content.startswith(HEAD + "\r\n")
    assert '\'=HYPERLINK(""x"")' in content
    assert cli.ok(bundled_db, "reports", "export").stdout_bytes.decode("utf-8") == content

    cli.ok(other_bundled_db, "reports", "import", str(exported))
    assert cli.ok(other_bundled_db, "reports", "export").stdout_bytes.decode("utf-8") == content
    assert [r["notes"] for r in reports(other_bundled_db)] == [None, '=HYPERLINK("x")']
    filtered = cli.ok(other_bundled_db, "reports", "export", "--freq", "6015").stdout
    assert filtered.splitlines()[1].split(",")[2] == "6015"
    assert len(filtered.splitlines()) == 2


def test_every_report_command_and_option_has_help(cli: type[Cli], db_url: str) -> None:
    root = typer.main.get_command(app)
    assert isinstance(root, TyperGroup)
    reports_group = root.commands["reports"]
    assert isinstance(reports_group, TyperGroup)
    commands = [root.commands["log"], reports_group, *reports_group.commands.values()]
    assert {c.name for c in reports_group.commands.values()} == {
        "list",
        "show",
        "edit",
        "delete",
        "import",
        "export",
        "attribute",
    }
    for command in commands:
        assert command.help, command.name
        for param in command.params:
            assert getattr(param, "help", None), f"{command.name} {param.name}"
    assert "Log what you heard" in cli.ok(db_url, "--help").stdout


@pytest.mark.reliability
def test_concurrent_loggers_lose_nothing(bundled_db: str) -> None:
    """4 listeners log 10 reports each at the same time on one SQLite file: no 'database is locked', no loss."""
    if make_url(bundled_db).get_backend_name() != "sqlite":
        pytest.skip("SQLite write locking is what this checks")
    log = ["--db", bundled_db, "log", *FNKR, "--status", "jammed"]
    listeners = [
        swtracker_process(
            [[*log, "--reporter", f"L{number}", "--notes", f"{number}-{report}"] for report in range(10)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        for number in range(4)
    ]
    failures = [(listener.communicate(timeout=300)[1], listener.returncode) for listener in listeners]
    assert [failure for failure in failures if failure[1] != 0] == []
    rows = reports(bundled_db)
    assert len(rows) == 40
    assert {r["notes"] for r in rows} == {f"{n}-{r}" for n in range(4) for r in range(10)}
    assert {r["attribution"] for r in rows} == {"matched"}


def test_an_export_that_fails_half_way_leaves_the_output_file_alone(
    cli: type[Cli], bundled_db: str, tmp_path: Path
) -> None:
    (tmp_path / "out").mkdir()
    output = tmp_path / "out" / "kept.csv"
    output.write_text("earlier export\n", encoding="utf-8")
    output.chmod(0o640)
    result = cli.run(bundled_db, "reports", "export", "-o", str(output), "--station", "Radio Nowhere")
    assert result.exit_code == 66
    assert output.read_text(encoding="utf-8") == "earlier export\n"
    assert [p.name for p in output.parent.iterdir()] == ["kept.csv"]  # no temporary file left behind
    cli.ok(bundled_db, "log", *FNKR, "--status", "jammed")
    cli.ok(bundled_db, "reports", "export", "-o", str(output))
    assert output.read_text(encoding="utf-8").startswith("uid,observed_at,")
    assert output.stat().st_mode & 0o777 == 0o640  # replaced, keeping the file's permissions


def test_an_export_through_a_symlink_or_to_a_pipe_writes_through(
    cli: type[Cli], bundled_db: str, tmp_path: Path
) -> None:
    cli.ok(bundled_db, "log", *FNKR, "--status", "jammed")
    (tmp_path / "real").mkdir()
    link = tmp_path / "link.csv"
    link.symlink_to(tmp_path / "real" / "target.csv")
    cli.ok(bundled_db, "reports", "export", "-o", str(link))
    assert link.is_symlink()
    assert (tmp_path / "real" / "target.csv").read_text(encoding="utf-8").startswith("uid,observed_at,")
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with ThreadPoolExecutor(1) as pool:  # the reader end of the pipe
        received = pool.submit(lambda: fifo.read_text(encoding="utf-8"))
        cli.ok(bundled_db, "reports", "export", "-o", str(fifo))
        assert received.result(timeout=30).startswith("uid,observed_at,")
    assert stat.S_ISFIFO(fifo.stat().st_mode)


ORM_PROBE = """
import sys
from sqlmodel import SQLModel
from swtracker.cli import app

try:
    app(["--db", sys.argv[1], "log", "7615", "--status", "jammed", "--at", "2026-07-01T20:30Z"])
except SystemExit as done:
    assert done.code == 0, done.code
print(sorted(SQLModel.metadata.tables), file=sys.stderr)
"""


def test_log_writes_without_the_report_model(bundled_db: str) -> None:
    """Start-up time: `log` inserts with Core (store.core_tables), so the SQLModel class of the report table is
    never defined; the report is stored all the same."""
    probe = subprocess.run([sys.executable, "-c", ORM_PROBE, bundled_db], capture_output=True, text=True, check=True)
    defined = probe.stderr.strip().splitlines()[-1]
    assert defined.startswith("[")
    assert "'report'" not in defined
    [row] = reports(bundled_db)
    assert (row["station_name"], row["attribution"]) == ("Free North Korea Radio", "matched")
    assert row["frequency_khz"] == 7615
