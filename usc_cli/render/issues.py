"""``uscn issues list`` and ``uscn issues show``."""

from __future__ import annotations

from typing import Any

from usc_cli.dataset import Dataset
from usc_cli.models import Issue
from usc_cli.queries.compare import compare_issue
from usc_cli.queries.listing import sides_with_positions
from usc_cli.render.common import (
    SIDE_CODES,
    SIDE_MARKS,
    SIDE_NAMES,
    date_text,
    event_json,
    position_blocks,
    position_json,
    recommendation_blocks,
    recommendation_json,
)
from usc_cli.render.compare import comparison_notes
from usc_cli.render.document import Block, Document, Fields, Heading, Para, Table


def issues_json(ds: Dataset, issues: list[Issue]) -> dict[str, Any]:
    """The issue list as a JSON payload."""
    return {
        "issues": [
            {
                "id": issue.id,
                "title": issue.title,
                "tags": issue.tags,
                "sides": [s.value for s in sides_with_positions(ds, issue.id)],
                "sources": ds.sources_speaking_to(issue.id),
                "frames": issue.frames,
            }
            for issue in issues
        ]
    }


def issues_doc(ds: Dataset, issues: list[Issue]) -> Document:
    """The issue list as a table."""
    rows = [
        [
            issue.id,
            issue.title,
            " ".join(SIDE_CODES[s] for s in sides_with_positions(ds, issue.id)),
            str(len(ds.sources_speaking_to(issue.id))),
            "\n".join(issue.frames),
        ]
        for issue in issues
    ]
    table = Table(["id", "title", "sides", "src", "frames"], rows, marks=SIDE_MARKS)
    legend = Para("sides: US / CN / 3P = Washington / Beijing / third-party positions; src: sources.", "muted")
    blocks: list[Block] = [table, legend] if rows else [Para("No issue matches these filters.", "gap")]
    # CSV: the frames space-separated, as every list of ids in uscn's CSV, so that no cell holds a line break
    csv_rows = [[*row[:4], " ".join(row[4].splitlines())] for row in rows]
    return Document(blocks, csv=Table(table.columns, csv_rows))


def issue_json(ds: Dataset, issue: Issue, quotes: bool = True, context: bool = False) -> dict[str, Any]:
    """Everything about one issue as a JSON payload (quotes left out or given their sentence on request)."""
    cmp = compare_issue(ds, issue.id)
    return {
        "issue": {
            "id": issue.id,
            "title": issue.title,
            "summary": issue.summary,
            "tags": issue.tags,
            "frames": issue.frames,
            "related": issue.related,
            "sources": ds.sources_speaking_to(issue.id),
        },
        "positions": {
            side.value: [position_json(ds, p, quotes, context) for p in view.positions]
            for side, view in cmp.sides.items()
        },
        "gaps": {side.value: view.gap for side, view in cmp.sides.items() if view.gap},
        "recommendations": [recommendation_json(ds, r, quotes, context) for r in cmp.recommendations],
        "events": [event_json(e) for e in cmp.events],
    }


def issue_doc(ds: Dataset, issue: Issue, quotes: bool = True, context: bool = False) -> Document:
    """Everything about one issue, section by section."""
    cmp = compare_issue(ds, issue.id)
    blocks: list[Block] = [
        Heading(f"{issue.title} [{issue.id}]"),
        Para(issue.summary),
        Fields(
            [
                ("tags", ", ".join(issue.tags) or "—"),
                ("frames", ", ".join(issue.frames) or "—"),
                ("related", ", ".join(issue.related) or "—"),
                ("sources", ", ".join(ds.sources_speaking_to(issue.id)) or "—"),
            ]
        ),
    ]
    for side, view in cmp.sides.items():
        blocks.append(Heading(SIDE_NAMES[side], 2, side))
        for position in view.positions:
            blocks += position_blocks(ds, position, quotes, context)
        if not view.positions:
            blocks.append(Para(f"Gap — {view.gap}" if view.gap else "None recorded.", "gap"))
    blocks.append(Heading("Recommendations", 2))
    for rec in cmp.recommendations:
        blocks += recommendation_blocks(ds, rec, quotes, context)
    if not cmp.recommendations:
        blocks.append(Para("No author recommends anything on this issue.", "gap"))
    if cmp.events:
        blocks.append(Heading("Events", 2))
        blocks.append(Table(["date", "event"], [[date_text(e.date), e.title] for e in cmp.events]))
    blocks += comparison_notes(ds, cmp)
    return Document(blocks)
