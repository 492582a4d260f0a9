"""The source table."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column
from sqlmodel import Field

from swtracker.store.tables.base import Table
from swtracker.store.types import UTCDateTime


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
    # The ids of its first and last schedule lines (None without lines): one import writes them one after the
    # other, so its lines are found by this range of the primary key, without an index on their source_id
    # (migration 0007). Other lines may lie inside it (PostgreSQL): readers match source_id as well.
    first_line_id: int | None = None
    last_line_id: int | None = None
    url: str | None = None  # where `fetch` downloaded it from
    etag: str | None = None
    last_modified: str | None = None
    fetched_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))
