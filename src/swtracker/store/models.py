"""The tables, as the rest of swtracker imports them: `from swtracker.store.models import Report`. Schedule
validity dates are YYYYMMDD integers (see `types.day_number`); instants are UTC.

Each table is defined in its own module under store/tables/, when a name is first taken from here (with the
tables its foreign keys name): defining a table costs start-up time in proportion to its columns, and most
commands use a few of them (`summary`: report and station). SQLModel.metadata therefore holds the tables defined
so far; what needs every table (Alembic, the schema test) calls `define_all()` first.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from swtracker.store.tables.hfcc_declaration import HfccDeclaration
    from swtracker.store.tables.report import Report
    from swtracker.store.tables.schedule_detail import ScheduleDetail
    from swtracker.store.tables.schedule_entry import ScheduleEntry
    from swtracker.store.tables.schedule_label import ScheduleLabel
    from swtracker.store.tables.schedule_line import ScheduleLine
    from swtracker.store.tables.schedule_timing import ScheduleTiming
    from swtracker.store.tables.source import Source
    from swtracker.store.tables.station import Station
    from swtracker.store.tables.station_alias import StationAlias
    from swtracker.store.tables.transmitter_site import TransmitterSite

__all__ = [
    "HfccDeclaration",
    "Report",
    "ScheduleDetail",
    "ScheduleEntry",
    "ScheduleLabel",
    "ScheduleLine",
    "ScheduleTiming",
    "Source",
    "Station",
    "StationAlias",
    "TransmitterSite",
    "compared_with_migrations",
    "define_all",
]
_MODULES = {
    "HfccDeclaration": "hfcc_declaration",
    "Report": "report",
    "ScheduleDetail": "schedule_detail",
    "ScheduleEntry": "schedule_entry",
    "ScheduleLabel": "schedule_label",
    "ScheduleLine": "schedule_line",
    "ScheduleTiming": "schedule_timing",
    "Source": "source",
    "Station": "station",
    "StationAlias": "station_alias",
    "TransmitterSite": "transmitter_site",
}


def __getattr__(name: str) -> Any:
    if name not in _MODULES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    table = getattr(import_module(f"swtracker.store.tables.{_MODULES[name]}"), name)
    globals()[name] = table  # later lookups find it without coming here
    return table


def define_all() -> None:
    """Define every table, so that SQLModel.metadata is the whole schema."""
    for name in _MODULES:
        __getattr__(name)


def compared_with_migrations(obj: Any, _name: str | None, type_: str, _reflected: bool, _compare_to: Any) -> bool:
    """Alembic's include_object: views (schedule_entry) are made by their migration's SQL, never compared with
    or generated as tables."""
    return not (type_ == "table" and obj.info.get("view"))
