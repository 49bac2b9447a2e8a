"""Every quote a stored row holds, checked at its place in the article read in this run."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from itertools import chain
from pathlib import Path
from typing import Any

from usc_cli.dataset import SeedText, Span, fold_whitespace
from usc_cli.store.reader import CHUNK, Broken, Reader
from usc_cli.store.rows import quotes_in

SEEDS = "SELECT sum, source, ord, path, language FROM seeds"
SPANS = "SELECT sum, source, quote, ord, spans FROM spans"


class Quotes:
    """Checks each quote a stored row holds against the article read from its file in this run.

    The store keeps where each quote stands (its spans) and each article's path, never the text: the
    text comes from the bytes the loader read and hashed in this run, and a quote whose text is not at
    its offsets there is a broken store (a miss: the dataset is loaded from the files and stored again).
    """

    def __init__(self, reader: Reader, files: Mapping[Path, object]) -> None:
        self.reader, self.files = reader, files
        self.paths: dict[str, tuple[str, str] | None] = {}
        self.texts: dict[str, SeedText] = {}
        self.checked: dict[tuple[str, str], tuple[Span, ...]] = {}
        self.places: dict[tuple[str, str], str] = {}  # stored spans of the quotes of the sources read ahead
        self.ahead: set[str] = set()  # sources whose seed and quotes' spans were read ahead

    def prefetch(self, rows: Iterable[tuple[Any, str | None]]) -> list[list[tuple[str, str]]]:
        """Read the seeds and the stored spans of every source the rows quote (each row as JSON, with
        the source its quotes without one of their own belong to), a few queries for all of them: many
        rows are then checked without a query per quote (the checks themselves stay). Returns each
        row's quotes, for ``verify``."""
        quoted = [quotes_in(row, source) for row, source in rows]
        wanted = {s for s, _ in chain.from_iterable(quoted) if s not in self.ahead}
        ordered = sorted(wanted)
        for start in range(0, len(ordered), CHUNK):
            chunk = ordered[start : start + CHUNK]
            marks = ",".join("?" * len(chunk))
            seeds = self.reader.rows(f"{SEEDS} WHERE source IN ({marks})", chunk)
            self.paths.update({s: (path, language) for s, _, path, language in seeds})
            found = self.reader.rows(f"{SPANS} WHERE source IN ({marks})", chunk)
            self.places.update({(s, quote): spans for s, quote, _, spans in found})
        self.ahead.update(wanted)
        return quoted

    def path(self, source: str) -> tuple[str, str] | None:
        """The source's seed file and the language its sentences are cut by (None: it has none)."""
        if source not in self.paths and source not in self.ahead:
            found = self.reader.rows("SELECT sum, source, ord, path, language FROM seeds WHERE source = ?", (source,))
            self.paths[source] = (found[0][2], found[0][3]) if found else None
        return self.paths.get(source)

    def seed(self, source: str, found: tuple[str, str] | None = None) -> SeedText | None:
        """The article of ``source`` as read from its file in this run (None: the source has none)."""
        if source not in self.texts:
            found = found or self.path(source)
            if found is None:
                return None
            path, language = found
            raw = self.files.get(Path(path))
            if not isinstance(raw, bytes):
                raise Broken(f"the store names a seed file that was not read: {path}")
            try:
                self.texts[source] = SeedText(raw.decode("utf-8-sig"), language)
            except UnicodeDecodeError:
                raise Broken(f"the seed file {path} is not UTF-8") from None
        return self.texts[source]

    def spans(self, source: str, quote: str, stored: str) -> tuple[Span, ...]:
        """The stored spans of the quote, each checked against the article's text."""
        key = (source, quote)
        if key not in self.checked:
            spans = tuple(Span(a, b) for a, b in json.loads(stored))
            seed = self.seed(source)
            if seed is None or not spans:
                raise Broken(f"no article or no place for a quote of {source}")
            text, needle = seed.text, None
            for span in spans:
                if not 0 <= span.start < span.end <= len(text):
                    raise Broken(f"a quote of {source} is out of its article")
                found = text[span.start : span.end]
                if found != quote:  # the same words across other whitespace (a line break) also match
                    needle = needle or fold_whitespace(quote)
                    if fold_whitespace(found) != needle:
                        raise Broken(f"a quote of {source} is not at its place in the article")
            self.checked[key] = spans
        return self.checked[key]

    def check(self, row: Any, source: str | None) -> Any:
        """The row, once every quote in it is found at its place in its article."""
        self.verify(quotes_in(row, source))
        return row

    def verify(self, keys: Iterable[tuple[str, str]]) -> None:
        """Find each (source, quote) at its stored place in its article, or raise ``Broken``."""
        for key in keys:
            if key not in self.checked:
                if key[0] in self.ahead:
                    stored = self.places.get(key)
                else:
                    sql = "SELECT sum, source, quote, ord, spans FROM spans WHERE source = ? AND quote = ?"
                    found = self.reader.rows(sql, key)
                    stored = found[0][3] if found else None
                if stored is None:
                    raise Broken(f"a quote of {key[0]} is in no article")
                self.spans(key[0], key[1], stored)
