"""Evidence about a channel that `channels`, `changes` and `history` share: listener reports counted per channel
and time of day, and jammer rows sitting on a channel."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, timedelta

from swtracker.domain.frequency import SAME_CHANNEL_KHZ
from swtracker.domain.statistics import StatusCounts
from swtracker.domain.windows import Window, daily_overlap, minutes_of_day
from swtracker.store.entries import EntryView


class ReportBook:
    """Reports (frequency, observed_at, status) held in memory, counted per channel and daily window."""

    def __init__(self, rows: Iterable[tuple[float, datetime, str]]) -> None:
        self.rows = [(float(f), at.astimezone(UTC), status) for f, at, status in rows]

    def counts(
        self,
        frequency_khz: float,
        window: Window,
        *,
        weekdays: int = 0b1111111,
        first_day: date | None = None,
        last_day: date | None = None,
    ) -> StatusCounts:
        """Reports within ±2.5 kHz of the channel observed inside the daily window (UTC time of day, on a
        matching weekday of the window's start) between the dates given (inclusive; None: any)."""
        minutes = minutes_of_day(window)
        tally = {"clear": 0, "jammed": 0, "blocked": 0, "silent": 0}
        for frequency, at, status in self.rows:
            if abs(frequency - frequency_khz) > SAME_CHANNEL_KHZ:
                continue
            minute = at.hour * 60 + at.minute
            if minute not in minutes:
                continue
            started = at.date() - timedelta(days=0 if minute >= window.start else 1)
            if not weekdays & (1 << started.weekday()):
                continue
            if (first_day and started < first_day) or (last_day and started > last_day):
                continue
            tally[status] += 1
        return StatusCounts(**tally)


def jammer_on(jammers: Sequence[EntryView], frequency_khz: float, window: Window, weekdays: int) -> bool:
    """A jammer row within ±2.5 kHz airs during some of the window on one of the weekdays."""
    return any(
        abs(j.entry.frequency_khz - frequency_khz) <= SAME_CHANNEL_KHZ
        and j.entry.weekdays & weekdays
        and daily_overlap(j.window, window) > 0
        for j in jammers
    )


def utc_midnight(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=UTC)
