"""Each receiving program's own reading rules, restated from its source (shared/research/exports.md), so tests
read exported files the way the program will."""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from typing import Any

SDRSHARP_ORDER = [
    "IsScanned",
    "IsFavourite",
    "Name",
    "GroupName",
    "Frequency",
    "DetectorType",
    "Shift",
    "FilterBandwidth",
    "CenterFrequency",
]
GQRX_MODES = {
    m.casefold()
    for m in ("Demod Off", "Raw I/Q", "AM", "AM-Sync", "LSB", "USB", "CW-L", "CW-U", "Narrow FM", "WFM (mono)")
}


@dataclass
class GqrxFile:
    tags: dict[str, str] = field(default_factory=dict)
    bookmarks: list[tuple[int, str, str, int, list[str]]] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)


def read_gqrx(data: bytes) -> GqrxFile:
    """bookmarks.cpp Bookmarks::load(): tags (2 `;` fields) up to the first empty line, then bookmarks of exactly
    5 `;` fields, every field trimmed; other lines are "Ignoring Line"."""
    result = GqrxFile()
    lines = iter(data.decode("utf-8").split("\n"))
    for raw in lines:
        line = raw.strip()
        if not line:
            break
        if line.startswith("#"):
            continue
        parts = line.split(";")
        if len(parts) == 2:
            result.tags[parts[0].strip()] = parts[1].strip()
        else:
            result.ignored.append(line)
    for raw in lines:
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        parts = line.split(";")
        if len(parts) != 5:
            result.ignored.append(line)
            continue
        tags = [t.strip() or "Untagged" for t in parts[4].split(",")]
        result.bookmarks.append((int(parts[0].strip()), parts[1].strip(), parts[2].strip(), int(parts[3]), tags))
    return result


def read_sdrpp(data: bytes) -> dict[str, Any]:
    """frequency_manager importBookmarks(): a JSON object with a `bookmarks` object of name -> bookmark."""
    document = json.loads(data.decode("utf-8"))
    assert isinstance(document, dict)
    bookmarks = document["bookmarks"]
    assert isinstance(bookmarks, dict)
    for bookmark in bookmarks.values():
        assert set(bookmark) == {"frequency", "bandwidth", "mode"}
        assert isinstance(bookmark["frequency"], float)
        assert isinstance(bookmark["bandwidth"], float)
        assert bookmark["mode"] in range(8)
    return bookmarks


def read_sdrsharp(data: bytes) -> list[dict[str, str]]:
    """XmlSerializer of List<MemoryEntry>: each entry's elements in the class's order."""
    root = ET.fromstring(data)
    assert root.tag == "ArrayOfMemoryEntry"
    entries = []
    for element in root:
        assert element.tag == "MemoryEntry"
        assert [child.tag for child in element] == SDRSHARP_ORDER
        entries.append({child.tag: child.text or "" for child in element})
    return entries


_KIWI_DOW = re.compile(r'"[MTWFS_]{7}"')


def _kiwi_split(line: str) -> list[str]:
    """kiwi_split with KSPLIT_HANDLE_EMBEDDED_DELIMITERS: `;` inside double quotes does not split; quotes stay."""
    fields, current, quoted = [], "", False
    for character in line:
        if character == '"':
            quoted = not quoted
        if character == ";" and not quoted:
            fields.append(current)
            current = ""
        else:
            current += character
    return [*fields, current]


def _kiwi_string(raw: str) -> str:
    return raw[1:-1].replace('""', '"') if len(raw) >= 2 and raw[0] == raw[-1] == '"' else raw


def read_kiwisdr(data: bytes) -> list[list[str]]:
    """rx_server_ajax.cpp AJAX_DX CSV upload: under 2 MB, every line found by its `\\n`, 12 or 13 `;` fields
    (quotes protect the delimiter), a first-line legend starting `freq` skipped, freq a number, mode and ident not
    empty, DOW exactly 7 characters in quotes, Begin/End numbers with an optional leading `'`. Returns the fields
    with quotes taken off."""
    assert len(data) < 2 * 1024 * 1024
    assert data.endswith(b"\n")
    rows = []
    for number, line in enumerate(data.decode("utf-8").split("\n")[:-1]):
        raw = _kiwi_split(line)
        assert len(raw) in (12, 13), line
        if number == 0 and raw[0].casefold().startswith("freq"):
            continue
        float(raw[0].removeprefix("'"))
        fields = [_kiwi_string(f) for f in raw]
        assert fields[1], line
        assert fields[2], line
        assert raw[9] == "" or _KIWI_DOW.fullmatch(raw[9]), line
        for time in fields[10:12]:
            value = int(time.removeprefix("'"))
            assert 0 <= value <= 2400
            assert value % 100 < 60
        rows.append(fields)
    return rows


def read_openwebrx(data: bytes) -> dict[int, dict[str, Any]]:
    """owrx/bookmarks.py: a JSON array; bookmarks go into a dict keyed by frequency (the last one wins)."""
    document = json.loads(data.decode("utf-8"))
    assert isinstance(document, list)
    by_frequency: dict[int, dict[str, Any]] = {}
    for bookmark in document:
        assert bookmark["name"]
        assert isinstance(bookmark["frequency"], int)
        assert bookmark["modulation"]
        by_frequency[bookmark["frequency"]] = bookmark
    return by_frequency


def read_chirp(data: bytes) -> list[dict[str, str]]:
    """generic_csv.py: utf-8-sig, a header starting `Location,`, rows no shorter than the header."""
    text = data.decode("utf-8-sig")
    assert text.startswith("Location,")
    reader = csv.reader(io.StringIO(text))
    header = next(reader)
    rows = []
    for row in reader:
        assert len(row) >= len(header)
        rows.append(dict(zip(header, row, strict=False)))
    return rows


def read_gqrx_spot(chunk: str) -> tuple[float, str]:
    """dxc_options.cpp readyToRead(): a chunk containing `DX de` is split on spaces (empty parts skipped); token 3
    is the frequency in kHz and token 4, trimmed, the label."""
    assert "DX de" in chunk
    tokens = [t for t in chunk.split(" ") if t]
    return float(tokens[3]), tokens[4].strip()
