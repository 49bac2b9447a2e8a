"""The dataset's store: one SQLite file per dataset, holding the verified dataset and its search index.

Keyed by content: the store's ``key`` is the hash of the bytes the loader read (``loader.Snapshot``)
with uscn's code and its dependencies' versions (``full_key``). A store is used only when its key is
exactly this run's key; anything else (stale, corrupt, not a regular file, too large) is a miss: the
dataset is loaded from its files, and a new store is written beside the old one and renamed over it.
Only a dataset that passed every check is stored. One store per dataset directory
(``cachefile.entry_path``), so two datasets never evict each other.

A stored dataset reads only what a command shows: its tables are views that fetch one row by id
(``_Keyed``), one position or recommendation by number (``_Numbered``), one seed or one quote's spans
when asked, and answer per-issue and per-source questions from the lists of ``dataset.Index``, saved
as the in-memory dataset built them. A store found broken while it is read (SQLite or JSON errors)
turns into a miss in the middle of the command: the views answer from the dataset loaded from the
files, and the store is rewritten.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import os
import sqlite3
import stat
import sys
import tempfile
from collections.abc import Callable, ItemsView, Iterator, Mapping, Sequence, ValuesView
from dataclasses import MISSING
from enum import Enum
from importlib.util import find_spec
from pathlib import Path
from types import UnionType
from typing import Annotated, Any, Literal, TypeVar, Union, get_args, get_origin, get_type_hints, overload

from usc_cli import models
from usc_cli.cachefile import entry_path
from usc_cli.dataset import Dataset, Index, SeedText, Site, Span, fold_whitespace
from usc_cli.locations import DataLocation

FORMAT = "uscn-store-4"  # 4: dataclass rows, every field; 3: a seed's language; 2: a checksum on every row
MAX_STORE_BYTES = 1024 * 1024 * 1024
_PACKAGE = Path(__file__).resolve().parent
_LEGACY = (("dataset", ".json"), ("search", ".sqlite"))  # the caches the store replaced

K = TypeVar("K")
V = TypeVar("V")
M = TypeVar("M")

# (Dataset attribute, kind in the records table, model)
_RECORDS: tuple[tuple[str, str, type[Any]], ...] = (
    ("sources", "source", models.Source),
    ("actors", "actor", models.Actor),
    ("issues", "issue", models.Issue),
    ("frames", "frame", models.Frame),
    ("events", "event", models.Event),
    ("agreements", "agreement", models.Agreement),
)

_SCHEMA = """
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


def code_version() -> str:
    """A hash of uscn's own modules, with PyYAML's, pydantic's, SQLite's and Python's versions."""
    versions = (FORMAT, sys.version, sqlite3.sqlite_version)
    digest = hashlib.sha256("\0".join(versions).encode())
    for path in sorted(_PACKAGE.rglob("*.py")):
        digest.update(str(path.relative_to(_PACKAGE)).encode() + b"\0" + path.read_bytes() + b"\0")
    # found without importing them (a run the store serves imports neither): PyYAML's __init__ carries
    # its version, pydantic's version module its own and the pydantic-core version it requires
    for module, file in (("yaml", None), ("pydantic", "version.py")):
        spec = find_spec(module)
        if spec is not None and spec.origin:
            origin = Path(spec.origin)
            digest.update((origin.parent / file if file else origin).read_bytes())
    return digest.hexdigest()


def full_key(content_key: str) -> str:
    """The store key of a dataset built from files whose content hash is ``content_key``."""
    return hashlib.sha256(f"{content_key}\0{code_version()}".encode()).hexdigest()


def store_path(location: DataLocation) -> Path | None:
    """Where this dataset's store lives, or None when there is no usable cache directory."""
    return entry_path("store", location, ".sqlite")


# ---- reading ----------------------------------------------------------------------------------


class _Broken(Exception):
    """The store cannot be read as written (corrupt page, bad JSON): the dataset is loaded from its files."""


def connect(path: Path, key: str) -> sqlite3.Connection | None:
    """A read-only connection to the store at ``path`` if it is a regular file whose key is ``key``.

    The file is opened without following a symlink and without blocking and checked with ``fstat``
    (a FIFO, a device or an oversized file is a miss) before SQLite opens it; the file SQLite opened
    must be that one. ``immutable``: a store is never changed in place, only replaced by a rename, so
    SQLite needs no locks, and a reader keeps reading the file it opened.
    """
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return None
    db: sqlite3.Connection | None = None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_STORE_BYTES:
            return None
        name = str(path).replace("%", "%25").replace("?", "%3f").replace("#", "%23")  # as a URI path
        db = sqlite3.connect(f"file:{name}?mode=ro&immutable=1", uri=True)
        found = db.execute("SELECT value FROM meta WHERE name = 'key'").fetchone()
        now = os.stat(path, follow_symlinks=False)
        if found != (key,) or (now.st_dev, now.st_ino) != (info.st_dev, info.st_ino):
            db.close()
            return None
        return db
    except (sqlite3.Error, OSError):  # not a database, another format, unreadable
        if db is not None:
            db.close()
        return None
    finally:
        os.close(fd)  # SQLite holds its own descriptor of the same file


class _Reader:
    """A store's connection, and the dataset loaded from the files once the store is found broken."""

    def __init__(self, db: sqlite3.Connection, load: Callable[[], Dataset]) -> None:
        self.db = db
        self.load = load
        self.recovered: Dataset | None = None

    def rows(self, sql: str, params: Sequence[object] = ()) -> list[Any]:
        """The rows of a ``SELECT sum, <every other column> …``, each checked against its sum and
        returned without it; a row that does not match is a broken store."""
        found = self.plain(sql, params)
        for row in found:
            if row[0] != _sum(row[1:]):
                raise _Broken("a row does not match its checksum")
        return [row[1:] for row in found]

    def plain(self, sql: str, params: Sequence[object] = ()) -> list[Any]:
        """The rows of any query (ids alone, counts), unchecked."""
        try:
            return self.db.execute(sql, params).fetchall()
        except sqlite3.Error as exc:
            raise _Broken(str(exc)) from None

    def fallback(self) -> Dataset:
        """The dataset loaded from the files (which rewrites the store); loaded once."""
        if self.recovered is None:
            self.db.close()
            self.recovered = self.load()
        return self.recovered


def _parsed(make: Callable[[], V]) -> V:
    try:
        return make()
    except (ValueError, TypeError, KeyError, IndexError) as exc:  # bad JSON or a row of another shape
        raise _Broken(str(exc)) from None


class _Keyed(Mapping[K, V]):
    """A store table read by key: one row per key asked for; every row only when all values are read."""

    def __init__(
        self,
        reader: _Reader,
        attr: str,
        one: tuple[str, Callable[[K], Sequence[object]]],
        every: str,
        make: Callable[[Any], tuple[K, V]],
        keys: str | None = None,
    ) -> None:
        self._reader, self._attr, self._one, self._every, self._make = reader, attr, one, every, make
        self._keys_sql = keys  # the keys alone, in order (None: read every row to know them)
        self._values: dict[K, V | None] = {}  # None: known not to be there
        self._order: list[K] | None = None
        self._complete = False

    def _memory(self) -> Mapping[K, V]:
        table: Mapping[K, V] = getattr(self._reader.fallback(), self._attr)
        return table

    def _fetch(self, key: K) -> V | None:
        if key not in self._values and not self._complete:
            sql, params = self._one
            found = self._reader.rows(sql, params(key))
            self._values[key] = _parsed(lambda: self._make(found[0])[1]) if found else None
        return self._values.get(key)

    def _all(self) -> list[K]:
        if not self._complete:
            made = _parsed(lambda: [self._make(row) for row in self._reader.rows(self._every)])
            self._values, self._order, self._complete = dict(made), [key for key, _ in made], True
        assert self._order is not None
        return self._order

    def _keys(self) -> list[K]:
        if self._order is None:
            if self._keys_sql is None:
                return self._all()
            self._order = [row[0] for row in self._reader.plain(self._keys_sql)]
        return self._order

    def __getitem__(self, key: K) -> V:
        if self._reader.recovered is None:
            try:
                found = self._fetch(key)
            except _Broken:
                return self._memory()[key]
            if found is None:
                raise KeyError(key)
            return found
        return self._memory()[key]

    def __contains__(self, key: object) -> bool:
        try:
            self[key]  # type: ignore[index]
        except (KeyError, TypeError):
            return False
        return True

    def __iter__(self) -> Iterator[K]:
        if self._reader.recovered is None:
            try:
                return iter(list(self._keys()))
            except _Broken:
                pass
        return iter(self._memory())

    def __len__(self) -> int:
        return len(list(iter(self)))

    def values(self) -> ValuesView[V]:
        """Every value, read in one query."""
        with contextlib.suppress(_Broken):
            if self._reader.recovered is None:
                self._all()
        return super().values()

    def items(self) -> ItemsView[K, V]:
        """Every (key, value), read in one query."""
        with contextlib.suppress(_Broken):
            if self._reader.recovered is None:
                self._all()
        return super().items()


class _Numbered(Sequence[V]):
    """A numbered store table (positions, recommendations, sites): one row per number asked for."""

    def __init__(self, reader: _Reader, table: str, make: Callable[[str], V]) -> None:
        self._reader, self._attr, self._table, self._make = reader, table, table, make
        self._cache: dict[int, V] = {}
        self._count: int | None = None

    def _memory(self) -> Sequence[V]:
        table: Sequence[V] = getattr(self._reader.fallback(), self._attr)
        return table

    def _len(self) -> int:
        if self._count is None:
            self._count = int(self._reader.plain(f"SELECT count(*) FROM {self._table}")[0][0])
        return self._count

    def _one(self, n: int) -> V:
        if n < 0:
            n += self._len()
        if n not in self._cache:
            found = self._reader.rows(f"SELECT sum, ord, body FROM {self._table} WHERE ord = ?", (n,))
            if not found:
                raise IndexError(n)
            self._cache[n] = _parsed(lambda: self._make(found[0][1]))
        return self._cache[n]

    def _all(self) -> list[V]:
        if len(self._cache) < self._len():
            rows = self._reader.rows(f"SELECT sum, ord, body FROM {self._table} ORDER BY ord")
            self._cache = _parsed(lambda: {n: self._cache.get(n) or self._make(body) for n, body in rows})
        return [self._cache[n] for n in range(self._len())]

    @overload
    def __getitem__(self, n: int) -> V: ...

    @overload
    def __getitem__(self, n: slice) -> Sequence[V]: ...

    def __getitem__(self, n: int | slice) -> V | Sequence[V]:
        if self._reader.recovered is None:
            try:
                return self._all()[n] if isinstance(n, slice) else self._one(n)
            except _Broken:
                pass
        return self._memory()[n]

    def __iter__(self) -> Iterator[V]:
        if self._reader.recovered is None:
            try:
                return iter(self._all())
            except _Broken:
                pass
        return iter(self._memory())

    def __len__(self) -> int:
        if self._reader.recovered is None:
            try:
                return self._len()
            except _Broken:
                pass
        return len(self._memory())


class _Lookup:
    """``dataset.Index``'s lists as the store saved them, read one list at a time."""

    def __init__(self, reader: _Reader) -> None:
        self._reader = reader
        self._cache: dict[tuple[str, str], list[Any]] = {}

    def _list(self, name: str, key: str) -> list[Any]:
        if self._reader.recovered is None:
            try:
                if (name, key) not in self._cache:
                    found = self._reader.rows(
                        "SELECT sum, name, key, value FROM lookup WHERE name = ? AND key = ?", (name, key)
                    )
                    self._cache[name, key] = _parsed(lambda: json.loads(found[0][2]) if found else [])
                return self._cache[name, key]
            except _Broken:
                pass
        index = self._reader.fallback().index()
        return list(index.ords(name, key) if name in Index.ORDS else index.ids(name, key))

    def ords(self, name: str, key: str) -> Sequence[int]:
        """Row numbers of list ``name`` for ``key``."""
        return self._list(name, key)

    def ids(self, name: str, key: str) -> Sequence[str]:
        """Ids of list ``name`` for ``key``."""
        return self._list(name, key)


def build(model: type[M], body: str | dict[str, Any]) -> M:
    """A model from a row the store wrote (``_dump``), rebuilt without validating it again.

    That is sound only because of where the rows come from: the store holds nothing but models that
    passed validation, dumped by this very code (its hash is part of the key, so a store written by
    other code or another pydantic is never opened), and it keeps pydantic out of every run the store
    serves. The shape is still checked: a row with a missing, unknown or ill-typed field, or a value
    outside its enum, raises, and the store is read as broken. A test rebuilds every row of the
    shipped and a synthetic store and finds each equal to the model the loader validated.
    """
    return _constructor(model)(json.loads(body) if isinstance(body, str) else body)


_CONSTRUCTORS: dict[type[Any], Callable[[Any], Any]] = {}


def _constructor(model: type[M]) -> Callable[[Any], M]:
    found = _CONSTRUCTORS.get(model)
    if found is None:
        hints = get_type_hints(model, include_extras=True)
        fields = {
            f.name: (_converter(hints[f.name]), f.default is MISSING and f.default_factory is MISSING)
            for f in dataclasses.fields(model)  # type: ignore[arg-type]
        }
        required = {name for name, (_, needed) in fields.items() if needed}

        def found(data: Any) -> M:
            if not isinstance(data, dict) or not data.keys() <= fields.keys() or not required <= data.keys():
                raise TypeError(f"not a stored {model.__name__}")
            return model(**{name: fields[name][0](value) for name, value in data.items()})

        _CONSTRUCTORS[model] = found
    return found


def _converter(hint: Any) -> Callable[[Any], Any]:
    """How to rebuild a value of type ``hint`` from JSON (the types ``models`` uses)."""
    origin, args = get_origin(hint), get_args(hint)
    if origin is Annotated:
        return _converter(args[0])
    if origin in (Union, UnionType) and len(args) == 2 and type(None) in args:
        inner = _converter(next(a for a in args if a is not type(None)))
        return lambda value: None if value is None else inner(value)
    if origin is list:
        item = _converter(args[0])
        return lambda value: [item(v) for v in _expect(value, list)]
    if origin is dict:
        key, item = _converter(args[0]), _converter(args[1])
        return lambda value: {key(k): item(v) for k, v in _expect(value, dict).items()}
    if origin is Literal:
        return lambda value: _literal(value, args)
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return lambda value: _constructor(hint)(value)
    if isinstance(hint, type) and issubclass(hint, Enum):
        return hint
    if hint in (str, bool, int):
        return lambda value: _expect(value, hint)
    raise TypeError(f"the store cannot rebuild a {hint!r}")  # pragma: no cover - a new field type in models


def _literal(value: Any, allowed: tuple[Any, ...]) -> Any:
    if value not in allowed:
        raise TypeError(f"expected one of {allowed!r}, got {value!r}")
    return value


def _expect(value: Any, kind: type[Any]) -> Any:
    if not isinstance(value, kind):
        raise TypeError(f"expected {kind.__name__}, got {type(value).__name__}")
    return value


def _of_kind(kind: str) -> Callable[[str], tuple[str, str]]:
    return lambda ident: (kind, ident)


def _sum(values: Sequence[object]) -> str:
    """A row's checksum: a store changed on the disk (a flipped bit, a bad sector) is a miss, never served."""
    joined = "\x1f".join(map(str, values)).encode("utf-8", "surrogatepass")
    return hashlib.blake2b(joined, digest_size=12).hexdigest()


def _quotes(value: Any, source: str | None) -> Iterator[tuple[str, str]]:
    """Every (source, quote) in a stored row as JSON; a quote without a ``source`` of its own or
    around it is ``source``'s (a source's facts)."""
    if isinstance(value, dict):
        own = value.get("source")
        source = own if isinstance(own, str) else source
        quote = value.get("quote")
        if isinstance(quote, str) and source is not None:
            yield source, quote
        for item in value.values():
            if isinstance(item, dict | list):
                yield from _quotes(item, source)
    elif isinstance(value, list):
        for item in value:
            yield from _quotes(item, source)


class _Quotes:
    """Checks each quote a stored row holds against the article read from its file in this run.

    The store keeps where each quote stands (its spans) and each article's path, never the text: the
    text comes from the bytes the loader read and hashed in this run, and a quote whose text is not at
    its offsets there is a broken store (a miss: the dataset is loaded from the files and stored again).
    """

    def __init__(self, reader: _Reader, files: Mapping[Path, object]) -> None:
        self.reader, self.files = reader, files
        self.paths: dict[str, tuple[str, str] | None] = {}
        self.texts: dict[str, SeedText] = {}
        self.checked: dict[tuple[str, str], tuple[Span, ...]] = {}

    def path(self, source: str) -> tuple[str, str] | None:
        """The source's seed file and the language its sentences are cut by (None: it has none)."""
        if source not in self.paths:
            found = self.reader.rows("SELECT sum, source, ord, path, language FROM seeds WHERE source = ?", (source,))
            self.paths[source] = (found[0][2], found[0][3]) if found else None
        return self.paths[source]

    def seed(self, source: str, found: tuple[str, str] | None = None) -> SeedText | None:
        """The article of ``source`` as read from its file in this run (None: the source has none)."""
        if source not in self.texts:
            found = found or self.path(source)
            if found is None:
                return None
            path, language = found
            raw = self.files.get(Path(path))
            if not isinstance(raw, bytes):
                raise _Broken(f"the store names a seed file that was not read: {path}")
            try:
                self.texts[source] = SeedText(raw.decode("utf-8-sig"), language)
            except UnicodeDecodeError:
                raise _Broken(f"the seed file {path} is not UTF-8") from None
        return self.texts[source]

    def spans(self, source: str, quote: str, stored: str) -> tuple[Span, ...]:
        """The stored spans of the quote, each checked against the article's text."""
        key = (source, quote)
        if key not in self.checked:
            spans = tuple(Span(a, b) for a, b in json.loads(stored))
            seed = self.seed(source)
            if seed is None or not spans:
                raise _Broken(f"no article or no place for a quote of {source}")
            needle = fold_whitespace(quote)
            for span in spans:
                if not 0 <= span.start < span.end <= len(seed.text):
                    raise _Broken(f"a quote of {source} is out of its article")
                if fold_whitespace(seed.text[span.start : span.end]) != needle:
                    raise _Broken(f"a quote of {source} is not at its place in the article")
            self.checked[key] = spans
        return self.checked[key]

    def check(self, row: Any, source: str | None) -> Any:
        """The row, once every quote in it is found at its place in its article."""
        for key in _quotes(row, source):
            if key not in self.checked:
                found = self.reader.rows(
                    "SELECT sum, source, quote, ord, spans FROM spans WHERE source = ? AND quote = ?", key
                )
                if not found:
                    raise _Broken(f"a quote of {key[0]} is in no article")
                self.spans(key[0], key[1], found[0][3])
        return row


def _site(quotes: _Quotes) -> Callable[[str], Site]:
    def make(body: str) -> Site:
        file, line, path, item, summary, evidence = quotes.check(json.loads(body), None)
        return Site(file, line, path, item, summary, build(models.Evidence, evidence))

    return make


def _checked(quotes: _Quotes, model: type[M]) -> Callable[[str], M]:
    return lambda body: build(model, quotes.check(json.loads(body), None))


def stored_dataset(db: sqlite3.Connection, load: Callable[[], Dataset], files: Mapping[Path, object]) -> Dataset:
    """The dataset in the store behind ``db``, read as asked; ``load`` gives it from the files instead.

    ``files`` are the bytes the loader read in this run: the articles' text comes from them, and
    every quote a row holds is checked against it before the row is used.
    """
    reader = _Reader(db, load)
    quotes = _Quotes(reader, files)
    tables: dict[str, Any] = {}
    for attr, kind, model in _RECORDS:

        def record(row: Any, model: type[Any] = model, kind: str = kind) -> tuple[str, Any]:
            body = quotes.check(json.loads(row[3]), row[1] if kind == "source" else None)
            if body.get("id") != row[1]:
                raise ValueError("a record under another id")
            return row[1], build(model, body)

        tables[attr] = _Keyed(
            reader,
            attr,
            ("SELECT sum, kind, id, ord, body FROM records WHERE kind = ? AND id = ?", _of_kind(kind)),
            f"SELECT sum, kind, id, ord, body FROM records WHERE kind = '{kind}' ORDER BY ord",
            record,
            keys=f"SELECT id FROM records WHERE kind = '{kind}' ORDER BY ord",
        )

    def seed(row: Any) -> tuple[str, SeedText]:
        found = quotes.seed(row[0], (row[2], row[3]))
        assert found is not None
        return row[0], found

    return Dataset(
        positions=_Numbered(reader, "positions", _checked(quotes, models.Position)),
        recommendations=_Numbered(reader, "recommendations", _checked(quotes, models.Recommendation)),
        seeds=_Keyed(
            reader,
            "seeds",
            ("SELECT sum, source, ord, path, language FROM seeds WHERE source = ?", lambda source: (source,)),
            "SELECT sum, source, ord, path, language FROM seeds ORDER BY ord",
            seed,
        ),
        seed_files=_Keyed(
            reader,
            "seed_files",
            ("SELECT sum, source, ord, path, language FROM seeds WHERE source = ?", lambda source: (source,)),
            "SELECT sum, source, ord, path, language FROM seeds ORDER BY ord",
            lambda row: (row[0], row[2]),
        ),
        spans=_Keyed(
            reader,
            "spans",
            ("SELECT sum, source, quote, ord, spans FROM spans WHERE source = ? AND quote = ?", lambda key: key),
            "SELECT sum, source, quote, ord, spans FROM spans ORDER BY ord",
            lambda row: ((row[0], row[1]), quotes.spans(row[0], row[1], row[3])),
        ),
        attributions=_Keyed(
            reader,
            "attributions",
            ("SELECT sum, source, ord, body FROM attributions WHERE source = ?", lambda source: (source,)),
            "SELECT sum, source, ord, body FROM attributions ORDER BY ord",
            lambda row: (row[0], [build(models.Attribution, item) for item in json.loads(row[2])]),
        ),
        sites=_Numbered(reader, "sites", _site(quotes)),
        lookup=_Lookup(reader),
        **tables,
    )


def open_dataset(
    location: DataLocation, key: str, load: Callable[[], Dataset], files: Mapping[Path, object]
) -> Dataset:
    """The dataset whose key is ``key``: from its store when there is one, else ``load()``.

    ``files``: the bytes of every file read in this run (the articles are taken from them).
    """
    path = store_path(location)
    db = connect(path, key) if path is not None else None
    if db is None:
        return load()
    return stored_dataset(db, load, files)


# ---- writing ----------------------------------------------------------------------------------


def _dump(model: Any) -> str:
    """The model as JSON, every field (an enum as its value)."""
    return json.dumps(dataclasses.asdict(model), ensure_ascii=False, separators=(",", ":"))


def _summed(*values: object) -> tuple[object, ...]:
    return (_sum(values), *values)


def _fill(db: sqlite3.Connection, key: str, ds: Dataset) -> None:
    db.executescript(_SCHEMA)
    db.execute("INSERT INTO meta VALUES ('format', ?)", (FORMAT,))
    for attr, kind, _ in _RECORDS:
        table: Mapping[str, Any] = getattr(ds, attr)
        rows = (_summed(kind, ident, n, _dump(item)) for n, (ident, item) in enumerate(table.items()))
        db.executemany("INSERT INTO records VALUES (?, ?, ?, ?, ?)", rows)
    for table_name in ("positions", "recommendations"):
        items: Sequence[Any] = getattr(ds, table_name)
        db.executemany(
            f"INSERT INTO {table_name} VALUES (?, ?, ?)", (_summed(n, _dump(item)) for n, item in enumerate(items))
        )
    db.executemany(
        "INSERT INTO seeds VALUES (?, ?, ?, ?, ?)",
        (_summed(s, n, path, ds.seeds[s].language) for n, (s, path) in enumerate(ds.seed_files.items())),
    )
    db.executemany(
        "INSERT INTO spans VALUES (?, ?, ?, ?, ?)",
        (
            _summed(s, q, n, json.dumps([[x.start, x.end] for x in found]))
            for n, ((s, q), found) in enumerate(ds.spans.items())
        ),
    )
    db.executemany(
        "INSERT INTO attributions VALUES (?, ?, ?, ?)",
        (
            _summed(s, n, "[" + ",".join(map(_dump, items)) + "]")
            for n, (s, items) in enumerate(ds.attributions.items())
        ),
    )
    db.executemany(
        "INSERT INTO sites VALUES (?, ?, ?)",
        (
            _summed(n, json.dumps([s.file, s.line, s.path, s.item, s.summary, json.loads(_dump(s.evidence))]))
            for n, s in enumerate(ds.sites)
        ),
    )
    index = Index(ds)
    lists: list[tuple[object, ...]] = [
        _summed(name, k, json.dumps(v)) for name, table in index.ord_lists.items() for k, v in table.items()
    ]
    lists += [_summed(name, k, json.dumps(v)) for name, table in index.id_lists.items() for k, v in table.items()]
    db.executemany("INSERT INTO lookup VALUES (?, ?, ?, ?)", lists)
    db.execute("INSERT INTO meta VALUES ('key', ?)", (key,))


def write(
    location: DataLocation, key: str, ds: Dataset, extra: Callable[[sqlite3.Connection], None] | None = None
) -> Path | None:
    """Store a verified dataset (and what ``extra`` adds, e.g. the search index) as this dataset's one
    store; return its path, or None when it cannot be written (a store only saves time).

    Written to a temporary file in the cache directory and renamed over the old store, so a reader
    sees the old store or the new one, never half of one; the temporary file is removed on any
    exception, Ctrl-C included.
    """
    path = store_path(location)
    if path is None:
        return None
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        _remove_stale(path.parent)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp", dir=path.parent)
        os.close(fd)
    except OSError:
        return None
    try:
        db = sqlite3.connect(tmp)
        try:
            db.execute("PRAGMA journal_mode = OFF")
            db.execute("PRAGMA synchronous = OFF")
            with db:
                _fill(db, key, ds)
                if extra is not None:
                    extra(db)
        finally:
            db.close()
        os.replace(tmp, path)  # replaces a symlink or FIFO itself, never what it points to
    except (OSError, sqlite3.Error):
        return None
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)  # already renamed on success: nothing to remove
    for kind, suffix in _LEGACY:
        legacy = entry_path(kind, location, suffix)
        if legacy is not None:
            with contextlib.suppress(OSError):
                legacy.unlink()
    return path


def _remove_stale(directory: Path) -> None:
    """Remove the temporary stores of builds whose process is gone (``kill -9``, a power cut).

    Each build names its temporary file with its process id; a build still running keeps its file.
    """
    with contextlib.suppress(OSError), os.scandir(directory) as entries:
        for entry in entries:
            if not (entry.name.startswith(".store-") and entry.name.endswith(".tmp")):
                continue
            pid = entry.name.removesuffix(".tmp").rsplit(".", 2)[-2]
            if pid.isdigit() and not _running(int(pid)):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)


def _running(pid: int) -> bool:
    if os.name == "nt":  # os.kill would end the process there: assume it runs
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's process: running
        return True
    return True


def with_index(
    location: DataLocation, key: str, ds: Dataset, version: str, fill: Callable[[sqlite3.Connection], None]
) -> sqlite3.Connection:
    """A connection to this dataset's store holding the index that ``fill`` builds (``version``
    names its kind and shape, e.g. the search index's).

    The first run that asks for the index writes a new store with it (the index then serves every
    later run until the key changes); with no usable cache the index is built in memory.
    """
    path = store_path(location)
    if path is not None:
        for attempt in range(2):
            db = connect(path, key)
            if db is not None:
                if db.execute("SELECT value FROM meta WHERE name = 'index'").fetchone() == (version,):
                    return db
                db.close()
            if attempt == 0:

                def extra(db: sqlite3.Connection) -> None:
                    fill(db)
                    db.execute("INSERT INTO meta VALUES ('index', ?)", (version,))

                if write(location, key, ds, extra) is None:
                    break
    db = sqlite3.connect(":memory:")
    fill(db)
    return db
