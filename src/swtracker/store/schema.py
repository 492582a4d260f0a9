"""Schema version check on open, and Alembic upgrades when it is behind.

Alembic is imported only when the schema must change, so everyday commands stay quick to start.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect, text

from swtracker.errors import DatabaseError

if TYPE_CHECKING:
    from alembic.config import Config

# The newest migration in store/migrations/versions; tests check it matches Alembic's head.
HEAD_REVISION = "0004"
MIGRATIONS_DIR = Path(__file__).parent / "migrations"


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def _alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def known_revisions() -> set[str]:
    """Every revision of store/migrations/versions: the schemas this swtracker can open or upgrade from."""
    from alembic.script import ScriptDirectory

    return {script.revision for script in ScriptDirectory.from_config(_alembic_config()).walk_revisions()}


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Run the migrations up to `revision` in one transaction."""
    from alembic import command

    config = _alembic_config()
    with engine.connect() as connection, connection.execution_options(swtracker_write=True).begin():
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def ensure_schema(engine: Engine) -> bool:
    """Create or upgrade the schema. True when it did either: the caller then loads the bundled schedules, which
    an upgraded swtracker may ship newer."""
    revision = current_revision(engine)
    if revision == HEAD_REVISION:
        return False
    if revision is not None and revision not in known_revisions():
        # A newer swtracker migrated it; Alembic would fail on the unknown revision. Touch nothing.
        raise DatabaseError(
            f"the database {engine.url.render_as_string(hide_password=True)} was written by a newer swtracker "
            f"(schema revision {revision} unknown): upgrade swtracker to use it"
        )
    upgrade(engine)
    if current_revision(engine) != HEAD_REVISION:
        raise DatabaseError(f"the database schema is at {revision!r}, which this swtracker does not know")
    return True
