"""A source's citation: title, outlet, author, date and URL, each with how it is known.

One list of fields per source, used by ``uscn cite`` (BibTeX, CSL-JSON, RIS), ``sources show``, the
Markdown export and the HTML report, so every view cites a source the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from usc_cli.models import DateFact, Fact, Source

How = Literal["stated", "matched", "inferred", "unknown", "unnamed"]

#: The order a citation's fields are shown in.
FIELDS = ("author", "title", "outlet", "date", "url")


@dataclass(frozen=True)
class CitedField:
    """One field of a citation: its value (None when unknown) and how it is known.

    ``basis`` is the quote that states it, where the stored copy it matched is, what it is inferred
    from, or why it is unknown.
    """

    name: str
    value: str | None
    how: How
    basis: str | None


def _prose(text: str | None) -> str | None:
    """Folded YAML prose as one line (a basis may run over several lines in the data file)."""
    return None if text is None else re.sub(r"\s+", " ", text).strip()


def _reason(source: Source, name: str) -> str | None:
    """Why a citation field is unknown, as the data says (folded to one line)."""
    return _prose(next((why for field, why in source.unknown.items() if field == name), None))


def _field(source: Source, name: str, fact: Fact | DateFact | None) -> CitedField:
    if fact is None:
        return CitedField(name, None, "unknown", _reason(source, name))
    if fact.inferred:
        return CitedField(name, fact.value, "inferred", _prose(fact.basis))
    if fact.matched is not None:
        return CitedField(name, fact.value, "matched", _prose(fact.matched))
    return CitedField(name, fact.value, "stated", _prose(fact.quote))


def _author(source: Source, body: str | None) -> CitedField:
    author = source.author
    reason = _reason(source, "author")
    if author.name is not None:
        return CitedField("author", author.name, "stated", _prose(author.quote))
    if body is not None and source.government is not None:
        outlet = source.outlet.value if source.outlet is not None else "its publisher"
        basis = f"a government's own text ({source.kind.value}): its author is the body that published it ({outlet})"
        return CitedField("author", body, "inferred", basis)
    if author.description is not None:
        return CitedField("author", None, "unnamed", reason or f"the text describes its author as {author.description}")
    return CitedField("author", None, "unnamed", reason or "the text names no author")


def citation(source: Source, body: str | None = None) -> list[CitedField]:
    """Author, title, outlet, date and URL of a source, each with how it is known, in that order;
    ``body``: the government body a government's own text is authored by (its author actor's name)."""
    return [
        _author(source, body),
        _field(source, "title", source.title),
        _field(source, "outlet", source.outlet),
        _field(source, "date", source.date),
        _field(source, "url", source.url),
    ]


def uncertain(fields: list[CitedField]) -> list[CitedField]:
    """The given values a reader should check: those inferred or matched against a stored copy."""
    return [f for f in fields if f.value is not None and f.how in ("inferred", "matched")]
