"""The JSON that `--json` prints, one shape per kind of result (design: JSON). Instants are ISO 8601 UTC with Z."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, tzinfo
from typing import TYPE_CHECKING, Any

from swtracker.cli.render import local_day, local_window
from swtracker.domain import evidence
from swtracker.domain.instants import format_instant, to_zone
from swtracker.domain.windows import format_hhmm, occurrence_on

if TYPE_CHECKING:
    from swtracker.domain.report import StoredReport
    from swtracker.services.catalog import SourceSummary, StationSchedule, StationSummary
    from swtracker.services.onair import ScheduledItem
    from swtracker.services.report_transfer import ReportImportResult
    from swtracker.store.entries import EntryView


def _entry_json(view: EntryView) -> dict[str, Any]:
    """What `now`, `next` and `schedule` all say about a schedule entry."""
    entry = view.entry
    return {
        "station": entry.station_name,
        "station_key": view.station_key,
        "kind": entry.kind,
        "frequency_khz": entry.frequency_khz,
        "start_utc": format_hhmm(entry.start_min),
        "end_utc": format_hhmm(entry.end_min),
        "days": entry.days,
        "irregular": entry.irregular,
        "language": entry.language,
        "target": entry.target,
        "site": entry.site,
        "source": view.source,
        "line": entry.line,
    }


def _sources_json(views: Iterable[EntryView]) -> list[dict[str, Any]]:
    """Every source that lists the same airing, with when it was last heard there."""
    return [{"source": v.source, "line": v.entry.line, "last_heard": v.entry.last_heard or None} for v in views]


def item_json(item: ScheduledItem, zone: tzinfo | None) -> dict[str, Any]:
    """An entry on air (`now`) or starting soon (`next`), merged over its sources, with the occurrence meant."""
    merged = item.merged
    data = _entry_json(item.view)
    data.update(
        language=merged.language,
        power_kw=merged.power_kw,
        azimuth=merged.azimuth,
        sources=_sources_json(item.views),
        last_heard=merged.last_heard,
        not_heard_for_a_year=item.not_heard_since is not None,
        occurrence_start=item.occurrence.start.isoformat(),
        occurrence_end=item.occurrence.end.isoformat(),
        jammer_on_channel=item.jammed,
    )
    if zone is not None:
        data["start_local"] = to_zone(item.occurrence.start, zone).isoformat()
        data["end_local"] = to_zone(item.occurrence.end, zone).isoformat()
    return data


def schedule_json(result: StationSchedule, zone: tzinfo | None, today: date) -> dict[str, Any]:
    entries = []
    for view in result.entries:
        first, last = view.validity
        data = _entry_json(view)
        data.update(
            valid_from=first.isoformat(),
            valid_to=last.isoformat(),
            active=view.entry.active,
            sources=_sources_json(result.sources(view)),
            last_heard=evidence.newest(v.entry.last_heard for v in result.sources(view)),
            notes=view.entry.notes,
            source_note=view.entry.source_note,
        )
        if zone is not None:
            day = local_day(view.validity, today)
            data["local"] = local_window(occurrence_on(view.window, day), zone, weekday=False)
            data["local_on"] = day.isoformat()
        entries.append(data)
    return {"stations": [station_json(s) for s in result.stations], "entries": entries}


def station_json(station: StationSummary) -> dict[str, Any]:
    return dict(station.__dict__)


def source_json(source: SourceSummary) -> dict[str, Any]:
    data = dict(source.__dict__)
    for key in ("valid_from", "valid_to", "imported_at", "fetched_at"):
        data[key] = data[key].isoformat() if data[key] is not None else None
    return data


def report_json(stored: StoredReport) -> dict[str, Any]:
    report, attribution = stored.report, stored.attribution
    return {
        "id": stored.id,
        "uid": report.uid,
        "observed_at": format_instant(report.observed_at),
        "frequency_khz": report.frequency_khz,
        "station": attribution.station_name,
        "attribution": attribution.kind,
        "candidates": list(attribution.candidates),
        "status": report.status,
        "sinpo": report.sinpo,
        "sio": report.sio,
        "jammer": report.jammer,
        "reporter": report.reporter,
        "location": report.location,
        "receiver": report.receiver,
        "notes": report.notes,
        "site": attribution.site,
        "schedule_ref": attribution.schedule_ref,
        "created_at": format_instant(stored.created_at),
    }


def report_import_json(result: ReportImportResult) -> dict[str, Any]:
    return {
        "file": result.file,
        "read": result.read,
        "imported": result.imported,
        "unchanged": result.unchanged,
        "bad": [str(error) for error in result.bad],
        "attributions": dict(result.attributions),
        "strict": result.strict,
    }
