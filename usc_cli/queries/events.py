"""The same meeting as each side told it: an event's accounts, one per source that gives one.

A government's own text (readout, statement, remarks, press conference) that mentions an event is
that government's *account* of it. Which of the text's positions belong to the account is decided
by where each quote starts:

- marked: a mention that gives ``through`` (the account's last words, verbatim) opens an account
  that runs from the mention to the end of those words, whatever the text mentions in between;
- by the last-mention rule otherwise: a passage belongs to the event the text last mentioned before
  it (a passage before the first mention belongs to the first), up to the next mention or the end
  of a marked account, so a press conference that moves from one meeting to another splits there.

A commentator's article that mentions the event is listed as a mention, not an account.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

from usc_cli.dataset import Dataset, Span
from usc_cli.models import Event, EventMention, Evidence, Position, Side
from usc_cli.queries.coverage import dated, in_date_order, timeline

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


ExtentRule = Literal["marked", "last-mention"]


@dataclass(frozen=True)
class Extent:
    """Where one account runs in its text: character offsets ``start`` to ``end`` (None: to the end
    of the text), and how that was decided."""

    start: int
    end: int | None
    decided_by: ExtentRule

    def holds(self, offset: int) -> bool:
        """True when a quote starting at ``offset`` is in the account."""
        return self.start <= offset and (self.end is None or offset < self.end)


@dataclass(frozen=True)
class Account:
    """One government text's account of an event: the positions it states in its passages about it."""

    source: str
    side: Side
    positions: list[Position]
    mentions: list[EventMention]
    extents: list[Extent]  # one per mention of the event in the text, in text order

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


def _marked_end(ds: Dataset, mention: EventMention, opened: Span) -> int | None:
    """Where the account a mention opens ends: after the first place its ``through`` stands at or
    after the mention (the loader proves there is one); None without ``through``."""
    if mention.through is None:
        return None
    ends = ds.locate(Evidence(source=mention.source, quote=mention.through))
    return next((end.end for end in ends if end.start >= opened.start), None)


def _extents(ds: Dataset, source: str) -> dict[str, list[Extent]]:
    """Each event the source mentions, with where each of its accounts in the text runs."""
    marks: list[tuple[int, str, int | None]] = []  # where a mention starts, its event, its marked end
    for event in ds.events_mentioned_by(source):
        for mention in event.mentions:
            if mention.source == source and (span := _first_span(ds, source, mention.quote)) is not None:
                marks.append((span.start, event.id, _marked_end(ds, mention, span)))
    marks.sort(key=lambda m: m[0])
    bounds = sorted({m[0] for m in marks} | {m[2] for m in marks if m[2] is not None})
    found: dict[str, list[Extent]] = {}
    for start, event_id, end in marks:
        if end is not None:
            extent = Extent(start, end, "marked")
        else:
            following = next((b for b in bounds if b > start), None)
            extent = Extent(0 if start == marks[0][0] else start, following, "last-mention")
        found.setdefault(event_id, []).append(extent)
    return found


def _account(ds: Dataset, event: Event, source: str, side: Side) -> Account:
    extents = _extents(ds, source).get(event.id, [])
    kept: list[Position] = []
    for position in ds.positions_for_source(source):
        evidence = [
            e
            for e in position.evidence
            if e.source == source and any(x.holds(s.start) for s in ds.locate(e) for x in extents)
        ]
        if evidence:
            kept.append(replace(position, evidence=evidence))
    return Account(source, side, kept, [m for m in event.mentions if m.source == source], extents)


def event_accounts(ds: Dataset, event_id: str) -> EventAccounts:
    """Each government's accounts of the event, the other mentions, and the issues only one side raised."""
    event = dated(ds, ds.events[event_id])  # dated as every other view dates it
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


def events_on(ds: Dataset, issue_id: str, events: list[Event] | None = None) -> list[Event]:
    """The events (of ``events``, else all) filed under the issue, and those a government's own
    account of raises it (the Bali readout raises Taiwan), in date order."""
    if events is None:  # the issue's own, and those of the governments' texts that speak to it
        speaking = [s for s in ds.sources_speaking_to(issue_id) if ds.sources[s].government is not None]
        candidates = {e.id: e for e in ds.events_for(issue_id)}
        candidates.update({e.id: e for s in speaking for e in ds.events_mentioned_by(s)})
        events = list(candidates.values())
    found = []
    for event in in_date_order(ds, events):
        official = [m.source for m in event.mentions if m.source in ds.sources and ds.sources[m.source].government]
        if issue_id in event.issues:
            found.append(event)
        elif official and ds.positions_for(issue_id, sources=official):  # only then read the accounts
            if any(issue_id in account.issues for account in event_accounts(ds, event.id).accounts):
                found.append(event)
    return found


def event_summaries(ds: Dataset, issue_id: str | None = None, both: bool = False) -> list[EventSummary]:
    """Every event in date order with the governments whose own texts give an account of it
    (only those with both governments' accounts when ``both``)."""
    found = []
    for event in timeline(ds) if issue_id is None else events_on(ds, issue_id):
        sources = list(dict.fromkeys(m.source for m in event.mentions))
        sides = {ds.sources[s].government for s in sources} - {None}
        shown: list[Side] = [s for s in (Side.US, Side.CHINA) if s in sides]
        if both and len(shown) < 2:
            continue
        found.append(EventSummary(event, shown, sources))
    return found
