"""The report table."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, ForeignKey, Index, Integer
from sqlmodel import Field

from swtracker.store.tables import station  # noqa: F401 (define the station table its foreign keys name)
from swtracker.store.tables.base import Table
from swtracker.store.types import UTCDateTime


class Report(Table, table=True):
    """What a listener heard. The UTC calendar parts are stored so summaries group in plain SQL."""

    __tablename__ = "report"
    __table_args__ = (
        Index("ix_report_station_observed", "station_id", "observed_at"),
        # Covers `summary --by station`: its GROUP BY reads the index alone instead of every row.
        Index("ix_report_station_status_observed", "station_id", "status", "observed_at"),
        Index("ix_report_frequency", "frequency_khz"),
        Index("ix_report_observed", "observed_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    uid: str = Field(unique=True)
    observed_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    utc_date: int  # YYYYMMDD
    utc_hour: int
    utc_weekday: int  # 0 = Monday
    utc_month: int  # YYYYMM
    frequency_khz: float
    station_id: int | None = Field(
        default=None, sa_column=Column(Integer, ForeignKey("station.id", ondelete="SET NULL"), nullable=True)
    )
    station_name: str = ""  # the station as resolved when logged (kept if the station is removed)
    attribution: str  # given, matched, unattributed, ambiguous
    candidates: str = ""  # station names, "; "-separated, when ambiguous
    status: str  # clear, jammed, blocked, silent
    sinpo: str | None = None
    sio: str | None = None
    jammer: str | None = None
    reporter: str | None = None
    location: str | None = None
    receiver: str | None = None
    notes: str | None = None
    site: str | None = None  # transmitter site of the schedule entry it was attached to
    schedule_ref: str | None = None  # "source:line window" of that entry
    created_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
