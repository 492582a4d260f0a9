"""The channel occupancy rule: monotone in every input, jammers heavier than broadcasts, clear channels first."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from swtracker.domain import occupancy
from swtracker.domain.occupancy import Interferer, channel_load, offset_class, ranked
from swtracker.domain.statistics import StatusCounts

CHANNEL = 6000.0

interferers = st.builds(
    Interferer,
    frequency_khz=st.floats(CHANNEL - 20, CHANNEL + 20, allow_nan=False),
    time_share=st.floats(0, 1, allow_nan=False),
    on_target=st.booleans(),
    power_kw=st.none() | st.floats(0.1, 1000, allow_nan=False),
    jammer=st.booleans(),
)
report_counts = st.builds(StatusCounts, st.integers(0, 20), st.integers(0, 20), st.integers(0, 20), st.integers(0, 20))


# Timing-free: the machines these run on are shared and slow.
@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(interferers, max_size=8), interferers, st.none() | report_counts)
def test_adding_an_entry_never_lowers_a_channels_occupancy(
    existing: list[Interferer], added: Interferer, reports: StatusCounts | None
) -> None:
    before = channel_load(CHANNEL, existing, reports)
    after = channel_load(CHANNEL, [*existing, added], reports)
    assert after.load >= before.load
    assert after.score_db >= before.score_db
    assert before.clear or not after.clear  # nothing added makes a busy channel clear
    assert ranked([before, after])[0] == before or after.load == before.load


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(interferers)
def test_a_jammer_weighs_more_than_the_same_broadcast(e: Interferer) -> None:
    as_jammer = channel_load(CHANNEL, [Interferer(e.frequency_khz, e.time_share, e.on_target, e.power_kw, True)])
    as_broadcast = channel_load(CHANNEL, [Interferer(e.frequency_khz, e.time_share, e.on_target, e.power_kw, False)])
    assert as_jammer.load >= as_broadcast.load
    if as_broadcast.load > 0:
        assert as_jammer.load == pytest.approx(as_broadcast.load * occupancy.DEFAULT_PARAMETERS.jammer_factor)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.floats(0.01, 1), st.booleans(), st.none() | st.floats(1, 1000), st.booleans())
def test_nearer_longer_on_target_and_stronger_weigh_more(
    share: float, on_target: bool, power: float | None, jammer: bool
) -> None:
    def load(offset: float = 0, time_share: float = share, aimed: bool = on_target, kw: float | None = power) -> float:
        return channel_load(CHANNEL, [Interferer(CHANNEL + offset, time_share, aimed, kw, jammer)]).load

    assert load(0) > load(5) > load(10) > load(15) == 0
    assert load(-5) == load(5)
    assert load(time_share=share) >= load(time_share=share / 2)
    assert load(aimed=True) >= load(aimed=False)
    assert load(kw=(power or 100) * 2) >= load(kw=power or 100)


def test_offsets_follow_the_5_khz_raster() -> None:
    assert offset_class(6015, 6015) == offset_class(6015, 6017.5) == occupancy.CO_CHANNEL
    assert offset_class(6015, 6010) == offset_class(6015, 6022.5) == occupancy.ADJACENT
    assert offset_class(6015, 6025) == occupancy.SECOND_ADJACENT
    assert offset_class(6015, 6027.6) is None


def test_the_default_weights_are_the_documented_ones() -> None:
    """R(5 kHz) = -3 dB is half the power, R(10 kHz) = -30 dB a thousandth; 100 kW is the reference."""
    p = occupancy.DEFAULT_PARAMETERS
    assert channel_load(6000, [Interferer(6005, 1.0)]).load == pytest.approx(10 ** (p.adjacent_db / 10))
    assert channel_load(6000, [Interferer(6010, 1.0)]).load == pytest.approx(0.001)
    assert channel_load(6000, [Interferer(6000, 0.5, False, 500)]).load == pytest.approx(0.5 * 0.3 * 5)


def test_reports_add_the_lower_bound_of_their_jam_rate() -> None:
    one_of_one = channel_load(6000, [], StatusCounts(jammed=1))
    assert one_of_one.reports == pytest.approx(2.065, abs=1e-2)  # README: 1 of 1 is 20.7% to 100%
    assert not one_of_one.clear
    many = channel_load(6000, [], StatusCounts(jammed=50))
    assert many.load > one_of_one.load
    assert channel_load(6000, [], StatusCounts(clear=3, silent=2)).clear


def test_clear_channels_rank_first_then_by_load() -> None:
    busy_but_light = channel_load(6000, [Interferer(6000, 0.1, False)])
    clear_but_heavy = channel_load(6005, [Interferer(6010, 1.0, True, 500)])
    next_to_a_jammer = channel_load(6010, [Interferer(6015, 0.1, jammer=True)])
    order = ranked([busy_but_light, next_to_a_jammer, clear_but_heavy])
    assert clear_but_heavy.clear
    assert not next_to_a_jammer.clear
    assert [c.frequency_khz for c in order] == [6005, 6000, 6010]
