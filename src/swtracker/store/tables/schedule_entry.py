"""The schedule_entry table."""

from __future__ import annotations

from sqlalchemy import Column, ForeignKey, Index, Integer
from sqlmodel import Field

from swtracker.store.tables import source, station  # noqa: F401 (define the source and station tables its foreign keys name)
from swtracker.store.tables.base import Table


class ScheduleEntry(Table, table=True):
    """One schedule line of a source, at full fidelity (every field of EiBi and HFCC rows).

    Text fields a format does not have are "" rather than NULL. Indexes are few on purpose: each one costs
    several microseconds per row of a million-row import; frequency and station serve the queries."""

    __tablename__ = "schedule_entry"
    __table_args__ = (
        Index("ix_schedule_entry_source_line", "source_id", "line"),
        Index("ix_schedule_entry_frequency", "frequency_khz"),
        Index("ix_schedule_entry_station", "station_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    source_id: int = Field(sa_column=Column(Integer, ForeignKey("source.id", ondelete="CASCADE"), nullable=False))
    line: int
    station_id: int | None = Field(
        default=None, sa_column=Column(Integer, ForeignKey("station.id", ondelete="SET NULL"), nullable=True)
    )
    station_name: str  # as the file writes it
    kind: str  # broadcast, jammer
    frequency_khz: float
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
    country: str = ""
    language: str = ""
    target: str = ""
    site: str = ""
    site_name: str | None = None
    power_kw: float | None = None
    azimuth: int | None = None
    slew: int | None = None
    antenna: int | None = None
    modulation: str | None = None
    design_frequency_khz: int | None = None
    broadcaster: str | None = None
    broadcaster_name: str | None = None
    fmo: str | None = None
    request_id: int | None = None
    alt_frequencies: str | None = None
    date_start: str | None = None
    date_stop: str | None = None
    last_heard: str | None = None
    notes: str | None = None
    source_note: str | None = None
    # HFCC rows only: why the row belongs to a station other than its broadcaster's ("declared by kbs-hanminjok",
    # "same airing as sked-a26:2068"); None when it keeps its broadcaster.
    linked_by: str | None = None
