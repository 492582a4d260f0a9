"""Shell completion of option values: the fixed lists, and station names from the database. Completion runs on
every Tab, so it imports lazily and never fails: a missing or unreadable database offers nothing."""

from __future__ import annotations

from collections.abc import Callable

import typer

_NOTHING: list[str] = []


def choices(values: Callable[[], tuple[str, ...] | list[str]]) -> Callable[[str], list[str]]:
    """Complete from a fixed list, read when completing (so importing the command stays cheap)."""

    def complete(incomplete: str) -> list[str]:
        return [value for value in values() if value.lower().startswith(incomplete.lower())]

    return complete


def _groupings() -> tuple[str, ...]:
    from swtracker.services.summary import GROUPINGS

    return tuple(GROUPINGS)


def _statuses() -> tuple[str, ...]:
    from swtracker.domain.signal import STATUSES

    return tuple(STATUSES)


def _jammers() -> tuple[str, ...]:
    from swtracker.domain.signal import JAMMER_TYPES

    return tuple(JAMMER_TYPES)


def _bands() -> tuple[str, ...]:
    from swtracker.domain.frequency import BANDS

    return tuple(BANDS)


complete_by = choices(_groupings)
complete_status = choices(_statuses)
complete_jammer = choices(_jammers)
complete_band = choices(_bands)
complete_kind = choices(lambda: ("broadcast", "jammer"))


def complete_station(ctx: typer.Context, incomplete: str) -> list[str]:
    """Station names and aliases from the database the command line names (--db before or after the command,
    else SWTRACKER_DB, else the default one), only when it already exists."""
    db = ctx.params.get("db") or ctx.find_root().params.get("db")
    try:
        from swtracker.services.catalog import station_completions

        return station_completions(db, incomplete)
    except Exception:
        return _NOTHING
