"""Tell a schedule file's format from its first lines."""

from __future__ import annotations

import re
from collections.abc import Sequence

from swtracker.errors import InputError

EIBI, HFCC, NATIVE = "eibi", "hfcc", "native"
FORMATS = (EIBI, HFCC, NATIVE)

_EIBI_ROW = re.compile(r"[0-9]+(?:\.[0-9]+)?;[0-9]{4}-[0-9]{4};")
_HFCC_ROW = re.compile(r"\s*[0-9]{1,5} [0-9]{4} [0-9]{4} ")
_HTML = re.compile(r"\s*<(?:!doctype html|html|head|body)", re.IGNORECASE)


def detect_format(first_lines: Sequence[str], *, name: str) -> str:
    """EIBI, HFCC or NATIVE; InputError naming the file when it is none of them."""
    meaningful = [line for line in first_lines if line.strip()]
    if not meaningful:
        raise InputError(f"{name}: the file is empty")
    first = meaningful[0]
    if _HTML.match(first):
        raise InputError(f"{name}: this is an HTML page, not a schedule file")
    if first.startswith("kHz") and ";" in first:
        return EIBI
    for line in meaningful[:50]:
        stripped = line.strip()
        if stripped.startswith(('format = "swtracker-schedule', "[station]", "[[entry]]")):
            return NATIVE
        if stripped.startswith("#"):
            continue
        if _EIBI_ROW.match(line):
            return EIBI
        if _HFCC_ROW.match(line) or stripped.startswith((";FREQ", "; A", "; B")):
            return HFCC
    raise InputError(f"{name}: not an EiBi CSV, HFCC or swtracker schedule file (use --format to say which)")
