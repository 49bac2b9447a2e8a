"""``uscn compare``: Washington | Beijing side by side, then observers, frames, recommendations, events."""

from __future__ import annotations

from typing import Any

from usc_cli.dataset import Dataset
from usc_cli.models import Side
from usc_cli.queries.compare import Comparison, SideView
from usc_cli.render.common import (
    date_text,
    event_json,
    holder_text,
    position_blocks,
    position_json,
    recommendation_blocks,
    recommendation_json,
    said_by,
    text_note_blocks,
)
from usc_cli.render.document import Block, Columns, Document, Heading, Pane, Para, Table
from usc_cli.vocab import SIDE_NAMES, SIDE_SHORT


def comparison_json(ds: Dataset, cmp: Comparison, quotes: bool, context: bool) -> dict[str, Any]:
    """The comparison as a JSON payload."""
    return {
        "issue": {
            "id": cmp.issue.id,
            "title": cmp.issue.title,
            "summary": cmp.issue.summary,
            "tags": cmp.issue.tags,
        },
        "source_filter": cmp.source_filter,
        "sides": {
            side.value: {
                "positions": [position_json(ds, p, quotes, context) for p in view.positions],
                "gap": view.gap,
            }
            for side, view in cmp.sides.items()
        },
        "frames": [
            {
                "id": frame.id,
                "title": frame.title,
                "labels": {label.side.value: label.label for label in frame.labels},
            }
            for frame in cmp.frames
        ],
        "recommendations": [recommendation_json(ds, r, quotes, context) for r in cmp.recommendations],
        "events": [event_json(e) for e in cmp.events],
        "related": [{"id": i.id, "title": i.title} for i in cmp.related],
    }


def _side_blocks(ds: Dataset, view: SideView, quotes: bool, context: bool) -> list[Block]:
    if not view.positions:
        return [Para(f"Gap — {view.gap}", "gap")]
    blocks: list[Block] = []
    for position in view.positions:
        blocks += position_blocks(ds, position, quotes, context)
    return blocks


def comparison_doc(ds: Dataset, cmp: Comparison, quotes: bool, context: bool) -> Document:
    """The comparison as a document: two columns, then the rest below."""
    blocks: list[Block] = [Heading(f"{cmp.issue.title} [{cmp.issue.id}]"), Para(cmp.issue.summary, "muted")]
    if cmp.source_filter:
        blocks.append(Para(f"Only what these sources say: {', '.join(cmp.source_filter)}", "muted"))
    blocks.append(
        Columns(
            [
                Pane(SIDE_NAMES[side], _side_blocks(ds, cmp.sides[side], quotes, context), side)
                for side in (Side.US, Side.CHINA)
            ]
        )
    )
    third = cmp.sides[Side.THIRD_PARTY]
    blocks.append(Heading(SIDE_NAMES[Side.THIRD_PARTY], 2, Side.THIRD_PARTY))
    blocks += _side_blocks(ds, third, quotes, context) if third.positions else [Para("None recorded.", "gap")]

    blocks.append(Heading("Frames", 2))
    if cmp.frames:
        rows = [
            [
                f.title,
                *(next((lb.label for lb in f.labels if lb.side is s), "—") for s in (Side.US, Side.CHINA)),
            ]
            for f in cmp.frames
        ]
        blocks.append(
            Table(["frame", SIDE_SHORT[Side.US], SIDE_SHORT[Side.CHINA]], rows, sides=(None, Side.US, Side.CHINA))
        )
    else:
        blocks.append(Para("This issue is not linked to a frame.", "gap"))

    blocks.append(Heading("Recommendations", 2))
    for rec in cmp.recommendations:
        blocks += recommendation_blocks(ds, rec, quotes, context)
    if not cmp.recommendations:
        blocks.append(Para("No author recommends anything on this issue.", "gap"))

    blocks.append(Heading("Events", 2))
    if cmp.events:
        rows = [
            [date_text(e.date), e.title, ", ".join(dict.fromkeys(m.source for m in e.mentions))] for e in cmp.events
        ]
        blocks.append(Table(["date", "event", "sources"], rows))
    else:
        blocks.append(Para("No dated event is linked to this issue.", "gap"))
    if cmp.related:
        blocks.append(Heading("Related issues", 2))
        blocks.append(Para(", ".join(f"{i.id} ({i.title})" for i in cmp.related)))
    blocks += comparison_notes(ds, cmp) if quotes else []
    return Document(blocks, csv=_csv(ds, cmp))


def comparison_notes(ds: Dataset, cmp: Comparison) -> list[Block]:
    """A section on the texts of the articles quoted, when one has a note (Hormats's apostrophes)."""
    quoted = [e.source for view in cmp.sides.values() for p in view.positions for e in p.evidence]
    notes = text_note_blocks(ds, [*quoted, *(e.source for r in cmp.recommendations for e in r.evidence)])
    return [Heading("About the texts quoted", 2), *notes] if notes else []


def _csv(ds: Dataset, cmp: Comparison) -> Table:
    rows = []
    for side, view in cmp.sides.items():
        for position in view.positions:
            for evidence in position.evidence:
                holder = holder_text(ds, position.holder)
                rows.append(
                    [
                        cmp.issue.id,
                        side.value,
                        holder,
                        position.summary,
                        evidence.source,
                        evidence.quote,
                        said_by(ds, evidence),
                    ]
                )
        if view.gap and not view.positions:
            rows.append([cmp.issue.id, side.value, "", f"GAP: {view.gap}", "", "", ""])
    return Table(["issue", "side", "holder", "summary", "source", "quote", "said_by"], rows)
