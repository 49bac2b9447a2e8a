"""``uscn compare``: Washington | Beijing side by side, then observers, frames, recommendations, events."""

from __future__ import annotations

import re
from typing import Any

from usc_cli.dataset import Dataset
from usc_cli.models import Recommendation, Side
from usc_cli.queries.compare import Comparison, SideView
from usc_cli.queries.events import voice
from usc_cli.render.common import (
    date_text,
    event_json,
    holder_text,
    position_blocks,
    position_json,
    proposer_text,
    recommendation_blocks,
    recommendation_json,
    said_by,
    sources_quoted,
)
from usc_cli.render.document import Block, Columns, Document, Heading, Pane, Para, Table
from usc_cli.vocab import ADDRESSEE_NAMES, SIDE_NAMES


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
    heard = None
    voices = [voice(ds, p) for p in view.positions]
    for position, own in zip(view.positions, voices, strict=True):  # own words first (queries.compare orders them)
        if "own" in voices and own != heard:
            blocks.append(Heading(_VOICE_HEADS[own], 2))  # under the pane's title
            heard = own
        blocks += position_blocks(ds, position, quotes, context)
    return blocks


_VOICE_HEADS = {"own": "In the government's own words:", "reported": "As reported by others:"}


def comparison_doc(
    ds: Dataset, cmp: Comparison, quotes: bool, context: bool, recommendation_quotes: bool = False
) -> Document:
    """The comparison as a document: two columns, then the rest below; ``recommendation_quotes``
    gives each recommendation its quotes (the report, which has no ``uscn recommend`` to point to)."""
    blocks: list[Block] = [Heading(f"{cmp.issue.title} [{cmp.issue.id}]"), Para(lead(cmp.issue.summary))]
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
    for f in cmp.frames:
        by_side = {lb.side: lb.label for lb in f.labels}
        labels = "; ".join(f"{SIDE_NAMES[s]}: {by_side[s]}" for s in (Side.US, Side.CHINA) if s in by_side)
        blocks.append(Para(f.title, "plain", f"— {labels or 'no label for either side'}"))
    if not cmp.frames:
        blocks.append(Para("This issue is not linked to a frame.", "gap"))

    if quotes:
        blocks += _recommendations_and_events(ds, cmp, recommendation_quotes)
    else:  # the overview: how many, and where to read them
        recs, events = len(cmp.recommendations), len(cmp.events)
        blocks.append(
            Para(
                f"Recommendations: {recs} (uscn recommend --issue {cmp.issue.id}); "
                f"events: {events} (uscn timeline --issue {cmp.issue.id})",
                "muted",
            )
        )
    if cmp.related:
        blocks.append(Para(f"Related issues: {', '.join(i.id for i in cmp.related)}", "muted"))
    blocks += comparison_notes(ds, cmp, quotes, recommendation_quotes)
    return Document(blocks, csv=_csv(ds, cmp))


def _recommendations_and_events(ds: Dataset, cmp: Comparison, with_quotes: bool) -> list[Block]:
    """One line each: ``recommend`` shows the recommendations with their quotes (or, ``with_quotes``,
    they come here), ``timeline`` the events."""
    hint = f" (their quotes: uscn recommend --issue {cmp.issue.id})" if cmp.recommendations and not with_quotes else ""
    blocks: list[Block] = [Heading(f"Recommendations{hint}", 2)]
    for rec in cmp.recommendations:
        if with_quotes:
            blocks += recommendation_blocks(ds, rec, True, False)
            continue
        blocks.append(Para(rec.summary, "plain", f"— {_proposer(ds, rec)} → {ADDRESSEE_NAMES[rec.to]}"))
    if not cmp.recommendations:
        blocks.append(Para("No author recommends anything on this issue.", "gap"))
    blocks.append(Heading("Events", 2))
    for e in cmp.events:
        sources = ", ".join(dict.fromkeys(m.source for m in e.mentions))
        blocks.append(Para(f"{date_text(e.date)}: {e.title}", "plain", f"— {sources}"))
    if not cmp.events:
        blocks.append(Para("No dated event is linked to this issue.", "gap"))
    return blocks


def _proposer(ds: Dataset, rec: Recommendation) -> str:
    """Who proposes it, short: the quoted expert, or the article's author by the article's id (the
    Sources list below names the author)."""
    return proposer_text(ds, rec) if rec.proposer is not None else f"{rec.source}'s author"


def comparison_notes(ds: Dataset, cmp: Comparison, quotes: bool, recommendation_quotes: bool = False) -> list[Block]:
    """The articles named: who wrote each and where, and what to know about the texts quoted (none
    without ``quotes``; the recommendations' too with ``recommendation_quotes``)."""
    holding = [e.source for view in cmp.sides.values() for p in view.positions for e in p.evidence]
    recommending = [r.source for r in cmp.recommendations]
    quoted = [*holding, *recommending] if recommendation_quotes else holding
    return sources_quoted(ds, [*holding, *recommending], quoted if quotes else [])


def lead(summary: str) -> str:
    """The summary's first clause, as a sentence: what the issue is, read at a glance (the whole
    summary is in ``issues show`` and the JSON)."""
    cut = re.search(r"[:;.](?=\s)", summary)
    return summary if cut is None else summary[: cut.start()] + "."


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
                        voice(ds, position),
                        evidence.translation or "",  # uscn's, in its own column: never part of the quote
                    ]
                )
        if view.gap and not view.positions:
            rows.append([cmp.issue.id, side.value, "", f"GAP: {view.gap}", "", "", "", "", ""])
    columns = ["issue", "side", "holder", "summary", "source", "quote", "said_by", "voice", "uscn_translation"]
    return Table(columns, rows)
