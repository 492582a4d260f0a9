"""What changed between two seasons for one station: each time slot kept, moved to another frequency, dropped
or added; and whether a jammer followed a move. Pure: slots in, changes out.

A *slot* is a frequency, a daily UTC window and the weekdays it airs. Schedule files split one broadcast into
several rows (EiBi writes KBS Hanminjok's 6015 as 0350-1400 and 1400-2400 for their different last-heard marks,
and lists one row per transmitter site), so back-to-back or overlapping rows on one frequency and days are
merged into one slot first, and so are rows of one frequency and window on different weekdays (Shiokaze
changes language by weekday: `156`, `We`, `Su`, `Tu,Th` is one daily slot). Two slots of the two seasons are
*the same time slot* when they share a weekday and at least half of the longer window (a one-hour
programme inside a twenty-hour one is not the same slot).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from swtracker.domain.days import weekdays_text
from swtracker.domain.windows import Window, daily_overlap, minutes_of_day, window_of_minutes

SAME_FREQUENCY_KHZ = 0.5  # one frequency written as 7615 and 7615.0 (or 13760.4 off-channel) in two files

ChangeKind = Literal["kept", "moved", "dropped", "added"]
Followed = Literal["yes", "no", "unknown"]


@dataclass(frozen=True)
class Slot:
    frequency_khz: float
    window: Window
    weekdays: int  # bit 0 = Monday
    days: str = ""  # as the file writes it, for display
    target: str = ""  # where it aims (EiBi code or CIRAF zones), for the jammers that matter to it


def _same_frequency(a: float, b: float) -> bool:
    return abs(a - b) <= SAME_FREQUENCY_KHZ


def merge_slots(slots: Iterable[Slot]) -> list[Slot]:
    """Rows of one frequency and weekdays whose windows touch or overlap as one slot, then slots of one frequency
    and window as one with their weekdays together; sorted."""
    return _merge_weekdays(_merge_windows(slots))


def _merge_weekdays(slots: list[Slot]) -> list[Slot]:
    merged: list[Slot] = []
    for slot in slots:
        twin = next(
            (
                i
                for i, m in enumerate(merged)
                if m.window == slot.window and _same_frequency(m.frequency_khz, slot.frequency_khz)
            ),
            None,
        )
        if twin is None:
            merged.append(slot)
        elif merged[twin].weekdays | slot.weekdays != merged[twin].weekdays:
            weekdays = merged[twin].weekdays | slot.weekdays
            merged[twin] = Slot(slot.frequency_khz, slot.window, weekdays, weekdays_text(weekdays), slot.target)
    return sorted(merged, key=lambda s: (s.window.start, s.frequency_khz, s.window.end))


def _merge_windows(slots: Iterable[Slot]) -> list[Slot]:
    groups: dict[tuple[float, int], list[Slot]] = {}
    for slot in slots:
        if slot.window.duration == 0:  # `1241-1241`: never on air
            continue
        key = next(
            (k for k in groups if k[1] == slot.weekdays and _same_frequency(k[0], slot.frequency_khz)),
            (slot.frequency_khz, slot.weekdays),
        )
        groups.setdefault(key, []).append(slot)
    merged: list[Slot] = []
    for group in groups.values():
        runs: list[tuple[frozenset[int], Slot]] = []
        for slot in sorted(group, key=lambda s: s.window.start):
            minutes = minutes_of_day(slot.window)
            touching = [r for r in runs if _touch(r[0], minutes)]
            for run in touching:
                minutes |= run[0]
            runs = [r for r in runs if r not in touching] + [(minutes, touching[0][1] if touching else slot)]
        for minutes, first in runs:
            window = window_of_minutes(minutes)
            merged.append(
                Slot(first.frequency_khz, window, first.weekdays, first.days, first.target) if window else first
            )
    return merged


def _touch(a: frozenset[int], b: frozenset[int]) -> bool:
    return bool(a & b) or any((m + 1) % 1440 in b or (m - 1) % 1440 in b for m in a)


def same_time_slot(a: Slot, b: Slot) -> bool:
    if not a.weekdays & b.weekdays:
        return False
    longer = max(a.window.duration, b.window.duration)
    return longer > 0 and 2 * daily_overlap(a.window, b.window) >= longer


@dataclass(frozen=True)
class Change:
    change: ChangeKind
    old: Slot | None
    new: Slot | None

    @property
    def slot(self) -> Slot:
        """The slot the change is about: the old one, or the new one for an addition."""
        slot = self.old or self.new
        assert slot is not None
        return slot


def compare_slots(old: Sequence[Slot], new: Sequence[Slot]) -> list[Change]:
    """One station's slots of two seasons compared (both already merged). An old slot whose frequency is still
    used in the same time slot is kept; otherwise, when frequencies the station did not use before appeared in
    that time slot, it moved (to the nearest of them; 7605 and 7610 both moved to 7615); with none, it was
    dropped. New slots nothing moved to were added."""
    kept_new: set[int] = set()
    changes: list[Change] = []
    unmatched_old: list[Slot] = []
    for slot in old:
        same = next(
            (
                i
                for i, n in enumerate(new)
                if _same_frequency(n.frequency_khz, slot.frequency_khz) and same_time_slot(slot, n)
            ),
            None,
        )
        if same is None:
            unmatched_old.append(slot)
            continue
        kept_new.add(same)
        changes.append(Change("kept", slot, new[same]))
    old_frequencies = [s.frequency_khz for s in old]
    candidates = {
        o: [
            i
            for i, n in enumerate(new)
            if i not in kept_new
            and same_time_slot(slot, n)
            and not any(_same_frequency(n.frequency_khz, f) for f in old_frequencies)
        ]
        for o, slot in enumerate(unmatched_old)
    }
    pairs = _nearest_pairs(unmatched_old, new, candidates)
    changes.extend(Change("moved", unmatched_old[o], new[i]) for o, i in sorted(pairs))
    changes.extend(Change("dropped", slot, None) for o, slot in enumerate(unmatched_old) if not candidates[o])
    moved_to = {i for _, i in pairs}
    changes.extend(Change("added", None, n) for i, n in enumerate(new) if i not in kept_new | moved_to)
    return sorted(changes, key=_order)


def _nearest_pairs(old: Sequence[Slot], new: Sequence[Slot], candidates: dict[int, list[int]]) -> set[tuple[int, int]]:
    """Each old slot moved to its nearest candidate frequency; a candidate no old slot chose came from its nearest
    old slot. Several frequencies leaving or arriving together give one row per frequency, not every pairing."""
    pairs = set()
    for o, found in candidates.items():
        if found:
            pairs.add((o, min(found, key=lambda i: (abs(new[i].frequency_khz - old[o].frequency_khz), i))))
    chosen = {i for _, i in pairs}
    for i in {i for found in candidates.values() for i in found} - chosen:
        sources = [o for o, found in candidates.items() if i in found]
        pairs.add((min(sources, key=lambda o: (abs(new[i].frequency_khz - old[o].frequency_khz), o)), i))
    return pairs


def _order(change: Change) -> tuple[int, float, float]:
    slot = change.slot
    return slot.window.start, slot.frequency_khz, change.new.frequency_khz if change.new else 0.0


def compare_channels(old: Sequence[Slot], new: Sequence[Slot]) -> list[Change]:
    """A jammer's channels of two seasons: kept (still jammed, whatever the hours), dropped or added, one change
    per channel (shown with its longest slot). Jammers do not move; they start and stop on channels."""
    old, new = _longest_per_channel(old), _longest_per_channel(new)
    changes: list[Change] = []
    for slot in old:
        match = next((n for n in new if _same_frequency(n.frequency_khz, slot.frequency_khz)), None)
        changes.append(Change("kept", slot, match) if match else Change("dropped", slot, None))
    changes.extend(
        Change("added", None, n) for n in new if not any(_same_frequency(n.frequency_khz, o.frequency_khz) for o in old)
    )
    return sorted(changes, key=_order)


def _longest_per_channel(slots: Sequence[Slot]) -> list[Slot]:
    longest: list[Slot] = []
    for slot in sorted(slots, key=lambda s: -s.window.duration):
        if not any(_same_frequency(kept.frequency_khz, slot.frequency_khz) for kept in longest):
            longest.append(slot)
    return longest


def followed(jammer_before: bool | None, jammer_after: bool | None) -> Followed:
    """Did the jammer follow a move? Only a channel jammed before has a jammer that can follow: yes when the new
    channel is jammed after, no when it is not; unknown when either side is not known or nothing was jammed."""
    if jammer_before is None or jammer_after is None or not jammer_before:
        return "unknown"
    return "yes" if jammer_after else "no"
