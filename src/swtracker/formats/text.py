"""Bytes to text lines for schedule files: EiBi and HFCC are cp1252/Latin-1, native files UTF-8."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from itertools import chain, compress
from operator import not_
from typing import BinaryIO

from swtracker.errors import InputError, ParseError

_UNDECODED = re.compile("[\udc80-\udcff]")  # bytes that were not UTF-8, kept by surrogateescape
UTF8_BOM = b"\xef\xbb\xbf"
# The longest line a reader holds: real EiBi lines are ~100 bytes, HFCC 200, report rows a few hundred; a
# longer line is read past (never held whole) and comes back as an OverlongLine, which parsers reject.
MAX_SCHEDULE_LINE = 64 * 1024
MAX_REPORT_LINE = 1024 * 1024
READ_PAST = 64 * 1024  # bytes read at a time past the cap
_HEAD = 60  # characters of an overlong line kept for messages


class OverlongLine(str):
    """Stands in for a line longer than the reader's cap: its first characters, its length in bytes."""

    length: int
    limit: int

    def __new__(cls, head: str, length: int, limit: int) -> OverlongLine:
        line = super().__new__(cls, head[:_HEAD])
        line.length, line.limit = length, limit
        return line

    def error(self, line: int, file: str = "") -> ParseError:
        return ParseError(
            f"the line is {self.length:,} bytes long, over the limit of {self.limit:,}", file=file, line=line
        )


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


def _not_utf8(line: str) -> str:
    """decode_legacy_line of a line decoded with surrogateescape that kept some bytes as surrogates: it is not
    UTF-8, so straight to cp1252 (a failed UTF-8 decode costs an exception: EiBi files have hundreds of such
    lines, a large one tens of thousands)."""
    raw = line.encode("utf-8", "surrogateescape")
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def decoded_lines(
    chunks: Iterable[bytes], on_bytes: Callable[[int], None] | None = None, *, max_line: int = MAX_SCHEDULE_LINE
) -> Iterator[str]:
    """EiBi/HFCC lines as text, decoded a chunk at a time (one C call instead of one per line); only the rare
    lines that are not UTF-8 go back to bytes for `decode_legacy_line`. A leading UTF-8 BOM is dropped. A line
    over `max_line` bytes is an OverlongLine: memory holds at most one chunk plus `max_line` bytes."""
    return chain.from_iterable(decoded_batches(chunks, on_bytes, max_line=max_line))


def decoded_batches(
    chunks: Iterable[bytes], on_bytes: Callable[[int], None] | None = None, *, max_line: int = MAX_SCHEDULE_LINE
) -> Iterator[list[str]]:
    """decoded_lines a list at a time, the lines that each chunk read ends (a million-line file then costs no
    step per line here)."""
    pending, first = b"", True
    overlong: tuple[str, int] | None = None  # (head, bytes so far) of an overlong line being read past
    for chunk in chunks:
        if on_bytes is not None:
            on_bytes(len(chunk))
        if overlong is not None:
            end = chunk.find(b"\n")
            if end < 0:
                overlong = (overlong[0], overlong[1] + len(chunk))
                continue
            yield [OverlongLine(overlong[0], overlong[1] + end, max_line)]
            overlong, chunk = None, chunk[end + 1 :]
        data = pending + chunk
        if first and data:  # a file re-saved as UTF-8 by an editor may start with a byte order mark
            data, first = data.removeprefix(UTF8_BOM), False
        cut = data.rfind(b"\n") + 1
        pending = data[cut:]
        if cut:
            yield _lines_of(data[:cut], max_line)
        if len(pending) > max_line:
            overlong, pending = (_head(pending), len(pending)), b""
    if overlong is not None:
        yield [OverlongLine(*overlong, max_line)]
    elif pending:
        yield _lines_of(pending, max_line)


def _head(raw: bytes) -> str:
    return raw[: _HEAD * 4].decode("utf-8", "replace")


def _lines_of(data: bytes, max_line: int) -> list[str]:
    text = data.decode("utf-8", "surrogateescape")
    ending = "\r\n" if text.count("\r\n") == text.count("\n") else "\n"  # a CR elsewhere in a line stays
    lines = text.split(ending)
    if text.endswith("\n"):
        lines.pop()
    if ending == "\n" or not text.endswith("\n"):
        lines = [line[:-1] if line.endswith("\r") else line for line in lines]
    # A million-line file: the whole chunk is checked at C level, line by line only when a line may be overlong.
    if max(map(len, lines)) * 4 <= max_line:
        if not text.isascii() and _UNDECODED.search(text):
            for i in compress(range(len(lines)), map(not_, map(str.isascii, lines))):
                if _UNDECODED.search(lines[i]):
                    lines[i] = _not_utf8(lines[i])
        return lines
    checked: list[str] = []
    for line in lines:
        if len(line) * 4 > max_line:  # only then can it be over max_line bytes
            raw = line.encode("utf-8", "surrogateescape")
            if len(raw) > max_line:
                checked.append(OverlongLine(_head(raw), len(raw), max_line))
                continue
        if not line.isascii() and _UNDECODED.search(line):
            line = _not_utf8(line)
        checked.append(line)
    return checked


def utf8_lines(stream: BinaryIO, *, max_line: int = MAX_REPORT_LINE) -> Iterator[str]:
    """Strict UTF-8 lines with their line endings (for csv), one at a time; a leading BOM is dropped. A line
    over `max_line` bytes is an OverlongLine; bytes that are not UTF-8 are a ParseError naming the line."""
    number = 0
    while raw := stream.readline(max_line + 1):
        number += 1
        if len(raw) > max_line and not raw.endswith(b"\n"):
            head, length = _head(raw), len(raw)
            while raw and not raw.endswith(b"\n"):
                raw = stream.readline(READ_PAST)
                length += len(raw)
            yield OverlongLine(head, length, max_line)
            continue
        if number == 1:
            raw = raw.removeprefix(UTF8_BOM)
        try:
            yield raw.decode("utf-8")
        except UnicodeDecodeError as error:
            raise ParseError(
                f"byte 0x{raw[error.start]:02x} is not UTF-8 (save the file as UTF-8)", line=number, field="encoding"
            ) from None


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
