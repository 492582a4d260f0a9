"""Text cells that spreadsheets must not run. A spreadsheet runs a cell that starts with `=`, `+`, `-`, `@`, tab or
CR as a formula, so CSV written for one gets a `'` in front of such text (and of text that already starts with
`'`s before one of those characters); reading one `'` off again gives back exactly what was written. The report
CSV and the summary CSV both use it."""

from __future__ import annotations

import re

_FORMULA = re.compile(r"'*[=+\-@\t\r]")
_ESCAPED_FORMULA = re.compile(r"'+[=+\-@\t\r]")


def escape_formula(text: str) -> str:
    return "'" + text if _FORMULA.match(text) else text


def unescape_formula(text: str) -> str:
    return text[1:] if _ESCAPED_FORMULA.match(text) else text
