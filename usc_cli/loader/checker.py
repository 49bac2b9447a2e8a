"""What every verification check asks: does a reference resolve, is a quote in its source's article."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from usc_cli.dataset import LoadedDataset, Site, Span
from usc_cli.loader.assembly import Placed
from usc_cli.loader.problems import Collector, format_loc
from usc_cli.models import Evidence
from usc_cli.yamlfile import Loc


@dataclass(frozen=True)
class Checker:
    """The dataset being verified, where its top-level items were read, and the problems found so far."""

    col: Collector
    ds: LoadedDataset
    placed: Placed

    def sources_broken(self) -> bool:
        """True when a source file failed to load: what its positions and recommendations were is unknown."""
        return any(kind == "source" for kind, _ in self.col.broken)

    def ref(self, kind: str, ids: Mapping[str, Any], ident: str, file: str, loc: Loc) -> None:
        """A problem when ``ident`` names no ``kind`` of the dataset (unless the file defining it is broken)."""
        if ident not in ids and not self.col.is_broken(kind, ident):
            self.col.add(file, loc, f"unknown {kind} {ident!r}")

    def refs(self, kind: str, ids: Mapping[str, Any], idents: Sequence[str], file: str, loc: Loc) -> None:
        """``ref`` for each of a list of ids, each at its index under ``loc``."""
        for n, ident in enumerate(idents):
            self.ref(kind, ids, ident, file, (*loc, n))

    def quote(
        self,
        evidence: Evidence,
        file: str,
        loc: Loc,
        item: str = "",
        summary: str | None = None,
        translate: bool = True,
    ) -> None:
        """The quote is located in its source's seed (searched once per quote); ``item`` names a use of it
        shown as evidence, recorded as a site, whose quote needs uscn's translation unless ``translate``
        is off (a name in a role needs none)."""
        col, ds = self.col, self.ds
        if item:
            mark = col.parsed[file].mark_for(loc) if file in col.parsed else None
            ds.sites.append(Site(file, mark[0] if mark else None, format_loc(loc), item, summary, evidence))
        if evidence.source not in ds.sources:
            if not col.is_broken("source", evidence.source):
                col.add(file, (*loc, "source"), f"unknown source {evidence.source!r}")
            return
        spans = self.find(evidence.source, evidence.quote)
        if spans is None:
            return  # the missing seed is reported once, at the source
        if not spans:
            col.add(file, (*loc, "quote"), f"quote not found in seed of {evidence.source!r}: {evidence.quote!r}")
        if (item and translate) or evidence.translation is not None:
            self.translation(evidence, file, loc)

    def find(self, source: str, quote: str) -> tuple[Span, ...] | None:
        """Where the quote stands in the source's seed, kept for the store (searched once per quote,
        however many times the data lists it); None when the seed is missing."""
        seed = self.ds.seeds.get(source)
        if seed is None:
            return None
        key = (source, quote)
        spans = self.ds.spans.get(key)
        if spans is None:
            spans = self.ds.spans[key] = seed.find(quote)
        return spans

    def translation(self, evidence: Evidence, file: str, loc: Loc) -> None:
        """A quote shown as evidence carries uscn's translation exactly when its text is not English."""
        language = self.ds.sources[evidence.source].language
        english = language.split("-")[0] == "en"
        if english and evidence.translation is not None:
            self.col.add(
                file, (*loc, "translation"), f"{evidence.source!r} is in English: a quote from it has no translation"
            )
        elif not english and evidence.translation is None:
            self.col.add(
                file,
                (*loc, "translation"),
                f"{evidence.source!r} is in {language!r}: give uscn's English 'translation'",
            )
