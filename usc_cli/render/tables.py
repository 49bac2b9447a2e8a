"""Tables laid out for a terminal width: every word whole, each column as wide as its content needs.

A column is never narrower than its longest word (an id, a number, a word of prose), so no word is
ever split. The room left over goes whole to the columns that need little more, then in proportion
to what each column still needs; lists of ids (``taiwan, climate``) wrap between ids, one id per
line at worst. A table whose words cannot fit side by side is split into blocks of columns that
each repeat the row names (when its first column names the rows), or else shown as one record per
row, as every table is below 60 columns.

Lines are built as plain strings in styled pieces and go out as rich segments: a table of thousands
of rows costs what its text costs, without a rich ``Table``'s measuring of every cell.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.measure import Measurement
from rich.segment import Segment
from rich.style import Style
from rich.text import Span, Text

from usc_cli.render.document import Table, visible
from usc_cli.render.palette import HIT_STYLE, side_style
from usc_cli.vocab import Side

GUTTER = 2  # spaces between two columns
RECORDS_BELOW = 60  # narrower terminals get records: a table there would wrap most cells word by word
LIST_SEPARATOR = ", "
_GAP_STYLE = "dim"
_ID = re.compile(r"[a-z0-9][a-z0-9_.-]*")  # lowercase, no spaces: a source, issue or frame id
_WORD = re.compile(r"\S+")


def width_of(value: str) -> int:
    """Terminal cells the string takes (wide characters count twice)."""
    return len(value) if value.isascii() else cell_len(value)


@dataclass(frozen=True)
class Measure:
    """What a column needs: its longest unbreakable piece, its longest line, whether it lists ids."""

    min: int
    natural: int
    is_list: bool


def measure(head: str, cells: Sequence[str]) -> Measure:
    """The column's needs. A column whose cells are ids joined by ", " (and at least one such join) is a
    list: it breaks between ids, so its longest piece is its longest id."""
    is_list = any(LIST_SEPARATOR in cell for cell in cells) and all(
        _ID.fullmatch(item) for cell in cells for line in cell.split("\n") for item in line.split(LIST_SEPARATOR)
    )
    smallest = natural = 0
    for cell in [head, *cells]:
        for line in cell.split("\n"):
            size = width_of(line)
            natural = max(natural, size)
            if size > smallest:  # no piece of this line can beat the longest piece yet
                pieces = [p for p, _ in _pieces(line, LIST_SEPARATOR if is_list and cell is not head else " ")] or [""]
                smallest = max(smallest, *(width_of(piece) for piece in pieces))
    return Measure(smallest, natural, is_list)


def allocate(columns: Sequence[Measure], width: int) -> list[int] | None:
    """Widths for columns that fit ``width`` with gutters, each at least its min (None if the mins do
    not fit): natural widths when they fit. Otherwise each column starts at its min; a column that
    needs no more than an even share of the room left gets all it needs (smallest needs first, so
    short cells stay on one line), and the rest is shared in proportion to what each still needs."""
    room = width - GUTTER * (len(columns) - 1)
    if sum(c.natural for c in columns) <= room:
        return [c.natural for c in columns]
    widths = [c.min for c in columns]
    extra = room - sum(widths)
    if extra < 0:
        return None
    hungry = sorted(
        (n for n, c in enumerate(columns) if c.natural > c.min), key=lambda n: columns[n].natural - widths[n]
    )
    while hungry and columns[hungry[0]].natural - widths[hungry[0]] <= extra // len(hungry):
        n = hungry.pop(0)
        extra -= columns[n].natural - widths[n]
        widths[n] = columns[n].natural
    needs = {n: columns[n].natural - widths[n] for n in hungry}
    total = sum(needs.values())  # > extra, as the naturals do not fit
    shares = {n: extra * need // total for n, need in needs.items()} if total else {}
    for k, n in enumerate(sorted(hungry, key=lambda n: -needs[n])):
        widths[n] += shares[n] + (1 if k < extra - sum(shares.values()) else 0)  # what rounding down left
    return widths


def wrap(line: str, width: int, separator: str = " ") -> list[str]:
    """One line wrapped to ``width`` between the pieces ``separator`` joins (a piece wider stands alone);
    the separator is dropped where the line breaks."""
    if width_of(line) <= width:
        return [line]
    lines: list[str] = []
    current, size = "", 0
    for piece, joiner in _pieces(line, separator):
        piece_size = width_of(piece)
        if current and size + len(joiner) + piece_size <= width:
            current, size = f"{current}{joiner}{piece}", size + len(joiner) + piece_size
            continue
        if current:
            lines.append(current)
        current, size = piece, piece_size
    lines.append(current)
    return lines


def _pieces(line: str, separator: str) -> list[tuple[str, str]]:
    """The pieces a line may break between, each with what joins it to the piece before: the
    separator, or nothing between the characters of Chinese text (``_cjk_parts``)."""
    if separator != " ":
        return [(piece, separator) for piece in line.split(separator)]
    found: list[tuple[str, str]] = []
    for word in line.split():
        parts = _cjk_parts(word) if _CJK.search(word) else [word]
        found += [(part, " " if n == 0 else "") for n, part in enumerate(parts)]
    return found


def wrap_words(cell: str, width: int) -> list[str]:
    """A cell's lines wrapped between words at ``width``."""
    return [piece for line in cell.split("\n") for piece in wrap(line, width)]


Piece = tuple[str, str]  # text and its rich style ("" for none)


class _Lines:
    """Lines of laid-out text, each a list of styled pieces."""

    def __init__(self) -> None:
        self.lines: list[list[Piece]] = []
        self.current: list[Piece] = []
        self.widest = 0  # the widest line laid out

    def add(self, value: str, style: str = "") -> None:
        if value:
            self.current.append((value, style))

    def end_line(self) -> None:
        self.lines.append(self.current)
        self.current = []

    def laid(self) -> Laid:
        return Laid(self.lines, self.widest)


class Laid:
    """Lines already laid out ``width`` cells wide. Where they fit they go out as they are, one
    segment per piece (rich's wrapping and splitting of a long styled text costs more than laying
    it out); in anything narrower (a pane) rich wraps them."""

    def __init__(self, lines: list[list[Piece]], width: int) -> None:
        self.lines = lines
        self.width = width

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        if self.width > options.max_width:
            text = Text("\n".join("".join(value for value, _ in line) for line in self.lines), overflow="fold")
            offset = 0
            for line in self.lines:
                for value, style in line:
                    if style:
                        text.spans.append(Span(offset, offset + len(value), style))
                    offset += len(value)
                offset += 1
            yield text
            return
        styles: dict[str, Style | None] = {"": None}
        new_line = Segment.line()
        for line in self.lines:
            for value, style in line:
                if style not in styles:
                    styles[style] = console.get_style(style)
                yield Segment(value, styles[style])
            yield new_line


def _cell_lines(cell: str, column: Measure, width: int, head: bool) -> list[str]:
    """A cell's lines at ``width``: a list cell breaks between its ids, any other between words."""
    separator = LIST_SEPARATOR if column.is_list and not head else " "
    return [piece for line in cell.split("\n") for piece in wrap(line, width, separator)]


def _row(
    out: _Lines,
    table: Table,
    cells: list[str],
    columns: list[Measure],
    widths: list[int],
    head: bool,
    sides: Sequence[Side | None] = (),
) -> None:
    """One row: each cell wrapped to its column and padded (no trailing spaces), words naming a side
    in the side's style."""
    wrapped = [_cell_lines(cell, c, w, head) for cell, c, w in zip(cells, columns, widths, strict=True)]
    in_hit = [False] * len(cells)  # inside a «search hit» that wraps onto the next line
    for k in range(max(len(lines) for lines in wrapped)):
        pending = 0
        for n, (cell, lines, w) in enumerate(zip(cells, wrapped, widths, strict=True)):
            piece = lines[k] if k < len(lines) else ""
            if piece:
                out.add(" " * pending)
                side = sides[n] if head and n < len(sides) else None
                style = side_style(side) if side else "bold" if head else _GAP_STYLE if cell == table.gap else ""
                if table.marked and not head:
                    in_hit[n] = _hits(out, piece, style, in_hit[n])
                else:
                    _styled(out, table, piece, style)
                pending = 0
            pending += w - width_of(piece) + GUTTER
        out.end_line()


def _hits(out: _Lines, piece: str, style: str, inside: bool) -> bool:
    """A piece of a cell with its «search hits» in the hit style (the marks kept: colour is never the
    only cue); whether a hit is still open at the end of the piece."""
    done = 0
    for k, char in enumerate(piece):
        if char in "«»":
            opening = char == "«"
            out.add(piece[done : k + (0 if opening else 1)], HIT_STYLE if inside else style)
            done = k + (0 if opening else 1)
            inside = opening
    out.add(piece[done:], HIT_STYLE if inside else style)
    return inside


def _styled(out: _Lines, table: Table, piece: str, style: str) -> None:
    """A piece of a cell, its words that name a side (``table.marks``) in that side's style."""
    done = 0
    for word in _WORD.finditer(piece) if table.marks else ():
        side = table.marks.get(word.group())
        if side is not None:
            out.add(piece[done : word.start()], style)
            out.add(word.group(), side_style(side))  # bold already, as a head is
            done = word.end()
    out.add(piece[done:], style)


def _settle(texts: list[list[str]], chosen: list[int], columns: list[Measure], widths: list[int]) -> list[int]:
    """Widths with the room a list column cannot use (two ids never fit side by side in it) given to
    the prose column that needs it most."""
    prose = [k for k, c in enumerate(columns) if not c.is_list and c.natural > widths[k]]
    if not prose:
        return widths
    settled = list(widths)
    for k, column in enumerate(columns):
        if column.is_list and column.natural > widths[k]:
            head, *cells = texts[chosen[k]]
            lines = [*_cell_lines(head, column, widths[k], True)]
            lines += [line for cell in cells for line in _cell_lines(cell, column, widths[k], False)]
            settled[k] = max(width_of(line) for line in lines)  # never more than widths[k]: no piece is wider
    hungriest = max(prose, key=lambda k: columns[k].natural - widths[k])
    settled[hungriest] = min(columns[hungriest].natural, settled[hungriest] + sum(widths) - sum(settled))
    return settled


def _grid(
    texts: list[list[str]],
    table: Table,
    chosen: list[int],
    measures: list[Measure],
    width: int,
    ascii_only: bool,
    out: _Lines,
    spaced: bool = False,
) -> bool:
    """The chosen columns (``texts`` holds each column's head then cells), if they fit ``width``;
    ``spaced``: a blank line between rows."""
    columns = [measures[n] for n in chosen]
    widths = allocate(columns, width)
    if widths is None:
        return False
    widths = _settle(texts, chosen, columns, widths)
    rule = sum(widths) + GUTTER * (len(widths) - 1)
    out.widest = max(out.widest, rule)
    sides = [table.sides[n] if n < len(table.sides) else None for n in chosen]
    _row(out, table, [texts[n][0] for n in chosen], columns, widths, True, sides)
    out.add(("-" if ascii_only else "─") * rule)
    out.end_line()
    for r in range(1, len(texts[0])):
        if spaced and r > 1:
            out.end_line()
        _row(out, table, [texts[n][r] for n in chosen], columns, widths, False)
    return True


def _blocks(columns: list[Measure], width: int) -> list[list[int]] | None:
    """The columns after the first packed into blocks, each fitting beside the first; None if one cannot."""
    first = columns[0]
    head = first.natural if first.natural + GUTTER + max(c.min for c in columns[1:]) <= width else first.min
    room = width - head - GUTTER
    blocks: list[list[int]] = []
    used = room + 1
    for n, column in enumerate(columns[1:], start=1):
        size = min(column.natural, room)
        if size < column.min:
            return None
        if used + GUTTER + size <= room:
            blocks[-1].append(n)
            used += GUTTER + size
        else:
            blocks.append([n])
            used = size
    return blocks


def render_table(table: Table, width: int, ascii_only: bool) -> RenderableType:
    """The table laid out for ``width`` columns, the first of: whole; in blocks of columns (a table
    whose first column names the rows); two columns (the first, and the others as ``column: value``
    lines); records. Every word stays whole, ids included, so they can be copied; records below 60."""
    if width < RECORDS_BELOW:
        return records(table)
    texts = [[visible(table.columns[n]), *(visible(row[n]) for row in table.rows)] for n in range(len(table.columns))]
    columns = [measure(cells[0], cells[1:]) for cells in texts]
    out = _Lines()
    if table.title:
        out.add(visible(table.title), "bold")
        out.end_line()
        out.widest = width_of(visible(table.title))
    every = list(range(len(columns)))
    if _grid(texts, table, every, columns, width, ascii_only, out):
        return out.laid()
    blocks = _blocks(columns, width) if table.row_heads and len(columns) > 1 else None
    if blocks is None:
        return _folded(table, width, ascii_only) or records(table)
    for k, block in enumerate(blocks):
        if k:
            out.end_line()
        _grid(texts, table, [0, *block], columns, width, ascii_only, out)
    return out.laid()


def _folded(table: Table, width: int, ascii_only: bool) -> RenderableType | None:
    """A table of many columns as two: its first column, and the others as ``column: value`` lines
    (a blank line between rows); None if even that does not fit."""
    if len(table.columns) < 3:
        return None
    rest = table.columns[1:]
    # a cell's own lines (a list of ids) become one line: under a label, a bare line would read as a new field
    rows = [
        [row[0], "\n".join(f"{c}: {', '.join(cell.splitlines())}" for c, cell in zip(rest, row[1:], strict=True))]
        for row in table.rows
    ]
    texts = [[visible(table.columns[0]), *(visible(row[0]) for row in rows)], ["", *(visible(row[1]) for row in rows)]]
    two = Table([table.columns[0], ""], rows, marked=table.marked)
    out = _Lines()
    if table.title:
        out.add(visible(table.title), "bold")
        out.end_line()
    measures = [measure(cells[0], cells[1:]) for cells in texts]
    return out.laid() if _grid(texts, two, [0, 1], measures, width, ascii_only, out, spaced=True) else None


_COMPOUND_PART = re.compile(r"[^-]*-|[^-]+")  # "export-controls" -> "export-", "controls"


class Prose:
    """Text wrapped by rich between words, where a word wider than the room it is given (a long
    compound, ``export-controls-on-advanced-semiconductors``) first breaks after its hyphens; only a
    part still wider than the room is folded, as nothing else can show it whole."""

    def __init__(self, text: Text) -> None:
        self.text = text

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield hyphen_breaks(self.text, options.max_width)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, self.text)


# Chinese and Japanese text has no spaces: a line may break between any two characters, except
# before closing punctuation or after opening punctuation (kinsoku), which stay with their word.
_CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]")
_NO_LINE_START = set("、。，．：；？！）］｝〕〉》」』】〙〗〟’”｠»…‥・ー〜,.:;?!)]}")
_NO_LINE_END = set("（［｛〔〈《「『【〘〖〝‘“｟«([{")


def _cjk_parts(word: str) -> list[str]:
    """A run of text holding CJK characters, cut where a line may break: between characters, a run
    of Latin letters and digits kept whole, punctuation kept with the character it belongs to."""
    parts: list[str] = []
    for char in word:
        joins = parts and (
            char in _NO_LINE_START
            or parts[-1][-1] in _NO_LINE_END
            or (char.isascii() and char.isalnum() and parts[-1][-1].isascii() and parts[-1][-1].isalnum())
        )
        if joins:
            parts[-1] += char
        else:
            parts.append(char)
    return parts


def hyphen_breaks(text: Text, width: int) -> Text:
    """``text`` with a line break after the hyphens of each word wider than ``width`` (between the
    characters of Chinese text, never before a closing or after an opening mark), packing as many of
    the word's parts on a line as fit."""
    breaks: list[int] = []
    for word in _WORD.finditer(text.plain):
        if width_of(word.group()) <= width:
            continue
        size, at = 0, 0
        if _CJK.search(word.group()):
            for piece in _cjk_parts(word.group()):
                piece_size = width_of(piece)
                if size and size + piece_size > width:
                    breaks.append(word.start() + at)
                    size = 0
                size += piece_size
                at += len(piece)
            continue
        for part in _COMPOUND_PART.finditer(word.group()):
            part_size = width_of(part.group())
            if size and size + part_size > width:
                breaks.append(word.start() + part.start())
                size = 0
            size += part_size
    if not breaks:
        return text
    return Text("\n").join(text.divide(breaks))


def records(table: Table) -> RenderableType:
    """A table too wide for the terminal, as one block of ``column: value`` lines per row."""
    lines: list[RenderableType] = [Prose(Text(visible(table.title), "bold"))] if table.title else []
    for n, row in enumerate(table.rows):
        if n:
            lines.append(Text(""))
        for column, cell in zip(table.columns, row, strict=True):
            line = Text(visible(f"{column}: "), "bold")
            line.append(visible(cell), _GAP_STYLE if cell == table.gap else "")
            lines.append(Prose(line))
    return Group(*lines)
