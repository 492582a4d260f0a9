"""The tables that counting and on-air queries read, `log` writes and a schedule import writes besides its lines
(source, station, station_alias, hfcc_declaration, transmitter_site, a line's timing, label and detail, its station
link), as plain SQLAlchemy Core (`table()`/`column()`).

`summary` and its relatives run a few SELECTs and read plain rows; `log` inserts one report. Through the SQLModel
tables they loaded the ORM, pydantic and SQLModel for nothing else, and defined and mapped the two classes: about a
third of `summary`'s CPU time. These lightweight tables name the same database tables: the tables themselves are
defined once, in store/tables/, and tests/store/test_core_tables.py checks every column here against them (name and
type). An INSERT through these gives every column its value: they have none of the defaults of store/tables/. A
query uses these or the SQLModel tables, never both: two descriptions of one table in one query would be two FROM
entries.
"""

from __future__ import annotations

from sqlalchemy import Boolean, Float, Integer, String, column, table

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
    column("operator", String),
    column("country", String),
    column("years", String),
    column("website", String),
    column("notes", String),
    column("curated", Boolean),
    column("closed_on", Integer),
)

# The schedule_entry view and the source columns the read side of store.entries selects (`log`, `now`, `next`).
schedule_entry = table(
    "schedule_entry",
    column("id", Integer),
    column("source_id", Integer),
    column("line", Integer),
    column("station_id", Integer),
    column("station_name", String),
    column("kind", String),
    column("frequency_khz", Float),
    column("start_min", Integer),
    column("end_min", Integer),
    column("days", String),
    column("weekdays", Integer),
    column("weeks", Integer),
    column("max_day", Integer),
    column("irregular", Boolean),
    column("valid_from", Integer),
    column("valid_to", Integer),
    column("active", Boolean),
    column("persistence", Integer),
    column("country", String),
    column("language", String),
    column("target", String),
    column("site", String),
    column("site_name", String),
    column("power_kw", Float),
    column("azimuth", Integer),
    column("slew", Integer),
    column("antenna", Integer),
    column("modulation", String),
    column("design_frequency_khz", Integer),
    column("broadcaster", String),
    column("broadcaster_name", String),
    column("fmo", String),
    column("request_id", Integer),
    column("alt_frequencies", String),
    column("date_start", String),
    column("date_stop", String),
    column("last_heard", String),
    column("notes", String),
    column("source_note", String),
    column("linked_by", String),
)

station_alias = table(
    "station_alias",
    column("id", Integer),
    column("station_id", Integer),
    column("alias", String),
    column("alias_key", String),
    column("country", String),
)

source = table(
    "source",
    column("id", Integer),
    column("name", String),
    column("format", String),
    column("season", String),
    column("file_name", String),
    column("sha256", String),
    column("bundled", Boolean),
    column("imported_at", UTCDateTime()),
    column("valid_from", Integer),
    column("valid_to", Integer),
    column("rows_read", Integer),
    column("rows_imported", Integer),
    column("rows_irregular", Integer),
    column("rows_rejected", Integer),
    column("first_line_id", Integer),
    column("last_line_id", Integer),
    column("url", String),
    column("etag", String),
    column("last_modified", String),
    column("fetched_at", UTCDateTime()),
)

# The columns of a schedule line that HFCC linking rewrites and that keep a station in use.
schedule_line = table(
    "schedule_line",
    column("id", Integer),
    column("source_id", Integer),
    column("station_id", Integer),
    column("linked_by", String),
)

hfcc_declaration = table(
    "hfcc_declaration",
    column("id", Integer),
    column("station_id", Integer),
    column("broadcaster", String),
    column("language", String),
    column("frequencies", String),
    column("source", String),
)

transmitter_site = table(
    "transmitter_site",
    column("id", Integer),
    column("source_id", Integer),
    column("code", String),
    column("name", String),
    column("country", String),
    column("latitude", String),
    column("longitude", String),
)

# The parts of schedule lines that a schedule import writes once per source (store.line_writes).
schedule_timing = table(
    "schedule_timing",
    column("id", Integer),
    column("source_id", Integer),
    column("start_min", Integer),
    column("end_min", Integer),
    column("days", String),
    column("weekdays", Integer),
    column("weeks", Integer),
    column("max_day", Integer),
    column("irregular", Boolean),
    column("valid_from", Integer),
    column("valid_to", Integer),
    column("active", Boolean),
    column("persistence", Integer),
    column("date_start", String),
    column("date_stop", String),
    column("last_heard", String),
)

schedule_label = table(
    "schedule_label",
    column("id", Integer),
    column("source_id", Integer),
    column("station_name", String),
    column("kind", String),
    column("country", String),
    column("language", String),
    column("target", String),
    column("site", String),
)

schedule_detail = table(
    "schedule_detail",
    column("id", Integer),
    column("source_id", Integer),
    column("site_name", String),
    column("power_kw", Float),
    column("azimuth", Integer),
    column("slew", Integer),
    column("antenna", Integer),
    column("modulation", String),
    column("design_frequency_khz", Integer),
    column("broadcaster", String),
    column("broadcaster_name", String),
    column("fmo", String),
    column("request_id", Integer),
    column("alt_frequencies", String),
    column("notes", String),
    column("source_note", String),
)
