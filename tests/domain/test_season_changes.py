"""Season changes: slots merged, compared, and whether a jammer followed a move."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from swtracker.domain.season_changes import Slot, compare_channels, compare_slots, followed, merge_slots
from swtracker.domain.windows import Window, daily_overlap, minutes_of_day, window_of_minutes

DAILY = 0b1111111


def slot(khz: float, window: str, weekdays: int = DAILY, days: str = "") -> Slot:
    return Slot(khz, Window.parse(window), weekdays, days)


def test_split_rows_and_weekday_rows_merge() -> None:
    kbs = merge_slots([slot(6015, "0350-1400"), slot(6015, "1400-2400")])
    assert kbs == [slot(6015, "0350-2400")]
    past_midnight = merge_slots([slot(5995, "0700-1100"), slot(5995, "1100-0300")])
    assert past_midnight == [slot(5995, "0700-0300")]
    shiokaze = merge_slots(
        [slot(5920, "1555-1625", 0b0110001, "156"), slot(5920, "1625-1655", 0b0110001, "156")]
        + [slot(5920, "1555-1655", 1 << d, t) for d, t in ((2, "We"), (6, "Su"))]
        + [slot(5920, "1555-1655", 0b0001010, "Tu,Th")]
    )
    assert shiokaze == [slot(5920, "1555-1655")]
    assert merge_slots([slot(6200, "1241-1241")]) == []  # never on air
    apart = merge_slots([slot(7615, "2000-2100"), slot(7615, "2200-2300"), slot(7620, "2100-2200")])
    assert len(apart) == 3


def test_free_north_korea_radio_a25_to_a26() -> None:
    old = [slot(11510, "1300-1400"), slot(7605, "2000-2100"), slot(7610, "2000-2100")]
    new = [slot(11510, "1300-1400"), slot(7615, "2000-2100")]
    changes = [
        (c.change, c.old and c.old.frequency_khz, c.new and c.new.frequency_khz) for c in compare_slots(old, new)
    ]
    assert changes == [("kept", 11510, 11510), ("moved", 7605, 7615), ("moved", 7610, 7615)]


def test_dropped_added_and_not_the_same_time_slot() -> None:
    old = [slot(5995, "0700-0300"), slot(9000, "1000-1100")]
    new = [slot(9005, "1030-1130"), slot(9010, "1045-1145"), slot(6000, "1500-1600")]
    changes = {(c.change, c.slot.frequency_khz, c.new and c.new.frequency_khz) for c in compare_slots(old, new)}
    # 1030-1130 shares half of 1000-1100: the same slot; 1045-1145 a quarter, and none is half of 0700-0300.
    assert changes == {
        ("dropped", 5995, None),
        ("moved", 9000, 9005),
        ("added", 9010, 9010),
        ("added", 6000, 6000),
    }
    assert compare_slots(old, [slot(9005, "1030-1130", 0b0100000)])[0].change != "moved"  # no common weekday


def test_many_frequencies_moving_together_pair_with_the_nearest() -> None:
    """Sound of Hope (A25 -> A26) moves all-day channels: one row per frequency, not every old x new pairing."""
    old = [slot(6215, "0000-2400"), slot(9920, "0000-2400")]
    new = [slot(9320, "0000-2400"), slot(9730, "0000-2400"), slot(11970, "0000-2400")]
    moves = [(c.old and c.old.frequency_khz, c.new and c.new.frequency_khz) for c in compare_slots(old, new)]
    assert sorted(moves) == [(6215, 9320), (9920, 9730), (9920, 11970)]


def test_jammer_channels() -> None:
    old = [slot(f, "0700-0300") for f in (5920, 5995, 6045, 6250, 6520, 6600)] + [slot(6015, "0350-2400")]
    new = [slot(6015, "0350-2400"), slot(6015, "0100-0200")]
    changes = compare_channels(old, new)
    assert {c.slot.frequency_khz for c in changes if c.change == "dropped"} == {5920, 5995, 6045, 6250, 6520, 6600}
    assert [(c.change, c.slot.frequency_khz) for c in changes if c.change != "dropped"] == [("kept", 6015)]


def test_followed() -> None:
    assert followed(True, True) == "yes"
    assert followed(True, False) == "no"
    assert followed(False, True) == "unknown"  # nothing jammed before: nothing to follow
    assert followed(None, True) == followed(True, None) == "unknown"


slots = st.builds(
    Slot,
    st.sampled_from([5900.0, 5905.0, 7615.0]),
    st.builds(Window, st.integers(0, 1439), st.integers(1, 1440)),
    st.integers(1, DAILY),
)


# Timing-free: the machines these run on are shared and slow.
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(slots, max_size=6))
def test_merging_keeps_every_minute_of_every_frequency(rows: list[Slot]) -> None:
    merged = merge_slots(rows)
    for khz in {r.frequency_khz for r in rows}:
        for day in range(7):
            before = {
                m for r in rows if r.frequency_khz == khz and r.weekdays >> day & 1 for m in minutes_of_day(r.window)
            }
            after = {
                m for r in merged if r.frequency_khz == khz and r.weekdays >> day & 1 for m in minutes_of_day(r.window)
            }
            assert after == before


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(slots, max_size=5), st.lists(slots, max_size=5))
def test_every_slot_of_both_seasons_is_accounted_for(old: list[Slot], new: list[Slot]) -> None:
    changes = compare_slots(old, new)
    assert all(any(c.old == o for c in changes) for o in old)
    assert all(any(c.new == n for c in changes) for n in new)
    assert all(c.change != "added" or c.old is None for c in changes)
    assert all(c.change != "kept" or c.old.frequency_khz == c.new.frequency_khz for c in changes if c.old and c.new)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.builds(Window, st.integers(0, 1439), st.integers(1, 1440)),
    st.builds(Window, st.integers(0, 1439), st.integers(1, 1440)),
)
def test_daily_overlap_and_windows_of_minutes(a: Window, b: Window) -> None:
    assert daily_overlap(a, b) == daily_overlap(b, a) <= min(a.duration, b.duration)
    rebuilt = window_of_minutes(minutes_of_day(a))
    if a.duration:
        assert rebuilt is not None
        assert minutes_of_day(rebuilt) == minutes_of_day(a)
    else:
        assert rebuilt is None
