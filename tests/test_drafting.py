"""Who says what in a new article (``uscn analyze``), the drafts of ``uscn sources add``, and the
figures of ``uscn analyze --score``.

Attribution patterns are tested on real seed sentences, both ways (credited and not). The seeds are
drafted as new articles into a copy of the shipped dataset and must validate.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from tests.conftest import Run
from usc_cli.dataset import Dataset
from usc_cli.locations import shipped_data_dir
from usc_cli.models import Actor
from usc_cli.queries.reading import attribute
from usc_cli.queries.speakers import Who, side_of

SEEDS = Path(__file__).parent.parent / "seeds"
OPED = Path(__file__).parent / "articles" / "made-up-oped.txt"


@pytest.fixture(scope="module")
def actors(shipped: Dataset) -> list[Actor]:
    return list(shipped.actors.values())


def who_says(text: str, actors: list[Actor], n: int = 0) -> list[tuple[str, str, str, bool]]:
    """(speaker, side, how, credited) for each speaker of sentence ``n`` (from 1; 0: the last)."""
    found = attribute(text, actors)
    n = n or found[-1].n
    return [(a.who.name, _side(a.who), a.how, a.credited) for a in found if a.n == n]


def _side(who: Who) -> str:
    return "unknown" if who.kind == "unknown" else who.side.value if who.side else "both"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # credited: the speaker check's credits, resolved to actors by name, alias or variant
        (
            "Yellen, meanwhile, sought to impress that the US in its policy was only “taking targeted national "
            "security actions,” and not seeking to “gain economic advantage” over China.",
            [("Janet Yellen", "us", "argued", True)],
        ),
        (
            "“The relationship is on firmer ground, but it’s still brittle,” said Chong in Singapore.",
            [("Chong Ja Ian", "third-party", "said", True)],
        ),
        (
            "But China’s Premier Li, saw things differently: “overstretching the concept of security” would hurt "
            "the economic development of both countries and the world, he told the Treasury chief earlier this month.",
            [("Li Qiang", "china", "reported", True)],
        ),
        (
            "U.S. officials would point to unsafe Chinese military interactions with U.S. vessels, and China’s "
            "refusal of meetings between defense ministers as destabilizing.",
            [("U.S. officials", "us", "would argue", True)],
        ),
        # a name in what a credited speaker says is not a second speaker
        (
            "And despite tough talk from Chinese leaders like Wang Yi, Shen said Beijing was open to cooperating "
            "on issues where it was possible, like climate, even amid broader tensions.",
            [("Shen Dingli", "third-party", "reported", True)],
        ),
        # not credited, but a government's stance the article reports: one holder per side of a contrast
        (
            "Beijing views Washington as bent on suppressing its development and global rise, while Washington has "
            "proclaimed the need to protect its national security and the world order from an increasingly "
            "authoritarian and assertive China.",
            [("Beijing", "china", "reported", False), ("Washington", "us", "reported", False)],
        ),
        (
            "Xi now believes China is locked in a long-term geopolitical and ideological competition with the global "
            "West.",
            [("Xi Jinping", "china", "reported", False)],
        ),  # fmt: skip
        # not credited at all: the author's words ("claims" is a territorial claim, not speech)
        (
            "These are part of a stack of grievances between the two, which also hit on US sanctions on Chinese "
            "entities, and relations with the democratic island of Taiwan, which China’s Communist Party claims "
            "but has never controlled.",
            [("the article's author", "third-party", "reported", False)],
        ),
        (
            "Several US cabinet officials are likely to visit Beijing, likely culminating in a visit by Xi Jinping "
            "to San Francisco.",
            [("the article's author", "third-party", "expects", False)],
        ),
        (
            "Third, Washington must proceed with clear objectives.",
            [("the article's author", "third-party", "argued", False)],
        ),
    ],
)
def test_who_says_a_real_sentence(text: str, expected: list[tuple[str, str, str, bool]], actors: list[Actor]) -> None:
    assert who_says(text, actors) == expected


def test_a_pronoun_and_a_quotation_of_several_sentences_keep_their_speaker(actors: list[Actor]) -> None:
    zhao = (
        "“(Both sides) say they want to stop the downward spiral,” said Suisheng Zhao, director of the Center. "
        "“Both are under the impression that they will not get any positive response from the other side,” he added."
    )
    assert who_says(zhao, actors) == [("Suisheng Zhao", "third-party", "said", True)]
    blinken = (
        "“We weren’t doing a lot of talking before. Now we are. We have different groups that are engaged,” "
        "Blinken said."
    )
    assert who_says(blinken, actors, n=2) == [("Antony Blinken", "us", "said", True)]  # "Now we are."


def test_a_forecast_continues_into_a_sentence_that_names_no_speaker(actors: list[Actor]) -> None:
    text = (
        "U.S. officials would point to unsafe Chinese military interactions with U.S. vessels. Beijing’s plans to "
        "coercively reunify with Taiwan and the need for the U.S. to deter such action would also be raised."
    )
    assert who_says(text, actors) == [("U.S. officials", "us", "would argue", True)]
    alone = (
        "Beijing’s plans to coercively reunify with Taiwan and the need for the U.S. to deter such action would also "
        "be raised."
    )
    assert who_says(alone, actors) == [("the article's author", "third-party", "expects", False)]


def test_a_person_the_dataset_does_not_know_is_described_in_the_articles_words() -> None:
    text = (
        "“This contact reduces the risk of miscalculation, so that’s a start,” said Chong Ja Ian, an associate "
        "professor of political science at the National University of Singapore."
    )
    [item] = attribute(text, [])
    assert (item.who.kind, item.who.name, item.who.side) == ("person", "Chong Ja Ian", side_of("professor"))
    assert item.who.description == "an associate professor of political science at the National University of Singapore"


def test_sides_of_groups_and_descriptions() -> None:
    assert side_of("Chinese officials") == "china"
    assert side_of("U.S. officials") == "us"
    assert side_of("Shanghai-based international relations scholar") == "third-party"
    assert side_of("the two leaders") is None
    assert (
        side_of("climate envoy", "from US Secretary of State Antony Blinken, Treasury chief Janet Yellen and") == "us"
    )


@pytest.mark.parametrize(
    ("sentence", "issue"),
    [
        ("The two sides agreed to resume high-level military-to-military communication.", "military-communication"),
        ("The leaders discussed export control policy.", "export-controls"),
        ("They exchanged views on the Korean Peninsula.", "north-korea-iran"),
        ("They will increase scheduled passenger flights early next year.", "people-to-people"),
        ("They talked about debt.", "global-finance"),
    ],
)
def test_an_explicit_mention_reaches_the_default_threshold_alone(run: Run, sentence: str, issue: str) -> None:
    result = run("analyze", "-", "-f", "json", input=sentence)
    assert result.exit_code == 0, result.output
    shown = json.loads(result.stdout)["issues"]
    assert issue in [i["id"] for i in shown]
    assert [i["strength"] >= 4 for i in shown if i["id"] == issue] == [True]


def test_a_loose_cue_alone_stays_below_the_threshold(run: Run) -> None:
    data = json.loads(run("analyze", "-", "-f", "json", input="The talks went on.").stdout)
    assert (
        data["issues"] == []
        and {"kind": "issue", "id": "high-level-dialogue", "label": None, "strength": 3} in (data["below_min_strength"])
    )


def test_every_shipped_issue_has_a_cue_that_names_it() -> None:
    issues = yaml.safe_load((Path(__file__).parent.parent / "data" / "issues.yaml").read_text(encoding="utf-8"))
    assert all(any(c.startswith("=") for c in i["cues"]) for i in issues["issues"])


def test_analyze_says_who_says_what_on_each_issue(run: Run) -> None:
    data = run.json("analyze", str(OPED))
    [controls] = [i for i in data["issues"] if i["id"] == "export-controls"]
    [contrast] = [s for s in controls["sentences"] if s["n"] == 4]
    assert [(s["name"], s["kind"], s["side"], s["presented"], s["verb"]) for s in contrast["speakers"]] == [
        ("Washington", "group", "us", "reported", "says"),
        ("Beijing", "group", "china", "reported", "calls"),
    ]
    shown = " ".join(run.ok("analyze", str(OPED), env={"COLUMNS": "100"}).split())  # the cite may wrap
    assert "— sentence 4 · Washington (us), reported; Beijing (china), reported" in shown


def test_every_seed_drafted_as_a_new_article_validates(run: Run, tmp_path: Path) -> None:
    """Each seed (and the test op-ed) added again under a new id gives a draft with attributions and
    positions that validates with no error and no warning, and fully once its TODOs are written.
    They go into the user's own directory, read on top of the shipped dataset, where a draft's view
    fills a shipped gap (in a --data-dir copy, the gap would have to be deleted by hand)."""
    mine = tmp_path / "data-home" / "uscn"
    articles = [p for p in sorted(SEEDS.glob("*.txt")) if not p.name.startswith("mfa-")]  # not the excerpts
    for article in [*articles, OPED]:
        assert run("sources", "add", str(article), "--id", f"new-{article.stem}").exit_code == 0
    report = run.json("validate")
    assert report["attribution"]["errors"] == [] and report["attribution"]["warnings"] == []
    shipped = len(list((shipped_data_dir() / "sources").glob("*.yaml")))
    assert report["counts"]["sources"] == shipped + len(articles) + 1
    assert len(report["placeholders"]) > 50
    assert all(p.endswith((": summary", ": covers")) or ": unknown." in p for p in report["placeholders"])
    cnn = yaml.safe_load((mine / "sources" / "new-cnn-analysis.yaml").read_text(encoding="utf-8"))
    wang = {"actor": "wang-yi", "presented": "reported"}
    assert [a["quote"] for a in cnn["attributions"] if a["speaker"] == wang] == [
        "China’s top diplomat Wang insisted this cooperation “cannot be separated from the overall environment of "
        "Sino-US relations.”"
    ]  # the clause after "While Kerry stressed …,", as the validated data has it
    kerry = [p for p in cnn["positions"] if p["holder"] == {"actor": "john-kerry"}]
    assert [(p["issue"], p["side"]) for p in kerry] == [("climate", "us")]
    for draft in (mine / "sources").glob("new-*.yaml"):
        draft.write_text(draft.read_text(encoding="utf-8").replace('"TODO: ', '"'), encoding="utf-8")
    report = run.json("validate")
    assert report["placeholders"] == [] and report["attribution"]["warnings"] == []


def test_a_sentence_of_one_speakers_words_and_anothers_stance_drafts_each_holders_own_clause(
    run: Run, tmp_path: Path
) -> None:
    """A quote is shown whole as the words of the passages it overlaps: each holder gets its own clause,
    and the cut of the other clause's "while" is left for the user to justify."""
    article = tmp_path / "chips.txt"
    article.write_text(
        "Chip Rules\n\nWashington says its new chip rules protect national security, while Beijing views "
        "them as an attempt to contain its development.\n",
        encoding="utf-8",
    )
    assert run("sources", "add", str(article), "--id", "chips").exit_code == 0
    draft = yaml.safe_load((tmp_path / "data-home" / "uscn" / "sources" / "chips.yaml").read_text(encoding="utf-8"))
    quoted = {p["side"]: p["evidence"][0] for p in draft["positions"] if p["side"] != "third-party"}
    assert quoted["us"]["quote"] == "Washington says its new chip rules protect national security"
    assert quoted["china"]["quote"] == "Beijing views them as an attempt to contain its development."
    report = run.json("validate")
    assert report["attribution"]["errors"] == []
    assert [p for p in report["placeholders"] if p.endswith("cut_reason")] == [
        "position on export-controls (us): evidence[0].cut_reason",
        "position on export-controls (china): evidence[0].cut_reason",
    ]


def test_a_hypothetical_draft_keeps_its_hedge(run: Run, tmp_path: Path) -> None:
    data = ["--data-dir", str(tmp_path / "mine")]
    run(*data, "sources", "add", str(SEEDS / "diplomat-trans-pacific-view.txt"), "--id", "again")
    draft = yaml.safe_load((tmp_path / "mine" / "sources" / "again.yaml").read_text(encoding="utf-8"))
    [officials] = [p for p in draft["positions"] if p["issue"] == "military-communication" and p["side"] == "us"]
    assert officials["holder"] == {"description": "U.S. officials, as the author expects them to argue"}
    assert "keep it hypothetical" in officials["summary"]
    assert {"description": "U.S. officials", "presented": "hypothetical"} in [
        a["speaker"] for a in draft["attributions"]
    ]


def test_score_prints_the_figures_and_meets_the_targets(run: Run) -> None:
    data = run.json("analyze", "--score")
    assert data["kind"] == "drafting-score"
    assert [s["source"] for s in data["sources"]] == ["cnn", "diplomat", "georgetown", "hormats", "marschik"]
    totals = data["totals"]
    assert totals["issue_recall"] >= data["targets"]["issue_recall"] == 0.9
    assert totals["speaker_accuracy"] >= data["targets"]["speaker_accuracy"] == 0.85
    assert totals["quotes_compared"] > 50
    shown = run.ok("analyze", "--score", env={"COLUMNS": "80"})
    assert "(target ≥ 0.90: met)" in shown and "(target ≥ 0.85:" in shown
    assert shown.splitlines()[5].split() == ["source", "drafted", "right", "hand-made", "found", "precision", "recall"]


def test_analyze_needs_a_file_or_score_and_score_takes_a_labels_file(run: Run) -> None:
    result = run("analyze")
    assert result.exit_code == 2 and "or --score" in result.stderr
    labels = run("analyze", "--score", "/nonexistent/labels.yaml")
    assert labels.exit_code == 1 and "labels.yaml: cannot read" in labels.stderr


def test_a_bare_title_means_the_person_last_named_with_it(actors: list[Actor]) -> None:
    """Readouts name the leader once ("President Biden stressed …") and then write "The President"."""
    text = (
        "President Biden stressed the importance of peace and stability across the Taiwan Strait. "
        "The President stressed that the United States will keep its export controls on advanced chips."
    )
    assert who_says(text, actors, n=2) == [("Joe Biden", "us", "argued", True)]
    nobody_named = "The President stressed that the United States will keep its export controls on advanced chips."
    assert who_says(nobody_named, actors) == [("unknown", "unknown", "argued", True)]  # flagged, not guessed


def test_a_readout_phrase_for_military_communication_reaches_the_threshold(run: Run, tmp_path: Path) -> None:
    """Readouts say "communication between the two militaries" rather than "military-to-military"."""
    article = tmp_path / "readout.txt"
    article.write_text(
        "The leaders welcomed continued communication between the two militaries and agreed to meet again.\n",
        encoding="utf-8",
    )
    found = [i["id"] for i in run.json("analyze", str(article))["issues"]]
    assert "military-communication" in found


def test_a_sentence_that_sets_two_sides_side_by_side_credits_each_clause(actors: list[Actor]) -> None:
    text = (
        "Chinese officials would argue that American arms sales to Taipei embolden separatists, while US "
        "officials insist that deterrence keeps the peace across the Taiwan Strait."
    )
    assert sorted(who_says(text, actors)) == [
        ("Chinese officials", "china", "would argue", True),
        ("US officials", "us", "argued", True),
    ]


def test_a_former_official_quoted_in_straight_quotes_is_a_commentator_who_said_it(actors: list[Actor]) -> None:
    text = (
        '"We cannot arrest our way out of an epidemic whose precursor chemicals are shipped from Chinese ports," '
        "said Maria Lopez, a former Drug Enforcement Administration official, in an interview last month."
    )
    assert who_says(text, actors) == [("Maria Lopez", "third-party", "said", True)]


def test_a_drafted_summary_asks_to_keep_only_the_holders_own_hedge(run: Run, tmp_path: Path) -> None:
    article = tmp_path / "two-sides.txt"
    article.write_text(
        "Chinese officials would argue that American arms sales to Taipei embolden separatists, while US "
        "officials insist that deterrence keeps the peace across the Taiwan Strait.\n",
        encoding="utf-8",
    )
    assert run("sources", "add", str(article), "--id", "two-sides").exit_code == 0
    draft = yaml.safe_load(next(Path(tmp_path.parent).rglob("two-sides.yaml")).read_text(encoding="utf-8"))
    summaries = {p["side"]: p["summary"] for p in draft["positions"]}
    assert "would" not in summaries["us"]
    assert "hypothetical" in summaries["china"]


def test_a_byline_names_the_author_in_the_draft_and_no_byline_leaves_it_unnamed(run: Run, tmp_path: Path) -> None:
    signed = tmp_path / "signed.txt"
    signed.write_text(
        "Chips, Pills and Patience\n\nBy Nora Lindqvist, a trade columnist\n\n"
        "Washington says its export controls on chips protect national security.\n",
        encoding="utf-8",
    )
    unsigned = tmp_path / "unsigned.txt"
    unsigned.write_text("Washington says its export controls on chips protect national security.\n", encoding="utf-8")
    for path, source_id in ((signed, "signed"), (unsigned, "unsigned")):
        assert run("sources", "add", str(path), "--id", source_id).exit_code == 0
    mine = tmp_path / "data-home" / "uscn" / "sources"
    signed_author = yaml.safe_load((mine / "signed.yaml").read_text(encoding="utf-8"))["source"]["author"]
    assert (signed_author["name"], signed_author["quote"]) == ("Nora Lindqvist", "By Nora Lindqvist")
    unsigned_author = yaml.safe_load((mine / "unsigned.yaml").read_text(encoding="utf-8"))["source"]["author"]
    assert unsigned_author["name"] is None and unsigned_author["quote"] is None  # never a guessed name
    assert "source.author" not in run("validate").stderr  # the byline's words are in the text


class _Counted:
    """A cue's pattern that counts the texts it is asked to search."""

    searched = 0

    def __init__(self, compiled: re.Pattern[str]) -> None:
        self.compiled, self.pattern = compiled, compiled.pattern

    def search(self, text: str) -> re.Match[str] | None:
        _Counted.searched += 1
        return self.compiled.search(text)

    def finditer(self, text: str, *bounds: int) -> Iterator[re.Match[str]]:
        return self.compiled.finditer(text, *bounds)


def test_a_speakers_sentences_are_read_for_words_referring_to_an_issue_only_when_they_hold_some(
    shipped: Dataset, actors: list[Actor], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A long article of reported speech drafted slowly: each issue's referring words ("the
    controls", "these tariffs" …) were searched in every sentence a speaker says, one by one."""
    from usc_cli.queries import drafting
    from usc_cli.queries.analyze import analyze, cue_pattern

    said = [f"Chinese officials said that the talks would go on, case {n}." for n in range(200)]
    text = " ".join(["Export controls on chips were widened.", *said, "Beijing said the controls were unfair."])
    findings = analyze(shipped, text)
    attributed = attribute(text, actors)
    expected = drafting.draft_positions(text, findings, attributed)
    monkeypatch.setattr(drafting, "cue_pattern", lambda cue: _Counted(cue_pattern(cue)))
    _Counted.searched = 0
    assert drafting.draft_positions(text, findings, attributed) == expected
    quotes = [q.n for p in expected if p.issue == "export-controls" and p.holder.name == "Beijing" for q in p.quotes]
    assert quotes == [202]  # "the controls": the last sentence refers back to the issue
    assert _Counted.searched < len(said), _Counted.searched
