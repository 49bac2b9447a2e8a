"""Markdown output, ready to paste into a report: data is escaped so it prints as written."""

from __future__ import annotations

import re
from typing import assert_never

from usc_cli.render.document import (
    Block,
    Columns,
    Document,
    Fields,
    Heading,
    Para,
    Quote,
    Table,
    each_cited,
    quoted,
    translated,
    visible,
)

_SPECIAL = re.compile(r"([\\`*_\[\]<>|~#])")


def escape(text: str) -> str:
    """Escape Markdown syntax and show control characters; newlines become ``<br>``."""
    text = _SPECIAL.sub(r"\\\1", visible(text))
    text = re.sub(r"^([-+=]|\d+(?=[.)]))", r"\\\1", text)
    return text.replace("\r\n", "\n").replace("\n", "<br>")


def to_markdown(doc: Document) -> str:
    """Render a document as GitHub-flavoured Markdown; a view whose first heading is a section
    (``recommend``: one per source) is lifted so that the page starts at ``#`` and never skips a level."""
    first = next((block.level for block in doc.blocks if isinstance(block, Heading)), 1)
    parts = [_block(block, 1 - first) for block in each_cited(doc.blocks)]
    return "\n\n".join(p for p in parts if p) + "\n"


def _block(block: Block, depth: int) -> str:
    match block:
        case Heading(text, level):
            return f"{'#' * max(1, min(6, level + depth))} {escape(text)}"
        case Para(text, style, note):
            body = escape(text)
            body = f"*{body}*" if style == "gap" else (f"**{body}**" if style in ("strong", "lead") else body)
            return f"{body} {escape(note)}" if note else body
        case Fields(items):
            return "\n".join(f"- **{escape(label)}:** {escape(value)}" for label, value in items)
        case Table(columns, rows, title, _):
            head = f"**{escape(title)}**\n\n" if title else ""
            lines = ["| " + " | ".join(escape(c) for c in columns) + " |", "|" + "---|" * len(columns)]
            lines += ["| " + " | ".join(escape(cell) for cell in row) + " |" for row in rows]
            return head + "\n".join(lines)
        case Quote(text, cite, context, translation):  # its place: Markdown has no article to point into
            # a blank ">" line between them: quote, context and attribution stay separate paragraphs
            lines = [f"> {escape(quoted(text))}", ">", f"> — {escape(cite)}"] if cite else [f"> {escape(quoted(text))}"]
            if context:
                lines[1:1] = [">", f"> *In context:* {escape(context)}"]
            # uscn's translation is ours, not the text's: it follows the block quote, never inside it
            return "\n".join(lines) + (f"\n\n{escape(translated(translation))}" if translation else "")
        case Columns(panes):
            out = []
            for pane in panes:
                out.append(f"{'#' * max(1, min(6, 2 + depth))} {escape(pane.title)}")  # a section, as its siblings
                out.extend(_block(inner, depth + 1) for inner in each_cited(pane.blocks))
            return "\n\n".join(out)
        case _:
            assert_never(block)
