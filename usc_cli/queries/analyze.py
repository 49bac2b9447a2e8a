"""What a new article covers, in the dataset's terms: issues and framings found by the cues in the data.

Cues are words and phrases stored with each issue and each frame label (never in code). A cue
matches whole words, case-insensitively; a trailing ``*`` matches any ending (``tariff*``). A cue
that names the issue outright starts with ``=`` (``=export control*``): one mention of it is enough
to reach the default threshold, where a loose cue ("talks", "regional") needs company.
"""

from __future__ import annotations

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


def _find(cues: list[str], texts: list[str]) -> tuple[list[str], list[Match]]:
    patterns = [(cue, cue_pattern(cue)) for cue in cues]
    matches = []
    found: dict[str, None] = {}
    for n, text in enumerate(texts):
        hit = [cue for cue, pattern in patterns if pattern.search(text)]
        if hit:
            matches.append(Match(n + 1, text, hit))
            found.update(dict.fromkeys(hit))
    return list(found), matches


def _strength(cues: list[str], matches: list[Match]) -> int:
    """Distinct cues count double (triple when they name the issue outright), so one repeated loose
    word ranks below several different signals, and one explicit mention reaches the default threshold."""
    return sum(3 if explicit(cue) else 2 for cue in cues) + len(matches)


def analyze(ds: Dataset, text: str, minimum: int = DEFAULT_MINIMUM) -> list[Finding]:
    """Issues and frame labels the text touches, strongest first (ties by dataset order)."""
    texts = sentences(text)
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
