"""A government's own text in Chinese: quotes stay Chinese, uscn's translation is marked as ours
everywhere, Chinese is cut into sentences and searched by character, and fits narrow terminals.

The fixture ``official_zh`` is a made-up press-conference excerpt in the tests' own words."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, Run

OFFICIAL = FIXTURES / "official_zh"
QUOTE = "对方把安全概念无限扩大，我们坚决反对。"
TRANSLATION = "The other side stretches the concept of security without limit; we firmly oppose it."


def _compare(run: Run, *args: str, width: int = 80) -> str:
    env = {"COLUMNS": str(width), "LINES": "200"}
    result = run("--no-pager", "--data-dir", str(OFFICIAL), "compare", "export-controls", *args, env=env)
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    return str(result.stdout)


@pytest.mark.parametrize("width", [80, 40])
def test_a_chinese_quote_keeps_every_character_at_any_width(run: Run, width: int) -> None:
    out = _compare(run, width=width)
    lines = out.splitlines()
    start = next(n for n, line in enumerate(lines) if "“对方" in line)
    block = "".join(line.strip() for line in lines[start : start + 4])
    assert "“" + QUOTE + "”" in block  # no character lost, none split into halves
    assert all(len(line) <= width for line in lines)


@pytest.mark.parametrize("width", [80, 40])
def test_uscn_translation_is_labelled_and_never_quoted(run: Run, width: int) -> None:
    flat = " ".join(_compare(run, width=width).split())
    assert f"uscn's translation: {TRANSLATION}" in flat
    assert f"“{TRANSLATION}" not in flat


def test_json_gives_the_language_and_marks_the_translation_as_ours(run: Run) -> None:
    data = run.json("--data-dir", str(OFFICIAL), "compare", "export-controls")
    china = data["sides"]["china"]["positions"]
    evidence = next(e for p in china for e in p["evidence"] if e["source"] == "presser-zh")
    assert evidence["quote"] == QUOTE
    assert evidence["language"] == "zh"
    assert evidence["translation"] == {"text": TRANSLATION, "by": "uscn"}
    english = next(e for p in data["sides"]["us"]["positions"] for e in p["evidence"])
    assert english["language"] == "en" and "translation" not in english


def test_markdown_gives_the_translation_as_its_own_line(run: Run) -> None:
    out = _compare(run, "-f", "markdown")
    assert f"> “{QUOTE}”\n" in out
    assert f"\n\nuscn's translation: {TRANSLATION}\n" in out  # a paragraph of its own, outside the block quote
    assert "> uscn's translation" not in out


def test_report_marks_chinese_text_with_lang_zh(run: Run, tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    result = run("--data-dir", str(OFFICIAL), "report", "-o", str(page))
    assert result.exit_code == 0, result.output
    html = page.read_text(encoding="utf-8")
    assert f'<blockquote lang="zh">“{QUOTE}”</blockquote>' in html
    assert f'<p class="translation">uscn&#39;s translation: {TRANSLATION}</p>' in html  # every value escaped
    assert re.search(r'<div class="text" lang="zh">', html)
    assert "<blockquote>“Washington says" in html  # English quotes carry the page's own lang


@pytest.mark.parametrize(("query", "found"), [("安全", "«安全»概念"), ("坚决", "«坚决»反对"), ("全概", "安«全概»念")])
def test_search_finds_chinese_words_inside_a_run_of_characters(run: Run, query: str, found: str) -> None:
    out = run.ok("--no-pager", "--data-dir", str(OFFICIAL), "search", query)
    assert found in out


def test_search_for_chinese_characters_not_side_by_side_finds_no_phrase(run: Run) -> None:
    out = run.ok("--no-pager", "--data-dir", str(OFFICIAL), "search", "安概")
    assert "No match" in out


def test_context_of_a_chinese_quote_is_its_sentence_also_from_the_store(run: Run) -> None:
    for _ in range(2):  # the second run reads the dataset from the store the first one wrote
        data = run.json("--data-dir", str(OFFICIAL), "compare", "export-controls", "--context")
        china = data["sides"]["china"]["positions"]
        evidence = next(e for p in china for e in p["evidence"] if e["source"] == "presser-zh")
        assert evidence["context"] == "发言人甲：" + QUOTE  # cut at 。, not the whole paragraph


def test_a_frame_term_is_listed_with_its_quote_in_json(run: Run) -> None:
    data = run.json("--data-dir", str(OFFICIAL), "frames", "show", "security-vs-development")
    china = next(label for label in data["frame"]["labels"] if label["side"] == "china")
    assert china["terms"][0]["term"] == "相向而行"
    assert china["terms"][0]["evidence"]["translation"]["by"] == "uscn"


def test_a_frame_shows_each_official_term_with_its_quote(run: Run) -> None:
    out = run.ok("--no-pager", "--data-dir", str(OFFICIAL), "frames", "show", "security-vs-development")
    flat = " ".join(out.split())
    assert "Official term: 相向而行" in flat
    assert "uscn's translation: We hope the two sides" in flat
