"""SDR++ frequency manager import file (misc_modules/frequency_manager): `{"bookmarks": {name: {frequency,
bandwidth, mode}}}`. Bookmarks are keyed by name, so names are made unique; modes are the radio module's
DemodID integers."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TextIO

from swtracker.exports.bookmark import Bookmark, one_line

# enum DemodID { NFM, WFM, AM, DSB, USB, CW, LSB, RAW }; no DRM demodulator, so DRM is tuned as AM.
DEMOD_ID = {"AM": 2, "USB": 4, "CW": 5, "LSB": 6, "DRM": 2}


def unique_names(names: Sequence[str]) -> list[str]:
    """`BBC`, `BBC` -> `BBC`, `BBC #2`: keys of one JSON object must differ."""
    seen: set[str] = set()
    unique = []
    for name in names:
        candidate, number = name, 1
        while candidate in seen:
            number += 1
            candidate = f"{name} #{number}"
        seen.add(candidate)
        unique.append(candidate)
    return unique


def write(bookmarks: Sequence[Bookmark], stream: TextIO) -> int:
    names = unique_names([one_line(("JAMMER " if b.jammer else "") + b.label) for b in bookmarks])
    data = {
        "bookmarks": {
            name: {"frequency": float(b.frequency_hz), "bandwidth": float(b.bandwidth_hz), "mode": DEMOD_ID[b.mode]}
            for name, b in zip(names, bookmarks, strict=True)
        }
    }
    stream.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    return len(bookmarks)
