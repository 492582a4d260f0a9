"""Rendering of `changes` and `history`: tables, JSON objects and CSV rows."""

from __future__ import annotations

from typing import Any

from rich.table import Table

from swtracker.cli import render
from swtracker.domain.frequency import format_frequency
from swtracker.domain.season_changes import Slot
from swtracker.domain.statistics import StatusCounts
from swtracker.domain.windows import format_hhmm
from swtracker.services.changes import ChangeRow, ChangesResult
from swtracker.services.history import HistoryResult, HistoryRow

CHANGE_COLUMNS = (
    "station",
    "station_key",
    "kind",
    "change",
    "frequency_khz",
    "to_frequency_khz",
    "start_utc",
    "end_utc",
    "days",
    "to_start_utc",
    "to_end_utc",
    "to_days",
    "jammer_before",
    "jammer_after",
    "followed",
    "reports_before",
    "jam_rate_before",
    "reports_after",
    "jam_rate_after",
)
HISTORY_COLUMNS = (
    "station",
    "station_key",
    "frequency_khz",
    "start_utc",
    "end_utc",
    "days",
    "seasons",
    "jammed_seasons",
    "sources",
)


def _slot_fields(slot: Slot | None, prefix: str = "") -> dict[str, Any]:
    return {
        f"{prefix}start_utc": format_hhmm(slot.window.start) if slot else None,
        f"{prefix}end_utc": format_hhmm(slot.window.end) if slot else None,
        f"{prefix}days": slot.days if slot else None,
    }


def _n(counts: StatusCounts | None) -> int | None:
    return None if counts is None else counts.n


def change_json(row: ChangeRow) -> dict[str, Any]:
    change = row.change
    slot = change.slot
    return {
        "station": row.station,
        "station_key": row.station_key,
        "kind": row.kind,
        "change": change.change,
        "frequency_khz": slot.frequency_khz,
        "to_frequency_khz": change.new.frequency_khz if change.new else None,
        **_slot_fields(slot),
        **_slot_fields(change.new, "to_"),
        "jammer_before": row.jammer_before,
        "jammer_after": row.jammer_after,
        "followed": row.followed,
        "reports_before": _n(row.reports_before),
        "jam_rate_before": row.reports_before.jam_rate if row.reports_before else None,
        "reports_after": _n(row.reports_after),
        "jam_rate_after": row.reports_after.jam_rate if row.reports_after else None,
    }


def _jammer(value: bool | None) -> str:
    return "?" if value is None else "J" if value else "–"


def _reports(counts: StatusCounts | None) -> str:
    if counts is None or not counts.n:
        return ""
    return f"{counts.jammed + counts.blocked}/{counts.n}"


def changes_table(result: ChangesResult, title: str) -> Table:
    """Station, change, old → new kHz, UTC slot; jammer before → after (J jammed, – not, ? unknown) and, for a
    move, whether it followed; jammed/total reports before → after."""
    rows = []
    for row in result.rows:
        change = row.change
        old, new = change.old, change.new
        frequencies = format_frequency(old.frequency_khz) if old else ""
        if new and (old is None or change.change == "moved"):
            to = format_frequency(new.frequency_khz)
            frequencies = f"{frequencies} → {to}" if old else f"→ {to}"
        slot = change.slot
        time = str(slot.window) + (f" {slot.days}" if slot.days else "")
        if old and new and new.window != old.window:
            time += f"\n→ {new.window}"
        jammer = ""
        if row.kind != "jammer":
            before = _jammer(row.jammer_before) + " " if old else ""
            jammer = before + (f"→ {_jammer(row.jammer_after)}" if new else "")
        if row.followed and (row.followed != "unknown" or row.jammer_before is None):
            jammer += f"\nfollowed: {row.followed}"
        reports = " → ".join(filter(None, (_reports(row.reports_before), _reports(row.reports_after))))
        station = f"JAMMER {row.station}" if row.kind == "jammer" else row.station
        rows.append((station, change.change, frequencies, time, jammer, reports))
    return render.simple_table(title, ("Station", "Change", "kHz", "UTC", "Jammer", "Reports"), rows)


def history_json(row: HistoryRow, result: HistoryResult) -> dict[str, Any]:
    return {
        "station": result.station,
        "station_key": result.station_key,
        "frequency_khz": row.slot.frequency_khz,
        **_slot_fields(row.slot),
        "seasons": [s.code for s in row.seasons],
        "jammed_seasons": [s.code for s in row.jammed],
        "sources": list(row.sources),
    }


def history_csv(row: HistoryRow, result: HistoryResult) -> dict[str, Any]:
    data = history_json(row, result)
    for key in ("seasons", "jammed_seasons", "sources"):
        data[key] = " ".join(data[key])
    return data


def history_table(result: HistoryResult, title: str) -> Table:
    """One row per frequency and time slot; the seasons it was in (consecutive ones as a range), and those
    a jammer sat on it."""
    rows = [
        (
            format_frequency(row.slot.frequency_khz),
            str(row.slot.window) + (f" {row.slot.days}" if row.slot.days else ""),
            result.season_span(row.seasons),
            result.season_span(row.jammed) or "–",
        )
        for row in result.rows
    ]
    return render.simple_table(title, ("kHz", "UTC", "Seasons", "Jammer in"), rows)
