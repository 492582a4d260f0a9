"""The schedule_timing table."""

from __future__ import annotations

from sqlalchemy import Column, ForeignKey, Integer
from sqlmodel import Field

from swtracker.store.tables import source  # noqa: F401 (define the source table its foreign keys name)
from swtracker.store.tables.base import Table


class ScheduleTiming(Table, table=True):
    """A distinct timing of a source's lines: window, days, validity, EiBi P and the dates as written. A file
    of thousands of lines has a few thousand timings, so a line stores only its timing's id (migration 0005)."""

    __tablename__ = "schedule_timing"

    id: int | None = Field(default=None, primary_key=True)
    source_id: int = Field(sa_column=Column(Integer, ForeignKey("source.id", ondelete="CASCADE"), nullable=False))
    start_min: int  # minutes after 00:00 UTC
    end_min: int  # 1..1440; end_min < start_min runs past midnight
    days: str  # as written; "" = daily
    weekdays: int  # bit 0 = Monday
    weeks: int  # bits 0-4 = nth weekday of the month, bit 5 = last
    max_day: int  # last day of the month the rule allows (MF-15)
    irregular: bool
    valid_from: int  # YYYYMMDD, inclusive, of the UTC date an occurrence starts on
    valid_to: int
    active: bool = True
    persistence: int | None = None
    date_start: str | None = None
    date_stop: str | None = None
    last_heard: str | None = None
