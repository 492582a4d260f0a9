"""The on-air SQL agrees with the plain-Python rule (design §3) for random windows, days and instants."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, select
from sqlmodel import Session, col

from swtracker.domain.days import parse_eibi_days
from swtracker.domain.windows import Window, occurrence_containing, starts_between
from swtracker.formats.records import ScheduleRow, compact
from swtracker.store.engine import make_engine, transaction
from swtracker.store.entries import EntryFilter, on_air_clause, select_entries, starting_clause
from swtracker.store.line_writes import delete_source_entries, insert_rows
from swtracker.store.models import Source
from swtracker.store.schema import ensure_schema
from tests.conftest import DatabaseFactory

DAYS = ["", "Mo-Fr", "SaSu", "Tu,Fr", "We-Mo", "Su", "1.Sa", "2.Su", "Last7", "MF-15", "156", "irr", "Test"]
START = date(2026, 3, 20)


@pytest.fixture(scope="module")
def engine(databases: DatabaseFactory, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    engine = make_engine(databases.new_url(tmp_path_factory.mktemp("oracle")))
    ensure_schema(engine)
    with transaction(engine, write=True) as session:
        session.add(Source(name="oracle", format="native", file_name="-", sha256="-", imported_at=datetime.now(UTC)))
    yield engine
    engine.dispose()


@st.composite
def rows(draw: st.DrawFn) -> ScheduleRow:
    start = draw(st.integers(0, 1439))
    end = draw(st.one_of(st.integers(1, 1440), st.just(start)))
    days = parse_eibi_days(draw(st.sampled_from(DAYS)))
    first = START + timedelta(days=draw(st.integers(0, 60)))
    last = first + timedelta(days=draw(st.integers(-2, 60)))  # sometimes empty validity
    return ScheduleRow(
        0,
        "x",
        "broadcast",
        7515.0,
        start,
        end,
        days.raw,
        days.weekdays,
        days.weeks,
        days.max_day,
        days.irregular,
        first,
        last,
        draw(st.booleans()),
        None,
        "",
        "",
        "",
        "",
    )


instants = st.datetimes(
    min_value=datetime(2026, 3, 18),  # noqa: DTZ001 (Hypothesis bounds are naive; the zone comes next)
    max_value=datetime(2026, 7, 1),  # noqa: DTZ001
    timezones=st.just(UTC),
)


def _load(session: Session, entries: list[ScheduleRow]) -> None:
    source_id = session.scalars(select(col(Source.id))).one()
    assert source_id is not None
    delete_source_entries(session, source_id)
    rows = [compact(row._replace(line=i)) for i, row in enumerate(entries)]
    insert_rows(session, source_id, [rows], lambda labels: [None] * len(labels))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(entries=st.lists(rows(), min_size=1, max_size=25), at=instants)
def test_sql_on_air_selection_matches_the_python_rule(engine: Engine, entries: list[ScheduleRow], at: datetime) -> None:
    with transaction(engine, write=True) as session:
        _load(session, entries)
        selected = {v.entry.line for v in select_entries(session, on_air_clause(at), EntryFilter())}
    expected = {
        i
        for i, row in enumerate(entries)
        if row.active and occurrence_containing(row.window, row.days_rule, row.valid_from, row.valid_to, at) is not None
    }
    assert selected == expected


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(entries=st.lists(rows(), min_size=1, max_size=25), at=instants, hours=st.integers(1, 72))
def test_sql_starting_selection_matches_the_python_rule(
    engine: Engine, entries: list[ScheduleRow], at: datetime, hours: int
) -> None:
    end = at + timedelta(hours=hours)
    with transaction(engine, write=True) as session:
        _load(session, entries)
        selected = {v.entry.line for v in select_entries(session, starting_clause(at, end), EntryFilter())}
    expected = {
        i
        for i, row in enumerate(entries)
        if row.active
        and any(
            starts_between(Window(row.start_min, row.end_min), row.days_rule, row.valid_from, row.valid_to, at, end)
        )
    }
    assert selected == expected
