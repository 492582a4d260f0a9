"""Which station a listener report belongs to (design §5): candidates in, decision out.

A report without a station belongs to the station on air at its instant within ±2.5 kHz of its frequency. The
candidates are those broadcasts (jammer rows are never candidates); several entries of one station (the same
broadcast from two sources) are one candidate. The candidates are narrowed by what the report says: the
language heard (stations broadcasting in it win, when any does), then the listener's location (stations whose
target area covers it win over those the tables cannot tell about, which win over those whose target does
not; domain.target_areas). None, or still several stations: the report is kept as unattributed or ambiguous.
A station the listener names is attribution `given`, attached to that station's entry when one
is on air there.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Sequence
from dataclasses import dataclass

from swtracker.domain.crosswalk import languages_compatible
from swtracker.domain.target_areas import ListenerArea, covers
from swtracker.errors import ParseError

GIVEN, MATCHED, UNATTRIBUTED, AMBIGUOUS = "given", "matched", "unattributed", "ambiguous"


@dataclass(frozen=True, slots=True)
class Candidate:
    """A broadcast schedule entry on air near a report's frequency at its instant."""

    entry_id: int
    station_id: int | None  # None: an entry whose station name matched no station
    station_name: str
    station_key: str | None
    frequency_khz: float
    site: str | None
    schedule_ref: str  # "source:line HHMM-HHMM"
    language: str = ""  # as the source writes it (EiBi `K`, HFCC `Kor`)
    target: str = ""  # EiBi target code or HFCC CIRAF zones
    source_format: str = ""  # eibi, hfcc, native: how to read language and target

    def speaks(self, language: str) -> bool:
        """Whether the entry is in a language the listener names, in EiBi's code (`K`) or HFCC's (`Kor`)."""
        wanted = language.strip().casefold()
        written = [code.strip() for code in self.language.split(",")]
        return any(code.casefold() == wanted for code in written) or (
            languages_compatible(self.language, language)
            if self.source_format == "hfcc"
            else languages_compatible(language, self.language)
        )

    def coverage(self, area: ListenerArea) -> int:
        """2 when the target covers the area, 1 when the tables cannot tell, 0 when it does not."""
        covered = covers(self.target, self.source_format, area)
        return 1 if covered is None else 2 if covered else 0

    @property
    def identity(self) -> Hashable:
        """Entries of one station are one candidate; an entry without a station is known by its name alone."""
        return self.station_id if self.station_id is not None else self.station_name


@dataclass(frozen=True, slots=True)
class NamedStation:
    """A station a listener's name refers to."""

    id: int
    key: str
    name: str


@dataclass(frozen=True, slots=True)
class Attribution:
    """Which station a report was put down to, and how."""

    kind: str  # GIVEN, MATCHED, UNATTRIBUTED or AMBIGUOUS
    station_id: int | None = None
    station_name: str = ""
    candidates: tuple[str, ...] = ()  # station names, closest first, when ambiguous
    site: str | None = None
    schedule_ref: str | None = None  # of the entry it was attached to


def _best(candidates: Sequence[Candidate], frequency_khz: float) -> Candidate:
    """The closest frequency, then the lowest entry id: the same choice on every run."""
    return min(candidates, key=lambda c: (abs(c.frequency_khz - frequency_khz), c.entry_id))


def _attached(kind: str, candidate: Candidate | None, station_id: int | None, station_name: str) -> Attribution:
    if candidate is None:
        return Attribution(kind, station_id, station_name)
    return Attribution(kind, station_id, station_name, site=candidate.site or None, schedule_ref=candidate.schedule_ref)


def _narrowed(
    by_station: dict[Hashable, list[Candidate]], language: str | None, area: ListenerArea | None
) -> dict[Hashable, list[Candidate]]:
    if language:
        speaking = {k: v for k, v in by_station.items() if any(c.speaks(language) for c in v)}
        by_station = speaking or by_station
    if area is not None and by_station:
        ranks = {k: max(c.coverage(area) for c in v) for k, v in by_station.items()}
        top = max(ranks.values())
        by_station = {k: v for k, v in by_station.items() if ranks[k] == top}
    return by_station


def attribute(
    frequency_khz: float,
    on_air: Sequence[Candidate],
    *,
    language: str | None = None,
    area: ListenerArea | None = None,
) -> Attribution:
    """Decide from the broadcasts on air near a report's frequency, narrowed by the language heard and the
    listener's area when the report gives them."""
    by_station: dict[Hashable, list[Candidate]] = defaultdict(list)
    for candidate in on_air:
        by_station[candidate.identity].append(candidate)
    by_station = _narrowed(by_station, language, area)
    best = [_best(candidates, frequency_khz) for candidates in by_station.values()]
    best.sort(key=lambda c: (abs(c.frequency_khz - frequency_khz), c.station_name))
    if not best:
        return Attribution(UNATTRIBUTED)
    if len(best) > 1:
        return Attribution(AMBIGUOUS, candidates=tuple(c.station_name for c in best))
    return _attached(MATCHED, best[0], best[0].station_id, best[0].station_name)


def attach_given(
    name: str, stations: Sequence[NamedStation], frequency_khz: float, on_air: Sequence[Candidate]
) -> Attribution:
    """The station a listener named, attached to its entry on air there if any. A name that several stations
    share is settled by which of them is on air; otherwise the listener must use the station key."""
    ids = {s.id for s in stations}
    mine = [c for c in on_air if c.station_id in ids]
    if len(stations) == 1:
        station = stations[0]
    else:
        on_air_ids = {c.station_id for c in mine}
        if len(on_air_ids) != 1:
            keys = ", ".join(s.key for s in stations)
            raise ParseError(f"{name!r} names {len(stations)} stations ({keys}); give the station key", field="station")
        station = next(s for s in stations if s.id in on_air_ids)
    own = [c for c in mine if c.station_id == station.id]
    return _attached(GIVEN, _best(own, frequency_khz) if own else None, station.id, station.name)


def choices(attribution: Attribution, on_air: Sequence[Candidate]) -> list[tuple[str, str]]:
    """(name, station key) of the stations an ambiguous report could be attached to, closest first."""
    if attribution.kind != AMBIGUOUS:
        return []
    keys = {c.station_name: c.station_key for c in on_air if c.station_key}
    return [(name, keys[name]) for name in attribution.candidates if name in keys]
