import subprocess
import sys
from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from swtracker.domain.instants import (
    _iso_instant,
    _parse_with_default,
    format_instant,
    parse_instant,
    parse_zone,
    to_zone,
)
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


def test_a_bare_hhmm_is_that_time_today_as_schedules_write_it() -> None:
    # dateutil alone reads 1530 as the year 1530.
    assert parse_instant("1530", SEOUL, now=NOW) == datetime(2026, 11, 27, 6, 30, tzinfo=UTC)
    assert parse_instant("0000", None, now=NOW) == datetime(2026, 11, 27, 0, 0, tzinfo=UTC)
    assert parse_instant("1530Z", SEOUL, now=NOW) == datetime(2026, 11, 27, 15, 30, tzinfo=UTC)
    for bad in ("2400", "2360", "930", "7"):
        with pytest.raises(InputError, match="not a time HHMM"):
            parse_instant(bad, None, now=NOW)


def test_zone_abbreviations_and_gmt_offsets_are_refused_not_dropped() -> None:
    with pytest.raises(InputError, match="KST is not an offset"):
        parse_instant("2026-07-07T00:30 KST", None, now=NOW)
    with pytest.raises(InputError, match="write the offset as"):
        parse_instant("2026-07-07 00:30 GMT+9", None, now=NOW)  # dateutil would take it as nine hours west
    # Z, UTC and numeric offsets stay exact whatever --tz says.
    expected = datetime(2026, 7, 6, 15, 30, tzinfo=UTC)
    for text in ("2026-07-07 00:30+09:00", "2026-07-07T00:30+0900", "2026-07-06 15:30 UTC", "2026-07-06T15:30Z"):
        assert parse_instant(text, parse_zone("America/New_York"), now=NOW) == expected


def test_a_date_missing_its_day_is_refused_and_a_missing_year_is_this_year() -> None:
    for partial in ("2026-07", "Jul 2026"):
        with pytest.raises(InputError, match="not a whole date"):
            parse_instant(partial, None, now=NOW)
    assert parse_instant("July 1 15:30", None, now=NOW) == datetime(2026, 7, 1, 15, 30, tzinfo=UTC)
    leap_spring = datetime(2028, 3, 5, tzinfo=UTC)
    assert parse_instant("Feb 29 12:00", None, now=leap_spring) == datetime(2028, 2, 29, 12, 0, tzinfo=UTC)


def test_an_ambiguous_local_time_names_both_offsets() -> None:
    with pytest.raises(InputError, match=r"add the offset: -04:00 or -05:00"):
        parse_instant("2026-11-01 01:30", parse_zone("America/New_York"), now=NOW)


@pytest.mark.parametrize(
    "text",
    ["0001-01-01T00:00Z", "9999-12-31T23:59Z", "1899-12-31T23:59Z", "2200-01-01T00:00Z", "1900-01-01T00:00+01:00"],
)
def test_instants_far_from_any_schedule_are_refused_before_they_overflow(text: str) -> None:
    with pytest.raises(InputError, match="outside the years 1900-2199"):
        parse_instant(text, SEOUL, now=NOW)


def test_an_offset_of_a_day_or_more_is_refused() -> None:
    with pytest.raises(InputError, match="not a date/time"):
        parse_instant("2026-07-01T20:35+25:00", None, now=NOW)


@given(
    local=st.datetimes(  # naive wall times: the zone is in the text, or the text is naive
        min_value=datetime(1900, 1, 2),  # noqa: DTZ001
        max_value=datetime(2199, 12, 30),  # noqa: DTZ001
    ).map(lambda moment: moment.replace(microsecond=0)),
    offset_minutes=st.none() | st.integers(-23 * 60, 23 * 60),
    form=st.sampled_from(["T%H:%M", " %H:%M", "T%H:%M:%S", ""]),
    zulu=st.booleans(),
)
def test_iso_forms_read_without_dateutil_as_dateutil_reads_them(
    local: datetime, offset_minutes: int | None, form: str, zulu: bool
) -> None:
    """The standard-library reading of the common ISO forms (no dateutil import) gives what the general one
    (dateutil) gives, and what was written: offsets, Z, naive times in the zone, bare dates."""
    text = local.strftime("%Y-%m-%d" + form)
    if form and offset_minutes is not None:
        sign = "-" if offset_minutes < 0 else "+"
        text += "Z" if zulu else f"{sign}{abs(offset_minutes) // 60:02d}:{abs(offset_minutes) % 60:02d}"
    written = datetime.fromisoformat(text)
    expected = written.replace(tzinfo=written.tzinfo or UTC).astimezone(UTC)
    assert _iso_instant(text) == written
    midnight = datetime(2026, 11, 27)  # noqa: DTZ001 (parse_instant's default: today's naive midnight)
    assert _parse_with_default(text, midnight, "--at") == written
    assert parse_instant(text, None, now=NOW) == expected


def test_an_iso_instant_is_read_without_importing_dateutil() -> None:
    probe = (
        "import sys; from datetime import UTC, datetime; from swtracker.domain.instants import parse_instant; "
        "parse_instant('2026-07-01T13:10Z', None, now=datetime.now(UTC)); print('dateutil' in sys.modules)"
    )
    assert subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout == "False\n"


@given(st.datetimes(timezones=st.sampled_from([UTC, timezone(timedelta(hours=9)), timezone(-timedelta(minutes=150))])))
def test_an_instant_is_written_in_utc_with_z(instant: datetime) -> None:
    assume(
        datetime.min.replace(tzinfo=UTC) + timedelta(days=1)
        < instant
        < datetime.max.replace(tzinfo=UTC) - timedelta(days=1)
    )
    utc = instant.astimezone(UTC).replace(tzinfo=None)
    assert format_instant(instant) == utc.isoformat() + "Z"
    assert datetime.fromisoformat(format_instant(instant)) == instant


def test_an_instant_shows_microseconds_only_when_it_has_some() -> None:
    at = datetime(2026, 7, 1, 21, 30, tzinfo=timezone(timedelta(hours=1)))
    assert format_instant(at) == "2026-07-01T20:30:00Z"
    assert format_instant(at.replace(microsecond=50)) == "2026-07-01T20:30:00.000050Z"
