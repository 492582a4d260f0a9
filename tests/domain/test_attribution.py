"""Attribution (design §5) over small candidate values: no database, no ORM rows."""

from __future__ import annotations

import pytest

from swtracker.domain.attribution import (
    AMBIGUOUS,
    GIVEN,
    MATCHED,
    UNATTRIBUTED,
    Attribution,
    Candidate,
    NamedStation,
    attach_given,
    attribute,
    choices,
)
from swtracker.errors import ParseError


def _candidate(entry_id: int, station_id: int | None, name: str, frequency: float) -> Candidate:
    key = f"key-{station_id}" if station_id else None
    return Candidate(entry_id, station_id, name, key, frequency, site=None, schedule_ref=f"sked:{entry_id} 0000-0100")


def test_no_broadcast_on_air_leaves_the_report_unattributed() -> None:
    assert attribute(7615, []) == Attribution(UNATTRIBUTED)


def test_candidates_are_stations_not_entries() -> None:
    """Two entries of one station are one candidate (the closest kept, then the lowest entry id); entries
    without a station count by name."""
    same = attribute(
        7615, [_candidate(3, 1, "FNKR", 7614), _candidate(2, 1, "FNKR", 7615), _candidate(1, 1, "FNKR", 7616)]
    )
    assert same == Attribution(MATCHED, 1, "FNKR", schedule_ref="sked:2 0000-0100")
    assert same == attribute(7615, [_candidate(2, 1, "FNKR", 7615)])
    tie = attribute(7615, [_candidate(9, 1, "FNKR", 7614), _candidate(8, 1, "FNKR", 7616)])
    assert tie.schedule_ref == "sked:8 0000-0100"
    nameless = attribute(7615, [_candidate(4, None, "Radio X", 7615), _candidate(5, None, "Radio X", 7616)])
    assert (nameless.kind, nameless.station_id, nameless.station_name) == (MATCHED, None, "Radio X")
    two = attribute(7615, [_candidate(6, None, "Radio Y", 7617), _candidate(4, None, "Radio X", 7615)])
    assert (two.kind, two.candidates) == (AMBIGUOUS, ("Radio X", "Radio Y"))  # closest first


def test_ambiguous_choices_name_the_stations_with_a_key() -> None:
    on_air = [_candidate(6, 2, "Radio Y", 7617), _candidate(4, None, "Radio X", 7615), _candidate(7, 3, "Z", 7613)]
    decided = attribute(7615, on_air)
    assert decided.candidates == ("Radio X", "Radio Y", "Z")
    assert choices(decided, on_air) == [("Radio Y", "key-2"), ("Z", "key-3")]
    assert choices(attribute(7615, on_air[:1]), on_air) == []


def test_a_name_two_stations_share_is_settled_by_which_is_on_air() -> None:
    first, second = NamedStation(1, "vof-1", "Voice of Freedom"), NamedStation(2, "vof-2", "Voice of Freedom")
    on_air = [_candidate(7, 2, "Voice of Freedom", 5920)]
    given = attach_given("Voice of Freedom", [first, second], 5920, on_air)
    assert (given.kind, given.station_id, given.schedule_ref) == (GIVEN, 2, "sked:7 0000-0100")
    with pytest.raises(ParseError, match=r"'Voice of Freedom' names 2 stations \(vof-1, vof-2\); give the station key"):
        attach_given("Voice of Freedom", [first, second], 5920, [])


def test_a_given_station_off_air_is_kept_without_an_entry() -> None:
    fnkr = NamedStation(1, "free-north-korea-radio", "Free North Korea Radio")
    assert attach_given("FNKR", [fnkr], 9999, [_candidate(3, 2, "Other", 9999)]) == Attribution(
        GIVEN, 1, "Free North Korea Radio"
    )
