"""Who speaks to what: the issue × source matrix, the timeline, and what each actor is quoted as saying."""

from __future__ import annotations

from dataclasses import dataclass

from usc_cli.dataset import Dataset
from usc_cli.models import Actor, Event, Position, Recommendation, Side


@dataclass(frozen=True)
class Cell:
    """What one source says on one issue: the sides it reports positions for, and its recommendations."""

    sides: list[Side]
    recommendations: int

    @property
    def empty(self) -> bool:
        """True when the source says nothing on the issue."""
        return not self.sides and not self.recommendations


def matrix(ds: Dataset) -> dict[str, dict[str, Cell]]:
    """``matrix[issue][source]`` for every issue and source, in dataset order."""
    grid: dict[str, dict[str, Cell]] = {}
    for issue_id in ds.issues:
        row: dict[str, Cell] = {}
        for source_id in ds.sources:
            sides = {p.side for p in ds.positions_for(issue_id) if any(e.source == source_id for e in p.evidence)}
            recs = sum(1 for r in ds.recommendations_for(issue_id) if r.source == source_id)
            row[source_id] = Cell([s for s in Side if s in sides], recs)
        grid[issue_id] = row
    return grid


def timeline(ds: Dataset, issue_id: str | None = None) -> list[Event]:
    """Events in date order (coarser dates sort before finer ones in the same period)."""
    events = [e for e in ds.events.values() if issue_id is None or issue_id in e.issues]
    return sorted(events, key=lambda e: (e.date.value, e.id))


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
    actor = ds.actors[actor_id]
    positions = [p for p in ds.positions if p.holder.actor == actor_id]
    recommendations = [r for r in ds.recommendations if r.proposer == actor_id]
    events = [e for e in timeline(ds) if actor_id in e.actors]
    mentioned = {role.source for role in actor.roles} | {v.source for v in actor.variants}
    mentioned |= {e.source for p in positions for e in p.evidence}
    mentioned |= {r.source for r in recommendations}
    return ActorRecord(actor, [s for s in ds.sources if s in mentioned], positions, recommendations, events)


def filter_actors(ds: Dataset, side: Side | None) -> list[Actor]:
    """Actors on one side (all when ``side`` is None)."""
    return [a for a in ds.actors.values() if side is None or a.side is side]
