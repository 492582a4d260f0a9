"""--excel: CSV for spreadsheets (UTF-8 with a byte-order mark) on every CSV output; plain UTF-8 by default."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from tests.conftest import Cli

BOM = b"\xef\xbb\xbf"


@pytest.fixture
def korean_db(cli: type[Cli], bundled_db: str) -> str:
    cli.ok(
        bundled_db,
        *("log", "6015", "--at", "2026-11-02T04:00Z", "--station", "KBS Hanminjok", "--status", "jammed"),
        *("--reporter", "김철수", "--location", "인천 남동구"),
    )
    return bundled_db


def read_back(path: Path) -> list[dict[str, str]]:
    """As a spreadsheet-minded Python reader would: csv with utf-8-sig, which drops the BOM."""
    with path.open(encoding="utf-8-sig", newline="") as stream:
        return list(csv.DictReader(stream))


def test_reports_export_for_excel_starts_with_a_bom_and_reads_back(
    cli: type[Cli], korean_db: str, tmp_path: Path
) -> None:
    plain, excel = tmp_path / "plain.csv", tmp_path / "excel.csv"
    cli.ok(korean_db, "reports", "export", "-o", str(plain))
    cli.ok(korean_db, "reports", "export", "--excel", "-o", str(excel))
    assert not plain.read_bytes().startswith(BOM)
    assert excel.read_bytes() == BOM + plain.read_bytes()
    (row,) = read_back(excel)
    assert (row["reporter"], row["location"], row["station"]) == ("김철수", "인천 남동구", "KBS Hanminjok Bangsong")
    # ... and swtracker imports its own spreadsheet file again (the same uid: nothing new).
    result = cli.ok(korean_db, "reports", "import", str(excel))
    assert "0 imported" in result.stderr
    assert "1 already stored" in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ("summary", "--by", "reporter", "--csv"),
        ("coverage", "--since", "2026-11-02", "--until", "2026-11-03", "--csv"),
    ],
)
def test_summary_outputs_for_excel(cli: type[Cli], korean_db: str, tmp_path: Path, args: tuple[str, ...]) -> None:
    stdout = cli.ok(korean_db, *args, "--excel").stdout
    assert stdout.startswith("\ufeff")
    assert not cli.ok(korean_db, *args).stdout.startswith("\ufeff")
    path = tmp_path / "out.csv"
    cli.ok(korean_db, *args, "--excel", "-o", str(path))
    assert path.read_bytes().startswith(BOM)
    rows = read_back(path)
    assert next(iter(rows[0])) in ("reporter", "station")  # the BOM is not glued to the first header
    if args[0] == "summary":
        assert rows[0]["reporter"] == "김철수"


def test_excel_without_csv_is_a_usage_error(cli: type[Cli], korean_db: str) -> None:
    result = cli.run(korean_db, "summary", "--excel")
    assert result.exit_code == 2
    assert "--excel is a form of CSV: add --csv" in result.stderr
