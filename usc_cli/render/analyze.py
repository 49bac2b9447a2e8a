"""``uscn analyze``: the issues and framings a new article touches, with the sentences behind each
and who says what in them."""

from __future__ import annotations

from typing import Any

from usc_cli.dataset import fold_whitespace
from usc_cli.models import Side
from usc_cli.queries.analyze import Finding
from usc_cli.queries.drafting import DraftPosition
from usc_cli.queries.kinds import KindChoice
from usc_cli.queries.reading import Attributed
from usc_cli.queries.speakers import Who
from usc_cli.render.document import Block, Document, Heading, Para, Quote, Table
from usc_cli.vocab import SIDE_NAMES

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
    """A speaker or holder: its name, what it is, the actor id if known, the side it stands for
    (``both`` for the two governments; null for an unknown speaker, with the reason)."""
    return {
        "name": who.name,
        "kind": who.kind,
        "actor": who.actor,
        "description": who.description,
        "side": None if who.kind == "unknown" else who.side.value if who.side else "both",
    } | ({"reason": who.reason} if who.kind == "unknown" else {})


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
    if quote.who.kind == "unknown":
        return f"{UNKNOWN_TEXT} ({quote.who.reason})"
    side = quote.who.side.value if quote.who.side else "both"
    return f"{quote.who.name} ({side}), {quote.how}"


UNKNOWN_TEXT = "speaker unknown — check"


def _weaker_ref(f: Finding) -> dict[str, Any]:
    return {"kind": f.kind, "id": f.id, "label": f.label, "strength": f.strength}


def _kind_json(choice: KindChoice) -> dict[str, Any]:
    government = choice.government.value if choice.government else None
    return {"value": choice.kind.value, "government": government, "how": choice.how, "basis": choice.basis}


def sentences_json(text: str, findings: list[Finding], attributed: list[Attributed]) -> list[dict[str, Any]]:
    """Every sentence in order with its offsets, its speakers (or holders) and the issues it touches."""
    issues: dict[int, list[str]] = {}
    for finding in findings:
        if finding.kind == "issue":
            for match in finding.matches:
                issues.setdefault(match.sentence, []).append(finding.id)
    found: dict[int, dict[str, Any]] = {}
    for item in attributed:
        row = found.setdefault(
            item.n,
            {"n": item.n, "text": fold_whitespace(text[item.start : item.end]), "start": item.start, "end": item.end}
            | {"speakers": [], "issues": issues.get(item.n, [])},
        )
        row["speakers"].append(who_json(item.who) | {"presented": item.how, "verb": item.verb})
    return [found[n] for n in sorted(found)]


def analysis_json(
    name: str,
    findings: list[Finding],
    minimum: int,
    weaker: list[Finding],
    held: Owners,
    read: tuple[str, KindChoice, list[Attributed]],
) -> dict[str, Any]:
    """Findings as JSON: issues first (each sentence with who says it), then frame labels, each
    strongest first; then what was too weak; then every sentence with its speakers."""
    text, choice, attributed = read
    return {
        "input": name,
        "source_kind": _kind_json(choice),
        "issues": [_finding_json(f, held) for f in findings if f.kind == "issue"],
        "frames": [_finding_json(f, held) for f in findings if f.kind == "frame"],
        "min_strength": minimum,
        "below_min_strength": [_weaker_ref(f) for f in weaker],
        "sentences": sentences_json(text, findings, attributed),
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


_SIDE_WORDS = {Side.US: "Washington", Side.CHINA: "Beijing", Side.THIRD_PARTY: "commentator"}


def _speaker_cell(item: Attributed) -> tuple[str, str]:
    who = item.who
    if who.kind == "unknown":
        return UNKNOWN_TEXT, f"{who.reason}"
    if who.kind == "reporter":
        return who.name, item.how
    side = _SIDE_WORDS[who.side] if who.side else "both governments"
    return who.name, f"{side}, {item.how}"


def speakers_doc(name: str, text: str, choice: KindChoice, attributed: list[Attributed]) -> Document:
    """Who says what across the whole article: each sentence with its speakers, side and how the
    article presents the words; an unplaced speaker reads "speaker unknown — check"."""
    rows: list[list[str]] = []
    for item in attributed:
        who, how = _speaker_cell(item)
        first = not rows or rows[-1][0] != str(item.n)
        words = fold_whitespace(text[item.start : item.end]) if first else ""
        rows.append([str(item.n), f"{who} ({how})", words])
    whose = choice.kind.value + (f" ({SIDE_NAMES[choice.government]}'s own text)" if choice.government else "")
    blocks: list[Block] = [
        Heading(f"Who says what in {name}"),
        Para(f"Read as: {whose}; {choice.how}: {choice.basis}.", "muted"),
        Table(["n", "speaker", "sentence"], rows),
    ]
    unknown = sum(1 for item in attributed if item.who.kind == "unknown")
    if unknown:
        blocks.append(Para(f"{unknown} sentence{'s' if unknown > 1 else ''}: speaker unknown — check.", "gap"))
    return Document(blocks, csv=Table(["n", "speaker", "sentence"], rows))
