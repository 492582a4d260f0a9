"""Database URL resolution, engines, SQLite pragmas, and the transaction boundary services use."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.exc import ArgumentError, OperationalError

from swtracker.errors import DatabaseBusyError, DatabaseError, UsageError

if TYPE_CHECKING:
    from sqlmodel import Session

BUSY_TIMEOUT_MS = 30_000
ENV_DB = "SWTRACKER_DB"


def default_database_path() -> Path:
    from platformdirs import user_data_path

    return user_data_path("swtracker", appauthor=False) / "swtracker.db"


def resolve_url(db: str | None) -> str:
    """`--db` value (a path or an SQLAlchemy URL), else $SWTRACKER_DB, else the user data dir. An empty value
    given is refused, not taken as unset: it would quietly open (and create) the default database."""
    environment = os.environ.get(ENV_DB)
    given = environment if db is None else db
    if given is not None and not given.strip():
        # The CLI passes a non-empty $SWTRACKER_DB (blanks included) as the --db value, an empty one as None.
        if db is None or (db and db == environment):
            raise UsageError(f"{ENV_DB} is set but empty: give a database file path or URL, or unset it")
        raise UsageError("--db is empty: give a database file path or URL, or leave it out for the default")
    value = given or str(default_database_path())
    if "://" in value:
        try:
            url = make_url(value)
        except ArgumentError:
            raise UsageError(f"--db {value!r} is not a database URL") from None
        if url.get_backend_name() not in ("sqlite", "postgresql"):
            raise UsageError(f"--db: {url.get_backend_name()} is not supported (use SQLite or PostgreSQL)")
        if url.get_backend_name() == "sqlite" and url.query:
            # The driver would ignore them with a warning (and create the file a read-only mode meant to spare).
            raise UsageError(
                f"--db {value!r}: SQLite URLs take no options ({', '.join(sorted(url.query))}); give the database "
                "file's path"
            )
        if url.get_backend_name() == "postgresql" and url.drivername == "postgresql":
            url = url.set(drivername="postgresql+psycopg")
        return url.render_as_string(hide_password=False)
    path = Path(value).expanduser()
    return f"sqlite:///{path}"


def describe_url(url: str) -> str:
    """The URL for messages, without a password."""
    return make_url(url).render_as_string(hide_password=True)


def sqlite_path(url: str) -> Path | None:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return None
    return Path(parsed.database)


def _sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    # Take transaction control from the driver so every transaction really begins (DDL included) and
    # writers can ask for BEGIN IMMEDIATE: they then queue on the busy timeout instead of failing.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys = ON")
    if not cursor.execute("PRAGMA query_only").fetchone()[0]:
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
    cursor.close()


def _read_only_connector(path: Path) -> Callable[[], sqlite3.Connection] | None:
    """For a database file this process cannot write (read-only file or file system): a connector that opens it
    read-only, so reading commands work and writing ones fail with one line. None for a writable file. Where not
    even the -shm file beside it can be created, the file is opened immutable (nothing can change it anyway)."""
    if not path.exists() or (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)):
        return None
    options = "mode=ro" if os.access(path.parent, os.W_OK) or Path(f"{path}-shm").exists() else "immutable=1"
    uri = f"{path.resolve().as_uri().replace('file://', 'file:', 1)}?{options}"

    def connect() -> sqlite3.Connection:
        connection = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
        connection.execute("PRAGMA query_only = ON")  # tells _sqlite_connect not to set the journal mode
        return connection

    return connect


def _sqlite_begin(connection: Connection) -> None:
    mode = "IMMEDIATE" if connection.get_execution_options().get("swtracker_write") else "DEFERRED"
    connection.exec_driver_sql(f"BEGIN {mode}")


def make_engine(url: str) -> Engine:
    if make_url(url).get_backend_name() != "sqlite":
        try:
            return create_engine(url, pool_pre_ping=True)
        except ModuleNotFoundError:
            raise UsageError("PostgreSQL needs the postgres extra: pip install 'swtracker[postgres]'") from None
    path = sqlite_path(url)
    if path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise DatabaseError(f"cannot create the database directory {path.parent}: {error.strerror}") from None
    read_only = _read_only_connector(path) if path is not None else None
    if read_only is not None:
        engine = create_engine("sqlite://", creator=read_only)
    else:
        engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
    event.listen(engine, "connect", _sqlite_connect)
    event.listen(engine, "begin", _sqlite_begin)
    return engine


def is_busy(error: OperationalError) -> bool:
    text = str(error.orig).lower()
    return "database is locked" in text or "database is busy" in text


@contextmanager
def transaction(engine: Engine, *, write: bool) -> Iterator[Session]:
    """One transaction: commit when the block ends, roll back on any error. Writers on SQLite take the write
    lock at BEGIN (IMMEDIATE), so concurrent writers wait their turn instead of failing mid-transaction."""
    from sqlmodel import Session  # here: services that read with Core alone (summary) load no ORM

    with connected(engine, write=write) as connection, Session(bind=connection) as session:
        yield session
        session.flush()


@contextmanager
def connected(engine: Engine, *, write: bool) -> Iterator[Connection]:
    """The transaction of `transaction`, on a Core connection: for services whose queries are all Core."""
    try:
        with engine.connect() as connection:
            if write:
                connection = connection.execution_options(swtracker_write=True)
            with connection.begin():
                yield connection
    except OperationalError as error:
        if is_busy(error):
            raise DatabaseBusyError(
                f"the database stayed locked for {BUSY_TIMEOUT_MS // 1000} s: another swtracker is writing"
            ) from None
        if "readonly" in str(error.orig).lower():
            raise DatabaseError(f"the database is read-only here: this command changes it ({error.orig})") from None
        raise DatabaseError(f"database error: {error.orig}") from None
