"""Attribution of a bulk import's new reports as `log` attributes one report, a chunk of rows at a time and
without a query per row: the broadcasts near the file's frequencies are loaded once, and each decision is
made once for all the rows that `log` would decide alike."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from itertools import compress, repeat
from operator import attrgetter, getitem, itemgetter, methodcaller, not_

from sqlmodel import Session

from swtracker.domain.attribution import Attribution, NamedStation, attach_given, attribute
from swtracker.domain.columns import RuleTable
from swtracker.domain.frequency import SAME_CHANNEL_KHZ
from swtracker.domain.report import ReportColumns
from swtracker.domain.target_areas import listener_area
from swtracker.domain.windows import Occurrence, occurrence_starting
from swtracker.errors import ParseError
from swtracker.store import reports as store
from swtracker.store.entries import EntryView

# What is on air near a frequency through one UTC day: the instants where it changes, in order, and the
# positions on air from each of them (the first item: before the first change). on_air(frequency, at) is
# on_air[bisect_right(changes, at)].
Segments = tuple[list[datetime], list[tuple[int, ...]]]
Band = tuple[int, int]  # the positions [low, high) of the entries within the attribution tolerance of a frequency


class OnAirIndex:
    """Broadcast entries near a bulk import's frequencies, with their occurrences by the UTC day they start on,
    so every row is attributed without a query of its own. The rule is the domain's
    (`windows.occurrence_starting`, the one the on-air SQL mirrors): an instant is on air in an occurrence that
    starts on its UTC day or the day before. Entries are known by their position in `candidates`; what is on
    air through a day is kept per band of positions (the entries within the tolerance of a frequency), which
    nearby frequencies share. Everything is worked out when a row first needs it."""

    def __init__(self, views: list[EntryView]) -> None:
        views = sorted(views, key=lambda v: v.entry.frequency_khz)
        self.candidates = [store.candidate(v) for v in views]
        self._frequencies = [v.entry.frequency_khz for v in views]
        self._rules = [(v.window, v.days_rule, *v.validity) for v in views]
        self._starting = RuleTable(self._occurrence_starting)
        self._bands = RuleTable(self._band)
        self._segments = RuleTable(self._segments_of)

    def _occurrence_starting(self, key: tuple[int, date]) -> Occurrence | None:
        position, day = key
        return occurrence_starting(*self._rules[position], day)

    def _band(self, frequency_khz: float) -> Band:
        low = bisect_left(self._frequencies, frequency_khz - SAME_CHANNEL_KHZ)
        return low, bisect_right(self._frequencies, frequency_khz + SAME_CHANNEL_KHZ)

    def _segments_of(self, key: tuple[Band, date]) -> Segments:
        """What is on air in a band through a UTC day (see Segments), from the occurrences of its entries that
        start on that day or the day before: those that can hold an instant of the day."""
        band, day = key
        before = day - timedelta(days=1)
        intervals = [
            (o.start, o.end, p)
            for p in range(*band)
            for o in (self._starting[p, before], self._starting[p, day])
            if o is not None
        ]
        changes = sorted({instant for start, end, _ in intervals for instant in (start, end)})
        on_air = [tuple([p for start, end, p in intervals if start <= at < end]) for at in changes]
        return changes, [(), *on_air]

    def on_air(self, frequencies: Sequence[float], instants: Sequence[datetime]) -> list[tuple[int, ...]]:
        """Positions of the entries on air at each instant within the attribution tolerance of its frequency."""
        bands, days = self._bands.column(frequencies), map(methodcaller("date"), instants)
        segments = self._segments.column(zip(bands, days, strict=True))
        changes = map(bisect_right, map(itemgetter(0), segments), instants)
        return list(map(getitem, map(itemgetter(1), segments), changes))


# How `log` decides a report: its frequency, the name given, the listener's location when no name is, and the
# entries on air.
DecisionKey = tuple[float, str | None, str | None, tuple[int, ...]]


class ImportAttributions:
    """The attributions of an import's new rows, decided as `log` would. Rows that `log` would attribute alike
    share the decision. The broadcasts are loaded at the first new row: a file that is all stored already
    needs none."""

    def __init__(self, session: Session, frequencies: set[float], days: tuple[date, date] | None) -> None:
        self.session = session
        self.frequencies = frequencies  # every frequency of the file, and its first and last UTC day
        self.days = days
        self.index: OnAirIndex | None = None
        self.stations: dict[str, list[NamedStation]] = {}  # what the names given refer to
        self.done = RuleTable(self._decide)
        self.kinds: Counter[str] = Counter()

    def _index(self) -> OnAirIndex:
        first, last = self.days or (date.min, date.min)
        self.index = OnAirIndex(store.broadcasts_near(self.session, self.frequencies, first, last))
        return self.index

    def decided(self, reports: ReportColumns) -> list[Attribution | ParseError]:
        """The attribution of each report (its station's name resolved in `stations`), or the error that
        refuses it (a name several stations share, none of them on air)."""
        index = self.index or self._index()
        on_air = index.on_air(reports.frequency_khz, reports.observed_at)
        names = reports.station
        places = [None if name else location for name, location in zip(names, reports.location, strict=True)]
        decisions = self.done.column(zip(reports.frequency_khz, names, places, on_air, strict=True))
        decided = compress(decisions, map(not_, map(isinstance, decisions, repeat(ParseError))))
        self.kinds.update(map(attrgetter("kind"), decided))
        return decisions

    def _decide(self, key: DecisionKey) -> Attribution | ParseError:
        assert self.index is not None
        frequency_khz, name, location, on_air = key
        candidates = [self.index.candidates[p] for p in on_air]
        try:
            if name is None:
                return attribute(frequency_khz, candidates, area=listener_area(location))
            return attach_given(name, self.stations[name], frequency_khz, candidates)
        except ParseError as error:
            return error
