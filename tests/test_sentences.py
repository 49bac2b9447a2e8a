"""``usc_cli.sentences.split``: the one segmenter behind ``--context``, search, ``analyze`` and the checks."""

from __future__ import annotations

import pytest

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
