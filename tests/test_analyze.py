"""``uscn analyze`` and ``uscn sources add`` on an article written for the tests (not a seed)."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from tests.conftest import VALID_MIN, Run
from usc_cli import yamlfile
from usc_cli.queries.analyze import cue_pattern, sentences

OPED = Path(__file__).parent / "articles" / "made-up-oped.txt"


def test_cues_match_whole_words_and_prefixes() -> None:
    assert cue_pattern("chip*").search("Chips matter")
    assert not cue_pattern("chip*").search("microchips")
    assert cue_pattern("export control*").search("export-controls on")
    assert not cue_pattern("tariff").search("tariffs")


def test_sentences_join_hard_wrapped_lines_but_not_headings() -> None:
    text = "A Heading\n\nFirst sentence runs\nonto the next line. Second one.\nNew paragraph"
    assert sentences(text) == ["A Heading", "First sentence runs onto the next line.", "Second one.", "New paragraph"]


def test_analyze_finds_issues_and_both_framings_with_their_sentences(run: Run, mini: list[str]) -> None:
    data = run.json(*mini, "analyze", str(OPED))
    assert data["kind"] == "analysis"
    [issue] = data["issues"]
    assert issue["id"] == "export-controls"
    assert set(issue["cues"]) == {"chip*", "export control*", "semiconductor*"}
    assert any("export controls on advanced chips" in s["text"] for s in issue["sentences"])
    assert [(f["side"], f["label"]) for f in data["frames"]] == [("us", "security"), ("china", "development")]


def test_analyze_reads_stdin_and_applies_the_threshold(run: Run, mini: list[str]) -> None:
    result = run(*mini, "analyze", "-", "-f", "json", input="Fish and fisheries. Fishing boats. Chips.")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["input"] == "standard input"
    assert [i["id"] for i in data["issues"]] == ["fisheries"]  # one weak chip mention is below the threshold
    assert data["min_strength"] == 4
    assert data["below_min_strength"] == [{"kind": "issue", "id": "export-controls", "label": None, "strength": 3}]


def test_analyze_names_the_weaker_signals_it_hides(run: Run, mini: list[str]) -> None:
    result = run(*mini, "analyze", "-", input="Fish and fisheries. Fishing boats. Chips.", env={"COLUMNS": "200"})
    assert result.stdout.splitlines()[-1] == (
        "Weaker signals, below strength 4: export-controls (3). --min-strength 3 shows them."
    )
    shown = run(
        *mini,
        "analyze",
        "-",
        "--min-strength",
        "3",
        input="Fish and fisheries. Fishing boats. Chips.",
        env={"COLUMNS": "200"},
    )
    assert "Weaker signals" not in shown.stdout
    assert "Export controls [draft] [export-controls] — strength 3; cues: chip*" in shown.stdout


def test_analyze_threshold_option(run: Run, mini: list[str]) -> None:
    result = run(*mini, "analyze", "-", "-f", "json", "--min-strength", "1", input="Chips.")
    assert [i["id"] for i in json.loads(result.stdout)["issues"]] == ["export-controls"]


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"", "is empty"), (b"\xff\xfe bad", "not valid UTF-8"), (b"   \n", "is empty")],
)
def test_unreadable_articles_give_one_line(
    run: Run, mini: list[str], tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(content)
    result = run(*mini, "analyze", str(path))
    assert result.exit_code == 1
    assert message in result.stderr and len(result.stderr.splitlines()) == 1


def test_missing_article_file(run: Run, mini: list[str]) -> None:
    result = run(*mini, "analyze", "/nonexistent/article.txt")
    assert result.exit_code == 1
    assert "cannot read" in result.stderr


def test_sources_add_writes_a_draft_that_validates(run: Run, tmp_path: Path) -> None:
    data = tmp_path / "mydata"
    shutil.copytree(VALID_MIN, data)
    result = run("--data-dir", str(data), "sources", "add", str(OPED), "--id", "made-up")
    assert result.exit_code == 0, result.output
    draft = data / "sources" / "made-up.yaml"
    assert result.stdout == f"{draft}\n"
    assert (data / "seeds" / "made-up.txt").read_text(encoding="utf-8") == OPED.read_text(encoding="utf-8")
    loaded = yaml.safe_load(draft.read_text(encoding="utf-8"))
    assert loaded["source"]["id"] == "made-up"
    assert loaded["attributions"] == [
        {
            "quote": "Washington says its export controls on advanced chips protect national security",
            "speaker": {"description": "Washington", "presented": "reported"},
        },
        {
            "quote": "while Beijing calls them an attempt to suppress China's development.",
            "speaker": {"actor": "beijing", "presented": "reported"},
        },
    ]
    contrast = (
        "Washington says its export controls on advanced chips protect national security, while Beijing calls "
        "them an attempt to suppress China's development."
    )
    drafted = [(p["issue"], p["side"], p["holder"], [e["quote"] for e in p["evidence"]]) for p in loaded["positions"]]
    assert drafted == [
        (
            "export-controls",
            "third-party",
            {"description": "the article's author"},
            [
                "Time to Talk Pills and Chips",
                "Semiconductor curbs will not end the fentanyl crisis, and neither side should pretend otherwise.",
                "The two presidents should meet and trade progress on drug control for a pause in new chip "
                "restrictions.",
            ],
        ),
        ("export-controls", "us", {"description": "Washington, as the article reports it"}, [contrast]),
        ("export-controls", "china", {"actor": "beijing"}, [contrast]),
    ]
    assert {p["summary"] for p in loaded["positions"]} == {"TODO: one sentence in your own words."}
    validation = run.json("--data-dir", str(data), "validate")
    assert validation["counts"]["sources"] == 2
    assert validation["attribution"]["errors"] == [] and validation["attribution"]["warnings"] == []
    assert validation["placeholders"] == [
        "source made-up: covers",
        "source made-up: unknown.title",
        "source made-up: unknown.outlet",
        "source made-up: unknown.date",
        "source made-up: unknown.url",
        "position on export-controls (third-party): summary",
        "position on export-controls (us): summary",
        "position on export-controls (china): summary",
    ]
    shown = run.ok("--data-dir", str(data), "validate", env={"COLUMNS": "120"})
    assert shown.endswith("  position on export-controls (china): summary\n")
    assert run.json("--data-dir", str(data), "sources", "show", "made-up")["source"]["author"]["name"] is None


def test_sources_add_draft_validates_once_its_todos_are_written(run: Run, tmp_path: Path) -> None:
    """Writing the summaries (keeping the hedges the placeholders name) leaves nothing to fill in."""
    data = tmp_path / "mydata"
    shutil.copytree(VALID_MIN, data)
    run("--data-dir", str(data), "sources", "add", str(OPED), "--id", "made-up")
    draft = data / "sources" / "made-up.yaml"
    draft.write_text(draft.read_text(encoding="utf-8").replace('"TODO: ', '"'), encoding="utf-8")
    result = run("--data-dir", str(data), "validate", "-f", "json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["placeholders"] == [] and report["attribution"]["warnings"] == []
    assert report["counts"]["positions"] == 3 + 3  # the draft's three and valid_min's three


def test_sources_add_never_overwrites_without_force(run: Run, tmp_path: Path) -> None:
    data = tmp_path / "mydata"
    shutil.copytree(VALID_MIN, data)
    run("--data-dir", str(data), "sources", "add", str(OPED), "--id", "made-up")
    again = run("--data-dir", str(data), "sources", "add", str(OPED), "--id", "made-up")
    assert again.exit_code == 1
    assert "already exists" in again.stderr
    assert run("--data-dir", str(data), "sources", "add", str(OPED), "--id", "made-up", "--force").exit_code == 0
    assert not list(data.rglob("*.tmp"))


def test_sources_add_creates_a_user_dataset_from_the_shipped_one(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "fresh"
    result = run("--data-dir", str(target), "sources", "add", str(OPED), "--id", "made-up")
    assert result.exit_code == 0, result.output
    assert "created a dataset" in result.stderr
    assert (target / "issues.yaml").exists() and (target / "seeds" / "made-up.txt").exists()
    assert run("--data-dir", str(target), "validate").exit_code == 0


def test_sources_add_refuses_the_package_dataset_and_bad_ids(run: Run) -> None:
    from usc_cli.locations import shipped_data_dir

    result = run("--data-dir", str(shipped_data_dir()), "sources", "add", str(OPED), "--id", "x")
    assert result.exit_code == 1 and "will not write into uscn's own dataset" in result.stderr
    bad = run("sources", "add", str(OPED), "--id", "Bad Id")
    assert bad.exit_code == 2 and bad.stdout == ""


def test_sources_add_refuses_an_article_whose_draft_the_loader_would_refuse(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the loader's limit scaled down (from 2 MiB) with the article: the same check, 50 times cheaper
    limit = 40_000
    monkeypatch.setattr(yamlfile, "MAX_BYTES", limit)
    data = tmp_path / "mydata"
    shutil.copytree(VALID_MIN, data)
    sentence = "Washington says export controls on chips protect its national security, officials said, {}.\n"
    article = tmp_path / "long.txt"
    article.write_text("".join(sentence.format(n) for n in range(380)), encoding="utf-8")
    assert article.stat().st_size < limit  # the article itself is within the limit
    result = run("--data-dir", str(data), "sources", "add", str(article), "--id", "long")
    assert result.exit_code == 1, result.output
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1
    assert f"over the loader's {limit}-byte limit" in result.stderr
    assert not (data / "sources" / "long.yaml").exists() and not (data / "seeds" / "long.txt").exists()
    assert run("--data-dir", str(data), "validate").exit_code == 0  # the dataset still loads


def test_sources_add_into_a_data_dir_with_a_newline_writes_valid_yaml(run: Run, tmp_path: Path) -> None:
    data = tmp_path / "my\ndata"
    shutil.copytree(VALID_MIN, data)
    result = run("--data-dir", str(data), "sources", "add", str(OPED), "--id", "made-up")
    assert result.exit_code == 0, result.output
    text = (data / "sources" / "made-up.yaml").read_text(encoding="utf-8")
    assert yaml.safe_load(text)["source"]["id"] == "made-up"
    assert "#   uscn --data-dir $'" in text
    assert run.json("--data-dir", str(data), "validate")["counts"]["sources"] == 2


READOUT = """\
Readout of the Meeting

President Joseph R. Biden, Jr. met with President Xi Jinping of the People's
Republic of China (PRC) in Woodside, California. The two leaders discussed
U.S.-China relations, including export controls on advanced chips, as well as the U.S.
semiconductor industry. Gen. Mark Milley and No. 2 negotiator J. R. Smith joined them.
"""


def test_analyze_quotes_whole_sentences_across_abbreviations_and_wrapped_lines(
    run: Run, mini: list[str], tmp_path: Path
) -> None:
    article = tmp_path / "readout.txt"
    article.write_text(READOUT, encoding="utf-8")
    [issue] = run.json(*mini, "analyze", str(article))["issues"]
    assert [s["text"] for s in issue["sentences"]] == [
        "The two leaders discussed U.S.-China relations, including export controls on advanced chips,"
        " as well as the U.S. semiconductor industry."
    ]
    assert [s["n"] for s in issue["sentences"]] == [3]  # heading, Biden and Xi, then this one


class _CountingPattern:
    """A cue's pattern that counts the texts it is asked to search."""

    searched = 0

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern

    def search(self, text: str) -> re.Match[str] | None:
        _CountingPattern.searched += 1
        return self.pattern.search(text)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        _CountingPattern.searched += 1
        return self.pattern.finditer(text)


def test_a_long_article_is_segmented_once_and_each_cue_reads_only_the_sentences_that_hold_it(
    run: Run, mini: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A 2 MB article took 11 s: segmented twice (the issues, then the speakers), and every cue
    searched every sentence. Now one segmentation, and a cue searches the text once, then only the
    sentences where it occurs."""
    from usc_cli import sentences
    from usc_cli.queries import analyze
    from usc_cli.sentences import paragraphs

    filler = "The weather in the harbour town was calm that week. "
    text = filler * 400 + "Export controls on chips protect national security.\n"
    article = tmp_path / "long.txt"
    article.write_text(text, encoding="utf-8")
    segmented = 0
    segment = sentences._pieces  # called once for each paragraph each time the text is segmented

    def counted(text: str, start: int, end: int) -> list[tuple[int, int, bool]]:
        nonlocal segmented
        segmented += 1
        return segment(text, start, end)

    monkeypatch.setattr(sentences, "_pieces", counted)
    monkeypatch.setattr(analyze, "cue_pattern", lambda cue: _CountingPattern(cue_pattern(cue)))
    _CountingPattern.searched = 0
    data = run.json(*mini, "analyze", str(article))
    assert [issue["id"] for issue in data["issues"]] == ["export-controls"]
    assert segmented == len(paragraphs(text))
    cues = 9  # the cues of valid_min's two issues and two frame labels
    assert _CountingPattern.searched <= 3 * cues, _CountingPattern.searched
