"""Every performance comparison of swtracker, each against its baseline in the same run; prints a table of ratios.

    python -m bench.run [--workdir DIR] [--only import,query,reports,summary,html]

Builds its synthetic inputs (939,100 schedule rows, 100,000 and 1,000,000 reports) under the work directory
(default bench/work/, reused between runs). Not part of the test suite: timings belong here, never in tests.
"""

from __future__ import annotations

import argparse
import platform
from pathlib import Path

from bench import bench_html_report, bench_reports_import, bench_schedule, bench_summary
from bench.common import Comparison, table

GROUPS = ("import", "query", "reports", "summary", "html")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--workdir", type=Path, default=Path(__file__).parent / "work")
    parser.add_argument("--only", default=",".join(GROUPS), help="comma-separated groups: " + ", ".join(GROUPS))
    options = parser.parse_args()
    options.workdir.mkdir(parents=True, exist_ok=True)
    bench_schedule.require_tools()
    wanted = set(options.only.split(","))
    comparisons: list[Comparison] = []
    if "import" in wanted:
        comparisons += bench_schedule.import_comparisons(options.workdir)
    if "query" in wanted:
        comparisons += bench_schedule.query_comparisons(options.workdir)
    if "reports" in wanted:
        comparisons += bench_reports_import.reports_comparisons()
    if "summary" in wanted:
        comparisons += bench_summary.summary_comparisons(options.workdir)
    if "html" in wanted:
        comparisons += bench_html_report.html_comparisons(options.workdir)
    print(f"{platform.node()}: {platform.processor() or platform.machine()}, Python {platform.python_version()}")
    print(table(comparisons))


if __name__ == "__main__":
    main()
