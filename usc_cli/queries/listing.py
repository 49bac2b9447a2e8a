"""Filters behind the list commands."""

from __future__ import annotations

from usc_cli.dataset import Dataset
from usc_cli.models import Addressee, Issue, Recommendation, Side


def filter_issues(ds: Dataset, tag: str | None, source: str | None, frame: str | None) -> list[Issue]:
    """Issues with the tag, spoken to by the source, and under the frame (each filter optional)."""
    result = []
    for issue in ds.issues.values():
        if tag is not None and tag.casefold() not in issue.tags:
            continue
        if source is not None and source not in ds.sources_speaking_to(issue.id):
            continue
        if frame is not None and frame not in issue.frames:
            continue
        result.append(issue)
    return result


def sides_with_positions(ds: Dataset, issue_id: str) -> list[Side]:
    """Sides that hold at least one position on the issue, in us, china, third-party order."""
    return ds.sides_on(issue_id)


def filter_recommendations(
    ds: Dataset, sources: list[str] | None, issue: str | None, to: Addressee | None
) -> list[Recommendation]:
    """Recommendations from the sources, on the issue, addressed to ``to`` (``both`` matches us and china)."""
    result = []
    for rec in ds.recommendations_from(sources) if sources else ds.recommendations:
        if issue is not None and issue not in rec.issues:
            continue
        if to is not None and rec.to is not to and not (to is not Addressee.BOTH and rec.to is Addressee.BOTH):
            continue
        result.append(rec)
    return result


def issues_under_frame(ds: Dataset, frame_id: str) -> list[Issue]:
    """Issues that fall under a frame."""
    return [i for i in ds.issues.values() if frame_id in i.frames]
