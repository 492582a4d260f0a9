"""OpenWebRX(+) `bookmarks.json` (owrx/bookmarks.py): a JSON array of {name, frequency Hz, modulation,
description}. OpenWebRX keys bookmarks by frequency (the last one wins), so all slots on one frequency become
one bookmark with their names merged."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any, TextIO

from swtracker.exports.bookmark import Bookmark, one_line

MODULATION = {"AM": "am", "USB": "usb", "LSB": "lsb", "CW": "cw", "DRM": "drm"}


def _jammer(b: Bookmark) -> str:
    return "JAMMER " if b.jammer else ""


def merged(bookmarks: Sequence[Bookmark]) -> list[dict[str, Any]]:
    by_frequency: dict[int, list[Bookmark]] = {}
    for b in bookmarks:
        by_frequency.setdefault(b.frequency_hz, []).append(b)
    return [
        {
            "name": " / ".join(dict.fromkeys(one_line(b.label) for b in slots)),
            "frequency": hz,
            "modulation": MODULATION[slots[0].mode],
            "description": "; ".join(
                dict.fromkeys(one_line(": ".join(filter(None, (_jammer(b) + b.label, b.details)))) for b in slots)
            ),
        }
        for hz, slots in sorted(by_frequency.items())
    ]


def write(bookmarks: Sequence[Bookmark], stream: TextIO) -> int:
    """Returns the number of bookmarks written (one per frequency)."""
    entries = merged(bookmarks)
    stream.write(json.dumps(entries, ensure_ascii=False, indent=2) + "\n")
    return len(entries)
