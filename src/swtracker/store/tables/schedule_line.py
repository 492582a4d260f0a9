"""The schedule_line table."""

from __future__ import annotations

from sqlalchemy import Column, ForeignKey, Index, Integer
from sqlmodel import Field

from swtracker.store.tables import source, station  # noqa: F401 (define the source and station tables its foreign keys name)
from swtracker.store.tables.base import Table


class ScheduleLine(Table, table=True):
    """One schedule line of a source as stored: what differs from line to line, its timing's, label's and
    detail's ids.

    Narrow on purpose (issue 18): every bound column costs a million-row import time, and integers cost least.
    timing_id, label_id and detail_id have no foreign key: deleting a source's timings would then search this
    table once per timing, and the store deletes a source's lines and their parts together. Indexes are few and
    rebuilt after a large load; a source's lines are found by the range of ids it records (source.first_line_id),
    not by an index on source_id (migration 0007)."""

    __tablename__ = "schedule_line"
    __table_args__ = (
        Index("ix_schedule_line_frequency", "frequency_khz"),
        Index("ix_schedule_line_station", "station_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    source_id: int = Field(sa_column=Column(Integer, ForeignKey("source.id", ondelete="CASCADE"), nullable=False))
    line: int
    station_id: int | None = Field(
        default=None, sa_column=Column(Integer, ForeignKey("station.id", ondelete="SET NULL"), nullable=True)
    )
    frequency_khz: float
    timing_id: int
    detail_id: int | None = None
    label_id: int
    # HFCC rows only: why the row belongs to a station other than its broadcaster's ("declared by kbs-hanminjok",
    # "same airing as sked-a26:2068"); None when it keeps its broadcaster.
    linked_by: str | None = None
