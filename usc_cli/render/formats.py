"""Output formats and the one function that dispatches on them."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from enum import StrEnum
from typing import Any, assert_never

from usc_cli.render.document import Document

SCHEMA_VERSION = 1


class OutputFormat(StrEnum):
    """What ``-f/--format`` accepts."""

    TABLE = "table"
    JSON = "json"
    MARKDOWN = "markdown"
    CSV = "csv"


def to_json(kind: str, payload: dict[str, Any]) -> str:
    """Serialise a view's JSON payload with its envelope: stable keys, no colour, one trailing newline."""
    envelope = {"schema_version": SCHEMA_VERSION, "kind": kind, **payload}
    utf8 = (getattr(sys.stdout, "encoding", None) or "").lower().replace("-", "") in ("utf8", "utf8sig")
    return json.dumps(envelope, ensure_ascii=not utf8, indent=2) + "\n"


def render_text(
    fmt: OutputFormat, kind: str, payload: Callable[[], dict[str, Any]], doc: Callable[[], Document]
) -> str | Document:
    """Render a view as text (JSON, Markdown, CSV), or return its Document for the rich table path."""
    match fmt:
        case OutputFormat.TABLE:
            return doc()
        case OutputFormat.JSON:
            return to_json(kind, payload())
        case OutputFormat.MARKDOWN:
            from usc_cli.render.markdown import to_markdown

            return to_markdown(doc())
        case OutputFormat.CSV:
            from usc_cli.render.csvout import to_csv

            return to_csv(kind, doc())
        case _:
            assert_never(fmt)
