from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from swtracker.domain.days import ALL_WEEKDAYS, parse_eibi_days, parse_hfcc_days
from swtracker.errors import ParseError

MONDAY = date(2026, 6, 1)  # a Monday in A26


def weekdays_of(text: str) -> set[str]:
    rule = parse_eibi_days(text)
    names = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"]
    return {names[i] for i in range(7) if rule.weekdays & (1 << i)}


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("", {"Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"}),
        ("Mo-Fr", {"Mo", "Tu", "We", "Th", "Fr"}),
        ("SaSu", {"Sa", "Su"}),
        ("Tu,Fr", {"Tu", "Fr"}),
        ("We-Mo", {"We", "Th", "Fr", "Sa", "Su", "Mo"}),  # ranges wrap
        ("Th-Tu", {"Th", "Fr", "Sa", "Su", "Mo", "Tu"}),
        ("Su-Th", {"Su", "Mo", "Tu", "We", "Th"}),
        ("Fr-Mo", {"Fr", "Sa", "Su", "Mo"}),
        ("156", {"Mo", "Fr", "Sa"}),  # 1 = Monday
        ("247", {"Tu", "Th", "Su"}),
        ("Mo-Fr,Su", {"Mo", "Tu", "We", "Th", "Fr", "Su"}),
    ],
)
def test_eibi_weekday_forms(text: str, days: set[str]) -> None:
    rule = parse_eibi_days(text)
    assert weekdays_of(text) == days
    assert not rule.irregular


def test_first_saturday_of_the_month() -> None:
    rule = parse_eibi_days("1.Sa")
    assert rule.matches(date(2026, 6, 6))
    assert not rule.matches(date(2026, 6, 13))
    assert not rule.matches(date(2026, 6, 5))


def test_last_sunday_of_the_month() -> None:
    rule = parse_eibi_days("Last7")
    assert rule.matches(date(2026, 5, 31))
    assert rule.matches(date(2026, 6, 28))
    assert not rule.matches(date(2026, 6, 21))
    assert not rule.matches(date(2026, 6, 27))


def test_second_sunday() -> None:
    rule = parse_eibi_days("2.Su")
    assert rule.matches(date(2026, 6, 14))
    assert not rule.matches(date(2026, 6, 7))


def test_single_date_is_a_month_day_folded_into_validity_by_the_parser() -> None:
    rule = parse_eibi_days("5Apr")
    assert rule.month_day == (4, 5)
    assert rule.matches(date(2026, 4, 5))
    assert not rule.matches(date(2026, 4, 6))


def test_mon_fri_up_to_the_15th() -> None:
    rule = parse_eibi_days("MF-15")
    assert rule.matches(date(2026, 6, 15))
    assert not rule.matches(date(2026, 6, 16))
    assert not rule.matches(date(2026, 6, 13))


@pytest.mark.parametrize(
    "text",
    [
        "irr",
        "alt",
        "altFr",
        "Test",
        "Tests",
        "tent",
        "plans",
        "harm",
        "imod",
        "spur",
        "LSB",
        "USB",
        "Ram",
        "Haj",
        "irrSa",
        "Sa2",
        "1WeFr",
    ],
)
def test_non_schedule_words_are_irregular_every_day_and_keep_their_text(text: str) -> None:
    rule = parse_eibi_days(text)
    assert rule.irregular
    assert rule.raw == text
    assert rule.weekdays == ALL_WEEKDAYS
    assert all(rule.matches(MONDAY + timedelta(days=i)) for i in range(7))


@pytest.mark.parametrize("text", ["8", "1290", "Mo-", "Xy-Fr", "32Jan", "0.Sa", "6.Sa", "Last8", "30Feb", "a b"])
def test_malformed_day_fields_are_errors_naming_the_days_field(text: str) -> None:
    with pytest.raises(ParseError) as raised:
        parse_eibi_days(text, lenient_words=False)
    assert raised.value.field == "days"


def test_unknown_words_are_errors_when_not_lenient() -> None:
    with pytest.raises(ParseError, match="unknown day token"):
        parse_eibi_days("Funday", lenient_words=False)
    assert parse_eibi_days("Funday").irregular


def test_hfcc_counts_from_sunday() -> None:
    rule = parse_hfcc_days("23456")  # Mo-Fr
    assert {MONDAY + timedelta(days=i) for i in range(7) if rule.matches(MONDAY + timedelta(days=i))} == {
        MONDAY + timedelta(days=i) for i in range(5)
    }
    assert parse_hfcc_days("1").matches(date(2026, 7, 5))  # a Sunday
    assert parse_hfcc_days("7").matches(date(2026, 7, 4))  # a Saturday
    assert parse_hfcc_days("1234567").weekdays == ALL_WEEKDAYS
    with pytest.raises(ParseError, match="1 = Sunday"):
        parse_hfcc_days("12389")


def test_hfcc_and_eibi_numberings_agree_on_real_cross_checked_rows() -> None:
    # formats.md §5.4: HFCC 11560 "12345" (Su-Th) is EiBi Su-Th; HFCC "23456" is EiBi Mo-Fr.
    assert parse_hfcc_days("12345").weekdays == parse_eibi_days("Su-Th").weekdays
    assert parse_hfcc_days("23456").weekdays == parse_eibi_days("Mo-Fr").weekdays


@given(st.text(max_size=12))
def test_any_days_text_gives_a_rule_or_a_parse_error(text: str) -> None:
    try:
        rule = parse_eibi_days(text)
    except ParseError as error:
        field = error.field
    else:
        field = "days"
        assert 0 < rule.weekdays <= ALL_WEEKDAYS
    assert field == "days"


@given(st.sets(st.integers(0, 6), min_size=1))
def test_digit_form_round_trips_any_weekday_set(days: set[int]) -> None:
    text = "".join(str(d + 1) for d in sorted(days))
    rule = parse_eibi_days(text)
    assert {d for d in range(7) if rule.weekdays & (1 << d)} == days
