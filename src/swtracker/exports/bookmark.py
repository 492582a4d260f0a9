"""What every bookmark writer gets: one schedule slot on one frequency, and the text rules shared by writers."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from swtracker.domain.days import ALL_WEEKDAYS
from swtracker.domain.windows import Window

AM_BANDWIDTH_HZ = 9000
SSB_BANDWIDTH_HZ = 2800
CW_BANDWIDTH_HZ = 500
DRM_BANDWIDTH_HZ = 10000
BANDWIDTH_HZ = {"AM": AM_BANDWIDTH_HZ, "USB": SSB_BANDWIDTH_HZ, "LSB": SSB_BANDWIDTH_HZ, "CW": CW_BANDWIDTH_HZ}
MODES = ("AM", "USB", "LSB", "CW", "DRM")

# Groups (gqrx tags, SDR# groups): what is on air at the instant, what starts later, and the jammers.
ON_AIR_GROUP = "swtracker on air"
NEXT_GROUP = "swtracker next"
JAMMER_GROUP = "swtracker jammers"
SEASON_GROUP = "swtracker season"

_CONTROL = re.compile(r"[\x00-\x1f\x7f]+")


@dataclass(frozen=True)
class Bookmark:
    station: str  # as the schedule writes it (UTF-8; Korean kept)
    frequency_khz: float
    window: Window
    mode: str = "AM"  # one of MODES
    jammer: bool = False
    on_air: bool = False  # on air at the instant asked about (else it starts later, or a season export)
    start: datetime | None = None  # the occurrence's start; None in a season export
    days: str = ""  # the Days field as written, "" daily
    weekdays: int = ALL_WEEKDAYS  # bit 0 = Monday
    language: str = ""
    target: str = ""
    site: str = ""
    source: str = ""
    jammed: bool = False  # a jammer sits on this broadcast's channel
    station_key: str | None = None  # the station it is linked to, if any: one station under two names

    @property
    def frequency_hz(self) -> int:
        return round(self.frequency_khz * 1000)

    @property
    def bandwidth_hz(self) -> int:
        return BANDWIDTH_HZ.get(self.mode, DRM_BANDWIDTH_HZ)

    @property
    def slot(self) -> str:
        """`1600-1700Z`, with the days when they are not every day (`1600-1700Z Mo-Fr`)."""
        return f"{self.window}Z" + (f" {self.days}" if self.days else "")

    @property
    def label(self) -> str:
        """The name a waterfall shows: station and UTC slot."""
        return f"{self.station} {self.slot}"

    @property
    def group(self) -> str:
        if self.jammer:
            return JAMMER_GROUP
        if self.start is None:
            return SEASON_GROUP
        return ON_AIR_GROUP if self.on_air else NEXT_GROUP

    @property
    def details(self) -> str:
        """Language -> target, site, jamming and source, for the formats with a notes field."""
        route = " -> ".join(part for part in (self.language, self.target) if part)
        jammed = "jammer on channel" if self.jammed else ""
        return ", ".join(part for part in (route, self.site, jammed, self.source) if part)


def one_line(text: str, *forbidden: str) -> str:
    """Text on one line without the characters that would split a field (`;` for gqrx): control characters and
    the forbidden ones become a space, runs of spaces one space."""
    for character in forbidden:
        text = text.replace(character, " ")
    return " ".join(_CONTROL.sub(" ", text).split())
