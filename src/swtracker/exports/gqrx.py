"""gqrx `bookmarks.csv` (gqrx src/qtgui/bookmarks.cpp): a tag section `name; #rrggbb` up to the first empty line,
then bookmarks `frequency Hz; name; modulation; bandwidth Hz; tags`, exactly 5 `;` fields, UTF-8."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from swtracker.exports.bookmark import JAMMER_GROUP, NEXT_GROUP, ON_AIR_GROUP, SEASON_GROUP, Bookmark, one_line

TAG_COLOURS = {ON_AIR_GROUP: "#00c000", NEXT_GROUP: "#ff8000", JAMMER_GROUP: "#ff0000", SEASON_GROUP: "#c0c0c0"}
# gqrx's own mode strings (dockrxopt.cpp); it has no DRM demodulator, so DRM is tuned as AM.
MODULATION = {"AM": "AM", "USB": "USB", "LSB": "LSB", "CW": "CW-U", "DRM": "AM"}


def write(bookmarks: Sequence[Bookmark], stream: TextIO) -> int:
    """The whole file, as gqrx itself lays it out; returns the number of bookmarks."""
    stream.write(f"{'# Tag name':<20}; {' color'}\n")
    for tag in dict.fromkeys(b.group for b in bookmarks):
        stream.write(f"{tag:<20}; {TAG_COLOURS[tag]}\n")
    stream.write("\n")
    stream.write(f"{'# Frequency':<12}; {'Name':<25}; {'Modulation':<20}; {'Bandwidth':>10}; Tags\n")
    for b in bookmarks:
        # `;` separates fields and `,` separates tags; neither may appear inside a name.
        name = one_line(b.label, ";")
        stream.write(f"{b.frequency_hz:>12}; {name:<25}; {MODULATION[b.mode]:<20}; {b.bandwidth_hz:>10}; {b.group}\n")
    return len(bookmarks)
