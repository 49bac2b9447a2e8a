"""A small, format-neutral document model that every view is built as.

Views build a ``Document`` of blocks once; the rich, Markdown and CSV renderers each know how to draw
every block, so a new view gets every human format for free. JSON is built separately per view
because its shape is a documented contract.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from usc_cli.vocab import Side

Style = Literal["plain", "muted", "gap", "strong", "lead"]  # lead: strong, an item of a tight list


@dataclass(frozen=True)
class Heading:
    """A heading; level 1 is the view's title."""

    text: str
    level: int = 1
    side: Side | None = None  # a side's heading: terminals colour it with the side's colour


@dataclass(frozen=True)
class Para:
    """A paragraph of prose; ``gap`` marks an explicit absence of data; ``note`` follows the text
    in the same paragraph, unstyled (who holds a view, after its summary)."""

    text: str
    style: Style = "plain"
    note: str | None = None


@dataclass(frozen=True)
class Fields:
    """Label/value pairs."""

    items: list[tuple[str, str]]


@dataclass(frozen=True)
class Table:
    """A table of strings; every cell is shown in full (folded, never cut)."""

    columns: list[str]
    rows: list[list[str]]
    title: str | None = None
    gap: str | None = None  # a cell equal to this marks missing data; terminals colour it
    marked: bool = False  # cells mark search hits between « and »; terminals also style them
    sides: tuple[Side | None, ...] = ()  # per column, the side whose view it holds (coloured heading)
    marks: Mapping[str, Side] = field(default_factory=dict)  # words that name a side: terminals colour them
    row_heads: bool = False  # the first column names the rows: a table too wide splits into blocks of columns


@dataclass(frozen=True)
class Quote:
    """A verbatim quote with its citation, and optionally the sentence around it; an empty ``cite``
    means the next quote's citation (the same words) covers this one too."""

    text: str
    cite: str
    context: str | None = None


@dataclass(frozen=True)
class Pane:
    """One column of a side-by-side layout."""

    title: str
    blocks: list[Block]
    side: Side | None = None


@dataclass(frozen=True)
class Columns:
    """Panes side by side on a wide terminal, stacked on a narrow one and in Markdown."""

    panes: list[Pane]
    min_width: int = 90


Block = Heading | Para | Fields | Table | Quote | Columns


@dataclass(frozen=True)
class Document:
    """A view: its blocks, and the table CSV output uses (None when the view has no table shape)."""

    blocks: list[Block] = field(default_factory=list)
    csv: Table | None = None


_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]")


def visible(text: str) -> str:
    """Show control, bidi and zero-width characters as escapes so no terminal obeys them."""
    return _UNSAFE.sub(
        lambda m: f"\\u{ord(m.group()):04x}" if ord(m.group()) > 0xFF else f"\\x{ord(m.group()):02x}", text
    )


def quoted(text: str) -> str:
    """The quote between “ and ”, unless the article's own marks already enclose it."""
    return text if text.startswith("“") and text.endswith("”") else f"“{text}”"
