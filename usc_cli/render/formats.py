"""Output formats and the one function that dispatches on them."""

from __future__ import annotations

import json
from collections.abc import Callable
from enum import StrEnum
from typing import Any, assert_never

from usc_cli.render.document import Document
from usc_cli.render.unsafe import json_escaped

SCHEMA_VERSION = 2


class OutputFormat(StrEnum):
    """What ``-f/--format`` accepts."""

    TABLE = "table"
    JSON = "json"
    MARKDOWN = "markdown"
    CSV = "csv"
    HTML = "html"


class CiteFormat(StrEnum):
    """What ``uscn cite -f/--format`` accepts: the formats reference managers import."""

    BIBTEX = "bibtex"
    CSL_JSON = "csl-json"
    RIS = "ris"


def to_json(kind: str, payload: dict[str, Any], ascii_only: bool = False) -> str:
    """Serialise a view's JSON payload with its envelope: stable keys, no colour, one trailing newline;
    ``ascii_only`` (for a stream that cannot carry UTF-8) writes every other character as an escape."""
    envelope = {"schema_version": SCHEMA_VERSION, "kind": kind, **payload}
    return json_escaped(json.dumps(envelope, ensure_ascii=ascii_only, indent=2)) + "\n"


def render_text(
    fmt: OutputFormat,
    kind: str,
    payload: Callable[[], dict[str, Any]],
    doc: Callable[[], Document],
    ascii_only: bool = False,
) -> str | Document:
    """Render a view as text (JSON, Markdown, CSV, an HTML page), or return its Document for the rich table path;
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
        case OutputFormat.HTML:
            from usc_cli.render.html import to_html

            return to_html(doc(), kind)
        case _:
            assert_never(fmt)
