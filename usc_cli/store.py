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
import hashlib
import json
import os
import sqlite3
import stat
import sys
import tempfile
from collections.abc import Callable, ItemsView, Iterator, Mapping, Sequence, ValuesView
from enum import Enum
from importlib.util import find_spec
from pathlib import Path
from types import UnionType
from typing import Annotated, Any, Literal, TypeVar, Union, get_args, get_origin, overload

from pydantic import BaseModel

from usc_cli import models
from usc_cli.cachefile import entry_path
from usc_cli.dataset import Dataset, Index, SeedText, Site, Span
from usc_cli.locations import DataLocation

FORMAT = "uscn-store-1"
MAX_STORE_BYTES = 1024 * 1024 * 1024
_PACKAGE = Path(__file__).resolve().parent
_LEGACY = (("dataset", ".json"), ("search", ".sqlite"))  # the caches the store replaced

K = TypeVar("K")
V = TypeVar("V")
M = TypeVar("M", bound=BaseModel)

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
CREATE TABLE records(kind TEXT, id TEXT, ord INTEGER, body TEXT NOT NULL, PRIMARY KEY (kind, id));
CREATE INDEX records_order ON records(kind, ord);
CREATE TABLE positions(ord INTEGER PRIMARY KEY, body TEXT NOT NULL);
CREATE TABLE recommendations(ord INTEGER PRIMARY KEY, body TEXT NOT NULL);
CREATE TABLE seeds(source TEXT PRIMARY KEY, ord INTEGER, text TEXT NOT NULL);
CREATE TABLE spans(source TEXT, quote TEXT, ord INTEGER, spans TEXT NOT NULL, PRIMARY KEY (source, quote));
CREATE TABLE attributions(source TEXT PRIMARY KEY, ord INTEGER, body TEXT NOT NULL);
CREATE TABLE sites(ord INTEGER PRIMARY KEY, body TEXT NOT NULL);
CREATE TABLE lookup(name TEXT, key TEXT, value TEXT NOT NULL, PRIMARY KEY (name, key));
"""


def code_version() -> str:
    """A hash of uscn's own modules and of PyYAML's, with pydantic's, SQLite's and Python's versions."""
    import pydantic
    import pydantic_core

    versions = (FORMAT, sys.version, pydantic.VERSION, pydantic_core.__version__, sqlite3.sqlite_version)
    digest = hashlib.sha256("\0".join(versions).encode())
    for path in sorted(_PACKAGE.rglob("*.py")):
        digest.update(str(path.relative_to(_PACKAGE)).encode() + b"\0" + path.read_bytes() + b"\0")
    spec = find_spec("yaml")  # its __init__ carries __version__; found without importing yaml
    if spec is not None and spec.origin:
        digest.update(Path(spec.origin).read_bytes())
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
        make: Callable[[Any, bool], tuple[K, V]],
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
            self._values[key] = _parsed(lambda: self._make(found[0], False)[1]) if found else None
        return self._values.get(key)

    def _all(self) -> list[K]:
        if not self._complete:
            made = _parsed(lambda: [self._make(row, True) for row in self._reader.rows(self._every)])
            self._values, self._order, self._complete = dict(made), [key for key, _ in made], True
        assert self._order is not None
        return self._order

    def _keys(self) -> list[K]:
        if self._order is None:
            if self._keys_sql is None:
                return self._all()
            self._order = [row[0] for row in self._reader.rows(self._keys_sql)]
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

    def __init__(self, reader: _Reader, table: str, make: Callable[[str, bool], V]) -> None:
        self._reader, self._attr, self._table, self._make = reader, table, table, make
        self._cache: dict[int, V] = {}
        self._count: int | None = None

    def _memory(self) -> Sequence[V]:
        table: Sequence[V] = getattr(self._reader.fallback(), self._attr)
        return table

    def _len(self) -> int:
        if self._count is None:
            self._count = int(self._reader.rows(f"SELECT count(*) FROM {self._table}")[0][0])
        return self._count

    def _one(self, n: int) -> V:
        if n < 0:
            n += self._len()
        if n not in self._cache:
            found = self._reader.rows(f"SELECT body FROM {self._table} WHERE ord = ?", (n,))
            if not found:
                raise IndexError(n)
            self._cache[n] = _parsed(lambda: self._make(found[0][0], False))
        return self._cache[n]

    def _all(self) -> list[V]:
        if len(self._cache) < self._len():
            rows = self._reader.rows(f"SELECT ord, body FROM {self._table} ORDER BY ord")
            self._cache = _parsed(lambda: {n: self._cache.get(n) or self._make(body, True) for n, body in rows})
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
                    found = self._reader.rows("SELECT value FROM lookup WHERE name = ? AND key = ?", (name, key))
                    self._cache[name, key] = _parsed(lambda: json.loads(found[0][0]) if found else [])
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


def build(model: type[M], body: str | dict[str, Any], many: bool = False) -> M:
    """A model from a row the store wrote (``_dump``).

    A whole table (``many``) is validated: pydantic's validator is the fastest way to build many
    rows, once it is built. A few rows are constructed without validating them again, so a command
    that shows a handful of rows never builds a validator (``defer_build`` in ``models``). That is
    sound only because of where the rows come from: the store holds nothing but models that passed
    validation, dumped by this very code (its hash is part of the key, so a store written by other
    code or another pydantic is never opened). The shape is still checked: a row with a missing,
    unknown or ill-typed field, or a value outside its enum, raises, and the store is read as broken.
    A test builds every row of the shipped and a synthetic store both ways and finds them equal.
    """
    if many:
        return model.model_validate_json(body) if isinstance(body, str) else model.model_validate(body)
    return _constructor(model)(json.loads(body) if isinstance(body, str) else body)


_CONSTRUCTORS: dict[type[Any], Callable[[Any], Any]] = {}


def _constructor(model: type[M]) -> Callable[[Any], M]:
    found = _CONSTRUCTORS.get(model)
    if found is None:
        fields = {name: (_converter(info.annotation), info.is_required()) for name, info in model.model_fields.items()}
        required = {name for name, (_, needed) in fields.items() if needed}

        def found(data: Any) -> M:
            if not isinstance(data, dict) or not data.keys() <= fields.keys() or not required <= data.keys():
                raise TypeError(f"not a stored {model.__name__}")
            values = {name: fields[name][0](value) for name, value in data.items()}
            return model.model_construct(_fields_set=set(data), **values)

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
    if isinstance(hint, type) and issubclass(hint, BaseModel):
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


def _record(model: type[M]) -> Callable[[Any, bool], tuple[str, M]]:
    return lambda row, many: (row[0], build(model, row[1], many))


def _of_kind(kind: str) -> Callable[[str], tuple[str, str]]:
    return lambda ident: (kind, ident)


def _site(body: str, many: bool) -> Site:
    file, line, path, item, summary, evidence = json.loads(body)
    return Site(file, line, path, item, summary, build(models.Evidence, evidence, many))


def stored_dataset(db: sqlite3.Connection, load: Callable[[], Dataset]) -> Dataset:
    """The dataset in the store behind ``db``, read as asked; ``load`` gives it from the files instead."""
    reader = _Reader(db, load)
    tables: dict[str, Any] = {}
    for attr, kind, model in _RECORDS:
        tables[attr] = _Keyed(
            reader,
            attr,
            ("SELECT id, body FROM records WHERE kind = ? AND id = ?", _of_kind(kind)),
            f"SELECT id, body FROM records WHERE kind = '{kind}' ORDER BY ord",
            _record(model),
            keys=f"SELECT id FROM records WHERE kind = '{kind}' ORDER BY ord",
        )
    return Dataset(
        positions=_Numbered(reader, "positions", lambda body, many: build(models.Position, body, many)),
        recommendations=_Numbered(
            reader, "recommendations", lambda body, many: build(models.Recommendation, body, many)
        ),
        seeds=_Keyed(
            reader,
            "seeds",
            ("SELECT source, text FROM seeds WHERE source = ?", lambda source: (source,)),
            "SELECT source, text FROM seeds ORDER BY ord",
            lambda row, _: (row[0], SeedText(row[1])),
        ),
        spans=_Keyed(
            reader,
            "spans",
            ("SELECT source, quote, spans FROM spans WHERE source = ? AND quote = ?", lambda key: key),
            "SELECT source, quote, spans FROM spans ORDER BY ord",
            lambda row, _: ((row[0], row[1]), tuple(Span(a, b) for a, b in json.loads(row[2]))),
        ),
        attributions=_Keyed(
            reader,
            "attributions",
            ("SELECT source, body FROM attributions WHERE source = ?", lambda source: (source,)),
            "SELECT source, body FROM attributions ORDER BY ord",
            lambda row, many: (row[0], [build(models.Attribution, item, many) for item in json.loads(row[1])]),
        ),
        sites=_Numbered(reader, "sites", _site),
        lookup=_Lookup(reader),
        **tables,
    )


def open_dataset(location: DataLocation, key: str, load: Callable[[], Dataset]) -> Dataset:
    """The dataset whose key is ``key``: from its store when there is one, else ``load()``."""
    path = store_path(location)
    db = connect(path, key) if path is not None else None
    if db is None:
        return load()
    return stored_dataset(db, load)


# ---- writing ----------------------------------------------------------------------------------


def _dump(model: Any) -> str:
    """The model as JSON, with only the fields it was given (``build`` restores the defaults)."""
    return str(model.model_dump_json(exclude_unset=True))


def _fill(db: sqlite3.Connection, key: str, ds: Dataset) -> None:
    db.executescript(_SCHEMA)
    db.execute("INSERT INTO meta VALUES ('format', ?)", (FORMAT,))
    for attr, kind, _ in _RECORDS:
        table: Mapping[str, Any] = getattr(ds, attr)
        rows = ((kind, ident, n, _dump(item)) for n, (ident, item) in enumerate(table.items()))
        db.executemany("INSERT INTO records VALUES (?, ?, ?, ?)", rows)
    db.executemany("INSERT INTO positions VALUES (?, ?)", enumerate(map(_dump, ds.positions)))
    db.executemany("INSERT INTO recommendations VALUES (?, ?)", enumerate(map(_dump, ds.recommendations)))
    db.executemany("INSERT INTO seeds VALUES (?, ?, ?)", ((s, n, t.text) for n, (s, t) in enumerate(ds.seeds.items())))
    db.executemany(
        "INSERT INTO spans VALUES (?, ?, ?, ?)",
        (
            (s, q, n, json.dumps([[x.start, x.end] for x in found]))
            for n, ((s, q), found) in enumerate(ds.spans.items())
        ),
    )
    db.executemany(
        "INSERT INTO attributions VALUES (?, ?, ?)",
        ((s, n, "[" + ",".join(map(_dump, items)) + "]") for n, (s, items) in enumerate(ds.attributions.items())),
    )
    db.executemany(
        "INSERT INTO sites VALUES (?, ?)",
        (
            (n, json.dumps([s.file, s.line, s.path, s.item, s.summary, json.loads(_dump(s.evidence))]))
            for n, s in enumerate(ds.sites)
        ),
    )
    index = Index(ds)
    lists: list[tuple[str, str, str]] = [
        (name, k, json.dumps(v)) for name, table in index.ord_lists.items() for k, v in table.items()
    ]
    lists += [(name, k, json.dumps(v)) for name, table in index.id_lists.items() for k, v in table.items()]
    db.executemany("INSERT INTO lookup VALUES (?, ?, ?)", lists)
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
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
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
