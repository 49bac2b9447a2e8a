"""Typed model of the dataset: sources, actors, issues, positions, frames, recommendations, events.

These classes describe the data files exactly (``uscn validate --schema`` prints their JSON Schema).
They are plain frozen dataclasses, so a command that reads the dataset from its store imports
neither pydantic nor a validator: only the loader validates (``usc_cli.schema`` runs pydantic over
these very classes, with the constraints written here as annotations and the field descriptions as
attribute docstrings). They know nothing of files.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Literal

from usc_cli.vocab import ID_MAX_LENGTH, ID_PATTERN
from usc_cli.vocab import Addressee as Addressee  # re-exported: the models are where the data types live
from usc_cli.vocab import Side as Side
from usc_cli.vocab import SourceKind as SourceKind

if TYPE_CHECKING:
    from pydantic import GetCoreSchemaHandler
    from pydantic_core import CoreSchema


@dataclass(frozen=True)
class Constraint:
    """What a value must be beyond its type, written in the model's annotations (``Annotated[str,
    Constraint(...)]``) and enforced when the loader validates the data. Pydantic reads it through
    ``__get_pydantic_core_schema__``, its documented hook for annotation metadata, so that this module
    never imports pydantic: the constraint also shows in the JSON Schema (pattern, lengths)."""

    pattern: str | None = None
    min_length: int | None = None
    max_length: int | None = None
    after: Callable[[Any], Any] | None = None  # a check run on the value once it has its type

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        from pydantic_core import core_schema

        schema: Any = handler(source)
        for name in ("pattern", "min_length", "max_length"):
            if getattr(self, name) is not None:
                schema[name] = getattr(self, name)
        if self.after is not None:
            return core_schema.no_info_after_validator_function(self.after, schema)
        return schema  # type: ignore[no-any-return]


def AtLeast(count: int) -> Constraint:  # noqa: N802 - reads as a type in annotations: list[Role], AtLeast(1)
    """A list of at least ``count`` items."""
    return Constraint(min_length=count)


Slug = Annotated[str, Constraint(pattern=f"^{ID_PATTERN}$", max_length=ID_MAX_LENGTH)]
"""A stable lower-case id such as ``taiwan`` or ``export-controls``."""

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _no_control_characters(value: str) -> str:
    """Refuse control characters (a YAML ``"\\u0000"`` or ``"\\x1b"`` escape): they would cut a
    string short in SQLite or C tools, or drive the terminal. Tabs and line breaks are text."""
    found = _CONTROL.search(value)
    if found is not None:
        from pydantic_core import PydanticCustomError  # run only while the loader validates

        raise PydanticCustomError(
            "control_character",
            "control character U+{code} at character {at} of the text; remove it",
            {"code": f"{ord(found.group()):04X}", "at": found.start() + 1},
        )
    return value


Text = Annotated[str, Constraint(min_length=1, max_length=5000, after=_no_control_characters)]
"""A non-empty piece of prose, without control characters (tabs and line breaks allowed)."""

PartialDate = Annotated[str, Constraint(pattern=r"^(\d{3}0s|\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?)$")]
"""A date with only the precision the text supports: ``1970s``, ``2023``, ``2023-02`` or ``2022-11-14``."""

LanguageTag = Annotated[str, Constraint(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")]
"""A BCP 47 language tag: ``en``, ``zh``, ``zh-Hans``."""

Sha256 = Annotated[str, Constraint(pattern=r"^[0-9a-f]{64}$")]
"""A SHA-256 digest in lower-case hex."""

_DATE_PRECISIONS = {5: "decade", 4: "year", 7: "month", 10: "day"}


def date_precision(value: str) -> str:
    """Return ``decade``, ``year``, ``month`` or ``day`` for a partial date string."""
    return _DATE_PRECISIONS[len(value)]


def date_sort_key(value: str) -> tuple[int, int, int]:
    """Where a partial date sorts: at the end of its period. ``2023`` comes after ``2023-11-15``, and
    ``2023-11`` after ``2023-11-15``: an event known only to its year or month may have happened on
    its last day, so it never sorts before an event dated within that period. A decade sorts at the
    end of its last year."""
    if value.endswith("s"):
        return int(value[:4]) + 9, 13, 32
    parts = [int(p) for p in value.split("-")]
    return parts[0], parts[1] if len(parts) > 1 else 13, parts[2] if len(parts) > 2 else 32


#: The kinds of text a government publishes as its own words.
GOVERNMENT_KINDS = frozenset(
    {SourceKind.READOUT, SourceKind.STATEMENT, SourceKind.REMARKS, SourceKind.PRESS_CONFERENCE}
)


class ActorKind(StrEnum):
    """A person, or a body (government, institution, group)."""

    PERSON = "person"
    BODY = "body"


class StepKind(StrEnum):
    """The kind of step a recommendation proposes, so two authors' proposals can be compared."""

    LEADER_SUMMITS = "leader-summits"
    HIGH_LEVEL_DIALOGUE = "high-level-dialogue"
    MILITARY_CHANNEL = "military-channel"
    WORKING_CHANNELS = "working-channels"
    ECONOMIC_DIALOGUE = "economic-dialogue"
    PRACTICAL_STEPS = "practical-steps"
    COOPERATION = "cooperation"
    MUTUAL_RESPECT = "mutual-respect"
    REALISTIC_AIMS = "realistic-aims"
    DOMESTIC_RENEWAL = "domestic-renewal"
    CLEAR_OBJECTIVES = "clear-objectives"
    MULTILATERAL = "multilateral"
    # No seed proposes these; a new article may (tariffs, sanctions, controls; military posture, allies).
    PRESSURE = "pressure"
    DETERRENCE = "deterrence"


@dataclass(frozen=True, kw_only=True)
class _Model:
    # How the loader's pydantic validates every model (a plain dict: pydantic's ConfigDict is one):
    # unknown fields refused, and each field's description taken from the docstring below it.
    __pydantic_config__: ClassVar[dict[str, Any]] = {"extra": "forbid", "use_attribute_docstrings": True}


@dataclass(frozen=True, kw_only=True)
class Evidence(_Model):
    """A verbatim quote from one source's seed text. The loader locates it; no match is an error.

    Whose words a quote is comes from its source's ``attributions`` (one place to correct): a quote
    that overlaps none of them is the article's author's own.
    """

    source: Slug
    quote: Text
    cut_reason: Text | None = None
    """Why leaving out part of the quote's sentence (a name, a 'while…' clause) is fair."""
    translation: Text | None = None
    """uscn's own English translation of a quote from a text in another language (required there,
    refused for an English text). It is ours, never the source's words: every view shows it as
    "uscn's translation: …", outside quotation marks."""


class Presentation(StrEnum):
    """How an article presents someone else's words."""

    SAID = "said"  # quoted as the speaker's own words
    REPORTED = "reported"  # the author's paraphrase of what the speaker said or stated
    HYPOTHETICAL = "hypothetical"  # what the author expects the speaker would say


@dataclass(frozen=True, kw_only=True)
class _Attested(_Model):
    quote: Text | None = None
    """Verbatim text of this source's seed stating or hinting at the value."""
    inferred: bool = False
    basis: Text | None = None
    """When inferred: one sentence saying what the inference rests on."""
    matched: Text | None = None
    """When taken from a stored public copy whose wording equals the text: where the copy is
    (repository and path, or URL) and how it matched."""

    def __post_init__(self) -> None:
        if self.inferred and self.matched is not None:
            raise ValueError("a value is either inferred (with a 'basis') or 'matched' against a stored copy, not both")
        if self.inferred and self.basis is None:
            raise ValueError("an inferred value needs a 'basis' saying what it rests on")
        if not self.inferred and self.matched is None and self.quote is None:
            raise ValueError(
                "a stated value needs the 'quote' that states it (or mark it inferred with a basis, "
                "or say where it was 'matched')"
            )
        if not self.inferred and self.basis is not None:
            raise ValueError("'basis' is only for inferred values")

    @property
    def how(self) -> str:
        """How the value is known: ``stated`` (the text says it), ``matched`` or ``inferred``."""
        return "inferred" if self.inferred else "matched" if self.matched is not None else "stated"


@dataclass(frozen=True, kw_only=True)
class Fact(_Attested):
    """A piece of source metadata and how we know it: stated (with the quote) or inferred (with the basis)."""

    value: Text


@dataclass(frozen=True, kw_only=True)
class DateFact(_Attested):
    """A date with the precision the text supports, stated (with the quote) or inferred (with the basis)."""

    value: PartialDate

    @property
    def precision(self) -> str:
        """``decade``, ``year``, ``month`` or ``day``."""
        return date_precision(self.value)


CitationField = Literal["title", "outlet", "url", "date", "author"]
"""The parts of a citation a source may leave empty, each with its reason in ``Source.unknown``."""

CITATION_REQUIRED: tuple[CitationField, ...] = ("title", "outlet", "date", "url")
"""What every source must give, or list under ``unknown`` with the reason (an author may go unnamed)."""


@dataclass(frozen=True, kw_only=True)
class Author(_Model):
    """The author as the article presents them. An author the article does not name has ``name: null``."""

    name: Text | None = None
    actor: Slug | None = None
    """The actor who speaks as the author, e.g. a government body or its spokesperson."""
    description: Text | None = None
    """The author's description, in the article's words."""
    quote: Text | None = None
    """Verbatim text of the seed naming or describing the author."""
    standpoint: Fact | None = None
    """Where the author stands (e.g. 'an American former official'), as the article shows."""

    def __post_init__(self) -> None:
        if (self.name or self.description) and self.quote is None:
            raise ValueError("an author's name or description needs the 'quote' that gives it")


@dataclass(frozen=True, kw_only=True)
class TextNote(_Model):
    """Something a reader should know about the article's text as published, in our words, with a
    passage that shows it (e.g. the text has no apostrophes: "each countrys culture")."""

    note: Text
    quote: Text


@dataclass(frozen=True, kw_only=True)
class Source(_Model):
    """One seed article and what the article itself says about where it comes from."""

    id: Slug
    title: Fact | None = None
    outlet: Fact | None = None
    url: Fact | None = None
    author: Author
    kind: SourceKind
    government: Side | None = None
    """For a government's own text (readout, statement, remarks, press conference): whose government."""
    language: LanguageTag = "en"
    """The language of the text, as a BCP 47 tag: en, zh."""
    date: DateFact | None = None
    seed: str
    """File name of the article's text in the seeds directory."""
    sha256: Sha256
    aliases: list[Text] = field(default_factory=list)
    """Other names a user may type: surname, outlet, …"""
    covers: Text
    """What the article is about, in our words."""
    text_notes: list[TextNote] = field(default_factory=list)
    """What a reader should know about the text as published, with a passage."""
    unknown: dict[CitationField, Text] = field(default_factory=dict)
    """For each citation field left empty (title, outlet, url, date, author): why it is unknown —
    what was looked at and not found."""

    def __post_init__(self) -> None:
        if (self.kind in GOVERNMENT_KINDS) != (self.government is not None):
            raise ValueError(
                "a government's own text (readout, statement, remarks, press-conference) names its 'government' "
                "(us or china), and only such a text does"
            )
        if self.government is Side.THIRD_PARTY:
            raise ValueError("'government' is us or china")
        for name in self.unknown:
            if getattr(self, name) is not None and (name != "author" or self.author.name is not None):
                raise ValueError(f"'{name}' has a value: it cannot also be listed under 'unknown'")

    @property
    def author_side(self) -> Side:
        """Whose side the author's own words are on: the government's for its own text, else commentators'."""
        return self.government if self.government is not None else Side.THIRD_PARTY


@dataclass(frozen=True, kw_only=True)
class NameVariant(_Model):
    """A spelling of an actor's name that one source uses, recorded as written."""

    name: Text
    source: Slug
    quote: Text
    note: Text


@dataclass(frozen=True, kw_only=True)
class Role(_Model):
    """A role or description of an actor, as one source states it."""

    title: Text
    source: Slug
    quote: Text


@dataclass(frozen=True, kw_only=True)
class Standpoint(_Model):
    """Where a commentator stands (an American former official, a Beijing-based scholar), as one source shows it."""

    value: Text
    source: Slug
    quote: Text


@dataclass(frozen=True, kw_only=True)
class Actor(_Model):
    """A person or body named in the seeds."""

    id: Slug
    name: Text
    kind: ActorKind
    side: Side
    country: Text | None = None
    standpoint: Standpoint | None = None
    aliases: list[Text] = field(default_factory=list)
    variants: list[NameVariant] = field(default_factory=list)
    roles: Annotated[list[Role], AtLeast(1)]


@dataclass(frozen=True, kw_only=True)
class Holder(_Model):
    """Who holds a view: a named actor, or a group as the author characterises it."""

    actor: Slug | None = None
    description: Text | None = None
    """e.g. 'Chinese officials, as the author characterises them'."""

    def __post_init__(self) -> None:
        if (self.actor is None) == (self.description is None):
            raise ValueError("give exactly one of 'actor' or 'description'")


@dataclass(frozen=True, kw_only=True)
class Speaker(Holder):
    """Who said some words in an article: a known actor, or a group as the article names it
    ("Chinese officials"), with the occasion and how the article presents the words."""

    occasion: Text | None = None
    """When or where, in the article's words: 'rare public statement in March'."""
    presented: Presentation = Presentation.SAID


@dataclass(frozen=True, kw_only=True)
class Attribution(_Model):
    """A passage of an article that gives someone else's words, not the author's own."""

    quote: Text
    """The passage, verbatim: every quote overlapping it is this speaker's."""
    speaker: Speaker


@dataclass(frozen=True, kw_only=True)
class Position(_Model):
    """One side's framing of one issue, held by someone and reported by the sources of its evidence."""

    issue: Slug
    side: Side
    holder: Holder
    summary: Text
    """One sentence in our own words."""
    evidence: Annotated[list[Evidence], AtLeast(1)]


@dataclass(frozen=True, kw_only=True)
class Recommendation(_Model):
    """A step an author (or an expert the article quotes) proposes."""

    id: Slug
    source: Slug
    """The article the recommendation appears in."""
    proposer: Slug | None = None
    """Actor id of a quoted expert; null means the article's author."""
    to: Addressee
    kind: StepKind
    issues: Annotated[list[Slug], AtLeast(1)]
    summary: Text
    evidence: Annotated[list[Evidence], AtLeast(1)]


@dataclass(frozen=True, kw_only=True)
class Gap(_Model):
    """An explicit statement that no seed gives this side's view on an issue."""

    side: Side
    note: Text


@dataclass(frozen=True, kw_only=True)
class Issue(_Model):
    """A contested issue in the relationship."""

    id: Slug
    title: Text
    summary: Text
    """One neutral paragraph in our own words."""
    tags: list[Slug] = field(default_factory=list)
    related: list[Slug] = field(default_factory=list)
    frames: list[Slug] = field(default_factory=list)
    gaps: list[Gap] = field(default_factory=list)
    cues: list[Text] = field(default_factory=list)
    """Words and phrases that signal the issue in a new article; a trailing * matches any ending, a
    leading = marks a cue that names the issue outright (enough on its own)."""


@dataclass(frozen=True, kw_only=True)
class Term(_Model):
    """An official term a side's government uses for a framing, in the original language, with the
    quote (from that government's own text) that uses it."""

    term: Text
    """The term as the text writes it, e.g. 相互尊重 or 'manage competition responsibly'."""
    evidence: Evidence
    """A quote from a government's own text that contains the term."""


@dataclass(frozen=True, kw_only=True)
class FrameLabel(_Model):
    """One side's label in a framing pair, with the evidence for it."""

    side: Side
    label: Text
    summary: Text
    evidence: Annotated[list[Evidence], AtLeast(1)]
    terms: list[Term] = field(default_factory=list)
    """The official terms this side's government uses for the framing, in the original language."""
    cues: list[Text] = field(default_factory=list)
    """Words and phrases that signal this side's framing in a new article."""


@dataclass(frozen=True, kw_only=True)
class Frame(_Model):
    """A named pair of competing framings, e.g. security vs. development."""

    id: Slug
    title: Text
    summary: Text
    labels: Annotated[list[FrameLabel], AtLeast(2)]


@dataclass(frozen=True, kw_only=True)
class EventMention(_Model):
    """Where a source mentions an event."""

    source: Slug
    quote: Text
    translation: Text | None = None
    """uscn's English translation, for a quote from a text not in English."""
    through: Text | None = None
    """The last words, verbatim, of the account this mention opens in a government's own text: the
    account runs from the mention to the end of the first place these words stand at or after it. A
    press conference that moves on to other questions gives one. Without it, a passage belongs to the
    event the text last mentioned before it (a passage before the first mention, to the first)."""


@dataclass(frozen=True, kw_only=True)
class Event(_Model):
    """A dated event the seeds mention, with only the date precision the text supports."""

    id: Slug
    title: Text
    date: DateFact
    issues: list[Slug] = field(default_factory=list)
    actors: list[Slug] = field(default_factory=list)
    mentions: Annotated[list[EventMention], AtLeast(1)]


@dataclass(frozen=True, kw_only=True)
class SourceFile(_Model):
    """A file under ``sources/``: one article's metadata, the positions it reports and its recommendations."""

    source: Source
    attributions: list[Attribution] = field(default_factory=list)
    """Passages that are someone else's words: the one record of who said what."""
    positions: list[Position] = field(default_factory=list)
    recommendations: list[Recommendation] = field(default_factory=list)


@dataclass(frozen=True, kw_only=True)
class IssuesFile(_Model):
    """``issues.yaml``."""

    issues: list[Issue]


@dataclass(frozen=True, kw_only=True)
class ActorsFile(_Model):
    """``actors.yaml``."""

    actors: list[Actor]


@dataclass(frozen=True, kw_only=True)
class FramesFile(_Model):
    """``frames.yaml``."""

    frames: list[Frame]


class AgreementLevel(StrEnum):
    """How far recommendations from different sources agree."""

    AGREE = "agree"  # the same step in other words
    PARTLY = "partly"  # the same aim by other means, or one goes further
    DIFFER = "differ"  # they pull in different directions


@dataclass(frozen=True, kw_only=True)
class Agreement(_Model):
    """A curated link between recommendations of different sources: the evidence is their own quotes."""

    id: Slug
    level: AgreementLevel
    recommendations: Annotated[list[Slug], AtLeast(2)]
    """Ids from at least two different sources."""
    summary: Text
    """What they share, or where they part, in our words."""


@dataclass(frozen=True, kw_only=True)
class AgreementsFile(_Model):
    """``agreements.yaml`` (optional)."""

    agreements: list[Agreement]


@dataclass(frozen=True, kw_only=True)
class EventsFile(_Model):
    """``events.yaml``."""

    events: list[Event]


@dataclass(frozen=True, kw_only=True)
class LabelledSpeaker(_Model):
    """Who a person says speaks a sentence: a name (``author`` for the text's own narration) and the
    side (``both`` for the two governments together)."""

    name: Text
    side: Literal["us", "china", "third-party", "both"]


@dataclass(frozen=True, kw_only=True)
class SentenceLabel(_Model):
    """One sentence of a labelled article, found by its opening words, with its speakers."""

    text: Text
    """The sentence's opening words, exactly as in the article."""
    speakers: Annotated[list[LabelledSpeaker], AtLeast(1)]


@dataclass(frozen=True, kw_only=True)
class LabelledArticle(_Model):
    """An article labelled by hand with who says each sentence, for ``uscn analyze --score``."""

    article: str
    """File name of the article's text, beside this file."""
    kind: SourceKind
    government: Side | None = None
    sentences: Annotated[list[SentenceLabel], AtLeast(1)]
