"""Every view, on the shipped data, at the design width (80 columns) and at 60: no line over the
width, and no word broken mid-word.

A word is broken when the narrow rendering holds a token that the same view rendered at a width
where nothing needs to wrap does not hold (``administrat`` / ``ion``). Rules of box characters are
left out: their length follows the width by design.
"""

from __future__ import annotations

import re

import pytest

from tests.conftest import Run

VIEWS = [
    ["issues", "list"],
    ["issues", "show", "taiwan"],
    ["sources", "list"],
    ["sources", "show", "hormats"],
    ["frames", "list"],
    ["frames", "show", "security-vs-development"],
    ["compare", "taiwan"],
    ["compare", "trade-tariffs", "--context"],
    ["recommend"],
    ["recommend", "--source", "hormats"],
    ["actors"],
    ["actors", "show", "xi-jinping"],
    ["diff", "hormats", "georgetown"],
    ["search", "fentanyl"],
    ["matrix"],
    ["timeline"],
    ["validate", "--verbose"],
]

_RULE = re.compile(r"^[─━═\-+|│┃╇╈┼┿╋┡┩ ]+$")
WIDE = 2000


_HAN = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef“”]")


def _tokens(out: str) -> set[str]:
    """Words, without the comma a list of ids drops where it wraps (``cnn, georgetown`` → ``georgetown``).
    Chinese is written without spaces and may wrap between any two characters, so a token with Chinese
    in it counts character by character."""
    words = {token.rstrip(",") for token in out.split() if not _RULE.match(token)}
    return {piece for word in words for piece in (list(word) if _HAN.search(word) else [word])}


def _render(run: Run, view: list[str], width: int) -> str:
    # a short user-data path, as a real one is (pytest's temporary paths are longer than 60 columns)
    result = run(*view, env={"COLUMNS": str(width), "XDG_DATA_HOME": "/nonexistent/share"})
    assert result.exit_code == 0, result.stderr
    return str(result.stdout)


@pytest.mark.parametrize("width", [80, 60])
@pytest.mark.parametrize("view", VIEWS, ids=" ".join)
def test_every_view_fits_the_width_with_whole_words(run: Run, view: list[str], width: int) -> None:
    narrow = _render(run, view, width)
    over = [line for line in narrow.splitlines() if len(line) > width]
    assert over == [], f"{len(over)} lines over {width} columns"
    wide = _tokens(_render(run, view, WIDE))
    # ``column:`` labels of a table folded to two columns are words of the wide header, plus a colon
    # and a word longer than the width itself (a sha256 at 60 columns) cannot stay whole
    too_long = [t for t in wide if len(t) > width - 4]
    split = sorted(
        t
        for t in _tokens(narrow) - wide
        if not (t.endswith(":") and t[:-1] in wide) and not any(t in long for long in too_long)
    )
    assert split == [], f"words broken at {width} columns: {split[:10]}"
