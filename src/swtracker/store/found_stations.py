"""The stations a schedule import finds: the alias index that resolves a file's (name, home country) pairs, the
stations created for pairs no alias knows, and their deletion once nothing refers to them. Functions take a
session or connection and never commit.

Plain Core statements on store.core_tables: an import (and its HFCC linking) then defines no SQLModel table and
loads neither the ORM nor pydantic, about a fifth of its start-up.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import Connection, delete, exists, insert, select

from swtracker.errors import DatabaseError
from swtracker.store.core_tables import report, schedule_line, station, station_alias

if TYPE_CHECKING:
    from sqlmodel import Session


def alias_key(name: str) -> str:
    """How names are compared: case-insensitive, spaces collapsed."""
    return " ".join(name.casefold().split())


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-") or "station"


@dataclass
class AliasIndex:
    """All aliases in memory for an import: alias key -> [(station id, country scope)]."""

    by_key: dict[str, list[tuple[int, str]]]

    def resolve(self, name: str, country: str) -> int | None:
        """The one station a file's (name, home country) refers to, or None when none or several match."""
        matches = self.by_key.get(alias_key(name), [])
        scoped = {station for station, scope in matches if scope and scope == country}
        if scoped:
            return scoped.pop() if len(scoped) == 1 else None
        unscoped = {station for station, scope in matches if not scope}
        return unscoped.pop() if len(unscoped) == 1 else None

    def add(self, station_id: int, name: str, country: str) -> None:
        self.by_key[alias_key(name)].append((station_id, country))


def load_alias_index(bind: Session | Connection) -> AliasIndex:
    index: dict[str, list[tuple[int, str]]] = defaultdict(list)
    alias = station_alias.c
    for station_id, key, country in bind.execute(select(alias.station_id, alias.alias_key, alias.country)):
        index[key].append((station_id, country))
    return AliasIndex(index)


def station_keys(bind: Session | Connection) -> set[str]:
    return set(bind.scalars(select(station.c.key)))


# Stations per INSERT and per id look-up: well under every backend's limit of bound parameters.
_BATCH = 500
# The columns of a found station that the file does not give: those of store/tables/station.py's defaults.
_FOUND_STATION = {"operator": "", "years": "", "website": "", "notes": "", "curated": False, "closed_on": None}


def _free_key(taken: set[str], wanted: str) -> str:
    key, number = wanted, 2
    while key in taken:
        key, number = f"{wanted}-{number}", number + 1
    return key


def create_found_stations(
    bind: Session | Connection, names: Sequence[tuple[str, str]], taken_keys: set[str]
) -> dict[tuple[str, str], int]:
    """Stations for the (name, home country) pairs a schedule file uses and no alias knows yet, each with its
    name as its alias; their ids by pair. A file brings hundreds of them (A26: 588), so they are inserted in
    batches of plain Core statements and their ids read back by key, not one INSERT ... RETURNING each."""
    if not names:
        return {}
    keys: dict[str, tuple[str, str]] = {}
    for name, country in names:
        key = _free_key(taken_keys, slug(f"{name} {country}"))
        taken_keys.add(key)
        keys[key] = (name, country)
    ids: dict[tuple[str, str], int] = {}
    pending = list(keys.items())
    for start in range(0, len(pending), _BATCH):
        batch = pending[start : start + _BATCH]
        bind.execute(insert(station), [{"key": k, "name": n, "country": c, **_FOUND_STATION} for k, (n, c) in batch])
        query = select(station.c.key, station.c.id).where(station.c.key.in_([k for k, _ in batch]))
        ids.update((keys[key], i) for key, i in bind.execute(query) if i is not None)
    if len(ids) != len(keys):
        raise DatabaseError(f"the database gave no id for {len(keys) - len(ids)} new stations")
    bind.execute(
        insert(station_alias),
        [
            {"station_id": ids[pair], "alias": pair[0], "alias_key": alias_key(pair[0]), "country": pair[1]}
            for pair in keys.values()
        ],
    )
    return ids


def delete_unused_found_stations(bind: Session | Connection) -> None:
    """Stations created for a file's names that no entry or report refers to any more."""
    used_by_entry = exists().where(schedule_line.c.station_id == station.c.id)
    used_by_report = exists().where(report.c.station_id == station.c.id)
    bind.execute(delete(station).where(station.c.curated.is_(False), ~used_by_entry, ~used_by_report))
