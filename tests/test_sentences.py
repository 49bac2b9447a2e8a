"""``usc_cli.sentences.split``: the one segmenter behind ``--context``, search, ``analyze`` and the checks."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from usc_cli import sentences
from usc_cli.sentences import around, split

READOUT = (
    "President Joseph R. Biden, Jr. met with President Xi Jinping of the People's Republic of China (PRC)"
    " in Woodside, California. The two leaders discussed U.S.-China relations."
)


def _texts(text: str) -> list[str]:
    return [text[s.start : s.end] for s in split(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            READOUT,
            [
                "President Joseph R. Biden, Jr. met with President Xi Jinping of the People's Republic of China"
                " (PRC) in Woodside, California.",
                "The two leaders discussed U.S.-China relations.",
            ],
        ),
        (
            "They spoke of trade as well as the U.S. relationship with its allies. Beijing disagreed.",
            ["They spoke of trade as well as the U.S. relationship with its allies.", "Beijing disagreed."],
        ),
        (
            "Gen. Mark Milley called his counterpart. He was No. 2 at the time. J. R. Smith agreed.",
            ["Gen. Mark Milley called his counterpart.", "He was No. 2 at the time.", "J. R. Smith agreed."],
        ),
        (
            "Officials in the U.S. said so. U.S. officials left.",
            ["Officials in the U.S. said so.", "U.S. officials left."],
        ),
    ],
)
def test_abbreviations_and_initials_do_not_end_a_sentence(text: str, expected: list[str]) -> None:
    assert _texts(text) == expected


def test_hard_wrapped_lines_are_one_sentence_even_when_a_line_ends_in_an_abbreviation() -> None:
    text = (
        "President Joseph R. Biden, Jr. met with President Xi Jinping of the People's\n"
        "Republic of China (PRC) in Woodside, California. The delegation included Gen.\n"
        "Mark Milley and officials who discussed U.S.-China relations as well as the U.S.\n"
        "commitment to allies. Talks ended late.\n"
    )
    assert [" ".join(s.split()) for s in _texts(text)] == [
        "President Joseph R. Biden, Jr. met with President Xi Jinping of the People's Republic of China (PRC)"
        " in Woodside, California.",
        "The delegation included Gen. Mark Milley and officials who discussed U.S.-China relations as well as"
        " the U.S. commitment to allies.",
        "Talks ended late.",
    ]


def test_headings_bylines_and_paragraphs_stay_apart() -> None:
    text = "A Heading\n\nBy Ann Example\nFirst sentence runs\nonto the next line. Second one.\nNew paragraph"
    assert _texts(text) == [
        "A Heading",
        "By Ann Example",
        "First sentence runs\nonto the next line.",
        "Second one.",
        "New paragraph",
    ]


def test_a_long_line_is_a_paragraph_even_when_it_ends_in_an_abbreviation() -> None:
    """One paragraph per line (as the seeds are written): the line's end is the paragraph's."""
    line = "Trade talks resumed after a long pause and the negotiators flew home to the U.S."
    assert len(line) < 100
    long_line = "After a year of talks that went nowhere and cost both economies a great deal, " + line
    assert _texts(f"{long_line}\nThey met officials the next day.") == [long_line, "They met officials the next day."]


def test_offsets_point_into_the_original_text_and_around_finds_the_sentence() -> None:
    sentences = split(READOUT)
    start = READOUT.index("U.S.-China")
    [hit] = around(sentences, start, start + len("U.S.-China"))
    assert READOUT[hit.start : hit.end] == "The two leaders discussed U.S.-China relations."
    assert [READOUT[s.start : s.end] for s in around(sentences, 0, len(READOUT))] == _texts(READOUT)


def test_the_sentences_near_a_span_are_those_the_whole_text_has_there() -> None:
    """Search locates a hit's sentence from the paragraphs around it alone; it must be the same sentence."""
    from usc_cli.locations import shipped_data_dir
    from usc_cli.sentences import around, split, split_near

    for seed in sorted((shipped_data_dir().parent / "seeds").glob("*.txt")):
        text = seed.read_text(encoding="utf-8")
        whole = split(text)
        for at in range(0, len(text), 97):
            assert around(split_near(text, at, at + 40), at, at + 40) == around(whole, at, at + 40), (seed.name, at)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("我们希望双方相向而行。美方应当“停止”！第二句？", ["我们希望双方相向而行。", "美方应当“停止”！", "第二句？"]),
        ("记者：有何评论？\n\n发言人：我们坚决反对。", ["记者：有何评论？", "发言人：我们坚决反对。"]),
        ("他说：“这是第一句。”然后离开", ["他说：“这是第一句。”", "然后离开"]),
    ],
)
def test_chinese_is_cut_after_full_stops_and_their_closing_quotes(text: str, expected: list[str]) -> None:
    assert [text[s.start : s.end] for s in split(text, "zh")] == expected


def test_english_rules_leave_a_chinese_paragraph_whole() -> None:
    """Why the language picks the method: syntok does not cut at 。"""
    text = "我们希望双方相向而行。美方应当停止。"
    assert len(split(text, "en")) == 1
    assert len(split(text, "zh")) == 2


# The fast path (plain stops) must cut exactly where syntok alone cuts.
ROOT = Path(__file__).parent.parent


def _syntok_alone(text: str) -> list[tuple[int, int]]:
    """What ``split`` found before the fast path: syntok on every paragraph."""
    found = [s for a, b in sentences.paragraphs(text) for s in sentences._syntok(text, a, b)]
    return [(s.start, s.end) for s in sentences._close_quotes(text, found)]


def _split(text: str) -> list[tuple[int, int]]:
    return [(s.start, s.end) for s in split(text)]


def _plain_share(text: str) -> float:
    pieces = [p for a, b in sentences.paragraphs(text) for p in sentences._pieces(text, a, b)]
    return sum(b - a for a, b, plain in pieces if plain) / max(1, sum(b - a for a, b, _ in pieces))


CORPUS = sorted(
    p
    for pattern in ("seeds/*", "tests/heldout*/*.txt", "tests/articles/*", "tests/fixtures/*/seeds/*")
    for p in ROOT.glob(pattern)
    if p.is_file()
)


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: str(p.relative_to(ROOT)))
def test_the_fast_path_cuts_every_seed_and_held_out_text_where_syntok_does(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert _split(text) == _syntok_alone(text)


def test_the_fast_path_takes_most_of_plain_prose_and_leaves_the_rest_to_syntok() -> None:
    """The comparison above means something: the fast path does take part of the seeds (not all)."""
    share = _plain_share("\n\n".join(p.read_text(encoding="utf-8") for p in CORPUS))
    assert 0.3 < share < 0.9
    assert _plain_share("They met in May. Trade talks resumed. Both sides spoke!") == 1.0
    assert _plain_share("He met Mr. Lee on Jan. 5. Talks resumed.") < 1.0  # abbreviations: syntok decides


@pytest.mark.parametrize(
    "text",
    [
        "Talks ended in 2022. May brought more.",  # a month after a number: syntok does not cut
        "They met Mr. Lee. Talks resumed.",  # an abbreviation syntok knows
        "He was No. 2 then. It ended.",
        "See part II. The talks ended.",  # a Roman numeral
        "A typo: theMr. Lee spoke.",  # syntok cuts "theMr" in two at the change of case: "Mr." is left
        "It went to the U.S. The talks ended.",
        "Talks ended.” The rules stay.",  # a quotation mark after the stop
        "Talks ended.”’ The rules stay.",
        "Talks ended. “The rules stay,” he said.",
        "He said (talks ended. The rules) stay.",  # syntok skips bracketed text, stops and all
        "Talks ended.\xa0The rules stay.\u200bIt is over.",
    ],
)
def test_the_fast_path_cuts_where_syntok_does_at_each_of_its_exceptions(text: str) -> None:
    assert _split(text) == _syntok_alone(text)


# Sentences of words and marks that test each of syntok's reasons not to cut at a stop.
_PLAIN = ["talks", "ended", "Beijing", "rules", "China", "The", "It", "However", "12", "2022"]
_ODD = (
    "May Mar Dec Jan Sept Jän Nov Mr Mrs Dr Gen Sen St Co Inc vs etc de es min No no NO I II IV VI XI A b x "
    "iPhone McCain U.S U.S.-China e.g Jr 300 3.5 1990s Xi's don't well-known a_b Über É"
).split()
_WORDS = st.one_of(st.sampled_from(_PLAIN), st.sampled_from(_ODD))
_BEFORE = st.one_of(st.just(""), st.sampled_from(["“", '"', "'", "‘", "(", "—", "...", "…", "´"]))
_STOPS = st.one_of(
    st.sampled_from([".", "!", "?"]),
    st.sampled_from([";", "...", ".”", '."', ".'", ".’", ".´", "?”", ".”’", ",", ":", ".)", "", "。", "!!"]),
)
_SPACES = st.one_of(st.just(" "), st.sampled_from(["\n", "  ", "\xa0", " \n", "\t", "\u200b", "\x1c", ""]))


@st.composite
def _texts_to_cut(draw: st.DrawFn) -> str:
    out = []
    for _ in range(draw(st.integers(1, 8))):
        words = draw(st.lists(st.tuples(_BEFORE, _WORDS), min_size=1, max_size=5))
        out.append(" ".join(a + b for a, b in words) + draw(_STOPS) + draw(_SPACES))
    return "".join(out)


@settings(max_examples=int(os.environ.get("USCN_HYPOTHESIS_EXAMPLES", "300")), deadline=None)
@given(_texts_to_cut())
def test_the_fast_path_cuts_generated_text_where_syntok_does(text: str) -> None:
    assert _split(text) == _syntok_alone(text)
