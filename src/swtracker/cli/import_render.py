"""What `import` says about each schedule file, for stderr. Only cli/ uses it."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from swtracker.cli.wording import plural

if TYPE_CHECKING:
    from swtracker.services.imports import ScheduleImportResult

MAX_LISTED_REJECTS = 50


def rejected_lines(path: Path, result: ScheduleImportResult, *, kept_in_file: bool) -> list[str]:
    """`file:line: rejected: field: reason` for the first MAX_LISTED_REJECTS rejected lines, then how many more."""
    lines = [
        f"{path}:{rejected.error.line}: rejected: "
        f"{rejected.error.field + ': ' if rejected.error.field else ''}{rejected.error.reason}"
        for rejected in result.rejected[:MAX_LISTED_REJECTS]
    ]
    if len(result.rejected) > MAX_LISTED_REJECTS:
        more = len(result.rejected) - MAX_LISTED_REJECTS
        lines.append(
            f"... and {more:,} more rejected {'line' if more == 1 else 'lines'}"
            + ("" if kept_in_file else " (use --rejects FILE to keep them all)")
        )
    return lines


def import_summary(path: Path, result: ScheduleImportResult) -> str:
    """One line: what was read and imported, or that the file is unchanged since its last import."""
    written = f" (rejected lines written to {result.rejects_file})" if result.rejects_file else ""
    if result.unchanged:
        return (
            f"{path}: unchanged since the last import of source {result.source!r} "
            f"({plural(result.imported, 'entry')}, {plural(result.rejected_count, 'line')} rejected); "
            f"nothing to do{written}."
        )
    season = f", season {result.season}" if result.season else ""
    return (
        f"{path}: source {result.source!r} ({result.format}{season}): {plural(result.read, 'row')} read, "
        f"{result.imported:,} imported, {result.irregular:,} irregular, {len(result.rejected):,} rejected"
        + (f" (written to {result.rejects_file})" if result.rejects_file else "")
        + "."
    )
