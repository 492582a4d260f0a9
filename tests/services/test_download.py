"""Hostile servers against `fetch` (services/download and the fetch's acceptance rules), on a real HTTP server on
127.0.0.1: redirects stay with the server asked, a download has a deadline, a download cut short does not
replace a source, and the cache never overwrites the database."""

from __future__ import annotations

import hashlib
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from swtracker.errors import DownloadError, InputError, OutputError, UsageError
from swtracker.services.database import Database
from swtracker.services.download import Limits
from swtracker.services.fetch import IMPORTED, fetch_schedule
from swtracker.store.engine import sqlite_path
from tests.services.test_fetch import EIBI_EXCERPT, FAST, Reply, ScheduleServer, count_entries, running_server, snapshot


@pytest.fixture
def listener() -> Iterator[socket.socket]:
    """A socket listening on another loopback address: a redirect target no connection may reach."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.2", 0))
        sock.listen()
        sock.setblocking(False)
        yield sock


def assert_never_connected(sock: socket.socket) -> None:
    with pytest.raises(BlockingIOError):
        sock.accept()


@pytest.mark.parametrize(
    "elsewhere",
    [
        "http://127.0.0.2:{port}/sked-a26.csv",  # another address
        "http://localhost:{port}/sked-a26.csv",  # another name for it
        "http://schedules.never-resolved.invalid/sked-a26.csv",  # a name that must not be looked up
        "https://127.0.0.2:{port}/sked-a26.csv",
    ],
)
def test_a_redirect_to_another_host_is_refused_before_connecting(
    server: ScheduleServer, database: Database, cache: Path, listener: socket.socket, bundled_db: str, elsewhere: str
) -> None:
    target = elsewhere.format(port=listener.getsockname()[1])
    url = server.serve("/sked-a26.csv", Reply(location=target))
    before = snapshot(bundled_db)
    with pytest.raises(DownloadError, match=f"redirects to {target}, another host; not followed") as error:
        fetch_schedule(database, url, limits=FAST, cache_dir=cache)
    assert "--allow-redirect" in str(error.value)
    assert_never_connected(listener)
    assert len(server.requests_for("/sked-a26.csv")) == 1, "and not retried"
    assert snapshot(bundled_db) == before


def test_a_redirect_to_another_port_of_the_same_address_is_another_server(
    server: ScheduleServer, database: Database, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with running_server(monkeypatch) as other:
        target = other.serve("/sked-a26.csv", Reply(EIBI_EXCERPT))
        url = server.serve("/sked-a26.csv", Reply(location=target))
        with pytest.raises(DownloadError, match="another host"):
            fetch_schedule(database, url, limits=FAST, cache_dir=cache)
        assert other.requests == []


def test_redirects_within_the_server_are_followed(server: ScheduleServer, database: Database, cache: Path) -> None:
    server.serve("/new/sked-a26.csv", Reply(EIBI_EXCERPT))
    url = server.serve("/sked-a26.csv", Reply(location="/new/sked-a26.csv"))
    assert fetch_schedule(database, url, limits=FAST, cache_dir=cache).status == IMPORTED


def test_an_allowed_host_may_be_redirected_to(
    server: ScheduleServer, database: Database, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with running_server(monkeypatch) as mirror:
        target = mirror.serve("/sked-a26.csv", Reply(EIBI_EXCERPT)).replace("127.0.0.1", "localhost")
        url = server.serve("/sked-a26.csv", Reply(location=target))
        limits = FAST.overridden(allowed_hosts=frozenset({"localhost"}))
        assert fetch_schedule(database, url, limits=limits, cache_dir=cache).status == IMPORTED
        assert len(mirror.requests) == 1


def test_endless_redirects_stop(server: ScheduleServer, database: Database, cache: Path) -> None:
    url = server.serve("/sked-a26.csv", Reply(location="/sked-a26.csv"))
    with pytest.raises(DownloadError, match="more than 5 redirects"):
        fetch_schedule(database, url, limits=FAST, cache_dir=cache)


def test_a_dripping_server_meets_the_deadline(
    server: ScheduleServer, database: Database, cache: Path, bundled_db: str
) -> None:
    """Each piece comes well within the read timeout; the whole would take 50 pieces x 0.1 s."""
    url = server.serve("/sked-a26.csv", Reply(EIBI_EXCERPT * 10, drip=0.1))
    before = snapshot(bundled_db)
    limits = Limits(connect_timeout=1, read_timeout=1, attempts=1, deadline=0.5)
    with pytest.raises(DownloadError, match=r"not complete after 0\.5 s \(--deadline, SWTRACKER_FETCH_DEADLINE\)"):
        fetch_schedule(database, url, limits=limits, cache_dir=cache)
    assert snapshot(bundled_db) == before
    assert not cache.exists()


def test_a_download_cut_short_does_not_replace_the_source(
    server: ScheduleServer, database: Database, cache: Path, bundled_db: str
) -> None:
    """No Content-Length, the connection closed at a line boundary after a third of the file."""
    url = server.serve("/sked-a26.csv", Reply(EIBI_EXCERPT))
    fetch_schedule(database, url, limits=FAST, cache_dir=cache)
    third = b"".join(EIBI_EXCERPT.splitlines(keepends=True)[:18])
    server.serve("/sked-a26.csv", Reply(third, drip=0.001))
    before = snapshot(bundled_db)
    with pytest.raises(InputError, match="would replace the 50 rows of source 'sked-a26' with 17, fewer than 50%"):
        fetch_schedule(database, url, force=True, limits=FAST, cache_dir=cache)
    assert snapshot(bundled_db) == before
    forced = fetch_schedule(database, url, force=True, force_replace=True, limits=FAST, cache_dir=cache)
    assert forced.rows == count_entries(bundled_db, "sked-a26") == 17


def test_a_download_of_another_season_does_not_replace_the_source(
    server: ScheduleServer, database: Database, cache: Path, bundled_db: str
) -> None:
    url = server.serve("/sked-a26.csv", Reply(EIBI_EXCERPT))
    fetch_schedule(database, url, limits=FAST, cache_dir=cache)
    before = snapshot(bundled_db)
    with pytest.raises(InputError, match="holds eibi season A26, this is eibi season B26"):
        fetch_schedule(database, url, season="B26", force=True, limits=FAST, cache_dir=cache)
    assert snapshot(bundled_db) == before


def test_the_cache_never_writes_over_the_database(
    server: ScheduleServer, database: Database, cache: Path, bundled_db: str
) -> None:
    path = sqlite_path(bundled_db)
    if path is None:
        pytest.skip("the database is not a file on PostgreSQL")
    url = server.serve("/sked-a26.csv", Reply(EIBI_EXCERPT))
    cache.mkdir()
    (cache / f"{hashlib.sha256(EIBI_EXCERPT).hexdigest()[:16]}-sked-a26.csv").symlink_to(path)
    before = path.read_bytes()
    with pytest.raises(UsageError, match="the database"):
        fetch_schedule(database, url, limits=FAST, cache_dir=cache)
    assert path.read_bytes() == before


def test_an_unwritable_cache_is_one_output_error(server: ScheduleServer, database: Database, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("")
    url = server.serve("/sked-a26.csv", Reply(EIBI_EXCERPT))
    with pytest.raises(OutputError, match=f"cannot create the download cache {blocker}/downloads"):
        fetch_schedule(database, url, limits=FAST, cache_dir=blocker / "downloads")
