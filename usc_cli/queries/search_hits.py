"""Where a search hit lies: the whole sentence holding the matched words, and their offsets.

FTS5's ``highlight()`` marks the tokens a query matched (stemmed words, prefixes and phrases
included) in a record's text; the record's text is a run of segments, each either a passage of an
article (a quote, or the unquoted words of a sentence, with its offset in the seed) or the dataset's
own words (a summary, a label, a title). A passage is shown in the whole article sentence around it;
the dataset's words are cut into sentences by the same segmenter, ``usc_cli.sentences``. The
sentence shown is the one holding the most distinct matched words (an article's before the
dataset's own), whitespace-folded as quotes are.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from usc_cli.dataset import SeedText, Span, fold_whitespace
from usc_cli.sentences import split as split_sentences


@dataclass(frozen=True)
class Segment:
    """A piece of a record's text: a passage of an article (``source``, and ``start`` in its seed), or
    the dataset's own words (both None). In the issue column, ``source`` names the issue instead."""

    text: str
    source: str | None = None
    start: int | None = None


@dataclass(frozen=True)
class Match:
    """A matched word: offsets in the hit's sentence, and in the article when the sentence is one."""

    text: str
    start: int
    end: int
    article_start: int | None
    article_end: int | None


@dataclass(frozen=True)
class Record:
    """What a hit is and where it lives."""

    kind: str  # seed-sentence, position, recommendation, issue, frame
    ref: str
    sources: tuple[str, ...]
    issues: tuple[str, ...]
    side: str  # "" for none


@dataclass(frozen=True)
class Hit:
    """One search result: the record, its score, and the sentence that matched."""

    record: Record
    score: float
    sentence: str  # whitespace-folded
    article: str | None  # the seed the sentence is from; None when it is the dataset's own words
    sentence_start: int | None  # the sentence's offsets in that seed
    sentence_end: int | None
    matches: tuple[Match, ...]  # empty when only the issues the record is about matched
    matched_issues: tuple[str, ...]  # the issues whose title or tags matched
    also: tuple[Record, ...] = ()  # other records the same article sentence backs, best first

    @property
    def matched_in(self) -> str:
        """Where the query's words are: ``article`` (the sentence shown, an article's), ``ours`` (the
        sentence shown, the dataset's own words) or ``issue`` (only the issue the record is about)."""
        if not self.matches:
            return "issue"
        return "article" if self.article is not None else "ours"

    @property
    def records(self) -> tuple[Record, ...]:
        """Every record the sentence backs: the hit's own, then the others."""
        return (self.record, *self.also)

    def marked(self, open_mark: str = "«", close_mark: str = "»") -> str:
        """The sentence with every match between the marks."""
        out, at = [], 0
        for m in self.matches:
            out += [self.sentence[at : m.start], open_mark, self.sentence[m.start : m.end], close_mark]
            at = m.end
        return "".join([*out, self.sentence[at:]])


def unmark(marked: str, open_mark: str, close_mark: str) -> tuple[str, list[tuple[int, int]]]:
    """The text without the marks, and the ``[start, end)`` spans they enclosed."""
    plain: list[str] = []
    spans: list[tuple[int, int]] = []
    at = 0
    start = 0
    for char in marked:
        if char == open_mark:
            start = at
        elif char == close_mark:
            spans.append((start, at))
        else:
            plain.append(char)
            at += 1
    return "".join(plain), spans


def split_segments(layout: list[tuple[int, str | None, int | None]], text: str) -> list[tuple[int, Segment]]:
    """(offset in ``text``, segment) for each segment of a column joined with newlines."""
    found: list[tuple[int, Segment]] = []
    at = 0
    for length, source, start in layout:
        found.append((at, Segment(text[at : at + length], source, start)))
        at += length + 1
    return found


def _folded_offset(text: str, offset: int) -> int:
    """Where ``offset`` of ``text`` falls once whitespace runs are folded and the ends stripped."""
    return len(fold_whitespace(text[:offset]).lstrip())


@dataclass(frozen=True)
class _Place:
    """A sentence a match can lie in: its text and, for an article sentence, the seed and offset."""

    text: str
    source: str | None
    start: int | None  # in the seed; None for the dataset's own words
    order: int = field(compare=False)  # where it first appears in the record: earlier text wins a tie


def _places(
    seeds: Mapping[str, SeedText], segments: list[tuple[int, Segment]], spans: list[tuple[int, int]]
) -> dict[_Place, list[tuple[int, int]]]:
    """Every sentence of the record's text, with the matches in it (offsets in the sentence)."""
    places: dict[_Place, list[tuple[int, int]]] = {}
    for order, (offset, segment) in enumerate(segments):
        mine = [(a - offset, z - offset) for a, z in spans if offset <= a < offset + len(segment.text)]
        seed = seeds.get(segment.source) if segment.source is not None else None
        if seed is not None and segment.start is not None:  # a quote: the article sentences it stands in
            quote = Span(segment.start, segment.start + len(segment.text))
            bounds = [(s.start - segment.start, s.end - segment.start) for s in seed.sentence_spans(quote)]
        else:
            bounds = [(s.start, s.end) for s in split_sentences(segment.text)] or [(0, len(segment.text))]
        for lo, hi in bounds:
            if seed is not None and segment.start is not None:
                start: int | None = segment.start + lo
                place = _Place(seed.text[segment.start + lo : segment.start + hi], segment.source, start, order)
            else:
                place = _Place(segment.text[lo:hi], None, None, order)
            inside = [(a - lo, z - lo) for a, z in mine if lo <= a < hi]
            places.setdefault(place, []).extend(inside)
    return places


def build_hits(
    record: Record,
    score: float,
    seeds: Mapping[str, SeedText],
    segments: list[tuple[int, Segment]],
    spans: list[tuple[int, int]],
    matched_issues: tuple[str, ...],
) -> list[Hit]:
    """A record's candidate hits, best first, from its segments and the spans its text matched
    (offsets in the joined text): each sentence holding a match, the one with the most distinct
    matched words first, an article's before the dataset's own; the best sentence alone when none
    holds one (only the issue's words matched)."""
    places = _places(seeds, segments, spans)

    def weight(item: tuple[_Place, list[tuple[int, int]]]) -> tuple[int, int, bool, int]:
        place, inside = item
        words = [place.text[a:z].casefold() for a, z in inside]
        return len(set(words)), len(words), place.start is not None, -place.order

    ranked = sorted(places.items(), key=weight, reverse=True)
    chosen = [item for item in ranked if item[1]] or ranked[:1]
    return [_hit(record, score, place, inside, matched_issues) for place, inside in chosen]


def _hit(
    record: Record, score: float, place: _Place, inside: list[tuple[int, int]], matched_issues: tuple[str, ...]
) -> Hit:
    raw = place.text
    sentence = fold_whitespace(raw).strip()
    matches = tuple(
        Match(
            sentence[_folded_offset(raw, a) : _folded_offset(raw, z)],
            _folded_offset(raw, a),
            _folded_offset(raw, z),
            None if place.start is None else place.start + a,
            None if place.start is None else place.start + z,
        )
        for a, z in sorted(set(inside))
    )
    end = None if place.start is None else place.start + len(raw)
    return Hit(record, score, sentence, place.source, place.start, end, matches, matched_issues)


_PLACE_ORDER = {"article": 0, "ours": 1, "issue": 2}


def _key(hit: Hit) -> tuple[object, ...]:
    """What makes two hits the same sentence: its place in an article, or the words themselves."""
    return (hit.article, hit.sentence_start) if hit.article is not None else (None, hit.sentence)


def rank_and_merge(candidates: list[list[Hit]], limit: int) -> list[Hit]:
    """One hit per sentence. Each record shows a sentence of its own not shown yet (those with the
    fewest to choose from choose first, so as many sentences as can be are shown), or, when every
    sentence it matched is taken, is listed with the hit that shows it. Hits whose article sentence
    holds the words come first, then those in our own words, then those that matched only an
    issue's title or tags, each group in BM25 order."""
    rank: dict[tuple[object, ...], int] = {}
    merged: dict[tuple[object, ...], Hit] = {}
    late: list[tuple[int, Hit]] = []
    for n, options in sorted(enumerate(candidates), key=lambda pair: len(pair[1])):
        fresh = next((h for h in options if _key(h) not in merged), None)
        if fresh is None:
            late.append((n, options[0]))
        else:
            merged[_key(fresh)], rank[_key(fresh)] = fresh, n
    for n, hit in sorted(late, key=lambda pair: pair[0]):  # listed under the sentence, in BM25 order
        first = merged[_key(hit)]
        if n < rank[_key(hit)]:  # the better-ranked record leads
            first, hit = replace(hit, also=(first.record, *first.also)), first
            merged[_key(hit)], rank[_key(hit)] = first, n
        else:
            merged[_key(hit)] = replace(first, also=(*first.also, hit.record))
    ordered = sorted(merged, key=lambda key: (_PLACE_ORDER[merged[key].matched_in], rank[key]))
    return [merged[key] for key in ordered][:limit]
