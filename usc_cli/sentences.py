"""Sentence boundaries, decided in one place for every caller: ``--context``, search, ``analyze``, the checks.

The method follows the text's language (``split``'s ``language``, a BCP 47 tag): Chinese (``zh``) is
cut after 。！？ (and the closing quotation marks or brackets that follow one), which syntok does not
know; every other language goes to syntok, as described below.

The segmenter is syntok: on the seeds it cuts no sentence at "U.S.", "Jr.", "Gen." or initials, and
it keeps hard-wrapped lines together (pysbd, the other candidate, splits at every line break and cut
five sentences of the seeds and the test article short). A line break still ends a paragraph when
the line could not run on: it ends in closing punctuation, or it is a short heading (short lines run
on when the next line starts in lower case). A hard-wrapped
line (at most ``_WRAP_WIDTH`` characters) that ends in a full stop is the exception: the stop may
belong to "Gen." or "U.S." before the wrap, so syntok decides there as it does within a line.

syntok costs about a second per 2 MB of text (it steps through every token in Python). Where its
answer is certain, at a plain stop ("… trade. The …"), the text is cut without it, to the same
sentences: see ``_pieces``. syntok decides everywhere else.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

_LINE_END = re.compile(r"\n")
_CLOSES = tuple(".!?:;”\"’')]")
_STOPS = tuple(".!?")
_QUOTES = "”\"’'"
_HEADING_WORDS = 8
_WRAP_WIDTH = 100  # hard-wrapped text breaks lines at 72-80 columns; a longer line is a paragraph


@dataclass(frozen=True)
class Sentence:
    """A sentence's offsets ``[start, end)`` in the original text, without surrounding whitespace."""

    start: int
    end: int


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Spans of paragraphs: a blank line always ends one; a line break ends one unless the line runs on."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _LINE_END.finditer(text):
        line = text[text.rfind("\n", 0, match.start()) + 1 : match.start()].strip()
        wrapped_stop = len(line) <= _WRAP_WIDTH and line.rstrip(_QUOTES).endswith(_STOPS)
        long_enough = len(line.split()) >= _HEADING_WORDS
        mid_quotation = line.endswith((",”", ',"'))  # a quotation's comma: its credit follows
        runs_on = bool(line) and (
            mid_quotation
            or (long_enough and (wrapped_stop or not line.endswith(_CLOSES)))
            or (not line.endswith(_CLOSES) and text[match.end() : match.end() + 1].islower())
        )
        if not runs_on:
            spans.append((start, match.start()))
            start = match.end()
    spans.append((start, len(text)))
    return [(a, b) for a, b in spans if text[a:b].strip()]


_ZH_STOP = re.compile(r"[。！？]+[”’」』）》〉\"')]*")


def _is_chinese(language: str) -> bool:
    return language.split("-")[0].lower() in ("zh", "cmn", "yue")


def split(text: str, language: str = "en") -> list[Sentence]:
    """Every sentence of ``text``, in order, with offsets into ``text``, cut by the rules of ``language``
    (segmented once per text in a run: ``analyze`` reads the same article for its issues and speakers)."""
    if _is_chinese(language):
        return _split_chinese(text)
    return list(_split(text))


@functools.lru_cache(maxsize=8)
def _split(text: str) -> tuple[Sentence, ...]:
    found: list[Sentence] = []
    for para_start, para_end in paragraphs(text):
        for start, end, plain in _pieces(text, para_start, para_end):
            if plain:
                found.append(_trimmed(text, start, end))
            else:
                found += _syntok(text, start, end)
    return tuple(_close_quotes(text, found))


def _syntok(text: str, start: int, end: int) -> list[Sentence]:
    """The sentences syntok finds in ``text[start:end]``, with offsets into ``text``."""
    from syntok import segmenter  # imported here: only views that show sentences pay for it

    found: list[Sentence] = []
    for paragraph in segmenter.analyze(text[start:end]):
        for sentence in paragraph:
            tokens = list(sentence)
            if not tokens:
                continue
            first = start + tokens[0].offset
            last = start + tokens[-1].offset + len(tokens[-1].value)
            while last > first and text[last - 1].isspace():
                last -= 1
            found.append(Sentence(first, last))
    return found


# The fast path. syntok ends a sentence only where its state machine stands on a terminal token
# (. ! ? ; … or "...") or an opening bracket, and decides there from the token before, the tokens
# after and the spacing between (syntok/_segmentation_states.py, _move_and_maybe_extract_terminal).
# At a *plain stop* every one of its reasons not to split is absent: a full stop, "!" or "?" ends a
# whitespace-delimited chunk whose word is ASCII letters and digits only (one token: no inner "."
# or apostrophe, no lower-to-upper case change), at least two characters long, not an abbreviation
# syntok knows, not "No", not a Roman numeral; at most one closing quotation mark follows the stop,
# then whitespace, then a capital letter or an opening quotation mark (not a month's abbreviation
# after a number). syntok splits there and goes on as at the start of a paragraph. A piece between
# plain stops with no other terminal in it is therefore one sentence as it stands; any other piece
# goes to syntok. A paragraph with a bracket (syntok skips bracketed text across stops) or with a
# character that syntok's tokenizer and Python disagree is whitespace goes to syntok whole.
# tests/test_sentences.py compares the two on the seeds, the held-out articles and generated text.
_UNSURE_SPACE = re.compile("[\x1c-\x1f\u200b]")  # Python's whitespace, not syntok's, or the reverse


@dataclass(frozen=True)
class _Syntok:
    """What the fast path needs of syntok's vocabulary (its ``State`` class)."""

    terminals: frozenset[str]  # every character of a terminal token
    brackets: frozenset[str]
    abbreviations: frozenset[str]
    numerals: frozenset[str]
    months: tuple[str, ...]
    plain_stop: re.Pattern[str]


@functools.cache
def _vocabulary() -> _Syntok:
    """syntok's vocabulary, read once (imported on first use, as syntok is)."""
    from syntok._segmentation_states import State

    quotes = "".join(sorted(State.closing_quotes))
    stop = re.compile(
        rf"(?<!\S)[^\w\s]*(?P<word>[A-Za-z0-9]+)[.!?][{re.escape(quotes)}]?(?=\s+(?P<next>[A-Z“‘\"']\S*))"
    )
    return _Syntok(
        frozenset("".join(State.terminals)),
        State.opening_brackets | State.closing_brackets,
        State.abbreviations,
        State.roman_numerals,
        tuple(State.months),
        stop,
    )


def _plain_stop(match: re.Match[str], syntok: _Syntok) -> bool:
    """Whether a stop the pattern found is plain: none of syntok's exceptions for the word before it."""
    word, following = match["word"], match["next"]
    if len(word) < 2 or word in syntok.abbreviations or word in syntok.numerals or word in ("no", "No", "NO"):
        return False
    if re.search("[a-z][A-Z]", word):  # syntok cuts "iPhone" into "i" and "Phone"
        return False
    return not (word.isnumeric() and following.startswith(syntok.months))


def _pieces(text: str, start: int, end: int) -> list[tuple[int, int, bool]]:
    """The paragraph ``[start, end)`` in pieces ``(start, end, plain)``: a plain piece is one
    sentence as it stands; the others are for syntok to segment."""
    syntok = _vocabulary()
    chunk = text[start:end]
    if _UNSURE_SPACE.search(chunk) or not syntok.brackets.isdisjoint(chunk):
        return [(start, end, False)]
    stops = [m for m in syntok.plain_stop.finditer(chunk) if _plain_stop(m, syntok)]
    pieces, at = [], start
    for stop in stops:  # a piece up to a plain stop: plain unless a terminal comes before the stop
        pieces.append((at, start + stop.end(), syntok.terminals.isdisjoint(text[at : start + stop.end("word")])))
        at = start + stop.end()
    # the last piece: a terminal at its very end leaves nothing after it to be a sentence
    pieces.append((at, end, syntok.terminals.isdisjoint(text[at:end].rstrip()[:-1])))
    return [p for p in pieces if text[p[0] : p[1]].strip()]


def _split_chinese(text: str) -> list[Sentence]:
    """Chinese sentences: a line break ends a paragraph; within one, a sentence ends after 。！？ and
    the closing quotation marks or brackets right after it."""
    found: list[Sentence] = []
    for para_start, para_end in _lines(text):
        start = para_start
        for match in _ZH_STOP.finditer(text, para_start, para_end):
            found.append(_trimmed(text, start, match.end()))
            start = match.end()
        if text[start:para_end].strip():
            found.append(_trimmed(text, start, para_end))
    return [s for s in found if s.end > s.start]


def _lines(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for match in _LINE_END.finditer(text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return [(a, b) for a, b in spans if text[a:b].strip()]


def _trimmed(text: str, start: int, end: int) -> Sentence:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Sentence(start, end)


def split_near(
    text: str, start: int, end: int, known: list[tuple[int, int]] | None = None, language: str = "en"
) -> list[Sentence]:
    """The sentences of the paragraphs around ``[start, end)`` (one more on each side), exactly as
    ``split`` finds them there: ``split`` segments paragraph by paragraph, so a search hit need not
    segment its whole article. ``known``: ``text``'s paragraphs, if already known."""
    spans = known if known is not None else paragraphs(text)
    touched = [n for n, (a, b) in enumerate(spans) if a < max(end, start + 1) and start < b] or [
        max((n for n, (a, _) in enumerate(spans) if a <= start), default=0)
    ]
    lo, hi = max(touched[0] - 1, 0), min(touched[-1] + 2, len(spans))
    if lo >= hi:
        return []
    first, last = spans[lo][0], spans[hi - 1][1]
    return [Sentence(first + s.start, first + s.end) for s in split(text[first:last], language)]


def _close_quotes(text: str, found: list[Sentence]) -> list[Sentence]:
    """Keep a closing quotation mark that syntok leaves at the start of the next sentence with its own."""
    fixed: list[Sentence] = []
    for sentence in found:
        if fixed and text[sentence.start] in '”’"' and sentence.end - sentence.start == 1:
            fixed[-1] = Sentence(fixed[-1].start, sentence.end)
            continue
        fixed.append(sentence)
    return fixed


def around(sentences: list[Sentence], start: int, end: int) -> list[Sentence]:
    """The sentences that overlap ``[start, end)`` (at least the one holding ``start``)."""
    hit = [s for s in sentences if s.start < max(end, start + 1) and start < s.end]
    if hit:
        return hit
    before = [s for s in sentences if s.start <= start]
    return before[-1:] or sentences[:1]
