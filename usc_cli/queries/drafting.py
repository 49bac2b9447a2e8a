"""The positions ``uscn sources add`` drafts from a new article: one per issue, side and holder,
quoting the sentences where analyze found the issue, held by whoever ``reading`` says holds the words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from usc_cli.dataset import fold_whitespace
from usc_cli.models import Side
from usc_cli.queries.analyze import Finding, cue_pattern
from usc_cli.queries.reading import Attributed, authors
from usc_cli.queries.speakers import AUTHOR, Who

_BACK_REFERENCE = re.compile(r"\b(?:them|it|this|these|those)\b")


@dataclass(frozen=True)
class DraftPosition:
    """A position ``uscn sources add`` pre-fills: the issue, the side, who holds it, and its quotes."""

    issue: str
    side: Side
    holder: Who
    quotes: list[Attributed]

    @property
    def hypothetical(self) -> bool:
        """Whether the article gives the view as what the author expects someone would say."""
        return any(q.how == "would argue" for q in self.quotes)


def quote_text(text: str, span: tuple[int, int]) -> str:
    """A drafted quote: the article's words with whitespace folded (as the loader compares them)."""
    return fold_whitespace(text[span[0] : span[1]]).strip()


def _owners(text: str, items: list[Attributed], cues: list[str], narrator: Who) -> list[Attributed]:
    """Who, of a sentence's speakers and holders, holds the words where an issue's cues stand; words
    outside all their passages are the author's ("As Beijing … near Taiwan …, Washington seems …")."""
    if len(items) == 1 and items[0].passage == items[0].quote:
        return items
    first = items[0]
    hits = [m.start() for cue in cues for m in cue_pattern(cue).finditer(text, first.start, first.end)]
    owners = [item for item in items if any(item.passage[0] <= at < item.passage[1] for at in hits)]
    for item in items:  # "…, while Beijing calls them …": the words about what an earlier clause names
        words = text[item.passage[0] : item.passage[1]]
        if item not in owners and _BACK_REFERENCE.search(words) and any(o.passage[0] < item.passage[0] for o in owners):
            owners.append(item)
    if any(not any(item.passage[0] <= at < item.passage[1] for item in items) for at in hits):
        owners.append(authors(text, first.n, first.start, first.end, narrator))
    return owners or items


def draft_positions(
    text: str, findings: list[Finding], attributed: list[Attributed], narrator: Who = AUTHOR
) -> list[DraftPosition]:
    """One position per issue, side and holder, quoting every sentence where the analysis found the
    issue, held by whoever holds the words where its cues stand; a view both governments hold gives
    one position for each."""
    cues_at: dict[int, dict[str, list[str]]] = {}
    for finding in findings:
        if finding.kind == "issue":
            for match in finding.matches:
                cues_at.setdefault(match.sentence, {})[finding.id] = match.cues
    by_sentence: dict[int, list[Attributed]] = {}
    for item in attributed:
        by_sentence.setdefault(item.n, []).append(item)
    grouped: dict[tuple[str, Side, str], list[Attributed]] = {}
    seen: set[tuple[tuple[str, Side, str], tuple[int, int]]] = set()
    for n, issues in cues_at.items():
        for issue, cues in issues.items():
            for item in _owners(text, by_sentence[n], cues, narrator):
                for side in [item.who.side] if item.who.side is not None else [Side.US, Side.CHINA]:
                    key = (issue, side, item.who.name)
                    if (key, item.quote) not in seen:
                        seen.add((key, item.quote))
                        grouped.setdefault(key, []).append(item)
    order = {f.id: n for n, f in enumerate(findings)}
    keys = sorted(grouped, key=lambda k: (order[k[0]], grouped[k][0].n, k[1] != Side.US))
    return [DraftPosition(key[0], key[1], grouped[key][0].who, grouped[key]) for key in keys]
