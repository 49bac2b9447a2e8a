"""Resolve what a user types (an id, alias, surname, outlet, tag or title word) to one record."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

from usc_cli.dataset import Dataset
from usc_cli.errors import NotFoundError

_WORD = re.compile(r"[\w’']+")
_STOP = {"and", "the", "of", "vs", "to", "a", "in", "on", "us", "china", "s"}


def _key(text: str) -> str:
    return " ".join(text.casefold().split())


def _resolve(kind: str, name: str, ids: Iterable[str], names: dict[str, set[str]], loose: dict[str, set[str]]) -> str:
    """Exact id, then exact alias, then loose words (tags, title words); unique or an error."""
    key = _key(name)
    id_list = list(ids)
    if key in id_list:
        return key
    for table in (names, loose):
        found = table.get(key, set())
        if len(found) == 1:
            return next(iter(found))
        if len(found) > 1:
            raise NotFoundError(kind, name, sorted(found), ambiguous=True)
    vocabulary = {**{i: i for i in id_list}, **{k: sorted(v)[0] for k, v in names.items() if len(v) == 1}}
    close = difflib.get_close_matches(key, list(vocabulary), n=6, cutoff=0.6)
    if len(key) >= 3:
        close += [entry for entry in vocabulary if key in entry]
    suggestions = list(dict.fromkeys(vocabulary[c] for c in close))[:3]
    return _raise(kind, name, suggestions)


def _raise(kind: str, name: str, suggestions: list[str]) -> str:
    raise NotFoundError(kind, name, suggestions)


def _add(table: dict[str, set[str]], key: str, ident: str) -> None:
    table.setdefault(_key(key), set()).add(ident)


def _add_words(table: dict[str, set[str]], text: str, ident: str) -> None:
    for word in _WORD.findall(text.casefold()):
        if word not in _STOP and len(word) > 2:
            _add(table, word, ident)


def issue_id(ds: Dataset, name: str) -> str:
    """An issue by id, title, tag or (when unambiguous) a word of its title."""
    if _key(name) in ds.issues:  # what _resolve tries first, without reading every issue
        return _key(name)
    names: dict[str, set[str]] = {}
    loose: dict[str, set[str]] = {}
    for issue in ds.issues.values():
        _add(names, issue.title, issue.id)
        for tag in issue.tags:
            _add(loose, tag, issue.id)
        _add_words(loose, issue.title, issue.id)
    return _resolve("issue", name, ds.issues, names, loose)


def source_id(ds: Dataset, name: str) -> str:
    """A source by id, alias, author name or surname, outlet, or (when unambiguous) a word of one."""
    if _key(name) in ds.sources:  # what _resolve tries first, without reading every source
        return _key(name)
    names: dict[str, set[str]] = {}
    loose: dict[str, set[str]] = {}
    for source in ds.sources.values():
        given = [*source.aliases, *([source.author.name] if source.author.name else [])]
        given += [source.outlet.value] if source.outlet else []
        for text in given:
            _add(names, text, source.id)
            _add_words(loose, text, source.id)
    return _resolve("source", name, ds.sources, names, loose)


def frame_id(ds: Dataset, name: str) -> str:
    """A frame by id, title or one of its side labels."""
    names: dict[str, set[str]] = {}
    for frame in ds.frames.values():
        _add(names, frame.title, frame.id)
        for label in frame.labels:
            _add(names, label.label, frame.id)
    return _resolve("frame", name, ds.frames, names, {})


def actor_id(ds: Dataset, name: str) -> str:
    """An actor by id, name, alias, variant spelling, or (when unambiguous) a word of one."""
    names: dict[str, set[str]] = {}
    loose: dict[str, set[str]] = {}
    for actor in ds.actors.values():
        for text in (actor.name, *actor.aliases, *(variant.name for variant in actor.variants)):
            _add(names, text, actor.id)
            _add_words(loose, text, actor.id)
    return _resolve("actor", name, ds.actors, names, loose)
