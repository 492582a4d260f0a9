"""The bookmark formats by name, for the `bookmarks` command."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TextIO

from swtracker.exports import chirp, gqrx, kiwisdr, openwebrx, sdrpp, sdrsharp
from swtracker.exports.bookmark import Bookmark

Writer = Callable[[Sequence[Bookmark], TextIO], int]

WRITERS: dict[str, Writer] = {
    "gqrx": gqrx.write,
    "sdrpp": sdrpp.write,
    "sdrsharp": sdrsharp.write,
    "kiwisdr": kiwisdr.write,
    "openwebrx": openwebrx.write,
    "chirp": chirp.write,
}
# Formats whose labels carry days and times, so a whole season can go in one file.
SEASON_FORMATS = ("kiwisdr",)
