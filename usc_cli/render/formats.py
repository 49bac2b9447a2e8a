"""Output formats and the one function that dispatches on them."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from enum import StrEnum
from typing import Any, assert_never

from usc_cli.render.document import Document

SCHEMA_VERSION = 2

# json.dumps(ensure_ascii=False) escapes only C0 controls: DEL, C1 controls (U+009B is a terminal
# escape introducer), bidi overrides and isolates, and line/paragraph separators pass raw.
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def escape_unsafe(text: str) -> str:
    """JSON text with the code points above written as ``\\uXXXX`` escapes (still the same JSON value)."""
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


class OutputFormat(StrEnum):
    """What ``-f/--format`` accepts."""

    TABLE = "table"
    JSON = "json"
    MARKDOWN = "markdown"
    CSV = "csv"


def to_json(kind: str, payload: dict[str, Any], ascii_only: bool = False) -> str:
    """Serialise a view's JSON payload with its envelope: stable keys, no colour, one trailing newline;
    ``ascii_only`` (for a stream that cannot carry UTF-8) writes every other character as an escape."""
    envelope = {"schema_version": SCHEMA_VERSION, "kind": kind, **payload}
    return escape_unsafe(json.dumps(envelope, ensure_ascii=ascii_only, indent=2)) + "\n"


def render_text(
    fmt: OutputFormat,
    kind: str,
    payload: Callable[[], dict[str, Any]],
    doc: Callable[[], Document],
    ascii_only: bool = False,
) -> str | Document:
    """Render a view as text (JSON, Markdown, CSV), or return its Document for the rich table path;
    ``ascii_only``: the text goes to a stream that cannot carry UTF-8."""
    match fmt:
        case OutputFormat.TABLE:
            return doc()
        case OutputFormat.JSON:
            return to_json(kind, payload(), ascii_only)
        case OutputFormat.MARKDOWN:
            from usc_cli.render.markdown import to_markdown

            return to_markdown(doc())
        case OutputFormat.CSV:
            from usc_cli.render.csvout import to_csv

            return to_csv(kind, doc())
        case _:
            assert_never(fmt)
