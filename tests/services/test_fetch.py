"""`fetch_schedule` against a real HTTP server on 127.0.0.1: conditional requests, retries, limits, the cache,
validation before import; the database after each failure. The server lives here and serves the CLI tests too."""

from __future__ import annotations

import hashlib
import io
import socket
import sys
import threading
import time
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from email.utils import parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from swtracker.errors import DownloadError, InputError, UsageError
from swtracker.services.database import Database
from swtracker.services.download import Limits
from swtracker.services.fetch import IMPORTED, NOT_MODIFIED, UNCHANGED, fetch_schedule, resolve_target
from swtracker.services.imports import import_schedule
from tests.conftest import FIXTURES, HFCC_A26, SHARED_DATA, needs_shared

EIBI_EXCERPT = (FIXTURES / "sked-a26-excerpt.csv").read_bytes()
EIBI_EXCERPT_ROWS = 50  # 52 data lines, 2 of them malformed in the real file
FAST = Limits(connect_timeout=1, read_timeout=1, attempts=3, retry_delay=0)
IN_A26 = date(2026, 7, 1)
PROXY_VARIABLES = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy")


@dataclass
class Reply:
    """What the server answers on one path, and the fault it injects."""

    body: bytes = b""
    content_type: str = "text/plain; charset=iso-8859-1"
    etag: str | None = None
    last_modified: str | None = None
    failures: int = 0  # answer 500 this many times first; -1: always
    declared_length: int | None = None  # a Content-Length other than the body's (then the server hangs up)
    delay: float = 0.0  # seconds to wait before answering
    endless: bool = False  # repeat the body until the client hangs up, with no Content-Length
    location: str | None = None  # answer 302 to this address
    drip: float = 0.0  # send the body in 1 KB pieces this many seconds apart, with no Content-Length


@dataclass
class Request:
    path: str
    headers: dict[str, str]


class ScheduleServer(ThreadingHTTPServer):
    """A real HTTP server on a free loopback port, answering each path with its Reply."""

    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.replies: dict[str, Reply] = {}
        self.requests: list[Request] = []
        self.endless_bytes_sent = 0

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}{path}"

    def serve(self, path: str, reply: Reply) -> str:
        self.replies[path] = reply
        return self.url(path)

    def requests_for(self, path: str) -> list[Request]:
        return [r for r in self.requests if r.path == path]

    def handle_error(self, request: object, client_address: object) -> None:
        """A client that hangs up mid-body is what several faults are about; anything else is a test bug.
        (The default prints to sys.stderr, which the CLI runner captures as the command's own output.)"""
        error = sys.exc_info()[1]
        if not isinstance(error, BrokenPipeError | ConnectionResetError):
            super().handle_error(request, client_address)  # type: ignore[arg-type]


class _Handler(BaseHTTPRequestHandler):
    server: ScheduleServer

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: pytest shows failures, not access logs."""

    def do_GET(self) -> None:
        self.server.requests.append(Request(self.path, {k.lower(): v for k, v in self.headers.items()}))
        reply = self.server.replies.get(self.path)
        if reply is None:
            return self._simple(404, b"<html><body>Not Found</body></html>", "text/html")
        time.sleep(reply.delay)
        if reply.failures:
            if reply.failures > 0:
                reply.failures -= 1
            return self._simple(500, b"<html><body>Internal Server Error</body></html>", "text/html")
        if self._not_modified(reply):
            return self._simple(304, b"", reply.content_type, reply)
        if reply.location is not None:
            self.send_response(302)
            self.send_header("Location", reply.location)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return None
        if reply.endless:
            return self._endless(reply)
        if reply.drip:
            return self._drip(reply)
        self._headers(200, reply.content_type, reply.declared_length or len(reply.body), reply)
        self.wfile.write(reply.body)
        self.close_connection = True
        return None

    def _not_modified(self, reply: Reply) -> bool:
        if reply.etag and self.headers.get("If-None-Match") == reply.etag:
            return True
        since = self.headers.get("If-Modified-Since")
        if not (reply.last_modified and since):
            return False
        return parsedate_to_datetime(since) >= parsedate_to_datetime(reply.last_modified)

    def _headers(self, status: int, content_type: str, length: int | None, reply: Reply | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        if length is not None:
            self.send_header("Content-Length", str(length))
        if reply is not None and reply.etag:
            self.send_header("ETag", reply.etag)
        if reply is not None and reply.last_modified:
            self.send_header("Last-Modified", reply.last_modified)
        self.end_headers()

    def _simple(self, status: int, body: bytes, content_type: str, reply: Reply | None = None) -> None:
        self._headers(status, content_type, len(body), reply)
        self.wfile.write(body)

    def _drip(self, reply: Reply) -> None:
        self._headers(200, reply.content_type, None, reply)
        try:
            for start in range(0, len(reply.body), 1024):
                self.wfile.write(reply.body[start : start + 1024])
                self.wfile.flush()
                time.sleep(reply.drip)
        except (BrokenPipeError, ConnectionResetError):
            pass
        self.close_connection = True

    def _endless(self, reply: Reply) -> None:
        self._headers(200, reply.content_type, None, reply)
        try:
            while self.server.endless_bytes_sent < 500_000_000:
                self.wfile.write(reply.body)
                self.server.endless_bytes_sent += len(reply.body)
        except (BrokenPipeError, ConnectionResetError):
            pass
        self.close_connection = True


@contextmanager
def running_server(monkeypatch: pytest.MonkeyPatch) -> Iterator[ScheduleServer]:
    """A server in a thread for one test; proxies are switched off so requests stay on the loopback."""
    for name in PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    server = ScheduleServer()
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def closed_port_url() -> str:
    """An address where nothing listens: bind a free port, then let it go."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}/sked-a26.csv"


def zip_of(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def hfcc_zip(schedule: Path, tables: Path) -> bytes:
    """An HFCC-style zip (schedule plus reference tables) built from files on disk."""
    return zip_of(
        {
            "A26all00.TXT": schedule.read_bytes(),
            "site.txt": (tables / "site.txt").read_bytes(),
            "broadcas.txt": (tables / "broadcas.txt").read_bytes(),
        }
    )


HFCC_EXCERPT_ZIP = hfcc_zip(FIXTURES / "A26all00-excerpt.TXT", FIXTURES)


def snapshot(db: str) -> dict[str, object]:
    """Everything a fetch may change: the source rows (hash, fetch record) and what hangs off them."""
    engine = create_engine(db)
    with engine.connect() as connection:
        rows = connection.execute(
            text(
                "SELECT name, sha256, url, etag, last_modified, fetched_at, imported_at, rows_imported "
                "FROM source ORDER BY name"
            )
        ).all()
        counts = {
            table: connection.execute(text(f"SELECT count(*) FROM {table}")).scalar()
            for table in ("schedule_entry", "station", "transmitter_site")
        }
    engine.dispose()
    return {"sources": [tuple(r) for r in rows], **counts}


def count_entries(db: str, source: str) -> int:
    engine = create_engine(db)
    with engine.connect() as connection:
        value = connection.execute(
            text("SELECT count(*) FROM schedule_entry JOIN source ON source.id = source_id WHERE source.name = :n"),
            {"n": source},
        ).scalar()
    engine.dispose()
    return int(value or 0)


def source_row(db: str, name: str) -> dict[str, object]:
    engine = create_engine(db)
    with engine.connect() as connection:
        row = connection.execute(text("SELECT * FROM source WHERE name = :name"), {"name": name}).mappings().one()
    engine.dispose()
    return dict(row)


def test_named_sources_use_the_season_of_today_and_their_published_addresses() -> None:
    eibi = resolve_target("eibi", season=None, today=date(2026, 11, 27), environ={})
    hfcc = resolve_target("HFCC", season=None, today=date(2026, 11, 27), environ={})
    assert eibi.url == "https://www.eibispace.de/dx/sked-b26.csv"
    assert hfcc.url == "https://new.hfcc.org/data/b26/b26allx2.zip"
    assert (str(eibi.season), str(hfcc.season), eibi.format, hfcc.format) == ("B26", "B26", "eibi", "hfcc")
    assert resolve_target("eibi", season="A26", today=date(2026, 11, 27), environ={}).file_name == "sked-a26.csv"


def test_environment_overrides_the_addresses_as_base_or_template() -> None:
    environ = {
        "SWTRACKER_EIBI_URL": "http://127.0.0.1:9/mirror/",
        "SWTRACKER_HFCC_URL": "http://127.0.0.1:9/h/{season}.zip",
    }
    assert resolve_target("eibi", season="A26", today=IN_A26, environ=environ).url == (
        "http://127.0.0.1:9/mirror/sked-a26.csv"
    )
    assert resolve_target("hfcc", season="B25", today=IN_A26, environ=environ).url == "http://127.0.0.1:9/h/b25.zip"


def test_a_url_takes_its_season_from_the_file_name() -> None:
    target = resolve_target("http://127.0.0.1:9/x/sked-b25.csv?x=1", season=None, today=IN_A26, environ={})
    assert (target.file_name, str(target.season), target.format) == ("sked-b25.csv", "B25", None)


@pytest.mark.parametrize(
    "what", ["file:///etc/passwd", "ftp://127.0.0.1/sked-a26.csv", "http:///sked-a26.csv", "sked-a26.csv", "eibi2"]
)
def test_only_named_sources_and_http_addresses_are_accepted(what: str) -> None:
    with pytest.raises(UsageError):
        resolve_target(what, season=None, today=IN_A26, environ={})


def test_fetch_imports_records_the_fetch_and_keeps_the_raw_file(
    server: ScheduleServer, database: Database, cache: Path, bundled_db: str
) -> None:
    url = server.serve("/dx/sked-a26.csv", Reply(EIBI_EXCERPT, etag='"v1"'))
    progress: list[tuple[int, int]] = []
    result = fetch_schedule(
        database, url, limits=FAST, cache_dir=cache, on_progress=lambda d, t: progress.append((d, t))
    )
    sha256 = hashlib.sha256(EIBI_EXCERPT).hexdigest()
    assert (result.status, result.source, result.season, result.rows) == (
        IMPORTED,
        "sked-a26",
        "A26",
        EIBI_EXCERPT_ROWS,
    )
    assert (result.sha256, result.rejected) == (sha256, 2)
    assert result.cache_path == cache / f"{sha256[:16]}-sked-a26.csv"
    assert hashlib.sha256(result.cache_path.read_bytes()).hexdigest() == sha256
    assert not [p for p in cache.iterdir() if p.name.startswith(".")]
    assert progress[-1] == (len(EIBI_EXCERPT), len(EIBI_EXCERPT))
    row = source_row(bundled_db, "sked-a26")
    assert (row["url"], row["etag"], row["sha256"], row["rows_imported"]) == (url, '"v1"', sha256, EIBI_EXCERPT_ROWS)
    assert row["fetched_at"] is not None


def test_a_second_fetch_is_conditional_and_a_304_changes_nothing(
    server: ScheduleServer, database: Database, cache: Path, bundled_db: str
) -> None:
    stamp = "Tue, 21 Jul 2026 13:14:00 GMT"
    url = server.serve("/sked-a26.csv", Reply(EIBI_EXCERPT, etag='"v1"', last_modified=stamp))
    fetch_schedule(database, url, limits=FAST, cache_dir=cache)
    before = snapshot(bundled_db)
    result = fetch_schedule(database, url, limits=FAST, cache_dir=cache)
    assert (result.status, result.rows, result.sha256, result.cache_path) == (
        NOT_MODIFIED,
        EIBI_EXCERPT_ROWS,
        None,
        None,
    )
    second = server.requests_for("/sked-a26.csv")[-1].headers
    assert (second["if-none-match"], second["if-modified-since"]) == ('"v1"', stamp)
    assert snapshot(bundled_db) == before


def test_last_modified_alone_makes_the_request_conditional(
    server: ScheduleServer, database: Database, cache: Path
) -> None:
    url = server.serve("/sked-a26.csv", Reply(EIBI_EXCERPT, last_modified="Tue, 21 Jul 2026 13:14:00 GMT"))
    fetch_schedule(database, url, limits=FAST, cache_dir=cache)
    assert fetch_schedule(database, url, limits=FAST, cache_dir=cache).status == NOT_MODIFIED
    assert "if-none-match" not in server.requests[-1].headers


def test_force_downloads_again_and_same_bytes_are_not_reimported(
    server: ScheduleServer, database: Database, cache: Path, bundled_db: str
) -> None:
    url = server.serve("/sked-a26.csv", Reply(EIBI_EXCERPT, etag='"v1"'))
    fetch_schedule(database, url, limits=FAST, cache_dir=cache)
    imported_at = source_row(bundled_db, "sked-a26")["imported_at"]
    result = fetch_schedule(database, url, force=True, limits=FAST, cache_dir=cache)
    assert "if-none-match" not in server.requests[-1].headers
    assert (result.status, result.rows, result.rejected) == (UNCHANGED, EIBI_EXCERPT_ROWS, 2)
    assert source_row(bundled_db, "sked-a26")["imported_at"] == imported_at


def test_a_fetch_of_a_file_already_imported_by_hand_records_where_it_came_from(
    server: ScheduleServer, database: Database, cache: Path, bundled_db: str, tmp_path: Path
) -> None:
    local = tmp_path / "sked-a26.csv"
    local.write_bytes(EIBI_EXCERPT)
    import_schedule(database, local)
    url = server.serve("/sked-a26.csv", Reply(EIBI_EXCERPT, etag='"v1"'))
    assert fetch_schedule(database, url, limits=FAST, cache_dir=cache).status == UNCHANGED
    assert (source_row(bundled_db, "sked-a26")["url"], source_row(bundled_db, "sked-a26")["etag"]) == (url, '"v1"')
    assert fetch_schedule(database, url, limits=FAST, cache_dir=cache).status == NOT_MODIFIED


def test_new_content_replaces_the_source(
    server: ScheduleServer, database: Database, cache: Path, bundled_db: str
) -> None:
    url = server.serve("/sked-a26.csv", Reply(EIBI_EXCERPT, etag='"v1"'))
    fetch_schedule(database, url, limits=FAST, cache_dir=cache)
    shorter = b"".join(EIBI_EXCERPT.splitlines(keepends=True)[:31])
    server.serve("/sked-a26.csv", Reply(shorter, etag='"v2"'))
    result = fetch_schedule(database, url, limits=FAST, cache_dir=cache)
    assert (result.status, result.rows) == (IMPORTED, 30)
    assert source_row(bundled_db, "sked-a26")["etag"] == '"v2"'
    assert count_entries(bundled_db, "sked-a26") == 30


def test_server_errors_are_retried_with_exponential_back_off(
    server: ScheduleServer, database: Database, cache: Path
) -> None:
    url = server.serve("/sked-a26.csv", Reply(EIBI_EXCERPT, failures=2))
    waits: list[float] = []
    limits = Limits(connect_timeout=1, read_timeout=1)
    result = fetch_schedule(database, url, limits=limits, cache_dir=cache, sleep=waits.append)
    assert result.status == IMPORTED
    assert waits == [0.5, 1.0]
    assert len(server.requests) == 3


def test_a_server_that_keeps_failing_leaves_the_data_alone(
    server: ScheduleServer, database: Database, cache: Path, bundled_db: str
) -> None:
    url = server.serve("/sked-a26.csv", Reply(EIBI_EXCERPT, etag='"v1"'))
    fetch_schedule(database, url, limits=FAST, cache_dir=cache)
    before = snapshot(bundled_db)
    server.serve("/sked-a26.csv", Reply(EIBI_EXCERPT, failures=-1))
    with pytest.raises(DownloadError, match=r"HTTP 500 Internal Server Error \(tried 3 times\)"):
        fetch_schedule(database, url, force=True, limits=FAST, cache_dir=cache)
    assert len(server.requests) == 4
    assert snapshot(bundled_db) == before


def test_client_errors_are_not_retried(server: ScheduleServer, database: Database, cache: Path) -> None:
    with pytest.raises(DownloadError, match=r"sked-b26\.csv: HTTP 404 Not Found$"):
        fetch_schedule(database, server.url("/sked-b26.csv"), limits=FAST, cache_dir=cache)
    assert len(server.requests) == 1


def test_a_refused_connection_names_the_address(database: Database, cache: Path) -> None:
    url = closed_port_url()
    with pytest.raises(DownloadError, match=f"{url}: connection refused"):
        fetch_schedule(database, url, limits=FAST, cache_dir=cache, sleep=lambda _: None)


def test_a_slow_server_times_out(server: ScheduleServer, database: Database, cache: Path) -> None:
    url = server.serve("/sked-a26.csv", Reply(EIBI_EXCERPT, delay=0.5))
    limits = Limits(connect_timeout=1, read_timeout=0.05, attempts=2, retry_delay=0)
    with pytest.raises(DownloadError, match=r"timed out after 0\.05 s \(tried 2 times\)"):
        fetch_schedule(database, url, limits=limits, cache_dir=cache)


def test_a_body_shorter_than_its_content_length_is_refused(
    server: ScheduleServer, database: Database, cache: Path
) -> None:
    url = server.serve("/sked-a26.csv", Reply(EIBI_EXCERPT, declared_length=len(EIBI_EXCERPT) + 1000))
    with pytest.raises(DownloadError, match="without sending complete message body"):
        fetch_schedule(database, url, limits=FAST, cache_dir=cache)
    assert not cache.exists()


def test_an_endless_body_is_cut_off_at_the_cap(server: ScheduleServer, database: Database, cache: Path) -> None:
    url = server.serve("/sked-a26.csv", Reply(EIBI_EXCERPT, endless=True))
    limits = Limits(connect_timeout=1, read_timeout=1, max_bytes=100_000)
    with pytest.raises(DownloadError, match="larger than the limit of 100,000 bytes"):
        fetch_schedule(database, url, limits=limits, cache_dir=cache)
    time.sleep(0.1)  # let the server notice the hang-up
    assert server.endless_bytes_sent < 20_000_000


def test_a_declared_length_over_the_cap_is_refused_before_reading(
    server: ScheduleServer, database: Database, cache: Path
) -> None:
    url = server.serve("/sked-a26.csv", Reply(EIBI_EXCERPT))
    progress: list[tuple[int, int]] = []
    limits = Limits(max_bytes=len(EIBI_EXCERPT) - 1)
    with pytest.raises(DownloadError, match="larger than the limit"):
        fetch_schedule(database, url, limits=limits, cache_dir=cache, on_progress=lambda d, t: progress.append((d, t)))
    assert progress == []


@pytest.mark.parametrize(
    ("body", "content_type", "message"),
    [
        (b"<!DOCTYPE html>\n<html><body>Maintenance</body></html>\n", "text/html", "HTML page"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "image/png", "NUL bytes"),
        (b'{"error": "no such file"}\n', "application/json", "not an EiBi CSV, HFCC"),
        (b"", "text/plain", "empty"),
    ],
)
def test_content_that_is_not_a_schedule_leaves_the_data_alone(
    server: ScheduleServer,
    database: Database,
    cache: Path,
    bundled_db: str,
    body: bytes,
    content_type: str,
    message: str,
) -> None:
    url = server.serve("/sked-a26.csv", Reply(EIBI_EXCERPT, etag='"v1"'))
    fetch_schedule(database, url, limits=FAST, cache_dir=cache)
    before = snapshot(bundled_db)
    server.serve("/sked-a26.csv", Reply(body, content_type=content_type))
    with pytest.raises(InputError, match=message):
        fetch_schedule(database, url, force=True, limits=FAST, cache_dir=cache)
    assert snapshot(bundled_db) == before


def test_a_schedule_with_more_than_a_tenth_bad_lines_is_refused(
    server: ScheduleServer, database: Database, cache: Path, bundled_db: str
) -> None:
    good = b"".join(EIBI_EXCERPT.splitlines(keepends=True)[:10])  # header and 9 rows
    url = server.serve("/sked-a26.csv", Reply(good + b"not;a;schedule\r\n" * 2))
    before = snapshot(bundled_db)
    with pytest.raises(InputError, match=r"2 of 11 lines are not schedule lines \(first: line 11: expected 11"):
        fetch_schedule(database, url, limits=FAST, cache_dir=cache)
    assert snapshot(bundled_db) == before
    server.serve("/sked-a26.csv", Reply(good + b"not;a;schedule\r\n"))
    assert fetch_schedule(database, url, limits=FAST, cache_dir=cache).rejected == 1


def test_a_wrong_content_type_does_not_matter_when_the_content_parses(
    server: ScheduleServer, database: Database, cache: Path
) -> None:
    url = server.serve("/sked-a26.csv", Reply(EIBI_EXCERPT, content_type="application/octet-stream"))
    assert fetch_schedule(database, url, limits=FAST, cache_dir=cache).status == IMPORTED


def test_a_named_source_must_serve_its_own_format(
    server: ScheduleServer, database: Database, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SWTRACKER_EIBI_URL", server.url("/dx/"))
    server.serve("/dx/sked-a26.csv", Reply((FIXTURES / "A26all00-excerpt.TXT").read_bytes()))
    with pytest.raises(InputError, match="expected eibi schedule data, found hfcc"):
        fetch_schedule(database, "eibi", today=IN_A26, limits=FAST, cache_dir=cache)


def test_an_eibi_file_needs_a_season(server: ScheduleServer, database: Database, cache: Path) -> None:
    url = server.serve("/latest.csv", Reply(EIBI_EXCERPT))
    with pytest.raises(InputError, match="pass --season"):
        fetch_schedule(database, url, limits=FAST, cache_dir=cache)
    assert fetch_schedule(database, url, season="A26", limits=FAST, cache_dir=cache).source == "latest"


def test_the_hfcc_zip_is_unpacked_beside_the_kept_download(
    server: ScheduleServer, database: Database, cache: Path, bundled_db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    archive = HFCC_EXCERPT_ZIP
    monkeypatch.setenv("SWTRACKER_HFCC_URL", server.url("/data/{season}/{season}allx2.zip"))
    server.serve("/data/a26/a26allx2.zip", Reply(archive, content_type="application/zip"))
    result = fetch_schedule(database, "hfcc", today=IN_A26, limits=FAST, cache_dir=cache)
    sha256 = hashlib.sha256(archive).hexdigest()
    assert (result.status, result.source, result.format, result.season, result.rows) == (
        IMPORTED,
        "A26all00",
        "hfcc",
        "A26",
        34,
    )
    assert result.cache_path == cache / f"{sha256[:16]}-a26allx2.zip"
    assert result.cache_path.read_bytes() == archive
    members = sorted(p.name for p in (cache / f"{sha256[:16]}-a26allx2").iterdir())
    assert members == ["A26all00.TXT", "broadcas.txt", "site.txt"]
    assert snapshot(bundled_db)["transmitter_site"] == 14


@needs_shared
def test_the_real_hfcc_zip_imports_every_record(
    server: ScheduleServer, database: Database, cache: Path, bundled_db: str
) -> None:
    url = server.serve("/a26allx2.zip", Reply(hfcc_zip(HFCC_A26, SHARED_DATA / "hfcc")))
    result = fetch_schedule(database, url, limits=FAST, cache_dir=cache)
    assert (result.status, result.rows, result.rejected) == (IMPORTED, 3305, 0)
    assert snapshot(bundled_db)["transmitter_site"] == 700


@pytest.mark.parametrize(
    ("archive", "message"),
    [
        (HFCC_EXCERPT_ZIP[:-200], "not a complete zip archive"),
        (zip_of({"readme.txt": b"hello"}), "holds no XNNall00.TXT"),
    ],
)
def test_a_broken_or_foreign_zip_is_refused(
    server: ScheduleServer, database: Database, cache: Path, bundled_db: str, archive: bytes, message: str
) -> None:
    url = server.serve("/a26allx2.zip", Reply(archive, content_type="application/zip"))
    before = snapshot(bundled_db)
    with pytest.raises(InputError, match=message):
        fetch_schedule(database, url, limits=FAST, cache_dir=cache)
    assert snapshot(bundled_db) == before


def test_an_unknown_format_option_is_a_usage_error(database: Database, cache: Path) -> None:
    with pytest.raises(UsageError, match="--format 'xml'"):
        fetch_schedule(database, "http://127.0.0.1:9/x.csv", fmt="xml", cache_dir=cache)
