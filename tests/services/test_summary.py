"""Summaries, heat map and coverage over reports stored with the real `reports import` and `log` commands, on
the bundled schedules (season B26). Every figure is compared with a count made by hand from REPORTS."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import delete
from sqlmodel import col

from swtracker.domain.statistics import StatusCounts
from swtracker.domain.windows import Occurrence
from swtracker.errors import InputError, NotFoundError, UsageError
from swtracker.services.coverage import CoverageQuery, coverage, merge_airings
from swtracker.services.database import Database
from swtracker.services.setup import open_database
from swtracker.services.summary import (
    GroupKey,
    GroupSummary,
    SummaryQuery,
    check_groupings,
    heatmap,
    summarize,
)
from swtracker.store.engine import transaction
from swtracker.store.models import Station
from tests.conftest import Cli

# Week of Monday 2026-11-02 (season B26). KBS Hanminjok: 6015 0350-1400 and 1400-2400, 972 0350-1400 and
# 1400-2400, 1170 0000-0350, 0950-1000 and 1400-2400, all daily. FNKR 7615 2000-2100 and 9960 1300-1400 daily.
# NKRR 7590 2000-2100. At 14:32 Furusato no Kaze (7290) and Shiokaze (7295) are both within 2.5 kHz of 7292.5.
REPORTS = """\
uid,observed_at,frequency_khz,station,status,sinpo,jammer,reporter,location,receiver,notes
k1,2026-11-02T04:00:00Z,6015,KBS Hanminjok,jammed,,noise,alice,,,
k2,2026-11-02T04:30:00Z,6015,KBS Hanminjok,blocked,,noise,alice,,,
k3,2026-11-02T15:00:00Z,6015,KBS Hanminjok,clear,,,bob,,,
k4,2026-11-03T15:00:00Z,6015,KBS Hanminjok,jammed,,jet,bob,,,
k5,2026-11-04T04:00:00Z,6015,KBS Hanminjok,silent,,,alice,,,
k6,2026-11-05T20:00:00Z,972,KBS Hanminjok,clear,,,=carol,,,
k7,2026-11-09T00:00:00Z,1170,KBS Hanminjok,clear,,,-dx,,,
f1,2026-11-02T20:10:00Z,7615,FNKR,silent,,,,,,
f2,2026-11-03T20:10:00Z,7615,FNKR,silent,,,,,,
n1,2026-11-06T20:30:00Z,7590,,blocked,,,,,,
u1,2026-11-04T10:00:00Z,12345,,clear,,,,,,
a1,2026-11-04T14:32:00Z,7292.5,,jammed,,noise,,,,
"""
WEEK = (datetime(2026, 11, 2, tzinfo=UTC), datetime(2026, 11, 9, tzinfo=UTC))
KBS = "KBS Hanminjok Bangsong"
FNKR = "Free North Korea Radio"
NKRR = "North Korea Reform Radio"


def load_reports(cli: type[Cli], db: str, tmp_path: Path, text: str = REPORTS) -> None:
    path = tmp_path / "reports.csv"
    path.write_text(text, encoding="utf-8")
    result = cli.ok(db, "reports", "import", str(path))
    assert "12 imported (1 ambiguous, 9 given, 1 matched, 1 unattributed)" in result.stderr


def test_the_reports_import_with_the_attributions_the_figures_count_on(
    cli: type[Cli], bundled_db: str, tmp_path: Path
) -> None:
    """reports_db (tests/conftest.py) is a copy of a database these reports were imported into once."""
    load_reports(cli, bundled_db, tmp_path)


@pytest.fixture
def connect() -> Iterator[Callable[[str], Database]]:
    """Opens databases for a test and closes their connections after it (PostgreSQL warns about open ones)."""
    opened: list[Database] = []

    def open_(url: str) -> Database:
        opened.append(open_database(url))
        return opened[-1]

    yield open_
    for database in opened:
        database.engine.dispose()


@pytest.fixture
def database(connect: Callable[[str], Database], reports_db: str) -> Database:
    return connect(reports_db)


def figures(group: GroupSummary) -> tuple[Any, ...]:
    """Keys, then reports, clear, jammed, blocked, silent, n."""
    counts = group.counts
    keys = tuple(key.value for key in group.keys)
    return (*keys, counts.reports, counts.clear, counts.jammed, counts.blocked, counts.silent, counts.n)


def rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def rates(group: GroupSummary) -> tuple[float | None, ...]:
    data = group.as_json()
    return tuple(rounded(data[name]) for name in ("jam_rate", "block_rate", "jam_rate_ci_low", "jam_rate_ci_high"))


def at(text: str) -> datetime:
    return datetime.fromisoformat(text)


def test_by_station_every_figure(database: Database) -> None:
    summary = summarize(database, SummaryQuery())
    assert summary.by == ("station",)
    assert summary.hidden == 0
    assert [figures(g) for g in summary.groups] == [
        (FNKR, 2, 0, 0, 0, 2, 0),
        (KBS, 7, 3, 2, 1, 1, 6),
        (NKRR, 1, 0, 0, 1, 0, 1),
        ("(ambiguous)", 1, 0, 1, 0, 0, 1),
        ("(unattributed)", 1, 1, 0, 0, 0, 1),
    ]
    assert [rates(g) for g in summary.groups] == [
        (None, None, None, None),  # all silent: n = 0, no rate rather than 0
        (0.5, 0.1667, 0.1876, 0.8124),  # 3 of 6 jammed or blocked, 1 of 6 blocked
        (1.0, 1.0, 0.2065, 1.0),
        (1.0, 0.0, 0.2065, 1.0),
        (0.0, 0.0, 0.0, 0.7935),
    ]
    assert [g.keys[0].station_key for g in summary.groups] == [
        "free-north-korea-radio",
        "kbs-hanminjok",
        "north-korea-reform-radio",
        None,
        None,
    ]
    kbs = summary.groups[1]
    assert (kbs.first_report, kbs.last_report) == (at("2026-11-02T04:00:00+00:00"), at("2026-11-09T00:00:00+00:00"))
    assert kbs.as_json()["first_report"] == "2026-11-02T04:00:00Z"
    assert kbs.as_json()["last_report"] == "2026-11-09T00:00:00Z"


def test_a_named_station_without_reports_is_listed_with_zeros(database: Database) -> None:
    summary = summarize(database, SummaryQuery(station="Shiokaze"))
    assert [figures(g) for g in summary.groups] == [("Shiokaze", 0, 0, 0, 0, 0, 0)]
    data = summary.groups[0].as_json()
    assert data["station_key"] == "shiokaze"
    assert [data[k] for k in ("jam_rate", "block_rate", "jam_rate_ci_low", "jam_rate_ci_high")] == [None] * 4
    assert (data["first_report"], data["last_report"]) == (None, None)


def test_station_filter_resolves_aliases(database: Database) -> None:
    summary = summarize(database, SummaryQuery(station="fnkr"))
    assert [figures(g) for g in summary.groups] == [(FNKR, 2, 0, 0, 0, 2, 0)]
    assert rates(summary.groups[0]) == (None, None, None, None)


def test_by_station_and_hour(database: Database) -> None:
    summary = summarize(database, SummaryQuery(by=("station", "hour")))
    assert [figures(g) for g in summary.groups] == [
        (FNKR, 20, 2, 0, 0, 0, 2, 0),
        (KBS, 0, 1, 1, 0, 0, 0, 1),
        (KBS, 4, 3, 0, 1, 1, 1, 2),
        (KBS, 15, 2, 1, 1, 0, 0, 2),
        (KBS, 20, 1, 1, 0, 0, 0, 1),
        (NKRR, 20, 1, 0, 0, 1, 0, 1),
        ("(ambiguous)", 14, 1, 0, 1, 0, 0, 1),
        ("(unattributed)", 10, 1, 1, 0, 0, 0, 1),
    ]
    assert [rates(g)[:2] for g in summary.groups] == [
        (None, None),
        (0.0, 0.0),
        (1.0, 0.5),
        (0.5, 0.0),
        (0.0, 0.0),
        (1.0, 1.0),
        (1.0, 0.0),
        (0.0, 0.0),
    ]
    assert summary.columns[:3] == ["station", "station_key", "hour"]


@pytest.mark.parametrize(
    ("by", "expected"),
    [
        (
            "weekday",
            [
                ("Mo", 5, 2, 1, 1, 1, 4),
                ("Tu", 2, 0, 1, 0, 1, 1),
                ("We", 3, 1, 1, 0, 1, 2),
                ("Th", 1, 1, 0, 0, 0, 1),
                ("Fr", 1, 0, 0, 1, 0, 1),
            ],
        ),
        ("month", [("2026-11", 12, 4, 3, 2, 3, 9)]),
        (
            "frequency",
            [
                (972.0, 1, 1, 0, 0, 0, 1),
                (1170.0, 1, 1, 0, 0, 0, 1),
                (6015.0, 5, 1, 2, 1, 1, 4),
                (7292.5, 1, 0, 1, 0, 0, 1),
                (7590.0, 1, 0, 0, 1, 0, 1),
                (7615.0, 2, 0, 0, 0, 2, 0),
                (12345.0, 1, 1, 0, 0, 0, 1),
            ],
        ),
        ("jammer", [("jet", 1, 0, 1, 0, 0, 1), ("noise", 3, 0, 2, 1, 0, 3), ("(none)", 8, 4, 0, 1, 3, 5)]),
        (
            "reporter",
            [
                ("-dx", 1, 1, 0, 0, 0, 1),
                ("=carol", 1, 1, 0, 0, 0, 1),
                ("alice", 3, 0, 1, 1, 1, 2),
                ("bob", 2, 1, 1, 0, 0, 2),
                ("(none)", 5, 1, 1, 1, 2, 3),
            ],
        ),
        (
            "site",  # of the schedule entry each report was attached to
            [
                ("/UZB", 3, 0, 0, 1, 2, 1),
                ("d", 1, 1, 0, 0, 0, 1),
                ("h", 5, 1, 2, 1, 1, 4),
                ("k", 1, 1, 0, 0, 0, 1),
                ("(none)", 2, 1, 1, 0, 0, 2),
            ],
        ),
    ],
)
def test_other_groupings(database: Database, by: str, expected: list[tuple[Any, ...]]) -> None:
    summary = summarize(database, SummaryQuery(by=(by,)))
    assert [figures(g) for g in summary.groups] == expected
    total = sum((g.counts for g in summary.groups), StatusCounts())
    assert total == StatusCounts(clear=4, jammed=3, blocked=2, silent=3)


def test_weekday_rates(database: Database) -> None:
    monday = summarize(database, SummaryQuery(by=("weekday",))).groups[0]
    assert rates(monday) == (0.5, 0.25, 0.15, 0.85)  # 2 of 4, 1 of 4 blocked


def test_min_reports_hides_groups_and_says_how_many(database: Database) -> None:
    summary = summarize(database, SummaryQuery(min_reports=2))
    assert [figures(g)[:2] for g in summary.groups] == [(FNKR, 2), (KBS, 7)]
    assert (summary.hidden, summary.min_reports) == (3, 2)


def test_since_is_inclusive_and_until_exclusive(database: Database) -> None:
    query = SummaryQuery(station="KBS Hanminjok", since=at("2026-11-02T04:30:00+00:00"), until=WEEK[1])
    [kbs] = summarize(database, query).groups
    assert figures(kbs) == (KBS, 5, 2, 1, 1, 1, 4)  # k2..k6: k1 is before since, k7 at until is left out
    assert (kbs.first_report, kbs.last_report) == (query.since, at("2026-11-05T20:00:00+00:00"))
    just_after = summarize(
        database, SummaryQuery(station="kbs-hanminjok", since=WEEK[0], until=WEEK[1] + timedelta(seconds=1))
    )
    assert figures(just_after.groups[0])[1] == 7


def test_no_matching_reports_is_an_empty_summary(database: Database) -> None:
    summary = summarize(database, SummaryQuery(since=at("2027-01-01T00:00:00+00:00")))
    assert (summary.groups, summary.hidden) == ([], 0)


def test_bad_queries(database: Database) -> None:
    with pytest.raises(UsageError, match="--by 'colour': use one of station, frequency, hour"):
        check_groupings(["colour"])
    with pytest.raises(UsageError, match="--by hour is given twice"):
        check_groupings(["hour", "HOUR"])
    assert check_groupings([]) == ("station",)
    with pytest.raises(InputError, match="--since 2026-11-09T00:00:00Z is not before --until"):
        summarize(database, SummaryQuery(since=WEEK[1], until=WEEK[0]))
    with pytest.raises(UsageError, match="--min-reports -1"):
        summarize(database, SummaryQuery(min_reports=-1))
    with pytest.raises(NotFoundError, match="station 'Radio Nowhere': no such station"):
        summarize(database, SummaryQuery(station="Radio Nowhere"))


def test_heatmap_rows_are_stations_and_cells_hours(database: Database) -> None:
    result = heatmap(database, SummaryQuery(min_reports=2))
    assert [row.station.value for row in result.rows] == [FNKR, KBS]
    assert result.hidden == 3
    kbs = result.rows[1]
    assert sorted(kbs.hours) == [0, 4, 15, 20]
    assert kbs.hours[4] == StatusCounts(clear=0, jammed=1, blocked=1, silent=1)
    assert kbs.total == StatusCounts(clear=3, jammed=2, blocked=1, silent=1)


# --- coverage ----------------------------------------------------------------------------------------------


def occurrence(start: str, end: str) -> Occurrence:
    return Occurrence(at(f"2026-11-02T{start}:00+00:00"), at(f"2026-11-02T{end}:00+00:00"))


def test_airings_merge_overlaps_on_one_channel_only() -> None:
    same = [(occurrence("03:50", "14:00"), 6015.0), (occurrence("03:50", "14:00"), 6015.0)]
    assert len(merge_airings(same)) == 1
    longer = [(occurrence("03:50", "14:00"), 6015.0), (occurrence("10:00", "23:00"), 6017.5)]
    assert [(a.start, a.end) for a in merge_airings(longer)] == [(longer[0][0].start, longer[1][0].end)]
    touching = [(occurrence("03:50", "14:00"), 6015.0), (occurrence("14:00", "23:00"), 6015.0)]
    assert len(merge_airings(touching)) == 2
    other_channel = [(occurrence("03:50", "14:00"), 6015.0), (occurrence("03:50", "14:00"), 6018.0)]
    assert len(merge_airings(other_channel)) == 2
    # An occurrence overlapping two airings joins them into one.
    bridged = [
        (occurrence("01:00", "02:00"), 6015.0),
        (occurrence("01:30", "03:00"), 9000.0),
        (occurrence("01:45", "02:30"), 6016.0),
        (occurrence("01:50", "02:40"), 9001.0),
    ]
    assert len(merge_airings(bridged)) == 2
    chain = [*bridged, (occurrence("01:55", "02:10"), 6015.0), (occurrence("02:20", "02:50"), 6016.0)]
    assert [len(a.parts) for a in merge_airings(chain)] == [4, 2]


def station_coverage(database: Database, query: CoverageQuery) -> dict[str, dict[str, Any]]:
    return {str(item.station.value): item.as_json() for item in coverage(database, query).stations}


COVERAGE_FIELDS = ("occurrences", "monitored", "jammed", "silent_only", "never_monitored", "reports")


def coverage_figures(data: dict[str, Any]) -> tuple[Any, ...]:
    return (*(data[name] for name in COVERAGE_FIELDS), data["reports_outside_schedule"], data["no_schedule"])


def test_coverage_of_kbs_counted_by_hand(cli: type[Cli], connect: Callable[[str], Database], reports_db: str) -> None:
    # A report on 6015 at 02:00, when KBS is not on 6015: the station's, but outside its schedule.
    cli.ok(reports_db, "log", "6015", "--station", "KBS Hanminjok", "--status", "clear", "--at", "2026-11-06T02:00Z")
    database = connect(reports_db)
    found = station_coverage(database, CoverageQuery("kbs-hanminjok", *WEEK))
    # 7 days x 7 daily broadcasts (972 x2, 1170 x3, 6015 x2) = 49. Monitored: 11-02 6015 0350-1400 (jammed,
    # blocked), 11-02 6015 1400-2400 (clear), 11-03 6015 1400-2400 (jammed), 11-04 6015 0350-1400 (silent only),
    # 11-05 972 1400-2400 (clear). Reports: k1-k6 and the 02:00 one; k7 (11-09 00:00) is after the period.
    assert coverage_figures(found[KBS]) == (49, 5, 2, 1, 44, 7, 1, False)
    assert found[KBS]["monitored_share"] == pytest.approx(5 / 49)
    assert (found[KBS]["period_start"], found[KBS]["period_end"]) == ("2026-11-02T00:00:00Z", "2026-11-09T00:00:00Z")


def test_the_same_broadcast_from_two_sources_is_one_airing(
    cli: type[Cli], connect: Callable[[str], Database], reports_db: str, tmp_path: Path
) -> None:
    eibi = tmp_path / "sked-b26.csv"
    eibi.write_text(
        "kHz:75;Time(UTC):93;Days:59;ITU:49;Station:201;Lng:49;Target:62;Remarks:135;P:35;Start:60;Stop:60;\n"
        "6015;0350-1400;;KOR;KBS Hanminjok;K;FE;h;1;;\n"
        "6015;0350-2400;;KRE;Noise Jammer;;KRE;;1;;\n",
        encoding="utf-8",
    )
    cli.ok(reports_db, "import", str(eibi))
    schedule = cli.ok(reports_db, "schedule", "KBS Hanminjok", "--json").stdout
    assert schedule.count('"source": "sked-b26"') == 1
    found = station_coverage(connect(reports_db), CoverageQuery("kbs-hanminjok", *WEEK))
    assert coverage_figures(found[KBS]) == (49, 5, 2, 1, 44, 6, 0, False)


def test_duplicates_of_the_real_a26_file_count_once(
    cli: type[Cli], connect: Callable[[str], Database], a26_db: str
) -> None:
    # Bundled and sked-a26 both list KBS 6015 0350-1400 and 1400-2400 (and 972, 1170): still 7 a day.
    cli.ok(a26_db, "log", "6015", "--station", "kbs-hanminjok", "--status", "jammed", "--at", "2026-07-01T05:00Z")
    cli.ok(a26_db, "log", "6015", "--station", "KBS Hanminjok", "--status", "blocked", "--at", "2026-07-02T15:00Z")
    query = CoverageQuery("kbs-hanminjok", datetime(2026, 7, 1, tzinfo=UTC), datetime(2026, 7, 4, tzinfo=UTC))
    found = station_coverage(connect(a26_db), query)
    assert coverage_figures(found[KBS]) == (21, 2, 2, 0, 19, 2, 0, False)


def test_coverage_lists_reported_and_curated_stations(
    cli: type[Cli], connect: Callable[[str], Database], reports_db: str
) -> None:
    cli.ok(reports_db, "log", "9700", "--station", "Echo of Hope", "--status", "clear", "--at", "2026-11-03T12:00Z")
    result = coverage(connect(reports_db), CoverageQuery(since=WEEK[0], until=WEEK[1]))
    assert not result.period_from_reports
    found = {item.station.value: item.as_json() for item in result.stations}
    assert list(found) == [
        "Echo of Hope",
        FNKR,
        "Furusato no Kaze",
        KBS,
        NKRR,
        "Shiokaze",
        "Unification Media Group",
    ]
    assert coverage_figures(found["Echo of Hope"]) == (0, 0, 0, 0, 0, 1, 1, True)
    assert found["Echo of Hope"]["monitored_share"] is None
    # FNKR: 7615 2000-2100 and 9960 1300-1400 daily; two evenings heard, nothing but silence.
    assert coverage_figures(found[FNKR]) == (14, 2, 0, 2, 12, 2, 0, False)
    # NKRR: 7590 1400-1500 and 2000-2100 daily; the blocked report was matched to the evening broadcast.
    assert coverage_figures(found[NKRR]) == (14, 1, 1, 0, 13, 1, 0, False)


def test_coverage_period_defaults_to_the_reports_days(database: Database) -> None:
    result = coverage(database, CoverageQuery("kbs-hanminjok"))
    assert result.period_from_reports
    assert (result.since, result.until) == (WEEK[0], datetime(2026, 11, 10, tzinfo=UTC))
    # 8 days x 7 = 56 airings; k7 at 11-09 00:00 is now inside, on 1170 0000-0350.
    assert coverage_figures(result.stations[0].as_json()) == (56, 6, 2, 1, 50, 7, 0, False)


def test_coverage_period_limits(database: Database, connect: Callable[[str], Database], db_url: str) -> None:
    with pytest.raises(InputError, match="is 367 days; give at most 366 with --since and --until"):
        coverage(database, CoverageQuery(since=WEEK[0], until=WEEK[0] + timedelta(days=367)))
    empty = coverage(connect(db_url), CoverageQuery())
    assert (empty.since, empty.until, empty.stations) == (None, None, [])


def test_reports_of_a_removed_station_keep_their_name(
    cli: type[Cli], connect: Callable[[str], Database], reports_db: str
) -> None:
    cli.ok(reports_db, "log", "9700", "--station", "Echo of Hope", "--status", "jammed", "--at", "2026-11-03T12:00Z")
    database = connect(reports_db)
    with transaction(database.engine, write=True) as session:
        session.execute(delete(Station).where(col(Station.key) == "echo-of-hope"))
    summary = summarize(database, SummaryQuery())
    assert [figures(g)[:3] for g in summary.groups][-3:] == [
        ("(ambiguous)", 1, 0),
        ("(unattributed)", 1, 1),
        ("Echo of Hope", 1, 0),
    ]
    assert summary.groups[-1].keys[0].station_key is None


def test_coverage_leaves_out_curated_stations_with_no_airing_and_no_report(database: Database) -> None:
    # 25 Oct 2026 02:00-03:00 UTC: the first night of B26. The curated A26 entries that end on 24 Oct touch the
    # period's days (a window from the day before could run past midnight) but none of them airs in it.
    since, until = datetime(2026, 10, 25, 2, tzinfo=UTC), datetime(2026, 10, 25, 3, tzinfo=UTC)
    found = coverage(database, CoverageQuery(since=since, until=until)).stations
    assert found
    assert all(item.occurrences for item in found)


def test_frequency_groups_are_labelled_in_full() -> None:
    labels = {GroupKey("frequency", value).label for value in (17480.25, 17480.2, 7615.0)}
    assert labels == {"17480.25", "17480.2", "7615"}
