"""Fixtures of the fetch and download tests: a schedule server on 127.0.0.1, a database with the bundled
schedules, and a download cache directory."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from swtracker.services.database import Database
from swtracker.services.setup import open_database
from tests.services.test_fetch import ScheduleServer, running_server


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[ScheduleServer]:
    with running_server(monkeypatch) as running:
        yield running


@pytest.fixture
def database(bundled_db: str) -> Iterator[Database]:
    opened = open_database(bundled_db)
    yield opened
    opened.engine.dispose()


@pytest.fixture
def cache(tmp_path: Path) -> Path:
    return tmp_path / "downloads"
