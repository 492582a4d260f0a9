"""Local times in schedule listings: shown for a named day, with both offsets when the clocks change mid-window;
the listings' station cells."""

from __future__ import annotations

from datetime import UTC, date, datetime

from hypothesis import given
from hypothesis import strategies as st
from rich.text import Text

from swtracker.cli.json_shapes import schedule_json
from swtracker.cli.render import _assembled, local_window
from swtracker.domain.instants import parse_zone
from swtracker.domain.windows import Occurrence
from swtracker.services.catalog import station_schedule
from swtracker.services.setup import open_database

BERLIN = parse_zone("Europe/Berlin")


def test_a_window_across_a_clock_change_shows_both_offsets() -> None:
    assert BERLIN is not None
    spring = Occurrence(datetime(2026, 3, 29, 0, 0, tzinfo=UTC), datetime(2026, 3, 29, 3, 50, tzinfo=UTC))
    assert local_window(spring, BERLIN, weekday=False) == "01:00 +01–05:50 +02"
    summer = Occurrence(datetime(2026, 7, 1, 0, 0, tzinfo=UTC), datetime(2026, 7, 1, 3, 50, tzinfo=UTC))
    assert local_window(summer, BERLIN, weekday=False) == "02:00–05:50 +02"


def _kbs_local(a26_db: str, today: date) -> tuple[str, str]:
    # sked-a26.csv line 373: 1170;0000-0350;;KOR;KBS Hanminjok;K;FE;k;1;;  valid the whole A26 season, which
    # starts on the day Berlin changes to summer time.
    result = station_schedule(open_database(a26_db), "KBS Hanminjok", include_inactive=False)
    data = schedule_json(result, BERLIN, today)
    # One airing with the bundled file's entry, which comes first (services.airings).
    (entry,) = [e for e in data["entries"] if {"source": "sked-a26", "line": 373, "last_heard": None} in e["sources"]]
    return entry["local"], entry["local_on"]


def test_schedule_local_times_are_todays_or_the_nearest_valid_days(a26_db: str) -> None:
    assert _kbs_local(a26_db, date(2026, 7, 1)) == ("02:00–05:50 +02", "2026-07-01")
    assert _kbs_local(a26_db, date(2026, 12, 1)) == ("02:00–05:50 +02", "2026-10-24")  # after the season
    assert _kbs_local(a26_db, date(2026, 1, 10)) == ("01:00 +01–05:50 +02", "2026-03-29")  # before it


_PARTS = st.lists(
    st.tuples(
        st.lists(st.sampled_from([*"aZ9 (/)·→–\n", "\r", "\x07", "\xa0", "자"]), max_size=8).map("".join),
        st.sampled_from(["", "bold", "dim", "red", "bold red"]),
    ),
    max_size=5,
)


@given(parts=_PARTS, style=st.sampled_from(["", "bold"]))
def test_a_listings_station_cell_is_the_text_rich_assembles(parts: list[tuple[str, str]], style: str) -> None:
    made, rich = _assembled(*parts, style=style), Text.assemble(*parts, style=style)
    assert (made.plain, made.style, made.spans) == (rich.plain, rich.style, rich.spans)
