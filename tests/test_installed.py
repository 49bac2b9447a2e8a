"""The installed entry point, run as a real process from outside the checkout."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import VALID_MIN

BIN = Path(sys.executable).parent


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "USCN_DATA_DIR", "COLUMNS")}
    env["NO_COLOR"] = "1"
    return env


@pytest.mark.skipif(not (BIN / "uscn").exists(), reason="uscn is not installed in this environment")
def test_installed_uscn_reads_a_data_dir_from_any_directory(tmp_path: Path) -> None:
    result = subprocess.run(
        [str(BIN / "uscn"), "--data-dir", str(VALID_MIN), "compare", "chips", "-f", "json"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=_env(),
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["issue"]["id"] == "export-controls"


@pytest.mark.skipif(not (BIN / "uscn").exists(), reason="uscn is not installed in this environment")
def test_installed_uscn_finds_its_shipped_dataset(tmp_path: Path) -> None:
    result = subprocess.run(
        [str(BIN / "uscn"), "validate", "-f", "json"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=_env(),
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["counts"]["sources"] == 5


def test_python_dash_m_and_a_closed_pipe(tmp_path: Path) -> None:
    """``uscn … | head -1``: the first line arrives whole, no traceback, no 'Exception ignored'."""
    command = [sys.executable, "-m", "usc_cli", "--data-dir", str(VALID_MIN), "compare", "chips", "-f", "json"]
    producer = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_env(), cwd=tmp_path)
    assert producer.stdout is not None
    first = producer.stdout.readline()
    producer.stdout.close()
    _, err = producer.communicate(timeout=60)
    assert first == b"{\n"
    assert b"Traceback" not in err and b"Exception ignored" not in err
    assert producer.returncode in (0, 1)


@pytest.mark.parametrize("fmt", ["json", "table"])
def test_reader_closed_before_the_first_write(tmp_path: Path, fmt: str) -> None:
    read_end, write_end = os.pipe()
    os.close(read_end)
    command = [sys.executable, "-m", "usc_cli", "--data-dir", str(VALID_MIN), "compare", "chips", "-f", fmt]
    result = subprocess.run(command, stdout=write_end, stderr=subprocess.PIPE, env=_env(), cwd=tmp_path, timeout=60)
    os.close(write_end)
    assert b"Traceback" not in result.stderr and b"Exception ignored" not in result.stderr, result.stderr
    assert result.returncode == 1


SEED = VALID_MIN / "seeds" / "tiny.txt"
# Every command that writes to standard output, and the flags that print before any command runs.
STDOUT_VIEWS = [
    ["--version"],
    ["--help"],
    ["compare", "--help"],
    ["compare", "chips"],
    ["compare", "chips", "-f", "json"],
    ["recommend"],
    ["diff", "tiny"],
    ["search", "chips"],
    ["analyze", str(SEED)],
    ["matrix"],
    ["timeline"],
    ["validate"],
    ["validate", "-f", "json"],
    ["report"],
    ["schema", "issues"],
    ["issues"],
    ["compare", "chips", "-f", "csv"],
    ["sources"],
    ["sources", "show", "tiny", "-f", "markdown"],
    ["frames"],
    ["frames", "show", "security-vs-development"],
    ["actors"],
    ["actors", "show", "beijing"],
]


@pytest.mark.parametrize("stdout", ["closed", "full"])
@pytest.mark.parametrize("args", STDOUT_VIEWS, ids=" ".join)
def test_a_closed_or_full_stdout_is_one_line_and_exit_1(tmp_path: Path, args: list[str], stdout: str) -> None:
    """``uscn … >&-`` and ``uscn … >/dev/full``: the output cannot be written, and the user is told so
    in one line (a reader that closes a pipe early is another matter: see the tests above)."""
    if stdout == "full" and not Path("/dev/full").exists():
        pytest.skip("no /dev/full here")
    data = [] if args[0].startswith("-") else ["--data-dir", str(VALID_MIN)]
    command = [sys.executable, "-m", "usc_cli", *data, *args]
    redirect = ">&-" if stdout == "closed" else ">/dev/full"
    shell = ["sh", "-c", f'"$@" {redirect}', "sh", *command]
    result = subprocess.run(shell, stderr=subprocess.PIPE, env=_env(), cwd=tmp_path, timeout=60, text=True)
    assert result.returncode == 1, result.stderr
    reason = "Bad file descriptor" if stdout == "closed" else "No space left on device"
    assert result.stderr == f"uscn: error: cannot write to standard output: {reason}\n"
