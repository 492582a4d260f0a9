"""Source line ranges (issue 18): a source records the ids of its first and last lines instead of every line
being indexed by its source.

A source's lines are written by one import, which holds the write lock, so their ids follow one another; the
index ix_schedule_line_source (rebuilt after every large load: about a twentieth of a million-row import) gives
way to source.first_line_id and last_line_id, and reading or deleting a source's lines scans that id range of
the primary key, its rows still matched on source_id (the range need not be tight: PostgreSQL's sequence may
hand ids to two imports at once). A source without lines has NULL for both.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-29
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("source", sa.Column("first_line_id", sa.Integer(), nullable=True))
    op.add_column("source", sa.Column("last_line_id", sa.Integer(), nullable=True))
    op.execute(
        "UPDATE source SET "
        "first_line_id = (SELECT min(l.id) FROM schedule_line AS l WHERE l.source_id = source.id), "
        "last_line_id = (SELECT max(l.id) FROM schedule_line AS l WHERE l.source_id = source.id)"
    )
    op.drop_index("ix_schedule_line_source", table_name="schedule_line")


def downgrade() -> None:
    op.create_index("ix_schedule_line_source", "schedule_line", ["source_id"], unique=False)
    # ALTER TABLE ... DROP COLUMN on SQLite too (3.35+): a batch copy of `source` would drop the table that every
    # line's foreign key names, and its ON DELETE CASCADE would take the lines with it.
    op.drop_column("source", "last_line_id")
    op.drop_column("source", "first_line_id")
