"""``uscn search``: ranked hits with highlighted snippets and where each lives."""

from __future__ import annotations

from typing import Any

from usc_cli.queries.search import Hit
from usc_cli.render.document import Document, Para, Table


def search_json(query: str, hits: list[Hit]) -> dict[str, Any]:
    """Hits as JSON; the snippet marks matches with « and »."""
    return {
        "query": query,
        "hits": [
            {
                "kind": h.kind,
                "ref": h.ref,
                "source": h.source or None,
                "issue": h.issue or None,
                "side": h.side or None,
                "snippet": h.snippet,
                "score": h.score,
            }
            for h in hits
        ],
    }


def search_doc(query: str, hits: list[Hit]) -> Document:
    """Hits as a table, best first."""
    rows = [[str(n), h.kind, h.source or "—", h.issue or "—", h.side or "—", h.snippet] for n, h in enumerate(hits, 1)]
    table = Table(["#", "kind", "source", "issue", "side", "snippet"], rows)
    if not rows:
        return Document([Para(f"No match for {query!r}.", "gap")], csv=table)
    return Document([table], csv=table)
