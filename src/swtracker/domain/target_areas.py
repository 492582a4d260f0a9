"""Does a broadcast's target area cover where a listener is? (report attribution, design §5)

Where the listener is: a Maidenhead locator's centre, then
- its CIRAF zone and quadrant: those of the nearest of the 911 ITU CIRAF test points (reference/cirafp.911;
  the test points are not zone boundaries, so near a boundary this is approximate);
- its country (ITU code): that of the nearest EiBi transmitter site of CHN, KOR, KRE, MNG or TWN
  (reference/eibi-sites-east-asia.csv) within NEAREST_SITE_KM; elsewhere the country is unknown. This stands in
  for country borders, which the project does not bundle; near the DMZ it is approximate.

What a target says:
- HFCC: CIRAF zones as HFCC writes them: `44` (all quadrants), `44N` (NE+NW), `44E` (NE+SE), `44NE`, lists
  `33,34,44` and ranges `42-44` (domain.targets.parse_ciraf).
- EiBi (and the bundled files, which use EiBi's codes): an ITU country code, or a region (domain.targets.REGIONS,
  the project's own reading: FE and SEA, As = both; `Glo` covers everything); other codes cannot be told.

`covers` answers True, False, or None for "cannot tell": attribution prefers stations whose target covers the
location, then those it cannot tell about, and only then the others.
"""

from __future__ import annotations

import csv
import io
import math
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from swtracker.domain.locator import looks_like_locator, parse_locator
from swtracker.domain.targets import REGIONS, WORLD, parse_ciraf

NEAREST_SITE_KM = 300.0
# EiBi compass targets say where the beam points from the transmitter, not an area.
_COMPASS = frozenset({"NE", "NW", "SE", "SW", "ENE", "ESE", "NNE", "NNW", "SSE", "SSW", "WNW", "WSW"})
_ITU_CODE = re.compile(r"[A-Z]{1,3}")


@dataclass(frozen=True)
class ListenerArea:
    zone: int  # CIRAF zone
    quadrant: str  # NE, NW, SE, SW; "" for zones without quadrants
    country: str | None  # ITU code, None when unknown


def _distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def _reference(name: str) -> str:
    return (resources.files("swtracker") / "reference" / name).read_text(encoding="utf-8")


@cache
def _test_points() -> list[tuple[int, str, float, float]]:
    """(zone, quadrant, lat, lon) from the Fortran layout `(a4,i2,a1,i3,a1)`: `44NE38N128E1`."""
    points = []
    for line in _reference("cirafp.911").splitlines():
        if len(line) < 11:
            continue
        lat = int(line[4:6]) * (1 if line[6] == "N" else -1)
        lon = int(line[7:10]) * (1 if line[10] == "E" else -1)
        points.append((int(line[0:2]), line[2:4].strip(), float(lat), float(lon)))
    return points


@cache
def _sites() -> list[tuple[str, float, float]]:
    rows = csv.DictReader(io.StringIO(_reference("eibi-sites-east-asia.csv")))
    return [(row["itu"], float(row["lat"]), float(row["lon"])) for row in rows if row["lat"] and row["lon"]]


def locator_centre(locator: str) -> tuple[float, float]:
    """The centre (lat, lon) of a Maidenhead locator's square or subsquare."""
    text = parse_locator(locator)
    lon = float((ord(text[0]) - ord("A")) * 20 - 180 + int(text[2]) * 2)
    lat = float((ord(text[1]) - ord("A")) * 10 - 90 + int(text[3]))
    if len(text) >= 6:
        lon += (ord(text[4]) - ord("a")) * 5 / 60 + 2.5 / 60
        lat += (ord(text[5]) - ord("a")) * 2.5 / 60 + 1.25 / 60
    else:
        lon, lat = lon + 1, lat + 0.5
    return lat, lon


def area_at(lat: float, lon: float) -> ListenerArea:
    zone, quadrant, *_ = min(_test_points(), key=lambda p: _distance_km((lat, lon), (p[2], p[3])))
    country, site_lat, site_lon = min(_sites(), key=lambda s: _distance_km((lat, lon), (s[1], s[2])))
    near = _distance_km((lat, lon), (site_lat, site_lon)) <= NEAREST_SITE_KM
    return ListenerArea(zone, quadrant, country if near else None)


@lru_cache(maxsize=4096)
def listener_area(location: str | None) -> ListenerArea | None:
    """The area of a location given as a Maidenhead locator; None for free text or no location. Cached: a bulk
    import asks for the same few locations thousands of times, and each answer is a search of 911 test points."""
    if not location or not looks_like_locator(location):
        return None
    return area_at(*locator_centre(location))


def covers(target: str, target_format: str, area: ListenerArea) -> bool | None:
    """Whether a target (HFCC CIRAF zones when `target_format` is hfcc, else EiBi codes) covers the area; None
    when the tables cannot tell. Zone notation and EiBi regions are domain.targets'."""
    target = target.strip()
    if not target:
        return None
    if target_format == "hfcc":
        zones = parse_ciraf(target)
        if zones is None:
            return None
        return any(zone == area.zone and (quadrant == area.quadrant or not area.quadrant) for zone, quadrant in zones)
    if target == WORLD:
        return True
    if area.country is None or target in _COMPASS:
        return None
    if target in REGIONS:
        return area.country in REGIONS[target]
    return target == area.country if _ITU_CODE.fullmatch(target) else None
