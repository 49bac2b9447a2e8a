"""The closed vocabularies that command options offer as choices, kept apart from the pydantic
models so that ``--help`` and TAB completion can build the options without importing pydantic."""

from __future__ import annotations

from enum import StrEnum


class Side(StrEnum):
    """Whose view a position or label expresses."""

    US = "us"
    CHINA = "china"
    THIRD_PARTY = "third-party"


#: The words a user may type for a side: its value, or the name every view shows it by.
SIDE_WORDS: dict[str, Side] = {
    "us": Side.US,
    "washington": Side.US,
    "china": Side.CHINA,
    "beijing": Side.CHINA,
    "third-party": Side.THIRD_PARTY,
    "commentators": Side.THIRD_PARTY,
}


class Addressee(StrEnum):
    """Who a recommendation asks to act."""

    US = "us"
    CHINA = "china"
    BOTH = "both"


#: The words a user may type for an addressee: its value, or the name every view shows it by.
ADDRESSEE_WORDS: dict[str, Addressee] = {
    "us": Addressee.US,
    "washington": Addressee.US,
    "china": Addressee.CHINA,
    "beijing": Addressee.CHINA,
    "both": Addressee.BOTH,
}
