"""Property tests: any argv gives a documented exit code and no escaped exception; any string renders losslessly.

Example counts are modest for CI; set USCN_HYPOTHESIS_EXAMPLES for a longer run.
"""

from __future__ import annotations

import io
import json
import os
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.console import Console
from typer.testing import CliRunner

from tests.conftest import VALID_MIN
from usc_cli.cli import app
from usc_cli.errors import ExitStatus
from usc_cli.render.document import Document, Para, Quote, Table, visible
from usc_cli.render.formats import to_json
from usc_cli.render.markdown import to_markdown
from usc_cli.render.terminal import to_renderable

EXAMPLES = int(os.environ.get("USCN_HYPOTHESIS_EXAMPLES", "60"))
PROFILE = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

WORDS = st.sampled_from(
    [
        "issues", "list", "show", "compare", "recommend", "sources", "frames", "validate", "schema",
        "-f", "--format", "json", "csv", "markdown", "table", "xml", "--source", "--issue", "--to", "us",
        "both", "--tag", "--frame", "--no-quotes", "--context", "chips", "export-controls", "tiny",
        "fisheries", "security", "-h", "--version", "--", "-", "",
    ]
)  # fmt: skip
ARGS = st.lists(st.one_of(WORDS, st.text(max_size=12)), max_size=6)
DOCUMENTED = {status.value for status in ExitStatus}


@PROFILE
@given(ARGS)
def test_any_argv_exits_with_a_documented_code_and_no_escaped_exception(args: list[str]) -> None:
    result = CliRunner().invoke(app, ["--data-dir", str(VALID_MIN), *args], env={"NO_COLOR": "1", "COLUMNS": "80"})
    # CliRunner turns an escaped exception into exit code 1, a documented code: check it did not happen.
    assert result.exception is None or isinstance(result.exception, SystemExit), (args, result.exception)
    assert result.exit_code in DOCUMENTED - {ExitStatus.INTERNAL}, (args, result.output)
    if result.exit_code == ExitStatus.USAGE:
        assert result.stdout == "" or "Usage:" in result.stdout  # help for a bare group is fine


_RAW_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@PROFILE
@given(value=st.text(min_size=1, max_size=300), width=st.integers(min_value=10, max_value=160))
def test_any_string_renders_in_every_format_without_loss_or_raw_controls(value: str, width: int) -> None:
    doc = Document([Para(value), Quote(value, "src"), Table(["a", "b"], [[value, "x"]])], csv=Table(["a"], [[value]]))
    buffer = io.StringIO()
    Console(file=buffer, width=width, color_system=None, highlight=False, emoji=False).print(to_renderable(doc, width))
    shown = buffer.getvalue()
    assert not _RAW_CONTROL.search(shown)
    assert "".join(visible(value).split()) in "".join(shown.split()).replace("│", "")
    assert json.loads(to_json("x", {"v": value}))["v"] == value
    assert not _RAW_CONTROL.search(to_markdown(doc))
