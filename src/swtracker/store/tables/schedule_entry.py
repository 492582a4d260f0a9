"""The schedule_entry view."""

from __future__ import annotations

from sqlmodel import Field

from swtracker.store.tables.base import Table


class ScheduleEntry(Table, table=True):
    """One schedule line at full fidelity (every field of EiBi and HFCC rows): the view `schedule_entry` joining
    a line with its timing, label and detail (migrations 0005, 0006). Read-only: writes go to ScheduleLine and its
    parts.

    Text fields a format does not have are "" rather than NULL."""

    __tablename__ = "schedule_entry"
    __table_args__ = {"info": {"view": True}}  # noqa: RUF012 (SQLAlchemy reads it once; ruff sees no pydantic model here)

    id: int | None = Field(default=None, primary_key=True)
    source_id: int
    line: int
    station_id: int | None = None
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
    linked_by: str | None = None
