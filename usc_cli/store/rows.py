"""What a row of the store is: its tables, a model as JSON and back, and each row's checksum."""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import MISSING
from enum import Enum
from itertools import chain
from types import UnionType
from typing import Annotated, Any, Literal, TypeVar, Union, get_args, get_origin, get_type_hints

from usc_cli import models
from usc_cli.dataset import Dataset, Index
from usc_cli.store.key import FORMAT

M = TypeVar("M")

# (Dataset attribute, kind in the records table, model)
RECORDS: tuple[tuple[str, str, type[Any]], ...] = (
    ("sources", "source", models.Source),
    ("actors", "actor", models.Actor),
    ("issues", "issue", models.Issue),
    ("frames", "frame", models.Frame),
    ("events", "event", models.Event),
    ("agreements", "agreement", models.Agreement),
)

SCHEMA = """
CREATE TABLE meta(name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE records(sum TEXT, kind TEXT, id TEXT, ord INTEGER, body TEXT NOT NULL, PRIMARY KEY (kind, id));
CREATE INDEX records_order ON records(kind, ord);
CREATE TABLE positions(sum TEXT, ord INTEGER PRIMARY KEY, body TEXT NOT NULL);
CREATE TABLE recommendations(sum TEXT, ord INTEGER PRIMARY KEY, body TEXT NOT NULL);
CREATE TABLE seeds(sum TEXT, source TEXT PRIMARY KEY, ord INTEGER, path TEXT NOT NULL, language TEXT NOT NULL);
CREATE TABLE spans(sum TEXT, source TEXT, quote TEXT, ord INTEGER, spans TEXT NOT NULL, PRIMARY KEY (source, quote));
CREATE TABLE attributions(sum TEXT, source TEXT PRIMARY KEY, ord INTEGER, body TEXT NOT NULL);
CREATE TABLE sites(sum TEXT, ord INTEGER PRIMARY KEY, body TEXT NOT NULL);
CREATE TABLE lookup(sum TEXT, name TEXT, key TEXT, value TEXT NOT NULL, PRIMARY KEY (name, key));
"""


def build(model: type[M], body: str | dict[str, Any]) -> M:
    """A model from a row the store wrote (``dump``), rebuilt without validating it again.

    That is sound because of where the rows come from: the store holds nothing but models that
    passed validation, dumped by this very code (its hash is part of the key, so a store written by
    other code or another pydantic is never opened), and each row matches its checksum (a row changed
    on the disk is never read), and it keeps pydantic out of every run the store serves. Nested
    models and enums are rebuilt; a row with a missing or unknown field, or a value outside its enum,
    still raises, and the store is read as broken. A test rebuilds every row of the shipped and a
    synthetic store and finds each equal to the model the loader validated.
    """
    return _constructor(model)(json.loads(body) if isinstance(body, str) else body)


_CONSTRUCTORS: dict[type[Any], Callable[[Any], Any]] = {}


def _constructor(model: type[M]) -> Callable[[Any], M]:
    found = _CONSTRUCTORS.get(model)
    if found is None:
        hints = get_type_hints(model, include_extras=True)
        names = frozenset(f.name for f in dataclasses.fields(model))  # type: ignore[arg-type]
        required = frozenset(
            f.name
            for f in dataclasses.fields(model)  # type: ignore[arg-type]
            if f.default is MISSING and f.default_factory is MISSING
        )
        plan = {name: convert for name in names if (convert := _converter(hints[name])) is not None}

        def found(data: Any) -> M:
            if not isinstance(data, dict) or not data.keys() <= names or not required <= data.keys():
                raise TypeError(f"not a stored {model.__name__}")
            for name, convert in plan.items():
                if name in data:
                    data[name] = convert(data[name])
            return model(**data)

        _CONSTRUCTORS[model] = found
    return found


def _converter(hint: Any) -> Callable[[Any], Any] | None:
    """How to rebuild a value of type ``hint`` from JSON, or None where JSON gives it as it is (text,
    numbers, truth values, a Literal's words, lists and maps of them)."""
    origin, args = get_origin(hint), get_args(hint)
    if origin is Annotated:
        return _converter(args[0])
    if origin in (Union, UnionType) and len(args) == 2 and type(None) in args:
        inner = _converter(next(a for a in args if a is not type(None)))
        if inner is None:
            return None
        return lambda value: None if value is None else inner(value)
    if origin is list:
        each = _converter(args[0])
        if each is None:
            return None
        return lambda value: [each(v) for v in value]
    if origin is dict:
        key, item = _converter(args[0]), _converter(args[1])
        if key is None and item is None:
            return None
        keyed, valued = key or _same, item or _same
        return lambda value: {keyed(k): valued(v) for k, v in value.items()}
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return _constructor(hint)
    if isinstance(hint, type) and issubclass(hint, Enum):
        return hint
    if origin is Literal or hint in (str, bool, int):
        return None
    raise TypeError(f"the store cannot rebuild a {hint!r}")  # pragma: no cover - a new field type in models


def _same(value: Any) -> Any:
    return value


def checksum(values: Sequence[object]) -> str:
    """A row's checksum: a store changed on the disk (a flipped bit, a bad sector) is a miss, never served."""
    joined = "\x1f".join(map(str, values)).encode("utf-8", "surrogatepass")
    return hashlib.blake2b(joined, digest_size=12).hexdigest()


def quotes_in(value: Any, source: str | None) -> list[tuple[str, str]]:
    """Every (source, quote) in a stored row as JSON; a quote without a ``source`` of its own or
    around it is ``source``'s (a source's facts)."""
    found: list[tuple[str, str]] = []
    _collect(value, source, found)
    return found


def _collect(value: Any, source: str | None, found: list[tuple[str, str]]) -> None:
    if isinstance(value, dict):
        own = value.get("source")
        if own.__class__ is str:
            source = own
        quote = value.get("quote")
        if quote.__class__ is str and source is not None:
            found.append((source, quote))
        for item in value.values():
            if item.__class__ is dict or item.__class__ is list:
                _collect(item, source, found)
    elif isinstance(value, list):
        for item in value:
            if item.__class__ is dict or item.__class__ is list:
                _collect(item, source, found)


def dump(model: Any) -> str:
    """The model as JSON, every field (an enum as its value)."""
    return json.dumps(dataclasses.asdict(model), ensure_ascii=False, separators=(",", ":"))


def summed(*values: object) -> tuple[object, ...]:
    return (checksum(values), *values)


def tables(ds: Dataset) -> Iterator[tuple[str, Iterable[Sequence[object]]]]:
    """The store's rows of ``ds``, table by table (``SCHEMA``), each row with its checksum first."""
    yield "meta", [("format", FORMAT)]
    for attr, kind, _ in RECORDS:
        table: Mapping[str, Any] = getattr(ds, attr)
        yield "records", (summed(kind, ident, n, dump(item)) for n, (ident, item) in enumerate(table.items()))
    for name in ("positions", "recommendations"):
        items: Sequence[Any] = getattr(ds, name)
        yield name, (summed(n, dump(item)) for n, item in enumerate(items))
    yield "seeds", (summed(s, n, path, ds.seeds[s].language) for n, (s, path) in enumerate(ds.seed_files.items()))
    spans = enumerate(ds.spans.items())
    yield "spans", (summed(s, q, n, json.dumps([[x.start, x.end] for x in found])) for n, ((s, q), found) in spans)
    yield (
        "attributions",
        (summed(s, n, "[" + ",".join(map(dump, items)) + "]") for n, (s, items) in enumerate(ds.attributions.items())),
    )
    yield (
        "sites",
        (
            summed(n, json.dumps([s.file, s.line, s.path, s.item, s.summary, json.loads(dump(s.evidence))]))
            for n, s in enumerate(ds.sites)
        ),
    )
    index = Index(ds)
    lists: Iterable[tuple[str, Mapping[str, list[int] | list[str]]]] = chain(
        index.ord_lists.items(), index.id_lists.items()
    )
    yield "lookup", (summed(name, k, json.dumps(v)) for name, table in lists for k, v in table.items())
