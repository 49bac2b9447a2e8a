"""``uscn analyze``: the issues and framings a new article touches, with the sentences behind each
and who says what in them."""

from __future__ import annotations

from typing import Any

from usc_cli.queries.analyze import Finding
from usc_cli.queries.drafting import DraftPosition
from usc_cli.queries.reading import Attributed
from usc_cli.queries.speakers import Who
from usc_cli.render.common import SIDE_NAMES
from usc_cli.render.document import Block, Document, Heading, Para, Quote, Table

Owners = dict[tuple[str, int], list[Attributed]]  # (issue, sentence) -> who holds the words there


def owners(positions: list[DraftPosition]) -> Owners:
    """Who holds each issue's words in each sentence, from the drafted positions."""
    found: Owners = {}
    for position in positions:
        for quote in position.quotes:
            held = found.setdefault((position.issue, quote.n), [])
            if all(q.who.name != quote.who.name for q in held):
                held.append(quote)
    return found


def who_json(who: Who) -> dict[str, Any]:
    """A speaker or holder: its name, what it is, the actor id if known, the side it stands for."""
    return {
        "name": who.name,
        "kind": who.kind,
        "actor": who.actor,
        "description": who.description,
        "side": who.side.value if who.side else "both",
    }


def _speakers_json(held: list[Attributed]) -> list[dict[str, Any]]:
    return [{**who_json(q.who), "presented": q.how, "verb": q.verb} for q in held]


def _finding_json(f: Finding, held: Owners) -> dict[str, Any]:
    return {
        "kind": f.kind,
        "id": f.id,
        "title": f.title,
        "side": f.side.value if f.side else None,
        "label": f.label,
        "strength": f.strength,
        "cues": f.cues,
        "sentences": [
            {"n": m.sentence, "text": m.text, "cues": m.cues}
            | ({"speakers": _speakers_json(held.get((f.id, m.sentence), []))} if f.kind == "issue" else {})
            for m in f.matches
        ],
    }


def _who_text(quote: Attributed) -> str:
    side = quote.who.side.value if quote.who.side else "both"
    return f"{quote.who.name} ({side}), {quote.how}"


def _weaker_ref(f: Finding) -> dict[str, Any]:
    return {"kind": f.kind, "id": f.id, "label": f.label, "strength": f.strength}


def analysis_json(
    name: str, findings: list[Finding], minimum: int, weaker: list[Finding], held: Owners
) -> dict[str, Any]:
    """Findings as JSON: issues first (each sentence with who says it), then frame labels, each
    strongest first; then what was too weak."""
    return {
        "input": name,
        "issues": [_finding_json(f, held) for f in findings if f.kind == "issue"],
        "frames": [_finding_json(f, held) for f in findings if f.kind == "frame"],
        "min_strength": minimum,
        "below_min_strength": [_weaker_ref(f) for f in weaker],
    }


def _weaker_note(minimum: int, weaker: list[Finding]) -> Para:
    named = ", ".join(f"{f.id}{' “' + f.label + '”' if f.label else ''} ({f.strength})" for f in weaker)
    weakest = min(f.strength for f in weaker)
    return Para(f"Weaker signals, below strength {minimum}: {named}. --min-strength {weakest} shows them.", "muted")


def analysis_doc(
    name: str, findings: list[Finding], minimum: int, weaker: list[Finding], held: Owners, max_sentences: int = 3
) -> Document:
    """Findings ranked by strength, each with the sentences that triggered it and who says what in
    them; a note of weaker signals."""
    issues = [f for f in findings if f.kind == "issue"]
    frames = [f for f in findings if f.kind == "frame"]
    blocks: list[Block] = [Heading(f"What {name} covers")]
    blocks.append(Heading("Issues", 2))
    if not issues:
        blocks.append(Para("No issue in the dataset is clearly signalled.", "gap"))
    for f in issues:
        blocks.append(Para(f"{f.title} [{f.id}] — strength {f.strength}; cues: {', '.join(f.cues)}", "strong"))
        for m in f.matches[:max_sentences]:
            said = "; ".join(_who_text(q) for q in held.get((f.id, m.sentence), []))
            blocks.append(Quote(m.text, f"sentence {m.sentence}" + (f" · {said}" if said else "")))
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
