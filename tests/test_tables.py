"""Table layout (usc_cli/render/tables.py): any table at any width keeps every word whole and every
line within the width; columns get what they need, in blocks or records when they cannot."""

from __future__ import annotations

import io
import os
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from tests.conftest import unbreakable
from usc_cli.render.document import Document, Table
from usc_cli.render.tables import Measure, allocate, hyphen_breaks, wrap
from usc_cli.render.terminal import to_renderable

EXAMPLES = int(os.environ.get("USCN_HYPOTHESIS_EXAMPLES", "60"))
WORD = st.sampled_from(
    ["a", "US", "CN", "3P", "·", "taiwan", "high-level-dialogue", "administration's", "Biden–Xi", "中国", "(inferred)"]
)
CELL = st.one_of(
    st.lists(WORD, min_size=1, max_size=12).map(" ".join),
    st.lists(st.sampled_from(["cnn", "taiwan", "military-communication", "x"]), min_size=1, max_size=5).map(", ".join),
)


def _render(table: Table, width: int) -> str:
    console = Console(file=io.StringIO(), width=width, color_system=None, highlight=False, emoji=False)
    with console.capture() as captured:
        console.print(to_renderable(Document([table]), width))
    return captured.get()


def _words(text: str) -> Counter[str]:
    """The unbreakable pieces: words, and each character of Chinese text (which breaks anywhere)."""
    return unbreakable(text, ",:")


@settings(max_examples=EXAMPLES, deadline=None)
@given(
    columns=st.integers(1, 6).flatmap(lambda n: st.lists(CELL, min_size=n, max_size=n)),
    data=st.data(),
    width=st.integers(20, 200),
)
def test_any_table_keeps_every_word_that_fits_whole(columns: list[str], data: st.DataObject, width: int) -> None:
    rows = data.draw(st.lists(st.lists(CELL, min_size=len(columns), max_size=len(columns)), min_size=1, max_size=6))
    table = Table(columns, rows, row_heads=data.draw(st.booleans()))
    out = _render(table, width)
    assert max((cell_len(line) for line in out.splitlines()), default=0) <= width
    cells = " ".join([*columns, *(cell for row in rows for cell in row)])
    fitting = Counter({word: n for word, n in _words(cells).items() if cell_len(word) <= width})
    assert not fitting - _words(out)  # only a word wider than the terminal may be folded


def test_short_cells_get_their_whole_width_before_the_prose() -> None:
    columns = [Measure(5, 8, False), Measure(10, 200, False), Measure(3, 3, False)]
    assert allocate(columns, 80) == [8, 65, 3]  # 80 - 2 gutters of 2: the 8-wide cell stays whole
    assert allocate(columns, 21) is None  # 5 + 10 + 3 + 4 > 21


def test_a_list_wraps_between_ids_and_drops_the_separator_at_the_break() -> None:
    assert wrap("diplomat, cnn, georgetown", 14, ", ") == ["diplomat, cnn", "georgetown"]
    assert wrap("US CN 3P", 5) == ["US CN", "3P"]


def test_a_row_named_grid_too_wide_comes_in_blocks_that_repeat_the_row_names() -> None:
    table = Table(["issue", *(f"source-{n}" for n in range(8))], [["taiwan", *["US CN 3P R"] * 8]], row_heads=True)
    lines = _render(table, 60).splitlines()
    heads = [line for line in lines if line.startswith("issue ")]
    assert len(heads) == 2 and sum(line.startswith("taiwan ") for line in lines) == 2  # 4 sources each
    assert max(len(line) for line in lines) <= 60


def test_below_60_columns_a_table_is_records() -> None:
    out = _render(Table(["id", "title"], [["taiwan", "Taiwan"]]), 59)
    assert out.splitlines() == ["id: taiwan", "title: Taiwan"]


def test_a_table_in_less_room_than_it_was_laid_out_for_is_wrapped_not_cut() -> None:
    """Inside a pane the room can be narrower than the width the table was laid out for."""
    from rich.padding import Padding

    from usc_cli.render.tables import render_table

    cells = ["taiwan", "Beijing cuts multiple lines of communication with Washington after the Pelosi visit"]
    laid = render_table(Table(["id", "event"], [cells]), 90, ascii_only=False)
    console = Console(file=io.StringIO(), width=60, color_system=None)
    with console.capture() as captured:
        console.print(Padding(laid, (0, 0, 0, 4)))
    out = captured.get()
    assert max(cell_len(line) for line in out.splitlines()) <= 60
    assert not _words(" ".join(cells)) - _words(out)


# Our own sentences in the shape of a spokesperson's answer: no spaces, closing marks after words,
# an opening quotation mark before a quoted term, a Latin run with digits.
CHINESE = "我们认为，双方应当加强沟通、管控分歧。所谓“脱钩断链”不符合G20共识！（完）"
CLOSING = set("，。、；：？！）」』”’》")
OPENING = set("（「『“‘《")


@given(width=st.integers(min_value=6, max_value=40))
@settings(max_examples=EXAMPLES, deadline=None)
def test_chinese_breaks_between_characters_never_before_a_closing_or_after_an_opening_mark(width: int) -> None:
    cell = wrap(f"说明 {CHINESE}", width)  # a table cell
    prose = hyphen_breaks(Text(CHINESE), width).plain.split("\n")  # a paragraph or a quote
    assert "".join(cell).replace(" ", "") == f"说明{CHINESE}"  # every character, in order
    assert "".join(prose) == CHINESE  # every character, in order
    for lines in (cell, prose):
        for n, line in enumerate(lines):
            assert cell_len(line) <= width, (width, line)
            assert n == 0 or line[0] not in CLOSING, (width, lines)
            assert line[-1] not in OPENING, (width, lines)
        assert any("G20" in line for line in lines)  # a Latin run stays whole


def test_a_chinese_cell_lets_its_column_be_narrow_and_the_table_stay_a_table() -> None:
    out = _render(Table(["#", "sentence"], [["1", CHINESE]]), 64)
    assert not out.startswith("#: 1")  # a table, not the records layout
    assert "".join(line[3:].rstrip() for line in out.splitlines()[2:]) == CHINESE
