"""SINPO, SIO, status and jammer codes: what loggers really write, and errors that name the bad digit."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from swtracker.domain.signal import (
    JAMMER_TYPES,
    STATUSES,
    SioCode,
    check_jamming_agrees,
    parse_jammer,
    parse_sinpo,
    parse_sio,
    parse_status,
)
from swtracker.errors import ParseError


@pytest.mark.parametrize(
    ("text", "stored"),
    [
        ("34333", "34333"),
        ("23332", "23332"),  # ORNK 7470 "weak with jamming", 26 Jan 2014
        ("32443", "32443"),
        ("342x3", "342x3"),  # DX Window: x = a digit not rated
        ("342X3", "342x3"),
        (" 55555 ", "55555"),
        ("xxxxx", "xxxxx"),
    ],
)
def test_sinpo_codes_are_stored_as_given(text: str, stored: str) -> None:
    assert parse_sinpo(text) == stored


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("63333", "63333: S (signal) must be 1-5, not 6"),
        ("03333", "03333: S (signal) must be 1-5, not 0"),
        ("36333", "36333: I (interference) must be 1-5, not 6"),
        ("33933", "33933: N (noise) must be 1-5, not 9"),
        ("33303", "33303: P (propagation) must be 1-5, not 0"),
        ("3333a", "3333a: O (overall) must be 1-5 or x (not rated), not a"),
        ("3433", "3433: SINPO has 5 digits (SINPO), not 4"),
        ("343331", "343331: SINPO has 5 digits (SINPO), not 6"),
        ("34333j", "34333j: a trailing j (jamming) belongs to SIO codes, not SINPO"),
    ],
)
def test_bad_sinpo_names_the_digit(text: str, message: str) -> None:
    with pytest.raises(ParseError) as caught:
        parse_sinpo(text)
    assert caught.value.reason == message
    assert caught.value.field == "sinpo"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("343", SioCode("343", False)),
        ("343j", SioCode("343j", True)),  # BDXC: 343j = SIO 343 with jamming
        ("222J", SioCode("222j", True)),
        ("3x3", SioCode("3x3", False)),
    ],
)
def test_sio_codes_and_the_jamming_mark(text: str, code: SioCode) -> None:
    assert parse_sio(text) == code


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("643", "643: S (signal) must be 1-5, not 6"),
        ("303j", "303j: I (interference) must be 1-5, not 0"),
        ("34", "34: SIO has 3 digits (SIO), not 2"),
        ("3j4", "3j4: I (interference) must be 1-5 or x (not rated), not j"),
        ("3j43", "3j43: SIO has 3 digits (SIO), not 4"),
        ("34333", "34333: SIO has 3 digits (SIO), not 5"),
    ],
)
def test_bad_sio_names_the_digit(text: str, message: str) -> None:
    with pytest.raises(ParseError) as caught:
        parse_sio(text)
    assert caught.value.reason == message
    assert caught.value.field == "sio"


@given(st.text(max_size=8))
def test_any_text_is_a_code_or_a_parse_error(text: str) -> None:
    for parse in (parse_sinpo, parse_sio):
        with contextlib.suppress(ParseError):
            parse(text)


@given(st.lists(st.sampled_from("12345x"), min_size=5, max_size=5))
def test_every_well_formed_sinpo_is_accepted(digits: list[str]) -> None:
    assert parse_sinpo("".join(digits)) == "".join(digits)


def test_statuses_and_jammer_types() -> None:
    assert [parse_status(s.upper()) for s in STATUSES] == list(STATUSES)
    assert [parse_jammer(j) for j in JAMMER_TYPES] == list(JAMMER_TYPES)
    with pytest.raises(ParseError, match="'loud' is not a status; use clear, jammed, blocked or silent"):
        parse_status("loud")
    with pytest.raises(ParseError, match="'buzz' is not a jammer type; use noise, jet,"):
        parse_jammer("buzz")


def test_clear_contradicts_jamming() -> None:
    with pytest.raises(ParseError, match="343j: j marks jamming, which contradicts the status clear") as caught:
        check_jamming_agrees("clear", parse_sio("343j"), None)
    assert caught.value.field == "sio"
    with pytest.raises(ParseError, match="noise: a jammer contradicts the status clear") as caught:
        check_jamming_agrees("clear", None, "noise")
    assert caught.value.field == "jammer"
    check_jamming_agrees("clear", parse_sio("343"), None)
    check_jamming_agrees("silent", parse_sio("111j"), "noise")  # a jammer with nothing to jam
    check_jamming_agrees("jammed", parse_sio("343j"), "jet")
