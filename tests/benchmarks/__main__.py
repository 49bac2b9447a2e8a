"""Whole-process timings of uscn against its targets, printed as ratios.

    python -m tests.benchmarks [--runs N] [--quick] [--peers]

Builds a floor app (a minimal typer app printing a 10-row rich table, run on uscn's own typer pin)
and synthetic datasets in a temporary directory (100x the shipped sources; 1,000 issues with about
1,250 sources; 1,000 articles), runs each command once (the first run: it builds the dataset's store)
and then ``--runs`` rounds of every command in turn, so that a change in the machine's load during
the benchmark weighs on every command alike, and prints medians, min–max, peak memory, the first
run, and each of issue 12's and issue 22's targets with ok or OVER (issue 22: ``diff SOURCE`` at
1,000 issues, ``analyze`` of a 2 MB article, an article repeating three sentences; nothing in the
scale set above 10 s). ``--peers`` also times the floor app on the latest typer, installed with pip.
It never fails a build: it reports.
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

from tests.benchmarks.synth import article, build, repeated

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


Sample = tuple[float, float, float, float, float]  # median, min, max seconds, peak MiB, first run's seconds


class Measured:
    """One command's runs: the first (it builds the dataset's store and the search index; the rest
    read them) and the measured ones. When the first run takes longer than ``stop`` seconds the
    verdict is clear and only it is reported."""

    def __init__(self, argv: list[str], env: dict[str, str], stop: float) -> None:
        self.argv, self.env, self.stop = argv, env, stop
        self.first: tuple[float, float] | None = None
        self.runs: list[tuple[float, float]] = []

    def sample(self) -> Sample:
        """Median, min and max seconds and peak RSS (MiB) of the measured runs, and the first run's seconds."""
        assert self.first is not None
        if not self.runs:
            return self.first[0], self.first[0], self.first[0], self.first[1], self.first[0]
        times = [t for t, _ in self.runs]
        return statistics.median(times), min(times), max(times), max(m for _, m in self.runs), self.first[0]


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
    parser.add_argument("--runs", type=int, default=5, help="measured runs per command, after the first")
    parser.add_argument("--quick", action="store_true", help="3 runs and 10x datasets: a smoke test")
    parser.add_argument("--peers", action="store_true", help="also time the floor app on the latest typer (pip)")
    args = parser.parse_args()
    runs = 3 if args.quick else args.runs
    factor, wide_factor, issue_count, article_count = (10, 25, 100, 100) if args.quick else (100, 250, 1000, 1000)
    article_size, repeated_sentences = (200_000, 400) if args.quick else (2_000_000, 1600)
    uscn = [sys.executable, "-m", "usc_cli"]
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        (tmp / "floor.py").write_text(FLOOR_APP, encoding="utf-8")
        env = {**os.environ, "COLUMNS": "100", "XDG_CACHE_HOME": str(tmp / "cache")}
        env["XDG_DATA_HOME"] = str(tmp / "data-home")  # the shipped dataset alone, not the user's own sources
        env.pop("USCN_DATA_DIR", None)
        env.pop("PYTHONDONTWRITEBYTECODE", None)  # as installed: compiled once (the first run), then read from .pyc
        big = build(tmp / "big", factor)
        wide = build(tmp / "wide", wide_factor, issue_count=issue_count)
        articles = build(tmp / "articles", 1, articles=article_count)
        long_article = article(tmp / "long.txt", article_size)
        repeats = repeated(tmp / "repeated", repeated_sentences)
        sources = len(list((wide / "sources").glob("*.yaml")))
        commands: dict[str, Measured] = {}

        def measure(name: str, argv: list[str], extra: dict[str, str] | None = None, stop: float = 60.0) -> None:
            commands[name] = Measured(argv, {**env, **(extra or {})}, stop)

        measure("python -c pass", [sys.executable, "-c", "pass"])
        measure("floor app (typer + rich table)", [sys.executable, str(tmp / "floor.py")])
        peer_bin = peers(tmp) if args.peers else None
        if peer_bin is not None:
            measure("floor app, latest typer", [str(peer_bin / "python"), str(tmp / "floor.py")])
        measure("uscn --help", [*uscn, "--help"])
        complete = {"_USCN_COMPLETE": "complete_bash", "COMP_WORDS": "uscn compare ta", "COMP_CWORD": "2"}
        measure("uscn TAB completion", [*uscn], complete)
        measure("uscn compare taiwan", [*uscn, "compare", "taiwan"])
        by_hormats = ["compare", "taiwan", "--source", "hormats"]
        measure("uscn compare taiwan --source hormats", [*uscn, *by_hormats])
        measure(f"uscn compare taiwan --source hormats @{factor}x", [*uscn, "--data-dir", str(big), *by_hormats])
        wide_name = f"@{issue_count} issues, {sources} sources"
        for command in (["matrix"], ["actors"], ["timeline"], ["issues", "list"]):
            argv = [*uscn, "--data-dir", str(wide), *command]
            measure(f"uscn {' '.join(command)} {wide_name}", argv, stop=10.0)
        search = f"uscn search climate @{article_count} articles"
        measure(search, [*uscn, "--data-dir", str(articles), "search", "climate"])
        scale = {  # issue 22's scale set: every one of them within 10 s
            "diff": f"uscn diff SOURCE {wide_name}",
            "analyze": f"uscn analyze, a {article_size / 1e6:g} MB article",
            "repeated": f"uscn compare, {repeated_sentences} sentences drawn from 3",
            "validate repeated": f"uscn validate, {repeated_sentences} sentences drawn from 3",
        }
        measure(scale["diff"], [*uscn, "--data-dir", str(wide), "diff", "synthetic-0001"], stop=10.0)
        measure(scale["analyze"], [*uscn, "analyze", str(long_article)], stop=10.0)
        measure(scale["repeated"], [*uscn, "--data-dir", str(repeats), "compare", "export-controls"], stop=10.0)
        measure(scale["validate repeated"], [*uscn, "--data-dir", str(repeats), "validate"], stop=10.0)

        launcher = Launcher()
        for name, command in commands.items():
            command.first = launcher.once(command.argv, command.env, tmp)
            print(f"  first run of {name}: {command.first[0]:.3f}s", file=sys.stderr)
        for n in range(runs):
            for command in commands.values():
                if command.first is not None and command.first[0] <= command.stop:
                    command.runs.append(launcher.once(command.argv, command.env, tmp))
            print(f"  round {n + 1} of {runs} done", file=sys.stderr)
        launcher.close()
        results = {name: command.sample() for name, command in commands.items()}

    width = max(len(name) for name in results)
    print(f"{runs} rounds after a first run; whole processes, output to /dev/null, COLUMNS=100")
    print(f"{'command':<{width}}  median   min–max          peak MiB  first run")
    for name, (median, low, high, peak, first) in results.items():
        print(f"{name:<{width}}  {median:6.3f}s  {low:6.3f}–{high:6.3f}s  {peak:7.1f}  {first:6.3f}s")

    def verdict(label: str, value: float, target: float, unit: str) -> None:
        print(f"  {label:<60} {value:6.2f}{unit}  (target ≤ {target:.2f}{unit})  {'ok' if value <= target else 'OVER'}")

    print("\nratios (medians)")
    floor = results["floor app (typer + rich table)"][0]
    compare = results["uscn compare taiwan"][0]
    verdict("compare taiwan / floor app (uscn's typer pin)", compare / floor, 1.5, "x")
    verdict("--help / floor app", results["uscn --help"][0] / floor, 1.0, "x")
    verdict("TAB completion / floor app", results["uscn TAB completion"][0] / floor, 1.0, "x")
    if "floor app, latest typer" in results:
        verdict("compare taiwan / floor app (latest typer)", compare / results["floor app, latest typer"][0], 1.5, "x")
    shipped, scaled = results["uscn compare taiwan --source hormats"], results[hormats_name(factor)]
    verdict(f"compare taiwan --source hormats @{factor}x / shipped: time", scaled[0] / shipped[0], 1.25, "x")
    verdict(f"compare taiwan --source hormats @{factor}x / shipped: peak RSS", scaled[3] / shipped[3], 1.5, "x")
    for view in ("matrix", "actors", "timeline", "issues list"):
        verdict(f"{view} {wide_name} (absolute)", results[f"uscn {view} {wide_name}"][0], 2.0, "s")
    verdict(f"search @{article_count} articles / compare taiwan", results[search][0] / compare, 1.5, "x")
    print("\nscale (issue 22; medians, or the first run where it took over 10 s)")
    diff = results[scale["diff"]]
    verdict(f"diff SOURCE {wide_name}: time", diff[0], 2.0, "s")
    verdict(f"diff SOURCE {wide_name}: peak MiB", diff[3], 300.0, "")
    verdict(scale["analyze"], results[scale["analyze"]][0], 3.0, "s")
    slowest = max((results[name][0], name) for name in [*scale.values(), *(n for n in results if "@" in n)])
    verdict(f"slowest of the scale set ({slowest[1]})"[:60], slowest[0], 10.0, "s")


def hormats_name(factor: int) -> str:
    """The row name of the scaled ``compare taiwan --source hormats``."""
    return f"uscn compare taiwan --source hormats @{factor}x"


if __name__ == "__main__":
    main()
