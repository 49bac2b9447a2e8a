"""``uscn frames list`` and ``uscn frames show``."""

from __future__ import annotations

from typing import Any

from usc_cli.dataset import Dataset
from usc_cli.models import Frame, Side
from usc_cli.queries.listing import issues_under_frame
from usc_cli.render.common import evidence_json, quote_blocks
from usc_cli.render.document import Block, Columns, Document, Heading, Pane, Para, Table
from usc_cli.vocab import SIDE_NAMES, SIDE_SHORT


def _label(frame: Frame, side: Side) -> str:
    return next((label.label for label in frame.labels if label.side is side), "—")


def frame_json(ds: Dataset, frame: Frame) -> dict[str, Any]:
    """One frame as JSON."""
    return {
        "id": frame.id,
        "title": frame.title,
        "summary": frame.summary,
        "labels": [
            {
                "side": label.side.value,
                "label": label.label,
                "summary": label.summary,
                "evidence": [evidence_json(ds, e) for e in label.evidence],
                "terms": [{"term": t.term, "evidence": evidence_json(ds, t.evidence)} for t in label.terms],
            }
            for label in frame.labels
        ],
        "issues": [i.id for i in issues_under_frame(ds, frame.id)],
    }


def frames_json(ds: Dataset) -> dict[str, Any]:
    """All frames as a JSON payload."""
    return {"frames": [frame_json(ds, f) for f in ds.frames.values()]}


def frames_doc(ds: Dataset) -> Document:
    """All frames: the two labels side by side."""
    rows = [
        [f.id, f.title, _label(f, Side.US), _label(f, Side.CHINA), str(len(issues_under_frame(ds, f.id)))]
        for f in ds.frames.values()
    ]
    table = Table(
        ["id", "title", SIDE_SHORT[Side.US], SIDE_SHORT[Side.CHINA], "issues"],
        rows,
        sides=(None, None, Side.US, Side.CHINA, None),
    )
    return Document([table], csv=table)


def frame_doc(ds: Dataset, frame: Frame) -> Document:
    """One frame: each side's label with its summary and evidence, then the issues under it."""

    def pane(side: Side) -> Pane:
        blocks: list[Block] = []
        for label in (lb for lb in frame.labels if lb.side is side):
            blocks += [
                Para(label.label, "strong"),
                Para(label.summary),
                *quote_blocks(ds, label.evidence, False),
            ]
            for term in label.terms:  # the government's own words for the framing, as it writes them
                blocks += [Para(f"Official term: {term.term}", "strong"), *quote_blocks(ds, [term.evidence], False)]
        return Pane(SIDE_NAMES[side], blocks or [Para("No label for this side.", "gap")], side)

    blocks: list[Block] = [
        Heading(f"{frame.title} [{frame.id}]"),
        Para(frame.summary, "muted"),
        Columns([pane(Side.US), pane(Side.CHINA)]),
    ]
    if any(label.side is Side.THIRD_PARTY for label in frame.labels):
        blocks.append(Heading(SIDE_NAMES[Side.THIRD_PARTY], 2, Side.THIRD_PARTY))
        blocks += pane(Side.THIRD_PARTY).blocks
    issues = issues_under_frame(ds, frame.id)
    blocks.append(Heading("Issues under this frame", 2))
    blocks.append(Para(", ".join(f"{i.id} ({i.title})" for i in issues) or "None.", "plain" if issues else "gap"))
    return Document(blocks)
