"""`swtracker fetch` end to end against a real HTTP server on 127.0.0.1: the real EiBi file, conditional
re-fetches, and every injected fault ending in one error line, its exit code and an untouched database."""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pytest
from typer.testing import Result

from swtracker.domain.seasons import Season
from tests.conftest import EIBI_A26, Cli, needs_shared
from tests.services.test_fetch import (
    EIBI_EXCERPT,
    EIBI_EXCERPT_ROWS,
    HFCC_EXCERPT_ZIP,
    Reply,
    ScheduleServer,
    closed_port_url,
    running_server,
    snapshot,
    source_row,
)

A26_SHA256 = "81497177bfb1001ebb248c365d7aad83c9609ba498c694854aa5db9991b07477"
EIBI_PATH = "/dx/sked-a26.csv"


@pytest.fixture(autouse=True)
def _fast(monkeypatch: pytest.MonkeyPatch) -> None:
    """Short timeouts and no back-off, through the documented environment variables."""
    monkeypatch.setenv("SWTRACKER_FETCH_CONNECT_TIMEOUT", "2")
    monkeypatch.setenv("SWTRACKER_FETCH_READ_TIMEOUT", "2")
    monkeypatch.setenv("SWTRACKER_FETCH_RETRY_DELAY", "0")


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[ScheduleServer]:
    with running_server(monkeypatch) as running:
        monkeypatch.setenv("SWTRACKER_EIBI_URL", running.url("/dx/"))
        monkeypatch.setenv("SWTRACKER_HFCC_URL", running.url("/data/{season}/{season}allx2.zip"))
        yield running


@pytest.fixture
def fetched(cli: type[Cli], bundled_db: str, server: ScheduleServer) -> str:
    """A database holding sked-a26 (the excerpt) as fetched from the test server."""
    server.serve(EIBI_PATH, Reply(EIBI_EXCERPT, etag='"v1"'))
    cli.ok(bundled_db, "fetch", "eibi", "--season", "A26")
    return bundled_db


def assert_one_error_line(result: Result, exit_code: int, message: str) -> None:
    assert result.exit_code == exit_code, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Error: ")
    assert re.search(message, lines[0]), lines[0]
    assert result.stdout == ""


@needs_shared
def test_the_real_eibi_file_is_imported_then_not_modified(
    cli: type[Cli], bundled_db: str, server: ScheduleServer, tmp_path: Path
) -> None:
    stamp = "Sat, 22 Aug 2026 19:35:32 GMT"
    url = server.serve(EIBI_PATH, Reply(EIBI_A26.read_bytes(), etag='"a26-0822"', last_modified=stamp))
    first = json.loads(cli.ok(bundled_db, "fetch", "eibi", "--season", "A26", "--json").stdout)
    cache_path = Path(first.pop("cache_path"))
    assert first == {
        "source": "sked-a26",
        "url": url,
        "status": "imported",
        "format": "eibi",
        "season": "A26",
        "rows": 9389,
        "rejected": 2,
        "sha256": A26_SHA256,
    }
    assert cache_path == tmp_path / "xdg-cache" / "swtracker" / "downloads" / f"{A26_SHA256[:16]}-sked-a26.csv"
    assert hashlib.sha256(cache_path.read_bytes()).hexdigest() == A26_SHA256
    row = source_row(bundled_db, "sked-a26")
    assert (row["url"], row["etag"], row["last_modified"], row["sha256"]) == (url, '"a26-0822"', stamp, A26_SHA256)

    before = snapshot(bundled_db)
    second = cli.ok(bundled_db, "fetch", "eibi", "--season", "A26")
    assert "not modified since the last fetch" in second.stderr
    assert server.requests[-1].headers["if-none-match"] == '"a26-0822"'
    assert snapshot(bundled_db) == before


def test_sources_shows_where_and_when_a_source_was_fetched(
    cli: type[Cli], fetched: str, server: ScheduleServer
) -> None:
    listed = next(s for s in json.loads(cli.ok(fetched, "sources", "--json").stdout) if s["name"] == "sked-a26")
    assert (listed["url"], listed["entries"]) == (server.url(EIBI_PATH), EIBI_EXCERPT_ROWS)
    assert datetime.fromisoformat(listed["fetched_at"]).tzinfo is not None


def test_a_fetch_prints_one_summary_line(cli: type[Cli], bundled_db: str, server: ScheduleServer) -> None:
    server.serve(EIBI_PATH, Reply(EIBI_EXCERPT))
    result = cli.ok(bundled_db, "fetch", "eibi", "--season", "A26")
    assert result.stdout == ""
    assert f"source 'sked-a26' (eibi, season A26): {EIBI_EXCERPT_ROWS} entries imported, 2 lines rejected" in (
        result.stderr
    )
    assert len(result.stderr.strip().splitlines()) == 1


def test_the_season_defaults_to_today(cli: type[Cli], bundled_db: str, server: ScheduleServer) -> None:
    current = Season.containing(datetime.now(UTC).date()).code.lower()
    result = cli.run(bundled_db, "fetch", "eibi")
    assert_one_error_line(result, 69, rf"sked-{current}\.csv: HTTP 404 Not Found$")
    assert [r.path for r in server.requests] == [f"/dx/sked-{current}.csv"]


def test_the_hfcc_zip_comes_from_the_configured_template(
    cli: type[Cli], bundled_db: str, server: ScheduleServer
) -> None:
    server.serve("/data/a26/a26allx2.zip", Reply(HFCC_EXCERPT_ZIP, content_type="application/zip"))
    result = json.loads(cli.ok(bundled_db, "fetch", "hfcc", "--season", "A26", "--json").stdout)
    assert (result["source"], result["status"], result["format"], result["rows"]) == (
        "A26all00",
        "imported",
        "hfcc",
        34,
    )
    assert snapshot(bundled_db)["transmitter_site"] == 14


def test_a_server_error_is_retried(cli: type[Cli], bundled_db: str, server: ScheduleServer) -> None:
    server.serve(EIBI_PATH, Reply(EIBI_EXCERPT, failures=1))
    assert json.loads(cli.ok(bundled_db, "fetch", "eibi", "--season", "A26", "--json").stdout)["status"] == "imported"
    assert len(server.requests) == 2


def test_a_wrong_content_type_with_a_good_schedule_imports(
    cli: type[Cli], bundled_db: str, server: ScheduleServer
) -> None:
    server.serve(EIBI_PATH, Reply(EIBI_EXCERPT, content_type="application/octet-stream"))
    result = json.loads(cli.ok(bundled_db, "fetch", "eibi", "--season", "A26", "--json").stdout)
    assert (result["status"], result["rows"]) == ("imported", EIBI_EXCERPT_ROWS)


@dataclass(frozen=True)
class Fault:
    reply: Reply | None  # None: nothing is served on the path (404)
    exit_code: int
    message: str
    path: str = EIBI_PATH
    options: list[str] = field(default_factory=list)


FIRST_TEN_LINES = b"".join(EIBI_EXCERPT.splitlines(keepends=True)[:10])
HTML = b"<!DOCTYPE html>\n<html><head><title>Error</title></head><body>Not here</body></html>\n"
FAULTS = {
    "always-500": Fault(Reply(EIBI_EXCERPT, failures=-1), 69, r"HTTP 500 Internal Server Error \(tried 3 times\)$"),
    "404": Fault(None, 69, r"sked-a27\.csv: HTTP 404 Not Found$", path="/dx/sked-a27.csv"),
    "html-with-200": Fault(Reply(HTML, content_type="text/html"), 65, "this is an HTML page, not a schedule file"),
    "truncated": Fault(
        Reply(EIBI_EXCERPT, declared_length=len(EIBI_EXCERPT) * 2), 69, "without sending complete message body"
    ),
    "slow": Fault(
        Reply(EIBI_EXCERPT, delay=0.5),
        69,
        r"timed out after 0\.05 s$",
        options=["--read-timeout", "0.05", "--attempts", "1"],
    ),
    "endless": Fault(
        Reply(EIBI_EXCERPT, endless=True), 69, "larger than the limit of 100,000 bytes", options=["--max-mb", "0.1"]
    ),
    "declared-too-large": Fault(
        Reply(EIBI_EXCERPT), 69, "larger than the limit of 1,000 bytes", options=["--max-mb", "0.001"]
    ),
    "png": Fault(Reply(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00", content_type="image/png"), 65, "NUL bytes"),
    "json": Fault(Reply(b'{"error": "gone"}', content_type="application/json"), 65, "not an EiBi CSV"),
    "bad-lines": Fault(Reply(FIRST_TEN_LINES + b"x;y\r\n" * 2), 65, r"2 of 11 lines are not schedule lines"),
    "truncated-zip": Fault(Reply(HFCC_EXCERPT_ZIP[:-300]), 65, "not a complete zip archive", path="/data/a26allx2.zip"),
}


@pytest.mark.parametrize("fault", FAULTS.values(), ids=FAULTS.keys())
def test_a_fault_leaves_the_database_alone(cli: type[Cli], fetched: str, server: ScheduleServer, fault: Fault) -> None:
    if fault.reply is not None:
        server.serve(fault.path, fault.reply)
    before = snapshot(fetched)
    result = cli.run(fetched, "fetch", server.url(fault.path), "--season", "A26", "--force", *fault.options)
    assert_one_error_line(result, fault.exit_code, fault.message)
    assert snapshot(fetched) == before


def test_a_refused_connection_is_one_line(cli: type[Cli], fetched: str) -> None:
    url = closed_port_url()
    before = snapshot(fetched)
    assert_one_error_line(cli.run(fetched, "fetch", url), 69, f"{re.escape(url)}: connection refused")
    assert snapshot(fetched) == before


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://127.0.0.1/sked-a26.csv", "sked-a26.csv"])
def test_only_http_addresses_are_fetched(cli: type[Cli], fetched: str, url: str) -> None:
    before = snapshot(fetched)
    assert_one_error_line(cli.run(fetched, "fetch", url), 2, re.escape(url))
    assert snapshot(fetched) == before


def test_help_names_the_address_variables_and_root_help_does_not_load_httpx() -> None:
    help_text = subprocess.run(
        [sys.executable, "-m", "swtracker", "fetch", "--help"], capture_output=True, text=True, check=True
    ).stdout
    assert "SWTRACKER_EIBI_URL" in help_text
    assert "SWTRACKER_HFCC_URL" in help_text
    probe = (
        "import sys\nfrom swtracker.cli import main\nsys.argv = ['swtracker', '--help']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\nprint('httpx' in sys.modules, file=sys.stderr)"
    )
    loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stderr
    assert loaded.strip().endswith("False")
