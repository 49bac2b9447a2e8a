"""``uscn matrix``, ``uscn timeline`` and ``uscn actors``."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from usc_cli.dataset import Dataset
from usc_cli.models import Actor, Event, Evidence
from usc_cli.queries.coverage import ActorRecord, Cell, Coverage, IssueCoverage
from usc_cli.render.common import (
    SIDE_MARKS,
    date_text,
    event_json,
    position_blocks,
    position_json,
    quote_blocks,
    recommendation_blocks,
    recommendation_json,
)
from usc_cli.render.document import Block, Document, Fields, Heading, Para, Table
from usc_cli.vocab import SIDE_CODES

GAP = "·"
#: What a cell of a coverage grid says, for views that show cells with counts (``diff``).
MATRIX_LEGEND = (
    "US / CN / 3P: the source reports a Washington / Beijing / third-party view; R2: it recommends two steps; "
    f"{GAP} nothing."
)
#: Above this many sources the table and Markdown views count sources per issue instead of a grid.
MAX_GRID_SOURCES = 12


def cell_text(cell: Cell, counts: bool = True, gap: str = GAP) -> str:
    """``US CN R2`` for a cell: the sides it reports, then how many recommendations (``R`` alone
    without ``counts``); ``gap`` when the source says nothing on the issue."""
    if cell.empty:
        return gap
    recs = [(f"R{cell.recommendations}" if counts else "R")] if cell.recommendations else []
    return " ".join([SIDE_CODES[s] for s in cell.sides] + recs)


def matrix_json(cov: Coverage) -> dict[str, Any]:
    """The whole issue × source grid as JSON, a cell for every pair (counts of recommendations included)."""
    silent = {"sides": [], "recommendations": 0}  # one object for every silent cell: json writes each in full
    said = {
        key: {"sides": [s.value for s in cell.sides], "recommendations": cell.recommendations}
        for key, cell in cov.said.items()
    }
    return {
        "issues": cov.issues,
        "sources": cov.sources,
        "cells": {i: {s: said.get((i, s), silent) for s in cov.sources} for i in cov.issues},
    }


def matrix_doc(cov: Coverage) -> Document:
    """The grid, ``·`` where a source says nothing (CSV: an empty cell)."""
    cells = [[cov.cell(i, s) for s in cov.sources] for i in cov.issues]
    shown = [[i, *(cell_text(c, counts=False) for c in row)] for i, row in zip(cov.issues, cells, strict=True)]
    table = Table(["issue", *cov.sources], shown, gap=GAP, marks=SIDE_MARKS, row_heads=True)
    legend = [
        Para("US, CN, 3P: the source reports Washington's, Beijing's, a third party's view.", "muted"),
        Para(f"R: it recommends steps on the issue (how many: -f csv). {GAP}: it says nothing.", "muted"),
    ]
    data = [[i, *(cell_text(c, gap="") for c in row)] for i, row in zip(cov.issues, cells, strict=True)]
    return Document([table, *legend], csv=Table(["issue", *cov.sources], data))


def matrix_summary_doc(per_issue: list[IssueCoverage], sources: int) -> Document:
    """One row per issue: how many of the ``sources`` speak to it, report each side's view, recommend."""
    counts = [(c.issue, [c.speaking, *(c.sides[side] for side in SIDE_CODES), c.recommending]) for c in per_issue]
    columns = ["issue", "sources", *SIDE_CODES.values(), "R"]
    shown = [[issue, *(f"{n:,}" if n else GAP for n in numbers)] for issue, numbers in counts]
    table = Table(columns, shown, gap=GAP, marks=SIDE_MARKS, row_heads=True)
    total = f"{sources:,} source{'s' if sources != 1 else ''}"
    notes = [
        Para(
            f"Of the {total}, how many speak to the issue (sources), report Washington's, Beijing's, a third"
            f" party's view (US, CN, 3P), recommend steps on it (R); {GAP}: none.",
            "muted",
        ),
        Para(
            "The grid: uscn matrix --source SOURCE (repeatable) for some sources, --grid for all of them"
            " (in blocks of columns); -f csv or -f json for all of it as data.",
            "muted",
        ),
    ]
    csv = Table(columns, [[issue, *(str(n) for n in numbers)] for issue, numbers in counts])
    return Document([table, *notes], csv=csv)


#: How the timeline orders dates of different precision, said in every view of it.
TIMELINE_ORDER = (
    "An event known only to its year or month is placed at the end of that year or month, after the "
    "events dated within it; an event reported by a government's own text is dated by that text."
)


def timeline_json(events: list[Event]) -> dict[str, Any]:
    """Events as JSON, in date order."""
    return {"order": TIMELINE_ORDER, "events": [event_json(e) for e in events]}


def timeline_doc(events: list[Event]) -> Document:
    """Events in date order with their issues and sources. The date's form is its precision (1970s, 2022,
    2022-08, 2022-11-14), so the table leaves that column to CSV and JSON and gives the event the room."""
    rows = [[date_text(e.date), e.title, ", ".join(e.issues), ", ".join(_event_sources(e))] for e in events]
    table = Table(["date", "event", "issues", "sources"], rows)
    csv = Table(
        ["date", "precision", "event", "issues", "sources"],
        [[date, e.date.precision, *rest] for e, (date, *rest) in zip(events, rows, strict=True)],
    )
    return Document([table, Para(TIMELINE_ORDER, "muted")] if rows else [Para("No event matches.", "gap")], csv=csv)


def _event_sources(event: Event) -> list[str]:
    return list(dict.fromkeys(m.source for m in event.mentions))


def actor_json(ds: Dataset, record: ActorRecord) -> dict[str, Any]:
    """One actor with roles, mentions, quoted views, proposals and events."""
    actor = record.actor
    return {
        "id": actor.id,
        "name": actor.name,
        "kind": actor.kind.value,
        "side": actor.side.value,
        "country": actor.country,
        "standpoint": asdict(actor.standpoint) if actor.standpoint else None,
        "aliases": actor.aliases,
        "variants": [{"name": v.name, "source": v.source, "quote": v.quote, "note": v.note} for v in actor.variants],
        "roles": [{"title": r.title, "source": r.source, "quote": r.quote} for r in actor.roles],
        "sources": record.sources,
        "positions": [position_json(ds, p) for p in record.positions],
        "recommendations": [recommendation_json(ds, r) for r in record.recommendations],
        "events": [e.id for e in record.events],
    }


def actors_json(ds: Dataset, records: list[ActorRecord]) -> dict[str, Any]:
    """Actors as JSON."""
    return {"actors": [actor_json(ds, r) for r in records]}


def _roles_text(actor: Actor) -> str:
    return "; ".join(dict.fromkeys(role.title for role in actor.roles))


def actors_doc(records: list[ActorRecord]) -> Document:
    """Actors as a table: name (with the id below), side, roles as stated, the sources that mention them."""
    rows = [
        [f"{r.actor.name}\n{r.actor.id}", SIDE_CODES[r.actor.side], _roles_text(r.actor), ", ".join(r.sources)]
        for r in records
    ]
    table = Table(["actor / id", "side", "roles (as stated)", "sources"], rows, marks=SIDE_MARKS)
    legend = [
        Para("side: US = Washington, CN = Beijing, 3P = third party (neither government).", "muted"),
        Para("uscn actors show NAME: one actor's quotes, views, proposals and events.", "muted"),
    ]
    csv = Table(
        ["id", "name", "side", "roles (as stated)", "sources"],
        [[r.actor.id, r.actor.name, r.actor.side.value, _roles_text(r.actor), ", ".join(r.sources)] for r in records],
    )
    return Document([table, *legend] if rows else [Para("No actor matches.", "gap")], csv=csv)


def actor_doc(ds: Dataset, record: ActorRecord) -> Document:
    """One actor: roles with their quotes, variant spellings, views held, proposals, events."""
    actor = record.actor
    blocks: list[Block] = [
        Heading(f"{actor.name} [{actor.id}]"),
        Fields(
            [
                ("side", actor.side.value),
                ("kind", actor.kind.value),
                ("country", actor.country or "—"),
                ("aliases", ", ".join(actor.aliases) or "—"),
                ("sources", ", ".join(record.sources) or "—"),
            ]
        ),
        Heading("Roles, as each source states them", 2),
    ]
    if actor.standpoint is not None:
        stand = actor.standpoint
        blocks.append(Heading("Where this commentator stands", 2))
        blocks.append(Para(stand.value, "strong"))
        blocks += quote_blocks(ds, [Evidence(source=stand.source, quote=stand.quote)], False)
    for role in actor.roles:
        blocks.append(Para(role.title, "strong"))
        blocks += quote_blocks(ds, [Evidence(source=role.source, quote=role.quote)], False)
    for variant in actor.variants:
        blocks.append(Heading(f"Spelled “{variant.name}” in {variant.source}", 2))
        blocks.append(Para(variant.note, "muted"))
        blocks += quote_blocks(ds, [Evidence(source=variant.source, quote=variant.quote)], False)
    if record.positions:
        blocks.append(Heading("Views held", 2))
        for position in record.positions:
            blocks += [Para(f"On {position.issue}:", "muted"), *position_blocks(ds, position, True, False)]
    if record.recommendations:
        blocks.append(Heading("Proposals", 2))
        for rec in record.recommendations:
            blocks += recommendation_blocks(ds, rec, True, False)
    if record.events:
        blocks.append(Heading("Events", 2))
        blocks.append(Table(["date", "event"], [[date_text(e.date), e.title] for e in record.events]))
    return Document(blocks)
