"""Words for titles and messages, without Rich (command modules import this at start-up)."""

from __future__ import annotations


def plural(count: int, noun: str) -> str:
    """A count for a title or message: `1 entry`, `2 entries`, `1,990 reports`."""
    if count == 1:
        return f"1 {noun}"
    plural_noun = noun[:-1] + "ies" if noun.endswith("y") and noun[-2:-1] not in "aeiou" else noun + "s"
    return f"{count:,} {plural_noun}"
