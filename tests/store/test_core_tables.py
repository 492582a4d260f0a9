"""store.core_tables: the Core descriptions that counting queries and schedule imports use agree with the tables
store/tables/ defines (the schema), column by column; those an import inserts into name every column."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import TableClause
from sqlalchemy.types import TypeEngine
from sqlmodel.sql.sqltypes import AutoString

from swtracker.store import core_tables
from swtracker.store.models import (
    HfccDeclaration,
    Report,
    ScheduleDetail,
    ScheduleEntry,
    ScheduleLabel,
    ScheduleLine,
    ScheduleTiming,
    Source,
    Station,
    StationAlias,
    TransmitterSite,
)


def _converter(type_: TypeEngine[Any]) -> type:
    """The type that converts a column's values: SQLModel's AutoString (its str columns) is the String it
    decorates, changed for MySQL only; any other type, swtracker's own included, is itself."""
    return type(type_.impl) if isinstance(type_, AutoString) else type(type_)


@pytest.mark.parametrize(
    ("light", "model"),
    [
        (core_tables.report, Report),
        (core_tables.station, Station),
        (core_tables.source, Source),
        (core_tables.schedule_entry, ScheduleEntry),
        (core_tables.station_alias, StationAlias),
        (core_tables.schedule_line, ScheduleLine),
        (core_tables.schedule_timing, ScheduleTiming),
        (core_tables.schedule_label, ScheduleLabel),
        (core_tables.schedule_detail, ScheduleDetail),
        (core_tables.hfcc_declaration, HfccDeclaration),
        (core_tables.transmitter_site, TransmitterSite),
    ],
)
def test_every_column_is_the_tables_own(light: TableClause, model: type) -> None:
    defined = model.__table__  # type: ignore[attr-defined]
    assert light.name == defined.name
    for column in light.c:
        assert column.name in defined.c, f"{light.name}.{column.name} is not a column of the table"
        assert _converter(defined.c[column.name].type) is type(column.type), column.name


@pytest.mark.parametrize(
    ("light", "model"),
    [
        (core_tables.source, Source),
        (core_tables.station, Station),
        (core_tables.station_alias, StationAlias),
        (core_tables.schedule_timing, ScheduleTiming),
        (core_tables.schedule_label, ScheduleLabel),
        (core_tables.schedule_detail, ScheduleDetail),
        (core_tables.hfcc_declaration, HfccDeclaration),
        (core_tables.transmitter_site, TransmitterSite),
    ],
)
def test_the_tables_an_import_inserts_into_have_every_column(light: TableClause, model: type) -> None:
    """An insert through a Core table writes the columns it names, and the table's defaults are its SQLModel
    class's: a column missing here would be left NULL, not given its default."""
    assert [c.name for c in light.c] == [c.name for c in model.__table__.c]  # type: ignore[attr-defined]
