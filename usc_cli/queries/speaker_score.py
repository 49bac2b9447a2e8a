"""Sentence-level speaker figures for ``uscn analyze --score``: for each sentence someone labelled,
whether analyze names the same speakers on the same sides.

On the dataset's own sources, the labels are its ``attributions`` (every sentence a recorded passage
overlaps is that speaker's); on hand-labelled articles (``--score DIR``), every sentence is labelled,
the author's narration included, so a sentence of the author's given to someone else is counted too.
A *speech* sentence is one labelled with someone other than the author: coverage is the share of
them analyze gives a named speaker; accuracy the share where every labelled speaker is named, on its
side, and no one else.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from usc_cli.dataset import Dataset, Span, fold_whitespace
from usc_cli.models import Actor, LabelledArticle, SentenceLabel
from usc_cli.queries.attribution import names_match
from usc_cli.queries.reading import sentence_speakers
from usc_cli.queries.scoring import forgetting, government_names
from usc_cli.queries.speakers import Who

AUTHOR_LABEL = "author"


@dataclass(frozen=True)
class Expected:
    """A labelled speaker: a name (or ``author``), the names it also goes by, and a side (or None: any)."""

    name: str
    side: str | None
    names: tuple[str, ...] = ()


@dataclass
class SentenceFigures:
    """Counts for one article (or all): speech sentences and author sentences, and how analyze did."""

    name: str
    speech: int = 0
    covered: int = 0
    right: int = 0
    flagged: int = 0  # speech sentences analyze marks "speaker unknown"
    author: int = 0
    given_away: int = 0  # author sentences analyze credits to someone named
    author_flagged: int = 0
    author_side_right: int = 0
    misses: list[tuple[str, str, str]] = field(default_factory=list)  # (sentence, expected, found)

    def add(self, other: SentenceFigures) -> None:
        """Add another article's counts to these."""
        for name in ("speech", "covered", "right", "flagged", "author", "given_away", "author_flagged"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.author_side_right += other.author_side_right

    @property
    def accuracy(self) -> float | None:
        """Speech sentences with the right speakers and sides, of all speech sentences."""
        return self.right / self.speech if self.speech else None

    @property
    def coverage(self) -> float | None:
        """Speech sentences analyze gives a named speaker, of all speech sentences."""
        return self.covered / self.speech if self.speech else None


def _side(who: Who) -> str:
    return who.side.value if who.side is not None else "both"


def _named(who: Who) -> bool:
    return who.kind not in {"author", "reporter", "unknown"}


def _is(who: Who, expected: Expected) -> bool:
    if expected.side is not None and _side(who) != expected.side:
        return False
    candidates = [who.name, *([who.description] if who.description else [])]
    wanted = [expected.name, *expected.names]
    return any(names_match(c, government_names(w)) for c in candidates for w in wanted)


def _text(text: str, span: tuple[int, int]) -> str:
    return fold_whitespace(text[span[0] : span[1]])


def score_sentence(figures: SentenceFigures, sentence: str, expected: list[Expected], found: list[Who]) -> None:
    """Count one labelled sentence: what analyze found against what the label expects."""
    named = [w for w in found if _named(w)]
    shown = ", ".join(f"{w.name} ({_side(w)})" for w in found) or "nobody"
    wanted = ", ".join(f"{e.name} ({e.side or 'any'})" for e in expected)
    speakers = [e for e in expected if e.name != AUTHOR_LABEL]
    if not speakers:
        figures.author += 1
        figures.given_away += bool(named)
        figures.author_flagged += any(w.kind == "unknown" for w in found)
        sides = {e.side for e in expected}
        authors = [w for w in found if w.kind in {"author", "reporter"}]
        right = bool(authors) and not named and all(_side(w) in sides or None in sides for w in authors)
        figures.author_side_right += right
        if not right:
            figures.misses.append((sentence, wanted, shown))
        return
    figures.speech += 1
    figures.covered += bool(named)
    figures.flagged += any(w.kind == "unknown" for w in found)
    right = all(any(_is(w, e) for w in named) for e in speakers) and all(
        any(_is(w, e) for e in speakers) for w in named
    )
    figures.right += right
    if not right:
        figures.misses.append((sentence, wanted, shown))


def _label_for(text: str, span: tuple[int, int], labels: Sequence[SentenceLabel]) -> SentenceLabel | None:
    words = _text(text, span)
    return next((label for label in labels if words.startswith(fold_whitespace(label.text))), None)


def score_labelled(name: str, labels: LabelledArticle, text: str, actors: list[Actor]) -> SentenceFigures:
    """Figures for one hand-labelled article. A sentence no label starts with belongs to the labelled
    one before it (the segmenter may cut a labelled sentence in two, at a semicolon); a label no
    sentence starts with counts as a miss."""
    figures = SentenceFigures(name)
    groups: list[tuple[SentenceLabel, tuple[int, int], list[Who]]] = []
    for span, found in sentence_speakers(text, actors, labels.kind, labels.government):
        label = _label_for(text, span, labels.sentences)
        if label is not None:
            groups.append((label, span, list(found)))
        elif groups:
            label, (start, _), before = groups[-1]
            groups[-1] = (label, (start, span[1]), before + [w for w in found if w not in before])
    used = {id(label) for label, _, _ in groups}
    for label, span, found in groups:
        score_sentence(figures, _text(text, span), [Expected(s.name, s.side) for s in label.speakers], found)
    for label in labels.sentences:  # a sentence analyze joined to another, or cut differently
        if id(label) not in used:
            score_sentence(figures, label.text, [Expected(s.name, s.side) for s in label.speakers], [])
    return figures


def score_seed_sentences(ds: Dataset) -> list[SentenceFigures]:
    """Figures for each article of the dataset (in English, not a government's own text: those the
    drafting score reads too) over the sentences its attributions cover."""
    scores: list[SentenceFigures] = []
    for source_id, attributions in ds.attributions.items():
        seed = ds.seeds.get(source_id)
        source = ds.sources[source_id]
        if seed is None or not attributions or source.government is not None or source.language.split("-")[0] != "en":
            continue
        figures = SentenceFigures(source_id)
        for span, found in sentence_speakers(seed.text, forgetting(ds, source_id), source.kind, source.government):
            expected: list[Expected] = []
            for attribution in ds.attributions_overlapping(source_id, (Span(*span),)):
                speaker = attribution.speaker
                actor = ds.actors.get(speaker.actor) if speaker.actor else None
                if actor is not None:
                    names = (*actor.aliases, *(v.name for v in actor.variants))
                    expected.append(Expected(actor.name, actor.side.value, names))
                else:
                    expected.append(Expected(speaker.description or "", None))
            if expected:
                score_sentence(figures, _text(seed.text, span), expected, found)
        scores.append(figures)
    return scores
