"""The README's tour is real output of the shipped dataset."""

from __future__ import annotations

import pytest

from tests.readme_tour import README, TOUR, blocks, run


def test_readme_has_the_tour() -> None:
    assert [args for args, _ in blocks(README.read_text(encoding="utf-8"))][: len(TOUR)] == TOUR


@pytest.mark.parametrize(("args", "body"), blocks(README.read_text(encoding="utf-8")))
def test_readme_output_is_current(args: str, body: str) -> None:
    assert run(args) == body, "run `python -m tests.readme_tour` to refresh the README"


def test_the_terminal_picture_is_what_the_program_shows_today() -> None:
    from tests.terminal_svg import PICTURE, render

    assert PICTURE.read_text(encoding="utf-8") == render(), "run: python -m tests.terminal_svg"
