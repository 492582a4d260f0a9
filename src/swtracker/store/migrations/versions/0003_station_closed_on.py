"""The last day on air of a closed station: station.closed_on (YYYYMMDD), set from curated files.

Every source's sha256 is also cleared: this version reads the same bytes differently (HFCC `2359` stops are the
end of the day; a NUL rejects its line; a UTF-8 BOM is skipped), so the next import of an unchanged file must
parse it again instead of answering "unchanged".

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("station", schema=None) as batch_op:
        batch_op.add_column(sa.Column("closed_on", sa.Integer(), nullable=True))
    op.execute("UPDATE source SET sha256 = ''")


def downgrade() -> None:
    with op.batch_alter_table("station", schema=None) as batch_op:
        batch_op.drop_column("closed_on")
