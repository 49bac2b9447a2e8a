"""Whole-process timings of uscn against its targets, printed as ratios.

    python -m tests.benchmarks [--runs N] [--quick]

Builds a floor app (a minimal typer app printing a 10-row rich table), a virtual environment with
the reference tools (sqlite-utils and the latest typer, when pip can reach them) and synthetic
datasets in a temporary directory, runs each command several times after a warm-up, and prints
medians, min–max, peak memory, and each ratio against its target. It never fails a build: it reports.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from tests.benchmarks.synth import build

FLOOR_APP = """
import typer
from rich.console import Console
from rich.table import Table

app = typer.Typer()

@app.command()
def main() -> None:
    table = Table("id", "title", "value")
    for n in range(10):
        table.add_row(str(n), f"row {n}", str(n * n))
    Console().print(table)

app()
"""


# Linux carries a process's peak RSS across fork and exec, so a child of this process (which has
# loaded yaml and uscn to build the datasets) would report at least this process's RSS. Commands are
# run by a bare interpreter instead, smaller than any Python command it measures.
LAUNCHER = """
import json, os, subprocess, sys, time
for line in sys.stdin:
    argv, env, cwd = json.loads(line)
    start = time.perf_counter()
    process = subprocess.Popen(argv, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    err = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    print(json.dumps([elapsed, usage.ru_maxrss / 1024, code, err.decode(errors="replace")]), flush=True)
"""


class Launcher:
    """A small long-lived process that runs each command and reports (seconds, peak MiB)."""

    def __init__(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-I", "-S", "-c", LAUNCHER], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        )

    def once(self, argv: list[str], env: dict[str, str], cwd: Path) -> tuple[float, float]:
        assert self.process.stdin and self.process.stdout
        self.process.stdin.write(json.dumps([argv, env, str(cwd)]) + "\n")
        self.process.stdin.flush()
        elapsed, peak, code, err = json.loads(self.process.stdout.readline())
        if code != 0:
            raise SystemExit(f"{' '.join(argv)} failed ({code}): {err}")
        return float(elapsed), float(peak)

    def close(self) -> None:
        if self.process.stdin:
            self.process.stdin.close()
        self.process.wait()


def timed(
    launcher: Launcher, argv: list[str], runs: int, env: dict[str, str], cwd: Path
) -> tuple[float, float, float, float]:
    """(median, min, max) seconds and peak RSS in MiB of ``argv`` run ``runs`` times after one warm-up."""
    launcher.once(argv, env, cwd)
    samples = [launcher.once(argv, env, cwd) for _ in range(runs)]
    times = [t for t, _ in samples]
    return statistics.median(times), min(times), max(times), max(m for _, m in samples)


def peers(tmp: Path) -> Path | None:
    """A virtual environment with the issue's reference tools: sqlite-utils and the latest typer.

    uscn pins typer below 0.29 (see pyproject.toml), so the floor app in uscn's own environment is
    faster than the issue's floor with the latest typer; both are measured. None when pip cannot
    install them (offline): those rows are skipped and the reason printed.
    """
    venv = tmp / "peers"
    try:
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, capture_output=True)
        pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "-q", "sqlite-utils", "typer", "rich"]
        subprocess.run(pip, check=True, capture_output=True, text=True)
    except subprocess.CalledProcessError as error:
        reason = (error.stderr or "").strip().splitlines()[-1:] or [str(error)]
        print(f"peers not installed, their rows are skipped: {reason[0]}", file=sys.stderr)
        return None
    return venv / "bin"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--quick", action="store_true", help="3 runs and a 10x dataset: a smoke test")
    args = parser.parse_args()
    runs = 3 if args.quick else args.runs
    factor = 10 if args.quick else 100
    uscn = [sys.executable, "-m", "usc_cli"]
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        (tmp / "floor.py").write_text(FLOOR_APP, encoding="utf-8")
        env = {**os.environ, "COLUMNS": "100", "XDG_CACHE_HOME": str(tmp / "cache")}
        env.pop("USCN_DATA_DIR", None)
        big = build(tmp / "big", factor)
        articles = build(tmp / "articles", 1, articles=1000 if not args.quick else 100)
        results: dict[str, tuple[float, float, float, float]] = {}
        launcher = Launcher()

        def measure(name: str, argv: list[str], extra: dict[str, str] | None = None) -> None:
            results[name] = timed(launcher, argv, runs, {**env, **(extra or {})}, tmp)

        measure("python -c pass", [sys.executable, "-c", "pass"])

        measure("floor app (typer + rich table)", [sys.executable, str(tmp / "floor.py")])
        peer_bin = peers(tmp)
        if peer_bin is not None:
            measure("floor app, latest typer", [str(peer_bin / "python"), str(tmp / "floor.py")])
            (tmp / "empty.db").write_bytes(b"")
            measure("sqlite-utils tables (empty db)", [str(peer_bin / "sqlite-utils"), "tables", str(tmp / "empty.db")])
        measure("uscn --help", [*uscn, "--help"])
        complete = {"_USCN_COMPLETE": "complete_bash", "COMP_WORDS": "uscn compare ta", "COMP_CWORD": "2"}
        measure("uscn TAB completion", [*uscn], complete)
        commands = (
            ["compare", "taiwan"],
            ["compare", "taiwan", "--source", "hormats"],
            ["issues", "list"],
            ["recommend", "--source", "hormats"],
            ["recommend"],
            ["compare", "taiwan", "-f", "json"],
        )
        for command in commands:
            measure("uscn " + " ".join(command), [*uscn, *command])
            measure(f"uscn {' '.join(command)} @{factor}x", [*uscn, "--data-dir", str(big), *command])
        measure("uscn search climate @1000 articles", [*uscn, "--data-dir", str(articles), "search", "climate"])
        launcher.close()

    floor = results["floor app (typer + rich table)"][0]
    width = max(len(name) for name in results)
    print(f"{'command':<{width}}  median   min–max        peak MiB")
    for name, (median, low, high, peak) in results.items():
        print(f"{name:<{width}}  {median:6.3f}s  {low:.3f}–{high:.3f}s  {peak:7.1f}")

    def ratio(label: str, value: float, target: float) -> None:
        verdict = "ok" if value <= target else "OVER"
        print(f"  {label:<58} {value:5.2f}x  (target ≤ {target:.2f}x)  {verdict}")

    print("\nratios")
    compare = results["uscn compare taiwan"][0]
    floors = {"floor app (our typer pin)": floor}
    if "floor app, latest typer" in results:
        floors["floor app (latest typer)"] = results["floor app, latest typer"][0]
    for floor_name, floor_time in floors.items():
        ratio(f"compare taiwan / {floor_name}", compare / floor_time, 1.5)
        ratio(f"--help / {floor_name}", results["uscn --help"][0] / floor_time, 1.0)
        ratio(f"TAB completion / {floor_name}", results["uscn TAB completion"][0] / floor_time, 1.0)
    for command in ("compare taiwan --source hormats", "compare taiwan", "issues list", "recommend"):
        ratio(
            f"{command} @{factor}x / shipped",
            results[f"uscn {command} @{factor}x"][0] / results[f"uscn {command}"][0],
            1.25,
        )
    ratio("search @1000 articles / compare taiwan", results["uscn search climate @1000 articles"][0] / compare, 1.5)
    hormats = "uscn compare taiwan --source hormats"
    ratio(
        f"peak memory, {hormats[5:]} @{factor}x / shipped",
        results[f"{hormats} @{factor}x"][3] / results[hormats][3],
        1.5,
    )


if __name__ == "__main__":
    main()
