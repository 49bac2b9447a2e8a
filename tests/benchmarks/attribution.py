"""The time ``uscn analyze`` spends reading a 2,000-word article (issues and who says each sentence),
in process, against issue 20's target of 0.3 s; and how it grows with the text (the rules are to be
linear: 4x the text should take about 4x the time).

    python -m tests.benchmarks.attribution [--runs N]

The article is the held-out articles of tests/heldout/ (wire, readout, press conference, op-ed,
statement) repeated to the length. It never fails a build: it reports.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from usc_cli.loader import load_dataset
from usc_cli.locations import resolve_location
from usc_cli.queries.analyze import analyze
from usc_cli.queries.drafting import draft_positions
from usc_cli.queries.kinds import infer_kind
from usc_cli.queries.reading import attribute

HELDOUT = Path(__file__).parent.parent / "heldout"
TARGET = 0.3  # seconds for a 2,000-word article (issue 20)


def article(words: int) -> str:
    """The held-out articles, repeated to at least ``words`` words, paragraphs kept."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(HELDOUT.glob("*.txt"))]
    out: list[str] = []
    while sum(len(t.split()) for t in out) < words:
        out.append(texts[len(out) % len(texts)])
    return "\n\n".join(out)


def main() -> None:
    """Print the median time per article size and its ratio to the target."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    ds = load_dataset(resolve_location(None))
    actors = list(ds.actors.values())
    base: float | None = None
    for words in (2000, 8000):
        text = article(words)
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            choice = infer_kind(text)
            findings = analyze(ds, text)
            attributed = attribute(text, actors, choice.kind, choice.government)
            draft_positions(text, findings, attributed)
            times.append(time.perf_counter() - start)
        median = statistics.median(times)
        size = len(text.split())
        line = f"analyze, {size} words: median {median:.3f} s (min {min(times):.3f}, max {max(times):.3f})"
        if base is None:
            base = median
            verdict = "ok" if median <= TARGET else "OVER"
            print(f"{line}; {median / TARGET:.2f}x the {TARGET} s target: {verdict}")
        else:
            print(f"{line}; {median / base:.2f}x the 2,000-word time for {size / 2000:.1f}x the words")


if __name__ == "__main__":
    main()
