"""Who says what in each sentence of a new article: the reader ``uscn analyze``, the drafts of
``uscn sources add`` and ``uscn analyze --score`` share.

For each sentence: the speaker is whom ``uscn validate``'s speaker check would take its words to be
(``attribution.sentence_credits``, the same function); a government, group or known actor that is
the subject of a stance ("Beijing views…", "Washington has proclaimed…", "Xi now believes…") holds
a view the article reports; otherwise the words are the author's. How the article presents them:
said (a direct quotation), argued, would argue (the author's forecast of what someone would say),
expects, or reported.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace
from typing import Literal

from usc_cli.models import GOVERNMENT_KINDS, Actor, ActorKind, Presentation, Side, SourceKind
from usc_cli.queries import attribution
from usc_cli.queries.speakers import AUTHOR, AUTHOR_NAME, REPORTER, People, Who, actor_names, resolve, unknown
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
_LEADING_CONTRAST = re.compile(r"(?:While|Whereas|Although)\b")

_GOVERNMENTS = (
    r"Washington|Beijing|China|America|Zhongnanhai|Congress|the (?:United States|U\.S\.|US|White House|Pentagon"
    r"|State Department|PRC|(?:Biden |Trump )?administration|(?:Chinese|U\.S\.|US|American) government)"
    r"|(?:U\.S\.|US|American|Chinese) (?:officials|leaders|diplomats|authorities)"
    r"|(?:[Bb]oth|[Tt]he two) (?:sides|leaders|countries|governments|presidents)|[Tt]he leaders"
)
_GOVERNMENT_NAME = re.compile(
    r"(?:the )?(?:China|Beijing|PRC|Chinese government|United States|U\.S\.|US|Washington|U\.S\. government)",
    re.IGNORECASE,
)
_AFTER_QUOTE = re.compile(r"[”\"]\s*(?:[\w’'.\-]+\s+){0,5}$")  # "“…,” ministry spokesperson Shu Lan said"
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
    r"|called for|discussed|met|affirmed|seems to|appears to|vows?|vowed|pledges?|promises?|promised|disagrees?"
)

# A stance's verb (after a space, as _AUX ends in one)
_STANCE_VERB = re.compile(rf"(?<=\s)(?:{_STANCE})\b")


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
    before = text[max(start, credit.start - 60) : credit.start]
    after = text[credit.end : credit.end + 40]
    if _AFTER_QUOTE.search(before) or re.match(rf"\s*(?:{re.escape(credit.verb)})?\s*[,:]\s*[“\"]", after):
        return "said"
    if _ARGUE.search(credit.verb):
        return "argued"
    return "expects" if _EXPECT.search(credit.verb) else "reported"


def authors(text: str, n: int, start: int, end: int, who: Who = AUTHOR) -> Attributed:
    """Sentence ``n`` as the text's own words (its author's, or its reporter's: ``who``)."""
    how = _author_how(text[start:end])
    return Attributed(n, start, end, (start, end), who, how, None, False, (start, end))


def _author_how(sentence: str) -> How:
    if _OPINION.search(sentence):
        return "argued"
    return "expects" if _FORECAST.search(sentence) else "reported"


def _clauses(text: str, start: int, end: int, weak: bool) -> list[tuple[int, int]]:
    """Split ``[start, end)`` where a contrast outside quotation marks may hand it to another speaker."""
    punctuated = any(text.find(mark, max(0, start - 2), end) != -1 for mark in ",;")  # what it splits after
    points = [m.start() for m in _STRONG_SPLIT.finditer(text, start, end)] if punctuated else []
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


@functools.lru_cache(maxsize=8)
def _stance_pattern(subjects: str) -> re.Pattern[str]:
    """The stance pattern for a dataset's names, compiled once per dataset."""
    return re.compile(rf"{_CLAUSE}(?P<subj>{subjects})\s+{_AUX}(?P<verb>{_STANCE})\b")


class _Reader:
    """Reads an article sentence by sentence, remembering the speakers it has met: a pronoun or a
    bare title ("she", "the spokesperson") is the speaker of the previous speech, not the nearest
    name; a transcript's "Name:" speaks its paragraph and those after it; a quotation that goes on
    after its credited sentence stays with that speaker; a sentence of quoted words or a speech verb
    whose speaker cannot be placed is ``unknown``, never the author's."""

    def __init__(self, text: str, actors: list[Actor], narrator: Who) -> None:
        self.text, self.actors, self.narrator = text, actors, narrator
        self.sentences = split(text)
        self.people = People(text)
        self.known = known_people(actors)
        names = sorted({n for a in actors for n in actor_names(a)}, key=len, reverse=True)
        subjects = "|".join([_GOVERNMENTS, *(re.escape(n) for n in names), "[Tt]hey|[Hh]e|[Ss]he"])
        self.stance = _stance_pattern(subjects)
        self.met: list[Who] = []  # every speaker so far, in order
        self.transcript: Who | None = None  # the speaker of a transcript's current turn
        self.turn_start = -1  # where the current turn's "Name:" ends
        self.labels = self._transcript_labels()

    def _transcript_labels(self) -> dict[int, tuple[str, int]]:
        """The paragraphs that open with a speaker's label, when the text is a transcript: a label
        that recurs, or questions and answers ("Credit: …" under a photo is no transcript)."""
        labels: dict[int, tuple[str, int]] = {}
        for index, sentence in enumerate(self.sentences):
            if sentence.start == 0 or self.text[sentence.start - 1] == "\n":
                label = attribution.transcript_label(self.text[sentence.start : sentence.end])
                if label is not None:
                    labels[index] = label
        names = [name for name, _ in labels.values()]
        recurs = any(names.count(name) > 1 for name in names) or {"Q", "A"} <= set(names)
        return labels if recurs else {}

    def who(self, credit: attribution.Credit, before: int) -> Who:
        """The speaker a credit names: the narrator for "we", the previous speech's speaker for a
        pronoun or a bare title, else a known actor, group or (new) person."""
        word = credit.name.strip().lower()
        if word in attribution.FIRST_PERSON:
            return self.transcript or self.narrator
        if word in {"he", "she", "his", "her"}:
            people = [w for w in self.met if w.kind in {"person", "actor"} and not _body(w, self.actors)]
            return people[-1] if people else unknown(f"'{credit.name}' with no earlier speaker to refer to")
        if word in {"they", "their", "many", "others"}:
            groups = [w for w in self.met if w.kind == "group"]
            return groups[-1] if groups else unknown(f"'{credit.name}' with no earlier group to refer to")
        title = attribution.bare_title(credit.name)
        qualified = title in attribution.BODY_TITLES and len(credit.name.split()) > 2  # "the commerce ministry"
        if title is not None and not qualified:
            return self.titled(credit.name, title, before)
        who = resolve(credit.name, self.actors, self.people, self.met)
        if self.narrator.kind == "author" and who.kind == "group" and who.side is self.narrator.side:
            if _GOVERNMENT_NAME.fullmatch(who.name):  # "China has noted …" in China's own statement
                return self.narrator
        return who

    def titled(self, name: str, title: str, before: int) -> Who:
        """Whom a bare title means ("the spokesperson", "the department"): the last speaker given that
        title, else the last person or body the article gave it, else unknown."""
        body = title in attribution.BODY_TITLES  # "the department" is a body, never its under secretary
        for earlier in reversed(self.met):
            words = f"{earlier.name} {earlier.description or ''}"
            if (earlier.kind == "group") == body and re.search(rf"\b{re.escape(title)}", words, re.IGNORECASE):
                return earlier
        holder = attribution.title_holder(self.text[:before], title)
        if holder is not None:
            return resolve(holder, self.actors, self.people, self.met)
        return unknown(f"'{name}': no one earlier in the article has that title")

    def note(self, who: Who) -> None:
        """Remember a speaker, most recent last."""
        if who.kind != "unknown" and not who.is_author:
            if who in self.met:
                self.met.remove(who)
            self.met.append(who)

    def turn(self, index: int) -> None:
        """Start a transcript turn where a paragraph opens with "Name:" or "Q:"/"A:"."""
        sentence = self.sentences[index]
        if index not in self.labels:
            return
        name, length = self.labels[index]
        self.turn_start = sentence.start + length
        if name == "A":
            self.transcript = self.narrator
        elif name.upper() in _QUESTION_LABELS:
            self.transcript = QUESTIONER
        else:
            who = resolve(name, self.actors, self.people, self.met)
            names = [n for n, _ in self.labels.values()]
            if self.narrator.kind == "author" and who.kind == "person" and who.side is Side.THIRD_PARTY:
                if names.count(name) == max(names.count(n) for n in names):  # the briefer: the government's voice
                    who = replace(who, side=self.narrator.side, description=who.description or "the briefer")
            self.transcript = who
            self.note(self.transcript)

    def credited(self, index: int) -> tuple[list[Attributed], list[tuple[int, int]]]:
        """Whom the sentence's words are credited to, and the clauses holding those words."""
        sentence = self.sentences[index]
        (start, end), credits = attribution.sentence_credits(
            self.text, self.sentences, index, index, self.known, keep_pronouns=True
        )
        credits = [c for c in credits if c.start >= self.turn_start or c.start < sentence.start]
        clauses = _clauses(self.text, start, end, weak=len(credits) > 1)
        found: list[Attributed] = []
        for credit in credits:
            who = self.who(credit, sentence.start)
            self.note(who)
            if any(f.who == who for f in found):
                continue
            passage = _passage(self.text, clauses, credit.start)
            how = _how(self.text, credit, start)
            span = (sentence.start, sentence.end)
            found.append(Attributed(index + 1, *span, (start, end), who, how, credit.verb, True, passage))
        return found, [c for c in clauses if any(c[0] <= credit.start < c[1] for credit in credits)]

    def stances(self, index: int, taken: list[tuple[int, int]], previous: list[Attributed]) -> list[Attributed]:
        """The governments, groups and known actors the sentence reports a stance of, outside the
        clauses already credited ("… insist that China seeks …" is the insisting speaker's);
        ``previous``: the speakers of the sentence before."""
        sentence = self.sentences[index]
        span = (sentence.start, sentence.end)
        found: list[Attributed] = []
        for match in attribution.matches_to(self.stance, self.text[sentence.start : sentence.end], _STANCE_VERB):
            subject, verb, at = match["subj"], match["verb"], sentence.start + match.start("subj")
            if any(a <= at < b for a, b in taken) or attribution.inside_quotation(
                self.text, at, at + 1, sentence.start
            ):
                continue
            if subject.lower() in _PRONOUN_SUBJECTS:
                earlier = [f.who for f in previous if not f.who.is_author and f.who.kind != "unknown"]
                if not earlier:
                    continue
                who = earlier[-1]  # "And they perceive …" after "Chinese officials would …"
            else:
                who = resolve(subject, self.actors, self.people, self.met)
            self.note(who)
            how: How = "expects" if _EXPECT.search(verb) or verb.startswith(("seems", "appears")) else "reported"
            cut = next((m.start() for m in _STRONG_SPLIT.finditer(self.text, at, sentence.end)), sentence.end)
            found.append(Attributed(index + 1, *span, span, who, how, verb, False, (at, cut)))
        return found

    def forecast(self, index: int, previous: list[Attributed]) -> Attributed | None:
        """A hypothetical that names no speaker ("… would also be raised") continues the forecast of
        the sentence before it ("U.S. officials would point to …")."""
        sentence = self.sentences[index]
        verb = attribution.unnamed_hypothetical(self.text[sentence.start : sentence.end])
        earlier = [f for f in previous if f.how == "would argue"]
        if verb is None or not earlier:
            return None
        span = (sentence.start, sentence.end)
        return Attributed(index + 1, *span, span, earlier[-1].who, "would argue", verb, True, span)

    def uncredited(self, index: int, previous: list[Attributed]) -> Attributed:
        """A sentence no credit names: a quotation going on from the sentence before, the current
        transcript turn, quoted words or speech with no one to place (unknown), or the narrator's own."""
        sentence = self.sentences[index]
        span = (sentence.start, sentence.end)
        words = self.text[sentence.start : sentence.end]
        said = [f for f in previous if f.how == "said" and f.credited and not f.who.is_author]
        if attribution.opens_with_quotation(words) and said:
            return Attributed(index + 1, *span, span, said[-1].who, "said", None, True, span)
        if self.transcript is not None:
            who = self.transcript
            if who.is_author:
                return authors(self.text, index + 1, *span, who)
            return Attributed(index + 1, *span, span, who, "said", None, True, span)
        reason = attribution.unplaced(words)
        if reason is not None:
            return Attributed(index + 1, *span, span, unknown(reason), "said", None, True, span)
        return authors(self.text, index + 1, *span, self.narrator)


_QUESTION_LABELS = {"Q", "QUESTION", "REPORTER", "JOURNALIST"}
QUESTIONER = Who("a reporter", "person", Side.THIRD_PARTY, description="asking a question (Q:)")


def narrator(kind: SourceKind, government: Side | None = None) -> Who:
    """Whose the text's own words are: a government's for its own text, a news story's reporter's,
    else the author's, a commentator's."""
    if kind in GOVERNMENT_KINDS:
        return Who(AUTHOR_NAME, "author", government)
    return REPORTER if kind is SourceKind.NEWS else AUTHOR


def _body(who: Who, actors: list[Actor]) -> bool:
    actor = next((a for a in actors if a.id == who.actor), None) if who.actor else None
    return actor is not None and actor.kind is ActorKind.BODY


def attribute(
    text: str, actors: list[Actor], kind: SourceKind = SourceKind.OPINION, government: Side | None = None
) -> list[Attributed]:
    """Every sentence of ``text`` with its speakers or holders, in article order."""
    reader = _Reader(text, actors, narrator(kind, government))
    found: list[Attributed] = []
    previous: list[Attributed] = []  # the sentence before's: the only ones a sentence looks back to
    for index in range(len(reader.sentences)):
        reader.turn(index)
        here, taken = reader.credited(index)
        for stance in reader.stances(index, taken, previous):
            if all(a.who.name != stance.who.name for a in here):
                here.append(stance)
        if not here:
            forecast = reader.forecast(index, previous)
            here.append(forecast or reader.uncredited(index, previous))
        found += here
        previous = here
    return found


def sentence_speakers(
    text: str, actors: list[Actor], kind: SourceKind = SourceKind.OPINION, government: Side | None = None
) -> list[tuple[tuple[int, int], list[Who]]]:
    """Every sentence's offsets with whom analyze takes its words to be (each speaker once)."""
    by_sentence: dict[int, tuple[tuple[int, int], list[Who]]] = {}
    for item in attribute(text, actors, kind, government):
        span, found = by_sentence.setdefault(item.n, ((item.start, item.end), []))
        if item.who not in found:
            found.append(item.who)
    return [by_sentence[n] for n in sorted(by_sentence)]
