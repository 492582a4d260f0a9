"""Does an entry's target area reach a wanted one? EiBi writes ITU country or region codes (KRE, FE, As), HFCC
CIRAF zones with optional quadrants (44, 44N, 43N,44, 37-39, 48SW).

Our own interpretation, labelled as such (research/target-areas/README.md): EiBi's README defines no region →
country membership, and no CIRAF zone polygons are public, so a country's quadrants come from the nearest of
the 911 ITU CIRAF test points to its main cities (Seoul, Pyongyang, Chongjin and Sinuiju: 44NE; Busan: 45NW).
Unknown codes match only themselves; a target that cannot be decided reaches (a clear-channel search should
not call a channel clear on a guess).
"""

from __future__ import annotations

import re

QUADRANTS = ("NE", "NW", "SE", "SW")
_ALL = frozenset(QUADRANTS)
_HALVES = {"N": {"NE", "NW"}, "S": {"SE", "SW"}, "E": {"NE", "SE"}, "W": {"NW", "SW"}}
_ZONE_PART = re.compile(r"([0-9]{1,2})(?:-([0-9]{1,2}))?(NE|NW|SE|SW|N|S|E|W)?")

Quadrant = tuple[int, str]


def _zones(*numbers: int, quadrants: frozenset[str] = _ALL) -> frozenset[Quadrant]:
    return frozenset((zone, q) for zone in numbers for q in quadrants)


# ITU country -> CIRAF quadrants (approximate: nearest test points, see above).
COUNTRY_ZONES: dict[str, frozenset[Quadrant]] = {
    "KRE": _zones(44, quadrants=frozenset({"NE"})),
    "KOR": _zones(44, quadrants=frozenset({"NE"})) | _zones(45, quadrants=frozenset({"NW"})),
    "J": _zones(45),
    "CHN": _zones(42, 43, 44) | _zones(33, quadrants=frozenset({"SE"})),
    "TWN": _zones(44, quadrants=frozenset({"SE"})),
    "HKG": _zones(44, quadrants=frozenset({"SW"})),
    "MAC": _zones(44, quadrants=frozenset({"SW"})),
    "MNG": _zones(32, 33),
}

# EiBi regions -> member ITU countries (our interpretation; research/target-areas §1 suggests FE).
REGIONS: dict[str, frozenset[str]] = {
    "FE": frozenset({"CHN", "HKG", "MAC", "TWN", "MNG", "KOR", "KRE", "J"}),
    "SEA": frozenset({"INS", "MLA", "PHL", "THA", "VTN", "CBG", "LAO", "MYA", "SNG", "BRU", "TLS"}),
}
REGIONS["As"] = REGIONS["FE"] | REGIONS["SEA"]
WORLD = "Glo"


def _members(code: str) -> frozenset[str] | None:
    """The countries a code stands for; None for the whole world."""
    if code == WORLD:
        return None
    return REGIONS.get(code, frozenset({code}))


def is_ciraf(target: str) -> bool:
    return target[:1].isdigit()


def parse_ciraf(target: str) -> frozenset[Quadrant] | None:
    """`43N,44` -> quadrants; None when the text is not a CIRAF zone list."""
    found: set[Quadrant] = set()
    for part in target.replace(" ", "").split(","):
        match = _ZONE_PART.fullmatch(part)
        if not match:
            return None
        first, last, quadrant = int(match.group(1)), int(match.group(2) or match.group(1)), match.group(3)
        if not 1 <= first <= last <= 85:
            return None
        wanted = _ALL if quadrant is None else frozenset(_HALVES.get(quadrant, {quadrant}))
        found |= _zones(*range(first, last + 1), quadrants=wanted)
    return frozenset(found)


def _quadrants_of(code: str) -> frozenset[Quadrant] | None:
    """A wanted code as CIRAF quadrants; None when unknown."""
    if is_ciraf(code):
        return parse_ciraf(code)
    members = _members(code)
    if members is None or not all(m in COUNTRY_ZONES for m in members):
        return None
    return frozenset().union(*(COUNTRY_ZONES[m] for m in members))


def reaches(entry_target: str, wanted: str, *, unknown: bool = True) -> bool:
    """True when an entry aimed at `entry_target` is aimed at (part of) `wanted`; `unknown` when the entry names
    no target at all."""
    entry_target, wanted = entry_target.strip(), wanted.strip()
    if not entry_target:
        return unknown
    if entry_target == wanted:
        return True
    if is_ciraf(entry_target) or is_ciraf(wanted):
        entry_zones = parse_ciraf(entry_target) if is_ciraf(entry_target) else _quadrants_of(entry_target)
        wanted_zones = _quadrants_of(wanted)
        if entry_zones is None or wanted_zones is None:
            return True
        return bool(entry_zones & wanted_zones)
    entry_members, wanted_members = _members(entry_target), _members(wanted)
    if entry_members is None or wanted_members is None:
        return True
    return bool(entry_members & wanted_members)
