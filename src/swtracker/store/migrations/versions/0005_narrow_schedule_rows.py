"""Narrow stored schedule rows (issue 18): a million-row import binds about half the columns it did.

schedule_entry's rows move to three tables:
- schedule_timing: the distinct timings of a source (window, days, validity, P, the dates as written, last
  heard). A file has a few thousand among its rows;
- schedule_detail: the rarely filled HFCC and native fields (site name, power, azimuth, broadcaster, notes...),
  a row only for entries that have any;
- schedule_line: one row per schedule line, pointing at its timing and (if any) its detail.
schedule_entry becomes a view joining them, with exactly the old columns, so every query reads as before.
Existing rows are copied with their ids, so report references and links stay valid.

The indexes are the frequency's, the station's and the source's (single column: the per-line (source, line)
index served no query). timing_id and detail_id have no foreign key on purpose: deleting a source's timings
would then search schedule_line once per timing, and the store deletes a source's three parts together.

A later migration that rebuilds schedule_line, schedule_timing or schedule_detail on SQLite (batch mode) must
drop the view first and create it again after.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-29
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TIMING = (
    "start_min",
    "end_min",
    "days",
    "weekdays",
    "weeks",
    "max_day",
    "irregular",
    "valid_from",
    "valid_to",
    "active",
    "persistence",
    "date_start",
    "date_stop",
    "last_heard",
)
NULLABLE_TIMING = frozenset(("persistence", "date_start", "date_stop", "last_heard"))
DETAIL = (
    "site_name",
    "power_kw",
    "azimuth",
    "slew",
    "antenna",
    "modulation",
    "design_frequency_khz",
    "broadcaster",
    "broadcaster_name",
    "fmo",
    "request_id",
    "alt_frequencies",
    "notes",
    "source_note",
)
LINE = ("source_id", "line", "station_id", "station_name", "kind", "frequency_khz", "country", "language")
LINE_TAIL = ("target", "site", "linked_by")
# The view's columns in schedule_entry's old order.
ENTRY_VIEW = """
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


def _create_tables() -> None:
    op.create_table(
        "schedule_timing",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("start_min", sa.Integer(), nullable=False),
        sa.Column("end_min", sa.Integer(), nullable=False),
        sa.Column("days", sa.String(), nullable=False),
        sa.Column("weekdays", sa.Integer(), nullable=False),
        sa.Column("weeks", sa.Integer(), nullable=False),
        sa.Column("max_day", sa.Integer(), nullable=False),
        sa.Column("irregular", sa.Boolean(), nullable=False),
        sa.Column("valid_from", sa.Integer(), nullable=False),
        sa.Column("valid_to", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("persistence", sa.Integer(), nullable=True),
        sa.Column("date_start", sa.String(), nullable=True),
        sa.Column("date_stop", sa.String(), nullable=True),
        sa.Column("last_heard", sa.String(), nullable=True),
        sa.ForeignKeyConstraint(["source_id"], ["source.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "schedule_detail",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("site_name", sa.String(), nullable=True),
        sa.Column("power_kw", sa.Float(), nullable=True),
        sa.Column("azimuth", sa.Integer(), nullable=True),
        sa.Column("slew", sa.Integer(), nullable=True),
        sa.Column("antenna", sa.Integer(), nullable=True),
        sa.Column("modulation", sa.String(), nullable=True),
        sa.Column("design_frequency_khz", sa.Integer(), nullable=True),
        sa.Column("broadcaster", sa.String(), nullable=True),
        sa.Column("broadcaster_name", sa.String(), nullable=True),
        sa.Column("fmo", sa.String(), nullable=True),
        sa.Column("request_id", sa.Integer(), nullable=True),
        sa.Column("alt_frequencies", sa.String(), nullable=True),
        sa.Column("notes", sa.String(), nullable=True),
        sa.Column("source_note", sa.String(), nullable=True),
        sa.ForeignKeyConstraint(["source_id"], ["source.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "schedule_line",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("line", sa.Integer(), nullable=False),
        sa.Column("station_id", sa.Integer(), nullable=True),
        sa.Column("station_name", sa.String(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("frequency_khz", sa.Float(), nullable=False),
        sa.Column("timing_id", sa.Integer(), nullable=False),
        sa.Column("detail_id", sa.Integer(), nullable=True),
        sa.Column("country", sa.String(), nullable=False),
        sa.Column("language", sa.String(), nullable=False),
        sa.Column("target", sa.String(), nullable=False),
        sa.Column("site", sa.String(), nullable=False),
        sa.Column("linked_by", sa.String(), nullable=True),
        sa.ForeignKeyConstraint(["source_id"], ["source.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["station_id"], ["station.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )


def _same(left: str, right: str) -> str:
    """Equality of a timing column; NULL-safe (each backend's spelling) for the columns that may be NULL, plain for
    the others so that PostgreSQL can hash-join on them."""
    if left.removeprefix("t.") not in NULLABLE_TIMING:
        return f"{left} = {right}"
    if op.get_bind().dialect.name == "postgresql":
        return f"{left} IS NOT DISTINCT FROM {right}"
    return f"{left} IS {right}"


def _advance_sequences(tables: Sequence[str]) -> None:
    """Rows copied with their ids leave PostgreSQL's serial sequences behind; SQLite takes max(id) + 1 anyway."""
    if op.get_bind().dialect.name == "postgresql":
        for table in tables:
            op.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), coalesce(max(id), 0) + 1, false) FROM {table}"
            )


def _has_detail() -> str:
    return " OR ".join(f"e.{name} IS NOT NULL" for name in DETAIL)


def upgrade() -> None:
    _create_tables()
    timing = ", ".join(TIMING)
    op.execute(
        f"INSERT INTO schedule_timing (source_id, {timing}) SELECT DISTINCT source_id, {timing} FROM schedule_entry"
    )
    detail = ", ".join(DETAIL)
    op.execute(
        f"INSERT INTO schedule_detail (id, source_id, {detail}) "
        f"SELECT id, source_id, {detail} FROM schedule_entry AS e WHERE {_has_detail()}"
    )
    # Each entry finds its timing through this index (SQLite would otherwise compare every pair).
    op.create_index("ix_schedule_timing_match", "schedule_timing", ["source_id", "start_min", "end_min", "valid_from"])
    line = ", ".join(LINE + LINE_TAIL)
    matched = " AND ".join(_same(f"t.{name}", f"e.{name}") for name in ("source_id", *TIMING))
    op.execute(
        f"INSERT INTO schedule_line (id, {line}, timing_id, detail_id) "
        f"SELECT e.id, {', '.join('e.' + name for name in LINE + LINE_TAIL)}, t.id, "
        f"CASE WHEN {_has_detail()} THEN e.id END "
        f"FROM schedule_entry AS e JOIN schedule_timing AS t ON {matched}"
    )
    op.drop_index("ix_schedule_timing_match", "schedule_timing")
    _advance_sequences(("schedule_detail", "schedule_line"))
    op.drop_table("schedule_entry")
    with op.batch_alter_table("schedule_line", schema=None) as batch_op:
        batch_op.create_index("ix_schedule_line_frequency", ["frequency_khz"], unique=False)
        batch_op.create_index("ix_schedule_line_station", ["station_id"], unique=False)
        batch_op.create_index("ix_schedule_line_source", ["source_id"], unique=False)
    op.execute(ENTRY_VIEW)


def downgrade() -> None:
    op.execute("CREATE TABLE schedule_entry_rows AS SELECT * FROM schedule_entry")
    op.execute("DROP VIEW schedule_entry")
    op.create_table(
        "schedule_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("line", sa.Integer(), nullable=False),
        sa.Column("station_id", sa.Integer(), nullable=True),
        sa.Column("station_name", sa.String(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("frequency_khz", sa.Float(), nullable=False),
        sa.Column("start_min", sa.Integer(), nullable=False),
        sa.Column("end_min", sa.Integer(), nullable=False),
        sa.Column("days", sa.String(), nullable=False),
        sa.Column("weekdays", sa.Integer(), nullable=False),
        sa.Column("weeks", sa.Integer(), nullable=False),
        sa.Column("max_day", sa.Integer(), nullable=False),
        sa.Column("irregular", sa.Boolean(), nullable=False),
        sa.Column("valid_from", sa.Integer(), nullable=False),
        sa.Column("valid_to", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("persistence", sa.Integer(), nullable=True),
        sa.Column("country", sa.String(), nullable=False),
        sa.Column("language", sa.String(), nullable=False),
        sa.Column("target", sa.String(), nullable=False),
        sa.Column("site", sa.String(), nullable=False),
        sa.Column("site_name", sa.String(), nullable=True),
        sa.Column("power_kw", sa.Float(), nullable=True),
        sa.Column("azimuth", sa.Integer(), nullable=True),
        sa.Column("slew", sa.Integer(), nullable=True),
        sa.Column("antenna", sa.Integer(), nullable=True),
        sa.Column("modulation", sa.String(), nullable=True),
        sa.Column("design_frequency_khz", sa.Integer(), nullable=True),
        sa.Column("broadcaster", sa.String(), nullable=True),
        sa.Column("broadcaster_name", sa.String(), nullable=True),
        sa.Column("fmo", sa.String(), nullable=True),
        sa.Column("request_id", sa.Integer(), nullable=True),
        sa.Column("alt_frequencies", sa.String(), nullable=True),
        sa.Column("date_start", sa.String(), nullable=True),
        sa.Column("date_stop", sa.String(), nullable=True),
        sa.Column("last_heard", sa.String(), nullable=True),
        sa.Column("notes", sa.String(), nullable=True),
        sa.Column("source_note", sa.String(), nullable=True),
        sa.Column("linked_by", sa.String(), nullable=True),
        sa.ForeignKeyConstraint(["source_id"], ["source.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["station_id"], ["station.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.execute("INSERT INTO schedule_entry SELECT * FROM schedule_entry_rows")
    op.drop_table("schedule_entry_rows")
    _advance_sequences(("schedule_entry",))
    op.drop_table("schedule_line")
    op.drop_table("schedule_detail")
    op.drop_table("schedule_timing")
    with op.batch_alter_table("schedule_entry", schema=None) as batch_op:
        batch_op.create_index("ix_schedule_entry_frequency", ["frequency_khz"], unique=False)
        batch_op.create_index("ix_schedule_entry_source_line", ["source_id", "line"], unique=False)
        batch_op.create_index("ix_schedule_entry_station", ["station_id"], unique=False)
