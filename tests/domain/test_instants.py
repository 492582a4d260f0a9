from datetime import UTC, datetime

import pytest

from swtracker.domain.instants import parse_instant, parse_zone, to_zone
from swtracker.errors import InputError, UsageError

NOW = datetime(2026, 11, 27, 9, 30, tzinfo=UTC)
PYONGYANG = parse_zone("Asia/Pyongyang")
SEOUL = parse_zone("Asia/Seoul")


def test_iso_with_offset_or_z_is_taken_as_written() -> None:
    assert parse_instant("2026-07-01T15:30Z", SEOUL, now=NOW) == datetime(2026, 7, 1, 15, 30, tzinfo=UTC)
    assert parse_instant("2026-07-01T15:30+09:00", None, now=NOW) == datetime(2026, 7, 1, 6, 30, tzinfo=UTC)


def test_naive_times_are_read_in_the_zone() -> None:
    assert parse_instant("2026-07-01 21:00", SEOUL, now=NOW) == datetime(2026, 7, 1, 12, 0, tzinfo=UTC)
    assert parse_instant("2026-07-01 21:00", None, now=NOW) == datetime(2026, 7, 1, 21, 0, tzinfo=UTC)
    # A bare time is that time today in the zone (27 Nov in Seoul).
    assert parse_instant("21:00", SEOUL, now=NOW) == datetime(2026, 11, 27, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("utc", "local"),
    [
        ("2015-08-14T14:59:00+00:00", "2015-08-14T23:59:00+09:00"),
        ("2015-08-14T15:00:00+00:00", "2015-08-14T23:30:00+08:30"),
        ("2018-05-04T14:59:00+00:00", "2018-05-04T23:29:00+08:30"),
        ("2018-05-04T15:00:00+00:00", "2018-05-05T00:00:00+09:00"),
        ("2017-09-25T15:30:00+00:00", "2017-09-26T00:00:00+08:30"),  # BBC Korean launch: midnight Pyongyang Time
    ],
)
def test_pyongyang_time_comes_from_the_tz_database(utc: str, local: str) -> None:
    assert to_zone(datetime.fromisoformat(utc), PYONGYANG).isoformat() == local


def test_seoul_is_always_plus_nine_in_these_years() -> None:
    assert to_zone(datetime(2017, 9, 25, 15, 30, tzinfo=UTC), SEOUL).isoformat() == "2017-09-26T00:30:00+09:00"


def test_pyongyang_local_input_in_the_half_hour_years() -> None:
    assert parse_instant("2016-01-01 00:00", PYONGYANG, now=NOW) == datetime(2015, 12, 31, 15, 30, tzinfo=UTC)


def test_impossible_and_ambiguous_local_times_are_refused() -> None:
    berlin = parse_zone("Europe/Berlin")
    with pytest.raises(InputError, match="does not exist"):
        parse_instant("2026-03-29 02:30", berlin, now=NOW)
    with pytest.raises(InputError, match="happens twice"):
        parse_instant("2026-10-25 02:30", berlin, now=NOW)
    with pytest.raises(InputError, match="not a date/time"):
        parse_instant("2026-02-30 10:00", None, now=NOW)
    with pytest.raises(InputError, match="not a date/time"):
        parse_instant("yesterday-ish", None, now=NOW)


def test_unknown_zone_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="Mars/Olympus"):
        parse_zone("Mars/Olympus")
    assert parse_zone(None) is None
