"""Schedule labels (issue 18): a line's six text fields move to a table of the distinct labels of its source.

station_name, kind, country, language, target and site leave schedule_line for schedule_label, which holds each
distinct combination of them once per source (a file of thousands of lines has a few thousand); a line keeps
its label's id (no foreign key, as timing_id: the store deletes a source's lines and parts together). A
million-row import then binds five integers and a float per line instead of six more strings. The
schedule_entry view joins the label and returns exactly the columns and values it did. Lines keep their ids.

SQLite rebuilds schedule_line to drop columns, so the view is dropped first and created again after (0005).

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-29
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

LABEL = ("station_name", "kind", "country", "language", "target", "site")
ENTRY_VIEW = """
CREATE VIEW schedule_entry AS
SELECT l.id, l.source_id, l.line, l.station_id, b.station_name, b.kind, l.frequency_khz,
       t.start_min, t.end_min, t.days, t.weekdays, t.weeks, t.max_day, t.irregular, t.valid_from, t.valid_to,
       t.active, t.persistence, b.country, b.language, b.target, b.site,
       d.site_name, d.power_kw, d.azimuth, d.slew, d.antenna, d.modulation, d.design_frequency_khz, d.broadcaster,
       d.broadcaster_name, d.fmo, d.request_id, d.alt_frequencies, t.date_start, t.date_stop, t.last_heard,
       d.notes, d.source_note, l.linked_by
FROM schedule_line AS l
JOIN schedule_timing AS t ON t.id = l.timing_id
JOIN schedule_label AS b ON b.id = l.label_id
LEFT JOIN schedule_detail AS d ON d.id = l.detail_id
"""
# Migration 0005's view, for the downgrade.
LINE_VIEW = """
CREATE VIEW schedule_entry AS
SELECT l.id, l.source_id, l.line, l.station_id, l.station_name, l.kind, l.frequency_khz,
       t.start_min, t.end_min, t.days, t.weekdays, t.weeks, t.max_day, t.irregular, t.valid_from, t.valid_to,
       t.active, t.persistence, l.country, l.language, l.target, l.site,
       d.site_name, d.power_kw, d.azimuth, d.slew, d.antenna, d.modulation, d.design_frequency_khz, d.broadcaster,
       d.broadcaster_name, d.fmo, d.request_id, d.alt_frequencies, t.date_start, t.date_stop, t.last_heard,
       d.notes, d.source_note, l.linked_by
FROM schedule_line AS l
JOIN schedule_timing AS t ON t.id = l.timing_id
LEFT JOIN schedule_detail AS d ON d.id = l.detail_id
"""


def upgrade() -> None:
    op.create_table(
        "schedule_label",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        *(sa.Column(name, sa.String(), nullable=False) for name in LABEL),
        sa.ForeignKeyConstraint(["source_id"], ["source.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    columns = ", ".join(LABEL)
    op.execute(
        f"INSERT INTO schedule_label (source_id, {columns}) "
        f"SELECT DISTINCT source_id, {columns} FROM schedule_line ORDER BY source_id, {columns}"
    )
    # Each line finds its label through this index (the text columns are NOT NULL: plain equality matches).
    op.create_index("ix_schedule_label_match", "schedule_label", ["source_id", *LABEL])
    op.execute("DROP VIEW schedule_entry")
    with op.batch_alter_table("schedule_line", schema=None) as batch_op:
        batch_op.add_column(sa.Column("label_id", sa.Integer(), nullable=True))
    matched = " AND ".join(f"b.{name} = schedule_line.{name}" for name in ("source_id", *LABEL))
    op.execute(f"UPDATE schedule_line SET label_id = (SELECT b.id FROM schedule_label AS b WHERE {matched})")
    op.drop_index("ix_schedule_label_match", "schedule_label")
    with op.batch_alter_table("schedule_line", schema=None) as batch_op:
        batch_op.alter_column("label_id", existing_type=sa.Integer(), nullable=False)
        for name in LABEL:
            batch_op.drop_column(name)
    op.execute(ENTRY_VIEW)


def downgrade() -> None:
    op.execute("DROP VIEW schedule_entry")
    with op.batch_alter_table("schedule_line", schema=None) as batch_op:
        for name in LABEL:
            batch_op.add_column(sa.Column(name, sa.String(), nullable=True))
    values = ", ".join(
        f"{name} = (SELECT b.{name} FROM schedule_label AS b WHERE b.id = schedule_line.label_id)" for name in LABEL
    )
    op.execute(f"UPDATE schedule_line SET {values}")
    with op.batch_alter_table("schedule_line", schema=None) as batch_op:
        for name in LABEL:
            batch_op.alter_column(name, existing_type=sa.String(), nullable=False)
        batch_op.drop_column("label_id")
    op.drop_table("schedule_label")
    op.execute(LINE_VIEW)
