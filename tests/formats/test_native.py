"""The native TOML schedule format: every bad input names its line and field."""

import contextlib
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from swtracker.errors import ParseError
from swtracker.formats.native import parse_alias, parse_native
from swtracker.formats.text import decode_utf8

GOOD = """\
# test schedule
format = "swtracker-schedule/1"

[station]
key = "free-north-korea-radio"
name = "Free North Korea Radio"
aliases = ["FNKR", "자유북한방송", "Noise Jammer [KRE]"]
country = "KOR"

[[entry]]
frequency = 7615
time = "2000-2100"
days = "daily"
valid_from = 2026-03-29
valid_to = 2026-10-24
language = "K"
target = "KRE"
site = "/UZB"
source = "EiBi sked-a26.csv line 3347"

[[entry]]
frequency = 12130
time = "2030-0130+1"
days = "Mo-Fr"
valid_from = 2026-06-25
valid_to = 2026-07-10
source = "EiBi sked-a26.csv line 6407"
"""


def test_good_file() -> None:
    schedule = parse_native(GOOD)
    assert schedule.station.key == "free-north-korea-radio"
    assert schedule.station.aliases == ("FNKR", "자유북한방송", "Noise Jammer [KRE]")
    first, second = schedule.rows
    assert (first.line, first.frequency_khz, first.start_min, first.end_min, first.days) == (10, 7615.0, 1200, 1260, "")
    assert (first.valid_from, first.valid_to, first.source_note) == (
        date(2026, 3, 29),
        date(2026, 10, 24),
        "EiBi sked-a26.csv line 3347",
    )
    assert (second.start_min, second.end_min, second.weekdays) == (1230, 90, 0b0011111)


def test_a_closed_station_says_its_last_day() -> None:
    assert parse_native(GOOD).station.closed is None
    closed = parse_native(GOOD.replace('country = "KOR"', 'country = "KOR"\nclosed = 2025-07-04'))
    assert closed.station.closed == date(2025, 7, 4)


def test_scoped_alias() -> None:
    assert parse_alias("Noise Jammer [KRE]") == ("Noise Jammer", "KRE")
    assert parse_alias("FNKR") == ("FNKR", "")


@pytest.mark.parametrize(
    ("old", "new", "line", "field", "reason"),
    [
        ('time = "2000-2100"', 'time = "25x0-2100"', 12, "time", "25x0"),
        ('time = "2000-2100"', 'time = "2100-2000"', 12, "time", "2100-2000+1"),
        ('time = "2030-0130+1"', 'time = "2030-2130+1"', 23, "time", "+1"),
        ('days = "Mo-Fr"', 'days = "Mo-Fx"', 24, "days", "unknown day token"),
        ('days = "Mo-Fr"', 'days = "5Apr"', 24, "days", "valid_from = valid_to"),
        ("valid_to = 2026-07-10", 'valid_to = "10 July"', 26, "valid_to", "TOML date"),
        ("valid_to = 2026-07-10", "valid_to = 2026-06-01", 26, "valid_to", "before valid_from"),
        ('site = "/UZB"', 'sight = "/UZB"', 18, "sight", "unknown field"),
        ("frequency = 7615", 'frequency = "7615"', 11, "frequency", "not a frequency"),
        ('country = "KOR"', 'country = "KOR"\nhomepage = "x"', 9, "homepage", "unknown field"),
        ('source = "EiBi sked-a26.csv line 6407"\n', "", 21, "source", "missing"),
        ('key = "free-north-korea-radio"', 'key = "Free North Korea"', 5, "key", "lowercase"),
        ('country = "KOR"', 'country = "KOR"\nclosed = "July 2025"', 9, "closed", "TOML date"),
    ],
)
def test_bad_files_name_line_and_field(old: str, new: str, line: int, field: str, reason: str) -> None:
    text = GOOD.replace(old, new)
    assert text != GOOD
    with pytest.raises(ParseError) as raised:
        parse_native(text)
    assert (raised.value.line, raised.value.field) == (line, field)
    assert reason in raised.value.reason


def test_bad_date_is_a_toml_error_with_its_line() -> None:
    with pytest.raises(ParseError) as raised:
        parse_native(GOOD.replace("valid_from = 2026-06-25", "valid_from = 2026-13-45"))
    assert raised.value.line == 25
    assert "not valid TOML" in raised.value.reason


def test_missing_format_line() -> None:
    with pytest.raises(ParseError, match="swtracker-schedule/1") as raised:
        parse_native(GOOD.replace('format = "swtracker-schedule/1"\n', ""))
    assert raised.value.field == "format"


def test_non_utf8_bytes_name_their_line() -> None:
    data = GOOD.encode("utf-8").replace("자유북한방송".encode(), b"Jayu \xff")
    with pytest.raises(ParseError) as raised:
        decode_utf8(data)
    assert (raised.value.line, raised.value.field) == (7, "encoding")


@given(st.text(max_size=300))
def test_any_text_gives_a_schedule_or_a_parse_error(text: str) -> None:
    with contextlib.suppress(ParseError):
        parse_native(text)


@given(st.integers(0, len(GOOD) - 1), st.characters())
def test_any_one_character_edit_gives_a_schedule_or_a_parse_error(position: int, char: str) -> None:
    with contextlib.suppress(ParseError):
        parse_native(GOOD[:position] + char + GOOD[position + 1 :])
