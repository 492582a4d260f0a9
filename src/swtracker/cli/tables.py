"""Width-aware tables: every listing fits the terminal it is printed on, from 80 columns up.

Use it for any table a command prints::

    from swtracker.cli.tables import Col, FittedTable

    table = FittedTable(
        "3 stations",
        [
            Col("Station", key=True),                        # the key column: never dropped, names wrap on words
            Col("Frequency (kHz)", short="kHz", justify="right", wrap=False),
            Col("Aliases", priority=2),                      # dropped first when the terminal is narrow ...
            Col("Country", priority=1, fold=True),           # ... this one goes under the key cell instead
        ],
    )
    table.add_row("Free North Korea Radio", "7615", "FNKR, 자유북한방송", "KOR")
    render.stdout().print(table)

The table is laid out when it is printed, for the console's width, in this order until it fits: every column
with its full header; the same with short headers; then the column with the highest `priority` goes (the last
one on a tie), its values moved to a second line under the key cell (`fold=True`, as "Header value") or dropped.
Key columns (`key=True`) are never dropped. A column is never narrower than its longest word (or its longest
value, with `wrap=False`), so no name or word is broken in the middle; only when the key columns alone are
wider than the terminal does Rich fold the longest words. The title and caption are printed as wrapped text
above and below the table, so a narrow table never squeezes them.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Literal

from rich import box
from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.table import Table
from rich.text import Text

from swtracker.cli.listing import Listing, cell_width, widest

Cell = str | Text
Justify = Literal["left", "right", "center"]
_GAP = 2  # between columns: one padding cell and the (blank) divider of box.SIMPLE_HEAD


@dataclass(frozen=True)
class Col:
    """One column. `short` is the header used when space is tight; `wrap=False` for values that must stay on
    one line (numbers, times, codes); `priority` orders what goes first (higher first) when the table is too
    wide; `fold=True` moves a dropped column's values under the key cell instead of leaving them out;
    `label` is how a folded value is introduced (default: the short or full header; "" for none); `min_width`:
    rather than wrap narrower than this (long free text), the column goes; `main` marks the key column that
    folded values go under and whose first lines (the names) are kept whole first (default: the first key
    column that wraps)."""

    header: str
    short: str | None = None
    justify: Justify = "left"
    wrap: bool = True
    key: bool = False
    priority: int = 0
    fold: bool = False
    label: str | None = None
    style: str = ""
    min_width: int = 0
    main: bool = False

    def folded_label(self) -> str:
        return self.label if self.label is not None else (self.short or self.header)


@dataclass(frozen=True)
class _Row:
    cells: tuple[Text, ...]
    style: str


def _text(cell: Cell | None) -> Text:
    if cell is None:
        return Text("")
    return cell.copy() if isinstance(cell, Text) else Text(cell)


def _measure(plain: str, wrap: bool) -> Measurement:
    lines = plain.splitlines() or [""]
    widest = max(map(cell_width, lines))
    if not wrap:
        return Measurement(widest, widest)
    return Measurement(max(map(cell_width, plain.split()), default=0), widest)


class FittedTable:
    """A listing whose columns are chosen and sized for the width it is printed at (see the module docstring)."""

    def __init__(
        self,
        title: str | Text | None,
        columns: Sequence[Col],
        *,
        caption: str | Text | None = None,
        short_legend: str | None = None,
    ):
        """`short_legend` is printed under the table when short headers are shown, to say what they mean."""
        if not any(column.key for column in columns):
            raise ValueError("a fitted table needs a key column")
        self.title = title
        self.caption = caption
        self.short_legend = short_legend
        self.columns = list(columns)
        self.rows: list[_Row] = []
        # (widest word, widest line) of a column's cells, by (column, folded columns); the names' width ("names",
        # column): each layout tried measures the same cells, so once per table is enough.
        self._measured: dict[tuple[object, ...], tuple[int, int]] = {}
        self._plain_texts: dict[str | None, Text] = {}

    def add_row(self, *cells: Cell | None, style: str = "") -> None:
        """A row of cells; a Text cell is kept as it is given (and must not be changed afterwards)."""
        if len(cells) != len(self.columns):
            raise ValueError(f"{len(cells)} cells for {len(self.columns)} columns")
        self.rows.append(
            _Row(tuple(cell if isinstance(cell, Text) else self._plain_text(cell) for cell in cells), style)
        )
        self._measured.clear()

    def _plain_text(self, value: str | None) -> Text:
        """A plain cell's Text, made once for a value repeated down the table ("daily", "0000–2400"): cells are
        never changed once added."""
        text = self._plain_texts.get(value)
        if text is None:
            text = self._plain_texts[value] = Text(value or "")
        return text

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        if self.title:
            yield _text(self.title).copy() if isinstance(self.title, Text) else Text(self.title, style="bold")
        table, short = self._layout(options.max_width)
        yield table
        if self.caption:
            yield _text(self.caption) if isinstance(self.caption, Text) else Text(self.caption, style="dim")
        if short and self.short_legend:
            yield Text(self.short_legend, style="dim")

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(1, options.max_width)

    def table_for(self, width: int) -> Table:
        """The Rich table this prints as at `width` columns (without the title and captions)."""
        return self._layout(width)[0]

    def _layout(self, width: int) -> tuple[Table, bool]:
        """The Rich table for `width` columns, the first of the layouts (module docstring) that fits, and whether
        it shows short headers. First with the main key column's values (the names) on one line each, up to half
        the width, dropping secondary columns for that; only when no such layout fits may names wrap on words."""
        for whole_keys in (True, False):
            shown = list(range(len(self.columns)))
            while True:
                for short in (False, True):
                    widths = self._widths(shown, width, short=short, whole_keys=whole_keys)
                    if widths is not None:
                        uses_short = short and any(self.columns[index].short for index in shown)
                        return self._build(shown, widths, short=short), uses_short
                droppable = [index for index in shown if not self.columns[index].key]
                if not droppable:
                    break
                shown.remove(max(reversed(droppable), key=lambda index: self.columns[index].priority))
        keys = [index for index in range(len(self.columns)) if self.columns[index].key]
        return self._build(keys, None, short=True), True

    def _cells(self, shown: Sequence[int]) -> Iterator[tuple[list[Text], str]]:
        """Each row's shown cells, with the dropped `fold` columns' values on a line under the key cell."""
        target = shown.index(self._fold_target(shown))
        folded = self._folded_columns(shown)
        for row in self.rows:
            cells = [row.cells[index] for index in shown]  # rendering does not change them: no copies
            extras = [self._folded(index, row.cells[index]) for index in folded if row.cells[index].plain.strip()]
            if extras:
                cell = cells[target] = cells[target].copy()
                cell.append("\n")
                cell.append_text(Text(" · ").join(extras))
            yield cells, row.style

    def _folded_columns(self, shown: Sequence[int]) -> list[int]:
        return [i for i, column in enumerate(self.columns) if column.fold and i not in shown]

    def _plain(self, row: _Row, index: int, folded: Sequence[int]) -> str:
        """The plain text of a row's cell as `_cells` makes it (with `folded` columns' values under it)."""
        plain = row.cells[index].plain
        extras = [self._folded_plain(i, row.cells[i].plain) for i in folded if row.cells[i].plain.strip()]
        return f"{plain}\n{' · '.join(extras)}" if extras else plain

    def _folded_plain(self, index: int, value: str) -> str:
        label = self.columns[index].folded_label()
        return f"{label} {value}" if label else value

    def _cells_range(self, index: int, folded: Sequence[int]) -> tuple[int, int]:
        """(widest word, widest line) of column `index`'s cells (`_measure`, over the whole column at once),
        `folded` columns' values under them."""
        key = (index, *folded)
        if key not in self._measured:
            plains = [self._plain(row, index, folded) for row in self.rows]
            lines = "\n".join(plains).splitlines()  # every line of every cell (and empty ones, 0 wide)
            widest_line = widest(lines)
            self._measured[key] = (
                widest(" ".join(plains).split()) if self.columns[index].wrap else widest_line,
                widest_line,
            )
        return self._measured[key]

    def _names_width(self, index: int) -> int:
        """The widest first line (the name) of column `index`'s cells."""
        key = ("names", index)
        if key not in self._measured:
            names = widest([row.cells[index].plain.split("\n")[0] for row in self.rows])
            self._measured[key] = (names, names)
        return self._measured[key][0]

    def _folded(self, index: int, value: Text) -> Text:
        label = self.columns[index].folded_label()
        text = Text(f"{label} " if label else "", style="dim")
        text.append_text(value)
        return text

    def _fold_target(self, shown: Sequence[int]) -> int:
        """The main column: the one marked `main`, else the first key column that wraps (the names)."""
        keys = [index for index in shown if self.columns[index].key]
        marked = [index for index in keys if self.columns[index].main]
        return marked[0] if marked else next((index for index in keys if self.columns[index].wrap), keys[0])

    def _widths(self, shown: Sequence[int], width: int, *, short: bool, whole_keys: bool) -> list[int] | None:
        """Each shown column's width, or None when even the narrowest layout is wider than `width` (with
        `whole_keys`: when the main key column cannot show each value on one line, up to half the width)."""
        target = self._fold_target(shown)
        folded = self._folded_columns(shown)
        ranges = []
        for index in shown:
            column = self.columns[index]
            # A header with a short form is shown in full only on one line; otherwise it wraps on its words.
            header = _measure(self._header(column, short), wrap=short or column.short is None)
            widest_word, widest_line = self._cells_range(index, folded if index == target else ())
            widest = max(header.maximum, widest_line)
            narrowest = max(header.minimum, min(column.min_width, widest), widest_word)
            ranges.append(Measurement(narrowest, widest))
        room = width - _GAP * (len(shown) - 1)
        if whole_keys:  # the names (first lines) in the main column, not the details under them, on one line
            names = self._names_width(target)
            position = shown.index(target)
            ranges[position] = Measurement(
                max(ranges[position].minimum, min(names, room // 2)), max(ranges[position].maximum, names)
            )
        if sum(r.minimum for r in ranges) > room:
            return None
        widths = [r.maximum for r in ranges]
        if sum(widths) <= room:
            return widths
        # From the minimum: the key columns get what they want first (names on one line; up to a third of the
        # room, so one very long name does not starve the rest); then the other columns, the least demanding
        # first, so that as many as possible show their values on one line; the rest goes to the key column.
        widths = [r.minimum for r in ranges]
        for position, index in enumerate(shown):
            if self.columns[index].key:
                wanted_width = min(ranges[position].maximum, max(widths[position], room // 3))
                widths[position] += min(wanted_width - widths[position], room - sum(widths))
        target = shown.index(self._fold_target(shown))
        others = sorted((p for p in range(len(shown)) if p != target), key=lambda p: ranges[p].maximum - widths[p])
        for position in [*others, target]:
            widths[position] += min(room - sum(widths), ranges[position].maximum - widths[position])
        return widths

    @staticmethod
    def _header(column: Col, short: bool) -> str:
        return (column.short or column.header) if short else column.header

    def _build(self, shown: Sequence[int], widths: Sequence[int] | None, *, short: bool) -> Table:
        table = Listing(  # a Rich Table that writes long listings out fast
            box=box.SIMPLE_HEAD,
            header_style="bold",
            show_edge=False,
            pad_edge=False,
            padding=(0, 1, 0, 0),
        )
        for position, index in enumerate(shown):
            column = self.columns[index]
            table.add_column(
                self._header(column, short),
                justify=column.justify,
                style=column.style,
                width=None if widths is None else widths[position],
                # Every word fits its column, so "crop" only trims the blank that a wrapped line ends with (Rich's
                # "ellipsis" counts that blank in characters, not cells, and cuts Korean words short). A word
                # longer than its column happens only in the last-resort layout: fold it there.
                overflow="fold" if widths is None else "crop",
            )
        for cells, style in self._cells(shown):
            table.add_row(*cells, style=style)
        return table
