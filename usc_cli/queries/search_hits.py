"""Where a search hit lies: the whole sentence holding the matched words, and their offsets.

FTS5's ``highlight()`` marks the tokens a query matched (stemmed words, prefixes and phrases
included) in a record's text; the record's text is a run of segments, each either an article
sentence (with its offset in the seed) or the dataset's own words (a summary, a label, a title),
which are cut into sentences by the one segmenter, ``usc_cli.sentences``. The sentence shown is
the one holding the most distinct matched words, and is given whitespace-folded, as quotes are.
"""

from __future__ import annotations

from dataclasses import dataclass

from usc_cli.dataset import fold_whitespace
from usc_cli.sentences import split as split_sentences


@dataclass(frozen=True)
class Segment:
    """A piece of a record's text: an article sentence (``source`` and ``start`` in its seed), or
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


def _sentence_of(segment: Segment, spans: list[tuple[int, int]]) -> tuple[int, int]:
    """The bounds, within the segment, of the sentence that holds the most distinct matched words."""
    if segment.source is not None:
        return 0, len(segment.text)  # an article segment is one whole sentence already
    bounds = [(s.start, s.end) for s in split_sentences(segment.text)] or [(0, len(segment.text))]

    def weight(b: tuple[int, int]) -> tuple[int, int]:
        inside = [segment.text[a:z].casefold() for a, z in spans if b[0] <= a < b[1]]
        return len(set(inside)), len(inside)

    return max(bounds, key=weight)


def sentence_hit(
    segments: list[tuple[int, Segment]], spans: list[tuple[int, int]]
) -> tuple[Segment, tuple[int, int], list[tuple[int, int]]]:
    """The segment and sentence bounds to show, and the matches inside it (offsets in the segment)."""

    def local(item: tuple[int, Segment]) -> list[tuple[int, int]]:
        offset, segment = item
        return [(a - offset, z - offset) for a, z in spans if offset <= a < offset + len(segment.text)]

    def weight(item: tuple[int, Segment]) -> tuple[int, int, bool]:
        inside = [item[1].text[a:z].casefold() for a, z in local(item)]
        return len(set(inside)), len(inside), item[1].source is not None

    best = max(segments, key=weight)  # the article's words win a tie, then earlier text
    mine = local(best)
    bounds = _sentence_of(best[1], mine)
    return best[1], bounds, [(a, z) for a, z in mine if bounds[0] <= a < bounds[1]]


def build_hit(
    record: Record,
    score: float,
    segments: list[tuple[int, Segment]],
    spans: list[tuple[int, int]],
    matched_issues: tuple[str, ...],
) -> Hit:
    """A hit from a record's segments and the spans its text matched (offsets in the joined text)."""
    segment, (lo, hi), inside = sentence_hit(segments, spans)
    raw = segment.text[lo:hi]
    sentence = fold_whitespace(raw).strip()
    matches = tuple(
        Match(
            sentence[_folded_offset(raw, a - lo) : _folded_offset(raw, z - lo)],
            _folded_offset(raw, a - lo),
            _folded_offset(raw, z - lo),
            None if segment.start is None else segment.start + a,
            None if segment.start is None else segment.start + z,
        )
        for a, z in inside
    )
    start = segment.start
    return Hit(
        record,
        score,
        sentence,
        segment.source if start is not None else None,
        None if start is None else start + lo,
        None if start is None else start + hi,
        matches,
        matched_issues,
    )
