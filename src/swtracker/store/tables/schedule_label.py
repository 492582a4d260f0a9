"""The schedule_label table."""

from __future__ import annotations

from sqlalchemy import Column, ForeignKey, Integer
from sqlmodel import Field

from swtracker.store.tables import source  # noqa: F401 (define the source table its foreign keys name)
from swtracker.store.tables.base import Table


class ScheduleLabel(Table, table=True):
    """A distinct label of a source's lines: station name, kind, country, language, target and site as the file
    writes them. A file of thousands of lines has a few thousand labels, so a line stores only its label's id
    (migration 0006)."""

    __tablename__ = "schedule_label"

    id: int | None = Field(default=None, primary_key=True)
    source_id: int = Field(sa_column=Column(Integer, ForeignKey("source.id", ondelete="CASCADE"), nullable=False))
    station_name: str  # as the file writes it
    kind: str  # broadcast, jammer
    country: str = ""
    language: str = ""
    target: str = ""
    site: str = ""
