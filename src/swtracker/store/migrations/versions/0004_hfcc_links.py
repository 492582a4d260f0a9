"""HFCC rows linked to stations: schedule_entry.linked_by says why an HFCC row belongs to its station (a curated
declaration, or the EiBi row describing the same airing), and hfcc_declaration holds what curated files declare
(broadcaster code with language and/or frequencies, and the declaration's source).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("schedule_entry", schema=None) as batch_op:
        batch_op.add_column(sa.Column("linked_by", sa.String(), nullable=True))
    op.create_table(
        "hfcc_declaration",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("station_id", sa.Integer(), nullable=False),
        sa.Column("broadcaster", sa.String(), nullable=False),
        sa.Column("language", sa.String(), nullable=False),
        sa.Column("frequencies", sa.String(), nullable=False),
        sa.Column("source", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(["station_id"], ["station.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    # Curated files are read again so that their declarations are stored (the same bytes would be skipped).
    op.execute("UPDATE source SET sha256 = '' WHERE format = 'native'")


def downgrade() -> None:
    op.drop_table("hfcc_declaration")
    with op.batch_alter_table("schedule_entry", schema=None) as batch_op:
        batch_op.drop_column("linked_by")
