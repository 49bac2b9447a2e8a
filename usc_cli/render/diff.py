"""``uscn diff A B``: two sources side by side."""

from __future__ import annotations

from typing import Any

from usc_cli.dataset import Dataset
from usc_cli.models import AgreementLevel, Recommendation
from usc_cli.queries.coverage import Cell
from usc_cli.queries.diff import LEVEL_ORDER, SourceDiff
from usc_cli.render.common import author_text, recommendation_blocks, recommendation_json
from usc_cli.render.coverage import cell_text
from usc_cli.render.document import Block, Columns, Document, Heading, Pane, Para, Table


def _cell_json(cell: Cell) -> dict[str, Any]:
    return {"sides": [s.value for s in cell.sides], "recommendations": cell.recommendations}


def diff_json(ds: Dataset, d: SourceDiff, quotes: bool = True) -> dict[str, Any]:
    """The diff as JSON: agreements by level, what only one proposes, coverage."""

    def recs(items: list[Recommendation]) -> list[dict[str, Any]]:
        return [recommendation_json(ds, r, quotes) for r in items]

    return {
        "a": d.a,
        "b": d.b,
        "agreements": [
            {
                "id": link.agreement.id,
                "level": link.agreement.level.value,
                "summary": link.agreement.summary,
                "a": recs(link.a),
                "b": recs(link.b),
            }
            for link in d.links
        ],
        "only_a": recs(d.only_a),
        "only_b": recs(d.only_b),
        "coverage": [{"issue": i, "a": _cell_json(x), "b": _cell_json(y)} for i, x, y in d.coverage],
    }


def _pane(ds: Dataset, title: str, items: list[Recommendation], quotes: bool) -> Pane:
    blocks: list[Block] = []
    for rec in items:
        blocks += recommendation_blocks(ds, rec, quotes, False)
    return Pane(title, blocks or [Para("None.", "gap")])


_HEADINGS = {
    AgreementLevel.AGREE: "They agree",
    AgreementLevel.PARTLY: "They partly agree",
    AgreementLevel.DIFFER: "They differ",
}


def diff_doc(ds: Dataset, d: SourceDiff, quotes: bool = True) -> Document:
    """The diff: coverage per issue, then agreement, partial agreement and difference, then the rest."""
    name_a = f"{d.a} ({author_text(ds.sources[d.a])})"
    name_b = f"{d.b} ({author_text(ds.sources[d.b])})"
    rows = [[i, cell_text(x), cell_text(y)] for i, x, y in d.coverage]
    coverage = Table(["issue", d.a, d.b], rows, gap="·")
    blocks: list[Block] = [
        Heading(f"{d.a} vs {d.b}"),
        Heading("Who speaks to which issue, for which side", 2),
        coverage,
    ]
    for level in LEVEL_ORDER:
        blocks.append(Heading(_HEADINGS[level], 2))
        links = d.at(level)
        if not links:
            blocks.append(Para(f"No curated link at this level between {d.a} and {d.b}.", "gap"))
        for link in links:
            blocks.append(Para(f"{link.agreement.summary} [{link.agreement.id}]", "strong"))
            blocks.append(Columns([_pane(ds, name_a, link.a, quotes), _pane(ds, name_b, link.b, quotes)]))
    blocks.append(Heading("What only one of them proposes", 2))
    blocks.append(Columns([_pane(ds, name_a, d.only_a, quotes), _pane(ds, name_b, d.only_b, quotes)]))
    return Document(blocks, csv=coverage)
