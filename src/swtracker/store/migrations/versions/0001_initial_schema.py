"""Initial schema: sources, stations and aliases, transmitter sites, schedule entries, reports.

Revision ID: 0001
Revises:
Create Date: 2026-11-27 09:23:59.638722
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    op.create_table(
        "source",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("format", sa.String(), nullable=False),
        sa.Column("season", sa.String(), nullable=True),
        sa.Column("file_name", sa.String(), nullable=False),
        sa.Column("sha256", sa.String(), nullable=False),
        sa.Column("bundled", sa.Boolean(), nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("valid_from", sa.Integer(), nullable=True),
        sa.Column("valid_to", sa.Integer(), nullable=True),
        sa.Column("rows_read", sa.Integer(), nullable=False),
        sa.Column("rows_imported", sa.Integer(), nullable=False),
        sa.Column("rows_irregular", sa.Integer(), nullable=False),
        sa.Column("rows_rejected", sa.Integer(), nullable=False),
        sa.Column("url", sa.String(), nullable=True),
        sa.Column("etag", sa.String(), nullable=True),
        sa.Column("last_modified", sa.String(), nullable=True),
        sa.Column("fetched_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("source", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_source_name"), ["name"], unique=True)

    op.create_table(
        "station",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("operator", sa.String(), nullable=False),
        sa.Column("country", sa.String(), nullable=False),
        sa.Column("years", sa.String(), nullable=False),
        sa.Column("website", sa.String(), nullable=False),
        sa.Column("notes", sa.String(), nullable=False),
        sa.Column("curated", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("station", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_station_key"), ["key"], unique=True)
        batch_op.create_index(batch_op.f("ix_station_name"), ["name"], unique=False)

    op.create_table(
        "report",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(), nullable=False),
        sa.Column("observed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("utc_date", sa.Integer(), nullable=False),
        sa.Column("utc_hour", sa.Integer(), nullable=False),
        sa.Column("utc_weekday", sa.Integer(), nullable=False),
        sa.Column("utc_month", sa.Integer(), nullable=False),
        sa.Column("frequency_khz", sa.Float(), nullable=False),
        sa.Column("station_id", sa.Integer(), nullable=True),
        sa.Column("station_name", sa.String(), nullable=False),
        sa.Column("attribution", sa.String(), nullable=False),
        sa.Column("candidates", sa.String(), nullable=False),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("sinpo", sa.String(), nullable=True),
        sa.Column("sio", sa.String(), nullable=True),
        sa.Column("jammer", sa.String(), nullable=True),
        sa.Column("reporter", sa.String(), nullable=True),
        sa.Column("location", sa.String(), nullable=True),
        sa.Column("receiver", sa.String(), nullable=True),
        sa.Column("notes", sa.String(), nullable=True),
        sa.Column("site", sa.String(), nullable=True),
        sa.Column("schedule_ref", sa.String(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["station_id"], ["station.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("uid"),
    )
    with op.batch_alter_table("report", schema=None) as batch_op:
        batch_op.create_index("ix_report_frequency", ["frequency_khz"], unique=False)
        batch_op.create_index("ix_report_observed", ["observed_at"], unique=False)
        batch_op.create_index("ix_report_station_observed", ["station_id", "observed_at"], unique=False)

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
        sa.ForeignKeyConstraint(["source_id"], ["source.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["station_id"], ["station.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("schedule_entry", schema=None) as batch_op:
        batch_op.create_index("ix_schedule_entry_frequency", ["frequency_khz"], unique=False)
        batch_op.create_index("ix_schedule_entry_source_line", ["source_id", "line"], unique=False)
        batch_op.create_index("ix_schedule_entry_station", ["station_id"], unique=False)

    op.create_table(
        "station_alias",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("station_id", sa.Integer(), nullable=False),
        sa.Column("alias", sa.String(), nullable=False),
        sa.Column("alias_key", sa.String(), nullable=False),
        sa.Column("country", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(["station_id"], ["station.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("station_id", "alias_key", "country"),
    )
    with op.batch_alter_table("station_alias", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_station_alias_alias_key"), ["alias_key"], unique=False)

    op.create_table(
        "transmitter_site",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("country", sa.String(), nullable=False),
        sa.Column("latitude", sa.String(), nullable=False),
        sa.Column("longitude", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(["source_id"], ["source.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("source_id", "code"),
    )


def downgrade() -> None:

    op.drop_table("transmitter_site")
    with op.batch_alter_table("station_alias", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_station_alias_alias_key"))

    op.drop_table("station_alias")
    with op.batch_alter_table("schedule_entry", schema=None) as batch_op:
        batch_op.drop_index("ix_schedule_entry_station")
        batch_op.drop_index("ix_schedule_entry_source_line")
        batch_op.drop_index("ix_schedule_entry_frequency")

    op.drop_table("schedule_entry")
    with op.batch_alter_table("report", schema=None) as batch_op:
        batch_op.drop_index("ix_report_station_observed")
        batch_op.drop_index("ix_report_observed")
        batch_op.drop_index("ix_report_frequency")

    op.drop_table("report")
    with op.batch_alter_table("station", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_station_name"))
        batch_op.drop_index(batch_op.f("ix_station_key"))

    op.drop_table("station")
    with op.batch_alter_table("source", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_source_name"))

    op.drop_table("source")
