"""A small, format-neutral document model that every view is built as.

Views build a ``Document`` of blocks once; the rich, Markdown, CSV and HTML renderers each know how to
draw every block, so a new view gets every human format for free. JSON is built separately per view
because its shape is a documented contract.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Literal

from usc_cli.render.unsafe import visible as visible  # the policy's home; views import it from here too
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
class Place:
    """Where a quote stands: its article's id and the character offsets ``[start, end)`` that the
    loader checked. A page that embeds the article (the HTML report) links the quote to that spot;
    other formats print nothing extra for it."""

    source: str
    start: int
    end: int


@dataclass(frozen=True)
class Quote:
    """A verbatim quote with its citation, and optionally the sentence around it; an empty ``cite``
    means the next quote's citation (the same words) covers this one too."""

    text: str
    cite: str
    context: str | None = None
    translation: str | None = None  # uscn's, never shown inside the quotation marks
    lang: str = "en"  # the language of the quote and its context (its article's): HTML marks it
    place: Place | None = None


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


def each_cited(blocks: list[Block]) -> list[Block]:
    """Every quote with its own attribution: a terminal runs quotes that share one on into one
    paragraph, but a block quote on a page stands alone, so each names whose words it holds."""
    out = list(blocks)
    for n in range(len(out) - 2, -1, -1):
        here, after = out[n], out[n + 1]
        if isinstance(here, Quote) and not here.cite and isinstance(after, Quote):
            out[n] = replace(here, cite=after.cite)
    return out


def quoted(text: str) -> str:
    """The quote between “ and ”, unless the article's own marks already enclose it."""
    return text if text.startswith("“") and text.endswith("”") else f"“{text}”"


def translated(text: str) -> str:
    """uscn's translation of a quote, labelled as ours and never put between quotation marks."""
    return f"uscn's translation: {text}"
