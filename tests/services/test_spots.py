"""The DX-cluster service on loopback, with a real socket client: login, a batch of spots per refresh, bye."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from swtracker.errors import ListenError
from swtracker.exports.dxcluster import LOGIN_PROMPT
from swtracker.services.bookmarks import on_air_at
from swtracker.services.onair import FilterOptions
from swtracker.services.setup import open_database
from swtracker.services.spots import SpotService
from tests.exports.program_readers import read_gqrx_spot

AT = datetime(2026, 7, 1, 13, 0, tzinfo=UTC)  # a Wednesday
KRE = FilterOptions(target="KRE")
GUARD_SECONDS = 10  # only a guard against a hang, never a timed assertion


class Client:
    def __init__(self, port: int) -> None:
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=GUARD_SECONDS)
        self.buffer = b""

    def until(self, marker: bytes) -> bytes:
        while marker not in self.buffer:
            chunk = self.sock.recv(4096)
            assert chunk, "the service hung up"
            self.buffer += chunk
        head, _, self.buffer = self.buffer.partition(marker)
        return head + marker

    def lines(self, count: int) -> list[str]:
        return [self.until(b"\r\n").decode("ascii") for _ in range(count)]


@pytest.fixture
def service(bundled_db: str) -> Iterator[SpotService]:
    running = SpotService(open_database(bundled_db), KRE, lambda: AT, port=0, line_pause=0)
    yield running
    running.stop()


def test_a_client_gets_every_spot_after_each_refresh(service: SpotService, bundled_db: str) -> None:
    expected = on_air_at(open_database(bundled_db), AT, KRE).bookmarks
    assert len(expected) >= 5
    count = service.refresh()
    assert count == len(expected)
    _, port = service.start()
    client = Client(port)
    assert client.until(LOGIN_PROMPT.encode()).endswith(b"Please enter your callsign: ")
    client.sock.sendall(b"DS1ABC\r\n")
    assert client.lines(1) == ["Hello DS1ABC, spots of what is on air follow.\r\n"]
    first = client.lines(count)
    service.refresh()
    second = client.lines(count)
    assert first == second
    spots = [read_gqrx_spot(line) for line in first]
    assert [f for f, _ in spots] == [round(b.frequency_khz, 1) for b in expected]
    assert (6070.0, "Shiokaze") in spots  # bundled shiokaze.toml: 6070 kHz 1300-1400 on Wednesdays
    jammer = [line for line in first if "JAMMER" in line]
    assert jammer, "the jammers on 6015 kHz are spotted, marked JAMMER"
    assert all(line.startswith("DX de SWTRACKER: ") and line.endswith("1300Z\r\n") for line in first)
    client.sock.sendall(b"Bye\r\n")
    assert client.sock.recv(4096) == b"", "bye ends the session"
    client.sock.close()


def test_a_port_in_use_is_one_clear_error(service: SpotService, bundled_db: str) -> None:
    _, port = service.start()
    other = SpotService(open_database(bundled_db), KRE, lambda: AT, port=port)
    with pytest.raises(ListenError, match=f"cannot listen on 127.0.0.1:{port}"):
        other.start()
