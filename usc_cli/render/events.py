"""``uscn events list`` and ``uscn events show``: each government's account of the same event."""

from __future__ import annotations

from typing import Any

from usc_cli.dataset import Dataset
from usc_cli.models import Evidence, Side
from usc_cli.queries.events import Account, EventAccounts, EventSummary
from usc_cli.render.common import (
    date_text,
    event_json,
    evidence_json,
    position_json,
    quote_block,
    quote_blocks,
    said_by,
)
from usc_cli.render.document import Block, Columns, Document, Heading, Pane, Para, Table
from usc_cli.vocab import SIDE_NAMES

SIDES = (Side.US, Side.CHINA)


def events_json(summaries: list[EventSummary]) -> dict[str, Any]:
    """Every event with the governments whose own texts give an account of it."""
    return {"events": [{**event_json(s.event), "accounts_by": [side.value for side in s.sides]} for s in summaries]}


def events_doc(summaries: list[EventSummary]) -> Document:
    """One row per event: date, title, whose own account the dataset holds, the sources."""
    rows = [
        [
            date_text(s.event.date),
            f"{s.event.title} [{s.event.id}]",
            " + ".join(SIDE_NAMES[side] for side in s.sides) or "·",
            ", ".join(s.sources),
        ]
        for s in summaries
    ]
    table = Table(["date", "event", "own accounts", "sources"], rows, gap="·")
    blocks: list[Block] = [table] if rows else [Para("No event matches.", "gap")]
    if rows:
        blocks.append(Para("uscn events show EVENT sets each government's account side by side.", "muted"))
    return Document(blocks, csv=table)


def _account_json(ds: Dataset, account: Account) -> dict[str, Any]:
    source = ds.sources[account.source]
    return {
        "side": account.side.value,
        "source": account.source,
        "kind": source.kind.value,
        "language": source.language,
        "issues": account.issues,
        "extents": [{"decided_by": x.decided_by, "start": x.start, "end": x.end} for x in account.extents],
        "quotes": [evidence_json(ds, e) for p in account.positions for e in p.evidence],
        "positions": [position_json(ds, p) for p in account.positions],
    }


def event_accounts_json(ds: Dataset, found: EventAccounts) -> dict[str, Any]:
    """The event, one account per government text, what only one side raised, and other mentions."""
    return {
        "event": event_json(found.event),
        "accounts": [_account_json(ds, a) for a in found.accounts],
        "only_raised_by": {side.value: issues for side, issues in found.only.items()},
        "caution": kinds_note(ds, found),
        "mentions": [
            {"source": m.source, "quote": m.quote, "attribution": said_by(ds, Evidence(source=m.source, quote=m.quote))}
            for m in found.mentions
        ],
    }


def _account_blocks(ds: Dataset, account: Account) -> list[Block]:
    source = ds.sources[account.source]
    title = source.title.value if source.title is not None else account.source
    blocks: list[Block] = [
        Para(f"{title} — {source.kind.value}, {date_text(source.date)} [{account.source}]", "strong"),
        Para(f"Raises: {', '.join(account.issues)}" if account.issues else "Raises no issue the dataset tracks."),
    ]
    for position in account.positions:
        blocks.append(Para(f"{position.issue}: {position.summary}"))
        blocks += quote_blocks(ds, position.evidence, context=False)
    return blocks


def kinds_note(ds: Dataset, found: EventAccounts) -> str | None:
    """A caution when the two governments' accounts are texts of different kinds (a readout of the
    meeting against a press conference that mentions it): what only one raised may be the kind's."""
    kinds = {side: {ds.sources[a.source].kind.value for a in found.accounts if a.side is side} for side in SIDES}
    if not all(kinds.values()) or kinds[Side.US] == kinds[Side.CHINA]:
        return None
    told = "; ".join(f"{SIDE_NAMES[side]}'s is a {' and a '.join(sorted(k))}" for side, k in kinds.items())
    return f"The accounts are texts of different kinds ({told}): what only one raised may reflect that."


def event_accounts_doc(ds: Dataset, found: EventAccounts) -> Document:
    """Washington's and Beijing's accounts side by side, what only one raised, then other mentions."""
    event = found.event
    blocks: list[Block] = [Heading(f"{event.title} — {date_text(event.date)}")]
    panes = []
    for side in (Side.US, Side.CHINA):
        accounts = [a for a in found.accounts if a.side is side]
        body: list[Block] = [b for a in accounts for b in _account_blocks(ds, a)]
        if not accounts:
            body = [Para(f"No text of {SIDE_NAMES[side]}'s own in the dataset gives an account of this event.", "gap")]
        panes.append(Pane(f"{SIDE_NAMES[side]}'s account", body, side))
    blocks.append(Columns(panes))
    note = kinds_note(ds, found)
    if note:
        blocks.append(Para(note, "muted"))
    for side, issues in found.only.items():
        name = SIDE_NAMES[side]
        blocks.append(
            Para(f"Only {name} raised: {', '.join(issues)}" if issues else f"{name} raised nothing the other did not.")
        )
    if found.mentions:
        blocks.append(Heading("Also mentioned by", 2))
        for m in found.mentions:
            evidence = Evidence(source=m.source, quote=m.quote, translation=m.translation)
            blocks.append(quote_block(ds, evidence, said_by(ds, evidence)))
    return Document(blocks)
