"""``uscn search``: FTS5 syntax, malformed queries, filters, and the on-disk index cache."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import VALID_MIN, Run
from usc_cli.cachefile import cache_dir
from usc_cli.dataset import Dataset


def _kinds(run: Run, mini: list[str], *args: str) -> list[tuple[str, str]]:
    return [(h["kind"], h["ref"]) for h in run.json(*mini, "search", *args)["hits"]]


def test_plain_word_finds_records_and_article_sentences_and_highlights(run: Run, mini: list[str]) -> None:
    data = run.json(*mini, "search", "security")
    assert {h["kind"] for h in data["hits"]} == {"position", "issue", "frame"}
    assert all("«" in h["snippet"] for h in data["hits"])
    order = {"article": 0, "ours": 1, "issue": 2}  # the sentence holds the words first, then by score
    assert data["hits"] == sorted(data["hits"], key=lambda h: (order[h["matched_in"]], -h["score"]))
    assert _kinds(run, mini, "Bali") == [("seed-sentence", "tiny#4")]  # a sentence no record quotes


def test_phrase_prefix_and_stemming(run: Run, mini: list[str]) -> None:
    assert ("position", "export-controls/us/0") in _kinds(run, mini, '"national security"')
    assert _kinds(run, mini, '"security national"') == []
    assert ("issue", "export-controls") in _kinds(run, mini, "export*")
    assert ("recommendation", "tiny-hotline") in _kinds(run, mini, "hotlines")  # porter stemming


def test_json_gives_the_whole_sentence_and_offsets(run: Run, mini: list[str]) -> None:
    [hit] = run.json(*mini, "search", "hotlines")["hits"]
    sentence = "The author proposes a military hotline between the two defence ministries."
    seed = (VALID_MIN / "seeds" / "tiny.txt").read_text(encoding="utf-8")
    start = seed.index(sentence)
    said_by = hit["sentence"].pop("said_by")
    assert hit["sentence"] == {"text": sentence, "article": "tiny", "start": start, "end": start + len(sentence)}
    assert said_by == "Ann Example, the author (tiny · Example Weekly (inferred))"
    at = sentence.index("hotline")
    assert hit["matches"] == [
        {"text": "hotline", "start": at, "end": at + 7, "article_start": start + at, "article_end": start + at + 7}
    ]
    assert hit["snippet"] == "The author proposes a military «hotline» between the two defence ministries."
    [issue] = [h for h in run.json(*mini, "search", "containment")["hits"] if h["kind"] == "issue"]
    assert issue["sentence"]["article"] is None and issue["sentence"]["start"] is None  # the dataset's own words
    [match] = issue["matches"]
    assert issue["sentence"]["text"][match["start"] : match["end"]] == "containment"
    assert match["article_start"] is None


@pytest.mark.parametrize(
    ("query", "stems"),
    [("fentanyl OR chips OR Pelosi", ("fentanyl", "chip", "pelosi")), ("export controls", ("export", "control"))],
)
def test_offsets_point_into_the_shipped_articles(
    run: Run, shipped: Dataset, query: str, stems: tuple[str, ...]
) -> None:
    from usc_cli.dataset import fold_whitespace
    from usc_cli.sentences import split

    ds = shipped
    hits = run.json("search", query, "-n", "100")["hits"]
    in_articles = [h for h in hits if h["sentence"]["article"]]
    assert len(in_articles) > 5
    for hit in in_articles:
        text = ds.seeds[hit["sentence"]["article"]].text
        language = ds.sources[hit["sentence"]["article"]].language
        start, end = hit["sentence"]["start"], hit["sentence"]["end"]
        assert (start, end) in {(s.start, s.end) for s in split(text, language)}  # whole, from the one segmenter
        assert fold_whitespace(text[start:end]) == hit["sentence"]["text"]
        for m in hit["matches"]:
            assert hit["sentence"]["text"][m["start"] : m["end"]] == m["text"]
            assert text[m["article_start"] : m["article_end"]] == m["text"]
            assert m["text"].casefold().startswith(stems)


def test_a_record_matches_in_its_own_quote_and_shows_the_whole_sentence(run: Run) -> None:
    beijing = run.json("search", "exports", "--side", "china", "--source", "cnn")["hits"][0]
    assert beijing["ref"] == "export-controls/china/3"
    assert beijing["snippet"] == (
        "Washington last year imposed sweeping curbs on exports of critical technology to China in the name of"
        " security, and Beijing has responded with «export» controls of its own."
    )  # "exports" is in Washington's part of the sentence; Beijing's quote is its end


def test_a_record_is_listed_once(run: Run) -> None:
    hits = run.json("search", "fentanyl", "-n", "100")["hits"]
    [push] = [h for h in hits if h["ref"] == "marschik-fentanyl-leader-push"]  # about two issues: one hit
    assert push["issues"] == ["fentanyl", "leader-diplomacy"]
    for query in ("security", "china", "the", "taiwan OR trade"):
        refs = [(h["kind"], h["ref"]) for h in run.json("search", query, "-n", "500")["hits"]]
        assert len(refs) == len(set(refs)), query


def test_side_finds_what_compare_shows_under_that_side(run: Run) -> None:
    shown = run.json("compare", "world-order")["sides"]["china"]["positions"]
    assert shown  # Beijing has a view on the world order, though its words never say "world order"
    hits = run.json("search", "world order", "--side", "china")["hits"]
    [hit] = [h for h in hits if h["issues"] == ["world-order"]]
    assert hit["kind"] == "position" and hit["matched_issues"] == ["world-order"] and hit["matches"] == []
    assert shown[0]["summary"] in hit["sentence"]["text"] or hit["sentence"]["article"] == "diplomat"
    for side in ("us", "china", "third-party"):
        assert {h["side"] for h in run.json("search", "security", "--side", side, "-n", "500")["hits"]} == {side}


def test_terminal_shows_whole_sentences_at_160_columns(run: Run) -> None:
    hits = run.json("search", "fentanyl")["hits"]
    out = run.ok("search", "fentanyl", env={"COLUMNS": "160"})
    lines = out.splitlines()
    column = lines[0].index("sentence")
    cells: list[list[str]] = []
    for line in lines[2:]:
        if line[:column].strip()[:1].isdigit():
            cells.append([])
        if cells and line[column:].strip() and not line.startswith("what, where:"):
            cells[-1].append(line[column:].strip())
    assert [" ".join(c).rsplit(" — ", 1)[0] for c in cells] == [h["snippet"] for h in hits]
    assert not any(c[-1].endswith("…") for c in cells)


def test_terminal_styles_hits_and_keeps_the_marks(run: Run) -> None:
    from rich.console import Console
    from rich.text import Text

    from usc_cli.render.palette import HIT_STYLE

    console = Console(force_terminal=True, color_system="truecolor", no_color=False, width=80)
    with console.capture() as captured:
        console.print(Text("«fentanyl»", style=HIT_STYLE), end="")
    colour = {"NO_COLOR": None, "FORCE_COLOR": "1", "TERM": "xterm-256color", "COLORTERM": "truecolor"}
    out = run.ok("search", "fentanyl", env=colour)  # type: ignore[arg-type]
    assert captured.get() in out
    plain = run.ok("search", "fentanyl")
    assert "«fentanyl»" in plain and "\x1b" not in plain


@pytest.mark.parametrize("query", ['"unbalanced', "(x", "AND", "OR security", "chips)", "NEAR(", "a:b", "^x"])
def test_malformed_syntax_is_treated_as_plain_words(run: Run, mini: list[str], query: str) -> None:
    result = run(*mini, "search", query, "-f", "json")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""


@pytest.mark.parametrize("query", ["*", "", "  ", '""', "()"])
def test_a_query_with_no_words_is_a_clear_error(run: Run, mini: list[str], query: str) -> None:
    result = run(*mini, "search", query)
    assert result.exit_code == 2
    assert result.stderr.startswith("uscn: error: nothing to search for in")


NEAR_IDS = ["--data-dir", str(VALID_MIN.parent / "near_ids")]  # sources tiny and tiny-two; issues export(-controls)


def test_source_filter_matches_the_whole_id_not_a_part_of_another() -> None:
    run = Run()
    both = {h["source"] for h in run.json(*NEAR_IDS, "search", "security")["hits"] if h["source"]}
    assert both == {"tiny", "tiny-two"}
    assert {h["source"] for h in run.json(*NEAR_IDS, "search", "security", "--source", "tiny")["hits"]} == {"tiny"}
    two = run.json(*NEAR_IDS, "search", "security", "--source", "tiny-two")["hits"]
    assert two and {h["source"] for h in two} == {"tiny-two"}


def test_issue_filter_matches_the_whole_id_not_a_part_of_another() -> None:
    run = Run()
    assert run.json(*NEAR_IDS, "search", "security", "--issue", "export-controls")["hits"]
    assert run.json(*NEAR_IDS, "search", "security", "--issue", "export")["hits"] == []


def test_filters(run: Run, mini: list[str]) -> None:
    hits = run.json(*mini, "search", "security", "--issue", "chips")["hits"]
    assert hits and {h["issue"] for h in hits} == {"export-controls"}
    assert run.json(*mini, "search", "security", "--source", "tiny")["hits"]
    assert len(run.json(*mini, "search", "security", "-n", "1")["hits"]) == 1


def test_index_is_cached_and_rebuilt_when_the_data_changes(run: Run, tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(VALID_MIN, data)
    args = ["--data-dir", str(data), "search"]
    assert run.json(*args, "fisheries")["hits"]
    [index] = list(_cache().glob("store-*.sqlite"))
    built = index.read_bytes()
    assert run.json(*args, "mackerel")["hits"] == []
    assert index.read_bytes() == built  # reused, not rebuilt
    issues = data / "issues.yaml"
    issues.write_text(issues.read_text().replace("A made-up issue", "A mackerel issue"))
    assert run.json(*args, "mackerel")["hits"]
    assert list(_cache().glob("store-*.sqlite")) == [index]  # one index per dataset, rewritten
    assert index.read_bytes() != built


def test_two_datasets_keep_their_own_index(run: Run, tmp_path: Path) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    shutil.copytree(VALID_MIN, first)
    shutil.copytree(VALID_MIN, second)
    issues = second / "issues.yaml"
    issues.write_text(issues.read_text().replace("A made-up issue", "A mackerel issue"))
    assert run.json("--data-dir", str(first), "search", "fisheries")["hits"]
    assert run.json("--data-dir", str(second), "search", "mackerel")["hits"]
    assert len(list(_cache().glob("store-*.sqlite"))) == 2
    assert run.json("--data-dir", str(first), "search", "mackerel")["hits"] == []


def test_a_corrupt_cache_is_rebuilt(run: Run, mini: list[str]) -> None:
    assert run.json(*mini, "search", "security")["hits"]
    [index] = list(_cache().glob("store-*.sqlite"))
    index.write_bytes(b"not a database")
    assert run.json(*mini, "search", "security")["hits"]


def test_an_unwritable_cache_falls_back_to_memory(run: Run, mini: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", os.devnull)  # a file, so no directory can be made under it
    assert run.json(*mini, "search", "security")["hits"]


def test_seed_sentences_are_whole_across_abbreviations_and_wrapped_lines(run: Run, tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(VALID_MIN, data)
    seed = data / "seeds" / "tiny.txt"
    seed.write_text(
        seed.read_text(encoding="utf-8")
        + "\nPresident Joseph R. Biden, Jr. met President Xi Jinping in Woodside. The two\n"
        "leaders discussed U.S.-China ties, trade and the U.S.\nrole in Asia. Gen. Mark Milley said little.\n",
        encoding="utf-8",
    )
    source = data / "sources" / "tiny.yaml"
    digest = hashlib.sha256(seed.read_bytes()).hexdigest()
    source.write_text(re.sub(r"sha256: \w+", f"sha256: {digest}", source.read_text(encoding="utf-8")), encoding="utf-8")
    snippets = [
        h["snippet"]
        for h in run.json("--data-dir", str(data), "search", "Asia")["hits"]
        if h["kind"] == "seed-sentence"
    ]
    assert snippets == ["The two leaders discussed U.S.-China ties, trade and the U.S. role in «Asia»."]
    [jr] = run.json("--data-dir", str(data), "search", "Biden")["hits"]
    assert jr["snippet"] == "President Joseph R. «Biden», Jr. met President Xi Jinping in Woodside."


def _cache() -> Path:
    directory = cache_dir()
    assert directory is not None
    return directory


def test_each_hit_says_whose_words_its_sentence_is(run: Run) -> None:
    hits = run.json("search", "fight nicely")["hits"]
    by_ref = {h["ref"]: h["sentence"]["said_by"] for h in hits}
    headline = next(s for s in by_ref.values() if "one headline" in s)
    assert headline.endswith("reported by the unnamed author (diplomat · The Diplomat)")
    assert any(s == "the unnamed author (diplomat · The Diplomat)" for s in by_ref.values())
    summaries = [h for h in run.json("search", "summit")["hits"] if h["sentence"]["article"] is None]
    assert summaries
    assert all(h["sentence"]["said_by"] == "uscn's summary, in our words (not a quote)" for h in summaries)
    assert "— the unnamed author · diplomat" in run.ok("search", "fight nicely")


def test_hits_whose_sentence_holds_the_word_come_first_and_say_where_they_matched(run: Run) -> None:
    hits = run.json("search", "containment")["hits"]
    assert all("«containment»" in h["snippet"].casefold() for h in hits[:5])
    assert [h["matched_in"] for h in hits[:2]] == ["article", "ours"]
    assert hits[-1]["matched_in"] == "issue" and "«" not in hits[-1]["snippet"]
    out = " ".join(run.ok("search", "containment", env={"COLUMNS": "80"}).split())
    assert "; matched only the issue it is about (in «»), not these words" in out
    last = out.rsplit("; matched only the issue", 1)[0].rsplit(" — ", 1)[1]
    assert last  # and whose words the sentence is, as every other hit says


@pytest.mark.parametrize("query", ["containment", "fentanyl", "fight nicely", "summit", "security"])
def test_no_sentence_is_shown_twice(run: Run, query: str) -> None:
    hits = run.json("search", query, "-n", "500")["hits"]
    shown = [
        (h["sentence"]["article"], h["sentence"]["start"]) if h["sentence"]["article"] else h["snippet"] for h in hits
    ]
    assert len(shown) == len(set(shown))


def test_a_sentence_that_backs_several_records_lists_them_all(run: Run) -> None:
    hits = run.json("search", "fight nicely")["hits"]
    every = [(r["kind"], r["ref"]) for h in hits for r in [h, *h["also"]]]
    assert len(every) == len(set(every))
    [shared] = [h for h in hits if h["also"]]
    assert (shared["kind"], [a["kind"] for a in shared["also"]]) == ("frame", ["position"])
    lines = run.ok("search", "fight nicely", env={"COLUMNS": "80"}).splitlines()
    at = next(n for n, line in enumerate(lines) if line.startswith(f"{hits.index(shared) + 1} "))
    assert [line[3:20].strip() for line in lines[at : at + 2]] == ["frame", "position"]  # one row, both records
