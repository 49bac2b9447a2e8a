"""What a new article covers, in the dataset's terms: issues and framings found by the cues in the data.

Cues are words and phrases stored with each issue and each frame label (never in code). A cue
matches whole words, case-insensitively; a trailing ``*`` matches any ending (``tariff*``). A cue
that names the issue outright starts with ``=`` (``=export control*``): one mention of it is enough
to reach the default threshold, where a loose cue ("talks", "regional") needs company.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass

from usc_cli.dataset import Dataset, fold_whitespace
from usc_cli.models import Side
from usc_cli.sentences import split


def sentences(text: str) -> list[str]:
    """The text's sentences (``usc_cli.sentences``, as everywhere in uscn), whitespace folded."""
    return [fold_whitespace(text[s.start : s.end]) for s in split(text)]


EXPLICIT = "="
DEFAULT_MINIMUM = 4


def explicit(cue: str) -> bool:
    """Whether a cue names its issue outright (written with a leading ``=``)."""
    return cue.strip().startswith(EXPLICIT)


@functools.lru_cache(maxsize=4096)
def cue_pattern(cue: str) -> re.Pattern[str]:
    """A cue as a regular expression: whole words, any case, a trailing * for any ending."""
    stem = cue.strip().removeprefix(EXPLICIT).strip()
    wildcard = stem.endswith("*")
    words = ["".join("['’]" if c in "'’" else re.escape(c) for c in w) for w in stem.rstrip("*").split()]
    body = r"[\s\-]+".join(words) + (r"\w*" if wildcard else "")
    return re.compile(rf"(?<!\w){body}(?!\w)", re.IGNORECASE)


@dataclass(frozen=True)
class Match:
    """A sentence and the cues it contains."""

    sentence: int
    text: str
    cues: list[str]


@dataclass(frozen=True)
class Finding:
    """One issue or framing the article touches, with the sentences that triggered it."""

    kind: str  # issue | frame
    id: str
    title: str
    side: Side | None
    label: str | None
    strength: int
    cues: list[str]
    matches: list[Match]


_WORD_RUN = re.compile(r"\w+")


class _Sentences:
    """An article's sentences, and which of them each cue occurs in.

    The text's words are indexed once (casefolded, with the sentences each occurs in). A cue's first
    word picks the sentences it may occur in (those with a word starting with it: a cheap superset),
    and only those are searched with the cue's pattern: each cue costs the sentences it may be in,
    not one search per sentence (a 2 MB article has 17,000), nor a pass over the whole text.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.spans = split(text)
        self.ends = [s.end for s in self.spans]
        self._folded: dict[int, str] = {}
        self._having: dict[str, list[int]] = {}
        self._words: dict[str, list[int]] | None = None  # each word of the text, casefolded: the sentences holding it
        self._sorted: list[str] = []  # those words in order, so the words starting alike are neighbours

    def folded(self, n: int) -> str:
        """Sentence ``n`` (from 0), whitespace folded."""
        if n not in self._folded:
            self._folded[n] = fold_whitespace(self.text[self.spans[n].start : self.spans[n].end])
        return self._folded[n]

    def _candidates(self, cue: str, pattern: re.Pattern[str]) -> set[int]:
        """Sentences the cue may occur in: those holding a word that starts with its first word."""
        stem = cue.strip().removeprefix(EXPLICIT).strip()
        anchor = _WORD_RUN.match(stem)
        if anchor is None:  # a cue that starts with punctuation: look everywhere
            return {bisect.bisect_right(self.ends, m.start()) for m in pattern.finditer(self.text)} - {len(self.spans)}
        words = self._words if self._words is not None else self._index()
        first = anchor.group().casefold()
        low = bisect.bisect_left(self._sorted, first)
        high = bisect.bisect_left(self._sorted, first + "\U0010ffff")  # every word that starts with it
        return {n for word in self._sorted[low:high] for n in words[word]} - {len(self.spans)}

    def _index(self) -> dict[str, list[int]]:
        """Index the text's words once: the sentences each occurs in (the words and the sentences are
        both in text order, so one walk places every word)."""
        words: dict[str, list[int]] = {}
        ends, n = self.ends, 0
        for m in _WORD_RUN.finditer(self.text):
            while n < len(ends) and ends[n] <= m.start():  # bisect_right(ends, m.start())
                n += 1
            held = words.setdefault(m.group().casefold(), [])
            if not held or held[-1] != n:
                held.append(n)
        self._words, self._sorted = words, sorted(words)
        return words

    def having(self, cue: str) -> list[int]:
        """The sentences (from 0, in order) that the cue occurs in."""
        if cue not in self._having:
            pattern = cue_pattern(cue)
            found = sorted(self._candidates(cue, pattern))
            self._having[cue] = [n for n in found if pattern.search(self.folded(n))]
        return self._having[cue]


def _find(cues: list[str], texts: _Sentences) -> tuple[list[str], list[Match]]:
    having = {cue: set(texts.having(cue)) for cue in cues}
    matches = []
    found: dict[str, None] = {}
    for n in sorted(set().union(*having.values())):
        hit = [cue for cue in cues if n in having[cue]]
        matches.append(Match(n + 1, texts.folded(n), hit))
        found.update(dict.fromkeys(hit))
    return list(found), matches


def _strength(cues: list[str], matches: list[Match]) -> int:
    """Distinct cues count double (triple when they name the issue outright), so one repeated loose
    word ranks below several different signals, and one explicit mention reaches the default threshold."""
    return sum(3 if explicit(cue) else 2 for cue in cues) + len(matches)


def analyze(ds: Dataset, text: str, minimum: int = DEFAULT_MINIMUM) -> list[Finding]:
    """Issues and frame labels the text touches, strongest first (ties by dataset order)."""
    texts = _Sentences(text)
    findings: list[Finding] = []
    for issue in ds.issues.values():
        cues, matches = _find(issue.cues, texts)
        if matches and _strength(cues, matches) >= minimum:
            findings.append(
                Finding("issue", issue.id, issue.title, None, None, _strength(cues, matches), cues, matches)
            )
    for frame in ds.frames.values():
        for label in frame.labels:
            cues, matches = _find(label.cues, texts)
            if matches and _strength(cues, matches) >= minimum:
                strength = _strength(cues, matches)
                findings.append(
                    Finding("frame", frame.id, frame.title, label.side, label.label, strength, cues, matches)
                )
    order = {f"{f.kind}:{f.id}:{f.label}": n for n, f in enumerate(findings)}
    return sorted(findings, key=lambda f: (f.kind != "issue", -f.strength, order[f"{f.kind}:{f.id}:{f.label}"]))
