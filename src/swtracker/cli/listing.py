"""A Rich table for long listings (`now` and `next` print every airing of a season: 1,600 rows and more).

Rich measures and renders every cell through its general machinery (padding, wrapping, cropping, shaping:
about 250 µs a cell), which made the table cost twice Python's start-up. `Listing` is laid out exactly as Rich
lays out a `Table` (the same column widths), and renders the same characters in the same styles, but a body
cell whose lines fit its column is written straight out; only a cell that must wrap goes through Rich's own
wrapping. On a console that writes no styles (output to a pipe or a file) each body line is one segment of plain
text. Tables of another shape than the listings' (see `_plain_shape`) are rendered by Rich unchanged.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from itertools import pairwise
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from rich._wrap import divide_line  # Rich's word wrapping, which `_wrapped` follows
from rich.cells import cell_len, get_character_cell_size, set_cell_size
from rich.measure import Measurement
from rich.segment import Segment
from rich.style import Style
from rich.table import Column, Table
from rich.text import Text

if TYPE_CHECKING:
    from rich.box import Box
    from rich.console import Console, ConsoleOptions, RenderableType, RenderResult

Line = list[Segment]
Piece = tuple[str, Style | None]


class Listing(Table):
    """A `rich.table.Table` whose body rows are rendered without per-cell overhead (module docstring)."""

    _text_only: tuple[int, bool] = (-1, False)  # (rows, whether every cell is text) when last looked at

    def _plain_shape(self) -> bool:
        """The shape the fast path reproduces: boxed, no footer or row lines, cells of text, fixed padding."""
        top, _, bottom, _ = self.padding
        return (
            self.box is not None
            and not self.show_footer
            and not self.show_lines
            and not self.leading
            and not self.collapse_padding
            and not self.row_styles
            and top == bottom == 0
            and all(
                column.min_width is None and column.max_width is None and column.vertical == "top"
                for column in self.columns
            )
            and self._text_cells()
        )

    def _text_cells(self) -> bool:
        """Every cell is text and no row ends a section: looked at once per number of rows (rows are only ever
        added), not once per column measured."""
        rows, text_only = self._text_only
        if rows != len(self.rows):
            text_only = all(isinstance(cell, (str, Text)) for column in self.columns for cell in column._cells) and all(
                not row.end_section for row in self.rows
            )
            self._text_only = (len(self.rows), text_only)
        return text_only

    def _measure_column(self, console: Console, options: ConsoleOptions, column: Column) -> Measurement:
        if not self._plain_shape() or not isinstance(column.header, (str, Text)) or column.width is not None:
            return super()._measure_column(console, options, column)
        limit = options.max_width
        if limit < 1:
            return Measurement(0, 0)
        extra = self._get_padding_width(column._index)
        if limit - extra < 1:
            return Measurement(limit, limit)
        widest_word = widest_line = 0
        for cell in (column.header, *column._cells):
            text = cell.plain if isinstance(cell, Text) else _text(console, cell).plain
            lines = text.splitlines()
            longest = max(map(cell_width, lines)) if lines else 0
            words = text.split()
            shortest = min(max(map(cell_width, words)) if words else longest, longest)
            widest_word = max(widest_word, min(shortest, limit) + extra)
            widest_line = max(widest_line, min(longest, limit) + extra)
        return Measurement(min(widest_word, limit), min(widest_line, limit)).with_maximum(limit)

    def _render(self, console: Console, options: ConsoleOptions, widths: list[int]) -> RenderResult:
        if not self._plain_shape():
            yield from super()._render(console, options, widths)
            return
        assert self.box is not None
        safe = console.safe_box if self.safe_box is None else self.safe_box
        box = self.box.substitute(options, safe=safe)
        body = self._body(console, widths, box if self.show_header else box.get_plain_headed_box())
        if body is None:  # a column too narrow for its values: Rich crops them its own way
            yield from super()._render(console, options, widths)
            return
        # The edges and the header, from Rich: the same table without its rows.
        frame = list(_without_rows(self)._render(console, options, widths))
        bottom = frame[-2:] if self.show_edge else []
        yield from frame[: len(frame) - len(bottom)]
        yield from body
        yield from bottom

    def _body(self, console: Console, widths: list[int], box: Box) -> list[Segment] | None:
        """The body rows' segments, as Rich's Table._render makes them; None when a value of a no-wrap column
        does not fit its width. On a console that writes no styles (output to a pipe or a file), each line is one
        segment of plain text: the console would write the same characters."""
        plain = console.color_system is None and not console.record
        border = console.get_style(self.style or "") + console.get_style(self.border_style or "")
        pads = [self._cell_padding(index) for index in range(len(self.columns))]
        cell_styles = [console.get_style(column.style or "") for column in self.columns]
        edges = {
            "first": (box.head_left, box.head_right, box.head_vertical),  # the first row when there is no header
            "mid": (box.mid_left, box.mid_right, box.mid_vertical),
            "last": (box.foot_left, box.foot_right, box.foot_vertical),
        }
        count = len(self.rows)
        styled = _StyledSegments(console)
        # What rows of one style in one place share: their cells' styles, divider and blank cells; and the cells
        # already made for plain values (a listing repeats "daily" and "0000–2400" hundreds of times).
        shared: dict[tuple[object, str], tuple[list[Style], Segment, list[Segment]]] = {}
        # A console writing no styles gets each cell's lines as text, any other its lines of segments.
        make_cell = _cell_texts if plain else _cell_lines
        made: dict[tuple[object, ...], list[Any]] = {}
        new_line = Segment.line()
        body: list[Segment] = []
        for index, row in enumerate(self.rows):
            place = "first" if index == 0 and not self.show_header else "last" if index == count - 1 else "mid"
            left, right, divider = edges[place]
            known = shared.get((row.style, place))
            if known is None:
                row_style = console.get_style(row.style) if row.style is not None else Style.null()
                divider_style = border if divider.strip() else row_style.background_style + border
                styles = [style + row_style for style in cell_styles]
                blanks = [Segment(" " * width, style) for width, style in zip(widths, styles, strict=True)]
                known = shared[(row.style, place)] = (styles, Segment(divider, divider_style), blanks)
            styles, divider_segment, blanks = known
            cells: list[list[Any]] = []  # each cell's lines: texts when plain, else lists of segments
            for column_index, (column, width, pad, style) in enumerate(
                zip(self.columns, widths, pads, styles, strict=True)
            ):
                text = _text(console, column._cells[index])
                reusable = not text.spans and not text.style
                key = (column_index, row.style, text.plain, text.justify, text.overflow, text.no_wrap)
                lines = made.get(key) if reusable else None
                if lines is None:
                    lines = make_cell(styled, text, width, column, pad, style)
                    if lines is None:
                        return None
                    if reusable:
                        made[key] = lines
                cells.append(lines)
            if plain:
                for line_text in _plain_lines(cells, widths, divider):
                    body.append(Segment(f"{left}{line_text}{right}" if self.show_edge else line_text))
                    body.append(new_line)
                continue
            for number in range(max(map(len, cells))):
                line = [Segment(left, border)] if self.show_edge else []
                for column_index, lines in enumerate(cells):
                    if column_index:
                        line.append(divider_segment)
                    if number < len(lines):
                        line.extend(lines[number])
                    else:
                        line.append(blanks[column_index])
                if self.show_edge:
                    line.append(Segment(right, border))
                body.extend(_unstyled_runs_joined(line))
                body.append(new_line)
        return body

    def _cell_padding(self, index: int) -> tuple[int, int]:
        """(left, right) padding of a body cell in column `index` (Rich's rule, pad_edge included)."""
        _, right, _, left = self.padding
        if not self.pad_edge:
            left = 0 if index == 0 else left
            right = 0 if index == len(self.columns) - 1 else right
        return left, right


def _plain_lines(cells: list[list[str]], widths: list[int], divider: str) -> list[str]:
    """A row's lines as text, from its cells' lines (a cell with fewer lines is blank below them)."""
    return [
        divider.join([lines[number] if number < len(lines) else " " * widths[i] for i, lines in enumerate(cells)])
        for number in range(max(map(len, cells)))
    ]


def _unstyled_runs_joined(line: Line) -> Line:
    """The line with each run of unstyled segments (cells and dividers in no style) made one segment. A console
    writes an unstyled segment's text as it is, so the output is the same, and a listing has half as many
    segments for the console to measure and write."""
    joined: Line = []
    run: list[str] = []
    for segment in line:
        if segment.style:
            if run:
                joined.append(Segment("".join(run)))
                run = []
            joined.append(segment)
        else:
            run.append(segment.text)
    if run:
        joined.append(Segment("".join(run)))
    return joined


def _without_rows(table: Table) -> Table:
    frame = Table.__new__(Table)
    frame.__dict__.update(table.__dict__)
    frame.columns = [replace(column, _cells=[]) for column in table.columns]
    frame.rows = []
    return frame


def _text(console: Console, cell: RenderableType) -> Text:
    """A cell as Rich would render it: a str goes through markup and emoji codes only when it could hold them.
    Only text cells come here (`_plain_shape`)."""
    if isinstance(cell, Text):
        return cell
    assert isinstance(cell, str)
    if ("[" in cell and console._markup) or (":" in cell and console._emoji):
        return console.render_str(cell, highlight=False)
    return Text(cell)


_PRINTABLE_ASCII = frozenset(map(chr, range(0x20, 0x7F)))
_JOINERS = frozenset("\u200d\ufe0f")  # the zero-width joiner and variation selector 16: Rich's full rule


def cell_width(text: str) -> int:
    """Rich's cell_len, with one look-up per distinct character that is not printable ASCII (one cell each)
    instead of one per character: a listing's lines are mostly ASCII, with a few "–", "→" or Korean names."""
    if text.isascii() and text.isprintable():
        return len(text)
    others = set(text).difference(_PRINTABLE_ASCII)
    if others & _JOINERS:
        return cell_len(text)
    return len(text) + sum(text.count(char) * (get_character_cell_size(char) - 1) for char in others)


def widest(texts: Sequence[str]) -> int:
    """The largest cell_width of `texts` (0 for none): their lengths when every character that is not printable
    ASCII ("–", "→", "·" in a listing) is one cell wide, as it mostly is; a whole column is measured at once."""
    others = set("".join(texts)).difference(_PRINTABLE_ASCII)
    if all(get_character_cell_size(char) == 1 for char in others) and not others & _JOINERS:
        return max(map(len, texts), default=0)
    return max(map(cell_width, texts), default=0)


def _cell_lines(
    styled: _StyledSegments, text: Text, width: int, column: Column, pad: tuple[int, int], style: Style
) -> list[Line] | None:
    """A body cell's lines, each `width` cells wide: its text in `style` under the text's own styles, justified
    like the column, padded left and right. Lines that do not fit are wrapped by Rich (Text.wrap); in a no-wrap
    column, or in a column with no room for text, None."""
    left, right = pad
    inner = width - left - right
    if inner < 1:  # no room left for any text: Rich's own rule for that
        return None
    justify = text.justify or column.justify
    plain = text.plain
    texts = plain.split("\n")
    own = _fits_own(plain, texts, justify)
    if own and not text.spans and not text.style and len(texts) == 1 and (size := cell_width(plain)) <= inner:
        # The common cell: one run of one style.
        return [[Segment(_justified(plain, size, inner, justify, left, right), style)]]
    console = styled.console
    line_style = style + console.get_style(text.style) if text.style else style
    if own and all(cell_width(line) <= inner for line in texts):
        pieces = _split_lines(styled.of(text))
        sizes = [cell_width(line) for line in texts]
    elif column.no_wrap:
        return None
    else:
        wrapped = text.wrap(
            console,
            inner,
            justify=justify,
            overflow=text.overflow or column.overflow or "fold",
            no_wrap=bool(text.no_wrap),
        )
        pieces = [styled.of(line) for line in wrapped]
        sizes = [line.cell_len for line in wrapped]
    lines = []
    for segments, size in zip(pieces, sizes, strict=True):
        line = [Segment(t, style + s if s else style) for t, s in segments]
        gap = inner - size
        if gap > 0:
            before = gap if justify == "right" else gap // 2 if justify == "center" else 0
            if before:
                line.insert(0, Segment(" " * before, line_style))
            if gap - before:  # the table pads a line Rich's wrapping left short in the cell's style
                line.append(Segment(" " * (gap - before), line_style if own or justify == "left" else style))
        if left:
            line.insert(0, Segment(" " * left, style))
        if right:
            line.append(Segment(" " * right, style))
        lines.append(line)
    return lines


def _cell_texts(
    styled: _StyledSegments, text: Text, width: int, column: Column, pad: tuple[int, int], style: Style
) -> list[str] | None:
    """A body cell's lines as `_cell_lines` makes them, as plain text (styles left out): lines that fit their
    column are justified and padded here, whatever their styles."""
    left, right = pad
    inner = width - left - right
    justify = text.justify or column.justify
    plain = text.plain
    texts = plain.split("\n")
    if inner >= 1 and _fits_own(plain, texts, justify) and max(sizes := list(map(cell_width, texts))) <= inner:
        return [_justified(line, size, inner, justify, left, right) for line, size in zip(texts, sizes, strict=True)]
    overflow = text.overflow or column.overflow or "fold"
    if inner >= 1 and justify == "left" and overflow in ("crop", "fold") and "\t" not in plain and not column.no_wrap:
        return [f"{' ' * left}{line}{' ' * right}" for line in _wrapped(texts, inner, fold=overflow == "fold")]
    lines = _cell_lines(styled, text, width, column, pad, style)
    return None if lines is None else ["".join([segment.text for segment in line]) for line in lines]


def _wrapped(texts: list[str], width: int, *, fold: bool) -> list[str]:
    """What Text.wrap makes of a text's lines, left-justified and cropped or folded to `width`, as plain text:
    each line cut where Rich's word wrapping cuts it, its blanks beyond the width dropped, then cut or padded to
    exactly `width` cells."""
    wrapped = []
    for text in texts:
        for start, end in pairwise([0, *divide_line(text, width, fold=fold), len(text)]):
            line = text[start:end]
            if len(line) > width:  # Text.rstrip_end: blanks beyond the width go (counted in characters)
                line = line[: len(line) - min(len(line) - len(line.rstrip()), len(line) - width)]
            size = cell_len(line)
            wrapped.append(set_cell_size(line, width) if size > width else line + " " * (width - size))
    return wrapped


def _fits_own(plain: str, texts: list[str], justify: str) -> bool:
    """Whether a cell's lines, when they fit, are justified here rather than by Rich's wrapping: Rich drops the
    trailing blanks of right and centred lines (Lines.justify) and expands tabs as it wraps, and the table pads
    "default" and "full" lines."""
    return "\t" not in plain and (
        justify == "left" or (justify in ("right", "center") and all(line == line.rstrip() for line in texts))
    )


def _split_lines(pieces: Iterable[Piece]) -> list[list[Piece]]:
    """Pieces cut at each line break: as many lines as the text has (Segment.split_lines drops a last empty
    line)."""
    lines: list[list[Piece]] = [[]]
    for text, style in pieces:
        first, *others = text.split("\n")
        if first:
            lines[-1].append((first, style))
        for other in others:
            lines.append([(other, style)] if other else [])
    return lines


def _justified(text: str, size: int, inner: int, justify: str, left: int, right: int) -> str:
    gap = inner - size
    before = gap if justify == "right" else gap // 2 if justify == "center" else 0
    return f"{' ' * (left + before)}{text}{' ' * (gap - before + right)}"


class _StyledSegments:
    """A text's pieces (text, style) as `Text.render` makes them: its own style beneath its spans (a line of a
    cell carries it as a span in Rich), each piece in the styles of the spans over it combined in span order.
    Text.render combines styles again for every text; here each combination is made once per table."""

    def __init__(self, console: Console):
        self.console = console
        # The styles combined, by their identities; the styles are kept so that no identity is reused.
        self._combined: dict[tuple[int, ...], tuple[tuple[Style, ...], Style]] = {}

    def of(self, text: Text) -> list[Piece]:
        plain = text.plain
        spans = text.spans
        get_style = self.console.get_style
        if not spans:
            return [(plain, get_style(text.style) if text.style else None)]
        null = Style.null()
        styles = [get_style(text.style, default=null), *(get_style(span.style, default=null) for span in spans)]
        events = [
            (0, False, 0),
            *((span.start, False, index) for index, span in enumerate(spans, 1)),
            *((span.end, True, index) for index, span in enumerate(spans, 1)),
            (len(plain), True, 0),
        ]
        events.sort(key=itemgetter(0, 1))
        stack: list[int] = []
        pieces: list[Piece] = []
        for (offset, leaving, index), (next_offset, _, _) in pairwise(events):
            if leaving:
                stack.remove(index)
            else:
                stack.append(index)
            if next_offset > offset:
                pieces.append((plain[offset:next_offset], self._combine(tuple(styles[i] for i in sorted(stack)))))
        return pieces

    def _combine(self, styles: tuple[Style, ...]) -> Style:
        key = tuple(map(id, styles))
        known = self._combined.get(key)
        if known is None:
            known = self._combined[key] = (styles, Style.combine(styles))
        return known[1]
