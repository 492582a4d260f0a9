"""Target areas: EiBi codes and regions, HFCC CIRAF zones, and the two mixed."""

import pytest

from swtracker.domain.targets import parse_ciraf, reaches


@pytest.mark.parametrize(
    ("entry", "wanted", "expected"),
    [
        ("KRE", "KRE", True),
        ("FE", "KRE", True),  # KBS Hanminjok's EiBi target
        ("As", "KRE", True),
        ("Glo", "KRE", True),
        ("CHN", "KRE", False),
        ("Eu", "KRE", False),
        ("KRE", "FE", True),
        ("", "KRE", True),  # unknown target: assumed to reach
        ("44N", "KRE", True),  # HFCC KBS 6015
        ("43N,44", "KRE", True),  # Shiokaze from Yamata
        ("44SW", "KRE", False),
        ("45", "KRE", False),
        ("45", "KOR", True),
        ("4,9,27,37-39", "KRE", False),
        ("48SW,53NW", "KRE", False),
        ("44", "44NE", True),
        ("KRE", "44NE", True),
        ("J", "44NE", False),
        ("44NE", "D", True),  # no zones known for Germany: cannot tell, so it reaches
    ],
)
def test_reaches(entry: str, wanted: str, expected: bool) -> None:
    assert reaches(entry, wanted) is expected


def test_ciraf_lists() -> None:
    assert parse_ciraf("44N") == frozenset({(44, "NE"), (44, "NW")})
    assert parse_ciraf("44E") == frozenset({(44, "NE"), (44, "SE")})
    assert parse_ciraf("37-38") == frozenset((z, q) for z in (37, 38) for q in ("NE", "NW", "SE", "SW"))
    assert parse_ciraf("44X") is None
    assert parse_ciraf("90") is None
