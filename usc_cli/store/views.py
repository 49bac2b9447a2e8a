"""A stored dataset's tables: views that read a row when it is asked for (or many rows in one
query), with the dataset loaded from the files behind them should the store turn out broken."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable, ItemsView, Iterator, Mapping, Sequence, ValuesView
from functools import partial
from typing import Any, TypeVar, overload

from usc_cli.dataset import Index
from usc_cli.store.quotes import Quotes
from usc_cli.store.reader import CHUNK, Broken, Reader, parsed

K = TypeVar("K")
V = TypeVar("V")


class Keyed(Mapping[K, V]):
    """A store table read by key: one row per key asked for; every row only when all values are read."""

    def __init__(
        self,
        reader: Reader,
        attr: str,
        one: tuple[str, Callable[[K], Sequence[object]]],
        every: str,
        make: Callable[[Any], tuple[K, V]],
        keys: str | None = None,
        ahead: Callable[[list[Any]], None] | None = None,
    ) -> None:
        self._reader, self._attr, self._one, self._every, self._make = reader, attr, one, every, make
        self._ahead = ahead  # reads ahead what checking every row needs (the spans of their quotes)
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
            self._values[key] = parsed(lambda: self._make(found[0])[1]) if found else None
        return self._values.get(key)

    def _all(self) -> list[K]:
        if not self._complete:
            rows = self._reader.rows(self._every)
            if self._ahead is not None:
                parsed(partial(self._ahead, rows))
            made = parsed(lambda: [self._make(row) for row in rows])
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
            except Broken:
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
            except Broken:
                pass
        return iter(self._memory())

    def __len__(self) -> int:
        return len(list(iter(self)))

    def values(self) -> ValuesView[V]:
        """Every value, read in one query."""
        with contextlib.suppress(Broken):
            if self._reader.recovered is None:
                self._all()
        return super().values()

    def items(self) -> ItemsView[K, V]:
        """Every (key, value), read in one query."""
        with contextlib.suppress(Broken):
            if self._reader.recovered is None:
                self._all()
        return super().items()


class Numbered(Sequence[V]):
    """A numbered store table (positions, recommendations, sites): one row per number asked for, or
    the rows of many numbers in one query (``take``); every quote a row holds is checked at its place
    in its article before the row is built (``make``)."""

    def __init__(self, reader: Reader, table: str, make: Callable[[Any], V], quotes: Quotes) -> None:
        self._reader, self._attr, self._table, self._make, self._quotes = reader, table, table, make, quotes
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
            self._cache[n] = parsed(lambda: self._make(self._quotes.check(json.loads(found[0][1]), None)))
        return self._cache[n]

    def _all(self) -> list[V]:
        if len(self._cache) < self._len():
            rows = self._reader.rows(f"SELECT sum, ord, body FROM {self._table} ORDER BY ord")
            self._cache.update(parsed(partial(self._made, [row for row in rows if row[0] not in self._cache])))
        return [self._cache[n] for n in range(self._len())]

    def _take(self, ords: Sequence[int]) -> list[V]:
        missing = [n for n in dict.fromkeys(ords) if n not in self._cache]
        for start in range(0, len(missing), CHUNK):
            chunk = missing[start : start + CHUNK]
            marks = ",".join("?" * len(chunk))
            rows = self._reader.rows(f"SELECT sum, ord, body FROM {self._table} WHERE ord IN ({marks})", chunk)
            self._cache.update(parsed(partial(self._made, rows)))
        if any(n not in self._cache for n in missing):
            raise IndexError(next(n for n in missing if n not in self._cache))
        return [self._cache[n] for n in ords]

    def _made(self, rows: list[Any]) -> dict[int, V]:
        """The rows' models, their quotes checked with the spans of all of them read ahead."""
        bodies = [json.loads(body) for _, body in rows]
        for quotes in self._quotes.prefetch((body, None) for body in bodies):
            self._quotes.verify(quotes)
        return {n: self._make(body) for (n, _), body in zip(rows, bodies, strict=True)}

    def take(self, ords: Sequence[int]) -> list[V]:
        """The rows numbered ``ords``, in that order, read in as few queries as SQLite allows."""
        if self._reader.recovered is None:
            try:
                return self._take(ords)
            except Broken:
                pass
        table = self._memory()
        return [table[n] for n in ords]

    @overload
    def __getitem__(self, n: int) -> V: ...

    @overload
    def __getitem__(self, n: slice) -> Sequence[V]: ...

    def __getitem__(self, n: int | slice) -> V | Sequence[V]:
        if self._reader.recovered is None:
            try:
                return self._all()[n] if isinstance(n, slice) else self._one(n)
            except Broken:
                pass
        return self._memory()[n]

    def __iter__(self) -> Iterator[V]:
        if self._reader.recovered is None:
            try:
                return iter(self._all())
            except Broken:
                pass
        return iter(self._memory())

    def __len__(self) -> int:
        if self._reader.recovered is None:
            try:
                return self._len()
            except Broken:
                pass
        return len(self._memory())


class SavedLookup:
    """``dataset.Index``'s lists as the store saved them, read one list at a time; once a command has
    asked for ``WHOLE`` lists of one kind (a view over every source), the rest of that kind in one query."""

    WHOLE = 32

    def __init__(self, reader: Reader) -> None:
        self._reader = reader
        self._cache: dict[tuple[str, str], list[Any]] = {}
        self._asked: dict[str, int] = {}  # lists read one at a time, by kind
        self._whole: set[str] = set()  # kinds read whole: a list not in the cache is empty

    def _read(self, name: str, key: str) -> list[Any]:
        if (name, key) in self._cache or name in self._whole:
            return self._cache.get((name, key), [])
        self._asked[name] = self._asked.get(name, 0) + 1
        if self._asked[name] < self.WHOLE:
            sql = "SELECT sum, name, key, value FROM lookup WHERE name = ? AND key = ?"
            found = self._reader.rows(sql, (name, key))
            self._cache[name, key] = parsed(lambda: json.loads(found[0][2]) if found else [])
            return self._cache[name, key]
        rows = self._reader.rows("SELECT sum, name, key, value FROM lookup WHERE name = ?", (name,))
        self._cache.update(parsed(lambda: {(name, k): json.loads(value) for _, k, value in rows}))
        self._whole.add(name)
        return self._cache.get((name, key), [])

    def _list(self, name: str, key: str) -> list[Any]:
        if self._reader.recovered is None:
            try:
                return self._read(name, key)
            except Broken:
                pass
        index = self._reader.fallback().index()
        return list(index.ords(name, key) if name in Index.ORDS else index.ids(name, key))

    def ords(self, name: str, key: str) -> Sequence[int]:
        """Row numbers of list ``name`` for ``key``."""
        return self._list(name, key)

    def ids(self, name: str, key: str) -> Sequence[str]:
        """Ids of list ``name`` for ``key``."""
        return self._list(name, key)
