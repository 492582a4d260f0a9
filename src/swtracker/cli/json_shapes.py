"""The JSON that `--json` prints, one shape per kind of result (design: JSON). Instants are ISO 8601 UTC with Z."""

from __future__ import annotations

from datetime import date, tzinfo
from typing import TYPE_CHECKING, Any

from swtracker.cli.render import local_day, local_window
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


def item_json(item: ScheduledItem, zone: tzinfo | None) -> dict[str, Any]:
    """An entry on air (`now`) or starting soon (`next`), with the occurrence meant."""
    data = _entry_json(item.view)
    data["occurrence_start"] = item.occurrence.start.isoformat()
    data["occurrence_end"] = item.occurrence.end.isoformat()
    data["jammer_on_channel"] = item.jammed
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
