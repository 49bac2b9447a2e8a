"""The same meeting as each side told it: an event's accounts, one per source that gives one.

A government's own text (readout, statement, remarks, press conference) that mentions an event is
that government's *account* of it. Which of the text's positions belong to the account: each passage
of a text belongs to the event the text last mentioned before it (a passage before the first mention
belongs to the first), so a press conference that moves from one meeting to another splits where it
does. A commentator's article that mentions the event is listed as a mention, not an account.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, replace
from typing import Literal

from usc_cli.dataset import Dataset, Span
from usc_cli.models import Event, EventMention, Evidence, Position, Side
from usc_cli.queries.coverage import timeline

Voice = Literal["own", "reported"]


def is_own_text(ds: Dataset, source_id: str, side: Side) -> bool:
    """True when the source is ``side``'s government's own text."""
    source = ds.sources[source_id]
    return source.government is side  # only a government's own kind of text names one (models.Source)


def voice(ds: Dataset, position: Position) -> Voice:
    """``own`` when every quote of the position comes from its side's government's own text, else
    ``reported`` (a commentator or the other government reports the view)."""
    if position.side is Side.THIRD_PARTY:
        return "reported"
    own = all(is_own_text(ds, e.source, position.side) for e in position.evidence)
    return "own" if own else "reported"


def own_first(ds: Dataset, positions: list[Position]) -> list[Position]:
    """The positions with a government's own words first, each group in its given order."""
    return sorted(positions, key=lambda p: voice(ds, p) != "own")


@dataclass(frozen=True)
class Account:
    """One government text's account of an event: the positions it states in its passages about it."""

    source: str
    side: Side
    positions: list[Position]
    mentions: list[EventMention]

    @property
    def issues(self) -> list[str]:
        """The issues the account raises, in the order it raises them."""
        return list(dict.fromkeys(p.issue for p in self.positions))


@dataclass(frozen=True)
class EventAccounts:
    """An event with each government's accounts and what only one side raised."""

    event: Event
    accounts: list[Account]  # Washington's, then Beijing's, each in source order
    mentions: list[EventMention]  # mentions by texts that are not a government's own
    only: dict[Side, list[str]]  # issues raised in one government's accounts and not the other's

    @property
    def both_sides(self) -> bool:
        """True when both governments give an account."""
        return {a.side for a in self.accounts} >= {Side.US, Side.CHINA}


@dataclass(frozen=True)
class EventSummary:
    """A line of ``events list``: the event and whose own texts give an account of it."""

    event: Event
    sides: list[Side]  # governments with an account, Washington first
    sources: list[str]


def _first_span(ds: Dataset, source: str, quote: str) -> Span | None:
    spans = ds.locate(Evidence(source=source, quote=quote))
    return spans[0] if spans else None


def _sections(ds: Dataset, source: str) -> tuple[list[int], list[str]]:
    """Where each event mention of the source starts, in text order, and the event it names."""
    marks: list[tuple[int, str]] = []
    for event in ds.events.values():
        for mention in event.mentions:
            if mention.source == source and (span := _first_span(ds, source, mention.quote)) is not None:
                marks.append((span.start, event.id))
    marks.sort()
    return [m[0] for m in marks], [m[1] for m in marks]


def _event_at(starts: list[int], events: list[str], offset: int) -> str | None:
    if not events:
        return None
    return events[max(bisect_right(starts, offset) - 1, 0)]


def _account(ds: Dataset, event: Event, source: str, side: Side) -> Account:
    starts, events = _sections(ds, source)
    kept: list[Position] = []
    for position in ds.positions_for_source(source):
        evidence = [
            e
            for e in position.evidence
            if e.source == source and any(_event_at(starts, events, s.start) == event.id for s in ds.locate(e))
        ]
        if evidence:
            kept.append(replace(position, evidence=evidence))
    return Account(source, side, kept, [m for m in event.mentions if m.source == source])


def event_accounts(ds: Dataset, event_id: str) -> EventAccounts:
    """Each government's accounts of the event, the other mentions, and the issues only one side raised."""
    event = ds.events[event_id]
    accounts: list[Account] = []
    others: list[EventMention] = []
    for source in dict.fromkeys(m.source for m in event.mentions):
        government = ds.sources[source].government
        if government is None:
            others += [m for m in event.mentions if m.source == source]
        else:
            accounts.append(_account(ds, event, source, government))
    accounts.sort(key=lambda a: a.side is not Side.US)  # stable: source order within a side
    raised = {side: {i for a in accounts if a.side is side for i in a.issues} for side in (Side.US, Side.CHINA)}
    only: dict[Side, list[str]] = {}
    if raised[Side.US] and raised[Side.CHINA]:
        for side, other in ((Side.US, Side.CHINA), (Side.CHINA, Side.US)):
            order = [i for a in accounts if a.side is side for i in a.issues]
            only[side] = [i for i in dict.fromkeys(order) if i not in raised[other]]
    return EventAccounts(event, accounts, others, only)


def event_summaries(ds: Dataset, issue_id: str | None = None, both: bool = False) -> list[EventSummary]:
    """Every event in date order with the governments whose own texts give an account of it
    (only those with both governments' accounts when ``both``)."""
    found = []
    for event in timeline(ds, issue_id):
        sources = list(dict.fromkeys(m.source for m in event.mentions))
        sides = {ds.sources[s].government for s in sources} - {None}
        shown: list[Side] = [s for s in (Side.US, Side.CHINA) if s in sides]
        if both and len(shown) < 2:
            continue
        found.append(EventSummary(event, shown, sources))
    return found
