"""Bytes to text lines for schedule files: EiBi and HFCC are cp1252/Latin-1, native files UTF-8."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator

from swtracker.errors import InputError, ParseError

_UNDECODED = re.compile("[\udc80-\udcff]")  # bytes that were not UTF-8, kept by surrogateescape
UTF8_BOM = b"\xef\xbb\xbf"


def decode_legacy_line(raw: bytes) -> str:
    """One EiBi/HFCC line: UTF-8 when it is valid UTF-8 (a re-saved file), else cp1252, else Latin-1.

    Valid UTF-8 with high bytes is almost never accidental cp1252 text, so a file converted to UTF-8 by an
    editor still reads right; cp1252 has five undefined bytes, which Latin-1 maps."""
    if raw.isascii():
        return raw.decode("ascii")
    for encoding in ("utf-8", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("latin-1")


def decoded_lines(chunks: Iterable[bytes], on_bytes: Callable[[int], None] | None = None) -> Iterator[str]:
    """EiBi/HFCC lines as text, decoded a chunk at a time (one C call instead of one per line); only the rare
    lines that are not UTF-8 go back to bytes for `decode_legacy_line`. A leading UTF-8 BOM is dropped."""
    pending, first = b"", True
    for chunk in chunks:
        if on_bytes is not None:
            on_bytes(len(chunk))
        data = pending + chunk
        if first and data:  # a file re-saved as UTF-8 by an editor may start with a byte order mark
            data, first = data.removeprefix(UTF8_BOM), False
        cut = data.rfind(b"\n") + 1
        pending = data[cut:]
        yield from _lines_of(data[:cut])
    if pending:
        yield from _lines_of(pending)


def _lines_of(data: bytes) -> Iterator[str]:
    if not data:
        return
    text = data.decode("utf-8", "surrogateescape")
    lines = text.split("\n")
    if text.endswith("\n"):
        lines.pop()
    for line in lines:
        if line.endswith("\r"):
            line = line[:-1]
        if not line.isascii() and _UNDECODED.search(line):
            line = decode_legacy_line(line.encode("utf-8", "surrogateescape"))
        yield line


def decode_utf8(data: bytes) -> str:
    """A native file: strict UTF-8 (a BOM is allowed); ParseError naming the line of the first bad byte."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ParseError(
            f"byte 0x{data[error.start]:02x} is not UTF-8 (save the file as UTF-8)", line=line, field="encoding"
        ) from None


def check_legacy_bytes(head: bytes, *, name: str) -> None:
    """Refuse, in one line, the start of a file that no EiBi/HFCC line can come from: UTF-16 text (a NUL byte
    beside most characters) or lines that end in CR alone (classic Mac OS), which would read as one line. A
    stray NUL is left to the parsers, which reject its line."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or head.count(b"\x00") > len(head) // 8:
        raise InputError(f"{name}: the file holds NUL bytes (UTF-16?); save it as UTF-8 or Windows-1252")
    if b"\r" in head and b"\n" not in head:
        raise InputError(f"{name}: lines end in CR alone (classic Mac OS); convert the line endings to LF or CRLF")
