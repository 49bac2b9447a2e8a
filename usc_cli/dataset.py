"""The loaded, verified dataset held in memory, with lookups by id and located quotes."""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from functools import cached_property
from typing import Any, Protocol, TypeVar, runtime_checkable

from usc_cli.models import (
    Actor,
    Agreement,
    Attribution,
    Event,
    Evidence,
    Frame,
    Issue,
    Position,
    Recommendation,
    Side,
    Source,
    Speaker,
)
from usc_cli.sentences import Sentence, paragraphs, split_near
from usc_cli.sentences import around as sentences_around
from usc_cli.sentences import split as split_sentences

_WS = re.compile(r"\s+")

# What ``uscn sources add`` writes where a person has to write something; ``validate`` lists any left.
PLACEHOLDER = "TODO:"


@dataclass(frozen=True)
class Span:
    """Character offsets ``[start, end)`` of a quote in its seed's original text."""

    start: int
    end: int


class SeedText:
    """A seed article's text, searchable with whitespace runs folded to one space.

    The folded index is built on first use: a dataset read from the cache holds every seed, and most
    commands never search one.
    """

    def __init__(self, text: str, language: str = "en") -> None:
        self.text = text
        self.language = language  # the source's BCP 47 tag: sentences are cut by its rules

    @cached_property
    def _index(self) -> tuple[str, list[int], list[int]]:
        """(folded text, folded index of each piece, original index of each piece)."""
        text = self.text
        pieces: list[str] = []
        starts: list[int] = []
        origins: list[int] = []
        position = 0
        folded_len = 0
        for match in _WS.finditer(text):
            chunk = text[position : match.start()]
            if chunk:
                starts.append(folded_len)
                origins.append(position)
                pieces.append(chunk)
                folded_len += len(chunk)
            starts.append(folded_len)
            origins.append(match.start())
            pieces.append(" ")
            folded_len += 1
            position = match.end()
        if position < len(text):
            starts.append(folded_len)
            origins.append(position)
            pieces.append(text[position:])
        return "".join(pieces), starts, origins

    @property
    def folded(self) -> str:
        """The text with every whitespace run folded to one space."""
        return self._index[0]

    def _original(self, folded_index: int, *, end: bool) -> int:
        _, starts, origins = self._index
        piece = bisect.bisect_right(starts, folded_index) - 1
        offset = folded_index - starts[piece]
        origin = origins[piece]
        if self.text[origin].isspace():  # a folded whitespace run
            if end:
                return origin + len(_WS.match(self.text, origin).group(0))  # type: ignore[union-attr]
            return origin
        return origin + offset + (1 if end else 0)

    def find(self, quote: str) -> tuple[Span, ...]:
        """Every place the quote occurs, comparing with whitespace runs folded and nothing else."""
        needle = fold_whitespace(quote)
        spans: list[Span] = []
        start = self.folded.find(needle)
        while needle and start != -1:
            last = start + len(needle) - 1
            spans.append(Span(self._original(start, end=False), self._original(last, end=True)))
            start = self.folded.find(needle, start + 1)
        return tuple(spans)

    @cached_property
    def sentences(self) -> list[Sentence]:
        """The text's sentences (built on first use)."""
        return split_sentences(self.text, self.language)

    @cached_property
    def _paragraphs(self) -> list[tuple[int, int]]:
        return paragraphs(self.text)

    def sentence_spans(self, span: Span) -> list[Sentence]:
        """The sentences that the span overlaps: from the whole text's sentences when they are known,
        else from the paragraphs around the span alone (the same sentences, a fraction of the work)."""
        if "sentences" in self.__dict__:
            return sentences_around(self.sentences, span.start, span.end)
        near = split_near(self.text, span.start, span.end, self._paragraphs, self.language)
        return sentences_around(near, span.start, span.end)

    def sentence_around(self, span: Span) -> str:
        """The sentence(s) containing the span, whitespace-folded, for ``--context``."""
        hit = self.sentence_spans(span)
        return fold_whitespace(self.text[hit[0].start : hit[-1].end]).strip()


@dataclass(frozen=True)
class Site:
    """One use of a quote in the data: where it is written, what it backs, and our words about it."""

    file: str  # ``sources/cnn.yaml``
    line: int | None
    path: str  # ``positions[3].evidence[0]``
    item: str  # ``position on taiwan (us)``, ``frame security-vs-development (china)``
    summary: str | None  # the summary or label the quote backs; None where it only names someone
    evidence: Evidence


@dataclass(frozen=True)
class Origin:
    """Where a source's file was read from, and which dataset it belongs to."""

    kind: str  # "shipped" (uscn's own), "user" (the user's own directory) or "data-dir" (a --data-dir)
    path: str


def _overlaps(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


class _Passages:
    """One source's attributed passages, every place each occurs, sorted by start: which overlap a
    span is then a bisection and a look at the passages that start near it, not at all of them (an
    article that repeats a sentence 100 times, attributed as often, made that a cube of 100)."""

    def __init__(
        self, attributions: Sequence[Attribution], source: str, spans: Mapping[tuple[str, str], tuple[Span, ...]]
    ) -> None:
        self.attributions = list(dict.fromkeys(attributions))
        placed = sorted(
            ((passage, n) for n, a in enumerate(self.attributions) for passage in spans.get((source, a.quote), ())),
            key=lambda pair: (pair[0].start, pair[0].end, pair[1]),
        )
        self.passages = [passage for passage, _ in placed]
        self.owners = [n for _, n in placed]
        self.starts = [passage.start for passage in self.passages]
        self.longest = max((p.end - p.start for p in self.passages), default=0)

    def overlapping(self, spans: tuple[Span, ...]) -> list[Attribution]:
        """The attributions with a passage overlapping any of the spans, by their first such passage."""
        first: dict[int, int] = {}
        for span in spans:
            low = bisect.bisect_right(self.starts, span.start - self.longest)
            high = bisect.bisect_left(self.starts, span.end)
            for k in range(low, high):
                passage = self.passages[k]
                if _overlaps(span, passage) and passage.start < first.get(self.owners[k], passage.start + 1):
                    first[self.owners[k]] = passage.start
        return [self.attributions[n] for n, _ in sorted(first.items(), key=lambda pair: (pair[1], pair[0]))]


def fold_whitespace(text: str) -> str:
    """Collapse every run of whitespace (non-breaking spaces included) to one space."""
    return _WS.sub(" ", text)


T = TypeVar("T")


@runtime_checkable
class Batched(Protocol[T]):
    """A table that reads many rows at once (the store's): ``take`` them instead of one by one."""

    def take(self, ords: Sequence[int]) -> list[T]:
        """The rows numbered ``ords``, in that order."""
        ...


def _take(rows: Sequence[T], ords: Sequence[int]) -> list[T]:
    if isinstance(rows, Batched):
        taken: list[T] = rows.take(ords)
        return taken
    return [rows[n] for n in ords]


class Lookup(Protocol):
    """Answers to "which rows concern this issue or source", as ``Index`` gives them."""

    def ords(self, name: str, key: str) -> Sequence[int]:
        """Positions in ``Dataset.positions`` or ``Dataset.recommendations`` (``name`` says which)."""
        ...

    def ids(self, name: str, key: str) -> Sequence[str]:
        """Ids of sources, events or issues."""
        ...


@dataclass
class Dataset:
    """Everything uscn knows, verified: every quote located in its seed.

    The tables are read-only: plain dicts and lists for a dataset just loaded from its files
    (``LoadedDataset``), or views that fetch rows from the dataset's store when asked
    (``usc_cli.store``). Queries and renderers read both through the same methods, and per-issue and
    per-source questions go through ``Index`` lists, so a view reads only the rows it shows.
    """

    sources: Mapping[str, Source]
    actors: Mapping[str, Actor]
    issues: Mapping[str, Issue]
    frames: Mapping[str, Frame]
    events: Mapping[str, Event]
    positions: Sequence[Position]
    recommendations: Sequence[Recommendation]
    seeds: Mapping[str, SeedText] = field(default_factory=dict)
    seed_files: Mapping[str, str] = field(default_factory=dict)  # by source id: the file its seed was read from
    spans: Mapping[tuple[str, str], tuple[Span, ...]] = field(default_factory=dict)
    attributions: Mapping[str, Sequence[Attribution]] = field(default_factory=dict)  # by source id
    agreements: Mapping[str, Agreement] = field(default_factory=dict)
    sites: Sequence[Site] = field(default_factory=list)  # every use of a quote, for the attribution checks
    origins: Mapping[str, Origin] = field(default_factory=dict)  # by source id; set by the loader on every load
    lookup: Lookup | None = None  # the store's saved Index; None: built from the tables on first use
    _passage_index: dict[str, _Passages] = field(default_factory=dict, init=False, repr=False, compare=False)

    def locate(self, evidence: Evidence) -> tuple[Span, ...]:
        """Where the evidence's quote stands in its seed (at least one span once loaded)."""
        return self.spans.get((evidence.source, evidence.quote), ())

    def speakers(self, evidence: Evidence) -> tuple[Speaker, ...]:
        """Whose words the quote is: the speakers of the attributed passages it overlaps; () means
        the article's author."""
        return tuple(a.speaker for a in self.attributions_overlapping(evidence.source, self.locate(evidence)))

    def attributions_overlapping(self, source: str, spans: tuple[Span, ...]) -> list[Attribution]:
        """The source's attributed passages that overlap any of the spans, in article order; a passage
        listed twice (the same words and speaker) counts once."""
        index = self._passage_index.get(source)
        if index is None:
            index = self._passage_index[source] = _Passages(self.attributions.get(source, ()), source, self.spans)
        return index.overlapping(spans)

    def positions_for(
        self, issue_id: str, side: Side | None = None, sources: list[str] | None = None
    ) -> list[Position]:
        """Positions on one issue, optionally for one side and with evidence from one of ``sources``,
        in dataset order."""
        ords = self.index().ords("issue-positions", issue_id)
        if sources is not None:
            ords = self._among(ords, "source-positions", sources)
        found = _take(self.positions, ords)
        return [p for p in found if side is None or p.side == side]

    def positions_for_source(self, source_id: str) -> list[Position]:
        """Positions with evidence from the source, in dataset order."""
        return _take(self.positions, self.index().ords("source-positions", source_id))

    def recommendations_for(self, issue_id: str, sources: list[str] | None = None) -> list[Recommendation]:
        """Recommendations that concern one issue (optionally only those of ``sources``)."""
        ords = self.index().ords("issue-recommendations", issue_id)
        if sources is not None:
            ords = self._among(ords, "source-recommendations", sources)
        return _take(self.recommendations, ords)

    def recommendations_from(self, sources: list[str]) -> list[Recommendation]:
        """The recommendations of ``sources``, in dataset order."""
        ords = sorted({n for s in dict.fromkeys(sources) for n in self.index().ords("source-recommendations", s)})
        return _take(self.recommendations, ords)

    def sources_speaking_to(self, issue_id: str) -> list[str]:
        """Ids of sources whose positions or recommendations concern the issue, in source order."""
        return list(self.index().ids("issue-speaking", issue_id))

    def issues_spoken_to(self, source_id: str) -> list[str]:
        """Ids of the issues the source speaks to (as ``sources_speaking_to`` counts it), in issue order."""
        return list(self.index().ids("source-issues", source_id))

    def sides_on(self, issue_id: str) -> list[Side]:
        """The sides that hold at least one position on the issue, in us, china, third-party order."""
        return [Side(side) for side in self.index().ids("issue-sides", issue_id)]

    def events_mentioned_by(self, source_id: str) -> list[Event]:
        """Events the source mentions, in dataset order."""
        return [self.events[e] for e in self.index().ids("source-events", source_id)]

    def events_for(self, issue_id: str) -> list[Event]:
        """Events linked to the issue, in dataset order."""
        return [self.events[e] for e in self.index().ids("issue-events", issue_id)]

    def contributions(self, source_id: str) -> tuple[int, int]:
        """How many positions cite the source, and how many recommendations it makes."""
        index = self.index()
        return len(index.ords("source-positions", source_id)), len(index.ords("source-recommendations", source_id))

    def _among(self, ords: Sequence[int], name: str, sources: list[str]) -> list[int]:
        index = self.index()
        wanted = {n for s in dict.fromkeys(sources) for n in index.ords(name, s)}
        return [n for n in ords if n in wanted]

    def index(self) -> Lookup:
        """The store's saved index, or one built from the tables, once per dataset state.

        Lists per issue and source instead of a scan of every position per question: views that ask
        once per issue (or per issue and source) stay linear in the size of the dataset.
        """
        if self.lookup is not None:
            return self.lookup
        stamp: tuple[int, ...] = (id(self.positions), len(self.positions), id(self.recommendations))
        stamp += (len(self.recommendations), id(self.sources), len(self.sources), id(self.events), len(self.events))
        stamp += (id(self.issues), len(self.issues))
        index: Index | None = self.__dict__.get("_built_index")
        if index is None or index.stamp != stamp:
            index = Index(self, stamp)
            self.__dict__["_built_index"] = index
        return index

    def counts(self) -> dict[str, int]:
        """How many of each thing the dataset holds (for ``uscn validate``)."""
        quotes = sum(len(p.evidence) for p in self.positions) + sum(len(r.evidence) for r in self.recommendations)
        quotes += sum(len(label.evidence) for f in self.frames.values() for label in f.labels)
        quotes += sum(len(e.mentions) for e in self.events.values())
        quotes += sum(len(a.roles) + len(a.variants) for a in self.actors.values())
        return {
            "sources": len(self.sources),
            "issues": len(self.issues),
            "positions": len(self.positions),
            "recommendations": len(self.recommendations),
            "frames": len(self.frames),
            "events": len(self.events),
            "actors": len(self.actors),
            "quotes": quotes,
        }

    def placeholders(self) -> list[str]:
        """Fields still holding a ``TODO:`` placeholder from a draft, as ``what: field path``."""
        items: list[tuple[str, Any]] = [(f"source {s.id}", s) for s in self.sources.values()]
        items += [(f"position on {p.issue} ({p.side.value})", p) for p in self.positions]
        items += [(f"recommendation {r.id}", r) for r in self.recommendations]
        for kind, table in (("issue", self.issues), ("actor", self.actors), ("frame", self.frames)):
            items += [(f"{kind} {ident}", model) for ident, model in table.items()]
        items += [(f"event {ident}", model) for ident, model in self.events.items()]
        return [f"{what}: {path}" for what, model in items for path in _placeholder_paths(asdict(model), "")]


def _placeholder_paths(value: object, path: str) -> list[str]:
    if isinstance(value, str):
        return [path] if value.startswith(PLACEHOLDER) else []
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in _placeholder_paths(v, f"{path}.{k}" if path else str(k))]
    if isinstance(value, list):
        return [p for n, v in enumerate(value) for p in _placeholder_paths(v, f"{path}[{n}]")]
    return []


@dataclass
class LoadedDataset(Dataset):
    """A dataset as the loader builds it from the files: plain dicts and lists, filled while loading."""

    sources: dict[str, Source]
    actors: dict[str, Actor]
    issues: dict[str, Issue]
    frames: dict[str, Frame]
    events: dict[str, Event]
    positions: list[Position]
    recommendations: list[Recommendation]
    seeds: dict[str, SeedText] = field(default_factory=dict)
    seed_files: dict[str, str] = field(default_factory=dict)
    spans: dict[tuple[str, str], tuple[Span, ...]] = field(default_factory=dict)
    attributions: dict[str, list[Attribution]] = field(default_factory=dict)
    agreements: dict[str, Agreement] = field(default_factory=dict)
    sites: list[Site] = field(default_factory=list)


class Index:
    """Which rows concern each issue and each source, in dataset order, built in one pass.

    ``ords`` lists are positions in ``Dataset.positions`` (``*-positions``) or
    ``Dataset.recommendations`` (``*-recommendations``); ``ids`` lists are ids. The store saves these
    very lists, so a stored dataset answers every question with the lists built here.
    """

    ORDS = ("issue-positions", "issue-recommendations", "source-positions", "source-recommendations")
    IDS = (
        "issue-speaking",
        "issue-events",
        "issue-sides",
        "source-issues",
        "source-sides",
        "source-recommended",
        "source-events",
    )

    def __init__(self, ds: Dataset, stamp: tuple[int, ...] = ()) -> None:
        self.stamp = stamp
        self.ord_lists: dict[str, dict[str, list[int]]] = {name: {} for name in self.ORDS}
        self.id_lists: dict[str, dict[str, list[str]]] = {name: {} for name in self.IDS}
        by_issue, by_source = self.ord_lists["issue-positions"], self.ord_lists["source-positions"]
        speaking: dict[str, set[str]] = {}
        sides: dict[str, dict[str, None]] = {}  # by source: "issue side" for each side it reports on an issue
        held: dict[str, set[Side]] = {}  # by issue: the sides holding a view on it
        for n, p in enumerate(ds.positions):
            by_issue.setdefault(p.issue, []).append(n)
            held.setdefault(p.issue, set()).add(p.side)
            for source in dict.fromkeys(e.source for e in p.evidence):
                by_source.setdefault(source, []).append(n)
                sides.setdefault(source, {})[f"{p.issue} {p.side.value}"] = None
            speaking.setdefault(p.issue, set()).update(e.source for e in p.evidence)
        self.id_lists["source-sides"] = {source: list(found) for source, found in sides.items()}
        self.id_lists["issue-sides"] = {issue: [s.value for s in Side if s in found] for issue, found in held.items()}
        recommended = self.id_lists["source-recommended"]  # by source: an issue id for each recommendation on it
        by_issue, by_source = self.ord_lists["issue-recommendations"], self.ord_lists["source-recommendations"]
        for n, r in enumerate(ds.recommendations):
            by_source.setdefault(r.source, []).append(n)
            for issue_id in dict.fromkeys(r.issues):
                by_issue.setdefault(issue_id, []).append(n)
                speaking.setdefault(issue_id, set()).add(r.source)
                recommended.setdefault(r.source, []).append(issue_id)
        order = {source_id: n for n, source_id in enumerate(ds.sources)}
        self.id_lists["issue-speaking"] = {
            issue_id: sorted((s for s in ids if s in order), key=order.__getitem__)
            for issue_id, ids in speaking.items()
        }
        spoken = self.id_lists["source-issues"]
        for issue_id in ds.issues:
            for source_id in self.id_lists["issue-speaking"].get(issue_id, []):
                spoken.setdefault(source_id, []).append(issue_id)
        events = self.id_lists["issue-events"]
        mentioned = self.id_lists["source-events"]
        for event_id, event in ds.events.items():
            for source_id in dict.fromkeys(m.source for m in event.mentions):
                mentioned.setdefault(source_id, []).append(event_id)
            for issue_id in dict.fromkeys(event.issues):
                events.setdefault(issue_id, []).append(event_id)

    def ords(self, name: str, key: str) -> Sequence[int]:
        """Row numbers of list ``name`` for ``key`` (empty when none)."""
        return self.ord_lists[name].get(key, [])

    def ids(self, name: str, key: str) -> Sequence[str]:
        """Ids of list ``name`` for ``key`` (empty when none)."""
        return self.id_lists[name].get(key, [])
