"""How well the drafting of ``uscn sources add`` does, measured on the dataset's own sources.

Each source's article is drafted as if it were new (the actors that only that source introduces are
forgotten, so its experts are "new people" again) and compared with its hand-made positions:
precision and recall of the issues it drafts, and, for each drafted quote that overlaps a hand-made
one on the same issue, whether the holder and the side agree (with any such position: the same
words may back one position per side).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from usc_cli.dataset import Dataset, Span
from usc_cli.models import Actor, Holder, Position, Side
from usc_cli.queries.analyze import analyze
from usc_cli.queries.attribution import names_match
from usc_cli.queries.drafting import DraftPosition, draft_positions
from usc_cli.queries.reading import attribute
from usc_cli.queries.speakers import Who, actor_names

_AUTHOR_DESCRIPTION = re.compile(r"^the (?:article itself|article's|author|unnamed author)", re.IGNORECASE)
# The same government under the names articles give it.
_GOVERNMENT_NAMES = [
    {"beijing", "china", "the chinese government", "the prc", "zhongnanhai"},
    {"washington", "the united states", "the u.s.", "the us", "america", "the us government"},
]


@dataclass(frozen=True)
class Miss:
    """A drafted quote whose holder or side differs from the hand-made position it overlaps."""

    issue: str
    quote: str
    drafted: str
    drafted_side: Side
    expected: str
    expected_side: Side


@dataclass
class SourceScore:
    """The figures for one source."""

    source: str
    drafted: list[str]
    expected: list[str]
    compared: int = 0
    speaker_right: int = 0
    side_right: int = 0
    misses: list[Miss] = field(default_factory=list)

    @property
    def found(self) -> list[str]:
        """Issues both drafted and hand-made."""
        return [i for i in self.drafted if i in self.expected]


@dataclass(frozen=True)
class Totals:
    """Figures over every source, counted per issue and per compared quote (micro-averaged)."""

    precision: float | None
    recall: float | None
    speaker: float | None
    side: float | None
    compared: int


def _ratio(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def totals(scores: list[SourceScore]) -> Totals:
    """Precision and recall of issues, and speaker and side accuracy, over all sources."""
    found = sum(len(s.found) for s in scores)
    compared = sum(s.compared for s in scores)
    return Totals(
        _ratio(found, sum(len(s.drafted) for s in scores)),
        _ratio(found, sum(len(s.expected) for s in scores)),
        _ratio(sum(s.speaker_right for s in scores), compared),
        _ratio(sum(s.side_right for s in scores), compared),
        compared,
    )


def forgetting(ds: Dataset, source: str) -> list[Actor]:
    """The actors the dataset would know without ``source``."""

    def elsewhere(actor: Actor) -> bool:
        cited = [r.source for r in actor.roles] + [v.source for v in actor.variants]
        cited += [actor.standpoint.source] if actor.standpoint else []
        return any(s != source for s in cited)

    return [a for a in ds.actors.values() if elsewhere(a)]


def _is_author(ds: Dataset, source: str, holder: Holder) -> bool:
    if holder.actor is not None:
        return ds.actors[holder.actor].name == ds.sources[source].author.name
    return bool(_AUTHOR_DESCRIPTION.match(holder.description or ""))


def government_names(name: str) -> list[str]:
    """A government's names as articles give it (Beijing, China, …), or just ``name``."""
    folded = name.casefold()
    return next((sorted(group) for group in _GOVERNMENT_NAMES if folded in group), [name])


def same_holder(ds: Dataset, source: str, drafted: Who, holder: Holder) -> bool:
    """Whether a drafted holder is the hand-made one: the author, the same actor, or a name the
    hand-made holder's name or description contains (governments under any of their names)."""
    if drafted.kind == "author" or _is_author(ds, source, holder):
        return drafted.kind == "author" and _is_author(ds, source, holder)
    if holder.actor is not None:
        if drafted.actor is not None:
            return drafted.actor == holder.actor
        return names_match(drafted.name, actor_names(ds.actors[holder.actor]))
    return any(names_match(name, [holder.description or ""]) for name in government_names(drafted.name))


def _overlaps(a: tuple[int, int], spans: tuple[Span, ...]) -> bool:
    return any(s.start < a[1] and a[0] < s.end for s in spans)


def _compare(ds: Dataset, score: SourceScore, drafts: list[DraftPosition], hand: list[Position]) -> None:
    text = ds.seeds[score.source].text
    for draft in drafts:
        for quote in draft.quotes:
            same_issue = [
                p
                for p in hand
                if p.issue == draft.issue
                and any(e.source == score.source and _overlaps(quote.quote, ds.locate(e)) for e in p.evidence)
            ]
            if not same_issue:
                continue
            score.compared += 1
            speaker = any(same_holder(ds, score.source, draft.holder, p.holder) for p in same_issue)
            side = any(p.side == draft.side for p in same_issue)
            score.speaker_right += speaker
            score.side_right += side
            if not (speaker and side):
                expected = same_issue[0]
                name = expected.holder.actor or expected.holder.description or ""
                words = " ".join(text[quote.quote[0] : quote.quote[1]].split())
                score.misses.append(Miss(draft.issue, words, draft.holder.name, draft.side, name, expected.side))


def score_sources(ds: Dataset) -> list[SourceScore]:
    """Draft every article of the dataset (not a government's own text) in English that has hand-made
    positions, and score each draft: drafting is made for articles, and reads English."""
    scores: list[SourceScore] = []
    articles = (s for s, src in ds.sources.items() if src.government is None and src.language.split("-")[0] == "en")
    for source in articles:
        hand = [p for p in ds.positions if any(e.source == source for e in p.evidence)]
        seed = ds.seeds.get(source)
        if not hand or seed is None:
            continue
        findings = analyze(ds, seed.text)
        drafts = draft_positions(seed.text, findings, attribute(seed.text, forgetting(ds, source)))
        drafted = list(dict.fromkeys(d.issue for d in drafts))
        expected = list(dict.fromkeys(p.issue for p in hand))
        score = SourceScore(source, drafted, expected)
        _compare(ds, score, drafts, hand)
        scores.append(score)
    return scores


TARGETS = {"recall": 0.9, "speaker": 0.85}  # issue 15: what drafting must reach on the seeds
