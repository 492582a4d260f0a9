"""The tables. Schedule validity dates are YYYYMMDD integers (see `types.day_number`); instants are UTC."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Column, ForeignKey, Index, Integer, UniqueConstraint
from sqlmodel import Field, SQLModel
from sqlmodel._compat import SQLModelConfig

from swtracker.store.types import UTCDateTime


class Table(SQLModel):
    """The base of every table. Pydantic builds a table's validator when something first validates one (few
    commands do) instead of when the class is defined: that was a third of the time to define the tables, which
    every command pays at start-up."""

    model_config = SQLModelConfig(defer_build=True)


class Source(Table, table=True):
    """One imported file (or bundled file); re-importing it replaces its entries atomically."""

    __tablename__ = "source"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True, index=True)
    format: str  # eibi, hfcc, native
    season: str | None = None  # A26, B26; None for native files
    file_name: str
    sha256: str
    bundled: bool = False
    imported_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    valid_from: int | None = None  # YYYYMMDD: the earliest and latest validity of its entries
    valid_to: int | None = None
    rows_read: int = 0
    rows_imported: int = 0
    rows_irregular: int = 0
    rows_rejected: int = 0
    url: str | None = None  # where `fetch` downloaded it from
    etag: str | None = None
    last_modified: str | None = None
    fetched_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))


class Station(Table, table=True):
    """A broadcaster or jammer. Curated ones come from data/schedules; others are created on import, one per
    name and home country found in a schedule file. Identity is the key, never the name alone."""

    __tablename__ = "station"

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(unique=True, index=True)
    name: str = Field(index=True)
    operator: str = ""
    country: str = ""
    years: str = ""
    website: str = ""
    notes: str = ""
    curated: bool = False
    # YYYYMMDD, the last day on air of a station known to have closed: no entry of it, from any source, airs after.
    closed_on: int | None = None


class StationAlias(Table, table=True):
    """A name by which files and users refer to a station, optionally only for one home country."""

    __tablename__ = "station_alias"
    __table_args__ = (UniqueConstraint("station_id", "alias_key", "country"),)

    id: int | None = Field(default=None, primary_key=True)
    station_id: int = Field(sa_column=Column(Integer, ForeignKey("station.id", ondelete="CASCADE"), nullable=False))
    alias: str
    alias_key: str = Field(index=True)  # casefolded, spaces collapsed
    country: str = ""  # "" = any country


class TransmitterSite(Table, table=True):
    """A transmitter site from a reference table (HFCC site.txt) that came with a source."""

    __tablename__ = "transmitter_site"
    __table_args__ = (UniqueConstraint("source_id", "code"),)

    id: int | None = Field(default=None, primary_key=True)
    source_id: int = Field(sa_column=Column(Integer, ForeignKey("source.id", ondelete="CASCADE"), nullable=False))
    code: str
    name: str
    country: str = ""
    latitude: str = ""
    longitude: str = ""


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


class ScheduleLine(Table, table=True):
    """One schedule line of a source as stored: what differs from line to line, its timing's and detail's ids.

    Narrow on purpose (issue 18): every bound column costs a million-row import time. timing_id and detail_id
    have no foreign key: deleting a source's timings would then search this table once per timing, and the store
    deletes a source's lines, timings and details together. Indexes are few and rebuilt after a large load."""

    __tablename__ = "schedule_line"
    __table_args__ = (
        Index("ix_schedule_line_frequency", "frequency_khz"),
        Index("ix_schedule_line_station", "station_id"),
        Index("ix_schedule_line_source", "source_id"),
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
    timing_id: int
    detail_id: int | None = None
    country: str = ""
    language: str = ""
    target: str = ""
    site: str = ""
    # HFCC rows only: why the row belongs to a station other than its broadcaster's ("declared by kbs-hanminjok",
    # "same airing as sked-a26:2068"); None when it keeps its broadcaster.
    linked_by: str | None = None


class ScheduleEntry(Table, table=True):
    """One schedule line at full fidelity (every field of EiBi and HFCC rows): the view `schedule_entry` joining
    a line with its timing and detail (migration 0005). Read-only: writes go to ScheduleLine and its parts.

    Text fields a format does not have are "" rather than NULL."""

    __tablename__ = "schedule_entry"
    __table_args__ = {"info": {"view": True}}

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


def compared_with_migrations(obj: Any, _name: str | None, type_: str, _reflected: bool, _compare_to: Any) -> bool:
    """Alembic's include_object: views (schedule_entry) are made by their migration's SQL, never compared with
    or generated as tables."""
    return not (type_ == "table" and obj.info.get("view"))


class HfccDeclaration(Table, table=True):
    """A curated file's statement that HFCC rows of a broadcaster (with this language and/or on these
    frequencies) are its station's broadcasts."""

    __tablename__ = "hfcc_declaration"

    id: int | None = Field(default=None, primary_key=True)
    station_id: int = Field(sa_column=Column(Integer, ForeignKey("station.id", ondelete="CASCADE"), nullable=False))
    broadcaster: str  # HFCC broadcaster code, e.g. KBS
    language: str = ""  # HFCC language code, e.g. Kor; "" = any
    frequencies: str = ""  # kHz, comma-separated; "" = any
    source: str


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
