"""The closed vocabularies that command options offer as choices, kept apart from the pydantic
models so that ``--help`` and TAB completion can build the options without importing pydantic."""

from __future__ import annotations

from enum import StrEnum


class Side(StrEnum):
    """Whose view a position or label expresses."""

    US = "us"
    CHINA = "china"
    THIRD_PARTY = "third-party"


class Addressee(StrEnum):
    """Who a recommendation asks to act."""

    US = "us"
    CHINA = "china"
    BOTH = "both"
