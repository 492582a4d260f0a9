"""Wilson score intervals and the rates of design §5: golden values and properties."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from swtracker.domain.statistics import StatusCounts, rate, wilson_interval


def test_three_of_ten_matches_the_hand_computed_interval() -> None:
    # p = 0.3, z = 1.96: centre (0.3 + 0.19207) / 1.38415 = 0.35553, half width 0.24772.
    low, high = wilson_interval(3, 10) or (0.0, 0.0)
    assert round(low, 4) == 0.1078
    assert round(high, 4) == 0.6032


def test_none_of_ten_starts_at_zero() -> None:
    low, high = wilson_interval(0, 10) or (1.0, 1.0)
    assert low == 0.0
    assert round(high, 4) == 0.2775


def test_all_of_ten_ends_at_one() -> None:
    low, high = wilson_interval(10, 10) or (0.0, 0.0)
    assert round(low, 4) == 0.7225
    assert high == 1.0


def test_one_of_one_is_wide() -> None:
    low, high = wilson_interval(1, 1) or (0.0, 0.0)
    assert round(low, 4) == 0.2065
    assert high == 1.0


def test_no_trials_has_no_interval_and_no_rate() -> None:
    assert wilson_interval(0, 0) is None
    assert rate(0, 0) is None


def test_impossible_counts_are_refused() -> None:
    with pytest.raises(ValueError, match="4 successes out of 3"):
        wilson_interval(4, 3)


def test_counts_give_the_rates_of_design_section_5() -> None:
    counts = StatusCounts(clear=5, jammed=3, blocked=2, silent=4)
    assert counts.reports == 14
    assert counts.n == 10
    assert counts.jam_rate == 0.5
    assert counts.block_rate == 0.2
    low, high = counts.jam_rate_interval or (0.0, 0.0)
    assert (round(low, 4), round(high, 4)) == (0.2366, 0.7634)


def test_silent_reports_alone_give_no_rate() -> None:
    counts = StatusCounts(silent=3)
    assert (counts.reports, counts.n) == (3, 0)
    assert counts.jam_rate is None
    assert counts.block_rate is None
    assert counts.jam_rate_interval is None


def test_counts_add_up() -> None:
    assert StatusCounts(1, 2, 3, 4) + StatusCounts(10, 20, 30, 40) == StatusCounts(11, 22, 33, 44)


@given(st.integers(min_value=1, max_value=10**7).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n))))
def test_the_interval_holds_the_rate_inside_zero_to_one(pair: tuple[int, int]) -> None:
    successes, trials = pair
    interval = wilson_interval(successes, trials)
    assert interval is not None
    low, high = interval
    assert 0.0 <= low <= successes / trials <= high <= 1.0


@given(st.integers(0, 500), st.integers(0, 500), st.integers(0, 500), st.integers(0, 500))
def test_rates_are_proportions_of_n(clear: int, jammed: int, blocked: int, silent: int) -> None:
    counts = StatusCounts(clear, jammed, blocked, silent)
    if counts.n == 0:
        assert counts.jam_rate is None
        return
    assert counts.jam_rate is not None
    assert counts.block_rate is not None
    assert 0.0 <= counts.block_rate <= counts.jam_rate <= 1.0
