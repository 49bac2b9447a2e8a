"""Quote location: whitespace runs fold, nothing else does; offsets point into the original text."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.benchmarks.synth import repeated
from usc_cli import dataset
from usc_cli.dataset import SeedText, Span
from usc_cli.loader import load_dataset
from usc_cli.locations import resolve_location


def test_quotes_match_across_non_breaking_spaces_and_newlines() -> None:
    seed = SeedText("Hello,\u00a0 world.  This is\nit. End")
    assert seed.find("world. This is it.") == (Span(8, 27),)
    assert seed.text[8:27] == "world.  This is\nit."


def test_nothing_but_whitespace_is_folded() -> None:
    seed = SeedText("China’s “thaw” and dont")
    assert seed.find("China’s “thaw”")
    assert seed.find("China's") == ()
    assert seed.find('"thaw"') == ()
    assert seed.find("don't") == ()
    assert seed.find("CHINA’S") == ()


def test_every_occurrence_is_found() -> None:
    seed = SeedText("a b a  b a")
    assert seed.find("a b") == (Span(0, 3), Span(4, 8))


def test_sentence_around_a_quote() -> None:
    seed = SeedText("First one. The quote is here, in the middle. Last one.")
    [span] = seed.find("quote is here")
    assert seed.sentence_around(span) == "The quote is here, in the middle."


def _overlap_work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sentences: int) -> tuple[int, int]:
    """(quote searches while loading, passage-span comparisons for every quote's speakers) on an
    article of ``sentences`` sentences drawn from three, each attributed one as often as it occurs."""
    searches = comparisons = 0
    find, overlaps = SeedText.find, dataset._overlaps

    def counted_find(self: SeedText, quote: str) -> tuple[Span, ...]:
        nonlocal searches
        searches += 1
        return find(self, quote)

    def counted_overlaps(a: Span, b: Span) -> bool:
        nonlocal comparisons
        comparisons += 1
        return overlaps(a, b)

    monkeypatch.setattr(SeedText, "find", counted_find)
    monkeypatch.setattr(dataset, "_overlaps", counted_overlaps)
    ds = load_dataset(resolve_location(repeated(tmp_path / str(sentences), sentences)))
    speakers = [ds.speakers(e) for p in ds.positions for e in p.evidence]
    assert any(speakers) and all(len(s) <= 1 for s in speakers)  # a passage listed twice is one speaker
    return searches, comparisons


def test_attribution_overlap_work_is_linear_in_repeated_sentences(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each quote is searched once however often it is listed, and a quote's speakers are found by
    looking at the passages near each of its places, not at every passage of every attribution."""
    small, large = (_overlap_work(tmp_path, monkeypatch, n) for n in (150, 600))
    assert large[0] == small[0]
    assert large[1] <= 4.5 * small[1], (small, large)
