"""The attribution checks of ``uscn validate`` (speaker, cut, hedge), both ways, on real seed sentences.

Each failure kind has its own fixture directory (``tests/fixtures/attribution_*``), made of sentences
copied from the seeds; ``attribution_fair`` holds the fair versions of the same items and must pass.
"""

from __future__ import annotations

import json

import pytest

from tests.conftest import FIXTURES, Run
from usc_cli.errors import ExitStatus
from usc_cli.queries import attribution

LI = (
    "But China’s Premier Li, saw things differently: “overstretching the concept of security” would hurt the "
    "economic development of both countries and the world, he told the Treasury chief earlier this month."
)


def validate(run: Run, fixture: str, *args: str) -> tuple[int, str, str]:
    result = run("--data-dir", str(FIXTURES / fixture), "validate", *args)
    return result.exit_code, result.stdout, result.stderr


def test_fair_quotes_pass_every_check(run: Run) -> None:
    code, out, err = validate(run, "attribution_fair", "-f", "json")
    assert code == 0, err
    report = json.loads(out)["attribution"]
    assert report["errors"] == [] and report["warnings"] == []
    assert [c["field"] for c in report["fair_cuts"]] == ["positions[2].evidence[0]", "positions[3].evidence[0]"]


def test_verbose_lists_each_fair_cut_with_its_reason(run: Run) -> None:
    code, out, _ = validate(run, "attribution_fair", "--verbose")
    assert code == 0
    assert "Fair cuts" in out
    assert "sources/fixture.yaml:44: positions[2].evidence[0] (position on climate (us)): The sentence contrasts" in out
    code, out, _ = validate(run, "attribution_fair")
    assert "Fair cuts" not in out


def test_speaker_check_flags_words_the_sentence_credits_to_someone_else(run: Run) -> None:
    code, out, err = validate(run, "attribution_speaker")
    assert code == ExitStatus.DATA_INVALID
    assert out == ""
    assert (
        "sources/fixture.yaml:28: positions[0].evidence[0]: [speaker] position on export-controls (china): "
        "the sentence credits these words to 'Premier Li' (told), not to the article's author"
    ) in err


def test_speaker_check_flags_a_hypothetical_recorded_as_said(run: Run) -> None:
    code, _, err = validate(run, "attribution_said")
    assert code == ExitStatus.DATA_INVALID
    assert "[speaker] position on military-communication (us): the article presents these words as what" in err
    assert "U.S. officials would point to: record them hypothetical" in err


def test_speaker_check_flags_a_quote_that_runs_past_the_passage_crediting_its_speaker(run: Run) -> None:
    """The author's words before, after or around someone's reported words would be shown as theirs."""
    code, out, err = validate(run, "attribution_overrun")
    assert code == ExitStatus.DATA_INVALID
    assert out == ""
    lines = [line.split(" — ")[0] for line in err.splitlines() if "[speaker]" in line]
    assert lines == [
        "sources/fixture.yaml:33: positions[0].evidence[0]: [speaker] position on bridge (third-party): the quote's "
        "leading words ('Her patience is wearing thin, reflected in') fall outside the passage that credits it to "
        "Dana Reyes: split the quote, or credit the right speaker",
        "sources/fixture.yaml:41: positions[1].evidence[0]: [speaker] position on bridge (third-party): the quote's "
        "trailing words ('The repairs have barely begun') fall outside the passage that credits it to Dana Reyes: "
        "split the quote, or credit the right speaker",
        "sources/fixture.yaml:49: positions[2].evidence[0]: [speaker] position on bridge (third-party): the quote's "
        "leading words ('For the plan to work, the council must …') fall outside the passage that credits it to "
        "many residents: split the quote, or credit the right speaker",
        "sources/fixture.yaml:57: positions[3].evidence[0]: [speaker] position on bridge (third-party): the quote's "
        "middle words ('Few believe her') fall outside the passage that credits it to Dana Reyes: split the quote, "
        "or credit the right speaker",
    ]


def test_quotes_split_at_the_passage_crediting_their_speaker_pass(run: Run) -> None:
    code, out, err = validate(run, "attribution_bounded", "-f", "json")
    assert code == 0, err
    report = json.loads(out)["attribution"]
    assert report["errors"] == [] and report["warnings"] == [] and report["fair_cuts"] == []


def test_cut_check_flags_a_quote_that_drops_its_speakers_name(run: Run) -> None:
    code, _, err = validate(run, "attribution_cut_name")
    assert code == ExitStatus.DATA_INVALID
    assert "[cut] position on export-controls (china): the quote leaves out its speaker's name ('Premier Li')" in err


def test_cut_check_flags_a_quote_that_drops_a_turning_clause(run: Run) -> None:
    code, _, err = validate(run, "attribution_cut_clause")
    assert code == ExitStatus.DATA_INVALID
    assert "[cut] position on world-order (china): the quote leaves out a clause that turns its sentence (while)" in err


def test_hedge_check_warns_with_file_line_and_field_but_passes(run: Run) -> None:
    code, out, _ = validate(run, "attribution_hedge")
    assert code == 0
    assert (
        "sources/fixture.yaml:60: positions[4].evidence[0]: [hedge] position on military-communication (us): "
        "the quote is hypothetical"
    ) in " ".join(out.split())


def test_shipped_data_passes_every_check_with_no_warning(run: Run) -> None:
    result = run("validate", "-f", "json")
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)["attribution"]
    assert report["errors"] == [] and report["warnings"] == []
    assert all(cut["cut_reason"] for cut in report["fair_cuts"])


@pytest.mark.parametrize(
    ("sentence", "credited"),
    [
        (LI, ["Premier Li"]),  # "he told" resolves to the name earlier in the sentence
        ("“The relationship is on firmer ground, but it’s still brittle,” said Chong in Singapore.", ["Chong"]),
        (
            "Yellen, meanwhile, sought to impress that the US in its policy was only “taking targeted national "
            "security actions,” and not seeking to “gain economic advantage” over China.",
            ["Yellen"],
        ),
        (
            "But all this doesn’t mean there’s no room to work together, according to Shanghai-based international "
            "relations scholar Shen Dingli.",
            ["Shen Dingli"],
        ),
        (
            "U.S. officials would point to unsafe Chinese military interactions with U.S. vessels, and China’s "
            "refusal of meetings between defense ministers as destabilizing.",
            ["U.S. officials"],
        ),
        # a name after "said" that begins the reported clause is not the speaker
        ("Shen said Beijing was open to cooperating on issues where it was possible, like climate.", ["Shen"]),
        # the author's own characterisations credit nobody
        (
            "Washington has proclaimed the need to protect its national security and the world order from an "
            "increasingly authoritarian and assertive China.",
            [],
        ),
        (
            "the democratic island of Taiwan, which China’s Communist Party claims but has never controlled",
            [],
        ),
        ("Xi now believes China is locked in a long-term geopolitical and ideological competition.", []),
    ],
)
def test_credits_find_who_a_real_sentence_credits(sentence: str, credited: list[str]) -> None:
    names = [c.name for c in attribution.credits(sentence, known=["Premier Li", "Chong", "Shen", "Yellen"])]
    assert names == credited


def test_a_pronoun_resolves_to_the_nearest_earlier_known_name() -> None:
    earlier = "“(Both sides) say they want to stop the downward spiral,” said Suisheng Zhao, director of the Center."
    found = attribution.credits(
        "“Both are under the impression that they will not get any positive response,” he added.",
        known=["Suisheng Zhao", "Zhao"],
        earlier=earlier,
    )
    assert [(c.name, c.verb) for c in found] == [("Zhao", "added")]


def test_a_pronoun_resolves_to_a_speaker_credited_since_the_last_known_name() -> None:
    """ "she said" after a sentence crediting someone the dataset does not know (an analyst) is that
    speaker's, not the known official's who spoke before her."""
    earlier = (
        "“We will respond in kind,” Zhang said. Analysts disagreed. Dana Kerr, an economist at a "
        "Boston bank, said the curbs would likely widen."
    )
    found = attribution.credits("“If talks stall, the dispute could spread,” she said.", ["Zhang"], 0, earlier)
    assert [(c.name, c.verb) for c in found] == [("Dana Kerr", "said")]


def test_many_and_they_resolve_to_the_group_credited_before() -> None:
    earlier = "Chinese officials would point to Washington’s adoption of “major power competition” in 2017."
    found = attribution.credits("They would cite the U.S. launch of a “trade war”.", earlier=earlier)
    assert [(c.name, c.hypothetical) for c in found] == [("Chinese officials", True)]


def test_names_match_whole_words_only() -> None:
    assert attribution.names_match("China’s Premier Li", ["Li Qiang", "Premier Li"])
    assert not attribution.names_match("Li Shangfu", ["Li Qiang", "Premier Li"])
    assert attribution.names_match("U.S. officials", ["many U.S. officials"])
    assert not attribution.names_match("Chinese officials", ["U.S. officials"])


def test_turns_and_hedges_are_whole_words() -> None:
    assert attribution.turns("…, while continuing to circumvent global rules") == ["while"]
    assert attribution.turns("a meanwhile-free butler") == []
    assert attribution.hedges("the two sides would be meeting on a regular basis") == ["would"]
    assert attribution.hedges("a wouldbe couldn") == []


def test_a_credit_reaches_up_to_a_contrast_that_hands_the_sentence_to_someone_else() -> None:
    text = "Reyes says the bridge is safe, while the council views it as a risk."
    [credit] = attribution.credits(text)
    assert attribution.reaches(text, credit, text.index("the bridge"))
    assert not attribution.reaches(text, credit, text.index("the council"))
    quoted = "Reyes says “it is safe, while it lasts,” and the council agrees."
    [credit] = attribution.credits(quoted)
    assert attribution.reaches(quoted, credit, quoted.index("the council"))  # that "while" is her own


def test_a_sentence_inside_a_longer_quotation_is_credited_to_its_speaker() -> None:
    from usc_cli.sentences import split

    text = (
        "“We weren’t doing a lot of talking before. Now we are. We have different groups that are engaged, or about "
        "to engage, on discrete issues,” Blinken said, adding “the proof will be in the results.”"
    )
    sentences = split(text)
    assert text[sentences[1].start : sentences[1].end] == "Now we are."
    _, found = attribution.sentence_credits(text, sentences, 1, 1, ["Blinken"])
    assert [c.name for c in found] == ["Blinken"]
    _, alone = attribution.sentence_credits("Now we are. It is late.", split("Now we are. It is late."), 0, 0, [])
    assert alone == []


@pytest.mark.parametrize(
    ("sentence", "credited"),
    [
        # readout verbs (sentences written for the test, in the style of a government readout)
        ("President Biden emphasized that the United States will continue to compete.", ["President Biden"]),
        ("He also raised concerns over human rights.", []),  # no earlier name to resolve "he" to
        ("The two leaders agreed to resume cooperation.", []),  # agreeing is an act, not a credit
    ],
)
def test_readout_verbs_credit_their_subject(sentence: str, credited: list[str]) -> None:
    assert [c.name for c in attribution.credits(sentence) if c.resolved] == credited


@pytest.mark.parametrize(
    ("words", "side"),
    [
        ("a former US trade representative", "third-party"),
        ("an ex-Chinese diplomat", "third-party"),
        ("a retired American admiral", "third-party"),
        ("a former official of China's foreign ministry", "third-party"),
        ("a US trade representative", "us"),  # the same offices, serving: their government's side
        ("a Chinese diplomat", "china"),
    ],
)
def test_former_officials_speak_as_commentators(words: str, side: str) -> None:
    from usc_cli.queries.speakers import side_of

    found = side_of(words)
    assert found is not None and found.value == side
