"""Opening the files users name, with one clear error for each way that fails."""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from swtracker.errors import InputError, NotFoundError, ParseError
from swtracker.formats.text import decode_utf8


def open_input(path: Path, what: str) -> BinaryIO:
    """`what` names the kind of file for the message: "schedule file", "report file"."""
    try:
        return path.open("rb")
    except FileNotFoundError:
        raise NotFoundError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory, not a {what}") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None


def read_utf8(path: Path, what: str) -> str:
    """A whole UTF-8 file; bytes that are not UTF-8 are a ParseError naming the file and line."""
    with open_input(path, what) as stream:
        data = stream.read()
    try:
        return decode_utf8(data)
    except ParseError as error:
        raise error.located(file=str(path)) from None
