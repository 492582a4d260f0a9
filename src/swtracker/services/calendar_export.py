"""The schedule entries a calendar holds: one event per entry the filters select, with its recurrence."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from swtracker.domain.recurrence import recurrence
from swtracker.exports.icalendar_file import CalendarEvent
from swtracker.formats.records import JAMMER
from swtracker.services.database import Database
from swtracker.services.onair import FilterOptions, entries_matching
from swtracker.store.entries import EntryView


@dataclass(frozen=True)
class CalendarSelection:
    events: list[CalendarEvent]
    irregular: int  # entries left out: their days are not a schedule (irr, alt, ...)
    never: int  # entries left out: no day of their validity airs (an empty window, a station closed before)


def _uid(view: EntryView, taken: set[str]) -> str:
    """Stable across runs and re-imports of the same file: made of what the entry says, not of row ids."""
    e = view.entry
    facts = "|".join(
        str(part)
        for part in (view.source, e.station_name, e.frequency_khz, e.start_min, e.end_min, e.days, e.valid_from,
                     e.valid_to, e.language, e.target, e.site, e.kind)
    )  # fmt: skip
    base = f"{view.source}-{e.frequency_khz:g}-{view.window.start:04d}-{hashlib.sha1(facts.encode()).hexdigest()[:10]}"
    uid, number = f"{base}@swtracker", 1
    while uid in taken:  # the same line twice in one file
        number += 1
        uid = f"{base}-{number}@swtracker"
    taken.add(uid)
    return uid


def _event(view: EntryView, uid: str) -> CalendarEvent | None:
    found = recurrence(view.window, view.days_rule, *view.validity)
    if found is None:
        return None
    e = view.entry
    jammer = e.kind == JAMMER
    summary = ("JAMMER " if jammer else "") + e.station_name + (f" ({e.language})" if e.language else "")
    route = " -> ".join(part for part in (e.language, e.target) if part)
    description = ". ".join(
        part
        for part in (route, f"Days: {e.days or 'daily'}", f"{view.window} UTC", f"{view.source} line {e.line}")
        if part
    )
    return CalendarEvent(
        uid=uid,
        summary=summary,
        location=f"{e.frequency_khz:g} kHz" + (f" ({e.site_name or e.site})" if e.site_name or e.site else ""),
        description=description,
        categories=("Shortwave", "Jammer" if jammer else "Broadcast"),
        recurrence=found,
    )


def calendar_events(database: Database, options: FilterOptions) -> CalendarSelection:
    views = entries_matching(database, options)
    taken: set[str] = set()
    events, irregular, never = [], 0, 0
    for view in views:
        if view.entry.irregular:
            irregular += 1
            continue
        event = _event(view, _uid(view, taken))
        if event is None:
            never += 1
        else:
            events.append(event)
    return CalendarSelection(events, irregular, never)
