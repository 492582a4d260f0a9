"""Exit codes and the errors every layer raises; the CLI turns them into one line and one exit code."""

from __future__ import annotations

from enum import IntEnum

# A NUL cannot be stored (PostgreSQL text refuses it): a line, cell or value holding one is rejected, never truncated.
NUL = "\x00"
NUL_REASON = "contains a NUL byte"
# Field lengths: far beyond any real value, and a name (indexed) far below the 2,704 bytes of a PostgreSQL index
# entry even at 4 bytes a character, so a hostile value is one rejected line on every backend.
MAX_NAME_LENGTH = 200  # names, keys, codes
MAX_TEXT_LENGTH = 4000  # free text: notes, remarks


class ExitCode(IntEnum):
    OK = 0
    ERROR = 1
    USAGE = 2
    DATA = 65  # bad input data: a schedule line, a report row, a SINPO code
    NO_INPUT = 66  # a file or station that does not exist
    UNAVAILABLE = 69  # a download failed or a server is unreachable
    CANNOT_CREATE = 73  # an output file (export, rejects, backup, download cache) cannot be written
    DATABASE = 74  # the database cannot be opened or written
    TEMPFAIL = 75  # the database stayed locked past the busy timeout
    INTERRUPTED = 130


class SwtrackerError(Exception):
    """An expected failure: shown to the user as one line, never as a traceback."""

    exit_code: ExitCode = ExitCode.ERROR

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class UsageError(SwtrackerError):
    exit_code = ExitCode.USAGE


class InputError(SwtrackerError):
    """A value the user typed or a row of a file is invalid."""

    exit_code = ExitCode.DATA


class ParseError(InputError):
    """A line of an input file could not be parsed. Carries where, so messages read `file:line: field: reason`."""

    def __init__(self, reason: str, *, file: str = "", line: int | None = None, field: str = "") -> None:
        self.reason = reason
        self.file = file
        self.line = line
        self.field = field
        super().__init__(self._render())

    def _render(self) -> str:
        where = self.file
        if self.line is not None:
            where = f"{where}:{self.line}" if where else f"line {self.line}"
        what = f"{self.field}: {self.reason}" if self.field else self.reason
        return f"{where}: {what}" if where else what

    def located(self, *, file: str | None = None, line: int | None = None) -> ParseError:
        """The same error with the file and/or line filled in by a caller that knows them."""
        return ParseError(
            self.reason,
            file=self.file or (file or ""),
            line=self.line if self.line is not None else line,
            field=self.field,
        )


class NotFoundError(SwtrackerError):
    exit_code = ExitCode.NO_INPUT


class DownloadError(SwtrackerError):
    exit_code = ExitCode.UNAVAILABLE


class ListenError(SwtrackerError):
    """A service cannot listen on the address asked for (the port is taken, the address is not this host's)."""

    exit_code = ExitCode.UNAVAILABLE


class OutputError(SwtrackerError):
    """An output file cannot be written (no such directory, no permission, a full disk)."""

    exit_code = ExitCode.CANNOT_CREATE


class DatabaseError(SwtrackerError):
    exit_code = ExitCode.DATABASE


class DatabaseBusyError(SwtrackerError):
    exit_code = ExitCode.TEMPFAIL


def check_length(text: str, field: str, limit: int = MAX_NAME_LENGTH) -> str:
    """`text`, or a ParseError naming the field when it is longer than `limit` characters."""
    if len(text) > limit:
        raise ParseError(f"{len(text):,} characters, longer than the limit of {limit:,}", field=field)
    return text
