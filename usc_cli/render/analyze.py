"""``uscn analyze``: the issues and framings a new article touches, with the sentences behind each."""

from __future__ import annotations

from typing import Any

from usc_cli.queries.analyze import Finding
from usc_cli.render.common import SIDE_NAMES
from usc_cli.render.document import Block, Document, Heading, Para, Quote, Table


def _finding_json(f: Finding) -> dict[str, Any]:
    return {
        "kind": f.kind,
        "id": f.id,
        "title": f.title,
        "side": f.side.value if f.side else None,
        "label": f.label,
        "strength": f.strength,
        "cues": f.cues,
        "sentences": [{"n": m.sentence, "text": m.text, "cues": m.cues} for m in f.matches],
    }


def _weaker_ref(f: Finding) -> dict[str, Any]:
    return {"kind": f.kind, "id": f.id, "label": f.label, "strength": f.strength}


def analysis_json(name: str, findings: list[Finding], minimum: int, weaker: list[Finding]) -> dict[str, Any]:
    """Findings as JSON: issues first, then frame labels, each strongest first; then what was too weak."""
    return {
        "input": name,
        "issues": [_finding_json(f) for f in findings if f.kind == "issue"],
        "frames": [_finding_json(f) for f in findings if f.kind == "frame"],
        "min_strength": minimum,
        "below_min_strength": [_weaker_ref(f) for f in weaker],
    }


def _weaker_note(minimum: int, weaker: list[Finding]) -> Para:
    named = ", ".join(f"{f.id}{' “' + f.label + '”' if f.label else ''} ({f.strength})" for f in weaker)
    weakest = min(f.strength for f in weaker)
    return Para(f"Weaker signals, below strength {minimum}: {named}. --min-strength {weakest} shows them.", "muted")


def analysis_doc(
    name: str, findings: list[Finding], minimum: int, weaker: list[Finding], max_sentences: int = 3
) -> Document:
    """Findings ranked by strength, each with the sentences that triggered it; a note of weaker signals."""
    issues = [f for f in findings if f.kind == "issue"]
    frames = [f for f in findings if f.kind == "frame"]
    blocks: list[Block] = [Heading(f"What {name} covers")]
    blocks.append(Heading("Issues", 2))
    if not issues:
        blocks.append(Para("No issue in the dataset is clearly signalled.", "gap"))
    for f in issues:
        blocks.append(Para(f"{f.title} [{f.id}] — strength {f.strength}; cues: {', '.join(f.cues)}", "strong"))
        blocks += [Quote(m.text, f"sentence {m.sentence}") for m in f.matches[:max_sentences]]
        if len(f.matches) > max_sentences:
            blocks.append(Para(f"…and {len(f.matches) - max_sentences} more sentences (see -f json).", "muted"))
    blocks.append(Heading("Framings", 2))
    if not frames:
        blocks.append(Para("No framing in the dataset is clearly used.", "gap"))
    for f in frames:
        side = SIDE_NAMES[f.side] if f.side else ""
        blocks.append(
            Para(f"{f.title}: {side}'s “{f.label}” — strength {f.strength}; cues: {', '.join(f.cues)}", "strong")
        )
        blocks += [Quote(m.text, f"sentence {m.sentence}") for m in f.matches[:max_sentences]]
    if weaker:
        blocks.append(_weaker_note(minimum, weaker))
    rows = [
        [f.kind, f.id, f.side.value if f.side else "", f.label or "", str(f.strength), "; ".join(f.cues)]
        for f in findings
    ]
    return Document(blocks, csv=Table(["kind", "id", "side", "label", "strength", "cues"], rows))
