from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from swtracker.domain.seasons import Season, last_sunday
from swtracker.errors import InputError


@pytest.mark.parametrize(
    ("year", "march", "october"),
    [
        (2018, date(2018, 3, 25), date(2018, 10, 28)),
        (2024, date(2024, 3, 31), date(2024, 10, 27)),
        (2025, date(2025, 3, 30), date(2025, 10, 26)),
        (2026, date(2026, 3, 29), date(2026, 10, 25)),
    ],
)
def test_last_sundays_match_published_season_changes(year: int, march: date, october: date) -> None:
    assert last_sunday(year, 3) == march
    assert last_sunday(year, 10) == october


def test_a26_runs_from_last_sunday_of_march_to_the_day_before_b26() -> None:
    a26 = Season.parse("A26")
    assert (a26.start, a26.end) == (date(2026, 3, 29), date(2026, 10, 24))
    b26 = Season.parse("b26")
    assert (b26.start, b26.end) == (date(2026, 10, 25), date(2027, 3, 27))
    assert a26.next() == b26
    assert b26.previous() == a26


def test_the_day_a_season_starts_belongs_to_it() -> None:
    assert Season.containing(date(2026, 10, 25)).code == "B26"
    assert Season.containing(date(2026, 10, 24)).code == "A26"
    assert Season.containing(date(2026, 3, 29)).code == "A26"
    assert Season.containing(date(2026, 3, 28)).code == "B25"
    assert Season.containing(date(2024, 6, 1)).code == "A24"
    assert not Season.parse("A24").contains(date(2024, 10, 28))


def test_b_season_dates_without_year_wrap_at_new_year() -> None:
    b25 = Season.parse("B25")
    assert b25.resolve_day_month(26, 10) == date(2025, 10, 26)
    assert b25.resolve_day_month(11, 3) == date(2026, 3, 11)
    assert Season.parse("A26").resolve_day_month(24, 12) == date(2026, 12, 24)


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("sked-a26.csv", "A26"),
        ("A26all00.TXT", "A26"),
        ("b25allx2.zip", "B25"),
        ("/x/y/sked-b26.csv", "B26"),
        ("sked-a26-excerpt.csv", "A26"),
        ("notes.csv", None),
        ("backup2026.csv", None),
    ],
)
def test_season_from_file_name(name: str, code: str | None) -> None:
    season = Season.from_filename(name)
    assert (season.code if season else None) == code


@pytest.mark.parametrize("text", ["C26", "A2026", "26", "", "A-6"])
def test_bad_season_codes_are_refused(text: str) -> None:
    with pytest.raises(InputError, match="season"):
        Season.parse(text)


@given(st.dates(min_value=date(1980, 1, 1), max_value=date(2090, 12, 31)))
def test_every_date_is_in_exactly_one_season(day: date) -> None:
    season = Season.containing(day)
    assert season.contains(day)
    assert not season.next().contains(day)
    assert not season.previous().contains(day)
    assert season.next().start == season.end.fromordinal(season.end.toordinal() + 1)
    assert season.start.weekday() == 6
