"""Listing renders exactly what Rich's own Table renders for the same table: the same characters in the same
styles, on every line, at every width (colour on, so styles are compared too), and the same text on a console
that writes no styles (Listing's plain-text path)."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich import box
from rich.cells import cell_len
from rich.console import Console, JustifyMethod
from rich.style import Style
from rich.table import Table
from rich.text import Text

from swtracker.cli.listing import Listing, cell_width, widest
from swtracker.cli.render import items_table
from swtracker.services.onair import FilterOptions, on_air, starting_soon
from swtracker.services.setup import open_database

WIDTHS = (24, 40, 80, 120, 250)


def _as_rich_table(table: Table) -> Table:
    plain = Table.__new__(Table)
    plain.__dict__.update(table.__dict__)
    return plain


def _styled_characters(table: Table, width: int) -> list[tuple[str, Style]]:
    console = Console(
        width=width, file=io.StringIO(), force_terminal=True, color_system="truecolor", highlight=False, markup=False
    )
    return [(char, segment.style or Style.null()) for segment in console.render(table) for char in segment.text]


def _written_without_styles(table: Table, width: int) -> str:
    """What a console that writes no styles (output to a pipe) prints: Listing's plain-text lines."""
    console = Console(width=width, file=io.StringIO(), highlight=False, markup=False)
    assert console.color_system is None
    console.print(table)
    assert isinstance(console.file, io.StringIO)
    return console.file.getvalue()


def _assert_same_as_rich(table: Table, widths: tuple[int, ...] = WIDTHS) -> None:
    assert isinstance(table, Listing)
    for width in widths:
        fast, rich = _styled_characters(table, width), _styled_characters(_as_rich_table(table), width)
        fast_text, rich_text = "".join(c for c, _ in fast), "".join(c for c, _ in rich)
        assert fast_text == rich_text, f"width {width}"
        assert fast == rich, f"width {width}"
        plain = _written_without_styles(table, width)
        assert plain == _written_without_styles(_as_rich_table(table), width), f"width {width}, no styles"


def _listing(*, pad_edge: bool = False) -> Listing:
    return Listing(title="T", title_justify="left", header_style="bold", box=box.SIMPLE_HEAD, pad_edge=pad_edge)


@pytest.mark.parametrize("pad_edge", [False, True])
def test_cells_that_fit_wrap_fold_and_carry_styles_render_as_rich_renders_them(pad_edge: bool) -> None:
    table = _listing(pad_edge=pad_edge)
    table.add_column("kHz", justify="right", no_wrap=True)
    table.add_column("Mid", justify="center")
    table.add_column("Station", ratio=1, overflow="fold")
    station = Text("Voice of Korea", style="bold")
    station.append(" [MoWe]", style="dim")
    station.append("\nK → KRE · Kujang · sked-a26:101", style="dim")
    table.add_row("6015", "x", station)
    table.add_row(
        "7.5", Text("centred", style="italic"), Text.assemble(("JAMMER ", "bold red"), ("Noise", "bold")), style="red"
    )
    table.add_row("11710", "", "자유북한방송 Free North Korea Radio, a name long enough to wrap at eighty columns")
    table.add_row("9999", "two\nlines", "a-single-word-far-too-long-for-any-narrow-column-so-it-is-folded-by-rich")
    table.add_row("1", ":smile: [b]", "")
    table.add_row("2", "ends with a line break\n", Text("a\n\nb", style="dim"))
    _assert_same_as_rich(table)


def test_a_no_wrap_column_too_narrow_for_its_values_is_left_to_rich() -> None:
    table = _listing()
    table.add_column("When", no_wrap=True)
    table.add_column("Station", ratio=1, overflow="fold")
    table.add_row("Wed 22:10–22:15 +09", "Ho Chi Minh City")
    _assert_same_as_rich(table)


@pytest.mark.parametrize("zone", [None, "Asia/Seoul"])
def test_now_and_next_on_the_real_a26_listing(a26_db: str, zone: str | None) -> None:
    database = open_database(a26_db)
    at = datetime(2026, 7, 1, 13, 10, tzinfo=UTC)
    tz = ZoneInfo(zone) if zone else None
    now = on_air(database, at, FilterOptions(kind="jammer"), limit=20).items
    now += on_air(database, at, FilterOptions(), limit=100).items
    soon = starting_soon(database, at, 3, FilterOptions(), limit=100).items
    assert len(now) == 120
    assert len(soon) == 100
    for width in (80, 160):  # the width-aware table's layout for each width, with its fixed column widths
        _assert_same_as_rich(items_table(now, tz, title="now").table_for(width), (width,))
        _assert_same_as_rich(items_table(soon, tz, title="next", starts=True).table_for(width), (width,))


_CHARACTERS = st.sampled_from([*"abcXYZ019 -:/()[]", "  ", "\n", "\t", "–", "→", "·", "é", "자", "유"])
_STYLES = st.sampled_from(["", "bold", "dim", "red", "bold red", "yellow on blue"])
_TEXTS = st.lists(_CHARACTERS, max_size=40).map("".join)


@st.composite
def _styled_texts(draw: st.DrawFn) -> Text:
    """Text as the listings build it: a base style, then appended runs in styles of their own."""
    justifications: list[JustifyMethod | None] = [None, None, "left", "right", "center", "full", "default"]
    justify = draw(st.sampled_from(justifications))
    text = Text(draw(_TEXTS), style=draw(_STYLES), justify=justify)
    for part, style in draw(st.lists(st.tuples(_TEXTS, _STYLES), max_size=3)):
        text.append(part, style=style)
    return text


@settings(max_examples=200, deadline=None)
@given(
    widths=st.lists(st.integers(min_value=1, max_value=30) | st.none(), min_size=3, max_size=3),
    rows=st.lists(st.tuples(_TEXTS, _styled_texts(), _styled_texts(), _STYLES), min_size=1, max_size=4),
    width=st.integers(min_value=8, max_value=120),
    justify=st.sampled_from(["left", "right", "center"]),
)
def test_any_text_in_any_style_renders_as_rich_renders_it(
    widths: list[int | None], rows: list[tuple[str, Text, Text, str]], width: int, justify: JustifyMethod
) -> None:
    table = Listing(box=box.SIMPLE_HEAD, header_style="bold", show_edge=False, pad_edge=False, padding=(0, 1, 0, 0))
    table.add_column("kHz", justify="right", width=widths[0], no_wrap=True)
    table.add_column("Days", width=widths[1], overflow="fold", justify=justify)
    table.add_column("Station", width=widths[2], overflow="crop")
    for plain, days, station, style in rows:
        table.add_row(Text(plain), days, station, style=style)
    _assert_same_as_rich(table, (width,))


def test_every_character_of_the_basic_plane_is_as_wide_as_rich_measures_it() -> None:
    characters = [chr(code) for code in range(0x10000) if not 0xD800 <= code < 0xE000]
    assert [cell_width(f"a{c}–") for c in characters] == [cell_len(f"a{c}–") for c in characters]


_WIDTH_CHARACTERS = st.sampled_from(
    [*"aZ9 -·→–é\t\n\x07\x1b", "자", "\u0301", "\u200b", "\u200d", "\ufe0f", "👍", "\U0001f468", "\u00ad", "\u2028"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(_WIDTH_CHARACTERS, max_size=12).map("".join), max_size=5))
def test_widths_are_rich_widths(texts: list[str]) -> None:
    for text in texts:
        assert cell_width(text) == cell_len(text)
    assert widest(texts) == max(map(cell_len, texts), default=0)
