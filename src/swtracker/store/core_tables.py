"""The report and station columns that counting queries read and `log` writes, as plain SQLAlchemy Core
(`table()`/`column()`).

`summary` and its relatives run a few SELECTs and read plain rows; `log` inserts one report. Through the SQLModel
tables they loaded the ORM, pydantic and SQLModel for nothing else, and defined and mapped the two classes: about a
third of `summary`'s CPU time. These lightweight tables name the same database tables: the tables themselves are
defined once, in store/tables/, and tests/store/test_core_tables.py checks every column here against them (name and
type). A query uses these or the SQLModel tables, never both: two descriptions of one table in one query would be
two FROM entries.
"""

from __future__ import annotations

from sqlalchemy import Float, Integer, String, column, table

from swtracker.store.types import UTCDateTime

report = table(
    "report",
    column("id", Integer),
    column("uid", String),
    column("observed_at", UTCDateTime()),
    column("utc_date", Integer),
    column("utc_hour", Integer),
    column("utc_weekday", Integer),
    column("utc_month", Integer),
    column("frequency_khz", Float),
    column("station_id", Integer),
    column("station_name", String),
    column("attribution", String),
    column("candidates", String),
    column("status", String),
    column("sinpo", String),
    column("sio", String),
    column("jammer", String),
    column("reporter", String),
    column("location", String),
    column("receiver", String),
    column("notes", String),
    column("site", String),
    column("schedule_ref", String),
    column("created_at", UTCDateTime()),
)

station = table(
    "station",
    column("id", Integer),
    column("key", String),
    column("name", String),
    column("closed_on", Integer),
)
