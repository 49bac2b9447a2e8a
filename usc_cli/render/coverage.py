"""``uscn matrix``, ``uscn timeline`` and ``uscn actors``."""

from __future__ import annotations

from typing import Any

from usc_cli.dataset import Dataset
from usc_cli.models import Actor, Event, Evidence, Side
from usc_cli.queries.coverage import ActorRecord, Cell
from usc_cli.render.common import (
    date_text,
    event_json,
    position_blocks,
    position_json,
    quote_blocks,
    recommendation_blocks,
    recommendation_json,
)
from usc_cli.render.document import Block, Document, Fields, Heading, Para, Table

GAP = "·"
_ABBREV = {Side.US: "US", Side.CHINA: "CN", Side.THIRD_PARTY: "3P"}
MATRIX_LEGEND = (
    "US / CN / 3P: the source reports a Washington / Beijing / third-party view; R: it recommends; · nothing."
)


def cell_text(cell: Cell) -> str:
    """``US CN R2`` for a matrix cell; ``·`` when the source says nothing on the issue."""
    if cell.empty:
        return GAP
    parts = [_ABBREV[s] for s in cell.sides] + ([f"R{cell.recommendations}"] if cell.recommendations else [])
    return " ".join(parts)


def matrix_json(grid: dict[str, dict[str, Cell]]) -> dict[str, Any]:
    """The issue × source grid as JSON."""
    return {
        "issues": list(grid),
        "sources": list(next(iter(grid.values()), {})),
        "cells": {
            issue: {
                source: {"sides": [s.value for s in cell.sides], "recommendations": cell.recommendations}
                for source, cell in row.items()
            }
            for issue, row in grid.items()
        },
    }


def matrix_doc(grid: dict[str, dict[str, Cell]]) -> Document:
    """The grid as a table with gaps marked."""
    sources = list(next(iter(grid.values()), {}))
    rows = [[issue, *(cell_text(row[s]) for s in sources)] for issue, row in grid.items()]
    table = Table(["issue", *sources], rows, gap=GAP)
    return Document([table, Para(MATRIX_LEGEND, "muted")], csv=table)


def timeline_json(events: list[Event]) -> dict[str, Any]:
    """Events as JSON, in date order."""
    return {"events": [event_json(e) for e in events]}


def timeline_doc(events: list[Event]) -> Document:
    """Events in date order with precision, issues and sources."""
    rows = [
        [
            date_text(e.date),
            e.date.precision,
            e.title,
            ", ".join(e.issues),
            ", ".join(dict.fromkeys(m.source for m in e.mentions)),
        ]
        for e in events
    ]
    table = Table(["date", "precision", "event", "issues", "sources"], rows)
    return Document([table] if rows else [Para("No event matches.", "gap")], csv=table)


def actor_json(ds: Dataset, record: ActorRecord) -> dict[str, Any]:
    """One actor with roles, mentions, quoted views, proposals and events."""
    actor = record.actor
    return {
        "id": actor.id,
        "name": actor.name,
        "kind": actor.kind.value,
        "side": actor.side.value,
        "country": actor.country,
        "standpoint": actor.standpoint.model_dump() if actor.standpoint else None,
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
    """Actors as a table: name, side, roles as stated, sources that mention them."""
    rows = [[r.actor.id, r.actor.name, r.actor.side.value, _roles_text(r.actor), ", ".join(r.sources)] for r in records]
    table = Table(["id", "name", "side", "roles (as stated)", "sources"], rows)
    return Document([table] if rows else [Para("No actor matches.", "gap")], csv=table)


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
