"""Evidence about a channel that `channels`, `changes` and `history` share: listener reports counted per channel
and time of day, and jammer rows sitting on a channel."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, timedelta

from swtracker.domain.frequency import SAME_CHANNEL_KHZ
from swtracker.domain.season_changes import Slot
from swtracker.domain.seasons import Season
from swtracker.domain.statistics import StatusCounts
from swtracker.domain.targets import reaches
from swtracker.domain.windows import Window, daily_overlap, minutes_of_day
from swtracker.store.entries import EntryView


class ReportBook:
    """Reports (frequency, observed_at, status) held in memory, counted per channel and daily window."""

    def __init__(self, rows: Iterable[tuple[float, datetime, str]]) -> None:
        self.rows = sorted((float(f), at.astimezone(UTC), status) for f, at, status in rows)
        self.frequencies = [f for f, _, _ in self.rows]  # sorted: a channel's reports are one slice

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
        first = bisect_left(self.frequencies, frequency_khz - SAME_CHANNEL_KHZ)
        last = bisect_right(self.frequencies, frequency_khz + SAME_CHANNEL_KHZ)
        for _, at, status in self.rows[first:last]:
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


def jammer_on(jammers: Sequence[EntryView], slot: Slot) -> bool:
    """A jammer row within ±2.5 kHz airs during some of the slot on one of its weekdays, aimed where the slot
    aims (a Turkish jammer on 11510 kHz aimed at the Middle East does not jam a broadcast into Korea)."""
    return any(
        abs(j.entry.frequency_khz - slot.frequency_khz) <= SAME_CHANNEL_KHZ
        and j.entry.weekdays & slot.weekdays
        and daily_overlap(j.window, slot.window) > 0
        and (not slot.target or reaches(j.entry.target, slot.target))
        for j in jammers
    )


def utc_midnight(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


MAX_SEASONS_PER_ENTRY = 200  # a curated entry valid 2005-2014 touches 20 seasons; nothing real touches 200


def entry_seasons(view: EntryView, source_season: str | None) -> list[Season]:
    """The seasons an entry belongs to: its file's season, or for a seasonless (curated) file every season its
    validity touches."""
    if source_season:
        return [Season.parse(source_season)]
    first, last = view.validity
    if last < first:
        return []
    seasons: list[Season] = []
    season = Season.containing(first)
    while season.start <= last and len(seasons) < MAX_SEASONS_PER_ENTRY:
        seasons.append(season)
        season = season.next()
    return seasons


def jammers_by_season(
    jammers: Sequence[EntryView], source_seasons: dict[str, str | None]
) -> dict[Season, list[EntryView]]:
    """Jammer rows per season they belong to (entry_seasons)."""
    found: dict[Season, list[EntryView]] = {}
    for view in jammers:
        for season in entry_seasons(view, source_seasons.get(view.source)):
            found.setdefault(season, []).append(view)
    return found
