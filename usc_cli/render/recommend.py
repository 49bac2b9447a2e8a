"""``uscn recommend``: recommendations grouped by source."""

from __future__ import annotations

from typing import Any

from usc_cli.dataset import Dataset
from usc_cli.models import Addressee, Recommendation
from usc_cli.render.common import (
    ADDRESSEE_NAMES,
    author_text,
    outlet_text,
    proposer_text,
    recommendation_blocks,
    recommendation_json,
    said_by,
    text_note_blocks,
)
from usc_cli.render.document import Block, Document, Heading, Para, Table


def recommendations_json(ds: Dataset, recs: list[Recommendation]) -> dict[str, Any]:
    """Recommendations as a JSON payload, in source order."""
    return {"recommendations": [recommendation_json(ds, r) for r in recs]}


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def recommendations_doc(
    ds: Dataset, recs: list[Recommendation], quotes: bool = True, to: Addressee | None = None
) -> Document:
    """Recommendations grouped under their source; with ``to``, a line saying how many ask that
    government alone and how many ask both."""
    blocks: list[Block] = []
    if to is not None and to is not Addressee.BOTH:
        alone = sum(1 for r in recs if r.to is to)
        both = len(recs) - alone
        blocks.append(
            Para(
                f"Addressed to {ADDRESSEE_NAMES[to]}: {_count(alone, 'recommendation')} to {ADDRESSEE_NAMES[to]} "
                f"alone and {both} to {ADDRESSEE_NAMES[Addressee.BOTH]} together (--to includes those).",
                "muted",
            )
        )
    for source_id in ds.sources:  # ids first: only the sources with recommendations are read
        mine = [r for r in recs if r.source == source_id]
        if not mine:
            continue
        source = ds.sources[source_id]
        count = _count(len(mine), "recommendation")
        blocks.append(Heading(f"{source.id} — {author_text(ds, source)}, {outlet_text(source)}: {count}", 2))
        blocks += text_note_blocks(ds, [source_id]) if quotes else []
        for rec in mine:
            blocks += recommendation_blocks(ds, rec, quotes, False, under_source=True)
    if not blocks:
        blocks.append(Para("No recommendation matches these filters.", "gap"))
    rows = [  # one row per quote, so that no cell holds a line break
        [r.id, r.source, proposer_text(ds, r), r.to.value, r.kind.value, " ".join(r.issues), r.summary, e.quote]
        + [said_by(ds, e)]
        for r in recs
        for e in r.evidence
    ]
    columns = ["id", "source", "proposer", "to", "kind", "issues", "summary", "quote", "said_by"]
    return Document(blocks, csv=Table(columns, rows))
