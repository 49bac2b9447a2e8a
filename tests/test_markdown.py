"""The Markdown export renders as intended: parsed by a CommonMark parser (markdown-it-py), every
view's headings nest without skipping a level, and each quote, its context and its attribution are
separate paragraphs of one block quote."""

from __future__ import annotations

import pytest
from markdown_it import MarkdownIt
from markdown_it.token import Token

from tests.conftest import Run

VIEWS = [
    ["compare", "taiwan"],
    ["compare", "trade-tariffs", "--context"],
    ["issues", "show", "climate"],
    ["frames", "show", "fight-nicely-vs-thaw"],
    ["recommend", "--source", "hormats"],
    ["sources", "show", "cnn"],
    ["actors", "show", "xi-jinping"],
    ["diff", "hormats", "georgetown"],
    ["timeline"],
    ["validate", "--verbose"],
]


def _tokens(run: Run, view: list[str]) -> list[Token]:
    return MarkdownIt("commonmark").enable("table").parse(run.ok(*view, "-f", "markdown"))


@pytest.mark.parametrize("view", VIEWS, ids=" ".join)
def test_headings_start_at_one_and_never_skip_a_level(run: Run, view: list[str]) -> None:
    levels = [int(t.tag[1]) for t in _tokens(run, view) if t.type == "heading_open"]
    assert not levels or levels[0] == 1, levels
    jumps = [(a, b) for a, b in zip(levels, levels[1:], strict=False) if b > a + 1]
    assert jumps == [], levels


@pytest.mark.parametrize("view", [["compare", "taiwan"], ["compare", "trade-tariffs", "--context"]], ids=" ".join)
def test_a_quote_and_its_attribution_are_separate_paragraphs(run: Run, view: list[str]) -> None:
    tokens = _tokens(run, view)
    quotes = 0
    depth, paragraphs = 0, []  # the text of each paragraph in the current block quote
    for n, token in enumerate(tokens):
        if token.type == "blockquote_open":
            depth, paragraphs = depth + 1, []
        elif token.type == "paragraph_open" and depth:
            paragraphs.append(tokens[n + 1].content)
        elif token.type == "blockquote_close":
            depth -= 1
            quotes += 1
            assert paragraphs[0].startswith("“") and paragraphs[0].endswith("”"), paragraphs
            assert paragraphs[-1].startswith("— "), paragraphs
            assert "\n" not in paragraphs[-1]
            translated = [p for p in paragraphs if p.startswith("uscn's translation: ")]  # ours, never in quotes
            assert len(translated) <= 1 and not any(p.startswith("“") for p in translated), paragraphs
            if "--context" in view:
                assert len(paragraphs) == 3 + len(translated) and paragraphs[1].startswith("*In context:*"), paragraphs
    assert quotes >= 4
