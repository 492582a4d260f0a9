"""The calendar of the real schedules, expanded by recurring-ical-events over the whole A26 season, equals
swtracker's own occurrences (domain/windows.py) for every event: the curated stations' entries and a sample of
sked-a26.csv rows holding every Days form the file has."""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import UTC, datetime

from sqlalchemy import true

from swtracker.domain.windows import occurrences_between
from swtracker.exports.icalendar_file import CalendarEvent
from swtracker.services.calendar_export import calendar_events
from swtracker.services.onair import FilterOptions
from swtracker.services.setup import open_database
from swtracker.store.engine import transaction
from swtracker.store.entries import EntryFilter, EntryView, select_entries
from tests.domain.test_recurrence import expand

SEASON_START = datetime(2026, 3, 28, tzinfo=UTC)  # a day before A26, so occurrences running into it count
SEASON_END = datetime(2026, 10, 27, tzinfo=UTC)
PER_FORM = 6
_WHERE = re.compile(r"(\S+) line (\d+)$")


def days_form(days: str) -> str:
    """The shape of an EiBi Days field: `Mo-Fr` and `We-Mo` are one form, `1.Sa` and `2.Su` another."""
    return re.sub(r"[0-9]+", "9", re.sub(r"Mo|Tu|We|Th|Fr|Sa|Su", "D", days)) or "daily"


def views_by_place(url: str) -> dict[tuple[str, int], EntryView]:
    database = open_database(url)
    with transaction(database.engine, write=False) as session:
        return {(v.source, v.entry.line): v for v in select_entries(session, true(), EntryFilter())}


def by_days_form(events: list[CalendarEvent], views: dict[tuple[str, int], EntryView]) -> list[CalendarEvent]:
    """Up to PER_FORM events of each Days form, spread over the file."""
    per_form = defaultdict(list)
    for event in events:
        per_form[days_form(view_of(event, views).entry.days)].append(event)
    return [e for group in per_form.values() for e in group[:: max(1, len(group) // PER_FORM)][:PER_FORM]]


def view_of(event: CalendarEvent, views: dict[tuple[str, int], EntryView]) -> EntryView:
    match = _WHERE.search(event.description)
    assert match is not None
    return views[(match.group(1), int(match.group(2)))]


def in_season(event: CalendarEvent) -> bool:
    rule = event.recurrence.rule
    last = rule.until if rule is not None and rule.until is not None else event.recurrence.first.end
    return event.recurrence.first.start < SEASON_END and last >= SEASON_START


def assert_equal_to_oracle(events: list[CalendarEvent], views: dict[tuple[str, int], EntryView]) -> int:
    """Every event's expansion over the season equals occurrences_between for its entry; returns how many."""
    expanded = expand(events, SEASON_START, SEASON_END)
    compared = 0
    for event in events:
        view = view_of(event, views)
        expected = [
            (o.start, o.end)
            for o in occurrences_between(view.window, view.days_rule, *view.validity, SEASON_START, SEASON_END)
        ]
        assert expanded[event.uid] == expected, f"{view.source}:{view.entry.line} {view.entry.days!r}"
        compared += len(expected)
    return compared


def test_curated_stations_entries_expand_to_their_own_occurrences(bundled_db: str) -> None:
    views = views_by_place(bundled_db)
    events = [e for e in calendar_events(open_database(bundled_db), FilterOptions()).events if in_season(e)]
    assert len(events) > 150
    assert assert_equal_to_oracle(events, views) > 5_000


def test_every_days_form_of_sked_a26_expands_to_its_own_occurrences(a26_db: str) -> None:
    views = views_by_place(a26_db)
    selection = calendar_events(open_database(a26_db), FilterOptions(source="sked-a26"))
    events = by_days_form(selection.events, views)
    forms = {days_form(v.entry.days) for v in views.values() if v.source == "sked-a26" and not v.entry.irregular}
    assert {days_form(view_of(e, views).entry.days) for e in events} == forms
    assert {"daily", "D-D", "D,D", "DD", "D", "9", "9.D", "Last9", "9Apr", "9Jun"} <= forms
    assert assert_equal_to_oracle(events, views) > 2_000
    # Irregular rows are left out and counted.
    a26 = [v for v in views.values() if v.source == "sked-a26"]
    assert selection.irregular == sum(1 for v in a26 if v.entry.irregular) > 100
