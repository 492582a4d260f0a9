"""Bytes to text lines for schedule files: EiBi and HFCC are cp1252/Latin-1, native files UTF-8."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from swtracker.errors import ParseError


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


def split_lines(chunks: Iterable[bytes], on_bytes: Callable[[int], None] | None = None) -> Iterator[bytes]:
    """Lines without their CRLF/LF endings from a stream of byte chunks, holding one chunk at a time."""
    pending = b""
    for chunk in chunks:
        if on_bytes is not None:
            on_bytes(len(chunk))
        lines = (pending + chunk).split(b"\n")
        pending = lines.pop()
        for line in lines:
            yield line[:-1] if line.endswith(b"\r") else line
    if pending:
        yield pending[:-1] if pending.endswith(b"\r") else pending


def decode_utf8(data: bytes) -> str:
    """A native file: strict UTF-8 (a BOM is allowed); ParseError naming the line of the first bad byte."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ParseError(
            f"byte 0x{data[error.start]:02x} is not UTF-8 (save the file as UTF-8)", line=line, field="encoding"
        ) from None
