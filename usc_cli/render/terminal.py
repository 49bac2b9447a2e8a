"""Rich output for terminals: data strings become ``Text`` (never markup), cells fold, never cut."""

from __future__ import annotations

from rich import box
from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table as RichTable
from rich.text import Text

from usc_cli.render.document import Block, Columns, Document, Fields, Heading, Para, Quote, Table, quoted, visible
from usc_cli.render.palette import HIT_STYLE

_PARA_STYLES = {"plain": "", "muted": "dim", "gap": "italic yellow", "strong": "bold"}


def text(value: str, style: str = "") -> Text:
    """Data as a rich Text with control characters shown escaped."""
    return Text(visible(value), style=style)


_MIN_COLUMN_WIDTH = 16


def _identifier_widths(columns: list[str], rows: list[list[str]], width: int) -> list[int | None]:
    """Widths for columns of identifiers (no spaces in any cell), which must not be split; None for
    prose columns, which wrap. All None when the identifiers alone would not leave room for the prose."""
    widths: list[int | None] = []
    for n, column in enumerate(columns):
        cells = [row[n] for row in rows]
        spaceless = all(" " not in cell for cell in cells)
        longest = max((len(line) for cell in [column, *cells] for line in cell.splitlines()), default=1)
        widths.append(longest if spaceless else None)
    reserved = sum(w for w in widths if w is not None) + 2 * (len(columns) - 1)
    prose = sum(1 for w in widths if w is None)
    if reserved + 10 * prose > width:
        return [None] * len(columns)
    return widths


def _id_list_widths(columns: list[str], rows: list[list[str]], fixed: list[int | None], width: int) -> list[int | None]:
    """Widths for columns of comma-separated ids (``taiwan, trade-tariffs``) when the table must wrap:
    at least the longest id, so that ids wrap whole rather than split, and no more than a fair share
    of the width unless the column needs less."""
    natural = [
        max(len(line) for cell in [column, *(row[n] for row in rows)] for line in cell.splitlines() or [""])
        for n, column in enumerate(columns)
    ]
    if sum(natural) + 2 * (len(columns) - 1) <= width:
        return [None] * len(columns)  # everything fits on one line: let rich lay it out
    widths: list[int | None] = []
    for n in range(len(columns)):
        tokens = [token for row in rows for token in row[n].split(", ")]
        is_list = fixed[n] is None and bool(tokens) and all(token and " " not in token for token in tokens)
        longest = max((len(token) + 1 for token in tokens), default=1)
        widths.append(min(natural[n], max(longest, width // len(columns))) if is_list else None)
    prose = sum(1 for f, w in zip(fixed, widths, strict=True) if f is None and w is None)
    needed = sum(f or w or 0 for f, w in zip(fixed, widths, strict=True)) + 10 * prose + 2 * (len(columns) - 1)
    return widths if needed <= width else [None] * len(columns)


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


def _hits(value: Text, marked: bool) -> Text:
    """Style each «hit» (marks kept: colour is never the only cue)."""
    if marked:
        value.highlight_regex(r"«[^«»]*»", HIT_STYLE)
    return value


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
        case Table(columns, rows, title, gap, marked):
            if width < _MIN_COLUMN_WIDTH * len(columns):
                return _records(columns, rows, title, gap)
            table = RichTable(
                title=text(title) if title else None,
                box=box.ASCII if ascii_only else box.SIMPLE_HEAD,
                show_edge=False,
                pad_edge=False,
                collapse_padding=True,
                header_style="bold",
            )
            fixed_widths = _identifier_widths(columns, rows, width)
            list_widths = _id_list_widths(columns, rows, fixed_widths, width)
            for column, fixed, listed in zip(columns, fixed_widths, list_widths, strict=True):
                # An id list gets an exact width (rich would collapse a mere minimum, then overflow).
                table.add_column(
                    text(column), overflow="fold", min_width=fixed, width=listed, no_wrap=fixed is not None
                )
            for row in rows:
                table.add_row(*(_hits(text(cell, "red" if cell == gap else ""), marked) for cell in row))
            return table
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
