"""Rich output for terminals: data strings become ``Text`` (never markup), cells fold, never cut."""

from __future__ import annotations

from rich import box
from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table as RichTable
from rich.text import Text

from usc_cli.render.document import Block, Columns, Document, Fields, Heading, Para, Quote, Table, quoted, visible
from usc_cli.render.tables import render_table

_PARA_STYLES = {"plain": "", "muted": "dim", "gap": "italic yellow", "strong": "bold"}


def text(value: str, style: str = "") -> Text:
    """Data as a rich Text with control characters shown escaped."""
    return Text(visible(value), style=style)


def to_renderable(doc: Document, width: int, ascii_only: bool = False) -> RenderableType:
    """Render a document for a terminal ``width`` columns wide."""
    return Group(*_blocks(doc.blocks, width, ascii_only))


def _blocks(blocks: list[Block], width: int, ascii_only: bool) -> list[RenderableType]:
    """Blocks in order; an item (a strong paragraph) that follows another item's lines gets a blank line."""
    out: list[RenderableType] = []
    for n, block in enumerate(blocks):
        rendered = _block(block, width, ascii_only)
        starts_item = isinstance(block, Para) and block.style == "strong"
        if starts_item and n > 0 and not isinstance(blocks[n - 1], Heading):
            rendered = Padding(rendered, (1, 0, 0, 0))
        out.append(rendered)
    return out


def _block(block: Block, width: int, ascii_only: bool) -> RenderableType:
    match block:
        case Heading(value, level):
            style = "bold underline" if level == 1 else "bold"
            return Padding(text(value, style), (1 if level > 1 else 0, 0, 0, 0))
        case Para(value, style):
            return text(value, _PARA_STYLES[style])
        case Fields(items):
            grid = RichTable.grid(padding=(0, 1))
            grid.add_column(style="bold", no_wrap=False, overflow="fold")
            grid.add_column(overflow="fold")
            for label, value in items:
                grid.add_row(text(label + ":"), text(value))
            return grid
        case Table():
            return render_table(block, width, ascii_only)
        case Quote(value, cite, context):
            quote_lines = [text(quoted(value), "italic"), text(f"— {cite}", "dim")]
            if context:
                quote_lines.insert(1, text(f"in context: {context}", "dim"))
            return Padding(Group(*quote_lines), (0, 0, 0, 2))
        case Columns(panes, min_width):
            if width < min_width:
                stacked: list[RenderableType] = []
                for pane in panes:
                    stacked.append(Padding(text(pane.title, "bold reverse"), (1, 0, 0, 0)))
                    stacked.extend(_blocks(pane.blocks, width, ascii_only))
                return Group(*stacked)
            grid = RichTable(box=box.ASCII if ascii_only else box.SIMPLE_HEAD, expand=True, show_edge=False)
            for pane in panes:
                grid.add_column(text(pane.title, "bold"), ratio=1, overflow="fold")
            grid.add_row(*(Group(*_blocks(p.blocks, width // len(panes), ascii_only)) for p in panes))
            return grid
    raise TypeError(f"unknown block {block!r}")  # pragma: no cover
