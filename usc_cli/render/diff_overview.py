"""``uscn diff SOURCE``: one source against every other, as one table of issues × sources."""

from __future__ import annotations

from typing import Any

from usc_cli.dataset import Dataset
from usc_cli.queries.diff import LEVEL_ORDER, Link, Overview, Verdict
from usc_cli.render.diff import NO_LINK, author_json, cell_json, verdict_json, who_text
from usc_cli.render.document import Block, Document, Fields, Heading, Para, Table

NEITHER = "—"
SUMMARY_ROWS = 20  # the other sources a summary shows before "N more"


def _cell(verdict: Verdict) -> str:
    if verdict.levels:
        return ", ".join(level.value for level in verdict.levels)
    return {"both": NO_LINK, "a": "only A", "b": "only them", "neither": NEITHER}[verdict.addressed_by]


def _csv(verdict: Verdict, a: str, other: str) -> str:
    """A CSV cell says whose names it means: there is no legend beside it."""
    if verdict.levels:
        return _cell(verdict)
    return {"both": NO_LINK, "a": f"only {a}", "b": f"only {other}", "neither": ""}[verdict.addressed_by]


def _legend(a: str) -> str:
    return (
        f"A is {a}; each column is another source. agree / partly / differ: a curated agreement links "
        f"proposals both make on the issue; {NO_LINK}: both speak to it, with no curated agreement between "
        f"them on it (which does not mean they disagree); only A: only {a} speaks to it; only them: only "
        f"the column's source does; {NEITHER}: neither does."
    )


def _counts(links: list[Link]) -> str:
    counts = [(sum(1 for x in links if x.agreement.level is level), level.value) for level in LEVEL_ORDER]
    return ", ".join(f"{n} {word}" for n, word in counts if n) or "none"


def overview_json(ds: Dataset, o: Overview) -> dict[str, Any]:
    """One source against all others as JSON: per issue a verdict for each other source, and the agreements."""
    return {
        "a": o.a,
        "others": o.others,
        "authors": {s: author_json(ds, s) for s in [o.a, *o.others]},
        "issues": [
            {
                "issue": row.issue,
                "title": ds.issues[row.issue].title,
                "a": cell_json(row.a),
                "verdicts": {other: verdict_json(row.verdicts[other]) for other in o.others},
            }
            for row in o.rows
        ],
        "agreements": {
            other: [
                {
                    "id": link.agreement.id,
                    "level": link.agreement.level.value,
                    "summary": link.agreement.summary,
                    "issues": link.issues,
                    "a": [r.id for r in link.a],
                    "b": [r.id for r in link.b],
                }
                for link in o.links[other]
            ]
            for other in o.others
        },
    }


def overview_doc(ds: Dataset, o: Overview) -> Document:
    """Who the authors are, one table of issues × other sources, and the curated agreements counted."""
    columns = ["issue", *o.others]
    rows = [[row.issue, *(_cell(row.verdicts[other]) for other in o.others)] for row in o.rows]
    csv = Table(columns, [[row.issue, *(_csv(row.verdicts[x], o.a, x) for x in o.others)] for row in o.rows])
    blocks: list[Block] = [
        Heading(f"{o.a} against every other source: do they agree?"),
        Fields([(s, who_text(ds, s)) for s in [o.a, *o.others]]),
    ]
    if not o.others:
        return Document([*blocks, Para("There is no other source in the dataset to compare it with.", "gap")], csv=csv)
    blocks += [
        Heading(f"Issue by issue (A = {o.a})", 2),
        Table(columns, rows),
        Para(_legend(o.a), "muted"),
        Heading(f"Curated agreements with {o.a}, counted", 2),
        Fields([(other, _counts(o.links[other])) for other in o.others]),
    ]
    across = [
        f"{other}: {', '.join(f'{x.agreement.level.value} [{x.agreement.id}]' for x in o.across(other))}"
        for other in o.others
        if o.across(other)
    ]
    if across:
        blocks.append(
            Para(
                "Of these, linking proposals on different issues (not in the table): " + "; ".join(across) + ".",
                "muted",
            )
        )
    blocks.append(Para(f"For the proposals themselves: uscn diff {o.a} SOURCE.", "muted"))
    return Document(blocks, csv=csv)


def _summary_legend(a: str) -> str:
    return (
        f"shared: the issues both {a} and the source speak to; agree / partly / differ: curated agreements "
        f"between their proposals; {NO_LINK}: shared issues that no curated agreement links them on (which "
        f"does not mean they disagree); only A: issues only {a} speaks to; only them: issues only the source "
        "speaks to. Closest first: most curated agreements, then most shared issues."
    )


def overview_summary_doc(ds: Dataset, o: Overview, every: bool = False) -> Document:
    """One row per other source, closest first (the first ``SUMMARY_ROWS`` unless ``every``): for many
    sources, where one table of issues × sources would be too wide to read (and, at 1,000 × 1,000,
    44 MB)."""
    tallies = o.tallies()
    shown = tallies if every else tallies[:SUMMARY_ROWS]
    columns = ["source", "shared", *(level.value for level in LEVEL_ORDER), NO_LINK, "only A", "only them"]
    rows = [
        [
            t.other,
            str(t.both),
            *(str(t.at(level)) for level in LEVEL_ORDER),
            str(t.no_link),
            str(t.only_a),
            str(t.only_other),
        ]
        for t in shown
    ]
    blocks: list[Block] = [
        Heading(f"{o.a} against {len(o.others)} other sources: do they agree?"),
        Fields([(s, who_text(ds, s)) for s in [o.a, *(t.other for t in shown)]]),
        Heading(f"Source by source (A = {o.a})", 2),
        Table(columns, rows),
        Para(_summary_legend(o.a), "muted"),
    ]
    if len(shown) < len(tallies):
        more = len(tallies) - len(shown)
        blocks.append(
            Para(
                f"{more} more sources: uscn diff {o.a} --all lists every one; --grid shows the issue × source table.",
                "muted",
            )
        )
    blocks.append(Para(f"For the proposals themselves: uscn diff {o.a} SOURCE.", "muted"))
    return Document(blocks, csv=Table(columns, rows))
