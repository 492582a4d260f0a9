"""`swtracker summary --html`: the page opened in headless Chromium with the network off (charts drawn, station
names shown, nothing logged to the console, a screenshot that is not blank), the same bytes from the same data,
and every refusal as one line and an exit code."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from swtracker.cli.html_report.charts import INSTALL_HINT
from tests.conftest import Cli

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SIX_STATIONS = (
    "Free North Korea Radio",
    "KBS Hanminjok Bangsong",
    "North Korea Reform Radio",
    "Radio Free Asia",
    "Shiokaze",
    "Voice of America",
)
GENERATED = re.compile(r"<dt>Generated</dt><dd>[^<]*</dd>")
needs_chromium = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed")


@dataclass
class Opened:
    dom: str
    console: list[str]  # console messages: a CSP violation, a script error
    screenshot: Path


def open_headless(page: Path, tmp_path: Path, height: int = 3000) -> Opened:
    """The page in headless Chromium with no network (no name resolves, the proxy is a closed port), a fresh
    profile, its DOM after load and a screenshot."""
    screenshot = tmp_path / "page.png"
    command = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--host-resolver-rules=MAP * ~NOTFOUND",
        "--proxy-server=127.0.0.1:9",
        f"--user-data-dir={tmp_path / 'chromium-profile'}",
        "--enable-logging=stderr",
        "--v=0",
        f"--window-size=1280,{height}",
        f"--screenshot={screenshot}",
        "--dump-dom",
        page.as_uri(),
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=60, check=True)
    console = [line for line in done.stderr.splitlines() if ":CONSOLE" in line]
    return Opened(done.stdout, console, screenshot)


def pixel_variety(png: Path) -> tuple[int, float]:
    """Distinct colours and the share of pixels that are not white."""
    image = pytest.importorskip("PIL.Image").open(png).convert("RGB")
    colours = image.getcolors(maxcolors=1 << 20) or []
    white = sum(count for count, colour in colours if colour == (255, 255, 255))
    return len(colours), 1 - white / (image.width * image.height)


@needs_chromium
def test_page_renders_in_chromium_without_network(cli: type[Cli], season_db: str, tmp_path: Path) -> None:
    page = tmp_path / "jamming.html"
    result = cli.ok(season_db, "summary", "--html", str(page))
    assert result.stdout == ""
    assert result.stderr.strip() == f"Wrote the jamming report (6 stations) to {page}."
    opened = open_headless(page, tmp_path)
    assert opened.console == []
    svgs = re.findall(r"<svg\b.*?</svg>", opened.dom, re.DOTALL)
    assert len(svgs) == 5  # rates, heat map, trend, coverage, frequencies
    assert all("<path" in svg for svg in svgs)
    for station in SIX_STATIONS:  # drawn as chart text and listed in the tables
        assert station in svgs[0]
        assert f"<td>{station}</td>" in opened.dom
    colours, inked = pixel_variety(opened.screenshot)
    assert colours > 200
    assert inked > 0.1


@needs_chromium
def test_the_harness_sees_a_fetch_and_a_blank_page(tmp_path: Path) -> None:
    """The checks above can fail: a page reaching for the network is logged, a blank one has no variety."""
    page = tmp_path / "bad.html"
    policy = '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'">'
    fetch = '<link rel="stylesheet" href="http://127.0.0.1:9/style.css">'
    page.write_text(f"<!DOCTYPE html><html><head>{policy}{fetch}</head><body></body></html>")
    opened = open_headless(page, tmp_path, height=300)
    assert any("violates the following Content Security Policy" in line for line in opened.console)
    assert pixel_variety(opened.screenshot) == (1, 0.0)


def test_same_data_same_page_apart_from_the_time(cli: type[Cli], season_db: str, tmp_path: Path) -> None:
    first, second = tmp_path / "first.html", tmp_path / "second.html"
    cli.ok(season_db, "summary", "--html", str(first), "--since", "2026-09-01", "--station", "KBS Hanminjok")
    cli.ok(season_db, "summary", "--html", str(second), "--since", "2026-09-01", "--station", "KBS Hanminjok")
    one, two = first.read_bytes().decode(), second.read_bytes().decode()
    assert len(GENERATED.findall(one)) == 1
    assert GENERATED.sub("", one) == GENERATED.sub("", two)
    assert "from 2026-09-01 00:00 UTC" in one
    assert "Shiokaze" not in one


def test_page_is_self_contained(cli: type[Cli], season_db: str, tmp_path: Path) -> None:
    page = tmp_path / "jamming.html"
    cli.ok(season_db, "summary", "--html", str(page), "--until", "2026-09-01")
    text = page.read_text(encoding="utf-8")
    references = re.findall(r'(?:src|href|url)\s*[=(]\s*["\']?([^"\')\s>]+)', text)
    assert references
    assert all(reference.startswith(("#", "data:")) for reference in references), references
    ids = re.findall(r' id="([^"]+)"', text)
    assert len(ids) == len(set(ids)), "five charts on one page: matplotlib's per-figure ids are prefixed"
    assert {reference[1:] for reference in references if reference.startswith("#")} <= set(ids)
    assert "<script" not in text
    assert "@media print" in text
    assert "2026-08-01 to 2026-08-31" in text  # the reports' span before --until


def test_without_matplotlib_one_line_says_what_to_install(
    cli: type[Cli], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in [name for name in sys.modules if name == "matplotlib" or name.startswith("matplotlib.")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # import matplotlib now raises ImportError
    page, database = tmp_path / "jamming.html", tmp_path / "new.sqlite"
    result = cli.run(f"sqlite:///{database}", "summary", "--html", str(page))
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [f"Error: {INSTALL_HINT}"]
    assert "pip install 'swtracker[report]'" in result.stderr
    assert not page.exists()
    assert not database.exists(), "refused before the database is opened"


@pytest.mark.parametrize(
    "extra", [["--json"], ["--csv"], ["--heatmap"], ["--by", "hour"], ["-o", "x.csv"]], ids=lambda e: e[0]
)
def test_html_with_another_output_is_a_usage_error(
    cli: type[Cli], bundled_db: str, tmp_path: Path, extra: list[str]
) -> None:
    result = cli.run(bundled_db, "summary", "--html", str(tmp_path / "p.html"), *extra)
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "p.html").exists()


def test_a_named_station_without_reports_draws_empty_charts(cli: type[Cli], season_db: str, tmp_path: Path) -> None:
    """Unification Media Group is scheduled (7340 kHz daily) but nobody reported it: zero counts, no rate, its
    30 airings of September never monitored, and no warning from the charts (warnings are errors here)."""
    page = tmp_path / "umg.html"
    cli.ok(
        season_db, "summary", "--html", str(page), "--station", "UMG", "--since", "2026-09-01", "--until", "2026-10-01"
    )
    text = page.read_text(encoding="utf-8")
    assert text.count("<svg") == 5
    assert "<td>Unification Media Group</td><td>0</td><td>0</td>" in text
    assert "<td>Unification Media Group</td><td>30</td><td>0</td>" in text  # scheduled, monitored
    assert "<td>7340</td><td>yes</td><td>0</td>" in text


def test_no_reports_is_a_page_that_says_so(cli: type[Cli], bundled_db: str, tmp_path: Path) -> None:
    page = tmp_path / "empty.html"
    result = cli.ok(bundled_db, "summary", "--html", str(page))
    assert "(0 stations)" in result.stderr
    text = page.read_text(encoding="utf-8")
    assert "No reports match: nothing to chart." in text
    assert "<svg" not in text
    assert "north-korean-jammers" in text  # the sources are still listed


def test_the_coverage_section_names_months_with_no_loaded_schedule(
    cli: type[Cli], bundled_db: str, tmp_path: Path
) -> None:
    """The bundled schedules end with B26 (2027-03-27): April 2027 counts no airings, as `coverage` says too."""
    page = tmp_path / "gap.html"
    period = ("--station", "FNKR", "--since", "2027-03-01", "--until", "2027-05-01")
    cli.ok(bundled_db, "summary", "--html", str(page), *period)
    coverage = page.read_text(encoding="utf-8").split('<section id="coverage">')[1].split("</section>")[0]
    assert "No loaded schedule in 2027-04 for Free North Korea Radio." in coverage
    covered = ("--station", "FNKR", "--since", "2026-11-01", "--until", "2026-12-01")
    cli.ok(bundled_db, "summary", "--html", str(page), *covered)
    text = page.read_text(encoding="utf-8")
    assert "Scheduled broadcasts 2026-11-01 to 2026-12-01" in text
    assert "No loaded schedule" not in text
