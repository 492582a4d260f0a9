"""Checks shared by the tests that render views at a given terminal width."""

from __future__ import annotations

import re

from rich.cells import cell_len


def assert_fits(text: str, width: int) -> None:
    """No line wider than the terminal (counted in cells: a Korean character takes two)."""
    too_wide = [line for line in text.splitlines() if cell_len(line) > width]
    assert not too_wide, f"lines wider than {width}:\n" + "\n".join(too_wide)


def has_whole(text: str, name: str) -> bool:
    """`name` appears with its words whole and in order, though possibly wrapped over lines."""
    pattern = r"(?<!\S)" + r"\s+".join(re.escape(word) for word in name.split()) + r"(?!\S)"
    return re.search(pattern, text) is not None
