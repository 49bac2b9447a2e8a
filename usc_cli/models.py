"""Typed model of the dataset: sources, actors, issues, positions, frames, recommendations, events.

These classes describe the data files exactly (``uscn schema`` prints their JSON Schema). They know
nothing of files: the loader reads YAML, validates it into these models and checks every quote
against its seed text.
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Annotated, Literal, Self

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, model_validator
from pydantic_core import PydanticCustomError

from usc_cli.vocab import ID_MAX_LENGTH, ID_PATTERN
from usc_cli.vocab import Addressee as Addressee  # re-exported: the models are where the data types live
from usc_cli.vocab import Side as Side
from usc_cli.vocab import SourceKind as SourceKind

Slug = Annotated[str, StringConstraints(pattern=f"^{ID_PATTERN}$", max_length=ID_MAX_LENGTH)]
"""A stable lower-case id such as ``taiwan`` or ``export-controls``."""

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _no_control_characters(value: str) -> str:
    """Refuse control characters (a YAML ``"\\u0000"`` or ``"\\x1b"`` escape): they would cut a
    string short in SQLite or C tools, or drive the terminal. Tabs and line breaks are text."""
    found = _CONTROL.search(value)
    if found is not None:
        raise PydanticCustomError(
            "control_character",
            "control character U+{code} at character {at} of the text; remove it",
            {"code": f"{ord(found.group()):04X}", "at": found.start() + 1},
        )
    return value


Text = Annotated[str, StringConstraints(min_length=1, max_length=5000), AfterValidator(_no_control_characters)]
"""A non-empty piece of prose, without control characters (tabs and line breaks allowed)."""

PartialDate = Annotated[
    str, StringConstraints(pattern=r"^(\d{3}0s|\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?)$")
]
"""A date with only the precision the text supports: ``1970s``, ``2023``, ``2023-02`` or ``2022-11-14``."""

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


class _Model(BaseModel):
    # Validators are built when first used: a run served from the store builds its models without
    # validating them again (usc_cli.store.build), and never needs one.
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=False, defer_build=True)


class Evidence(_Model):
    """A verbatim quote from one source's seed text. The loader locates it; no match is an error.

    Whose words a quote is comes from its source's ``attributions`` (one place to correct): a quote
    that overlaps none of them is the article's author's own.
    """

    source: Slug
    quote: Text
    cut_reason: Text | None = Field(
        default=None,
        description="Why leaving out part of the quote's sentence (a name, a 'while…' clause) is fair.",
    )
    translation: Text | None = Field(
        default=None,
        description="uscn's own English translation of a quote from a text in another language (required there, "
        "refused for an English text). It is ours, never the source's words: every view shows it as "
        '"uscn\'s translation: …", outside quotation marks.',
    )


class Presentation(StrEnum):
    """How an article presents someone else's words."""

    SAID = "said"  # quoted as the speaker's own words
    REPORTED = "reported"  # the author's paraphrase of what the speaker said or stated
    HYPOTHETICAL = "hypothetical"  # what the author expects the speaker would say


class _Attested(_Model):
    quote: Text | None = Field(
        default=None, description="Verbatim text of this source's seed stating or hinting at the value."
    )
    inferred: bool = False
    basis: Text | None = Field(
        default=None, description="When inferred: one sentence saying what the inference rests on."
    )
    matched: Text | None = Field(
        default=None,
        description="When taken from a stored public copy whose wording equals the text: where the copy is "
        "(repository and path, or URL) and how it matched.",
    )

    @model_validator(mode="after")
    def _stated_or_inferred(self) -> Self:
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
        return self

    @property
    def how(self) -> str:
        """How the value is known: ``stated`` (the text says it), ``matched`` or ``inferred``."""
        return "inferred" if self.inferred else "matched" if self.matched is not None else "stated"


class Fact(_Attested):
    """A piece of source metadata and how we know it: stated (with the quote) or inferred (with the basis)."""

    value: Text


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


class Author(_Model):
    """The author as the article presents them. An author the article does not name has ``name: null``."""

    name: Text | None = None
    actor: Slug | None = Field(
        default=None, description="The actor who speaks as the author, e.g. a government body or its spokesperson."
    )
    description: Text | None = Field(default=None, description="The author's description, in the article's words.")
    quote: Text | None = Field(default=None, description="Verbatim text of the seed naming or describing the author.")
    standpoint: Fact | None = Field(
        default=None, description="Where the author stands (e.g. 'an American former official'), as the article shows."
    )

    @model_validator(mode="after")
    def _quoted(self) -> Self:
        if (self.name or self.description) and self.quote is None:
            raise ValueError("an author's name or description needs the 'quote' that gives it")
        return self


class TextNote(_Model):
    """Something a reader should know about the article's text as published, in our words, with a
    passage that shows it (e.g. the text has no apostrophes: "each countrys culture")."""

    note: Text
    quote: Text


class Source(_Model):
    """One seed article and what the article itself says about where it comes from."""

    id: Slug
    title: Fact | None = None
    outlet: Fact | None = None
    url: Fact | None = None
    author: Author
    kind: SourceKind
    government: Side | None = Field(
        default=None,
        description="For a government's own text (readout, statement, remarks, press conference): whose government.",
    )
    language: Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")] = Field(
        default="en", description="The language of the text, as a BCP 47 tag: en, zh."
    )
    date: DateFact | None = None
    seed: str = Field(description="File name of the article's text in the seeds directory.")
    sha256: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
    aliases: list[Text] = Field(default_factory=list, description="Other names a user may type: surname, outlet, …")
    covers: Text = Field(description="What the article is about, in our words.")
    text_notes: list[TextNote] = Field(
        default_factory=list, description="What a reader should know about the text as published, with a passage."
    )
    unknown: dict[CitationField, Text] = Field(
        default_factory=dict,
        description="For each citation field left empty (title, outlet, url, date, author): why it is unknown — "
        "what was looked at and not found.",
    )

    @model_validator(mode="after")
    def _government_text(self) -> Self:
        if (self.kind in GOVERNMENT_KINDS) != (self.government is not None):
            raise ValueError(
                "a government's own text (readout, statement, remarks, press-conference) names its 'government' "
                "(us or china), and only such a text does"
            )
        if self.government is Side.THIRD_PARTY:
            raise ValueError("'government' is us or china")
        for field in self.unknown:
            if getattr(self, field) is not None and (field != "author" or self.author.name is not None):
                raise ValueError(f"'{field}' has a value: it cannot also be listed under 'unknown'")
        return self

    @property
    def author_side(self) -> Side:
        """Whose side the author's own words are on: the government's for its own text, else commentators'."""
        return self.government if self.government is not None else Side.THIRD_PARTY


class NameVariant(_Model):
    """A spelling of an actor's name that one source uses, recorded as written."""

    name: Text
    source: Slug
    quote: Text
    note: Text


class Role(_Model):
    """A role or description of an actor, as one source states it."""

    title: Text
    source: Slug
    quote: Text


class Standpoint(_Model):
    """Where a commentator stands (an American former official, a Beijing-based scholar), as one source shows it."""

    value: Text
    source: Slug
    quote: Text


class Actor(_Model):
    """A person or body named in the seeds."""

    id: Slug
    name: Text
    kind: ActorKind
    side: Side
    country: Text | None = None
    standpoint: Standpoint | None = None
    aliases: list[Text] = Field(default_factory=list)
    variants: list[NameVariant] = Field(default_factory=list)
    roles: list[Role] = Field(min_length=1)


class Holder(_Model):
    """Who holds a view: a named actor, or a group as the author characterises it."""

    actor: Slug | None = None
    description: Text | None = Field(
        default=None, description="e.g. 'Chinese officials, as the author characterises them'."
    )

    @model_validator(mode="after")
    def _exactly_one(self) -> Self:
        if (self.actor is None) == (self.description is None):
            raise ValueError("give exactly one of 'actor' or 'description'")
        return self


class Speaker(Holder):
    """Who said some words in an article: a known actor, or a group as the article names it
    ("Chinese officials"), with the occasion and how the article presents the words."""

    occasion: Text | None = Field(
        default=None, description="When or where, in the article's words: 'rare public statement in March'."
    )
    presented: Presentation = Presentation.SAID


class Attribution(_Model):
    """A passage of an article that gives someone else's words, not the author's own."""

    quote: Text = Field(description="The passage, verbatim: every quote overlapping it is this speaker's.")
    speaker: Speaker


class Position(_Model):
    """One side's framing of one issue, held by someone and reported by the sources of its evidence."""

    issue: Slug
    side: Side
    holder: Holder
    summary: Text = Field(description="One sentence in our own words.")
    evidence: list[Evidence] = Field(min_length=1)


class Recommendation(_Model):
    """A step an author (or an expert the article quotes) proposes."""

    id: Slug
    source: Slug = Field(description="The article the recommendation appears in.")
    proposer: Slug | None = Field(
        default=None, description="Actor id of a quoted expert; null means the article's author."
    )
    to: Addressee
    kind: StepKind
    issues: list[Slug] = Field(min_length=1)
    summary: Text
    evidence: list[Evidence] = Field(min_length=1)


class Gap(_Model):
    """An explicit statement that no seed gives this side's view on an issue."""

    side: Side
    note: Text


class Issue(_Model):
    """A contested issue in the relationship."""

    id: Slug
    title: Text
    summary: Text = Field(description="One neutral paragraph in our own words.")
    tags: list[Slug] = Field(default_factory=list)
    related: list[Slug] = Field(default_factory=list)
    frames: list[Slug] = Field(default_factory=list)
    gaps: list[Gap] = Field(default_factory=list)
    cues: list[Text] = Field(
        default_factory=list,
        description="Words and phrases that signal the issue in a new article; a trailing * matches any ending, "
        "a leading = marks a cue that names the issue outright (enough on its own).",
    )


class Term(_Model):
    """An official term a side's government uses for a framing, in the original language, with the
    quote (from that government's own text) that uses it."""

    term: Text = Field(description="The term as the text writes it, e.g. 相互尊重 or 'manage competition responsibly'.")
    evidence: Evidence = Field(description="A quote from a government's own text that contains the term.")


class FrameLabel(_Model):
    """One side's label in a framing pair, with the evidence for it."""

    side: Side
    label: Text
    summary: Text
    evidence: list[Evidence] = Field(min_length=1)
    terms: list[Term] = Field(
        default_factory=list,
        description="The official terms this side's government uses for the framing, in the original language.",
    )
    cues: list[Text] = Field(
        default_factory=list, description="Words and phrases that signal this side's framing in a new article."
    )


class Frame(_Model):
    """A named pair of competing framings, e.g. security vs. development."""

    id: Slug
    title: Text
    summary: Text
    labels: list[FrameLabel] = Field(min_length=2)


class EventMention(_Model):
    """Where a source mentions an event."""

    source: Slug
    quote: Text
    translation: Text | None = Field(
        default=None, description="uscn's English translation, for a quote from a text not in English."
    )


class Event(_Model):
    """A dated event the seeds mention, with only the date precision the text supports."""

    id: Slug
    title: Text
    date: DateFact
    issues: list[Slug] = Field(default_factory=list)
    actors: list[Slug] = Field(default_factory=list)
    mentions: list[EventMention] = Field(min_length=1)


class SourceFile(_Model):
    """A file under ``sources/``: one article's metadata, the positions it reports and its recommendations."""

    source: Source
    attributions: list[Attribution] = Field(
        default_factory=list, description="Passages that are someone else's words: the one record of who said what."
    )
    positions: list[Position] = Field(default_factory=list)
    recommendations: list[Recommendation] = Field(default_factory=list)


class IssuesFile(_Model):
    """``issues.yaml``."""

    issues: list[Issue]


class ActorsFile(_Model):
    """``actors.yaml``."""

    actors: list[Actor]


class FramesFile(_Model):
    """``frames.yaml``."""

    frames: list[Frame]


class AgreementLevel(StrEnum):
    """How far recommendations from different sources agree."""

    AGREE = "agree"  # the same step in other words
    PARTLY = "partly"  # the same aim by other means, or one goes further
    DIFFER = "differ"  # they pull in different directions


class Agreement(_Model):
    """A curated link between recommendations of different sources: the evidence is their own quotes."""

    id: Slug
    level: AgreementLevel
    recommendations: list[Slug] = Field(min_length=2, description="Ids from at least two different sources.")
    summary: Text = Field(description="What they share, or where they part, in our words.")


class AgreementsFile(_Model):
    """``agreements.yaml`` (optional)."""

    agreements: list[Agreement]


class EventsFile(_Model):
    """``events.yaml``."""

    events: list[Event]


class LabelledSpeaker(_Model):
    """Who a person says speaks a sentence: a name (``author`` for the text's own narration) and the
    side (``both`` for the two governments together)."""

    name: Text
    side: Literal["us", "china", "third-party", "both"]


class SentenceLabel(_Model):
    """One sentence of a labelled article, found by its opening words, with its speakers."""

    text: Text = Field(description="The sentence's opening words, exactly as in the article.")
    speakers: list[LabelledSpeaker] = Field(min_length=1)


class LabelledArticle(_Model):
    """An article labelled by hand with who says each sentence, for ``uscn analyze --score``."""

    article: str = Field(description="File name of the article's text, beside this file.")
    kind: SourceKind
    government: Side | None = None
    sentences: list[SentenceLabel] = Field(min_length=1)
