"""``uscn diff A B``: two sources side by side."""

from __future__ import annotations

from typing import Any

from usc_cli.dataset import Dataset
from usc_cli.models import Recommendation
from usc_cli.queries.coverage import Cell
from usc_cli.queries.diff import SourceDiff
from usc_cli.render.common import author_text, recommendation_blocks, recommendation_json
from usc_cli.render.coverage import cell_text
from usc_cli.render.document import Block, Columns, Document, Heading, Pane, Para, Table


def _cell_json(cell: Cell) -> dict[str, Any]:
    return {"sides": [s.value for s in cell.sides], "recommendations": cell.recommendations}


def diff_json(ds: Dataset, d: SourceDiff, quotes: bool = True) -> dict[str, Any]:
    """The diff as JSON."""

    def recs(items: list[Recommendation]) -> list[dict[str, Any]]:
        return [recommendation_json(ds, r, quotes) for r in items]

    return {
        "a": d.a,
        "b": d.b,
        "shared": [{"a": recs([x])[0], "b": recs([y])[0]} for x, y in d.shared],
        "only_a": recs(d.only_a),
        "only_b": recs(d.only_b),
        "diverging": [{"issue": i, "a": recs(x), "b": recs(y)} for i, x, y in d.diverging],
        "coverage": [{"issue": i, "a": _cell_json(x), "b": _cell_json(y)} for i, x, y in d.coverage],
    }


def _pane(ds: Dataset, title: str, items: list[Recommendation], quotes: bool) -> Pane:
    blocks: list[Block] = []
    for rec in items:
        blocks += recommendation_blocks(ds, rec, quotes, False)
    return Pane(title, blocks or [Para("None.", "gap")])


def diff_doc(ds: Dataset, d: SourceDiff, quotes: bool = True) -> Document:
    """The diff: coverage per issue, shared steps, diverging steps, and what only one proposes."""
    name_a = f"{d.a} ({author_text(ds.sources[d.a])})"
    name_b = f"{d.b} ({author_text(ds.sources[d.b])})"
    rows = [[i, cell_text(x), cell_text(y)] for i, x, y in d.coverage]
    coverage = Table(["issue", d.a, d.b], rows, gap="·")
    blocks: list[Block] = [
        Heading(f"{d.a} vs {d.b}"),
        Heading("Who speaks to which issue, for which side", 2),
        coverage,
    ]
    blocks.append(Heading("The same kind of step on a common issue", 2))
    if not d.shared:
        blocks.append(Para("No shared recommendation.", "gap"))
    for x, y in d.shared:
        blocks.append(Columns([_pane(ds, name_a, [x], quotes), _pane(ds, name_b, [y], quotes)]))
    blocks.append(Heading("Different steps on the same issue", 2))
    if not d.diverging:
        blocks.append(Para("No issue where they propose different steps.", "gap"))
    for issue, x_list, y_list in d.diverging:
        blocks += [
            Para(issue, "strong"),
            Columns([_pane(ds, name_a, x_list, quotes), _pane(ds, name_b, y_list, quotes)]),
        ]
    blocks.append(Heading("What only one of them proposes", 2))
    blocks.append(Columns([_pane(ds, name_a, d.only_a, quotes), _pane(ds, name_b, d.only_b, quotes)]))
    return Document(blocks, csv=coverage)
