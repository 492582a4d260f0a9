"""An iCalendar (RFC 5545) file of schedule entries, written with the `icalendar` package: UTC times, one VEVENT
per entry with its RRULE, an optional VALARM before each start."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, TextIO

from icalendar import Alarm, Calendar, Event

from swtracker import __version__
from swtracker.domain.recurrence import Recurrence, RecurrenceRule

PRODUCT_ID = f"-//swtracker//swtracker {__version__}//EN"


@dataclass(frozen=True)
class CalendarEvent:
    uid: str
    summary: str
    location: str
    description: str
    categories: tuple[str, ...]
    recurrence: Recurrence


def _rrule(rule: RecurrenceRule) -> dict[str, Any]:
    parts: dict[str, Any] = {"freq": rule.freq}
    if rule.bymonth:
        parts["bymonth"] = list(rule.bymonth)
    if rule.bymonthday:
        parts["bymonthday"] = list(rule.bymonthday)
    if rule.byday:
        parts["byday"] = list(rule.byday)  # a list: icalendar refuses a comma string (collective/icalendar#421)
    if rule.until is not None:
        parts["until"] = rule.until
    return parts


def _event(item: CalendarEvent, stamp: datetime, remind: timedelta | None) -> Event:
    event = Event()
    event.add("uid", item.uid)
    event.add("dtstamp", stamp)
    event.add("dtstart", item.recurrence.first.start)
    event.add("dtend", item.recurrence.first.end)
    if item.recurrence.rule is not None:
        event.add("rrule", _rrule(item.recurrence.rule))
    event.add("summary", item.summary)
    event.add("location", item.location)
    event.add("description", item.description)
    event.add("categories", list(item.categories))
    if remind is not None:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", item.summary)
        alarm.add("trigger", -remind)
        event.add_component(alarm)
    return event


def write(events: Sequence[CalendarEvent], stream: TextIO, *, stamp: datetime, remind: timedelta | None) -> int:
    """The whole VCALENDAR (CRLF lines, folded at 75 octets by the library); returns the number of events."""
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "swtracker schedule")
    for item in events:
        calendar.add_component(_event(item, stamp, remind))
    stream.write(calendar.to_ical().decode("utf-8"))
    return len(events)
