"""Schema version check on open, and Alembic upgrades when it is behind.

Alembic is imported only when the schema must change, so everyday commands stay quick to start.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, inspect, text

from swtracker.errors import DatabaseError

if TYPE_CHECKING:
    from alembic.config import Config

# The newest migration in store/migrations/versions; tests check it matches Alembic's head.
HEAD_REVISION = "0007"
MIGRATIONS_DIR = Path(__file__).parent / "migrations"


def current_revision(bind: Engine | Connection) -> str | None:
    if isinstance(bind, Engine):
        with bind.connect() as connection:
            return current_revision(connection)
    if not inspect(bind).has_table("alembic_version"):
        return None
    return bind.execute(text("SELECT version_num FROM alembic_version")).scalar()


def _alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def known_revisions() -> set[str]:
    """Every revision of store/migrations/versions: the schemas this swtracker can open or upgrade from."""
    from alembic.script import ScriptDirectory

    return {script.revision for script in ScriptDirectory.from_config(_alembic_config()).walk_revisions()}


def migrate(connection: Connection, revision: str = "head") -> None:
    """Run the migrations up to `revision` inside the connection's transaction."""
    from alembic import command

    config = _alembic_config()
    config.attributes["connection"] = connection
    command.upgrade(config, revision)


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Run the migrations up to `revision` in one transaction."""
    with engine.connect() as connection, connection.execution_options(swtracker_write=True).begin():
        migrate(connection, revision)


def bring_to_head(connection: Connection) -> bool:
    """Create or upgrade the schema inside the connection's transaction. True when it did either: the caller then
    loads the bundled schedules, which an upgraded swtracker may ship newer."""
    revision = current_revision(connection)
    if revision == HEAD_REVISION:
        return False
    if revision is not None and revision not in known_revisions():
        # A newer swtracker migrated it; Alembic would fail on the unknown revision. Touch nothing.
        raise DatabaseError(
            f"the database {connection.engine.url.render_as_string(hide_password=True)} was written by a newer "
            f"swtracker (schema revision {revision} unknown): upgrade swtracker to use it"
        )
    migrate(connection)
    if current_revision(connection) != HEAD_REVISION:
        raise DatabaseError(f"the database schema is at {revision!r}, which this swtracker does not know")
    return True


def ensure_schema(engine: Engine) -> bool:
    """`bring_to_head` in a transaction of its own."""
    with engine.connect() as connection, connection.execution_options(swtracker_write=True).begin():
        return bring_to_head(connection)
