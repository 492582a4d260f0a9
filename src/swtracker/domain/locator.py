"""Maidenhead locators (`PM37`, `PM37lm`, `PM37lm12`): where a listener is, in the form radio amateurs use.

A location that has the shape of a locator (two letters, two digits, optionally two letters and two digits) is
checked and written in its usual case: field letters A-R upper case, subsquare letters a-x lower case. Any other
text (`Seoul`, `near Tokyo`) is a free-text location and kept as written.
"""

from __future__ import annotations

import re

from swtracker.errors import ParseError

_SHAPE = re.compile(r"[A-Za-z]{2}[0-9]{2}(?:[A-Za-z]{2}(?:[0-9]{2})?)?")
FIELD_LETTERS = "ABCDEFGHIJKLMNOPQR"
SUBSQUARE_LETTERS = "abcdefghijklmnopqrstuvwx"


def looks_like_locator(text: str) -> bool:
    return _SHAPE.fullmatch(text.strip()) is not None


def parse_locator(text: str) -> str:
    """A locator in its usual case; ParseError naming the letter that is out of range."""
    raw = text.strip()
    if not looks_like_locator(raw):
        raise ParseError(
            f"{raw}: a locator is two letters A-R and two digits, then optionally two letters a-x and two digits",
            field="location",
        )
    field, square, subsquare, extended = raw[:2].upper(), raw[2:4], raw[4:6].lower(), raw[6:]
    for position, letter in enumerate(field, start=1):
        if letter not in FIELD_LETTERS:
            raise ParseError(f"{raw}: field letter {position} must be A-R, not {letter}", field="location")
    for position, letter in enumerate(subsquare, start=1):
        if letter not in SUBSQUARE_LETTERS:
            raise ParseError(f"{raw}: subsquare letter {position} must be a-x, not {letter}", field="location")
    return field + square + subsquare + extended


def parse_location(text: str) -> str:
    """A validated locator when the text has a locator's shape, else the free text as written (stripped)."""
    return parse_locator(text) if looks_like_locator(text) else text.strip()
