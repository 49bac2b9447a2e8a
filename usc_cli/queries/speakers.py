"""Who a name in a new article is: a known actor (by name, alias or variant), a group ("Chinese
officials", "Beijing", "the White House"), or a person the dataset does not know yet, with the side
each stands for. Used by ``uscn analyze`` and the drafts of ``uscn sources add``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from usc_cli.models import Actor, ActorKind, Side
from usc_cli.queries.attribution import names_match, split_title

Kind = Literal["actor", "person", "group", "author", "reporter", "unknown"]

# The bodies and titles of one government, which decide a speaker's side whatever else the sentence
# names ("China's foreign ministry spokesperson", "Commerce Department Under Secretary").
_CHINA_BODY = re.compile(
    r"\b(?:ministry|MOFCOM|State Council|People's Liberation Army|PLA|Politburo|National People's Congress"
    r"|Xinhua|public security|Zhongnanhai|Chinese Communist Party|Communist Party)\b",
    re.IGNORECASE,
)
_US_BODY = re.compile(
    r"\b(?:Department|Under Secretary|Secretary of (?:State|Commerce|the Treasury|Defense)|Treasury|White House"
    r"|Pentagon|State Department|Congress|Senator|Senate|congressman|congresswoman|USTR|Trade Representative"
    r"|administration"
    r"|National Security Council|(?:Biden|Trump|Obama) administration)\b",
    re.IGNORECASE,
)
_CHINA = re.compile(r"\b(?:China|Chinese|Beijing|PRC|Zhongnanhai|CCP|Communist Party|Xi)\b|China[’']s")
_US = re.compile(
    r"(?:\bU\.S\.|\bUS\b|\bUnited States\b|\bAmerica|\bWashington\b|\bWhite House\b|\bPentagon\b"
    r"|\bState Department\b|\bCongress\b|\bTreasury\b|\bBiden\b|\bTrump\b)"
)
JOINT = re.compile(
    r"^(?:the |both )?(?:two )?(?:sides|leaders|countries|governments|presidents|nations|parties)$"
    r"|\bjoint (?:statement|communiqu[eé]|declaration|fact sheet)\b|^both\b",
    re.IGNORECASE,
)
# Commentators speak for neither government, whatever their nationality ("Chinese experts").
_COMMENTATOR = re.compile(
    r"\b(?:professor|scholar|analyst|expert|observer|fellow|researcher|university|institute|cent(?:er|re)"
    r"|program(?:me)?|think tank|columnist|economist|headline|commentator)s?\b",
    re.IGNORECASE,
)
_OFFICE = re.compile(
    r"\b(?:official|minister|ministry|spokes\w*|secretary|ambassador|envoy|president|premier|advis[eo]r|general"
    r"|admiral|senator|lawmaker|diplomat|chief|leader|representative|commander)s?\b",
    re.IGNORECASE,
)
_GROUP = re.compile(
    r"\b(?:officials|leaders|experts|observers|scholars|analysts|diplomats|authorities|administration|government"
    r"|ministry|department|embassy|agency|headline|Many|Others|sides|countries|governments)\b"
    r"|^(?:the )?(?:Washington|Beijing|China|White House|Pentagon"
    r"|United States|U\.S\.|US|America|Zhongnanhai|Congress|PRC)(?:[’']s)?$",
    re.IGNORECASE,
)
AUTHOR_NAME = "the article's author"


@dataclass(frozen=True)
class Who:
    """Whose words or view a sentence gives: a known actor, a person new to the dataset, a group, or
    the article's author; ``side`` None means both governments ("the two leaders")."""

    name: str
    kind: Kind
    side: Side | None
    actor: str | None = None
    description: str | None = None  # a new person's description, in the article's words
    reason: str | None = None  # for an unknown speaker: why no speaker could be placed

    @property
    def is_author(self) -> bool:
        """Whether these are the text's own words (its author's, or a news story's reporter's)."""
        return self.kind in {"author", "reporter"}

    @property
    def names(self) -> list[str]:
        """The names this speaker goes by, for matching."""
        return [self.name, *([self.description] if self.description and self.kind == "group" else [])]


AUTHOR = Who(AUTHOR_NAME, "author", Side.THIRD_PARTY)
REPORTER = Who("the story's reporter", "reporter", Side.THIRD_PARTY)
UNKNOWN_NAME = "unknown"


def unknown(reason: str) -> Who:
    """A speaker the rules cannot place, with the reason: shown as "speaker unknown — check"."""
    return Who(UNKNOWN_NAME, "unknown", None, reason=reason)


def side_of(words: str, context: str = "") -> Side | None:
    """The side a group's or a person's description stands for: commentators and former officials
    are third-party; the
    officials of one government stand for it; both governments together give None. An office with
    no country ("climate envoy John Kerry") takes the country last named before it in ``context``."""
    if JOINT.search(words.strip()):
        return None
    if _COMMENTATOR.search(words) or re.search(r"\b(?:former|ex-|retired)\b", words, re.IGNORECASE):
        return Side.THIRD_PARTY  # a former official speaks for no government now
    countries = [(m.start(), Side.CHINA) for m in _CHINA.finditer(words)]
    countries += [(m.start(), Side.US) for m in _US.finditer(words)]
    if countries:  # "China's ambassador to Washington": the country the title starts from
        return min(countries)[1]
    bodies = [(m.start(), Side.CHINA) for m in _CHINA_BODY.finditer(words)]
    bodies += [(m.start(), Side.US) for m in _US_BODY.finditer(words)]
    if bodies:  # a ministry is Beijing's, a Department Washington's
        return min(bodies)[1]
    if _OFFICE.search(words):
        named = [(m.start(), Side.CHINA) for m in _CHINA.finditer(context)]
        named += [(m.start(), Side.US) for m in _US.finditer(context)]
        if named:
            return max(named)[1]
    return Side.THIRD_PARTY


def _fold(text: str) -> str:
    return " ".join(text.casefold().replace("’", "'").split())


def actor_names(actor: Actor) -> list[str]:
    """An actor's name, aliases and variant spellings."""
    return [actor.name, *actor.aliases, *(v.name for v in actor.variants)]


def find_actor(name: str, actors: Iterable[Actor], loose: bool = True) -> Actor | None:
    """The known actor a credited name means: an exact name or alias first, then the longest name it
    contains ("China's Premier Li" → Premier Li), then (``loose``) a unique actor whose name contains it."""
    folded = _fold(name)
    listed = list(actors)
    for actor in listed:
        if folded in {_fold(n) for n in actor_names(actor)}:
            return actor
    person = split_title(name)[1]
    contained = [
        (len(n), actor)
        for actor in listed
        for n in actor_names(actor)
        if re.search(rf"(?<!\w){re.escape(_fold(n))}(?!\w)", folded)
        # a surname alone ("Wang") is someone else inside another full name ("Wang Xiaoming")
        and (len(n.split()) > 1 or actor.kind is ActorKind.BODY or len(person.split()) == 1)
    ]
    if not loose:  # "Biden administration officials" may be the administration, never Biden himself
        contained = [(size, actor) for size, actor in contained if actor.kind is ActorKind.BODY]
    if contained:
        return max(contained, key=lambda pair: pair[0])[1]
    within = [a for a in listed if any(_part_of(folded, n) for n in actor_names(a))] if loose else []
    return within[0] if len(within) == 1 else None


def _part_of(folded: str, name: str) -> bool:
    """Whether a folded credit is a whole-word part of a name ("raimondo" of "Gina Raimondo")."""
    return re.search(rf"(?<!\w){re.escape(folded)}(?!\w)", _fold(name)) is not None


def is_group(name: str) -> bool:
    """Whether a credited name is a group or a government rather than a person: a person is named,
    a group or an unnamed official described ("a senior Treasury official", "the department")."""
    return bool(_GROUP.search(name.strip()) or _DESCRIBED.match(name.strip()))


_DESCRIBED_WITH_TAIL = re.compile(r"^(?:[Aa]n?|[Tt]he|[Oo]ne)\s+[a-z][^,]*?\s(?:for|at|of|from|with|in)\s")
_DESCRIBED = re.compile(r"^(?:[Aa]n?|[Tt]he|[Oo]ne|[Tt]wo|[Bb]oth)\s|^[a-z]")


def describe(text: str, name: str) -> tuple[str | None, str]:
    """The article's words about a person at their first mention, the phrase after the name ("Chong
    Ja Ian, an associate professor …") or the title before it ("Shanghai-based … scholar Shen
    Dingli"); and the text of that sentence before the name."""
    at = text.find(name)
    if at == -1:
        return None, ""
    stop = text.rfind(". ", 0, at)
    own = text[max(stop, text.rfind("\n\n", 0, at)) + 1 : at]  # lines may be wrapped
    # the context: the sentence and the one before ("Beijing disagrees. Its minister, Tang Wen")
    sentence = text[max(text.rfind(". ", 0, max(stop, 0)), text.rfind("\n\n", 0, at)) + 1 : at]
    after = re.match(r",\s+([^,.;“”\"]{3,160})", text[at + len(name) :])
    if after and not re.match(r"(?:said|says|added|told|who|has|have|had)\b", after.group(1)):
        return after.group(1).strip(), sentence
    comma = text[:at].rstrip()
    if comma.endswith(","):  # "Its commerce minister, Tang Wen, …": the title the name is set beside
        before_comma = comma[:-1]
        head = max(before_comma.rfind(","), before_comma.rfind(". "), before_comma.rfind("\n\n"))
        beside = before_comma[head + 1 :].strip(' .“”"')
        if 0 < len(beside.split()) <= 6:
            return beside, sentence
    conjunction = text.rfind(" and ", 0, at)
    start = max(text.rfind(",", 0, at), text.rfind("“", 0, at), conjunction + 4 if conjunction != -1 else -1)
    words = text[max(start + 1, at - len(own)) : at].split()
    words = [w.strip("“”\"'") for w in words]
    title = [w for w in words[-6:] if w and w not in {"said", "says", "to", "according", "by", "from"}]
    return " ".join(title) or None, sentence


class People:
    """The people an article credits who are not in the dataset: each full name once, with the
    surname that later mentions use ("Shen Dingli" … "Shen said")."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.found: dict[str, Who] = {}
        self.resolved: dict[str, Who] = {}  # every name asked about, as ``resolve`` answered

    def get(self, name: str, title: str | None = None) -> Who:
        """The person a name means, registering a new one at its first mention (``title``: the
        words before the name where it is credited, when the first mention gives none)."""
        for who in self.found.values():
            if names_match(name, [who.name]):
                return who
        description, context = describe(self.text, name)
        side = side_of(title) if title else side_of(description or "", context)  # the title where credited
        who = Who(name, "person", side, None, description or title)
        self.found[name] = who
        return who


_BARE_TITLE = re.compile(
    r"^(?:the\s+)?((?:Vice\s+)?President|Premier|(?:Foreign\s+|Defen[cs]e\s+)?(?:Secretary|Minister)|Ambassador|Envoy)$",
    re.IGNORECASE,
)


def _titled(name: str, people: People) -> Who | None:
    """Whom a bare title ("The President stressed …") means: the last speaker already credited whom the
    article names with that title ("President Biden stressed …"); None when there is none."""
    title = _BARE_TITLE.match(name.strip())
    if title is None:
        return None
    for earlier in reversed(list(people.resolved.values())):
        names = [earlier.name, *earlier.name.split()[-1:]]
        if any(re.search(rf"\b{re.escape(title.group(1))}\s+{re.escape(n)}\b", people.text, re.I) for n in names):
            return earlier
    return None


def resolve(name: str, actors: list[Actor], people: People, met: Iterable[Who] = ()) -> Who:
    """A credited or subject name as a speaker: a known actor, a group, a (new) person, or a bare
    title standing for the person the article last named with it. A surname alone is the speaker
    already met by that name in this article before it is an actor of the dataset ("Wang" after
    "Wang Xiaoming" is not Wang Yi); a title before a name tells the side ("Commerce Department
    Under Secretary Daniel Okafor" is Washington's)."""
    title, person = split_title(name)
    if len(person.split()) == 1 and not is_group(person):
        for earlier in reversed(list(met)):
            if earlier.kind in {"person", "actor"} and person in earlier.name.split():
                return earlier
    if name not in people.resolved:
        titled = _titled(name, people)
        if titled is not None:
            people.resolved[name] = titled
            return titled
        group = is_group(name if title is None else person)  # a titled person is a person
        actor = find_actor(name, actors, not group) or (find_actor(person, actors, not group) if title else None)
        if _DESCRIBED_WITH_TAIL.match(name):  # "a spokesman for the U.S. embassy in Beijing" is not Beijing
            actor = None
        if actor is not None:
            people.resolved[name] = Who(actor.name, "actor", actor.side, actor.id)
        elif group:
            people.resolved[name] = Who(name, "group", side_of(name))
        else:
            people.resolved[name] = people.get(person, title)
    return people.resolved[name]
