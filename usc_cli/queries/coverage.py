"""Who speaks to what: the issue × source matrix, the timeline, and what each actor is quoted as saying."""

from __future__ import annotations

from dataclasses import dataclass, replace

from usc_cli.dataset import Dataset
from usc_cli.models import Actor, DateFact, Event, Position, Recommendation, Side, date_sort_key


@dataclass(frozen=True)
class Cell:
    """What one source says on one issue: the sides it reports positions for, and its recommendations."""

    sides: list[Side]
    recommendations: int

    @property
    def empty(self) -> bool:
        """True when the source says nothing on the issue."""
        return not self.sides and not self.recommendations


EMPTY = Cell([], 0)


@dataclass(frozen=True)
class Coverage:
    """The issue × source grid, stored sparsely: only the cells where a source says something."""

    issues: list[str]
    sources: list[str]
    said: dict[tuple[str, str], Cell]  # (issue, source) → cell; a missing key is a source silent on the issue

    def cell(self, issue_id: str, source_id: str) -> Cell:
        """What the source says on the issue (``EMPTY`` when nothing)."""
        return self.said.get((issue_id, source_id), EMPTY)


def coverage(ds: Dataset, sources: list[str] | None = None) -> Coverage:
    """Every issue against the sources (all in dataset order, or the ones named in their order), from
    the index's lists per source (the sides each reports on each issue, the issues it recommends on):
    no position read, no scan per cell, nothing stored for silence."""
    chosen = list(ds.sources) if sources is None else list(dict.fromkeys(sources))
    index = ds.index()
    sides: dict[tuple[str, str], set[Side]] = {}
    recs: dict[tuple[str, str], int] = {}
    for source_id in chosen:
        for pair in index.ids("source-sides", source_id):
            issue_id, side = pair.rsplit(" ", 1)
            sides.setdefault((issue_id, source_id), set()).add(Side(side))
        for issue_id in index.ids("source-recommended", source_id):
            recs[(issue_id, source_id)] = recs.get((issue_id, source_id), 0) + 1
    order = tuple(Side)  # iterating the enum class itself costs more than the cells
    said = {key: Cell([s for s in order if s in sides.get(key, ())], recs.get(key, 0)) for key in sides.keys() | recs}
    return Coverage(list(ds.issues), chosen, said)


def matrix(ds: Dataset, sources: list[str] | None = None) -> dict[str, dict[str, Cell]]:
    """``matrix[issue][source]`` for every issue and source (all, or the ones named)."""
    cov = coverage(ds, sources)
    return {i: {s: cov.cell(i, s) for s in cov.sources} for i in cov.issues}


@dataclass(frozen=True)
class IssueCoverage:
    """How many of the sources speak to one issue: at all, for each side, with recommendations."""

    issue: str
    speaking: int
    sides: dict[Side, int]
    recommending: int


def coverage_counts(cov: Coverage) -> list[IssueCoverage]:
    """For each issue, counts of sources (one pass over the cells where a source says something)."""
    speaking = dict.fromkeys(cov.issues, 0)
    sides = {i: dict.fromkeys(tuple(Side), 0) for i in cov.issues}
    recommending = dict.fromkeys(cov.issues, 0)
    for (issue_id, _), cell in cov.said.items():
        speaking[issue_id] += 1
        for side in cell.sides:
            sides[issue_id][side] += 1
        recommending[issue_id] += bool(cell.recommendations)
    return [IssueCoverage(i, speaking[i], sides[i], recommending[i]) for i in cov.issues]


def timeline(ds: Dataset, issue_id: str | None = None) -> list[Event]:
    """Events in date order, each dated by the official texts that report it where these exist."""
    return in_date_order(ds, [e for e in ds.events.values() if issue_id is None or issue_id in e.issues])


def in_date_order(ds: Dataset, events: list[Event]) -> list[Event]:
    """The events, dated (``dated``) and sorted: a date known only to its year or month sorts at the
    end of that year or month (``date_sort_key``); events of the same date in the data file's order."""
    order = {event_id: n for n, event_id in enumerate(ds.events)}
    return sorted((dated(ds, e) for e in events), key=lambda e: (date_sort_key(e.date.value), order.get(e.id, 0)))


def _within(value: str, period: str) -> bool:
    """Whether a date falls in a period: ``2023-11-15`` in ``2023-11``, ``2023`` or ``2020s``."""
    return value[:3] == period[:3] if period.endswith("s") else value.startswith(period)


def dated(ds: Dataset, event: Event) -> Event:
    """An event dated by the governments' own texts that give an account of it, where they all give
    one date, finer than the event's and within it; else as recorded. Texts
    that disagree (a statement on the 3rd, a press conference on the 6th, remarks on the 16th) tell of
    an event that spans days, or came before some of them: their dates bound it, they do not date it;
    and a date a government's account states ("met on September 16-17") is the event's own, not the
    readout's."""
    own = event.date.value
    official = [m for m in event.mentions if m.source in ds.sources and ds.sources[m.source].government is not None]
    stated = event.date.quote
    if not event.date.inferred and stated is not None and any(stated in m.quote for m in official):
        return event  # the government's text states the dates itself (a meeting of two days)
    texts = [ds.sources[m.source] for m in official]
    finer = [s for s in texts if s.date is not None and _within(s.date.value, own) and len(s.date.value) > len(own)]
    if not finer or len({s.date.value for s in texts if s.date is not None}) > 1:
        return event
    first = min(finer, key=lambda s: date_sort_key(s.date.value if s.date else ""))
    assert first.date is not None
    title = first.title.value if first.title is not None else first.id
    government = first.government.value if first.government is not None else ""
    basis = (
        f"The date of the {government} government's own text that gives an account of it: {first.kind.value} "
        f"'{title}' ({first.id}), dated {first.date.value}."
    )
    return replace(event, date=DateFact(value=first.date.value, inferred=True, basis=basis))


@dataclass(frozen=True)
class ActorRecord:
    """An actor with everything the dataset ties to them."""

    actor: Actor
    sources: list[str]
    positions: list[Position]
    recommendations: list[Recommendation]
    events: list[Event]


def actor_record(ds: Dataset, actor_id: str) -> ActorRecord:
    """The actor, the sources that mention them, the views they hold, what they propose, their events."""
    return actor_records(ds, [ds.actors[actor_id]])[0]


def actor_records(ds: Dataset, actors: list[Actor]) -> list[ActorRecord]:
    """``actor_record`` for each actor, with the positions, recommendations and events indexed once."""
    positions: dict[str, list[Position]] = {}
    for p in ds.positions:
        if p.holder.actor is not None:
            positions.setdefault(p.holder.actor, []).append(p)
    recommendations: dict[str, list[Recommendation]] = {}
    for r in ds.recommendations:
        if r.proposer is not None:
            recommendations.setdefault(r.proposer, []).append(r)
    events: dict[str, list[Event]] = {}
    for event in timeline(ds):
        for actor_id in dict.fromkeys(event.actors):
            events.setdefault(actor_id, []).append(event)
    records = []
    for actor in actors:
        held, proposed = positions.get(actor.id, []), recommendations.get(actor.id, [])
        mentioned = {role.source for role in actor.roles} | {v.source for v in actor.variants}
        mentioned |= {e.source for p in held for e in p.evidence}
        mentioned |= {r.source for r in proposed}
        sources = [s for s in ds.sources if s in mentioned]
        records.append(ActorRecord(actor, sources, held, proposed, events.get(actor.id, [])))
    return records


def filter_actors(ds: Dataset, side: Side | None) -> list[Actor]:
    """Actors on one side (all when ``side`` is None)."""
    return [a for a in ds.actors.values() if side is None or a.side is side]
