"""The checks of each source file: its citation, and each attribution, position and recommendation.

Each check is one function of (checker, file name, parsed file); ``SOURCE_CHECKS`` runs them in order
on every source read once (a copy of a shipped source, or a second file of one id, is not checked).
"""

from __future__ import annotations

from collections.abc import Callable

from usc_cli.loader.checker import Checker
from usc_cli.models import CITATION_REQUIRED, Evidence, SourceFile, SourceKind
from usc_cli.yamlfile import Loc


def citation_given(c: Checker, file: str, content: SourceFile) -> None:
    """Every fact a citation needs is given, or the file says why it is unknown."""
    src = content.source
    for field in CITATION_REQUIRED:
        if getattr(src, field) is None and field not in src.unknown:
            c.col.add(
                file,
                ("source", field),
                f"no {field}: give it with its basis, or say why under 'unknown: {{{field}: …}}'",
            )


def citation_quotes(c: Checker, file: str, content: SourceFile) -> None:
    """The quotes behind the citation, the notes on the text and the author's standpoint are in the article."""
    src = content.source
    for attr in ("title", "outlet", "url", "date", "author"):
        value = getattr(src, attr)
        if value is not None and value.quote is not None:
            c.quote(Evidence(source=src.id, quote=value.quote), file, ("source", attr))
    if src.author.actor is not None:
        c.ref("actor", c.ds.actors, src.author.actor, file, ("source", "author", "actor"))
    for n, note in enumerate(src.text_notes):
        c.quote(Evidence(source=src.id, quote=note.quote), file, ("source", "text_notes", n))
    standpoint = src.author.standpoint
    if standpoint is not None and standpoint.quote is not None:
        c.quote(Evidence(source=src.id, quote=standpoint.quote), file, ("source", "author", "standpoint"))


def attributions(c: Checker, file: str, content: SourceFile) -> None:
    """Each attributed quote is in the article and its speaker, when an actor, is one of the dataset's."""
    src = content.source
    for index, attribution in enumerate(content.attributions):
        loc: Loc = ("attributions", index)
        if attribution.speaker.actor is not None:
            c.ref("actor", c.ds.actors, attribution.speaker.actor, file, (*loc, "speaker", "actor"))
        c.quote(Evidence(source=src.id, quote=attribution.quote), file, loc)


def positions(c: Checker, file: str, content: SourceFile) -> None:
    """Each position is on a known issue, held by a known actor, with its evidence in the article."""
    for index, pos in enumerate(content.positions):
        loc: Loc = ("positions", index)
        c.ref("issue", c.ds.issues, pos.issue, file, (*loc, "issue"))
        if pos.holder.actor is not None:
            c.ref("actor", c.ds.actors, pos.holder.actor, file, (*loc, "holder", "actor"))
        for n, ev in enumerate(pos.evidence):
            c.quote(ev, file, (*loc, "evidence", n), f"position on {pos.issue} ({pos.side.value})", pos.summary)


def recommendations(c: Checker, file: str, content: SourceFile) -> None:
    """Each recommendation is its file's source's, names its proposer where it must, and quotes its source."""
    src = content.source
    for index, rec in enumerate(content.recommendations):
        loc: Loc = ("recommendations", index)
        c.ref("source", c.ds.sources, rec.source, file, (*loc, "source"))
        if rec.source != src.id:
            c.col.add(file, (*loc, "source"), f"a recommendation in {file} must be in source {src.id!r}")
        if rec.proposer is not None:
            c.ref("actor", c.ds.actors, rec.proposer, file, (*loc, "proposer"))
        elif src.kind is SourceKind.NEWS_ANALYSIS:
            c.col.add(
                file,
                (*loc, "proposer"),
                "a news analysis makes no recommendations of its own: name the proposer",
            )
        for issue_ref in rec.issues:
            c.ref("issue", c.ds.issues, issue_ref, file, (*loc, "issues"))
        for n, ev in enumerate(rec.evidence):
            if ev.source != rec.source:
                c.col.add(
                    file,
                    (*loc, "evidence", n, "source"),
                    "recommendation evidence must come from its source",
                )
            c.quote(ev, file, (*loc, "evidence", n), f"recommendation {rec.id}", rec.summary)


SourceCheck = Callable[[Checker, str, SourceFile], None]

SOURCE_CHECKS: tuple[SourceCheck, ...] = (citation_given, citation_quotes, attributions, positions, recommendations)
