"""The checks of the top-level files: issues, actors, frames, agreements and events.

Each check is one function of the checker; ``DATASET_CHECKS`` runs them in order, after the checks of
every source file (an issue's gaps are judged against every position read).
"""

from __future__ import annotations

from collections.abc import Callable

from usc_cli.loader.checker import Checker
from usc_cli.models import EventMention, Evidence, FrameLabel, Side
from usc_cli.yamlfile import Loc


def issues(c: Checker) -> None:
    """Each issue's related issues and frames exist, and each side has a position or a declared gap."""
    held = {(p.issue, p.side) for p in c.ds.positions}  # one pass, not one scan per issue and side
    for file, index, issue in c.placed["issues"]:
        loc: Loc = ("issues", index)
        c.refs("issue", c.ds.issues, issue.related, file, (*loc, "related"))
        c.refs("frame", c.ds.frames, issue.frames, file, (*loc, "frames"))
        gaps = {gap.side for gap in issue.gaps}
        for side in (Side.US, Side.CHINA):
            if c.sources_broken():
                break  # positions in a broken source file are unknown
            has = (issue.id, side) in held
            if has and side in gaps:
                c.col.add(file, (*loc, "gaps"), f"gap declared for {side.value!r} but a position exists")
            if not has and side not in gaps:
                c.col.add(file, loc, f"no {side.value!r} position: add one or declare a gap")


def actors(c: Checker) -> None:
    """An actor's standpoint, roles and name variants are each quoted from an article."""
    for file, index, actor in c.placed["actors"]:
        if actor.standpoint is not None:
            stand = actor.standpoint
            c.quote(Evidence(source=stand.source, quote=stand.quote), file, ("actors", index, "standpoint"))
        for n, role in enumerate(actor.roles):
            c.quote(
                Evidence(source=role.source, quote=role.quote),
                file,
                ("actors", index, "roles", n),
                f"actor {actor.id}",
                translate=False,
            )
        for n, variant in enumerate(actor.variants):
            c.quote(
                Evidence(source=variant.source, quote=variant.quote),
                file,
                ("actors", index, "variants", n),
            )


def frames(c: Checker) -> None:
    """Each side's label of a frame: its official terms, then its evidence, quoted from an article."""
    for file, index, frame in c.placed["frames"]:
        for n, label in enumerate(frame.labels):
            _terms(c, label, file, ("frames", index, "labels", n))
            for m, ev in enumerate(label.evidence):
                c.quote(
                    ev,
                    file,
                    ("frames", index, "labels", n, "evidence", m),
                    f"frame {frame.id} ({label.side.value})",
                    f"{label.label}: {label.summary}",
                )


def _terms(c: Checker, label: FrameLabel, file: str, loc: Loc) -> None:
    """Each official term is in its quote, and the quote is from that side's government's own text."""
    for n, term in enumerate(label.terms):
        where = (*loc, "terms", n)
        c.quote(term.evidence, file, (*where, "evidence"), f"term {term.term}")
        if term.term not in term.evidence.quote:
            c.col.add(file, (*where, "term"), f"term {term.term!r} is not in its quote")
        src = c.ds.sources.get(term.evidence.source)
        if src is not None and src.government is not label.side:
            c.col.add(
                file,
                (*where, "evidence", "source"),
                f"a {label.side.value} term is quoted from that government's own text, not {src.id!r}",
            )


def agreements(c: Checker) -> None:
    """An agreement links known recommendations of two or more sources."""
    rec_source = {r.id: r.source for r in c.ds.recommendations}
    for file, index, agreement in c.placed["agreements"]:
        loc: Loc = ("agreements", index)
        c.refs("recommendation", rec_source, agreement.recommendations, file, (*loc, "recommendations"))
        linked = {rec_source[r] for r in agreement.recommendations if r in rec_source}
        if len(linked) < 2 and not c.sources_broken():
            c.col.add(
                file,
                (*loc, "recommendations"),
                "an agreement links recommendations of two or more sources",
            )


def events(c: Checker) -> None:
    """An event's issues and actors exist, its mentions are quoted, and its date is in a mentioning source."""
    for file, index, event in c.placed["events"]:
        loc: Loc = ("events", index)
        c.refs("issue", c.ds.issues, event.issues, file, (*loc, "issues"))
        c.refs("actor", c.ds.actors, event.actors, file, (*loc, "actors"))
        for n, mention in enumerate(event.mentions):
            c.quote(
                Evidence(source=mention.source, quote=mention.quote, translation=mention.translation),
                file,
                (*loc, "mentions", n),
                f"event {event.id}",
            )
            if mention.through is not None:
                _through(c, mention, file, (*loc, "mentions", n, "through"))
        if event.date.quote is not None:
            mentioned = [c.ds.seeds[m.source] for m in event.mentions if m.source in c.ds.seeds]
            if mentioned and not any(seed.find(event.date.quote) for seed in mentioned):
                c.col.add(file, (*loc, "date", "quote"), "date quote not found in any mentioning source")


def _through(c: Checker, mention: EventMention, file: str, loc: Loc) -> None:
    """A mention's ``through`` stands in its source's text at or after the mention."""
    assert mention.through is not None
    opened = c.find(mention.source, mention.quote)
    if not opened:
        return  # an unknown source, a missing seed or the mention not found: reported once, above
    ends = c.find(mention.source, mention.through) or ()
    if not any(end.start >= opened[0].start for end in ends):
        c.col.add(
            file, loc, f"'through' not found in seed of {mention.source!r} after the mention: {mention.through!r}"
        )


DatasetCheck = Callable[[Checker], None]

DATASET_CHECKS: tuple[DatasetCheck, ...] = (issues, actors, frames, agreements, events)
