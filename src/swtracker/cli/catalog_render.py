"""Tables of what the database holds: stations, sources, database facts. Only cli/ uses it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from swtracker.cli.tables import Col, FittedTable
from swtracker.cli.wording import plural
from swtracker.services.catalog import SourceSummary, StationSummary


def stations_table(found: Sequence[StationSummary]) -> FittedTable:
    table = FittedTable(
        plural(len(found), "station"),
        [
            Col("Station", key=True, min_width=24),
            Col("Aliases", priority=3, fold=True, label="aka", min_width=20),
            Col("Country", short="Ctry", wrap=False, priority=1),
            Col("Years", priority=2, fold=True),
            Col("Origin", priority=4, fold=True, label=""),
            Col("Entries", justify="right", wrap=False),
        ],
    )
    for station in found:
        table.add_row(
            station.name,
            ", ".join(alias for alias in station.aliases if alias != station.name),
            station.country,
            station.years,
            "curated" if station.curated else "found in files",
            f"{station.entries:,}",
        )
    return table


def sources_table(found: Sequence[SourceSummary]) -> FittedTable:
    table = FittedTable(
        plural(len(found), "source"),
        [
            Col("Source", key=True),
            Col("Format", wrap=False, priority=3, fold=True, label=""),
            Col("Season", wrap=False),
            Col("Valid", priority=2, fold=True, min_width=12),
            Col("Entries", justify="right", wrap=False),
            Col("Rejected", short="Rej.", justify="right", wrap=False, priority=4, fold=True),
            Col("Imported (UTC)", priority=5, fold=True, label="imported"),
            Col("Today", wrap=False),
        ],
    )
    for source in found:
        valid = f"{source.valid_from or ''} → {source.valid_to or ''}" if source.valid_from or source.valid_to else ""
        imported = f"{source.imported_at:%Y-%m-%d %H:%M}"
        if source.fetched_at:
            imported += f"\nfetched {source.fetched_at:%Y-%m-%d %H:%M}"
        table.add_row(
            source.name,
            source.format,
            source.season or "",
            valid,
            f"{source.entries:,}",
            f"{source.rejected:,}",
            imported,
            ("stale" if source.stale else "current") if source.season else "–",
        )
    return table


def properties_table(title: str, properties: Mapping[str, Any]) -> FittedTable:
    """Name/value pairs, one per row (db info)."""
    table = FittedTable(title, [Col("Property", key=True, wrap=False), Col("Value", key=True)])
    for name, value in properties.items():
        table.add_row(name, "" if value is None else str(value))
    return table
