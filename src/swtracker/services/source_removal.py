"""Removing an imported source: its entries go, and everything that depended on them is worked out again."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, func, select
from sqlmodel import Session, col

from swtracker.errors import InputError, NotFoundError
from swtracker.services.database import Database
from swtracker.services.linking import link_hfcc_rows
from swtracker.store import found_stations, line_writes, source_records, sources
from swtracker.store.engine import transaction
from swtracker.store.models import Report, Source


@dataclass(frozen=True)
class SourceImpact:
    name: str
    entries: int
    reports_attached: int  # reports whose schedule entry came from this source


def source_impact(database: Database, name: str) -> SourceImpact:
    """What removing a source would take away (for the question `sources remove` asks)."""
    with transaction(database.engine, write=False) as session:
        return _measure(session, name)


def _measure(session: Session, name: str) -> SourceImpact:
    source = sources.get_source(session, name)
    if source is None:
        raise NotFoundError(f"source {name!r}: no such source (see swtracker sources)")
    if source.bundled:
        raise InputError(f"source {name!r} is a bundled schedule: it is loaded again with swtracker's own files")
    counted = next(count for listed, count in sources.list_sources(session) if listed.id == source.id)
    attached = session.scalar(
        select(func.count()).select_from(Report).where(col(Report.schedule_ref).like(f"{name}:%"))
    )
    return SourceImpact(name, counted, int(attached or 0))


def remove_source(database: Database, name: str) -> SourceImpact:
    """Delete a source and its entries in one transaction. Reports attached to its entries keep their station
    and attribution (and the reference to the removed entry); HFCC links and stations found only in it are
    worked out again."""
    with transaction(database.engine, write=True) as session:
        impact = _measure(session, name)
        source = sources.get_source(session, name)
        assert source is not None
        assert source.id is not None
        line_writes.delete_source_entries(session, source.id)
        source_records.replace_sites(session, source.id, [])
        session.execute(delete(Source).where(col(Source.id) == source.id))
        session.flush()
        link_hfcc_rows(session)
        found_stations.delete_unused_found_stations(session)
    return impact
