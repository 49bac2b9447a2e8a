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
    suggestions = list(dict.fromkeys(vocabulary[c] for c in close))[:3]
    return _raise(kind, name, suggestions)


def _raise(kind: str, name: str, suggestions: list[str]) -> str:
    raise NotFoundError(kind, name, suggestions)


def _add(table: dict[str, set[str]], key: str, ident: str) -> None:
    table.setdefault(_key(key), set()).add(ident)


def issue_id(ds: Dataset, name: str) -> str:
    """An issue by id, title, tag or (when unambiguous) a word of its title."""
    names: dict[str, set[str]] = {}
    loose: dict[str, set[str]] = {}
    for issue in ds.issues.values():
        _add(names, issue.title, issue.id)
        for tag in issue.tags:
            _add(loose, tag, issue.id)
        for word in _WORD.findall(issue.title.casefold()):
            if word not in _STOP and len(word) > 2:
                _add(loose, word, issue.id)
    return _resolve("issue", name, ds.issues, names, loose)


def source_id(ds: Dataset, name: str) -> str:
    """A source by id, alias, author name or surname, or outlet."""
    names: dict[str, set[str]] = {}
    for source in ds.sources.values():
        for alias in source.aliases:
            _add(names, alias, source.id)
        if source.author.name:
            _add(names, source.author.name, source.id)
            _add(names, source.author.name.split()[-1], source.id)
        if source.outlet:
            _add(names, source.outlet.value, source.id)
    return _resolve("source", name, ds.sources, names, {})


def frame_id(ds: Dataset, name: str) -> str:
    """A frame by id, title or one of its side labels."""
    names: dict[str, set[str]] = {}
    for frame in ds.frames.values():
        _add(names, frame.title, frame.id)
        for label in frame.labels:
            _add(names, label.label, frame.id)
    return _resolve("frame", name, ds.frames, names, {})


def actor_id(ds: Dataset, name: str) -> str:
    """An actor by id, name, alias or variant spelling."""
    names: dict[str, set[str]] = {}
    for actor in ds.actors.values():
        _add(names, actor.name, actor.id)
        for alias in actor.aliases:
            _add(names, alias, actor.id)
        for variant in actor.variants:
            _add(names, variant.name, actor.id)
    return _resolve("actor", name, ds.actors, names, {})
