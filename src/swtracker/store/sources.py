"""Sources (imported files). Functions take a session and never commit."""

from __future__ import annotations

from sqlalchemy import and_, func, select
from sqlmodel import Session, col

from swtracker.store import models  # tables defined when first used: `now` reads sources and no line or site
from swtracker.store.models import Source


def get_source(session: Session, name: str) -> Source | None:
    return session.scalars(select(Source).where(col(Source.name) == name)).first()


def list_sources(session: Session) -> list[tuple[Source, int]]:
    """Every source with its number of stored entries, counted in its range of line ids."""
    line = models.ScheduleLine
    in_range = and_(
        col(line.id).between(col(Source.first_line_id), col(Source.last_line_id)),
        col(line.source_id) == col(Source.id),
    )
    counted = select(func.count()).select_from(line).where(in_range).scalar_subquery()
    listed = session.execute(select(Source, counted).order_by(col(Source.bundled), col(Source.name)))
    return [(source, count) for source, count in listed]


def seasons_loaded(session: Session) -> list[str]:
    season = Source.__table__.c.season  # type: ignore[attr-defined]  # a Core query: no ORM set-up for `now`
    return [s for s in session.scalars(select(season).where(season.is_not(None)).distinct()) if s]
