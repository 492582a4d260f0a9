from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from swtracker.domain.days import DaysRule, parse_eibi_days
from swtracker.domain.windows import (
    Window,
    occurrence_containing,
    occurrence_starting,
    occurrences_between,
    parse_hhmm,
    starts_between,
)
from swtracker.errors import ParseError

A26 = (date(2026, 3, 29), date(2026, 10, 24))


# The on-air rule as the tests state it: some occurrence of the entry contains the instant.
def on_air(window: Window, days: DaysRule, valid_from: date, valid_to: date, instant: datetime) -> bool:
    return occurrence_containing(window, days, valid_from, valid_to, instant) is not None


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def test_window_parsing_and_2400() -> None:
    assert Window.parse("0000-2400") == Window(0, 1440)
    assert Window.parse("2030-0130").crosses_midnight
    assert Window.parse("2030-0130").duration == 300
    assert Window.parse("1241-1241").duration == 0
    assert parse_hhmm("2400", field="t", allow_2400=True) == 1440


@pytest.mark.parametrize("text", ["25x0-0100", "2500-0100", "0060-0100", "2400-0100", "0100", "0100-2401", "1-2"])
def test_bad_windows_name_the_time_field(text: str) -> None:
    with pytest.raises(ParseError) as raised:
        Window.parse(text)
    assert raised.value.field == "time"


def test_mo_fr_window_past_midnight_belongs_to_the_day_it_starts() -> None:
    """`12130;2030-0130;Mo-Fr` (EiBi a26 line 6407): Friday 2030 to Saturday 0130, not Monday 0000-0130."""
    window, days = Window.parse("2030-0130"), parse_eibi_days("Mo-Fr")
    valid = (date(2026, 6, 25), date(2026, 7, 10))
    assert on_air(window, days, *valid, at("2026-07-03T21:00"))  # Friday 2100
    assert on_air(window, days, *valid, at("2026-07-04T01:00"))  # Saturday 0100, Friday's occurrence
    assert not on_air(window, days, *valid, at("2026-07-06T01:00"))  # Monday 0100: Sunday has none
    assert on_air(window, days, *valid, at("2026-07-07T01:00"))  # Tuesday 0100: Monday's occurrence
    assert not on_air(window, days, *valid, at("2026-07-04T01:30"))  # the end is exclusive
    assert on_air(window, days, *valid, at("2026-07-03T20:30"))  # the start is inclusive
    # The last night of the validity runs into 11 July.
    assert on_air(window, days, *valid, at("2026-07-11T01:29:59"))
    assert not on_air(window, days, *valid, at("2026-07-10T01:00") + timedelta(days=3))


def test_first_and_last_day_of_a_season() -> None:
    window, days = Window.parse("2300-0100"), parse_eibi_days("")
    assert not on_air(window, days, *A26, at("2026-03-29T00:30"))  # Saturday's occurrence is B25
    assert on_air(window, days, *A26, at("2026-03-29T23:30"))
    assert on_air(window, days, *A26, at("2026-10-25T00:30"))  # 24 Oct's occurrence runs into B26
    assert not on_air(window, days, *A26, at("2026-10-25T23:30"))


def test_occurrences_and_starts_are_bounded_and_ordered() -> None:
    window, days = Window.parse("2030-0130"), parse_eibi_days("Mo-Fr")
    begin, end = at("2026-07-03T00:00"), at("2026-07-07T00:00")
    found = list(occurrences_between(window, days, *A26, begin, end))
    assert [o.start.date() for o in found] == [date(2026, 7, 2), date(2026, 7, 3), date(2026, 7, 6)]
    starts = list(starts_between(window, days, *A26, begin, end))
    assert [o.start for o in starts] == [at("2026-07-03T20:30"), at("2026-07-06T20:30")]


@given(
    start=st.integers(0, 1439),
    end=st.integers(1, 1440),
    days=st.sampled_from(["", "Mo-Fr", "SaSu", "We-Mo", "1.Sa", "Last7", "156", "irr"]),
    instant=st.datetimes(
        min_value=datetime(2026, 3, 20),  # noqa: DTZ001 (Hypothesis bounds are naive; the zone comes next)
        max_value=datetime(2026, 11, 5),  # noqa: DTZ001
        timezones=st.just(UTC),
    ),
)
def test_on_air_iff_some_occurrence_contains_the_instant(start: int, end: int, days: str, instant: datetime) -> None:
    window, rule = Window(start, end), parse_eibi_days(days)
    containing = [
        o
        for o in occurrences_between(window, rule, *A26, instant - timedelta(days=2), instant + timedelta(days=2))
        if o.start <= instant < o.end
    ]
    found = occurrence_containing(window, rule, *A26, instant)
    assert (found is not None) == bool(containing)
    assert found is None or found in containing
    for occurrence in containing:
        assert timedelta(0) < occurrence.end - occurrence.start <= timedelta(days=1)


@given(
    start=st.integers(0, 1439),
    end=st.integers(0, 1440),
    days=st.sampled_from(["", "Mo-Fr", "SaSu", "We-Mo", "1.Sa", "Last7", "156", "irr"]),
    instant=st.datetimes(
        min_value=datetime(2026, 3, 20),  # noqa: DTZ001 (Hypothesis bounds are naive; the zone comes next)
        max_value=datetime(2026, 11, 5),  # noqa: DTZ001
        timezones=st.just(UTC),
    ),
)
def test_the_occurrences_starting_on_the_day_or_the_day_before_decide_on_air(
    start: int, end: int, days: str, instant: datetime
) -> None:
    """What bulk attribution keeps per start day (services.report_transfer.OnAirIndex) answers as the rule."""
    window, rule = Window(start, end), parse_eibi_days(days)
    day = instant.date()
    starting = [occurrence_starting(window, rule, *A26, d) for d in (day - timedelta(days=1), day)]
    containing = [o for o in starting if o is not None and o.start <= instant < o.end]
    assert containing == [o for o in [occurrence_containing(window, rule, *A26, instant)] if o is not None]


def test_windows_overlap_across_midnight() -> None:
    """A jammer row 2000-0200 covers a 0100-0130 broadcast and a 2030-2100 one, not 0200-0300."""
    jammer = Window.parse("2000-0200")
    assert jammer.overlaps(Window.parse("0100-0130"))
    assert jammer.overlaps(Window.parse("2030-2100"))
    assert not jammer.overlaps(Window.parse("0200-0300"))
    assert not Window.parse("1241-1241").overlaps(Window.parse("0000-2400"))


@given(st.integers(0, 1439), st.integers(1, 1440), st.integers(0, 1439), st.integers(1, 1440))
def test_window_overlap_is_a_shared_minute(s1: int, e1: int, s2: int, e2: int) -> None:
    first, second = Window(s1, e1), Window(s2, e2)

    def minutes(window: Window) -> set[int]:
        return {(window.start + m) % 1440 for m in range(window.duration)}

    assert first.overlaps(second) == bool(minutes(first) & minutes(second)) == second.overlaps(first)
