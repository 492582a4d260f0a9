"""Maidenhead locators are checked when a location looks like one; other text is a free-text location."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from swtracker.domain.locator import looks_like_locator, parse_location, parse_locator
from swtracker.errors import ParseError


@pytest.mark.parametrize(
    ("text", "stored"),
    [
        ("PM37", "PM37"),  # Seoul
        ("pm37", "PM37"),
        ("PM37lm", "PM37lm"),
        ("PM37LM", "PM37lm"),
        ("PM37lm12", "PM37lm12"),
        ("QN23", "QN23"),
        ("RR99xx99", "RR99xx99"),
        ("AA00aa00", "AA00aa00"),
    ],
)
def test_locators_are_written_in_their_usual_case(text: str, stored: str) -> None:
    assert parse_locator(text) == stored
    assert parse_location(text) == stored


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("PZ37", "PZ37: field letter 2 must be A-R, not Z"),
        ("SM37", "SM37: field letter 1 must be A-R, not S"),
        ("PM37yz", "PM37yz: subsquare letter 1 must be a-x, not y"),
        ("PM37ly12", "PM37ly12: subsquare letter 2 must be a-x, not y"),
    ],
)
def test_out_of_range_letters_are_named(text: str, message: str) -> None:
    with pytest.raises(ParseError) as caught:
        parse_location(text)
    assert caught.value.reason == message
    assert caught.value.field == "location"


@pytest.mark.parametrize("text", ["Seoul", "서울 마포구", "near Tokyo", "PM37 area", "PM3", "PM37l", "12PM", ""])
def test_free_text_is_kept_as_written(text: str) -> None:
    assert not looks_like_locator(text)
    assert parse_location(f"  {text} ") == text


@given(st.text(max_size=12))
def test_any_location_is_kept_or_rejected_with_a_parse_error(text: str) -> None:
    try:
        stored = parse_location(text)
    except ParseError:
        assert looks_like_locator(text)
    else:
        assert parse_location(stored) == stored
