"""What kind of text a new article is, when the user does not say: a government's press conference,
readout or statement, a wire story, or an op-ed. The kind decides whose the text's own words are
(``reading.narrator``); ``uscn analyze`` and ``uscn sources add`` say which kind they chose and why.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from usc_cli.models import GOVERNMENT_KINDS, Side, SourceKind

_HEAD = 400  # the heading and first lines: where a text says what it is
_PRESS = re.compile(r"\b(?:Press Conference|Press Briefing|Regular Briefing)\b", re.IGNORECASE)
_QA = re.compile(r"^(?:Q|A)\s?:", re.MULTILINE)
_READOUT = re.compile(r"\bReadout\b|\bspoke (?:today |yesterday |by phone )?with\b|\b(?:Call|Meeting) with\b")
_STATEMENT = re.compile(r"\b(?:Joint Statement|Statement|Fact Sheet|Spokesperson Answers)\b")
# "BEIJING (Reuters) —", "WASHINGTON, Nov. 15 (AP) –", "WASHINGTON —": a city in capitals opening a line
_DATELINE = re.compile(
    r"^[A-Z][A-Z .,'’-]{2,40}(?:,\s+\w+\.?\s+\d{1,2})?(?:\s+\([^)\n]{2,40}\))?\s+[-–—]\s", re.MULTILINE
)
_CHINA = re.compile(r"\b(?:Ministry|MOFCOM|PRC|Chinese|China|Xi Jinping)\b")
_US = re.compile(r"\b(?:White House|State Department|Department|Secretary|United States|U\.S\.|Press Secretary)\b")


@dataclass(frozen=True)
class KindChoice:
    """The kind a text was read as, the government for a government's own text, and why."""

    kind: SourceKind
    government: Side | None
    how: str  # given | inferred
    basis: str


def _government(head: str) -> Side | None:
    china, us = _CHINA.search(head), _US.search(head)
    if china and (not us or china.start() < us.start()):
        return Side.CHINA
    return Side.US if us else None


def infer_kind(text: str) -> KindChoice:
    """The kind the text's first lines show, with the words that show it; an op-ed by default."""
    head = text[:_HEAD]
    checks = [
        (SourceKind.PRESS_CONFERENCE, _PRESS.search(head) or (_QA.search(text) and _PRESS.search(text))),
        (SourceKind.STATEMENT, _STATEMENT.search(head.split("\n", 1)[0])),
        (SourceKind.READOUT, _READOUT.search(head)),
    ]
    for kind, match in checks:
        if match:
            government = _government(head)
            if government is not None:
                words = match.group(0).strip()
                return KindChoice(kind, government, "inferred", f"its first lines say “{words}”")
    dateline = _DATELINE.search(text[: _HEAD * 2])
    if dateline:
        words = " ".join(dateline.group(0).split())
        return KindChoice(SourceKind.NEWS, None, "inferred", f"it opens with a news dateline, “{words}”")
    return KindChoice(SourceKind.OPINION, None, "inferred", "nothing marks it as a government's text or a news story")


def chosen_kind(text: str, kind: SourceKind | None, government: Side | None) -> KindChoice:
    """The kind the user gave (with the government, inferred from the text if not given), else the
    kind inferred from the text."""
    if kind is None:
        return infer_kind(text)
    if kind in GOVERNMENT_KINDS:
        government = government or _government(text[:_HEAD])
        if government is None:
            raise ValueError(f"a {kind.value} is a government's own text: say whose with --government us|china")
        return KindChoice(kind, government, "given", "--kind")
    return KindChoice(kind, None, "given", "--kind")


_BYLINE = re.compile(
    r"^[ \t]*(?P<quote>By[ \t]+(?P<name>[A-Z][\w'’.-]+(?:[ \t]+(?:[A-Z][\w'’.-]+|de|van|von|bin|al-\w+)){1,3}))"
    r"[ \t]*(?:[,|–—-].*)?$",
    re.MULTILINE,
)


def byline(text: str) -> tuple[str, str] | None:
    """The author an article's byline names ("By Jane Doe", "By Jane Doe, a fellow at …") in its
    first lines, as (name, the words that name them); None when no line there is a byline."""
    head = "\n".join(text.splitlines()[:15])
    match = _BYLINE.search(head)
    return (match["name"], match["quote"]) if match else None
