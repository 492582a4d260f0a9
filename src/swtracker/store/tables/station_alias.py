"""The station_alias table."""

from __future__ import annotations

from sqlalchemy import Column, ForeignKey, Integer, UniqueConstraint
from sqlmodel import Field

from swtracker.store.tables import station  # noqa: F401 (define the station table its foreign keys name)
from swtracker.store.tables.base import Table


class StationAlias(Table, table=True):
    """A name by which files and users refer to a station, optionally only for one home country."""

    __tablename__ = "station_alias"
    __table_args__ = (UniqueConstraint("station_id", "alias_key", "country"),)

    id: int | None = Field(default=None, primary_key=True)
    station_id: int = Field(sa_column=Column(Integer, ForeignKey("station.id", ondelete="CASCADE"), nullable=False))
    alias: str
    alias_key: str = Field(index=True)  # casefolded, spaces collapsed
    country: str = ""  # "" = any country
