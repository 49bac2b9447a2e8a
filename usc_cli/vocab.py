"""The closed vocabularies that command options offer as choices, kept apart from the pydantic
models so that ``--help`` and TAB completion can build the options without importing pydantic."""

from __future__ import annotations

import re
from enum import StrEnum

#: The id rule (a source's, an issue's, …): lower-case letters and digits in words joined by single hyphens.
ID_PATTERN = r"[a-z0-9]+(-[a-z0-9]+)*"
ID_MAX_LENGTH = 64


def is_id(text: str) -> bool:
    """Whether ``text`` keeps the id rule."""
    return len(text) <= ID_MAX_LENGTH and re.fullmatch(ID_PATTERN, text) is not None


class SourceKind(StrEnum):
    """What kind of text a source is. The kind decides whose side the author's own words are on
    (``author_side``): a government's own text is that government's, everything else is not."""

    OPINION = "opinion"  # an op-ed or essay: the author is a commentator
    NEWS_ANALYSIS = "news-analysis"  # signed or unsigned analysis by a news outlet
    NEWS = "news"  # a wire or news story: its narration is the reporter's
    READOUT = "readout"  # a government's account of a meeting or call
    STATEMENT = "statement"  # a government's statement, fact sheet or joint statement
    REMARKS = "remarks"  # an official's remarks or speech, as the government published them
    PRESS_CONFERENCE = "press-conference"  # a government's regular or special press conference


class Side(StrEnum):
    """Whose view a position or label expresses."""

    US = "us"
    CHINA = "china"
    THIRD_PARTY = "third-party"


#: How every view names a side: in a table's heading, a hit's line and a sentence ("Washington", …).
SIDE_SHORT = {Side.US: "Washington", Side.CHINA: "Beijing", Side.THIRD_PARTY: "commentators"}
#: A side's heading over its positions.
SIDE_NAMES = {Side.US: "Washington", Side.CHINA: "Beijing", Side.THIRD_PARTY: "Commentators (neither government)"}
#: A side in a table cell or the report's grid, always as letters (a terminal also colours them).
SIDE_CODES = {Side.US: "US", Side.CHINA: "CN", Side.THIRD_PARTY: "3P"}

#: The words a user may type for a side: its value, or the name every view shows it by.
SIDE_WORDS: dict[str, Side] = {word: side for side in Side for word in (side.value, SIDE_SHORT[side].lower())}


class Addressee(StrEnum):
    """Who a recommendation asks to act."""

    US = "us"
    CHINA = "china"
    BOTH = "both"


#: Who a recommendation asks to act, in words a reader understands ("→ us" reads as the pronoun).
ADDRESSEE_NAMES = {
    Addressee.US: SIDE_SHORT[Side.US],
    Addressee.CHINA: SIDE_SHORT[Side.CHINA],
    Addressee.BOTH: f"{SIDE_SHORT[Side.US]} and {SIDE_SHORT[Side.CHINA]}",
}

#: The words a user may type for an addressee: its value, or the name every view shows it by.
ADDRESSEE_WORDS: dict[str, Addressee] = {
    word: to
    for to in Addressee
    for word in ((to.value,) if to is Addressee.BOTH else (to.value, ADDRESSEE_NAMES[to].lower()))
}
