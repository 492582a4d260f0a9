"""KiwiSDR DX-label CSV import (rx/rx_server_ajax.cpp, AJAX_DX upload): `;`-separated, 12 fields,
`Freq kHz;Mode;Ident;Notes;Extension;Type;PB low;PB high;Offset;DOW;Begin;End`, the DOW quoted and exactly 7
characters (`"MTWTF__"`), Begin/End UTC HHMM, every line ending in a newline, the upload under 2 MB."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from swtracker.domain.windows import format_hhmm
from swtracker.errors import InputError
from swtracker.exports.bookmark import Bookmark, one_line

UPLOAD_LIMIT_BYTES = 2 * 1024 * 1024  # config.h DX_UPLOAD_MAX_SIZE; the upload must be smaller
LEGEND = 'Freq kHz;"Mode";"Ident";"Notes";"Extension";"Type";PB low;PB high;Offset;"DOW";Begin;End\n'
BROADCAST_TYPE = "T3"  # dx_config.json dx_type 3: Bcast
JAMMER_TYPE = "T4"  # dx_type 4: Utility, so jammers get their own colour and filter
DOW_LETTERS = "MTWTFSS"


def _quoted(text: str) -> str:
    """A quoted CSV string: `""` stands for `"`; `;` is dropped too, though quoting would protect it."""
    return '"' + one_line(text, ";").replace('"', '""') + '"'


def dow(weekdays: int) -> str:
    """Weekday mask (bit 0 = Monday) -> `"MTWTF__"`."""
    return '"' + "".join(letter if weekdays & (1 << i) else "_" for i, letter in enumerate(DOW_LETTERS)) + '"'


def _line(b: Bookmark) -> str:
    kind = JAMMER_TYPE if b.jammer else BROADCAST_TYPE
    notes = one_line(b.details)
    fields = (
        f"{b.frequency_khz:.2f}",
        _quoted(b.mode),
        _quoted(b.label),
        _quoted(notes),
        "",  # Extension: empty, not "" (a quoted empty string becomes "p":"")
        _quoted(kind),
        "",
        "",
        "",
        dow(b.weekdays),
        "'" + format_hhmm(b.window.start),  # the leading ' keeps spreadsheets from dropping leading zeros
        "'" + format_hhmm(b.window.end),
    )
    return ";".join(fields) + "\n"


def write(bookmarks: Sequence[Bookmark], stream: TextIO) -> int:
    text = LEGEND + "".join(_line(b) for b in bookmarks)
    size = len(text.encode("utf-8"))
    if size >= UPLOAD_LIMIT_BYTES:
        raise InputError(
            f"the KiwiSDR file would be {size / 1024 / 1024:.1f} MB and KiwiSDR takes uploads under 2 MB: "
            "narrow it with --source, --target, --freq or --station"
        )
    stream.write(text)
    return len(bookmarks)
