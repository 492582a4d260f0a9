"""One airing, one row: entries of several sources that describe the same broadcast are merged (design §6).

Entries are the same airing when they belong to the same station and kind, lie within SAME_AIRING_KHZ of each
other and have overlapping occurrences (or, for a schedule, overlapping windows, days and validity). Each source
contributes at most one entry to an airing, so several sites of one station within one file stay apart.

Precedence, for the airing's first source (its `source`/`line`, window and names): the curated files first
(hand-checked, every fact sourced), then EiBi (monitored, with a last-heard month), then HFCC (registrations:
plans, not observations). Fields the first source lacks are filled from the others: power and azimuth from HFCC,
language and last heard from EiBi.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from operator import itemgetter
from typing import Protocol, TypeVar

from swtracker.domain import evidence
from swtracker.domain.windows import Window, daily_overlap
from swtracker.store.entries import EntryView

SAME_AIRING_KHZ = 0.5
# Lower is earlier; formats not listed come last.
FORMAT_PRECEDENCE = {"native": 0, "eibi": 1, "hfcc": 2}

T = TypeVar("T")


def precedence(view: EntryView) -> tuple[int, str, int]:
    return (FORMAT_PRECEDENCE.get(view.source_format, len(FORMAT_PRECEDENCE)), view.source, view.entry.line)


def merge(items: Sequence[T], view_of: Callable[[T], EntryView], same: Callable[[T, T], bool]) -> list[list[T]]:
    """Group `items` into airings, each a list whose first item is its first source (by `precedence`). `same`
    says whether two items of one station, kind and channel overlap in time. The groups keep the order of
    their first items in `items`."""
    groups: list[list[T]] = []
    # A station's groups so far by frequency band (SAME_AIRING_KHZ wide), each with when it was made, its first
    # item's frequency and the sources it has: an item looks only at the groups of the bands around its own.
    bands: dict[tuple[int, str, int], list[tuple[int, float, set[str], list[T]]]] = {}
    for item in sorted(items, key=lambda i: precedence(view_of(i))):
        view = view_of(item)
        entry = view.entry
        if entry.station_id is None:
            groups.append([item])
            continue
        frequency = entry.frequency_khz
        band = int(frequency // SAME_AIRING_KHZ)
        nearby = [
            candidate
            for other in range(band - 2, band + 3)  # a margin of a band for float rounding
            for candidate in bands.get((entry.station_id, entry.kind, other), ())
        ]
        nearby.sort(key=itemgetter(0))  # the first made first, as when all of a station's groups were looked at
        for _, first_frequency, sources, group in nearby:
            if (
                abs(first_frequency - frequency) <= SAME_AIRING_KHZ
                and view.source not in sources
                and same(group[0], item)
            ):
                group.append(item)
                sources.add(view.source)
                break
        else:
            group = [item]
            bands.setdefault((entry.station_id, entry.kind, band), []).append(
                (len(groups), frequency, {view.source}, group)
            )
            groups.append(group)
    position = {id(item): index for index, item in enumerate(items)}
    groups.sort(key=lambda g: min(position[id(i)] for i in g))
    return groups


@dataclass(frozen=True)
class MergedFields:
    """What an airing says once its sources are read together."""

    language: str
    power_kw: float | None
    azimuth: int | None
    last_heard: str | None


def merged_fields(views: Iterable[EntryView]) -> MergedFields:
    views = list(views)
    by_format = sorted(views, key=lambda v: (v.source_format != "eibi", precedence(v)))
    language = views[0].entry.language if views[0].source_format != "hfcc" else ""
    language = language or next((v.entry.language for v in by_format if v.entry.language), "")
    first_power = next((v.entry.power_kw for v in views if v.entry.power_kw is not None), None)
    first_azimuth = next((v.entry.azimuth for v in views if v.entry.azimuth is not None), None)
    return MergedFields(language, first_power, first_azimuth, evidence.newest(v.entry.last_heard for v in views))


class Pattern(Protocol):
    """What decides when an entry airs (a ScheduleEntry, or a row of its columns)."""

    @property
    def start_min(self) -> int: ...
    @property
    def end_min(self) -> int: ...
    @property
    def weekdays(self) -> int: ...
    @property
    def weeks(self) -> int: ...
    @property
    def valid_from(self) -> int: ...
    @property
    def valid_to(self) -> int: ...


def patterns_overlap(a: Pattern, b: Pattern, a_last: int | None = None, b_last: int | None = None) -> bool:
    """Whether two entries can air at the same time: overlapping windows, days and validity (YYYYMMDD; `*_last`
    is a validity end cut by a station's closing day, when known)."""
    a_to = a.valid_to if a_last is None else a_last
    b_to = b.valid_to if b_last is None else b_last
    return (
        a.valid_from <= b_to
        and b.valid_from <= a_to
        and a.weekdays & b.weekdays != 0
        and a.weeks & b.weeks != 0
        and daily_overlap(Window(a.start_min, a.end_min), Window(b.start_min, b.end_min)) > 0
    )
