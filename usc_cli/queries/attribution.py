"""The attribution rules: who a sentence credits with its words, whether a quote cuts a turn, whether
it hedges. Pure text functions, the one place these rules live (``uscn validate`` checks the data
with them; drafting new articles is to use them too).

A *credit* is a phrase naming who said something: "said Chong Ja Ian", "Yellen, meanwhile, sought
to impress", "according to … Shen Dingli", "his rare public statement", "U.S. officials would point
to", "as one headline put it". Pronouns are resolved to the nearest earlier name the caller knows.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Literal

from usc_cli.sentences import Sentence

Governs = Literal["before", "after", "both"]

_CAP = r"[A-Z][\w’'\-]*(?:\.[A-Z]\.?)?"
_NAME = rf"{_CAP}(?:[ \t]+(?:{_CAP}|of|de|van))*"
_GROUP_NOUN = r"officials|leaders|experts|observers|scholars|analysts|diplomats|authorities"
_GROUP = rf"(?:{_NAME}[ \t]+)?(?:administration[ \t]+)?(?:{_GROUP_NOUN})"
_PRONOUN = r"[Hh]e|[Ss]he|[Tt]hey"
_VERB = (
    r"said|says|told|tells|added|adds|insisted|insists|stressed|stresses|explained|explains|argued|argues"
    r"|wrote|writes|noted|notes|warned|warns|stated|states|describe|describes|described"
    r"|sought to impress|reject|rejects|rejected|indicated|indicates|put it"
    # the verbs of news reports and government readouts: each says whose words follow
    r"|emphasi[sz]ed|emphasi[sz]es|reiterated|reiterates|underscored|underscores|affirmed|reaffirmed"
    r"|acknowledged|declared|asserted|contended|contends|urged|urges|cautioned"
    r"|called for|calls for|raised concerns?|expressed|announced|pledged|vowed|calls|called"
    # the plural present, for groups ("US officials insist that …")
    r"|insist|argue|stress|warn|contend|urge|emphasi[sz]e|reiterate"
)
_HYPOTHETICAL = (
    r"would (?:point to|cite|view|blame|give|say|argue|raise|also be raised)|might (?:blame|say|argue)"
    r"|will decline|would decline"
)
_LEAD = {"But", "And", "As", "While", "Though", "Although", "Meanwhile", "So", "Yet", "Even", "Thus", "If", "Or"}

_BEFORE_VERB = re.compile(
    rf"(?P<name>{_GROUP}|{_NAME}|{_PRONOUN}|one headline|Many|Others)"
    rf"(?:,[^,“”\"]{{1,80}},)?[ \t]+(?:(?P<hypo>{_HYPOTHETICAL})|(?:also[ \t]+)?(?P<verb>{_VERB}))\b"
)
_AFTER_VERB = re.compile(
    rf"\b(?P<verb>said|says|added|adds|wrote|writes)[ \t]+(?P<name>{_NAME}|{_PRONOUN})(?=[,.;]|[ \t]+in\b|\s*$)"
)
_ACCORDING = re.compile(r"\baccording to (?P<rest>[^.,;:“”\"]{1,120})")
_STATEMENT = re.compile(
    rf"(?P<name>{_NAME}’s|{_NAME}'s|[Hh]is|[Hh]er|[Tt]heir)[ \t]+(?:[\w-]+[ \t]+){{0,4}}statement\b"
)

TURNS = (
    "while",
    "but",
    "though",
    "although",
    "unless",
    "if",
    "however",
    "yet",
    "whereas",
    "except",
    "despite",
    "rather than",
    "instead",
    "will decline",
)
_TURN = re.compile(r"\b(" + "|".join(t.replace(" ", r"\s+") for t in TURNS) + r")\b", re.IGNORECASE)
HEDGES = (
    "would",
    "could",
    "may",
    "might",
    "likely",
    "unlikely",
    "potentially",
    "possibly",
    "perhaps",
    "probably",
    "expects",
    "expected",
    "hopes",
    "hope",
    "if",
    "apparently",
    "seemed",
    "seems",
)
_HEDGE = re.compile(r"\b(" + "|".join(HEDGES) + r")\b", re.IGNORECASE)
_SUMMARY_HEDGE = re.compile(
    r"\b(" + "|".join(HEDGES) + r"|can|should|expect|hoped|hoping|might|maybe|possible|possibility|chance"
    r"|risk|unless|whether|says?|said|argues?|hypothetical|imagines?|forecasts?|predicts?|in the hope"
    r"|appears?|apparently|seemingly|seems?)\b",
    re.IGNORECASE,
)


_QUOTATION_REACH = 4  # sentences back to look for the opening of a quotation
_PRONOUNS = {"he", "she", "his", "her"}
_GROUP_PRONOUNS = {"they", "their", "many", "others"}


@dataclass(frozen=True)
class Credit:
    """Someone a text credits with words: the name as resolved, its offsets, and how it is said."""

    name: str
    start: int
    end: int
    verb: str
    hypothetical: bool
    governs: Governs = "after"  # which side of the credit holds the words

    @property
    def resolved(self) -> bool:
        """False for a pronoun ("he", "they", "Many") no earlier name could resolve."""
        return self.name.lower() not in _PRONOUNS | _GROUP_PRONOUNS

    def covers(self, start: int, end: int) -> bool:
        """Whether the words at ``[start, end)`` fall on the side of the sentence this credit governs."""
        if self.governs == "after":
            return end > self.start
        if self.governs == "before":
            return start < self.end
        return True


def _trim(name: str, start: int) -> tuple[str, int]:
    words = name.split()
    while len(words) > 1 and words[0] in _LEAD:
        start += name.index(words[1], name.index(words[0]) + len(words[0])) - name.index(words[0])
        name = name[name.index(words[1]) :]
        words = words[1:]
    return name, start


def credits(text: str, known: Sequence[str] = (), start: int = 0, earlier: str = "") -> list[Credit]:
    """Every credit in ``text`` (offsets from ``start``); pronouns, "Many" and "Others" resolve to the
    nearest earlier name in ``known`` (or earlier group credit), looking back into ``earlier`` too."""
    found: list[Credit] = []
    for match in _BEFORE_VERB.finditer(text):
        name, at = _trim(match["name"], match.start("name"))
        verb = match["hypo"] or match["verb"]
        found.append(Credit(name, start + at, start + at + len(name), verb, match["hypo"] is not None))
    for match in _AFTER_VERB.finditer(text):
        found.append(
            Credit(match["name"], start + match.start("name"), start + match.end("name"), match["verb"], False)
        )
    for match in _ACCORDING.finditer(text):
        names = list(re.finditer(_NAME, match["rest"]))
        if names:
            last = names[-1]
            at = match.start("rest") + last.start()
            found.append(Credit(last.group(), start + at, start + at + len(last.group()), "according to", False))
    for match in _STATEMENT.finditer(text):
        name = match["name"].removesuffix("’s").removesuffix("'s")
        found.append(
            Credit(name, start + match.start("name"), start + match.start("name") + len(name), "statement", False)
        )
    resolved = [_resolve(c, text[: c.start - start], earlier, known, found) for c in found]
    unique = {(c.start, c.name): c for c in resolved}
    return sorted(unique.values(), key=lambda c: c.start)


def _resolve(credit: Credit, before: str, earlier: str, known: Sequence[str], found: list[Credit]) -> Credit:
    word = credit.name.lower()
    if word in _PRONOUNS:
        context = f"{earlier} {before}"
        best: tuple[int, str] | None = None
        for name in known:
            for match in re.finditer(rf"\b{re.escape(name)}\b", context):
                if best is None or match.start() > best[0]:
                    best = (match.start(), name)
        return replace(credit, name=best[1]) if best else credit
    if word in _GROUP_PRONOUNS:
        groups = [c for c in credits(earlier, known) if c.name.lower() not in _GROUP_PRONOUNS] if earlier else []
        groups += [c for c in found if c.start < credit.start and c.name.lower() not in _GROUP_PRONOUNS]
        if groups:
            return replace(credit, name=groups[-1].name)
    return credit


def utterance(text: str, sentences: Sequence[Sentence], first: int, last: int) -> tuple[int, int]:
    """Offsets of sentences ``first..last`` widened while a quotation mark is left open (a quotation of
    two sentences credited once, as in "“… a start. It is not …,” said Chong")."""

    def balance(a: int, b: int) -> int:
        words = text[sentences[a].start : sentences[b].end]
        return words.count("“") - words.count("”")

    for back in range(1, _QUOTATION_REACH + 1):  # a sentence within a longer quotation: "… before. Now we are. …"
        if first - back >= 0 and balance(first - back, first - 1) > 0:
            first -= back
            break
    while balance(first, last) > 0 and last + 1 < len(sentences):
        last += 1
    while balance(first, last) < 0 and first > 0:
        first -= 1
    return sentences[first].start, sentences[last].end


def before(text: str, sentences: Sequence[Sentence], start: int, count: int = 3) -> str:
    """The text of up to ``count`` sentences before ``start``: where a pronoun looks for its name."""
    at = bisect.bisect_right(sentences, start, key=lambda s: s.end)  # in order: their ends ascend
    return text[sentences[max(0, at - count)].start : start] if at else ""


def sentence_credits(
    text: str, sentences: Sequence[Sentence], first: int, last: int, known: Sequence[str]
) -> tuple[tuple[int, int], list[Credit]]:
    """The utterance around sentences ``first..last`` and the resolved credits in it: whom ``uscn
    validate`` and ``uscn analyze`` both take those sentences' words to be."""
    start, end = utterance(text, sentences, first, last)
    found = credits(text[start:end], known, start, before(text, sentences, start))
    return (start, end), [c for c in found if c.resolved]


_HAND_OVER = re.compile(r",”?\s+(?:while|whereas)\b|;\s")


def reaches(text: str, credit: Credit, at: int) -> bool:
    """Whether words at ``at`` are still within the credit's reach: no contrast outside quotation marks
    (", while …", ", whereas …", ";") hands the sentence to someone else between the credit and them."""
    between = _HAND_OVER.finditer(text, credit.end, at)
    return not any(not inside_quotation(text, m.start(), m.start() + 1) for m in between)


def unnamed_hypothetical(text: str) -> str | None:
    """A hypothetical with no one named as its speaker ("… would also be raised"): the words of
    whoever the paragraph's forecast is about, which no credit can name."""
    match = re.search(rf"\b(?:{_HYPOTHETICAL})\b", text)
    return match.group(0) if match else None


def names_match(credit: str, names: Iterable[str]) -> bool:
    """Whether a credited name is one of ``names`` (an actor's name, aliases and variants, or a group's
    description): a whole-word match either way, ignoring case."""
    credit_folded = " ".join(credit.lower().replace("’", "'").split())
    for name in names:
        folded = " ".join(name.lower().replace("’", "'").split())
        if not folded:
            continue
        if re.search(rf"(?<!\w){re.escape(folded)}(?!\w)", credit_folded) or re.search(
            rf"(?<!\w){re.escape(credit_folded)}(?!\w)", folded
        ):
            return True
    return False


def turns(text: str) -> list[str]:
    """The words in ``text`` that turn a sentence's meaning (while, but, if, will decline…)."""
    return [m.group(1).lower() for m in _TURN.finditer(text)]


def hedges(text: str) -> list[str]:
    """The hedging words in a quote (would, could, may, likely, if…)."""
    return [m.group(1).lower() for m in _HEDGE.finditer(text)]


def summary_hedges(text: str) -> bool:
    """Whether our summary keeps some hedge or attribution (would, can, may, says, risk…)."""
    return _SUMMARY_HEDGE.search(text) is not None


def inside_quotation(text: str, start: int, end: int) -> bool:
    """Whether ``[start, end)`` lies within one pair of the article's quotation marks (curly, or
    straight ones, paired in order)."""
    if '"' in text and text.count('"', 0, start + 1) % 2 == 1:
        close = text.find('"', start + 1)
        return close != -1 and close >= end - 1
    opened = text.rfind("“", 0, start + 1)
    if opened == -1 or text.rfind("”", opened, start) != -1:
        return False
    close = text.find("”", opened + 1)
    return close != -1 and close >= end - 1
