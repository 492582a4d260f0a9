"""`swtracker summary` and `swtracker coverage` end to end: JSON, CSV (columns, round trip, formula safety), the
table, the heat map without colour, and every bad input ending in one error line and its exit code. The reports
are REPORTS of the service tests, stored with `reports import`."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest

from swtracker.cli.heatmap_render import tenth
from swtracker.cli.summary_render import SHADES
from swtracker.domain.statistics import StatusCounts
from swtracker.services.coverage import COVERAGE_COLUMNS
from swtracker.services.summary import FIGURE_COLUMNS
from tests.cli.width_checks import assert_fits, has_whole
from tests.conftest import Cli, orm_modules_loaded
from tests.services.test_summary import FNKR, KBS, NKRR

WEEK = ("--since", "2026-11-02", "--until", "2026-11-09")


def read_csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_json_by_station_is_complete_and_exact(cli: type[Cli], reports_db: str) -> None:
    result = cli.ok(reports_db, "summary", "--json")
    groups = json.loads(result.stdout)
    assert result.stderr == ""
    assert [g["station"] for g in groups] == [FNKR, KBS, NKRR, "(ambiguous)", "(unattributed)"]
    kbs = groups[1]
    assert kbs == {
        "station": KBS,
        "station_key": "kbs-hanminjok",
        "reports": 7,
        "clear": 3,
        "jammed": 2,
        "blocked": 1,
        "silent": 1,
        "n": 6,
        "jam_rate": 0.5,
        "block_rate": pytest.approx(1 / 6),
        "jam_rate_ci_low": pytest.approx(0.18761, abs=1e-5),
        "jam_rate_ci_high": pytest.approx(0.81239, abs=1e-5),
        "first_report": "2026-11-02T04:00:00Z",
        "last_report": "2026-11-09T00:00:00Z",
    }
    fnkr = groups[0]  # two silent reports: outages, no jamming figure at all
    assert [fnkr[k] for k in ("reports", "silent", "n", "jam_rate", "block_rate")] == [2, 2, 0, None, None]
    assert (fnkr["jam_rate_ci_low"], fnkr["jam_rate_ci_high"]) == (None, None)
    assert groups[4]["station_key"] is None
    assert list(kbs) == ["station", "station_key", *FIGURE_COLUMNS]


def test_by_station_and_hour_json(cli: type[Cli], reports_db: str) -> None:
    groups = json.loads(cli.ok(reports_db, "summary", "--by", "station", "--by", "hour", "--json").stdout)
    keys = [(g["station"], g["hour"], g["reports"], g["jammed"] + g["blocked"], g["n"]) for g in groups]
    assert keys == [
        (FNKR, 20, 2, 0, 0),
        (KBS, 0, 1, 0, 1),
        (KBS, 4, 3, 2, 2),
        (KBS, 15, 2, 1, 2),
        (KBS, 20, 1, 0, 1),
        (NKRR, 20, 1, 1, 1),
        ("(ambiguous)", 14, 1, 1, 1),
        ("(unattributed)", 10, 1, 0, 1),
    ]


def test_weekday_and_month_keys_are_shown_as_names(cli: type[Cli], reports_db: str) -> None:
    weekdays = json.loads(cli.ok(reports_db, "summary", "--by", "weekday", "--json").stdout)
    assert [(g["weekday"], g["reports"]) for g in weekdays] == [("Mo", 5), ("Tu", 2), ("We", 3), ("Th", 1), ("Fr", 1)]
    months = json.loads(cli.ok(reports_db, "summary", "--by", "MONTH", "--json").stdout)
    assert [(g["month"], g["reports"], g["n"]) for g in months] == [("2026-11", 12, 9)]


def test_table_shows_counts_rates_and_dashes(cli: type[Cli], reports_db: str) -> None:
    table = cli.ok(reports_db, "summary").stdout
    assert "Jamming by station, all reports: 5 groups" in table
    assert "\x1b[" not in table  # NO_COLOR
    rows = table_rows(table)
    assert rows[KBS] == ["7", "3", "2", "1", "1", "6", "50.0%", "(18.8–81.2)", "16.7%", "2026-11-02", "–", "2026-11-09"]
    assert rows[FNKR] == ["2", "0", "0", "0", "2", "0", "–", "–", "2026-11-02", "–", "2026-11-03"]
    nkrr = ["1", "0", "0", "1", "0", "1", "100.0%", "(20.7–100.0)", "100.0%", "2026-11-06", "–", "2026-11-06"]
    assert rows[NKRR] == nkrr
    assert rows["(unattributed)"] == ["1", "1", "0", "0", "0", "1", "0.0%", "(0.0–79.3)", "0.0%", *SAME_DAY]
    assert rows["(ambiguous)"] == ["1", "0", "1", "0", "0", "1", "100.0%", "(20.7–100.0)", "0.0%", *SAME_DAY]


SAME_DAY = ["2026-11-04", "–", "2026-11-04"]


def table_rows(table: str) -> dict[str, list[str]]:
    """Station name -> the cells after it, for rows whose name fits on one line (COLUMNS=250)."""
    rows = {}
    for line in table.splitlines():
        name, _, rest = line.strip().partition("   ")
        if rest and name and not name.startswith("─"):
            rows[name] = rest.split()
    return rows


def test_csv_columns_round_trip_and_nulls(cli: type[Cli], reports_db: str) -> None:
    result = cli.ok(reports_db, "summary", "--csv")
    assert result.stderr == ""
    assert result.stdout.splitlines()[0] == ",".join(["station", "station_key", *FIGURE_COLUMNS])
    rows = read_csv(result.stdout)
    groups = json.loads(cli.ok(reports_db, "summary", "--json").stdout)
    assert len(rows) == len(groups) == 5
    for row, group in zip(rows, groups, strict=True):
        assert row["station"] == group["station"]
        assert row["station_key"] == (group["station_key"] or "")
        for name in ("reports", "clear", "jammed", "blocked", "silent", "n"):
            assert int(row[name]) == group[name]
        for name in ("jam_rate", "block_rate", "jam_rate_ci_low", "jam_rate_ci_high"):
            assert (float(row[name]) if row[name] else None) == group[name]
        assert (row["first_report"], row["last_report"]) == (group["first_report"], group["last_report"])
    fnkr = rows[0]
    assert [fnkr[k] for k in ("n", "jam_rate", "block_rate", "jam_rate_ci_low", "jam_rate_ci_high")] == ["0"] + [""] * 4


def test_csv_cells_that_look_like_formulas_are_escaped(cli: type[Cli], reports_db: str) -> None:
    rows = read_csv(cli.ok(reports_db, "summary", "--by", "reporter", "--csv").stdout)
    assert [(r["reporter"], r["reports"]) for r in rows] == [
        ("'-dx", "1"),
        ("'=carol", "1"),
        ("alice", "3"),
        ("bob", "2"),
        ("(none)", "5"),
    ]
    frequencies = read_csv(cli.ok(reports_db, "summary", "--by", "frequency", "--csv").stdout)
    assert [r["frequency"] for r in frequencies] == [
        "972.0",
        "1170.0",
        "6015.0",
        "7292.5",
        "7590.0",
        "7615.0",
        "12345.0",
    ]
    table = cli.ok(reports_db, "summary", "--by", "reporter").stdout
    assert "=carol" in table
    assert "'=carol" not in table


def test_csv_to_a_file_says_so_on_stderr(cli: type[Cli], reports_db: str, tmp_path: Path) -> None:
    path = tmp_path / "summary.csv"
    result = cli.ok(reports_db, "summary", "--by", "station", "--by", "hour", "--csv", "-o", str(path))
    assert result.stdout == ""
    assert result.stderr.strip() == f"Wrote 8 groups to {path}."
    data = path.read_bytes().decode("utf-8")
    assert data.splitlines()[0] == ",".join(["station", "station_key", "hour", *FIGURE_COLUMNS])
    assert [(r["station"], r["hour"]) for r in read_csv(data)][:2] == [(FNKR, "20"), (KBS, "0")]
    bad = cli.run(reports_db, "summary", "--csv", "-o", str(tmp_path / "missing" / "x.csv"))
    assert bad.exit_code == 73
    assert bad.stderr.startswith(f"Error: {tmp_path / 'missing' / 'x.csv'}: cannot write")


def test_min_reports_says_how_many_groups_are_hidden(cli: type[Cli], reports_db: str) -> None:
    table = cli.ok(reports_db, "summary", "--min-reports", "2")
    assert "2 groups" in table.stdout
    assert "3 groups with fewer than 2 reports hidden (--min-reports)." in table.stdout
    data = cli.ok(reports_db, "summary", "--min-reports", "2", "--json")
    assert [g["station"] for g in json.loads(data.stdout)] == [FNKR, KBS]
    assert "Note: 3 groups with fewer than 2 reports hidden (--min-reports)." in data.stderr


@pytest.mark.parametrize(
    ("args", "kbs_reports"),
    [
        (("--since", "2026-11-02T04:30Z"), 6),  # since is inclusive: k2 at 04:30 counts
        (("--since", "2026-11-02T04:30:01Z"), 5),
        (("--until", "2026-11-09"), 6),  # a bare date is the start of the day; until is exclusive
        (("--until", "2026-11-09T00:00:01Z"), 7),
        (("--since", "2026-11-02 13:30", "--tz", "Asia/Seoul"), 6),  # 04:30 UTC
        (WEEK, 6),
    ],
)
def test_since_and_until(cli: type[Cli], reports_db: str, args: tuple[str, ...], kbs_reports: int) -> None:
    groups = json.loads(cli.ok(reports_db, "summary", "--station", "KBS Hanminjok", *args, "--json").stdout)
    assert [(g["station"], g["reports"]) for g in groups] == [(KBS, kbs_reports)]


def test_a_named_station_without_reports_is_one_row_of_zeros(cli: type[Cli], reports_db: str) -> None:
    groups = json.loads(cli.ok(reports_db, "summary", "--station", "shiokaze", "--json").stdout)
    assert [(g["station"], g["reports"], g["n"], g["jam_rate"], g["first_report"]) for g in groups] == [
        ("Shiokaze", 0, 0, None, None)
    ]


def test_no_reports_is_an_empty_result_and_a_note(cli: type[Cli], bundled_db: str) -> None:
    table = cli.ok(bundled_db, "summary")
    assert "Jamming by station, all reports: 0 groups" in table.stdout
    assert table.stderr.strip() == "Note: no reports match"
    assert json.loads(cli.ok(bundled_db, "summary", "--json").stdout) == []
    assert cli.ok(bundled_db, "summary", "--csv").stdout.splitlines() == [
        ",".join(["station", "station_key", *FIGURE_COLUMNS])
    ]


def hour_cells(output: str, station: str) -> dict[str, tuple[str, str]]:
    """The two lines (jam-rate tenth, report count) of a station's heat-map row, by UTC hour."""
    lines = output.splitlines()
    header = next(line for line in lines if line.startswith("Station"))
    row = next(i for i, line in enumerate(lines) if line.strip().startswith(station))
    cells = {}
    for hour in range(24):
        at = header.index(f" {hour:02d} ") + 1
        cells[f"{hour:02d}"] = (lines[row][at : at + 2].strip(), lines[row + 1][at : at + 2].strip())
    return cells


def test_heatmap_without_colour_shows_tenths_and_counts(cli: type[Cli], reports_db: str) -> None:
    result = cli.ok(reports_db, "summary", "--heatmap")
    output = result.stdout
    assert "\x1b[" not in output
    assert "Jam rate by station and UTC hour, all reports: 5 stations" in output
    kbs = hour_cells(output, "KBS Hanminjok Bangsong")
    assert kbs["04"] == ("9", "3")  # 2 of 2 jammed or blocked, plus a silent report
    assert kbs["15"] == ("5", "2")
    assert kbs["00"] == ("0", "1")
    assert kbs["20"] == ("0", "1")
    assert {hour for hour, cell in kbs.items() if cell != ("", "")} == {"00", "04", "15", "20"}
    assert hour_cells(output, FNKR)["20"] == ("s", "2")  # silent only: no rate
    assert hour_cells(output, NKRR)["20"] == ("9", "1")
    assert "jam rate in tenths" in output
    assert "s = silent reports only" in output


def test_heatmap_hides_small_rows_and_keeps_filters(cli: type[Cli], reports_db: str) -> None:
    output = cli.ok(reports_db, "summary", "--heatmap", "--min-reports", "2", "--since", "2026-11-03").stdout
    assert "from 2026-11-03 00:00 UTC: 1 station\n" in output
    assert "4 stations with fewer than 2 reports hidden" in output  # FNKR, NKRR, (ambiguous), (unattributed)
    kbs = hour_cells(output, "KBS Hanminjok Bangsong")
    assert (kbs["04"], kbs["15"], kbs["20"], kbs["00"]) == (("s", "1"), ("9", "1"), ("0", "1"), ("0", "1"))


def test_heat_cells_are_shaded_by_tenth() -> None:
    assert tenth(StatusCounts(jammed=1)) == ("9", f"black on {SHADES[9]}")
    assert tenth(StatusCounts(clear=3, jammed=1)) == ("2", f"black on {SHADES[2]}")
    assert tenth(StatusCounts(clear=1)) == ("0", f"black on {SHADES[0]}")
    assert tenth(StatusCounts(silent=2)) == ("s", "dim")


def coverage_of(cli: type[Cli], db: str, *args: str) -> dict[str, dict[str, Any]]:
    return {item["station"]: item for item in json.loads(cli.ok(db, "coverage", *args, "--json").stdout)}


def test_coverage_json_csv_and_table(cli: type[Cli], reports_db: str) -> None:
    found = coverage_of(cli, reports_db, *WEEK)
    kbs = found[KBS]
    assert kbs == {
        "station": KBS,
        "station_key": "kbs-hanminjok",
        "period_start": "2026-11-02T00:00:00Z",
        "period_end": "2026-11-09T00:00:00Z",
        "occurrences": 49,
        "monitored": 5,
        "jammed": 2,
        "silent_only": 1,
        "never_monitored": 44,
        "monitored_share": pytest.approx(5 / 49),
        "reports": 6,
        "reports_outside_schedule": 0,
        "no_schedule": False,
        "unscheduled_months": [],
    }
    assert list(kbs) == list(COVERAGE_COLUMNS)
    rows = read_csv(cli.ok(reports_db, "coverage", *WEEK, "--csv").stdout)
    assert [r["station"] for r in rows] == list(found)
    kbs_row = next(r for r in rows if r["station"] == KBS)
    assert [kbs_row[k] for k in ("occurrences", "monitored", "jammed", "never_monitored", "no_schedule")] == [
        "49",
        "5",
        "2",
        "44",
        "false",
    ]
    table = cli.ok(reports_db, "coverage", *WEEK)
    assert "Schedule coverage, 2026-11-02 00:00 to 2026-11-09 00:00 UTC (end exclusive): 6 stations" in table.stdout
    assert table_rows(table.stdout)[KBS] == ["49", "5", "2", "1", "44", "10.2%", "6", "0"]
    assert table.stderr == ""


def test_coverage_flags_a_station_without_schedule(cli: type[Cli], reports_db: str) -> None:
    cli.ok(reports_db, "log", "9700", "--station", "Echo of Hope", "--status", "clear", "--at", "2026-11-03T12:00Z")
    found = coverage_of(cli, reports_db, "--station", "Echo of Hope", *WEEK)
    assert [(i["occurrences"], i["reports"], i["no_schedule"], i["monitored_share"]) for i in found.values()] == [
        (0, 1, True, None)
    ]
    table = cli.ok(reports_db, "coverage", "--station", "Echo of Hope", *WEEK).stdout
    assert table_rows(table)["Echo of Hope"] == ["0", "0", "0", "0", "0", "no", "schedule", "1", "1"]


def test_coverage_names_months_with_no_loaded_schedule(cli: type[Cli], bundled_db: str) -> None:
    # The bundled schedules end with B26 (2027-03-27): April 2027 has none.
    period = ("--since", "2027-03-01", "--until", "2027-05-01")
    found = coverage_of(cli, bundled_db, "--station", "FNKR", *period)
    assert found[FNKR]["unscheduled_months"] == ["2027-04"]
    csv_result = cli.ok(bundled_db, "coverage", *period, "--csv")
    assert {row["unscheduled_months"] for row in read_csv(csv_result.stdout)} == {"2027-04"}
    assert csv_result.stderr.count("months with no loaded schedule (unscheduled_months)") == 1
    for width in (80, 160):
        table = cli.ok(bundled_db, "coverage", "--station", "FNKR", *period, columns=width)
        assert_fits(table.stdout, width)
        assert f"No loaded schedule in 2027-04 for {FNKR}." in " ".join(table.stdout.split())
    two = cli.ok(bundled_db, "coverage", "--since", "2027-03-01", "--until", "2027-06-01", columns=80).stdout
    assert "No loaded schedule in 2027-04, 2027-05 for Free North Korea Radio, Furusato no Kaze," in " ".join(
        two.split()
    )


def test_coverage_period_from_the_reports_is_stated(cli: type[Cli], reports_db: str) -> None:
    result = cli.ok(reports_db, "coverage", "--station", "FNKR", "--json")
    [fnkr] = json.loads(result.stdout)
    assert (fnkr["period_start"], fnkr["period_end"]) == ("2026-11-02T00:00:00Z", "2026-11-04T00:00:00Z")
    assert (fnkr["occurrences"], fnkr["monitored"], fnkr["silent_only"]) == (4, 2, 2)
    assert "Note: period 2026-11-02 00:00 to 2026-11-04 00:00 UTC (end exclusive), from the reports" in result.stderr


def test_coverage_without_reports_or_period(cli: type[Cli], bundled_db: str) -> None:
    result = cli.ok(bundled_db, "coverage")
    assert "Note: no reports to take the period from: give --since and --until" in result.stderr


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["summary", "--json", "--csv"], 2, "give --json or --csv, not both"),
        (["summary", "-o", "x.csv"], 2, "--output writes CSV: add --csv"),
        (["summary", "--by", "colour"], 2, "--by 'colour': use one of station, frequency, hour, weekday, month"),
        (["summary", "--by", "hour", "--by", "hour"], 2, "--by hour is given twice"),
        (["summary", "--heatmap", "--json"], 2, "--heatmap is a terminal view of --by station --by hour"),
        (["summary", "--heatmap", "--by", "hour"], 2, "--heatmap is a terminal view"),
        (["summary", "--min-reports", "-1"], 2, "--min-reports -1: give 0 or more"),
        (["summary", "--station", "Radio Nowhere"], 66, "station 'Radio Nowhere': no such station"),
        (["summary", "--since", "yesterday-ish"], 65, "--since 'yesterday-ish' is not a date/time"),
        (["summary", "--since", "2026-11-09", "--until", "2026-11-02"], 65, "is not before --until"),
        (["coverage", "--since", "2026-01-01", "--until", "2027-01-03"], 65, "is 367 days; give at most 366"),
        (["coverage", "--json", "--csv"], 2, "give --json or --csv, not both"),
        (["coverage", "--station", "Radio Nowhere"], 66, "no such station"),
    ],
)
def test_bad_input_is_one_line_and_an_exit_code(
    cli: type[Cli], reports_db: str, args: list[str], code: int, message: str
) -> None:
    result = cli.run(reports_db, *args)
    assert result.exit_code == code, result.output
    assert result.stderr.startswith("Error: ")
    assert message in result.stderr
    assert result.stderr.count("\n") == 1
    assert result.stdout == ""


@pytest.mark.parametrize("width", [80, 160])
def test_summary_and_coverage_fit_the_terminal_with_names_whole(cli: type[Cli], reports_db: str, width: int) -> None:
    for args in (["summary"], ["summary", "--by", "station", "--by", "hour"], ["coverage", *WEEK]):
        text = cli.ok(reports_db, *args, columns=width).stdout
        assert_fits(text, width)
        for name in (FNKR, KBS, NKRR):
            assert has_whole(text, name), (args, name)
        assert any(line.startswith("Station ") for line in text.splitlines())  # the key column's header
    summary = cli.ok(reports_db, "summary", columns=width).stdout
    assert "50.0% (18.8–81.2)" in summary.replace("\n", " ") or "(18.8–81.2)" in summary  # KBS's rate and CI
    if width == 80:
        assert "Rpts reports, Clr clear" in summary  # the short headers are explained
    else:
        assert "Jam rate (95% CI)" in summary
        assert "Rpts" not in summary


def test_heatmap_at_80_columns_keeps_one_cell_per_hour_and_the_labels(cli: type[Cli], reports_db: str) -> None:
    text = cli.ok(reports_db, "summary", "--heatmap", columns=80).stdout
    assert_fits(text, 80)
    lines = text.splitlines()
    header = next(line for line in lines if line.startswith("Station"))
    assert header.split()[1:13] == [f"{hour:02d}" for hour in range(0, 24, 2)]
    labels = " ".join(line[: header.index("00")] for line in lines[lines.index(header) + 2 :])  # wrapped labels
    for name in (FNKR, KBS, NKRR):
        assert has_whole(labels, name)
    row = next(line for line in lines if line.startswith("KBS"))
    start = header.index("00")
    digits = {hour: row[start + 2 * hour] for hour in range(24)}
    assert {hour: digit for hour, digit in digits.items() if digit != " "} == {0: "0", 4: "9", 15: "5", 20: "0"}
    assert "summary --by station --by hour" in text  # where the per-hour counts went


def test_summary_counts_without_the_orm(reports_db: str) -> None:
    """Start-up time: the summary of every station reads plain rows (store.core_tables), so neither the ORM nor
    pydantic nor SQLModel is loaded, by it or by Typer reading its options."""
    loaded, stdout = orm_modules_loaded(["--db", reports_db, "summary", "--json"])
    assert loaded == "[]"
    assert {group["station"] for group in json.loads(stdout)} >= {KBS, NKRR}
