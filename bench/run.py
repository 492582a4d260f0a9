"""Every performance comparison of swtracker, each against its baseline in the same run; prints a table of ratios.

    python -m bench.run [--workdir DIR] [--only startup,import,query,reports,summary,html]

Compiles swtracker's bytecode first, as installing a wheel does, so start-up figures do not include compiling
(with PYTHONDONTWRITEBYTECODE set, every run would compile the package again). Builds its synthetic inputs
(939,100 schedule rows, 100,000 and 1,000,000 reports) under the work directory (default bench/work/, reused
between runs). Not part of the test suite: timings belong here, never in tests.
"""

from __future__ import annotations

import argparse
import compileall
import platform
from pathlib import Path

import swtracker
from bench import bench_html_report, bench_reports_import, bench_schedule, bench_startup, bench_summary
from bench.common import Comparison, table

GROUPS = ("startup", "import", "query", "reports", "summary", "html")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--workdir", type=Path, default=Path(__file__).parent / "work")
    parser.add_argument("--only", default=",".join(GROUPS), help="comma-separated groups: " + ", ".join(GROUPS))
    options = parser.parse_args()
    options.workdir.mkdir(parents=True, exist_ok=True)
    bench_schedule.require_tools()
    wanted = set(options.only.split(","))
    compileall.compile_dir(Path(swtracker.__file__).parent, quiet=1)
    comparisons: list[Comparison] = []
    if "startup" in wanted:
        comparisons += bench_startup.startup_comparisons(options.workdir)
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
