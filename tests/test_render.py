"""Renderers: hostile data prints as written, escaped where a terminal would obey it; nothing is cut."""

from __future__ import annotations

import io
import json
import re

import pytest
from rich.console import Console

from usc_cli.render.csvout import to_csv
from usc_cli.render.document import Columns, Document, Fields, Heading, Pane, Para, Quote, Table, visible
from usc_cli.render.formats import to_json
from usc_cli.render.markdown import escape, to_markdown
from usc_cli.render.terminal import to_renderable

MARKUP = ["[/]", "[bold]x", "[link=https://x]t[/link]", ":x:", "a [b] c", "trailing\\"]
CONTROL = [
    "\x1b[31mred",
    "\x1b]8;;https://evil\x1b\\link",
    "\x1b]52;c;aGk=\x07",
    "c1\x9bx",
    "nul\x00",
    "bel\x07",
    "bidi\u202eevil",
]


def _render(doc: Document, width: int = 100) -> str:
    buffer = io.StringIO()
    console = Console(file=buffer, width=width, force_terminal=True, color_system=None, highlight=False, emoji=False)
    console.print(to_renderable(doc, width))
    return buffer.getvalue()


def _doc(value: str) -> Document:
    return Document(
        [
            Heading(value),
            Para(value),
            Fields([(value, value)]),
            Table(["col", value], [[value, value]]),
            Quote(value, value, value),
            Columns([Pane(value, [Para(value)]), Pane("other", [Para(value)])]),
        ],
        csv=Table(["col"], [[value]]),
    )


@pytest.mark.parametrize("value", MARKUP)
def test_markup_like_data_prints_as_written(value: str) -> None:
    out = _render(_doc(value))
    assert value in out
    assert "\x1b]8" not in out  # no hyperlink
    assert "❌" not in out  # no emoji


@pytest.mark.parametrize("value", CONTROL)
def test_control_characters_are_shown_escaped_in_human_formats(value: str) -> None:
    doc = _doc(value)
    for out in (_render(doc), to_markdown(doc)):
        for raw in ("\x1b", "\x9b", "\x00", "\x07", "\u202e"):
            assert raw not in out
    assert visible(value) in _render(doc)


@pytest.mark.parametrize("value", CONTROL + MARKUP)
def test_json_round_trips_the_exact_string(value: str) -> None:
    assert json.loads(to_json("x", {"value": value}))["value"] == value


def test_markdown_escapes_pipes_newlines_and_syntax() -> None:
    assert escape("a | b\nc *d* [e](f) <g>") == "a \\| b<br>c \\*d\\* \\[e\\](f) \\<g\\>"
    table = to_markdown(Document([Table(["h"], [["x|y\nz"]])]))
    assert table == "| h |\n|---|\n| x\\|y<br>z |\n"


def test_csv_is_rfc_4180_quotes_commas_and_makes_a_line_break_a_space() -> None:
    out = to_csv("v", Document([], csv=Table(["a", "b"], [["x, y", "line1\nline2"], ['say "hi"', ""]])))
    assert out == 'a,b\r\n"x, y",line1 line2\r\n"say ""hi""",\r\n'  # a line break in a cell becomes a space


NARROW = Document(
    [
        Heading("export-controls-on-advanced-semiconductors"),
        Para("supercalifragilistic export-controls-on-advanced-semiconductors"),
        Table(
            ["id", "title"],
            [["military-communication", "supercalifragilistic export-controls-on-advanced-semiconductors"]],
        ),
        Quote("export-controls-on-advanced-semiconductors", "military-communication"),
    ]
)


@pytest.mark.parametrize("width", [20, 40])
def test_narrow_terminals_lose_nothing(width: int) -> None:
    """Every line within the width; a compound wider than it breaks after a hyphen, never mid-word."""
    out = _render(NARROW, width)
    assert max(len(line) for line in out.splitlines()) <= width
    shown = {part for word in out.split() for part in re.findall(r"[^\s-]*-|[^\s-]+", word)}
    assert {"military-", "communication"} <= shown
    assert {"supercalifragilistic", "export-", "controls-", "on-", "advanced-", "semiconductors"} <= shown
    assert "…" not in out


def test_a_word_wider_than_the_terminal_is_folded_with_every_character_in_order() -> None:
    out = _render(NARROW, 10)
    assert max(len(line) for line in out.splitlines()) <= 10
    assert "supercalifragilistic" in "".join(out.split())
    assert {"military-", "export-", "controls-", "on-", "advanced-"} <= set(out.split())  # parts that fit
    assert "…" not in out


def test_columns_stack_below_their_minimum_width() -> None:
    doc = Document([Columns([Pane("Washington", [Para("left")]), Pane("Beijing", [Para("right")])])])
    wide = _render(doc, 120).splitlines()
    assert any("Washington" in line and "Beijing" in line for line in wide)
    narrow = _render(doc, 60).splitlines()
    assert not any("Washington" in line and "Beijing" in line for line in narrow)


@pytest.mark.parametrize(
    ("quote", "shown"),
    [
        ("plain words", "“plain words”"),
        ("“already enclosed,”", "“already enclosed,”"),  # the article's own marks, not doubled
        ("“inner” then more", "““inner” then more”"),
    ],
)
def test_quotes_get_marks_once(quote: str, shown: str) -> None:
    doc = Document([Quote(quote, "src")])
    assert _render(doc).splitlines()[0].strip() == f"{shown} — src"
    assert to_markdown(doc).splitlines()[0] == f"> {shown}"
