"""A small DX-cluster telnet service: what is on air now, as spot lines, to every connected SDR program.

Each client is asked for its callsign (gqrx answers that prompt), then gets the spots of everything on air,
again after every refresh: spots expire in the client (gqrx: after 10 minutes by default), so a refresh each
minute keeps the labels of what is still on air. gqrx reads only the first spot of each chunk it receives, so
lines go out one by one with a short pause.
"""

from __future__ import annotations

import select
import socket
import socketserver
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from swtracker.errors import ListenError
from swtracker.exports.bookmark import Bookmark
from swtracker.exports.dxcluster import LOGIN_PROMPT, ascii_token, spot_line
from swtracker.services.bookmarks import on_air_at
from swtracker.services.database import Database
from swtracker.services.onair import FilterOptions

LOGIN_WAIT_SECONDS = 10.0
POLL_SECONDS = 0.5


def spot_lines(bookmarks: list[Bookmark], at: datetime) -> list[str]:
    """One spot per airing on air (the same broadcast from two sources is one spot)."""
    lines = []
    for b in bookmarks:
        label = ascii_token(b.station) or ascii_token(b.station_key or "") or "station"
        route = ">".join(part for part in (b.language, b.target) if part)
        marks = "JAMMER" if b.jammer else ("jammed" if b.jammed else "")
        comment = " ".join(part for part in (marks, str(b.window), route) if part)
        lines.append(spot_line(b.frequency_khz, label, comment, at))
    return lines


@dataclass
class SpotFeed:
    """The current spot lines; `generation` counts refreshes so each client sends every batch once."""

    lines: list[str] = field(default_factory=list)
    generation: int = 0
    stopping: bool = False
    changed: threading.Condition = field(default_factory=threading.Condition)

    def publish(self, lines: list[str]) -> None:
        with self.changed:
            self.lines, self.generation = lines, self.generation + 1
            self.changed.notify_all()

    def after(self, seen: int, timeout: float) -> tuple[list[str], int] | None:
        """The lines and generation once newer than `seen` (or as they are after `timeout`); None when stopping."""
        with self.changed:
            self.changed.wait_for(lambda: self.stopping or self.generation != seen, timeout=timeout)
            return None if self.stopping else (list(self.lines), self.generation)

    def stop(self) -> None:
        with self.changed:
            self.stopping = True
            self.changed.notify_all()


class _Client(socketserver.BaseRequestHandler):
    server: _SpotServer

    def handle(self) -> None:
        sock: socket.socket = self.request
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        sock.sendall(f"swtracker DX cluster: schedule spots\r\n{LOGIN_PROMPT}".encode())
        call = self._read_line(sock, LOGIN_WAIT_SECONDS)
        if call is None:
            return
        sock.sendall(f"Hello {ascii_token(call) or 'listener'}, spots of what is on air follow.\r\n".encode())
        feed, sent = self.server.feed, 0
        while (latest := feed.after(sent, POLL_SECONDS)) is not None:
            lines, generation = latest
            if generation != sent:
                for line in lines:
                    sock.sendall(line.encode("ascii"))
                    if self.server.line_pause:
                        time.sleep(self.server.line_pause)
                sent = generation
            if self._client_left(sock):
                return

    @staticmethod
    def _read_line(sock: socket.socket, timeout: float) -> str | None:
        """The client's first line ("" when it sends none in time); None when it hung up."""
        sock.settimeout(timeout)
        data = b""
        try:
            while b"\n" not in data:
                chunk = sock.recv(256)
                if not chunk:
                    return None
                data += chunk
        except TimeoutError:
            return ""
        finally:
            sock.settimeout(None)
        return data.decode("ascii", "replace").strip()

    @staticmethod
    def _client_left(sock: socket.socket) -> bool:
        """True when the client hung up or said bye (gqrx's Disconnect sends `Bye`)."""
        readable, _, _ = select.select([sock], [], [], 0)
        if not readable:
            return False
        data = sock.recv(1024)
        return not data or data.strip().lower() in (b"bye", b"quit", b"exit")


class _SpotServer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], feed: SpotFeed, line_pause: float) -> None:
        self.feed = feed
        self.line_pause = line_pause
        super().__init__(address, _Client)

    def handle_error(self, request: object, client_address: object) -> None:
        """A client that hangs up mid-line is not the service's error; anything else is reported as usual."""
        if not isinstance(sys.exc_info()[1], OSError):
            super().handle_error(request, client_address)  # type: ignore[arg-type]


@dataclass
class SpotService:
    database: Database
    options: FilterOptions
    clock: Callable[[], datetime]
    host: str = "127.0.0.1"
    port: int = 7300
    line_pause: float = 0.05
    feed: SpotFeed = field(default_factory=SpotFeed)
    _server: _SpotServer | None = None

    def start(self) -> tuple[str, int]:
        """Listen and serve in a background thread; returns the address (port 0 picks a free port)."""
        try:
            self._server = _SpotServer((self.host, self.port), self.feed, self.line_pause)
        except OSError as error:
            raise ListenError(f"cannot listen on {self.host}:{self.port}: {error.strerror or error}") from None
        threading.Thread(target=self._server.serve_forever, name="spots", daemon=True).start()
        host, port = self._server.server_address[:2]
        return str(host), int(port)

    def refresh(self) -> int:
        """Look up what is on air now and hand it to every client; returns the number of spots."""
        at = self.clock()
        lines = spot_lines(on_air_at(self.database, at, self.options).bookmarks, at)
        self.feed.publish(lines)
        return len(lines)

    def stop(self) -> None:
        self.feed.stop()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
