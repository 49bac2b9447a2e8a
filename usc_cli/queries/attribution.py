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
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Literal

from usc_cli.sentences import Sentence

Governs = Literal["before", "after", "both"]

_CAP = r"[A-Z][\w’'\-]*(?:\.[A-Z]\.?)?"
_NAME = rf"{_CAP}(?:\s+(?:{_CAP}|of|de|van))*"
# A speaker named by what it is, in lower case too: "China's commerce ministry", "the department",
# "a senior administration official", "the two governments", "the spokesperson".
_SPEAKER_NOUN = (
    r"ministry|ministries|department|spokes(?:person|man|woman)|officials?|minister|secretary|government|governments"
    r"|sides|embassy|office|agency|regulator|administration|analysts|observers|experts|leaders|diplomats"
    r"|negotiators|lawmakers|economists|authorities|executives|sources|statement|readout|communiqu[eé]|president"
    r"|premier|ambassador|envoy|spokespeople|adviser|advisor|aide|negotiator"
)
# what may follow a speaker's noun before the verb: "a spokesman for the U.S. embassy in Beijing",
# "analysts at a Singapore bank"
_TAIL = r"(?:\s+(?:for|at|from|of|with|in)\s+[^,.;:“”\"]{1,50}?)?"
_BODY = (
    rf"(?:[Tt]he|[Aa]n?|[Oo]ne|[Tt]wo|[Bb]oth|[Ii]ts|[Tt]heir|{_NAME}(?:’s|'s))\s+(?:[\w\-]+\s+){{0,4}}?"
    rf"(?:{_SPEAKER_NOUN})\b{_TAIL}"
    rf"|(?:[A-Za-z][\w\-]+\s+){{0,2}}(?:[Aa]nalysts|[Oo]bservers|[Ee]xperts|[Ee]conomists|[Dd]iplomats|[Ll]awmakers"
    rf"|[Ss]ources)\b{_TAIL}"
)
_AUX = (
    r"(?:(?:has|have|had|also|jointly|again|once again|repeatedly|previously|earlier|later|then|publicly|privately"
    r"|reportedly|separately|further|on \w+day|last \w+|this \w+)\s+)*"
)
_GROUP_NOUN = r"officials|leaders|experts|observers|scholars|analysts|diplomats|authorities"
_GROUP = rf"(?:{_NAME}\s+)?(?:administration\s+)?(?:{_GROUP_NOUN})"
_PRONOUN = r"[Hh]e|[Ss]he|[Tt]hey|[Ww]e|I"
FIRST_PERSON = {"we", "i"}  # the narrator: the author, or the speaker of a transcript's turn
_VERB = (
    r"said|says|told|tells|added|adds|insisted|insists|stressed|stresses|explained|explains|argued|argues"
    r"|wrote|writes|noted|notes|warned|warns|stated|states|describe|describes|described"
    r"|sought to impress|reject|rejects|rejected|indicated|indicates|put it"
    # the verbs of news reports and government readouts: each says whose words follow
    r"|emphasi[sz]ed|emphasi[sz]es|reiterated|reiterates|underscored|underscores|affirmed|reaffirmed"
    r"|acknowledged|declared|asserted|contended|contends|urged|urges|cautioned"
    r"|called for|calls for|raised concerns?|expressed|announced|pledged|vowed|called|calls|confirmed|denied"
    r"|replied|complained|accused|criticized|criticised|condemned|promised|urged|declined to comment"
    # the plural present, for groups ("US officials insist that …")
    r"|insist|argue|stress|warn|contend|urge|emphasi[sz]e|reiterate|say(?=[,.]|\s+that\b)"
)
_HYPOTHETICAL = (
    r"would (?:point to|cite|view|blame|give|say|argue|raise|also be raised)|might (?:blame|say|argue)"
    r"|will decline|would decline"
)
_LEAD = {"But", "And", "As", "While", "Though", "Although", "Meanwhile", "So", "Yet", "Even", "Thus", "If", "Or"}

_BEFORE_VERB = re.compile(
    rf"(?P<name>{_GROUP}|{_BODY}|{_NAME}|{_PRONOUN}|one headline|Many|Others)"
    rf"(?:,(?P<appos>[^,“”\"]{{1,80}}),)?\s+{_AUX}(?:(?P<hypo>{_HYPOTHETICAL})|(?P<verb>{_VERB}))\b"
)
# Where the verb of a match of _BEFORE_VERB may start (after a space): _BEFORE_VERB is slow to fail
# (it tries a name at every word), so it is not tried past the last of them, nor at all in a
# sentence without one (most of an article's).
_CREDIT_VERB = re.compile(rf"(?<=\s)(?:{_HYPOTHETICAL}|{_VERB})\b")
_DESCRIBERS = {"Its", "Their", "His", "Her", "The", "A", "An"}
_PROPER = re.compile(r"\s*[A-Z][\w’'\-]+(?:\s+[A-Z][\w’'\-]+){1,2}\s*")
# Words that make a credited name a body or a group, not a person a "he" or "she" can be.
_GROUP_WORDS = re.compile(
    r"\b(?:House|Department|Ministry|Office|Administration|Government|Council|Committee|Officials?|States|China"
    r"|Beijing|Washington|Embassy|Agency|Party|Congress)\b"
)
_AFTER_VERB = re.compile(
    rf"\b(?P<verb>said|says|added|adds|wrote|writes|told reporters)\s+(?P<name>{_BODY}|{_NAME}|{_PRONOUN})"
    r"(?=[,.;]|\s+in\b|\s+on\b|\s+at\b|\s*$)"
)
_ACCORDING = re.compile(r"\b[Aa]ccording to (?P<rest>[^.,;:“”\"]{1,120})")
_COMPLAINT = re.compile(
    r"\b(?P<verb>complaints?|criticism|warnings?|accusations?|claims?|assurances?|calls)\s+(?:by|from)\s+"
    r"(?P<name>[^,.;:“”\"]{2,80}?)\s+(?:that|about|over|of)\b"
)
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
    nearest earlier name in ``known`` or person credited with words (or earlier group credit), looking
    back into ``earlier`` too."""
    found: list[Credit] = []
    for match in matches_to(_BEFORE_VERB, text, _CREDIT_VERB):
        name, at = _trim(match["name"], match.start("name"))
        described = name[:1].islower() or name.split()[0] in _DESCRIBERS
        if match["appos"] and described and _PROPER.fullmatch(match["appos"]):
            name = match["appos"].strip()  # "Its commerce minister, Tang Wen, has argued": the person
            at = match.start("appos") + match["appos"].index(name)
        verb = match["hypo"] or match["verb"]
        found.append(Credit(name, start + at, start + at + len(name), verb, match["hypo"] is not None))
    for match in _AFTER_VERB.finditer(text):
        found.append(
            Credit(match["name"], start + match.start("name"), start + match.end("name"), match["verb"], False)
        )
    for match in _COMPLAINT.finditer(text) if "by" in text or "from" in text else ():
        found.append(
            Credit(match["name"], start + match.start("name"), start + match.end("name"), match["verb"], False)
        )
    for match in _ACCORDING.finditer(text) if "ccording to" in text else ():
        names = list(re.finditer(_NAME, match["rest"])) or list(re.finditer(_BODY, match["rest"]))
        if names:
            last = names[-1]
            at = match.start("rest") + last.start()
            found.append(Credit(last.group(), start + at, start + at + len(last.group()), "according to", False))
    for match in _STATEMENT.finditer(text) if "statement" in text else ():
        name = match["name"].removesuffix("’s").removesuffix("'s")
        found.append(
            Credit(name, start + match.start("name"), start + match.start("name") + len(name), "statement", False)
        )
    found = [c for c in found if not inside_quotation(text, c.start - start, c.end - start)]
    resolved = [_resolve(c, text[: c.start - start], earlier, known, found) for c in found]
    unique = {(c.start, c.name): c for c in resolved}
    return sorted(unique.values(), key=lambda c: c.start)


def matches_to(pattern: re.Pattern[str], text: str, verbs: re.Pattern[str]) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)`` for a pattern whose every match holds a match of ``verbs``: not
    tried past where the last of those starts, nor at all without one."""
    last, at = -1, 0
    while verb := verbs.search(text, at):  # every place one starts, overlapping ones too
        last, at = verb.start(), verb.start() + 1
    at = 0
    while at <= last and (match := pattern.search(text, at)):
        yield match
        at = max(match.end(), at + 1)


def _resolve(credit: Credit, before: str, earlier: str, known: Sequence[str], found: list[Credit]) -> Credit:
    word = credit.name.lower()
    if word in _PRONOUNS:
        context = f"{earlier} {before}"
        best: tuple[int, str] | None = None
        for name in known:
            for match in re.finditer(rf"\b{re.escape(name)}\b", context):
                if best is None or match.start() > best[0]:
                    best = (match.start(), name)
        # someone credited since (an analyst the dataset does not know: "Dana Kerr … said …") is nearer
        for earlier_credit in credits(context) if context.strip() else []:
            person = _PROPER.fullmatch(earlier_credit.name) and not _GROUP_WORDS.search(earlier_credit.name)
            if person and (best is None or earlier_credit.start > best[0]):
                best = (earlier_credit.start, earlier_credit.name)
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
        straight = words.count('"') % 2  # odd: the first mark opens (after a space), else it closes
        if straight and words.index('"') > 0 and not words[words.index('"') - 1].isspace():
            straight = -1
        return words.count("“") - words.count("”") + straight

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
    text: str,
    sentences: Sequence[Sentence],
    first: int,
    last: int,
    known: Sequence[str],
    keep_pronouns: bool = False,
) -> tuple[tuple[int, int], list[Credit]]:
    """The utterance around sentences ``first..last`` and the credits in it: whom ``uscn validate``
    and ``uscn analyze`` both take those sentences' words to be (``keep_pronouns``: with the
    pronouns no name in ``known`` resolved, for a reader that resolves them itself)."""
    start, end = utterance(text, sentences, first, last)
    # a reader that resolves pronouns itself looks for their names within the sentence only
    found = credits(text[start:end], known, start, "" if keep_pronouns else before(text, sentences, start))
    return (start, end), [c for c in found if keep_pronouns or c.resolved]


_TITLE_WORDS = (
    r"spokes(?:person|man|woman)|secretary|minister|ministry|department|president|premier|ambassador|envoy"
    r"|official|administration|government|embassy|agency|office|senator|general|admiral|chairman|chairwoman"
    r"|director|adviser|advisor|governor|commissioner|representative|chief|leader"
)
_BARE_TITLE = re.compile(
    rf"^(?:[Tt]he|[Tt]his|[Tt]hat)\s+(?:[\w\-]+\s+){{0,2}}?(?P<title>{_TITLE_WORDS})$", re.IGNORECASE
)


def bare_title(name: str) -> str | None:
    """The title word of a speaker named only by a title ("the spokesperson", "The Secretary", "the
    department"), or None."""
    match = _BARE_TITLE.match(" ".join(name.split()))
    return match["title"].lower() if match else None


BODY_TITLES = {"ministry", "department", "administration", "government", "embassy", "agency", "office"}


def title_holder(text: str, title: str) -> str | None:
    """The last name ``text`` gives a title: "Secretary of State Ellen Marlowe", "ministry spokesperson
    Shu Lan" (a person), or "the Commerce Department", "China's commerce ministry" (a body)."""
    name = r"[A-Z][\w\-]+(?:[ \t]+[A-Z][\w\-]+){0,2}"
    if title in BODY_TITLES:
        pattern = rf"(?:[A-Z][\w.]*(?:’s|'s)?[ \t]+)+(?:[a-z]+[ \t]+)?(?i:{re.escape(title)})\b"
    else:
        pattern = rf"\b(?i:{re.escape(title)})(?:\s+of\s+(?:the\s+)?[A-Z]\w+)?\s+(?P<name>{name})"
    found = None
    for match in re.finditer(pattern, text):
        found = match["name"] if "name" in match.groupdict() else match.group(0)
    return found


_TRANSCRIPT = re.compile(r"^(?P<name>Q|A|[A-Z][\w.’'\-]*(?:\s+[A-Z][\w.’'\-]*){0,3})\s?:\s+(?=\S)")


def transcript_label(sentence: str) -> tuple[str, int] | None:
    """A transcript's speaker label at the start of a paragraph ("Liu Qing: …", "Q: …", "A: …"): the
    name and the label's length; None when the sentence opens otherwise."""
    match = _TRANSCRIPT.match(sentence)
    return (match["name"], match.end()) if match else None


_OPENING = '“"'
_QUOTED = re.compile(r"“([^“”]+)”|\"([^\"]+)\"")
_SPEECH = re.compile(r"\b(?:said|says|told|tells|stated|states|added|announced|according to)\b")
_QUOTED_WORDS = 4  # fewer quoted words are a term the narrator marks ("so-called"), not speech


def opens_with_quotation(sentence: str) -> bool:
    """Whether a sentence starts with a quotation mark: quoted words going on from the sentence before."""
    return sentence.lstrip()[:1] in _OPENING


def unplaced(sentence: str) -> str | None:
    """Why a sentence no rule credits cannot be the narrator's own words: quoted words (at least four)
    or a speech verb; None when nothing marks it as someone else's."""
    for match in _QUOTED.finditer(sentence):
        if len((match[1] or match[2]).split()) >= _QUOTED_WORDS:
            return "quoted words with no speaker named in or next to them"
    unclosed = sentence.count("“") > sentence.count("”") or sentence.count('"') % 2 == 1
    if unclosed and opens_with_quotation(sentence):
        return "quoted words with no speaker named in or next to them"
    verb = _SPEECH.search(sentence)
    if verb:
        return f"'{verb.group(0)}' with no speaker the rules can place"
    return None


# ", but …" after a trailing speech tag ("…, experts say, but this ranges …") hands back to the author
_HAND_OVER = re.compile(r",”?\s+(?:while|whereas|but)\b|;\s")


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


_TITLE = re.compile(
    r"^(?P<title>.*\b(?:Secretary|Minister|Spokes(?:person|man|woman)|President|Premier|Ambassador|Envoy|Senator"
    r"|Representative|Rep\.|Sen\.|General|Gen\.|Admiral|Chairman|Chairwoman|Director|Official|Adviser|Advisor"
    r"|Governor|Commissioner|Counselor|Chief|Leader|Professor|Prof\.|Mr\.|Ms\.|Mrs\.|Dr\.)(?:\s+of\s+(?:the\s+)?[A-Z]\w+)?)"
    r"\s+(?P<person>[A-Z][\w’'\-]+(?:\s+[A-Z][\w’'\-]+){0,2})$",
    re.IGNORECASE,
)


def split_title(name: str) -> tuple[str | None, str]:
    """A credited name as its title and the person: "Commerce Department Under Secretary Daniel
    Okafor" → ("Commerce Department Under Secretary", "Daniel Okafor")."""
    match = _TITLE.match(" ".join(name.split()))
    if match is None or not match["person"][0].isupper():
        return None, name
    return match["title"], match["person"]


def names_match(credit: str, names: Iterable[str]) -> bool:
    """Whether a credited name is one of ``names`` (an actor's name, aliases and variants, or a group's
    description): a whole-word match either way, ignoring case; a title before the name may differ
    ("Commerce Department Under Secretary Daniel Okafor" is "Daniel Okafor, an under secretary")."""
    title, person = split_title(credit)
    if title is not None and names_match(person, names):
        return True
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


def inside_quotation(text: str, start: int, end: int, origin: int = 0) -> bool:
    """Whether ``[start, end)`` lies within one pair of the article's quotation marks (curly, or
    straight ones, paired in order), counting from ``origin`` (a sentence's start: then the cost
    is the sentence's length, not the article's)."""
    if '"' in text and text.count('"', origin, start + 1) % 2 == 1:
        close = text.find('"', start + 1)
        return close != -1 and close >= end - 1
    opened = text.rfind("“", origin, start + 1)
    if opened == -1 or text.rfind("”", opened, start) != -1:
        return False
    close = text.find("”", opened + 1)
    return close != -1 and close >= end - 1
