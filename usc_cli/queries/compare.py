"""The comparison of one issue: each side's positions, observers, frames, recommendations, events."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from usc_cli.dataset import Dataset
from usc_cli.models import Event, Frame, Issue, Position, Recommendation, Side
from usc_cli.queries.events import events_on, own_first


@dataclass(frozen=True)
class SideView:
    """One side's positions on an issue, or the reason there are none."""

    side: Side
    positions: list[Position]
    gap: str | None = None


@dataclass(frozen=True)
class Comparison:
    """Everything ``uscn compare`` shows for one issue."""

    issue: Issue
    sides: dict[Side, SideView]
    frames: list[Frame]
    recommendations: list[Recommendation]
    events: list[Event]
    related: list[Issue]
    source_filter: list[str] = field(default_factory=list)


def keep_evidence(position: Position, sources: set[str] | None) -> Position | None:
    """The position with only the evidence from ``sources`` (None when nothing is left)."""
    if sources is None:
        return position
    kept = [e for e in position.evidence if e.source in sources]
    return replace(position, evidence=kept) if kept else None


def compare_issue(ds: Dataset, issue_id: str, sources: list[str] | None = None) -> Comparison:
    """Build the comparison of ``issue_id``, optionally limited to what ``sources`` say."""
    issue = ds.issues[issue_id]
    wanted = set(sources) if sources else None
    gaps = {gap.side: gap.note for gap in issue.gaps}
    sides: dict[Side, SideView] = {}
    for side in Side:
        found = ds.positions_for(issue_id, side, sources or None)
        positions = own_first(ds, [p for p in (keep_evidence(p, wanted) for p in found) if p])
        gap = None
        if not positions and side is not Side.THIRD_PARTY:
            gap = gaps.get(side) if wanted is None else "No position from the selected source(s)."
            gap = gap or "No seed gives this side's view."
        sides[side] = SideView(side, positions, gap)
    recommendations = ds.recommendations_for(issue_id, sources or None)
    mentioned = None if wanted is None else list({e.id: e for s in wanted for e in ds.events_mentioned_by(s)}.values())
    events = events_on(ds, issue_id, mentioned)
    return Comparison(
        issue=issue,
        sides=sides,
        frames=[ds.frames[f] for f in issue.frames if f in ds.frames],
        recommendations=recommendations,
        events=events,
        related=[ds.issues[r] for r in issue.related if r in ds.issues],
        source_filter=sorted(wanted) if wanted else [],
    )
