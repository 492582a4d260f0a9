"""The transmitter_site table."""

from __future__ import annotations

from sqlalchemy import Column, ForeignKey, Integer, UniqueConstraint
from sqlmodel import Field

from swtracker.store.tables import source  # noqa: F401 (define the source table its foreign keys name)
from swtracker.store.tables.base import Table


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
