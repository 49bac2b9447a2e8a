"""Resolve what a user types (an id, alias, surname, outlet, tag or title words) to one record.

In order, the first step that finds anything decides: the id as typed or with spaces for hyphens
("export controls"); a whole name (title, alias, label, outlet); the same with plurals made singular
("chip" for the tag "chips"); then the records whose words hold every word typed. One record
resolves; several are "ambiguous", listed with their names. Nothing gives the closest names and, when
the articles use the word, the ``uscn search`` that finds it.
"""

from __future__ import annotations

import difflib
import re
import shlex
from collections.abc import Iterable
from dataclasses import dataclass, field

from usc_cli.dataset import Dataset
from usc_cli.errors import NotFoundError, require_utf8

_WORD = re.compile(r"[\w’']+")
_STOP = {"and", "the", "of", "vs", "to", "a", "in", "on", "us", "china", "s"}


@dataclass
class _Entry:
    """One record as names see it: what to call it in a message, whole names, and its words."""

    label: str
    names: set[str] = field(default_factory=set)
    words: set[str] = field(default_factory=set)

    def add(self, text: str, whole: bool = True) -> None:
        if whole:
            self.names.add(_key(text))
        self.words.update(_words(text))


def _key(text: str) -> str:
    return " ".join(text.casefold().split())


def _singular(word: str) -> str:
    """A plural made singular, roughly: enough for "chips", "controls", "policies", "taxes"."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("ches", "shes", "xes", "sses")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _norm(text: str) -> str:
    """A name compared loosely: case, hyphens and plurals ignored."""
    return " ".join(_singular(w) for w in _WORD.findall(text.casefold().replace("-", " ")))


def _words(text: str) -> set[str]:
    return {_singular(w) for w in _WORD.findall(text.casefold().replace("-", " ")) if w not in _STOP and len(w) > 1}


def _one(kind: str, name: str, found: list[str], entries: dict[str, _Entry]) -> str | None:
    """The one id found, None for none, or an ambiguity error naming every candidate."""
    unique = sorted(set(found))
    if len(unique) > 1:
        listed = ", ".join(f"{i} ({entries[i].label})" if entries[i].label != i else i for i in unique)
        raise NotFoundError(kind, name, unique, ambiguous=True, listed=listed)
    return unique[0] if unique else None


def _resolve(kind: str, name: str, entries: dict[str, _Entry], ds: Dataset) -> str:
    key = _key(name)
    for found in (
        [i for i in entries if i in (key, key.replace(" ", "-"))],
        [i for i, e in entries.items() if key in e.names],
        [i for i, e in entries.items() if _norm(key) in {_norm(i), *map(_norm, e.names)}],
        [i for i, e in entries.items() if _words(key) and _words(key) <= e.words | _words(i)],
    ):
        if (one := _one(kind, name, found, entries)) is not None:
            return one
    raise NotFoundError(kind, name, _close(key, entries), search=_search_hint(ds, name))


def _close(key: str, entries: dict[str, _Entry]) -> list[str]:
    """Up to three ids whose id or a whole name is close to ``key`` or contains it."""
    vocabulary = {i: i for i in entries}
    for ident, entry in entries.items():
        vocabulary.update({n: ident for n in entry.names if n not in vocabulary})
    close = difflib.get_close_matches(key, list(vocabulary), n=6, cutoff=0.6)
    if len(key) >= 3:
        close += [entry for entry in vocabulary if key in entry]
    return list(dict.fromkeys(vocabulary[c] for c in close))[:3]


def _search_hint(ds: Dataset, name: str) -> str | None:
    """``uscn search NAME`` when an article uses the words typed, else None."""
    words = name.split()
    if not _words(name):  # nothing but "the", "us", "a"…: every article has those
        return None
    pattern = re.compile(r"\b" + r"\s+".join(re.escape(w) for w in words) + r"\b", re.IGNORECASE)
    if not any(pattern.search(seed.text) for seed in ds.seeds.values()):
        return None
    return f"uscn search {shlex.quote(' '.join(words))}"


_Item = tuple[str, str, list[str], list[str]]  # id, label, whole names, texts whose words count


def _entries(items: Iterable[_Item]) -> dict[str, _Entry]:
    """Entries from (id, label, whole names, texts whose words count) per record."""
    entries: dict[str, _Entry] = {}
    for ident, label, whole, loose in items:
        entry = entries.setdefault(ident, _Entry(label))
        for text in whole:
            entry.add(text)
        for text in loose:
            entry.add(text, whole=False)
    return entries


def issue_id(ds: Dataset, name: str) -> str:
    """An issue by id, title, tag, or the words of its title and tags."""
    require_utf8("issue", name)
    if _key(name) in ds.issues:  # an exact id: no need to read every issue (the store reads lazily)
        return _key(name)
    items: Iterable[_Item] = ((i.id, i.title, [i.title], i.tags) for i in ds.issues.values())
    return _resolve("issue", name, _entries(items), ds)


def source_id(ds: Dataset, name: str) -> str:
    """A source by id, alias, author name or surname, outlet, or (when unambiguous) a word of one."""
    require_utf8("source", name)
    if _key(name) in ds.sources:  # an exact id: no need to read every source
        return _key(name)

    def item(source_id: str) -> _Item:
        source = ds.sources[source_id]
        given = [*source.aliases, *([source.author.name] if source.author.name else [])]
        given += [source.outlet.value] if source.outlet else []
        label = ", ".join(given[len(source.aliases) :]) or source_id
        return source_id, label, given, []

    return _resolve("source", name, _entries(item(s) for s in ds.sources), ds)


def frame_id(ds: Dataset, name: str) -> str:
    """A frame by id, title or one of its side labels."""
    require_utf8("frame", name)
    items: Iterable[_Item] = (
        (f.id, f.title, [f.title, *(label.label for label in f.labels)], []) for f in ds.frames.values()
    )
    return _resolve("frame", name, _entries(items), ds)


def event_id(ds: Dataset, name: str) -> str:
    """An event by id, title, or (when unambiguous) words of its title."""
    if _key(name) in ds.events:
        return _key(name)
    items: Iterable[_Item] = ((e.id, e.title, [e.title], []) for e in ds.events.values())
    return _resolve("event", name, _entries(items), ds)


def actor_id(ds: Dataset, name: str) -> str:
    """An actor by id, name, alias, variant spelling, or (when unambiguous) a word of one."""
    require_utf8("actor", name)
    items: Iterable[_Item] = (
        (a.id, a.name, [a.name, *a.aliases, *(variant.name for variant in a.variants)], []) for a in ds.actors.values()
    )
    return _resolve("actor", name, _entries(items), ds)
