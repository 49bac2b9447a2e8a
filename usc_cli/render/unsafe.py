"""The one policy for characters no output carries raw, and how each kind of output neutralises them.

A terminal obeys control characters (ESC starts a colour or a hyperlink, U+009B is a one-byte ESC [);
bidi embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069) and the marks LRM and RLM
reorder what a reader sees; zero-width characters, word joiners and the byte-order mark hide inside
a word; line and paragraph separators break lines where none shows. Tab and line feed are text.

Human formats (terminal, Markdown, HTML) show each as an escape (``\\x1b``, ``\\u202e``); CSV, which a
spreadsheet opens, puts U+FFFD in its place; JSON writes it as a ``\\uXXXX`` escape, the same value.
"""

from __future__ import annotations

import re

UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]")


def visible(text: str) -> str:
    """Show control, bidi and zero-width characters as escapes so no terminal obeys them."""
    return UNSAFE.sub(
        lambda m: f"\\u{ord(m.group()):04x}" if ord(m.group()) > 0xFF else f"\\x{ord(m.group()):02x}", text
    )


def replaced(text: str) -> str:
    """The characters replaced by U+FFFD (for a spreadsheet cell, where an escape would read as data)."""
    return UNSAFE.sub("\ufffd", text)


def json_escaped(text: str) -> str:
    """JSON text with the characters written as ``\\uXXXX`` escapes: the same JSON value, safe on a
    terminal (``json.dumps`` itself escapes only C0 controls)."""
    return UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
