"""The station table."""

from __future__ import annotations

from sqlmodel import Field

from swtracker.store.tables.base import Table


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
