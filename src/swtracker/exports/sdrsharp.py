"""SDR# `Frequencies.xml`: .NET XmlSerializer output of List<MemoryEntry>, whose element order matters."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO
from xml.sax.saxutils import escape

from swtracker.exports.bookmark import Bookmark, one_line

HEADER = (
    '<?xml version="1.0" encoding="utf-8"?>\n'
    '<ArrayOfMemoryEntry xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
    ' xmlns:xsd="http://www.w3.org/2001/XMLSchema">\n'
)


def _entry(b: Bookmark) -> str:
    fields = (
        ("IsScanned", "false"),
        ("IsFavourite", "false"),
        ("Name", escape(one_line(b.label))),
        ("GroupName", escape(b.group)),
        ("Frequency", str(b.frequency_hz)),
        ("DetectorType", b.mode if b.mode != "DRM" else "AM"),
        ("Shift", "0"),
        ("FilterBandwidth", str(b.bandwidth_hz)),
        ("CenterFrequency", "0"),
    )
    inner = "".join(f"    <{tag}>{value}</{tag}>\n" for tag, value in fields)
    return f"  <MemoryEntry>\n{inner}  </MemoryEntry>\n"


def write(bookmarks: Sequence[Bookmark], stream: TextIO) -> int:
    stream.write(HEADER)
    for b in bookmarks:
        stream.write(_entry(b))
    stream.write("</ArrayOfMemoryEntry>\n")
    return len(bookmarks)
