"""`swtracker spots` as a user runs it: a real process on loopback, a socket client, then Ctrl-C (SIGINT)."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys

from tests.conftest import Cli
from tests.exports.program_readers import read_gqrx_spot
from tests.services.test_spots import GUARD_SECONDS, Client


def test_spots_serve_on_loopback_and_stop_cleanly_on_ctrl_c(bundled_db: str) -> None:
    command = [sys.executable, "-m", "swtracker", "--db", bundled_db, "spots", "--port", "0"]
    command += ["--at", "2026-07-01T13:00Z", "--refresh", "0.2", "--target", "KRE"]
    process = subprocess.Popen(
        command,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "NO_COLOR": "1"},
        # Ctrl-C as in a terminal: a test run started in the background (`pytest &`) ignores SIGINT, and a child
        # would inherit that and never see the signal.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    try:
        assert process.stderr is not None
        started = process.stderr.readline()
        match = re.match(r"Serving DX-cluster spots on 127\.0\.0\.1:([0-9]+), refreshed every 0\.2 s", started)
        assert match, started
        client = Client(int(match.group(1)))
        client.until(b"callsign: ")
        client.sock.sendall(b"DS1ABC\r\n")
        client.lines(1)
        spots = [read_gqrx_spot(line) for line in client.lines(12)]
        assert (6070.0, "Shiokaze") in spots
        client.sock.close()
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=GUARD_SECONDS) == 0
        rest = process.stderr.read()
        assert rest.strip() == "Stopped the spot service."
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        if process.stderr is not None:
            process.stderr.close()


def test_a_bad_filter_fails_before_listening(cli: type[Cli], bundled_db: str) -> None:
    result = cli.run(bundled_db, "spots", "--port", "0", "--source", "nope")
    assert result.exit_code == 66
    assert "no such source" in result.stderr
