"""The JSON that `--json` prints, one shape per kind of result (design: JSON). Instants are ISO 8601 UTC with Z."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from swtracker.domain.instants import format_instant

if TYPE_CHECKING:
    from swtracker.domain.report import StoredReport
    from swtracker.services.report_transfer import ReportImportResult


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
