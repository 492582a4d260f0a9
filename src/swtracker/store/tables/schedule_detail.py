"""The schedule_detail table."""

from __future__ import annotations

from sqlalchemy import Column, ForeignKey, Integer
from sqlmodel import Field

from swtracker.store.tables import source  # noqa: F401 (define the source table its foreign keys name)
from swtracker.store.tables.base import Table


class ScheduleDetail(Table, table=True):
    """The rarely filled fields of an HFCC or native line; EiBi lines have none and store no detail row."""

    __tablename__ = "schedule_detail"

    id: int | None = Field(default=None, primary_key=True)
    source_id: int = Field(sa_column=Column(Integer, ForeignKey("source.id", ondelete="CASCADE"), nullable=False))
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
    notes: str | None = None
    source_note: str | None = None
