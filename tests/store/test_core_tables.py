"""store.core_tables: the Core description of report and station that counting queries use agrees with the tables
store/tables/ defines (the schema), column by column."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import TableClause
from sqlalchemy.types import TypeEngine
from sqlmodel.sql.sqltypes import AutoString

from swtracker.store import core_tables
from swtracker.store.models import Report, ScheduleEntry, Source, Station


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
    ],
)
def test_every_column_is_the_tables_own(light: TableClause, model: type) -> None:
    defined = model.__table__  # type: ignore[attr-defined]
    assert light.name == defined.name
    for column in light.c:
        assert column.name in defined.c, f"{light.name}.{column.name} is not a column of the table"
        assert _converter(defined.c[column.name].type) is type(column.type), column.name
