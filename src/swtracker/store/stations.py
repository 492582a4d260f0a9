"""Stations and their aliases: curated stations, look-ups and searches. Functions take a session and never commit.
The stations an import finds are store.found_stations'."""

from __future__ import annotations

import difflib
from collections import defaultdict
from collections.abc import Sequence

from sqlalchemy import and_, delete, func, or_, select, update
from sqlmodel import Session, col

from swtracker.formats.records import JAMMER, StationInfo
from swtracker.store.found_stations import alias_key
from swtracker.store.models import Report, ScheduleLabel, ScheduleLine, Station, StationAlias
from swtracker.store.types import day_number


def upsert_curated(session: Session, info: StationInfo, aliases: list[tuple[str, str]]) -> int:
    """Create or update a curated station by key and replace its aliases (name included)."""
    station = session.scalars(select(Station).where(col(Station.key) == info.key)).first()
    if station is None:
        station = Station(key=info.key, name=info.name)
        session.add(station)
    station.name, station.operator, station.country = info.name, info.operator, info.country
    station.years, station.website, station.notes, station.curated = info.years, info.website, info.notes, True
    station.closed_on = day_number(info.closed)
    session.flush()
    assert station.id is not None
    session.execute(delete(StationAlias).where(col(StationAlias.station_id) == station.id))
    # The name is an alias of its own, unscoped unless an alias scopes that same name to a country
    # (`Voice of Freedom [KOR]`: another country's "Voice of Freedom" is another station).
    scoped = {alias_key(alias) for alias, country in aliases if country}
    wanted = {} if alias_key(info.name) in scoped else {(alias_key(info.name), ""): (info.name, "")}
    for alias, country in aliases:
        wanted.setdefault((alias_key(alias), country), (alias, country))
    for (key, country), (alias, _) in wanted.items():
        session.add(StationAlias(station_id=station.id, alias=alias, alias_key=key, country=country))
    session.flush()
    _absorb_found_stations(session, station.id, list(wanted))
    return station.id


def _absorb_found_stations(session: Session, station_id: int, keys: list[tuple[str, str]]) -> None:
    """Entries and reports imported before a curated alias existed move to the curated station."""
    conditions = [
        and_(col(StationAlias.alias_key) == key, *([col(StationAlias.country) == country] if country else []))
        for key, country in keys
    ]
    found = (
        select(col(StationAlias.station_id))
        .join(Station, col(Station.id) == col(StationAlias.station_id))
        .where(col(Station.curated).is_(False), or_(*conditions))
    )
    found_ids = [i for i in session.scalars(found).all() if i != station_id]
    if not found_ids:
        return
    session.execute(
        update(ScheduleLine).where(col(ScheduleLine.station_id).in_(found_ids)).values(station_id=station_id)
    )
    session.execute(update(Report).where(col(Report.station_id).in_(found_ids)).values(station_id=station_id))
    session.execute(delete(Station).where(col(Station.id).in_(found_ids)))


def find_stations(session: Session, name: str) -> list[Station]:
    """Stations whose key, name or alias is `name` (case-insensitive)."""
    key = alias_key(name)
    by_alias = select(col(StationAlias.station_id)).where(col(StationAlias.alias_key) == key)
    query = select(Station).where(or_(col(Station.key) == name.strip().lower(), col(Station.id).in_(by_alias)))
    return list(session.scalars(query.order_by(col(Station.curated).desc(), col(Station.name))))


def similar_names(session: Session, name: str, limit: int = 3) -> list[str]:
    """Station names and aliases close to a name nobody knows, for 'did you mean': the closest one of each
    station, so that a station's name and its alias are never offered as two choices."""
    station_of: dict[str, set[int]] = defaultdict(set)
    for alias, station_id in session.execute(select(col(StationAlias.alias), col(StationAlias.station_id))):
        station_of[alias].add(station_id)
    close = difflib.get_close_matches(name, list(station_of), n=len(station_of), cutoff=0.6)
    if not close:
        lowered = alias_key(name)
        close = [alias for alias in station_of if lowered in alias_key(alias)]
    offered: list[str] = []
    seen: set[int] = set()
    for alias in close:
        if not station_of[alias] <= seen:
            offered.append(alias)
            seen |= station_of[alias]
        if len(offered) == limit:
            break
    return offered


def names_starting(session: Session, prefix: str, limit: int = 100) -> list[str]:
    """Station names and aliases that begin with `prefix` (compared as alias_key does), for shell completion."""
    pattern = alias_key(prefix).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    query = (
        select(col(StationAlias.alias))
        .where(col(StationAlias.alias_key).like(pattern, escape="\\"))
        .distinct()
        .order_by(col(StationAlias.alias))
        .limit(limit)
    )
    return list(session.scalars(query))


def search_stations(session: Session, text: str | None) -> list[Station]:
    """Stations whose name or alias contains `text` literally (all when None; % and _ are no wildcards),
    curated first."""
    query = select(Station)
    if text:
        key = alias_key(text)
        matching = select(col(StationAlias.station_id)).where(
            col(StationAlias.alias_key).contains(key, autoescape=True)
        )
        query = query.where(
            or_(func.lower(col(Station.name)).contains(key, autoescape=True), col(Station.id).in_(matching))
        )
    return list(session.scalars(query.order_by(col(Station.curated).desc(), col(Station.name))))


def with_details(session: Session, found: list[Station]) -> list[tuple[Station, list[str], int]]:
    """Each station with its aliases and its number of schedule entries."""
    ids = [s.id for s in found]
    aliases: dict[int, list[str]] = defaultdict(list)
    counts: dict[int, int] = {}
    if ids:
        for station_id, alias in session.execute(
            select(col(StationAlias.station_id), col(StationAlias.alias))
            .where(col(StationAlias.station_id).in_(ids))
            .order_by(col(StationAlias.id))
        ):
            aliases[station_id].append(alias)
        for station_id, count in session.execute(
            select(col(ScheduleLine.station_id), func.count())
            .where(col(ScheduleLine.station_id).in_(ids))
            .group_by(col(ScheduleLine.station_id))
        ):
            counts[station_id] = count
    return [(s, aliases[s.id or 0], counts.get(s.id or 0, 0)) for s in found]


def jammer_station_ids(session: Session, ids: Sequence[int]) -> set[int]:
    """The stations among `ids` that are jammers: they have schedule rows and all of them are jammer rows (the
    station table has no kind; EiBi `Noise Jammer` rows and the bundled north-korean-jammers file say it)."""
    kind = col(ScheduleLabel.kind)
    query = (
        select(col(ScheduleLine.station_id))
        .join(ScheduleLabel, col(ScheduleLabel.id) == col(ScheduleLine.label_id))
        .where(col(ScheduleLine.station_id).in_(ids))
        .group_by(col(ScheduleLine.station_id))
        .having(func.min(kind) == JAMMER, func.max(kind) == JAMMER)
    )
    return {station_id for station_id in session.scalars(query) if station_id is not None}
