"""The hfcc_declaration table."""

from __future__ import annotations

from sqlalchemy import Column, ForeignKey, Integer
from sqlmodel import Field

from swtracker.store.tables import station  # noqa: F401 (define the station table its foreign keys name)
from swtracker.store.tables.base import Table


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
