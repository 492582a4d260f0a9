"""What the HTML jamming page shows, on REPORTS of the summary tests (week of 2026-11-02, bundled schedules):
the same figures as summary and coverage, and each station's frequencies with the jamming marks."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from swtracker.domain.statistics import StatusCounts
from swtracker.services.jamming_report import FrequencyUse, block_rate_interval, jamming_report, period_days
from swtracker.services.setup import open_database
from swtracker.services.summary import SummaryQuery, summarize
from tests.services.test_summary import FNKR, KBS, NKRR, WEEK

TODAY = date(2026, 11, 29)


def test_frequencies_with_jamming_heard_and_jammer_rows(reports_db: str) -> None:
    report = jamming_report(open_database(reports_db), SummaryQuery(), today=TODAY)
    found = {
        item.station.label: [(u.frequency_khz, u.scheduled, u.counts.reports, u.jammer_rows) for u in item.frequencies]
        for item in report.frequencies
    }
    assert found == {
        FNKR: [(7615.0, True, 2, 0), (9960.0, True, 0, 0)],  # 9960 scheduled, nobody listened
        # 6015: three jammed/blocked reports, and the KRE noise jammer row 6015 0350-2400 over its broadcasts
        KBS: [(972.0, True, 1, 0), (1170.0, True, 1, 0), (6015.0, True, 5, 1)],
        NKRR: [(7590.0, True, 1, 0)],
        "(ambiguous)": [(7292.5, False, 1, 0)],
        "(unattributed)": [(12345.0, False, 1, 0)],
    }
    kbs = {
        use.frequency_khz: use for item in report.frequencies if item.station.label == KBS for use in item.frequencies
    }
    assert kbs[6015.0].jamming_heard
    assert kbs[6015.0].jammed
    assert not kbs[972.0].jammed
    assert FrequencyUse(6015.0, True, StatusCounts(clear=2), 1).jammed  # a jammer row alone marks it


def test_the_page_figures_are_the_summary_figures(reports_db: str) -> None:
    database = open_database(reports_db)
    report = jamming_report(database, SummaryQuery(min_reports=2), today=TODAY)
    assert report.stations == summarize(database, SummaryQuery(min_reports=2))
    assert [g.keys[0].label for g in report.stations.groups] == [FNKR, KBS]
    assert report.stations.hidden == 3
    assert [(g.keys[0].label, g.keys[1].value, g.counts.reports) for g in report.monthly.groups] == [
        (FNKR, "2026-11", 2),
        (KBS, "2026-11", 7),
    ]
    assert [row.station.label for row in report.heatmap.rows] == [FNKR, KBS]
    assert [item.station.label for item in report.frequencies] == [FNKR, KBS]
    assert report.span == (datetime(2026, 11, 2, 4, tzinfo=UTC), datetime(2026, 11, 9, tzinfo=UTC))
    assert report.coverage is not None
    assert report.coverage_problem is None
    assert "north-korean-jammers" in [source.name for source in report.sources]


def test_a_period_too_long_for_coverage_leaves_the_rest(reports_db: str) -> None:
    report = jamming_report(
        open_database(reports_db), SummaryQuery(since=datetime(2025, 1, 1, tzinfo=UTC)), today=TODAY
    )
    assert report.coverage is None
    assert report.coverage_problem is not None
    assert "is 678 days; give at most 366" in report.coverage_problem
    assert len(report.stations.groups) == 5


def test_block_rate_interval_and_period_days() -> None:
    assert block_rate_interval(StatusCounts(clear=5, blocked=5)) == pytest.approx((0.2366, 0.7634), abs=1e-4)
    assert block_rate_interval(StatusCounts(silent=3)) is None
    assert period_days(*WEEK, None) == (date(2026, 11, 2), date(2026, 11, 8))  # --until is exclusive
    assert period_days(None, None, None) is None
    assert period_days(WEEK[0], None, (WEEK[0], datetime(2026, 11, 30, 23, tzinfo=UTC))) == (
        date(2026, 11, 2),
        date(2026, 11, 30),
    )
