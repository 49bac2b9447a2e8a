"""The README's tour is real output of the shipped dataset."""

from __future__ import annotations

import pytest

from tests.readme_tour import README, TOUR, blocks, run


def test_readme_has_the_tour() -> None:
    assert [args for args, _ in blocks(README.read_text(encoding="utf-8"))][: len(TOUR)] == TOUR


@pytest.mark.parametrize(("args", "body"), blocks(README.read_text(encoding="utf-8")))
def test_readme_output_is_current(args: str, body: str) -> None:
    assert run(args) == body, "run `python -m tests.readme_tour` to refresh the README"
