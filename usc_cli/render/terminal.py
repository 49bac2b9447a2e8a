"""Rich output for terminals: data strings become ``Text`` (never markup), cells fold, never cut."""

from __future__ import annotations

from rich import box
from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table as RichTable
from rich.text import Text

from usc_cli.render.document import Block, Columns, Document, Fields, Heading, Para, Quote, Table, quoted, visible
from usc_cli.render.palette import side_style
from usc_cli.render.tables import GUTTER, Measure, Prose, allocate, measure, render_table, wrap_words

_PARA_STYLES = {"plain": "", "muted": "dim", "gap": "italic yellow", "strong": "bold", "lead": "bold"}


def text(value: str, style: str = "") -> Text:
    """Data as a rich Text with control characters shown escaped."""
    return Text(visible(value), style=style)


def _fields(items: list[tuple[str, str]], width: int) -> RenderableType:
    """Labels beside their values, labels wrapping first; a value with a word too long to sit beside
    its label (a URL, a sha256 on a narrow terminal) goes on its own lines under it."""

    def fits(value: str) -> bool:
        return max((len(word) for word in value.split()), default=0) <= width // 2

    beside = [(visible(label), visible(value)) for label, value in items if fits(value)]
    columns: list[Measure] = [measure("", [b[0] for b in beside]), measure("", [b[1] for b in beside])]
    widths = allocate(columns, width + GUTTER - 1) if beside else None  # the grid's gap is 1
    parts: list[RenderableType] = []
    grid: RichTable | None = None
    for label, value in items:
        if widths is None or not fits(value):
            parts += [text(label, "bold"), Padding(Prose(text(value)), (0, 0, 0, 2))]
            grid = None
            continue
        if grid is None:
            grid = RichTable.grid(padding=(0, 1))
            grid.add_column(style="bold", width=widths[0], no_wrap=True)
            grid.add_column(width=widths[1], no_wrap=True)
            parts.append(grid)
        grid.add_row(*(text("\n".join(wrap_words(cell, w))) for cell, w in zip((label, value), widths, strict=True)))
    return Group(*parts)


def to_renderable(doc: Document, width: int, ascii_only: bool = False) -> RenderableType:
    """Render a document for a terminal ``width`` columns wide."""
    return Group(*_blocks(doc.blocks, width, ascii_only))


def _blocks(blocks: list[Block], width: int, ascii_only: bool) -> list[RenderableType]:
    """Blocks in order; a section heading, and an item (a strong paragraph) that follows another
    item's lines, get a blank line above them, except at the very top. Quotes in a row that share
    one attribution (all but the last uncited) run on in one paragraph."""
    out: list[RenderableType] = []
    run: list[Text] = []
    for n, block in enumerate(blocks):
        if isinstance(block, Quote) and not block.context:
            run.append(_quote_text(block))
            if block.cite or not (n + 1 < len(blocks) and isinstance(blocks[n + 1], Quote)):
                out.append(Padding(Prose(Text(" ").join(run)), (0, 0, 0, 2)))
                run = []
            continue
        rendered = _block(block, width, ascii_only)
        starts_item = isinstance(block, Para) and block.style == "strong"
        starts_section = isinstance(block, Heading) and block.level > 1
        if n > 0 and (starts_section or (starts_item and not isinstance(blocks[n - 1], Heading))):
            rendered = Padding(rendered, (1, 0, 0, 0))
        out.append(rendered)
    return out


def _quote_text(quote: Quote) -> Text:
    """The quote in italics, then its attribution (if it has its own)."""
    return text(quoted(quote.text), "italic").append_text(text(f" — {quote.cite}" if quote.cite else ""))


def _block(block: Block, width: int, ascii_only: bool) -> RenderableType:
    match block:
        case Heading(value, level, side):
            style = side_style(side) if side else ("bold underline" if level == 1 else "bold")
            return Prose(text(value, style))
        case Para(value, style, note):
            return Prose(text(value, _PARA_STYLES[style]).append_text(text(f" {note}" if note else "")))
        case Fields(items):
            return _fields([(label + ":", value) for label, value in items], width)
        case Table():
            return render_table(block, width, ascii_only)
        case Quote(context=context):
            quote_lines: list[RenderableType] = [Prose(_quote_text(block))]
            if context:
                quote_lines.insert(1, Prose(text(f"in context: {context}", "dim")))
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
