"""``uscn validate``'s report: counts, draft placeholders, attribution warnings and fair cuts."""

from __future__ import annotations

from typing import Any, NamedTuple

from usc_cli.dataset import Dataset, Site
from usc_cli.errors import Problem
from usc_cli.queries.checks import CHECKS, FairCut, Finding
from usc_cli.queries.speaker_checks import SpeakerProblem
from usc_cli.render.document import Block, Document, Fields, Heading, Para, Quote, Table, quoted


class DirsRead(NamedTuple):
    """The directories a run read, as the command found them (a renderer looks at no file)."""

    data: str
    seeds: str
    overlay: bool  # the user's own directory was to be read on top of ``data``
    user: str | None  # None: no home directory to keep one in
    user_exists: bool


def _where(site: Site) -> str:
    return f"{site.file}:{site.line}" if site.line is not None else site.file


def finding_problem(finding: Finding) -> Problem:
    """An attribution error as a data problem: file, line, field, what is wrong and the quote."""
    site = finding.site
    message = f"[{finding.check}] {site.item}: {finding.message} — {quoted(site.evidence.quote)}"
    return Problem(site.file, site.line, None, site.path, message)


def speaker_problem(problem: SpeakerProblem, files: dict[str, str]) -> Problem:
    """A speaker check's problem as a data problem: file, field, what is wrong."""
    file = files.get(problem.source, f"sources/{problem.source}.yaml")
    return Problem(file, None, None, problem.path, f"[{problem.check}] {problem.message}")


def _finding_json(finding: Finding) -> dict[str, Any]:
    site = finding.site
    return {
        "check": finding.check,
        "level": finding.level,
        "file": site.file,
        "line": site.line,
        "field": site.path,
        "item": site.item,
        "quote": site.evidence.quote,
        "message": finding.message,
    }


def _read(ds: Dataset, where: DirsRead) -> list[tuple[str, str]]:
    """The directories this run read: the dataset (shipped or --data-dir), its seeds, the user's own."""
    fields = [("data", where.data), ("seeds", where.seeds)]
    if not where.overlay:
        return fields
    if where.user is None:
        return [*fields, ("your data", "none (no home directory; set XDG_DATA_HOME)")]
    if not where.user_exists:
        return [*fields, ("your data", f"{where.user} (does not exist yet)")]
    mine = sum(1 for origin in ds.origins.values() if origin.kind == "user")
    return [*fields, ("your data", f"{where.user} ({mine} source{'s' if mine != 1 else ''} of yours)")]


def validation_json(
    ds: Dataset, warnings: list[Finding], cuts: list[FairCut], placeholders: list[str], where: DirsRead
) -> dict[str, Any]:
    """The report as JSON (errors never reach here: they fail the run)."""
    return {
        "valid": True,
        "read": {"data": where.data, "seeds": where.seeds, "user": where.user if where.overlay else None},
        "counts": ds.counts(),
        "placeholders": placeholders,
        "attribution": {
            "checks": list(CHECKS),
            "errors": [],
            "warnings": [_finding_json(w) for w in warnings],
            "fair_cuts": [
                {
                    "file": c.site.file,
                    "line": c.site.line,
                    "field": c.site.path,
                    "item": c.site.item,
                    "quote": c.site.evidence.quote,
                    "cut_reason": c.reason,
                }
                for c in cuts
            ],
        },
    }


def validation_doc(
    ds: Dataset,
    where: DirsRead,
    warnings: list[Finding],
    cuts: list[FairCut],
    placeholders: list[str],
    verbose: bool,
) -> Document:
    """The report for people: what was checked, the counts, and anything left to look at."""
    rows = [[name, str(count)] for name, count in ds.counts().items()]
    blocks: list[Block] = [
        Heading("Dataset is valid"),
        Fields(_read(ds, where)),
        Table(["what", "count"], rows),
        Para("Every quote was found verbatim in its seed; every seed matches its recorded sha256.", "muted"),
        Para(
            "Attribution: every quote behind a claim names the speaker its sentence credits, keeps its"
            f" speaker's name and turning clauses (or says why not: {len(cuts)} fair cuts), and its hedges.",
            "muted",
        ),
    ]
    if warnings:
        blocks.append(Para(f"Attribution warnings ({len(warnings)}), to judge by hand:", "gap"))
        for w in warnings:
            blocks.append(Para(f"{_where(w.site)}: {w.site.path}: [{w.check}] {w.site.item}: {w.message}", "gap"))
    if verbose and cuts:
        blocks.append(Heading("Fair cuts", 2))
        for cut in cuts:
            blocks.append(Para(f"{_where(cut.site)}: {cut.site.path} ({cut.site.item}): {cut.reason}"))
            blocks.append(Quote(cut.site.evidence.quote, "as quoted"))
    if placeholders:
        count = f"{len(placeholders)} draft placeholder{'s' if len(placeholders) > 1 else ''}"
        blocks.append(Para(f"Still to fill in ({count}):", "gap"))
        blocks += [Para(f"  {where_}", "gap") for where_ in placeholders]
    return Document(blocks, csv=Table(["what", "count"], rows))
