"""Fixtures of the services tests: opened databases (the bundled schedules alone, or with EiBi A26), a schedule
server on 127.0.0.1 and a download cache directory for the fetch and download tests."""

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


def _opened(url: str) -> Iterator[Database]:
    database = open_database(url)
    yield database
    database.engine.dispose()


@pytest.fixture
def database(bundled_db: str) -> Iterator[Database]:
    """The bundled schedules, opened."""
    yield from _opened(bundled_db)


@pytest.fixture
def a26(a26_db: str) -> Iterator[Database]:
    """The bundled schedules and EiBi A26, opened."""
    yield from _opened(a26_db)


@pytest.fixture
def cache(tmp_path: Path) -> Path:
    return tmp_path / "downloads"
