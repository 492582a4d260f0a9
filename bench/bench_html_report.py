"""HTML report benchmark (issue 17): `swtracker summary --html` over 1,000,000 reports against the same command
over 10,000 reports, in the same run. Every figure of the page is counted in SQL and coverage streams the
reports, so peak memory and page size should stay flat as the reports grow a hundredfold; the time is shown
next to `summary --json` over the same million for context (the rest is matplotlib drawing five charts).

The databases are bench_summary's (50 stations, two years of reports; built once and reused). Two periods:
all reports (730 days: the page says coverage is left out, over its 366-day limit) and the last 365 days
(coverage expands the schedules and reads every report of the year once). Not a test:

    .venv/bin/python -m bench.bench_html_report [--workdir DIR]
"""

from __future__ import annotations

from pathlib import Path

from bench.bench_summary import REPORTS, build_database
from bench.common import SWTRACKER, Comparison, Run, run, standalone

SMALL = 10_000
YEAR = ("--since", "2025-11-01", "--until", "2026-11-01")  # the last 365 days of bench_summary's reports


def _page(database: Path, page: Path, *period: str) -> tuple[Run, float]:
    """The command's run and the page's size in kB."""
    measured = run([*SWTRACKER, "--db", str(database), "summary", "--html", str(page), *period])
    return measured, page.stat().st_size / 1000


def html_comparisons(workdir: Path, rows: int = REPORTS) -> list[Comparison]:
    big, small = workdir / f"summary-{rows}.db", workdir / f"summary-{SMALL}.db"
    build_database(big, rows)
    build_database(small, SMALL)
    comparisons = []
    for name, period in (("730 days", ()), ("365 days + coverage", YEAR)):
        small_run, small_kb = _page(small, workdir / "page-small.html", *period)
        big_run, big_kb = _page(big, workdir / "page-big.html", *period)
        versus = f"same over {SMALL:,} reports"
        comparisons += [
            Comparison(
                f"--html peak RSS, {rows:,} reports, {name}",
                big_run.max_rss_kb / 1024,
                small_run.max_rss_kb / 1024,
                versus,
                1.3,
                "MB",
            ),
            Comparison(f"--html page size, {rows:,} reports, {name}", big_kb, small_kb, versus, 1.5, "kB"),
            Comparison(f"--html time, {rows:,} reports, {name}", big_run.seconds, small_run.seconds, versus, None),
        ]
    summary_json = run([*SWTRACKER, "--db", str(big), "summary", "--json"]).seconds
    comparisons.append(
        Comparison(
            f"--html time vs --json, {rows:,} reports",
            comparisons[2].measured,
            summary_json,
            "swtracker summary --json",
            None,
        )
    )
    return comparisons


def main() -> None:
    standalone(__doc__, html_comparisons, REPORTS)


if __name__ == "__main__":
    main()
