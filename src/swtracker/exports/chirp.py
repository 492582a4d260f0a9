"""CHIRP generic CSV (chirp/drivers/generic_csv.py): recognised by a `.csv` name and a `Location,` header;
frequency in MHz; Location 0-999."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from typing import TextIO

from swtracker.errors import InputError
from swtracker.exports.bookmark import Bookmark, one_line

HEADER = [
    "Location",
    "Name",
    "Frequency",
    "Duplex",
    "Offset",
    "Tone",
    "rToneFreq",
    "cToneFreq",
    "DtcsCode",
    "DtcsPolarity",
    "RxDtcsCode",
    "CrossMode",
    "Mode",
    "TStep",
    "Skip",
    "Power",
    "Comment",
    "URCALL",
    "RPT1CALL",
    "RPT2CALL",
    "DVCODE",
]
MAX_LOCATIONS = 1000
NAME_LENGTH = 16  # radios cut names further (often to 6-8 characters) when CHIRP uploads them
MODE = {"AM": "AM", "USB": "USB", "LSB": "LSB", "CW": "CW", "DRM": "AM"}


def write(bookmarks: Sequence[Bookmark], stream: TextIO) -> int:
    if len(bookmarks) > MAX_LOCATIONS:
        raise InputError(
            f"{len(bookmarks)} bookmarks, and a CHIRP file holds at most {MAX_LOCATIONS} memories: narrow the selection"
        )
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(HEADER)
    for location, b in enumerate(bookmarks):
        row = {
            "Location": str(location),
            "Name": one_line(b.station)[:NAME_LENGTH],
            "Frequency": f"{b.frequency_khz / 1000:.6f}",
            "Offset": "0.000000",
            "rToneFreq": "88.5",
            "cToneFreq": "88.5",
            "DtcsCode": "023",
            "DtcsPolarity": "NN",
            "RxDtcsCode": "023",
            "CrossMode": "Tone->Tone",
            "Mode": MODE[b.mode],
            "TStep": "5.00",
            "Comment": one_line(("JAMMER " if b.jammer else "") + b.label),
        }
        writer.writerow([row.get(column, "") for column in HEADER])
    return len(bookmarks)
