"""One colour per side, the same in every view, and never the only cue (names stay in the text)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from usc_cli.render.palette import SIDE_COLOURS
from usc_cli.vocab import Side


def _sgr(side: Side) -> str:
    """The truecolor escape of a side's colour, as rich writes it."""
    hex_colour = SIDE_COLOURS[side].lstrip("#")
    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (0, 2, 4))
    return f"38;2;{r};{g};{b}"


def _run(args: list[str], tmp_path: Path, **env: str) -> str:
    base = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "COLORTERM")}
    base.update({"COLUMNS": "120", "XDG_CACHE_HOME": str(tmp_path / "cache"), "TERM": "xterm-256color"})
    command = [sys.executable, "-m", "usc_cli", "--no-pager", *args]
    result = subprocess.run(command, capture_output=True, env={**base, **env}, check=True, timeout=60)
    return result.stdout.decode()


@pytest.mark.parametrize(
    ("view", "sides"),
    [
        (["compare", "taiwan"], [Side.US, Side.CHINA, Side.THIRD_PARTY]),
        (["issues", "show", "climate"], [Side.US, Side.CHINA, Side.THIRD_PARTY]),
        (["frames", "list"], [Side.US, Side.CHINA]),
        (["frames", "show", "security-vs-development"], [Side.US, Side.CHINA]),
    ],
    ids=lambda v: " ".join(v) if isinstance(v[0], str) else "",
)
def test_each_side_has_its_colour(view: list[str], sides: list[Side], tmp_path: Path) -> None:
    out = _run(view, tmp_path, FORCE_COLOR="1", COLORTERM="truecolor")
    for side in sides:
        assert _sgr(side) in out, side


def test_without_colour_the_sides_are_still_named(tmp_path: Path) -> None:
    out = _run(["compare", "taiwan"], tmp_path, NO_COLOR="1")
    assert "\x1b" not in out
    for name in ("Washington", "Beijing", "Commentators (neither government)"):
        assert name in out


def test_side_colours_read_on_light_and_dark_backgrounds() -> None:
    def luminance(hex_colour: str) -> float:
        channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    for colour in SIDE_COLOURS.values():
        lum = luminance(colour)
        assert (1.05 / (lum + 0.05)) >= 4.3, colour  # on white
        assert ((lum + 0.05) / 0.05) >= 4.3, colour  # on black
    assert len(set(SIDE_COLOURS.values())) == 3


def test_who_said_it_is_never_dim(tmp_path: Path) -> None:
    """The attribution is the product's promise: it is printed at full strength (dim is the hardest
    text to read on a dark background)."""
    from rich.style import Style
    from rich.text import Text

    out = Text.from_ansi(_run(["compare", "taiwan"], tmp_path, FORCE_COLOR="1", COLORTERM="truecolor"))
    for who in ("Quinn Marschik, the author", "U.S. officials, as the author expects"):
        start = out.plain.index(who)
        styles = [Style.parse(str(span.style)) for span in out.spans if span.start <= start < span.end]
        assert not any(style.dim for style in styles), who
