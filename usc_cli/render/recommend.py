"""``uscn recommend``: recommendations grouped by source."""

from __future__ import annotations

from typing import Any

from usc_cli.dataset import Dataset
from usc_cli.models import Recommendation
from usc_cli.render.common import (
    author_text,
    outlet_text,
    proposer_text,
    recommendation_blocks,
    recommendation_json,
    said_by,
)
from usc_cli.render.document import Block, Document, Heading, Para, Table


def recommendations_json(ds: Dataset, recs: list[Recommendation]) -> dict[str, Any]:
    """Recommendations as a JSON payload, in source order."""
    return {"recommendations": [recommendation_json(ds, r) for r in recs]}


def recommendations_doc(ds: Dataset, recs: list[Recommendation], quotes: bool = True) -> Document:
    """Recommendations grouped under their source."""
    blocks: list[Block] = []
    for source_id in ds.sources:  # ids first: only the sources with recommendations are read
        mine = [r for r in recs if r.source == source_id]
        if not mine:
            continue
        source = ds.sources[source_id]
        blocks.append(Heading(f"{source.id} — {author_text(source)}, {outlet_text(source)} ({len(mine)})", 2))
        for rec in mine:
            blocks += recommendation_blocks(ds, rec, quotes, False)
    if not blocks:
        blocks.append(Para("No recommendation matches these filters.", "gap"))
    rows = [
        [
            r.id,
            r.source,
            proposer_text(ds, r),
            r.to.value,
            r.kind.value,
            " ".join(r.issues),
            r.summary,
            "\n".join(e.quote for e in r.evidence),  # one quote per line within the cell
            "\n".join(said_by(ds, e) for e in r.evidence),  # line n says whose words quote n is
        ]
        for r in recs
    ]
    columns = ["id", "source", "proposer", "to", "kind", "issues", "summary", "quotes", "said_by"]
    return Document(blocks, csv=Table(columns, rows))
