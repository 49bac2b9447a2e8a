"""Rich output for terminals: data strings become ``Text`` (never markup), cells fold, never cut."""

from __future__ import annotations

from rich import box
from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table as RichTable
from rich.text import Text

from usc_cli.render.document import Block, Columns, Document, Fields, Heading, Para, Quote, Table, quoted, visible
from usc_cli.render.layout import GAP, column_widths, wrap
from usc_cli.render.palette import HIT_STYLE, side_style
from usc_cli.vocab import Side

_PARA_STYLES = {"plain": "", "muted": "dim", "gap": "italic yellow", "strong": "bold"}


def text(value: str, style: str = "") -> Text:
    """Data as a rich Text with control characters shown escaped."""
    return Text(visible(value), style=style)


def _records(columns: list[str], rows: list[list[str]], title: str | None, gap: str | None) -> RenderableType:
    """A table too wide for the terminal, as one block of ``column: value`` lines per row."""
    lines: list[RenderableType] = [text(title, "bold")] if title else []
    for n, row in enumerate(rows):
        if n:
            lines.append(Text(""))
        for column, cell in zip(columns, row, strict=True):
            line = text(f"{column}: ", "bold")
            line.append_text(text(cell, "red" if cell == gap else ""))
            lines.append(line)
    return Group(*lines)


def _grid(
    columns: list[str],
    rows: list[list[str]],
    title: str | None,
    gap: str | None,
    width: int,
    ascii_only: bool,
    leading: int = 0,
    sides: tuple[Side | None, ...] = (),
    marked: bool = False,
) -> RenderableType | None:
    """The rows as a table whose columns fit ``width`` with every word whole, or None if none fits."""
    layout = column_widths(columns, rows, width)
    if layout is None:
        return None
    widths, hyphens = layout
    table = RichTable(
        title=text(title) if title else None,
        box=box.ASCII if ascii_only else box.SIMPLE_HEAD,
        show_edge=False,
        pad_edge=False,
        collapse_padding=True,
        header_style="bold",
        leading=leading,
    )
    for n, (column, column_width) in enumerate(zip(columns, widths, strict=True)):
        side = sides[n] if n < len(sides) else None
        head = text(wrap(column, column_width, hyphens), side_style(side) if side else "")
        table.add_column(head, width=column_width, no_wrap=True)
    for row in rows:
        cells = zip(row, widths, strict=True)
        table.add_row(*(_hits(text(wrap(cell, w, hyphens), "red" if cell == gap else ""), marked) for cell, w in cells))
    return table


def _folded(columns: list[str], rows: list[list[str]]) -> tuple[list[str], list[list[str]]]:
    """A table of many columns as two: the first column, and the others as ``column: value`` lines."""
    rest = columns[1:]
    folded = [
        [row[0], "\n".join(f"{column}: {cell}" for column, cell in zip(rest, row[1:], strict=True))] for row in rows
    ]
    return [columns[0], ""], folded


def _fields(items: list[tuple[str, str]], width: int) -> RenderableType:
    """Labels beside their values, labels wrapping first; a value with a word too long to sit beside
    its label (a URL) goes on its own lines under it."""

    def fits(value: str) -> bool:
        return max((len(word) for word in value.split()), default=0) <= width // 2

    beside = [[label, value] for label, value in items if fits(value)]
    layout = column_widths(["", ""], beside, width + GAP - 1) if beside else None  # the grid's gap is 1
    parts: list[RenderableType] = []
    grid: RichTable | None = None
    for label, value in items:
        if layout is None or not fits(value):
            parts += [text(label, "bold"), Padding(text(value), (0, 0, 0, 2))]
            grid = None
            continue
        (label_width, value_width), hyphens = layout
        if grid is None:
            grid = RichTable.grid(padding=(0, 1))
            grid.add_column(style="bold", width=label_width, no_wrap=True)
            grid.add_column(width=value_width, no_wrap=True)
            parts.append(grid)
        grid.add_row(text(wrap(label, label_width, hyphens)), text(wrap(value, value_width, hyphens)))
    return Group(*parts)


def _hits(value: Text, marked: bool) -> Text:
    """Style each «hit» (marks kept: colour is never the only cue)."""
    if marked:
        value.highlight_regex(r"«[^«»]*»", HIT_STYLE)
    return value


def to_renderable(doc: Document, width: int, ascii_only: bool = False) -> RenderableType:
    """Render a document for a terminal ``width`` columns wide."""
    return Group(*_blocks(doc.blocks, width, ascii_only))


def _blocks(blocks: list[Block], width: int, ascii_only: bool) -> list[RenderableType]:
    """Blocks in order; a section heading, and an item (a strong paragraph) that follows another
    item's lines, get a blank line above them, except at the very top."""
    out: list[RenderableType] = []
    for n, block in enumerate(blocks):
        rendered = _block(block, width, ascii_only)
        starts_item = isinstance(block, Para) and block.style == "strong"
        starts_section = isinstance(block, Heading) and block.level > 1
        if n > 0 and (starts_section or (starts_item and not isinstance(blocks[n - 1], Heading))):
            rendered = Padding(rendered, (1, 0, 0, 0))
        out.append(rendered)
    return out


def _block(block: Block, width: int, ascii_only: bool) -> RenderableType:
    match block:
        case Heading(value, level, side):
            style = side_style(side) if side else ("bold underline" if level == 1 else "bold")
            return text(value, style)
        case Para(value, style):
            return text(value, _PARA_STYLES[style])
        case Fields(items):
            return _fields([(label + ":", value) for label, value in items], width)
        case Table(columns, rows, title, gap, marked, sides):
            return (
                _grid(columns, rows, title, gap, width, ascii_only, sides=sides, marked=marked)
                or _grid(*_folded(columns, rows), title, gap, width, ascii_only, leading=1, marked=marked)
                or _records(columns, rows, title, gap)
            )
        case Quote(value, cite, context):
            quote_lines = [text(quoted(value), "italic"), text(f"— {cite}", "dim")]
            if context:
                quote_lines.insert(1, text(f"in context: {context}", "dim"))
            return Padding(Group(*quote_lines), (0, 0, 0, 2))
        case Columns(panes, min_width):
            if width < min_width:
                stacked: list[RenderableType] = []
                for pane in panes:
                    style = f"{side_style(pane.side)} reverse" if pane.side else "bold reverse"
                    stacked.append(Padding(text(pane.title, style), (1, 0, 0, 0)))
                    stacked.extend(_blocks(pane.blocks, width, ascii_only))
                return Group(*stacked)
            grid = RichTable(box=box.ASCII if ascii_only else box.SIMPLE_HEAD, expand=True, show_edge=False)
            for pane in panes:
                grid.add_column(
                    text(pane.title, side_style(pane.side) if pane.side else "bold"), ratio=1, overflow="fold"
                )
            grid.add_row(*(Group(*_blocks(p.blocks, width // len(panes), ascii_only)) for p in panes))
            return grid
    raise TypeError(f"unknown block {block!r}")  # pragma: no cover
