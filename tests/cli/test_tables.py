"""The width-aware table: chosen and sized for the console it is printed on, never breaking a word."""

from __future__ import annotations

import io
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console

from swtracker.cli.tables import Col, FittedTable
from tests.cli.width_checks import assert_fits

NAMES = ["Free North Korea Radio", "KBS Hanminjok Bangsong", "North Korea Reform Radio", "자유북한방송"]


def rendered(renderable: object, width: int) -> str:
    console = Console(width=width, record=True, no_color=True, file=io.StringIO())
    console.print(renderable)
    return console.export_text()


def words_of(text: str) -> set[str]:
    return set(re.findall(r"\S+", text))


def stations() -> FittedTable:
    table = FittedTable(
        "4 stations",
        [
            Col("Station", key=True),
            Col("Frequency (kHz)", short="kHz", justify="right", wrap=False),
            Col("Aliases", priority=2, min_width=20),
            Col("Country", priority=1, fold=True),
            Col("Notes", priority=3, min_width=20),
        ],
    )
    for name in NAMES:
        aliases = "FNKR, 자유북한방송, Free North Korea Radio [KOR]"
        table.add_row(name, "7615", aliases, "KOR", "defectors in Seoul " * 3)
    return table


@pytest.mark.parametrize("width", [80, 160])
def test_every_line_fits_and_no_word_is_broken(width: int) -> None:
    text = rendered(stations(), width)
    assert_fits(text, width)
    assert {"Free", "North", "Korea", "Radio", "Hanminjok", "Bangsong", "자유북한방송"} <= words_of(text)


def test_wide_terminals_show_every_column_with_full_headers() -> None:
    text = rendered(stations(), 160)
    header = text.splitlines()[1]
    assert header.split() == ["Station", "Frequency", "(kHz)", "Aliases", "Country", "Notes"]
    assert "Free North Korea Radio" in text  # on one line


def test_narrow_terminals_drop_the_highest_priority_first_and_fold_what_asks_to_be_folded() -> None:
    text = rendered(stations(), 24)
    assert_fits(text, 24)
    header = text.splitlines()[1].split()
    assert header[0] == "Station"  # the key column stays
    assert "Notes" not in header
    assert "Aliases" not in header
    assert "Country" not in header
    assert "Country KOR" in text  # folded under the station


def test_short_headers_are_used_before_anything_is_dropped() -> None:
    table = FittedTable(None, [Col("Station", key=True), Col("Frequency in kilohertz", short="kHz", wrap=False)])
    table.add_row("Shiokaze", "5985")
    assert rendered(table, 20).split()[:2] == ["Station", "kHz"]
    assert "kilohertz" in rendered(table, 80)


def test_the_key_column_is_never_dropped_even_when_nothing_fits() -> None:
    table = FittedTable(None, [Col("Station", key=True), Col("Notes", priority=1)])
    table.add_row("Radiocommunications", "x")
    text = rendered(table, 10)
    assert "Station" in text
    assert "Notes" not in text


def test_a_key_column_is_required_and_rows_must_match_the_columns() -> None:
    with pytest.raises(ValueError, match="key column"):
        FittedTable(None, [Col("Notes")])
    table = FittedTable(None, [Col("Station", key=True)])
    with pytest.raises(ValueError, match="1 columns"):
        table.add_row("a", "b")


def test_the_title_and_caption_wrap_at_the_console_not_the_table() -> None:
    table = FittedTable("A long title that is wider than the narrow table below it", [Col("S", key=True)])
    table.caption = "and a caption under it"
    table.add_row("x")
    lines = rendered(table, 80).splitlines()
    assert lines[0] == "A long title that is wider than the narrow table below it"
    assert lines[-1] == "and a caption under it"


@settings(max_examples=60, deadline=None)
@given(
    width=st.integers(min_value=30, max_value=200),
    names=st.lists(st.sampled_from([*NAMES, "Voice of America", "Shiokaze"]), min_size=1, max_size=5),
)
def test_any_width_from_30_columns_fits_and_keeps_names_whole(width: int, names: list[str]) -> None:
    table = FittedTable(
        "t", [Col("Station", key=True), Col("kHz", justify="right", wrap=False), Col("Notes", priority=1)]
    )
    for name in names:
        table.add_row(name, "12130", "jammed from Pyongyang")
    text = rendered(table, width)
    assert_fits(text, width)
    for name in names:
        assert words_of(name) <= words_of(text)
