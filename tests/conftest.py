"""Shared fixtures: a fresh database per test (SQLite file, or PostgreSQL when SWTRACKER_TEST_PG_URL is set and
SWTRACKER_TEST_BACKEND=postgresql), a CLI runner, and the real data files of ../shared when present."""

from __future__ import annotations

import functools
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import typer.main
import typer.testing
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url
from typer.testing import CliRunner, Result

from swtracker.cli import app

TESTS = Path(__file__).parent
FIXTURES = TESTS / "data"
# The real EiBi and HFCC files of ../shared/data (SWTRACKER_TEST_SHARED_DATA points elsewhere, e.g. nowhere to
# run as a plain clone does). Without them, tests/data/shared holds excerpts with every line at its real line
# number (tests/data/shared/excerpt.py): the rows the tests pin, so only tests about whole files skip.
REAL_DATA = Path(os.environ.get("SWTRACKER_TEST_SHARED_DATA", TESTS.parent.parent / "shared" / "data"))
WHOLE_FILES = (REAL_DATA / "eibi" / "sked-a26.csv").exists()
SHARED_DATA = REAL_DATA if WHOLE_FILES else FIXTURES / "shared"
EIBI_A26 = SHARED_DATA / "eibi" / "sked-a26.csv"
EIBI_A25 = SHARED_DATA / "eibi" / "sked-a25.csv"
HFCC_A26 = SHARED_DATA / "hfcc" / "A26all00.TXT"
# The excerpt even when the whole file is present: for tests about rows the excerpt keeps (every row aimed at Korea)
# whose whole-file import would cost 20 s for nothing more.
EIBI_A25_EXCERPT = FIXTURES / "shared" / "eibi" / "sked-a25.csv"

needs_shared = pytest.mark.skipif(not WHOLE_FILES, reason="needs the whole real files of ../shared/data")

PG_URL = os.environ.get("SWTRACKER_TEST_PG_URL", "")
USE_PG = os.environ.get("SWTRACKER_TEST_BACKEND", "sqlite") == "postgresql"
if USE_PG and not PG_URL:
    raise pytest.UsageError("SWTRACKER_TEST_BACKEND=postgresql needs SWTRACKER_TEST_PG_URL")


@pytest.fixture(scope="session", autouse=True)
def _command_tree_built_once() -> Iterator[None]:
    """typer's CliRunner rebuilds the whole click command tree from the app's signatures on every invoke (about a
    tenth of a second: most of what an in-process command costs); the tree is a function of the app alone, so each
    app's is built once. A release of typer that drops the name fails here loudly instead of going slow."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(typer.testing, "_get_command", functools.cache(typer.main.get_command))
        yield


@pytest.fixture(autouse=True)
def _isolated_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No test sees the user's database, zone or colours."""
    for name in list(os.environ):
        if name.startswith("SWTRACKER_") and not name.startswith("SWTRACKER_TEST_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "250")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))


@pytest.fixture(autouse=True)
def _dispose_engines(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Close every engine swtracker opened during a test: services and commands called in-process keep their
    pools, and a pooled PostgreSQL connection left to the garbage collector is a ResourceWarning."""
    import swtracker.store.engine as engine_module

    engines: list[Engine] = []
    original = create_engine

    def tracked(*args: Any, **kwargs: Any) -> Engine:
        engine = original(*args, **kwargs)
        engines.append(engine)
        return engine

    monkeypatch.setattr(engine_module, "create_engine", tracked)
    yield
    for engine in engines:
        engine.dispose()


class _Postgres:
    """Creates throwaway databases on the test server; templates make a loaded database cheap to copy."""

    def __init__(self, url: str) -> None:
        self.url = make_url(url)
        self.admin = create_engine(self.url.set(database="postgres"), isolation_level="AUTOCOMMIT")

    def create(self, template: str | None = None) -> str:
        name = f"swt_{uuid.uuid4().hex[:12]}"
        clause = f" TEMPLATE {template}" if template else ""
        with self.admin.connect() as connection:
            connection.execute(text(f"CREATE DATABASE {name}{clause}"))
        return self.url.set(database=name).render_as_string(hide_password=False)

    def drop(self, url: str) -> None:
        name = make_url(url).database
        with self.admin.connect() as connection:
            connection.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))


@pytest.fixture(scope="session")
def postgres() -> Iterator[_Postgres | None]:
    server = _Postgres(PG_URL) if USE_PG else None
    yield server
    if server is not None:
        server.admin.dispose()


@dataclass
class DatabaseFactory:
    """Hands out databases: empty, or copies of prepared templates (bundled schedules, real files)."""

    postgres: _Postgres | None
    workdir: Path
    created: list[str]

    def new_url(self, tmp_path: Path, template: str | None = None) -> str:
        if self.postgres is not None:
            url = self.postgres.create(template and make_url(template).database)
            self.created.append(url)
            return url
        path = tmp_path / f"db-{uuid.uuid4().hex[:8]}.sqlite"
        if template:
            shutil.copyfile(make_url(template).database or "", path)
        return f"sqlite:///{path}"

    def template(self, name: str, build: list[list[str]], base: str | None = None) -> str:
        """A database built once per session by running CLI commands, on a new database or on a copy of the
        template `base` (a copy costs nothing; `init` on a new one migrates and loads the bundled schedules)."""
        if self.postgres is not None:
            url = self.new_url(self.workdir / name, base)
        else:
            path = self.workdir / f"{name}.sqlite"
            url = f"sqlite:///{path}"
            if path.exists():
                return url
            if base:
                shutil.copyfile(make_url(base).database or "", path)
        for args in build:
            result = invoke(["--db", url, *args])
            assert result.exit_code == 0, result.output
        if self.postgres is None:  # fold the WAL into the file so a plain copy holds everything
            with sqlite3.connect(self.workdir / f"{name}.sqlite") as connection:
                connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return url


@pytest.fixture(scope="session")
def databases(postgres: _Postgres | None, tmp_path_factory: pytest.TempPathFactory) -> Iterator[DatabaseFactory]:
    workdir = tmp_path_factory.mktemp("templates")
    factory = DatabaseFactory(postgres, workdir, [])
    yield factory
    if postgres is not None:
        for url in factory.created:
            postgres.drop(url)


@pytest.fixture(scope="session")
def bundled_template(databases: DatabaseFactory) -> str:
    return databases.template("bundled", [["init"]])


@pytest.fixture(scope="session")
def a26_template(databases: DatabaseFactory, bundled_template: str) -> str:
    return databases.template("a26", [["import", str(EIBI_A26)]], base=bundled_template)


@pytest.fixture(scope="session")
def sqlite_template(databases: DatabaseFactory, bundled_template: str) -> Path:
    """An SQLite file with the bundled schedules and one report whatever the test backend, for tests about the
    database's own files (paths, companions, permissions). Copy it; never open it."""
    path = databases.workdir / "sqlite-template.db"
    if databases.postgres is None:
        shutil.copyfile(make_url(bundled_template).database or "", path)
    else:
        result = invoke(["--db", f"sqlite:///{path}", "init"])
        assert result.exit_code == 0, result.output
    result = invoke(["--db", f"sqlite:///{path}", "log", "6015", "--status", "jammed", "--at", "2026-07-01T12:00Z"])
    assert result.exit_code == 0, result.output
    with sqlite3.connect(path) as connection:  # fold the WAL into the file so a plain copy holds everything
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


@pytest.fixture
def db_url(databases: DatabaseFactory, tmp_path: Path) -> str:
    """An empty database (created and migrated on first use by the command under test)."""
    return databases.new_url(tmp_path)


@pytest.fixture
def bundled_db(databases: DatabaseFactory, bundled_template: str, tmp_path: Path) -> str:
    """A database holding the bundled schedules only."""
    return databases.new_url(tmp_path, bundled_template)


@pytest.fixture
def other_bundled_db(databases: DatabaseFactory, bundled_template: str, tmp_path: Path) -> str:
    """A second database holding the bundled schedules only: the far end of an export and import."""
    return databases.new_url(tmp_path, bundled_template)


@pytest.fixture(scope="session")
def reports_template(databases: DatabaseFactory, bundled_template: str) -> str:
    from tests.services.test_summary import REPORTS  # a test module that imports this one: read when first used

    path = databases.workdir / "summary-reports.csv"
    path.write_text(REPORTS, encoding="utf-8")
    return databases.template("reports", [["reports", "import", str(path)]], base=bundled_template)


@pytest.fixture
def reports_db(databases: DatabaseFactory, reports_template: str, tmp_path: Path) -> str:
    """The bundled schedules and the twelve listener reports of tests/services/test_summary.py (REPORTS)."""
    return databases.new_url(tmp_path, reports_template)


@pytest.fixture
def a26_db(databases: DatabaseFactory, a26_template: str, tmp_path: Path) -> str:
    """The bundled schedules plus the real EiBi sked-a26.csv."""
    return databases.new_url(tmp_path, a26_template)


_RUNS = """
import json, sys
from typer.main import get_command
from swtracker.cli import app

command = get_command(app)  # what `swtracker` builds once per process
for args in json.loads(sys.argv[1]):
    code = command.main(args, prog_name="swtracker", standalone_mode=False)
    if code:
        sys.exit(f"swtracker {' '.join(args)}: exit {code}")
"""


def swtracker_process(runs: list[list[str]], **popen: Any) -> subprocess.Popen[str]:
    """One process running `swtracker ARGS` for each ARGS in turn, each run opening the database afresh as a
    command of its own does. Concurrency tests start a few of these rather than a process per command, which
    would spend its time starting Python."""
    return subprocess.Popen([sys.executable, "-c", _RUNS, json.dumps(runs)], text=True, **popen)


_ORM_PROBE = """
import sys
from swtracker.cli import app

try:
    app(sys.argv[1:])
except SystemExit as done:
    assert done.code == 0, done.code
print(sorted(name for name in ("pydantic", "sqlmodel", "sqlalchemy.orm") if name in sys.modules), file=sys.stderr)
"""


def orm_modules_loaded(args: list[str]) -> tuple[str, str]:
    """`swtracker ARGS` run in a process of its own (start-up: what a command loads): which of pydantic, SQLModel
    and the ORM it loaded, as a printed list, and its stdout."""
    probe = subprocess.run([sys.executable, "-c", _ORM_PROBE, *args], capture_output=True, text=True, check=True)
    return probe.stderr.strip().splitlines()[-1], probe.stdout


def invoke(args: list[str], *, input: str | None = None, columns: int = 250) -> Result:
    return CliRunner().invoke(app, args, input=input, env={"COLUMNS": str(columns), "NO_COLOR": "1"})


@pytest.fixture
def cli() -> type[Cli]:
    return Cli


class Cli:
    """`Cli.run(db, "now", "--json")` runs swtracker against a database and returns the result."""

    @staticmethod
    def run(db: str, *args: str, input: str | None = None) -> Result:
        return invoke(["--db", db, *args], input=input)

    @staticmethod
    def ok(db: str, *args: str, input: str | None = None, columns: int = 250) -> Result:
        """A run that must succeed; `columns` is the terminal width tables are laid out for."""
        result = invoke(["--db", db, *args], input=input, columns=columns)
        assert result.exit_code == 0, f"exit {result.exit_code}\nstdout:\n{result.stdout}\nstderr:\n{result.stderr}"
        return result


@pytest.fixture(scope="session")
def hfcc_template(databases: DatabaseFactory, bundled_template: str) -> str:
    return databases.template("hfcc", [["import", str(HFCC_A26)]], base=bundled_template)


@pytest.fixture
def hfcc_db(databases: DatabaseFactory, hfcc_template: str, tmp_path: Path) -> str:
    """The bundled schedules plus the real HFCC A26all00.TXT (with site.txt and broadcas.txt)."""
    return databases.new_url(tmp_path, hfcc_template)


@pytest.fixture(scope="session")
def all_sources_template(databases: DatabaseFactory, a26_template: str) -> str:
    if not (EIBI_A26.exists() and HFCC_A26.exists()):
        pytest.skip("../shared/data not present")
    return databases.template("all", [["import", str(HFCC_A26)]], base=a26_template)


@pytest.fixture
def all_sources_db(databases: DatabaseFactory, all_sources_template: str, tmp_path: Path) -> str:
    """The set-up the README recommends: the bundled schedules, EiBi sked-a26.csv and HFCC A26all00.TXT."""
    return databases.new_url(tmp_path, all_sources_template)
