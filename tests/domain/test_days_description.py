"""Days rules for people (`describe_days`): pinned on real Days values of the real files, and checked both ways
with Hypothesis: the words name exactly the days the rule allows."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from swtracker.domain.days import ALL_WEEKDAYS, DaysRule, describe_days, parse_eibi_days, parse_hfcc_days

NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


@pytest.mark.parametrize(
    ("days", "described"),
    [
        ("", "daily"),
        ("Mo-Fr", "Mon–Fri"),  # sked-a26.csv line 116: 639;1400-1430;Mo-Fr;G;BBC;A;ME;/CYP;1;;
        ("Su", "Sun"),
        ("SaSu", "Sat, Sun"),
        ("Tu,Fr", "Tue, Fri"),
        ("We-Mo", "Wed–Mon"),  # line 363: 1134;0600-0850;We-Mo;CHN;China National Radio 1;...
        ("Su-Fr", "Sun–Fri"),  # line 203: 800;0945-1000;Su-Fr;USA;Trans World Radio;...
        ("156", "Mon, Fri, Sat"),  # line 1927: 5920;1600-1630;156;J;Shiokaze;...  (1 = Monday)
        ("135", "Mon, Wed, Fri"),
        ("1.Sa", "1st Sat"),  # line 643: 1602;0000-1800;1.Sa;FIN;Scandinavian Weekend R.;...
        ("2.Su", "2nd Sun"),
        ("Last7", "last Sun"),  # line 1405: 3900;0800-0830;Last7;NZL;NZART Official Broadc.;...
        ("5Apr", "5 Apr"),  # line 3110: 7370;0730-1000;5Apr;I;Marconi Radio Int.;...
        ("MF-15", "Mon–Fri to the 15th"),
        ("irr", "irr"),  # line 1043: 2355;0000-2400;irr;AUS;Tropical R.Program 4TRP;...
        ("Test", "Test"),  # line 4829: 9835;1600-1630;Test;VTN;Voice of Vietnam;...
        ("1WeFr", "1WeFr"),
    ],
)
def test_eibi_days(days: str, described: str) -> None:
    assert describe_days(parse_eibi_days(days)) == described


@pytest.mark.parametrize(
    ("days", "described"),
    [
        ("1234567", "daily"),  # A26all00.TXT line 8: 2485 1000 1900 ... 1234567 290326 241026 (2,833 rows)
        ("1", "Sun"),  # 1 = Sunday in HFCC
        ("7", "Sat"),
        ("23456", "Mon–Fri"),
        ("17", "Sat, Sun"),
        ("567", "Thu–Sat"),  # line 42: 3965 0000 2400 ... 567 290326 241026
        ("36", "Tue, Fri"),  # line 83: 4930 0530 0700 ... 36 220526 241026
    ],
)
def test_hfcc_days_count_from_sunday(days: str, described: str) -> None:
    assert describe_days(parse_hfcc_days(days)) == described


def test_a_stored_single_date_rule_keeps_its_date() -> None:
    """Stored entries carry `5Apr` in their validity dates, not in a month_day (store.entries.days_rule)."""
    assert describe_days(DaysRule("5Apr", ALL_WEEKDAYS, irregular=False)) == "5 Apr"


def named_days(text: str) -> set[int]:
    """The weekdays a weekday description names, `Sun–Fri` running across the end of the week."""
    found: set[int] = set()
    for part in text.split(", "):
        first, _, last = part.partition("–")
        start, end = NAMES.index(first), NAMES.index(last or first)
        found.update((start + step) % 7 for step in range((end - start) % 7 + 1))
    return found


@given(st.integers(min_value=1, max_value=ALL_WEEKDAYS - 1))
def test_a_weekday_description_names_exactly_the_rules_days(mask: int) -> None:
    text = describe_days(DaysRule("x", weekdays=mask))
    assert named_days(text) == {day for day in range(7) if mask & (1 << day)}


@given(st.sets(st.sampled_from("1234567"), min_size=1))
def test_hfcc_and_eibi_digits_describe_the_same_days_one_apart(digits: set[str]) -> None:
    """HFCC 1 = Sunday, EiBi 1 = Monday: HFCC digit d is EiBi digit d - 1 (HFCC 1 is EiBi 7)."""
    eibi = "".join(sorted(str((int(d) - 2) % 7 + 1) for d in digits))
    assert describe_days(parse_hfcc_days("".join(sorted(digits)))) == describe_days(parse_eibi_days(eibi))
