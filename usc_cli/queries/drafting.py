"""Who says what in a new article, and the positions ``uscn sources add`` drafts from it.

For each sentence: the speaker is whom ``uscn validate``'s speaker check would take its words to be
(``attribution.sentence_credits``, the same function); a government, group or known actor that is
the subject of a stance ("Beijing views…", "Washington has proclaimed…", "Xi now believes…") holds
a view the article reports; otherwise the words are the author's. How the article presents them:
said (a direct quotation), argued, would argue (the author's forecast of what someone would say),
expects, or reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from usc_cli.dataset import fold_whitespace
from usc_cli.models import Actor, ActorKind, Presentation, Side
from usc_cli.queries import attribution
from usc_cli.queries.analyze import Finding, cue_pattern
from usc_cli.queries.speakers import AUTHOR, People, Who, actor_names, resolve
from usc_cli.sentences import split

How = Literal["said", "argued", "would argue", "expects", "reported"]

_ARGUE = re.compile(r"argue|insist|contend|assert|stress|emphasi|sought to impress|reject|urge", re.IGNORECASE)
_EXPECT = re.compile(r"expect|anticipat|hope|predict|forecast", re.IGNORECASE)
_OPINION = re.compile(
    r"\b(?:should|must|needs? to|ought to|ha(?:ve|s) to|would do well|is (?:vital|essential|critical|useful|important)"
    r"|are (?:vital|essential|critical|important))\b",
    re.IGNORECASE,
)
_FORECAST = re.compile(r"\b(?:likely|unlikely|expects?|expected|probably|may|might|could|would|will)\b", re.IGNORECASE)
# A contrast that hands the sentence to another speaker ("…, while Beijing calls them…").
_STRONG_SPLIT = re.compile(r"(?:(?<=,)|(?<=,”))\s+(?=(?:while|whereas)\b)|(?<=;)\s+")
_WEAK_SPLIT = re.compile(r"(?:(?<=,)|(?<=,”))\s+(?=(?:but|or as|as)\b)")
_BACK_REFERENCE = re.compile(r"\b(?:them|it|this|these|those)\b")
_LEADING_CONTRAST = re.compile(r"(?:While|Whereas|Although)\b")

_GOVERNMENTS = (
    r"Washington|Beijing|China|America|Zhongnanhai|Congress|the (?:United States|U\.S\.|US|White House|Pentagon"
    r"|State Department|PRC|(?:Biden |Trump )?administration|(?:Chinese|U\.S\.|US|American) government)"
    r"|(?:U\.S\.|US|American|Chinese) (?:officials|leaders|diplomats|authorities)"
    r"|(?:[Bb]oth|[Tt]he two) (?:sides|leaders|countries|governments|presidents)|[Tt]he leaders"
)
_PRONOUN_SUBJECTS = {"they", "he", "she"}
_CLAUSE = (
    r"(?:^|[;:]\s+|,\s+(?:(?:while|whereas|and|but|as|that)\s+)?|\bthat\s+"
    r"|\b(?:While|Whereas|But|And|As|Yet|So|Meanwhile|Still|Instead|Thus|However|Already|Now|Even)\b,?\s+"
    r"|\b(?:By contrast|In response|In turn),\s+)"
)
_AUX = (
    r"(?:(?:has|have|had|is|are|was|were|will|would|does|did|also|now|still|long|certainly|not|never|already"
    r"|repeatedly|reportedly|last year|this week|then|instead|only|recently|apparently)\s+|,[^,“”\"]{1,60},\s+)*"
)
_STANCE = (
    r"views?|sees?|wants?|believes?|insists?|says?|calls?|considers?|regards?|perceives?|proclaimed|rejects?"
    r"|rejected|seeks?|sought|fears?|accuse[sd]?|blames?|blamed|hopes?|hoped|expects?|expected|welcome[sd]?"
    r"|responded|refuse[sd]?|demand(?:s|ed)?|agreed|agrees|announced|imposed|cut|suspended|resumed|oppose[sd]?"
    r"|warned|argues|denie[sd]|criticized|condemned|pledged|committed|prefers?|emphasized|reiterated|raised"
    r"|called for|discussed|met|affirmed|seems to|appears to"
)


@dataclass(frozen=True)
class Attributed:
    """One sentence of an article and one speaker or holder of its words (a sentence that sets two
    sides side by side has two)."""

    n: int  # sentence number, from 1
    start: int
    end: int
    quote: tuple[int, int]  # the whole sentences a draft quotes (a quotation of two sentences whole)
    who: Who
    how: How
    verb: str | None
    credited: bool  # the words are credited to ``who``: a draft records them under ``attributions``
    passage: tuple[int, int]  # the words credited to ``who`` (the sentence, or its clause)

    @property
    def presented(self) -> Presentation:
        """How the data model records the presentation: said, reported or hypothetical."""
        if self.how == "would argue":
            return Presentation.HYPOTHETICAL
        return Presentation.SAID if self.how == "said" else Presentation.REPORTED


def known_people(actors: list[Actor]) -> list[str]:
    """Every name of every person the dataset knows, for pronouns to resolve to."""
    return [n for a in actors if a.kind is ActorKind.PERSON for n in actor_names(a)]


def _how(text: str, credit: attribution.Credit, start: int) -> How:
    if credit.hypothetical:
        return "would argue"
    before = text[max(start, credit.start - 14) : credit.start]
    after = text[credit.end : credit.end + 40]
    if "”" in before or '"' in before or re.match(rf"\s*(?:{re.escape(credit.verb)})?\s*[,:]\s*[“\"]", after):
        return "said"
    if _ARGUE.search(credit.verb):
        return "argued"
    return "expects" if _EXPECT.search(credit.verb) else "reported"


def _authors(text: str, n: int, start: int, end: int) -> Attributed:
    """Sentence ``n`` as the author's own words."""
    how = _author_how(text[start:end])
    return Attributed(n, start, end, (start, end), AUTHOR, how, None, False, (start, end))


def _author_how(sentence: str) -> How:
    if _OPINION.search(sentence):
        return "argued"
    return "expects" if _FORECAST.search(sentence) else "reported"


def _clauses(text: str, start: int, end: int, weak: bool) -> list[tuple[int, int]]:
    """Split ``[start, end)`` where a contrast outside quotation marks may hand it to another speaker."""
    points = [m.start() for m in _STRONG_SPLIT.finditer(text, start, end)]
    if weak:
        points += [m.start() for m in _WEAK_SPLIT.finditer(text, start, end)]
        if _LEADING_CONTRAST.match(text, start):  # "While Kerry stressed …, Wang insisted …"
            points += [next((c for c in _commas(text, start, end)), end)]
    points = sorted(p for p in points if not attribution.inside_quotation(text, p, p + 1))
    bounds = [start, *points, end]
    return [(a, b) for a, b in zip(bounds, bounds[1:], strict=False) if text[a:b].strip(" ,;")]


def _commas(text: str, start: int, end: int) -> list[int]:
    """Offsets of the commas in ``[start, end)`` outside quotation marks."""
    found = (start + m.start() for m in re.finditer(r",\s", text[start:end]))
    return [at for at in found if not attribution.inside_quotation(text, at, at + 1)]


def _passage(text: str, clauses: list[tuple[int, int]], at: int) -> tuple[int, int]:
    for a, b in clauses:
        if a <= at < b:
            a += len(text[a:b]) - len(text[a:b].lstrip(" ,;"))
            return a, a + len(text[a:b].strip(" ,;"))
    return clauses[0][0], clauses[-1][1]


def _stances(sentence: str, subjects: str) -> list[tuple[str, str, int]]:
    pattern = re.compile(rf"{_CLAUSE}(?P<subj>{subjects})\s+{_AUX}(?P<verb>{_STANCE})\b")
    return [(m["subj"], m["verb"], m.start("subj")) for m in pattern.finditer(sentence)]


class _Reader:
    """Reads an article sentence by sentence, remembering the people it has met."""

    def __init__(self, text: str, actors: list[Actor]) -> None:
        self.text, self.actors = text, actors
        self.sentences = split(text)
        self.people = People(text)
        self.known = known_people(actors)
        for index in range(len(self.sentences)):  # first the new people, so that "he said" can find them
            for credit in attribution.sentence_credits(text, self.sentences, index, index, self.known)[1]:
                resolve(credit.name, actors, self.people)
        self.known += [who.name for who in self.people.found.values()]
        names = sorted({n for a in actors for n in actor_names(a)}, key=len, reverse=True)
        self.subjects = "|".join([_GOVERNMENTS, *(re.escape(n) for n in names), "[Tt]hey|[Hh]e|[Ss]he"])

    def credited(self, index: int) -> tuple[list[Attributed], list[tuple[int, int]]]:
        """Whom the sentence's words are credited to, and the clauses holding those words."""
        sentence = self.sentences[index]
        (start, end), credits = attribution.sentence_credits(self.text, self.sentences, index, index, self.known)
        clauses = _clauses(self.text, start, end, weak=len(credits) > 1)
        found = []
        for credit in credits:
            who = resolve(credit.name, self.actors, self.people)
            passage = _passage(self.text, clauses, credit.start)
            how = _how(self.text, credit, start)
            span = (sentence.start, sentence.end)
            found.append(Attributed(index + 1, *span, (start, end), who, how, credit.verb, True, passage))
        return found, [c for c in clauses if any(c[0] <= credit.start < c[1] for credit in credits)]

    def stances(self, index: int, taken: list[tuple[int, int]], before: list[Attributed]) -> list[Attributed]:
        """The governments, groups and known actors the sentence reports a stance of, outside the
        clauses already credited ("… insist that China seeks …" is the insisting speaker's)."""
        sentence = self.sentences[index]
        span = (sentence.start, sentence.end)
        found: list[Attributed] = []
        for subject, verb, at in _stances(self.text[sentence.start : sentence.end], self.subjects):
            at += sentence.start
            if any(a <= at < b for a, b in taken):
                continue
            if subject.lower() in _PRONOUN_SUBJECTS:
                earlier = [f.who for f in before if f.n == index and f.who.kind != "author"]
                if not earlier:
                    continue
                who = earlier[-1]  # "And they perceive …" after "Chinese officials would …"
            else:
                who = resolve(subject, self.actors, self.people)
            how: How = "expects" if _EXPECT.search(verb) or verb.startswith(("seems", "appears")) else "reported"
            cut = next((m.start() for m in _STRONG_SPLIT.finditer(self.text, at, sentence.end)), sentence.end)
            found.append(Attributed(index + 1, *span, span, who, how, verb, False, (at, cut)))
        return found

    def forecast(self, index: int, before: list[Attributed]) -> Attributed | None:
        """A hypothetical that names no speaker ("… would also be raised") continues the forecast of
        the sentence before it ("U.S. officials would point to …")."""
        sentence = self.sentences[index]
        verb = attribution.unnamed_hypothetical(self.text[sentence.start : sentence.end])
        earlier = [f for f in before if f.n == index and f.how == "would argue"]
        if verb is None or not earlier:
            return None
        span = (sentence.start, sentence.end)
        return Attributed(index + 1, *span, span, earlier[-1].who, "would argue", verb, True, span)


def attribute(text: str, actors: list[Actor]) -> list[Attributed]:
    """Every sentence of ``text`` with its speakers or holders, in article order."""
    reader = _Reader(text, actors)
    found: list[Attributed] = []
    for index, sentence in enumerate(reader.sentences):
        here, taken = reader.credited(index)
        for stance in reader.stances(index, taken, found):
            if all(a.who.name != stance.who.name for a in here):
                here.append(stance)
        if not here:
            forecast = reader.forecast(index, found)
            here.append(forecast or _authors(text, index + 1, sentence.start, sentence.end))
        found += here
    return found


@dataclass(frozen=True)
class DraftPosition:
    """A position ``uscn sources add`` pre-fills: the issue, the side, who holds it, and its quotes."""

    issue: str
    side: Side
    holder: Who
    quotes: list[Attributed]

    @property
    def hypothetical(self) -> bool:
        """Whether the article gives the view as what the author expects someone would say."""
        return any(q.how == "would argue" for q in self.quotes)


def quote_text(text: str, span: tuple[int, int]) -> str:
    """A drafted quote: the article's words with whitespace folded (as the loader compares them)."""
    return fold_whitespace(text[span[0] : span[1]]).strip()


def own_words(text: str, item: Attributed, credited: list[tuple[int, int]]) -> tuple[int, int]:
    """What a drafted quote takes of its sentence: the whole sentence, unless words of it lie outside
    the credited passages it overlaps (a quote is shown whole as its passages' speakers' words): then
    only the holder's own words, its credited clause, its stance clause, or (the author's) the longest
    stretch outside the passages."""
    start, end = item.quote
    inside = sorted((a, b) for a, b in credited if a < end and start < b)
    if not inside:
        return item.quote
    stretches, at = [], start
    for a, b in inside:
        stretches.append((at, max(at, a)))
        at = max(at, b)
    stretches.append((at, end))
    outside = [(a, b) for a, b in stretches if re.search(r"\w", text[a:b])]
    if not outside:
        return item.quote
    if item.passage != item.quote:
        return item.passage
    a, b = max(outside, key=lambda s: s[1] - s[0])
    a += len(text[a:b]) - len(text[a:b].lstrip(" ,;–—"))
    return a, a + len(text[a:b].strip(" ,;–—"))


def left_out_turns(text: str, item: Attributed, words: tuple[int, int]) -> list[str]:
    """The turning words ("while", "but" …) of the sentence that a drafted quote leaves out."""
    return attribution.turns(text[item.quote[0] : words[0]] + " … " + text[words[1] : item.quote[1]])


def _owners(text: str, items: list[Attributed], cues: list[str]) -> list[Attributed]:
    """Who, of a sentence's speakers and holders, holds the words where an issue's cues stand; words
    outside all their passages are the author's ("As Beijing … near Taiwan …, Washington seems …")."""
    if len(items) == 1 and items[0].passage == items[0].quote:
        return items
    first = items[0]
    hits = [m.start() for cue in cues for m in cue_pattern(cue).finditer(text, first.start, first.end)]
    owners = [item for item in items if any(item.passage[0] <= at < item.passage[1] for at in hits)]
    for item in items:  # "…, while Beijing calls them …": the words about what an earlier clause names
        words = text[item.passage[0] : item.passage[1]]
        if item not in owners and _BACK_REFERENCE.search(words) and any(o.passage[0] < item.passage[0] for o in owners):
            owners.append(item)
    if any(not any(item.passage[0] <= at < item.passage[1] for item in items) for at in hits):
        owners.append(_authors(text, first.n, first.start, first.end))
    return owners or items


def draft_positions(text: str, findings: list[Finding], attributed: list[Attributed]) -> list[DraftPosition]:
    """One position per issue, side and holder, quoting every sentence where the analysis found the
    issue, held by whoever holds the words where its cues stand; a view both governments hold gives
    one position for each."""
    cues_at: dict[int, dict[str, list[str]]] = {}
    for finding in findings:
        if finding.kind == "issue":
            for match in finding.matches:
                cues_at.setdefault(match.sentence, {})[finding.id] = match.cues
    by_sentence: dict[int, list[Attributed]] = {}
    for item in attributed:
        by_sentence.setdefault(item.n, []).append(item)
    grouped: dict[tuple[str, Side, str], list[Attributed]] = {}
    seen: set[tuple[tuple[str, Side, str], tuple[int, int]]] = set()
    for n, issues in cues_at.items():
        for issue, cues in issues.items():
            for item in _owners(text, by_sentence[n], cues):
                for side in [item.who.side] if item.who.side is not None else [Side.US, Side.CHINA]:
                    key = (issue, side, item.who.name)
                    if (key, item.quote) not in seen:
                        seen.add((key, item.quote))
                        grouped.setdefault(key, []).append(item)
    order = {f.id: n for n, f in enumerate(findings)}
    keys = sorted(grouped, key=lambda k: (order[k[0]], grouped[k][0].n, k[1] != Side.US))
    return [DraftPosition(key[0], key[1], grouped[key][0].who, grouped[key]) for key in keys]
