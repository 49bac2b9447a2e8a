"""TAB completion offers ids from the data directory."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from tests import completion_spec
from tests.conftest import VALID_MIN
from usc_cli import fastcomplete
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


# --- the fast path (usc_cli/fastcomplete.py) answers as typer would, without loading the app ---

MINI = f"--data-dir {VALID_MIN}"
CASES = [
    f"uscn {MINI} compare ",
    f"uscn {MINI} compare e",
    f"uscn {MINI} compare EX",
    f"uscn {MINI} compare --no-quotes -f json ",
    f"uscn {MINI} compare -s ",
    f"uscn {MINI} compare --source t",
    f"uscn {MINI} compare -s tiny --context f",
    f"uscn {MINI} compare export-controls ",
    f"uscn {MINI} issues show ",
    f"uscn {MINI} issues list --frame ",
    f"uscn {MINI} issues list --tag ",
    f"uscn {MINI} issues list -s ",
    f"uscn {MINI} issues list --source ",
    f"uscn {MINI} recommend --source t",
    f"uscn {MINI} search x --source ",
    f"uscn {MINI} timeline --issue ",
    f"uscn {MINI} sources show ",
    f"uscn {MINI} frames show s",
    f"uscn {MINI} actors show ",
    f"uscn {MINI} actors --side ",
    f"uscn {MINI} diff ",
    f"uscn {MINI} diff tiny ",
    f"uscn {MINI} diff tiny tiny ",
    f"uscn {MINI} recommend --issue ",
    f"uscn {MINI} recommend -i f",
    f"uscn {MINI} recommend --to ",
    f"uscn {MINI} search ",
    f"uscn {MINI} search chips --issue ",
    f"uscn {MINI} timeline -i ",
    f"uscn {MINI} analyze ",
    f"uscn {MINI} issues ",
    f"uscn {MINI} co",
    f"uscn {MINI} compare --",
    f"uscn {MINI} compare --bogus ",
    f"uscn {MINI} nope ",
    f"uscn {MINI} compare 'unclosed ",
    "uscn compare ",
]


def _bash_env(words: str) -> dict[str, str]:
    cword = len(words.split()) - (0 if words.endswith(" ") else 1)
    return {"_USCN_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": str(cword)}


def _typer_answer(env: dict[str, str]) -> str:
    result = CliRunner().invoke(app, [], prog_name="uscn", env={**env, "USCN_NO_CACHE": "1"})
    return str(result.stdout)


@pytest.mark.parametrize("words", CASES)
@pytest.mark.parametrize("shell", ["bash", "zsh"])
def test_fast_completion_answers_exactly_as_typer_or_not_at_all(words: str, shell: str) -> None:
    env = _bash_env(words) if shell == "bash" else {"_USCN_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": words}
    fast = fastcomplete.complete(env)
    if fast is not None:
        assert fast == _typer_answer(env)


def test_fast_completion_covers_every_id_parameter() -> None:
    from usc_cli.completion_spec import SPEC as spec

    answered = {words for words in CASES if fastcomplete.complete(_bash_env(words)) is not None}
    for path, shape in spec["commands"].items():
        for n, kind in enumerate(shape["args"]):
            if kind:
                assert any(w.split(f" {path} ", 1)[-1].count(" ") == n and f" {path} " in w for w in answered), path
        for option, kind in shape["options"].items():
            if kind and len(option) > 2:
                assert any(f" {path} " in w and f" {option} " in w for w in answered), (path, option)


def test_fast_completion_leaves_everything_else_to_typer() -> None:
    for words in ("uscn co", f"uscn {MINI} issues ", f"uscn {MINI} compare --", f"uscn {MINI} recommend --to "):
        assert fastcomplete.complete(_bash_env(words)) is None, words
    assert fastcomplete.complete({**_bash_env(f"uscn {MINI} compare "), "USCN_NO_CACHE": "1"}) is None


def test_completion_spec_is_up_to_date() -> None:
    stored = completion_spec.SPEC.read_text(encoding="utf-8")
    assert stored == completion_spec.render(), "run: python -m tests.completion_spec"


def test_the_installed_entry_point_completes_without_loading_the_app() -> None:
    env = {**os.environ, **_bash_env(f"uscn {MINI} compare e")}
    env.pop("USCN_NO_CACHE", None)
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "usc_cli"], env=env, capture_output=True, text=True, check=True
    )
    assert result.stdout == "export-controls\n"
    loaded = {line.rsplit("|", 1)[-1].strip() for line in result.stderr.splitlines()}
    assert not {"typer", "rich", "pydantic", "yaml"} & loaded


def test_a_failing_fast_path_falls_back_to_typer(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(_: object) -> None:
        raise RuntimeError("no home directory")

    monkeypatch.setattr(fastcomplete, "complete", broken)
    assert fastcomplete.serve(_bash_env(f"uscn {MINI} compare ")) is False
