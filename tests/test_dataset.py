"""Quote location: whitespace runs fold, nothing else does; offsets point into the original text."""

from __future__ import annotations

from usc_cli.dataset import SeedText, Span


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
