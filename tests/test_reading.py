"""Who says each sentence of an article nobody here has seen (``queries/reading.py``), class by class,
both ways, on sentences written for these tests in the shapes wire copy, readouts and op-eds use;
and the ``sentences`` list and ``--speakers`` view of ``uscn analyze``."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import Run
from usc_cli.loader import load_dataset
from usc_cli.locations import resolve_location
from usc_cli.models import Actor, Side, SourceKind
from usc_cli.queries.reading import attribute
from usc_cli.queries.speakers import Who

HELDOUT = Path(__file__).parent / "heldout"


@pytest.fixture(scope="module")
def actors() -> list[Actor]:
    return list(load_dataset(resolve_location(None)).actors.values())


def _side(who: Who) -> str:
    return "unknown" if who.kind == "unknown" else who.side.value if who.side else "both"


def speakers(
    text: str, actors: list[Actor], kind: SourceKind = SourceKind.NEWS, government: Side | None = None
) -> list[list[tuple[str, str]]]:
    """For each sentence, its (speaker, side) pairs."""
    found: dict[int, list[tuple[str, str]]] = {}
    for item in attribute(text, actors, kind, government):
        pair = (item.who.name, _side(item.who))
        if pair not in found.setdefault(item.n, []):
            found[item.n].append(pair)
    return [found[n] for n in sorted(found)]


REPORTER = ("the story's reporter", "third-party")
AUTHOR = ("the article's author", "third-party")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an auxiliary or adverb before the verb
        ("The U.S. has said it will review the duties next year.", [("The U.S.", "us")]),
        ("The two sides jointly announced a new round of talks.", [("The two sides", "both")]),
        ("The U.S. has tariffs on steel.", [REPORTER]),
        # according to, told reporters, complaints from
        ("According to trade analysts, the duties will cost exporters dearly.", [("trade analysts", "third-party")]),
        ("According to the figures, exports fell.", [REPORTER]),
        ("Janet Yellen told reporters the talks had gone well.", [("Janet Yellen", "us")]),
        (
            "The visit followed complaints from European carmakers that the subsidies distorted prices.",
            [("European carmakers", "third-party")],
        ),
        ("The visit followed a week of heavy rain.", [REPORTER]),
        # a single unnamed official
        (
            "A senior administration official told the paper that no deal was near.",
            [("A senior administration official", "us")],
        ),
        ("A senior official in the capital was replaced.", [REPORTER]),
        # bodies in lower case
        # (the dataset knows the body: it is named as its actor)
        ("China's foreign ministry said the visit was unwelcome.", [("PRC Foreign Ministry", "china")]),
        ("China's foreign ministry building was repainted.", [REPORTER]),
    ],
)
def test_speakers_named_in_the_shapes_wire_copy_uses(
    actors: list[Actor], text: str, expected: list[tuple[str, str]]
) -> None:
    assert speakers(text, actors)[-1] == expected


def test_a_bare_title_is_the_speaker_last_given_it_and_a_pronoun_the_previous_speaker(actors: list[Actor]) -> None:
    text = (
        "Trade ministry spokesperson Gao Min said the duties were unfair. "
        "The spokesperson added that talks could resume. "
        "Gao Min said she told Secretary Ruth Alder that the door was open. "
        "She added that Beijing wanted calm."
    )
    gao = [("Gao Min", "china")]
    assert speakers(text, actors) == [gao, gao, gao, gao]  # "She" is the speaker, not Secretary Alder


def test_a_title_or_pronoun_with_no_earlier_speaker_is_flagged_not_guessed(actors: list[Actor]) -> None:
    text = "Prices rose again in March. The spokesperson said the rise was temporary. She added nothing."
    found = speakers(text, actors)
    assert found[0] == [REPORTER]
    assert found[1] == [("unknown", "unknown")]
    assert found[2] == [("unknown", "unknown")]


def test_the_department_is_the_body_not_the_official_named_with_it(actors: list[Actor]) -> None:
    text = (
        "“The rules are narrow,” Commerce Department Under Secretary Tom Reyes said. "
        "The department said the rules start in May."
    )
    assert speakers(text, actors) == [[("Tom Reyes", "us")], [("Commerce Department", "us")]]


def test_a_quotation_over_several_sentences_is_its_credited_speaker(actors: list[Actor]) -> None:
    before = "“Let me be plain. We will not move first,” she said."
    text = f"Chinese Vice Minister Hu Ping said the talks were useful. {before}"
    assert speakers(text, actors)[1:] == [[("Hu Ping", "china")], [("Hu Ping", "china")]]
    after = "“We are ready,” Trade Representative Ann Cole said. “The next move is theirs.”"
    assert speakers(after, actors) == [[("Ann Cole", "us")], [("Ann Cole", "us")]]
    alone = "Markets were calm. “The next move is theirs, and they know it.”"
    assert speakers(alone, actors)[1] == [("unknown", "unknown")]  # no one to continue: flagged


def test_a_shared_surname_is_the_person_this_article_named(actors: list[Actor]) -> None:
    text = (
        "Public security minister Wang Lihua said controls had been tightened. "
        "Wang also said more arrests would follow."
    )
    assert speakers(text, actors) == [[("Wang Lihua", "china")], [("Wang Lihua", "china")]]
    known = "Foreign Minister Wang Yi spoke first. Wang said the visit was useful."
    assert speakers(known, actors)[1] == [("Wang Yi", "china")]


def test_a_headline_speaker(actors: list[Actor]) -> None:
    assert speakers("After the vote, Beijing hopes for calm", actors) == [[("Beijing", "china")]]
    assert speakers("After the vote, calm returns", actors) == [[REPORTER]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the title decides, whatever other country the sentence names
        (
            "“Washington keeps moving the goalposts,” foreign ministry spokesperson Lin Qiao told a briefing.",
            [("Lin Qiao", "china")],
        ),
        (
            "“China's firms will adapt,” Commerce Department Under Secretary Mark Dale told reporters.",
            [("Mark Dale", "us")],
        ),
        ("In a joint statement, the two governments said they would meet again.", [("the two governments", "both")]),
        ("Professor Li Na, an economist at a Beijing university, said growth would slow.", [("Li Na", "third-party")]),
    ],
)
def test_the_side_comes_from_the_speakers_own_title(
    actors: list[Actor], text: str, expected: list[tuple[str, str]]
) -> None:
    assert speakers(text, actors)[-1] == expected


def test_each_clause_of_a_semicolon_sentence_has_its_speaker(actors: list[Actor]) -> None:
    text = "Washington says the curbs guard its security; Beijing calls them a bid to hold China back."
    flat = [pair for sentence in speakers(text, actors, SourceKind.OPINION) for pair in sentence]
    assert flat == [("Washington", "us"), ("Beijing", "china")]


def test_the_narrator_follows_the_kind_of_text(actors: list[Actor]) -> None:
    text = "The two ministers met in Rome. Trade was discussed at length."
    assert speakers(text, actors, SourceKind.OPINION)[0] == [AUTHOR]
    assert speakers(text, actors, SourceKind.NEWS)[0] == [REPORTER]
    assert speakers(text, actors, SourceKind.READOUT, Side.US)[0] == [("the article's author", "us")]


def test_a_transcript_turn_speaks_until_the_next_label(actors: list[Actor]) -> None:
    text = (
        "Regular Press Conference of the Foreign Ministry\n\n"
        "Q: Will the talks go ahead?\n\n"
        "A: The talks will go ahead. We hope for results.\n\n"
        "We urge the other side to meet us halfway.\n"
    )
    found = speakers(text, actors, SourceKind.PRESS_CONFERENCE, Side.CHINA)
    assert found[1] == [("a reporter", "third-party")]
    china = [("the article's author", "china")]
    assert found[2:] == [china, china, china]
    photo = "Leaders at the summit.\n\nCredit: Wire photo\n\nThe summit ended early."
    assert [s[0][0] for s in speakers(photo, actors)] == ["the story's reporter"] * 3  # one label: no transcript


def test_quoted_words_are_never_the_authors_unless_the_sentence_says_so(actors: list[Actor]) -> None:
    quoted = "Exports fell. “This is a turning point for the whole industry.”"
    assert speakers(quoted, actors, SourceKind.OPINION)[1] == [("unknown", "unknown")]
    scare = "Exports fell after the so-called “chip war” began."
    assert speakers(scare, actors, SourceKind.OPINION) == [[AUTHOR]]  # a term the author marks, not speech
    own = "“This is a turning point,” I wrote last year."
    assert speakers(own, actors, SourceKind.OPINION) == [[AUTHOR]]


def test_analyze_json_lists_every_sentence_with_its_speakers(run: Run, mini: list[str]) -> None:
    data = run.json(*mini, "analyze", str(HELDOUT / "oped-chips.txt"))
    sentences = data["sentences"]
    text = (HELDOUT / "oped-chips.txt").read_text(encoding="utf-8")
    assert [s["n"] for s in sentences] == list(range(1, len(sentences) + 1))
    for s in sentences:
        assert " ".join(text[s["start"] : s["end"]].split()) == s["text"]
        assert s["speakers"]
    okafor = [s for s in sentences if s["speakers"][0]["name"] == "Daniel Okafor"]
    assert [s["speakers"][0]["side"] for s in okafor] == ["us", "us"]
    assert {"presented", "verb", "kind", "actor", "description"} <= set(okafor[0]["speakers"][0])
    assert data["source_kind"] == {
        "value": "opinion",
        "government": None,
        "how": "inferred",
        "basis": "nothing marks it as a government's text or a news story",
    }
    assert any(s["issues"] == ["export-controls"] for s in sentences)
    assert any(s["issues"] == [] for s in sentences)


def test_analyze_speakers_view_shows_who_says_each_sentence(run: Run, mini: list[str], tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Prices rose. “It will get worse before it gets better.”\n", encoding="utf-8")
    out = run.ok(*mini, "analyze", str(article), "--speakers", "--kind", "news")
    assert "Read as: news; given: --kind." in out
    assert "speaker unknown — check" in out
    assert "the story's reporter" in out
    result = run(*mini, "analyze", str(article), "--kind", "readout")
    assert result.exit_code == 2
    assert "--government us|china" in result.stderr


def test_score_reports_sentence_level_speakers_on_the_seeds_and_on_labelled_articles(run: Run) -> None:
    seeds = run.json("analyze", "--score")["sentences"]["totals"]
    assert seeds["speech_sentences"] >= 40
    assert seeds["accuracy"] >= 0.85 and seeds["coverage"] >= 0.85
    for folder in ("heldout", "heldout2"):
        labelled = run.json("analyze", "--score", str(Path(__file__).parent / folder))
        totals = labelled["totals"]
        assert totals["accuracy"] >= 0.85, labelled["misses"]
        assert totals["author_given_away"] == 0
        assert totals["author_side_right"] == totals["author_sentences"]
    wire = run.json("analyze", "--score", str(HELDOUT / "wire-chips.yaml"))["articles"]
    assert [a["name"] for a in wire] == ["wire-chips"]


def test_score_of_a_broken_labels_file_is_one_clear_line(run: Run, tmp_path: Path) -> None:
    labels = tmp_path / "bad.yaml"
    labels.write_text("article: a.txt\nkind: rumour\nsentences: []\n", encoding="utf-8")
    result = run("analyze", "--score", str(labels))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"uscn: error: {labels}: kind:")
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("opening", "kind"),
    [
        ("NAIROBI — The two delegations met for a third day.", "news"),
        ("GENEVA, May 3 (Wire) – Talks resumed on Tuesday.", "news"),
        ("OSLO (Wire) — Talks resumed on Tuesday.", "news"),
        ("The two delegations met for a third day — and agreed on little.", "opinion"),
        ("NOTE: the two delegations met for a third day.", "opinion"),
    ],
)
def test_a_dateline_makes_a_text_a_news_story(opening: str, kind: str) -> None:
    from usc_cli.queries.kinds import infer_kind

    assert infer_kind(f"Talks drag on\n\nBy Sam Reed\n\n{opening} Nothing was signed.\n").kind.value == kind
