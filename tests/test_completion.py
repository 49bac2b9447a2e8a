"""TAB completion offers ids from the data directory."""

from __future__ import annotations

from typer.testing import CliRunner

from tests.conftest import VALID_MIN
from usc_cli.cli import app


def _complete(words: str) -> str:
    env = {"_USCN_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": str(len(words.split()) - 1)}
    result = CliRunner().invoke(app, [], prog_name="uscn", env=env)
    assert result.exit_code == 0, result.output
    return str(result.stdout)


def test_issue_ids_complete() -> None:
    assert _complete(f"uscn --data-dir {VALID_MIN} compare ex").split() == ["export-controls"]


def test_source_and_frame_ids_complete() -> None:
    assert _complete(f"uscn --data-dir {VALID_MIN} recommend --source t").split() == ["tiny"]
    assert _complete(f"uscn --data-dir {VALID_MIN} frames show s").split() == ["security-vs-development"]
