"""HFCC rows linked to stations (issue 13, design §4). HFCC names broadcasters (KBS, USAGM), and one broadcaster
carries several stations; a row is linked to a station

1. when a curated file declares it: its HFCC broadcaster code with the language and/or the frequencies, or
2. when an EiBi row of the same season describes the same airing: frequency within 0.5 kHz, overlapping window,
   days and validity, and a compatible site (domain.crosswalk) or language. Among several such EiBi rows of
   different stations, a site match outweighs a language match; a tie links nothing.

A row linked neither way keeps its broadcaster's station. Links are worked out again after every import, so
loading or replacing the EiBi file (or a curated file) moves HFCC rows with it. Runs inside the caller's
transaction.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from sqlalchemy import Connection, select

from swtracker.domain.crosswalk import languages_compatible, sites_compatible
from swtracker.formats.records import HfccClaim
from swtracker.services.airings import SAME_AIRING_KHZ, patterns_overlap
from swtracker.store import core_tables, found_stations, links
from swtracker.store.links import LinkRow

if TYPE_CHECKING:
    from sqlmodel import Session

SITE_SCORE, LANGUAGE_SCORE = 2, 1


def _declared(row: LinkRow, claims: list[tuple[int, HfccClaim]]) -> tuple[int, str] | None:
    for station_id, claim in claims:
        if (
            row.broadcaster == claim.broadcaster
            and (not claim.language or claim.language.casefold() == row.language.casefold())
            and (not claim.frequencies or any(abs(row.frequency_khz - f) <= SAME_AIRING_KHZ for f in claim.frequencies))
        ):
            return station_id, f"declared: {claim.source}"
    return None


def _same_airing(row: LinkRow, eibi_by_khz: dict[int, list[LinkRow]]) -> tuple[int, str] | None:
    best: dict[int, tuple[int, LinkRow]] = {}
    khz = round(row.frequency_khz)
    for candidate in (c for k in (khz - 1, khz, khz + 1) for c in eibi_by_khz.get(k, ())):
        if (
            candidate.station_id is None
            or candidate.season != row.season
            or abs(candidate.frequency_khz - row.frequency_khz) > SAME_AIRING_KHZ
            or not patterns_overlap(candidate, row)
        ):
            continue
        score = SITE_SCORE * sites_compatible(row.site, candidate.country, candidate.site) + LANGUAGE_SCORE * (
            languages_compatible(row.language, candidate.language)
        )
        if score and score > best.get(candidate.station_id, (0, candidate))[0]:
            best[candidate.station_id] = (score, candidate)
    if not best:
        return None
    top = max(score for score, _ in best.values())
    winners = [(station, candidate) for station, (score, candidate) in best.items() if score == top]
    if len(winners) != 1:
        return None
    station, candidate = winners[0]
    return station, f"same airing as {candidate.source}:{candidate.line}"


def link_hfcc_rows(bind: Session | Connection) -> int:
    """Link every HFCC row that can be linked, put back the broadcaster of rows that no longer can; returns
    how many rows are linked. Stations left without rows are the caller's to delete."""
    hfcc_rows = links.rows_of_format(bind, "hfcc")
    if not hfcc_rows:
        return 0
    eibi_by_khz: dict[int, list[LinkRow]] = defaultdict(list)
    for row in links.rows_of_format(bind, "eibi"):
        eibi_by_khz[round(row.frequency_khz)].append(row)
    claims = links.declarations(bind)
    curated = set(bind.scalars(select(core_tables.station.c.id).where(core_tables.station.c.curated.is_(True))))
    index = found_stations.load_alias_index(bind)
    changes: list[tuple[int, int, str | None]] = []
    unlinked: list[LinkRow] = []  # linked before, not any more: back to their broadcaster
    linked = 0
    for row in hfcc_rows:
        if row.linked_by is None and row.station_id in curated:
            continue  # the file's own name is a curated station's alias
        target = _declared(row, claims) or _same_airing(row, eibi_by_khz)
        if target is not None:
            linked += 1
            if target != (row.station_id, row.linked_by):
                changes.append((row.id, *target))
        elif row.linked_by is not None:
            unlinked.append(row)
    owners: dict[tuple[str, str], int] = {}
    missing: list[tuple[str, str]] = []
    # In the rows' order, not a set's: the stations created get the same ids whatever the process's hash seed.
    for pair in dict.fromkeys((r.station_name, r.country) for r in unlinked):
        owner = index.resolve(*pair)
        if owner is None:
            missing.append(pair)
        else:
            owners[pair] = owner
    owners.update(found_stations.create_found_stations(bind, missing, found_stations.station_keys(bind)))
    changes.extend((r.id, owners[r.station_name, r.country], None) for r in unlinked)
    links.set_stations(bind, changes)
    return linked
