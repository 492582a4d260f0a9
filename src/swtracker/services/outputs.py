"""Writing the files users name (exports, rejects, backups, the download cache): never over a file the command
reads, never half a file.

The rule: an output path that resolves (symlinks followed) to the open SQLite database or one of its companions
(-wal, -shm, -journal), or to any file the same command reads, is refused before anything is written. Paths are
compared both by their resolved names (a companion that does not exist yet) and by device and inode (a hard link).
"""

from __future__ import annotations

import io
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, TextIO, TypeVar

from swtracker.errors import OutputError, UsageError
from swtracker.store.engine import sqlite_path

T = TypeVar("T")
SQLITE_COMPANIONS = ("-wal", "-shm", "-journal")


@dataclass(frozen=True)
class ReadFile:
    """A file the command reads, and what it is for the message: "the database", "an input file"."""

    path: Path
    role: str


def database_files(url: str) -> list[ReadFile]:
    """The SQLite database file and the companions SQLite keeps beside it; none for a server database."""
    path = sqlite_path(url)
    if path is None:
        return []
    companions = [ReadFile(Path(f"{path}{suffix}"), "a file of the database") for suffix in SQLITE_COMPANIONS]
    return [ReadFile(path, "the database"), *companions]


def inputs(*paths: Path | None) -> list[ReadFile]:
    return [ReadFile(path, "an input file") for path in paths if path is not None]


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        status = path.stat()
    except (OSError, ValueError):
        return None
    return status.st_dev, status.st_ino


def check_output(path: Path, reads: Iterable[ReadFile]) -> None:
    """UsageError naming both paths when writing `path` would overwrite a file the command reads."""
    resolved = os.path.realpath(path)
    identity = _identity(path)
    for read in reads:
        same_name = os.path.realpath(read.path) == resolved
        if same_name or (identity is not None and _identity(read.path) == identity):
            raise UsageError(
                f"{path} is {read.path} ({read.role}): refusing to write over a file this command reads; "
                "choose another output file"
            )


@contextmanager
def replaced_when_done(path: Path, reads: Iterable[ReadFile] = ()) -> Iterator[Path]:
    """A temporary path beside `path` (the file a symlink points to) for the caller to fill; it replaces `path`
    only when the block ends without error, so a failure on the way leaves an existing file as it was."""
    check_output(path, reads)
    target = Path(os.path.realpath(path))
    try:
        handle, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
        os.close(handle)
    except OSError as error:
        raise _cannot_write(path, error) from None
    temporary, replaced = Path(name), False
    try:
        yield temporary
        try:
            temporary.chmod(target.stat().st_mode if target.exists() else _new_file_mode())
            temporary.replace(target)
        except OSError as error:
            raise _cannot_write(path, error) from None
        replaced = True
    finally:
        if not replaced:
            temporary.unlink(missing_ok=True)


def write_atomically(path: Path, write: Callable[[BinaryIO], T], reads: Iterable[ReadFile] = ()) -> T:
    """Call `write` with a binary stream whose bytes become `path` once complete; returns what `write` returns.
    Something that exists and is not a regular file (/dev/stdout, a pipe) is written to directly."""
    target = Path(os.path.realpath(path))
    try:
        if target.exists() and not target.is_file():
            check_output(path, reads)
            with target.open("wb") as stream:
                return write(stream)
        with replaced_when_done(path, reads) as temporary, temporary.open("wb") as stream:
            result = write(stream)
            stream.flush()
            os.fsync(stream.fileno())
            return result
    except OSError as error:
        raise _cannot_write(path, error) from None


def write_text_atomically(path: Path, write: Callable[[TextIO], T], reads: Iterable[ReadFile] = ()) -> T:
    """`write_atomically` for text: UTF-8, line endings exactly as `write` gives them (CSV writers choose)."""

    def as_text(stream: BinaryIO) -> T:
        text = io.TextIOWrapper(stream, encoding="utf-8", newline="")
        try:
            return write(text)
        finally:
            text.flush()
            text.detach()

    return write_atomically(path, as_text, reads)


def _cannot_write(path: Path, error: OSError) -> OutputError:
    return OutputError(f"{path}: cannot write: {error.strerror or error}")


def _new_file_mode() -> int:
    """What `open(path, "w")` would give a new file: rw for all, less the umask (mkstemp makes it 0600)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask
