"""``uscn validate``'s speaker checks (``queries/speaker_checks.py``), each on a fixture that breaks
it and on data that passes; and the new user's op-ed shape drafted by ``uscn sources add``."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

from tests.conftest import FIXTURES, VALID_MIN, Run

HELDOUT = Path(__file__).parent / "heldout"


@pytest.mark.parametrize(
    ("fixture", "expected"),
    [
        ("speaker_unresolved", "sources/tiny.yaml: attributions[2].speaker: [unresolved] speaker unknown"),
        (
            "speaker_quoted_author",
            "sources/tiny.yaml: positions[0].evidence[0]: [quoted-author] position on export-controls "
            "(third-party): the words are in quotation marks and the sentence credits them to 'Sam Ortiz'",
        ),
        (
            "speaker_official_commentator",
            "sources/tiny.yaml: positions[0]: [official-commentator] \"Lin Qiao, China's foreign ministry "
            'spokesperson" speaks for Beijing, but the position is placed with the commentators',
        ),
    ],
)
def test_validate_fails_on_each_misattribution(run: Run, fixture: str, expected: str) -> None:
    result = run("--data-dir", str(FIXTURES / fixture), "validate")
    assert result.exit_code == 65, result.output
    assert expected in result.stderr
    assert "1 problem found" in result.stderr


def test_validate_passes_the_data_once_the_speaker_is_named(run: Run, tmp_path: Path) -> None:
    data = tmp_path / "fixed"
    shutil.copytree(FIXTURES / "speaker_quoted_author", data)
    source = data / "sources" / "tiny.yaml"
    text = source.read_text(encoding="utf-8")
    named = '  - quote: "We will not bend on chips"\n    speaker: {description: "Sam Ortiz", presented: said}\n'
    source.write_text(text.replace("positions:\n", named + "positions:\n", 1), encoding="utf-8")
    result = run("--data-dir", str(data), "validate")
    assert "[quoted-author]" not in result.stderr
    assert "official-commentator" not in result.stderr
    assert run("--data-dir", str(VALID_MIN), "validate").exit_code == 0


def test_the_op_ed_shape_drafts_each_speaker_on_their_side(run: Run, tmp_path: Path) -> None:
    """Done when: an op-ed on AI-chip export controls quoting a Commerce Department under secretary
    twice and a foreign-ministry spokesperson twice, with "Washington says …; Beijing calls them …"."""
    data = tmp_path / "mine"
    result = run("--data-dir", str(data), "sources", "add", str(HELDOUT / "oped-chips.txt"), "--id", "chips")
    assert result.exit_code == 0, result.output
    assert "uscn: read as opinion, inferred" in result.stderr
    draft = yaml.safe_load((data / "sources" / "chips.yaml").read_text(encoding="utf-8"))
    held = {
        (p["side"], p["holder"].get("description") or p["holder"].get("actor"), p["issue"]): [
            e["quote"] for e in p["evidence"]
        ]
        for p in draft["positions"]
    }
    okafor = held[("us", "Daniel Okafor, Commerce Department Under Secretary", "export-controls")]
    assert [q[:20] for q in okafor] == ['"We are not trying t', "He insisted that the"]
    liu = held[("china", "Liu Qing, China's foreign ministry spokesperson", "export-controls")]
    assert [q[:20] for q in liu] == ["China's foreign mini", '"The United States i']
    assert held[("us", "Washington, as the article reports it", "export-controls")] == [
        "Washington says the controls protect national security;"
    ]
    assert held[("china", "Beijing, as the article reports it", "export-controls")] == [
        "Beijing calls them a tool to contain China's rise."
    ]
    assert not any(side == "third-party" and "Okafor" in str(who) for side, who, _ in held)
    checked = run("--data-dir", str(data), "validate")  # the summaries are still TODO: listed, not errors
    assert checked.exit_code == 0, checked.output


def test_a_draft_with_an_unknown_speaker_says_todo_and_fails_validate(run: Run, tmp_path: Path) -> None:
    data = tmp_path / "mine"
    article = tmp_path / "a.txt"
    article.write_text(
        "Chip talks stall\n\nExport controls on chips stayed in place on Monday. "
        "“The export controls will stay until the talks succeed.”\n",
        encoding="utf-8",
    )
    result = run("--data-dir", str(data), "sources", "add", str(article), "--id", "stall", "--kind", "news")
    assert result.exit_code == 0, result.output
    assert "1 sentence(s) with speaker unknown — marked TODO in the draft" in result.stderr
    draft = (data / "sources" / "stall.yaml").read_text(encoding="utf-8")
    assert 'speaker: {description: "TODO: who says this? speaker unknown — check (quoted words' in draft
    assert "kind: news  # given: --kind" in draft
    checked = run("--data-dir", str(data), "validate", "-f", "json")
    assert checked.exit_code == 65
    assert "[unresolved] speaker unknown" in checked.stderr
    assert json.loads(checked.stdout or "{}") == {}


def test_sources_remove_takes_only_the_users_own_whole(run: Run, tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Export controls on chips stayed in place.\n", encoding="utf-8")
    assert run("sources", "add", str(article), "--id", "mine").exit_code == 0
    shipped = run("sources", "remove", "cnn")
    assert shipped.exit_code == 1
    assert shipped.stderr == (
        "uscn: error: source 'cnn' is one of uscn's own (shipped) sources: only your own can be removed\n"
    )
    unknown = run("sources", "remove", "nope")
    assert unknown.exit_code == 1 and "source of your own 'nope' not found" in unknown.stderr
    removed = run("sources", "remove", "mine")
    assert removed.exit_code == 0, removed.output
    assert removed.stderr.startswith("uscn: removed ") and "mine.yaml and " in removed.stderr
    assert "mine" not in run.ok("sources", "list", "-f", "csv")


def test_sources_add_warns_when_the_article_touches_no_issue(run: Run, tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("The weather in Lisbon was mild all week.\n", encoding="utf-8")
    result = run("sources", "add", str(article), "--id", "weather")
    assert result.exit_code == 0, result.output
    assert "uscn: warning: the article touches no issue of the dataset at the default strength" in result.stderr
    touching = tmp_path / "b.txt"
    touching.write_text("Export controls on advanced chips were tightened again.\n", encoding="utf-8")
    quiet = run("sources", "add", str(touching), "--id", "chips")
    assert "touches no issue" not in quiet.stderr


def test_a_broken_file_of_the_users_leaves_the_rest_readable(run: Run, tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Export controls on advanced chips were tightened again.\n", encoding="utf-8")
    assert run("sources", "add", str(article), "--id", "good").exit_code == 0
    draft = Path(run("sources", "add", str(article), "--id", "bad").stdout.strip())
    draft.write_text(draft.read_text(encoding="utf-8") + "  - [unclosed\n", encoding="utf-8")
    listed = run("sources", "list", "-f", "csv")
    assert listed.exit_code == 0, listed.output
    assert "good," in listed.stdout and "bad," not in listed.stdout
    [warning] = listed.stderr.splitlines()
    assert warning.startswith(f"uscn: warning: left out your file {draft}:")
    assert run("validate").exit_code == 65
