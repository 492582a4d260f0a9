"""Target areas against a listener's location: CIRAF test points, EiBi sites and codes (domain.target_areas)."""

import pytest

from swtracker.domain.target_areas import ListenerArea, covers, listener_area, locator_centre


def test_locator_centres() -> None:
    assert locator_centre("PM37") == (37.5, 127.0)
    lat, lon = locator_centre("PM37lm")
    assert (round(lat, 4), round(lon, 4)) == (37.5208, 126.9583)


@pytest.mark.parametrize(
    ("location", "area"),
    [
        ("PM37", ListenerArea(44, "NE", "KOR")),  # Seoul's square (research: nearest test point 44NE 38N128E)
        ("PM38", ListenerArea(44, "NE", "KRE")),  # Pyongyang's latitude band north of the DMZ
        ("PM35", ListenerArea(45, "NW", "KOR")),  # southern Korea lies in zone 45 (test point 35N128E)
        ("PM95", ListenerArea(45, "NE", None)),  # Tokyo: no bundled site table for Japan
        ("OM89", ListenerArea(44, "NW", "CHN")),  # Beijing
    ],
)
def test_listener_areas(location: str, area: ListenerArea) -> None:
    assert listener_area(location) == area


def test_free_text_has_no_area() -> None:
    assert listener_area("Seoul") is None
    assert listener_area(None) is None


SEOUL = ListenerArea(44, "NE", "KOR")


@pytest.mark.parametrize(
    ("target", "fmt", "expected"),
    [
        ("44N", "hfcc", True),  # NE + NW
        ("44S", "hfcc", False),
        ("44E", "hfcc", True),
        ("44", "hfcc", True),
        ("42N", "hfcc", False),
        ("33,34,44,45", "hfcc", True),
        ("42-44", "hfcc", True),
        ("34SW,44N", "hfcc", True),
        ("44SW", "hfcc", False),
        ("Eu", "hfcc", None),  # not zone notation
        ("FE", "eibi", True),
        ("KOR", "eibi", True),
        ("KRE", "eibi", False),
        ("CHN", "native", False),
        ("As", "eibi", True),
        ("Glo", "eibi", True),
        ("SEA", "eibi", False),
        ("NE", "eibi", None),  # a compass direction from the transmitter
        ("", "eibi", None),
    ],
)
def test_covers(target: str, fmt: str, expected: bool | None) -> None:
    assert covers(target, fmt, SEOUL) is expected


def test_an_unknown_country_cannot_tell_eibi_codes() -> None:
    assert covers("KOR", "eibi", ListenerArea(45, "NE", None)) is None
