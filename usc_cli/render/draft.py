"""The draft data file ``uscn sources add`` writes: valid YAML to fill in, with candidate quotes."""

from __future__ import annotations

import json
import shlex

from usc_cli.dataset import PLACEHOLDER
from usc_cli.queries.analyze import Finding


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _shell_word(text: str) -> str:
    """``text`` quoted for a shell, on one line: a path with a line break must not end the comment."""
    if text.isprintable():
        return shlex.quote(text)
    return "$'" + text.encode("unicode_escape").decode("ascii").replace("'", "\\'") + "'"  # bash ANSI-C quoting


def source_draft(source_id: str, seed: str, sha256: str, findings: list[Finding], data_dir: str) -> str:
    """A source file that validates as written and lists, in comments, what ``analyze`` detected."""
    lines = [
        f"# Draft for source {source_id!r}, written by `uscn sources add`.",
        "# Fill in what the article states (each with its verbatim quote), mark anything else",
        "# `inferred: true` with a `basis`, and leave an unnamed author `name: null`. Then run:",
        f"#   uscn --data-dir {_shell_word(data_dir)} validate",
        "source:",
        f"  id: {source_id}",
        '  title: null          # or {value: ..., quote: "..."}',
        '  outlet: null         # or {value: ..., quote: "..."} / {value: ..., inferred: true, basis: "..."}',
        "  author:",
        "    name: null         # only if the article names the author",
        "    description: null  # the article's own description of the author",
        "  kind: opinion        # opinion | news-analysis",
        '  date: null           # or {value: "2024-05", quote: "..."} / {value: "2024", inferred: true, basis: "..."}',
        f"  seed: {seed}",
        f"  sha256: {sha256}",
        "  aliases: []",
        f"  covers: {_q(f'{PLACEHOLDER} what the article is about, in your own words.')}",
        "positions: []",
        "recommendations: []",
        "",
        "# Candidates: the issues and framings `uscn analyze` found, with sentences you may quote.",
        "# To use one, copy its block under `positions:` above, delete the leading '# ' of each line,",
        "# keep the quotes that support it, choose the side and holder, and write the summary.",
    ]
    issues = [f for f in findings if f.kind == "issue"]
    frames = [f for f in findings if f.kind == "frame"]
    if not issues:
        lines.append("#   (no issue of the dataset was clearly signalled)")
    for finding in issues:
        lines += [
            f"#   {finding.id} (strength {finding.strength}; cues: {', '.join(finding.cues)})",
            f"#   - issue: {finding.id}",
            "#     side: us           # us | china | third-party",
            f"#     holder: {{description: {_q(f'{PLACEHOLDER} who holds this view, as the article puts it')}}}",
            f"#     summary: {_q(f'{PLACEHOLDER} one sentence in your own words')}",
            "#     evidence:",
        ]
        for match in finding.matches:
            lines += [f"#       - source: {source_id}", f"#         quote: {_q(match.text)}"]
    for finding in frames:
        side = finding.side.value if finding.side else ""
        lines.append(f"#   frame {finding.id}: {side} label {finding.label!r} (strength {finding.strength})")
        lines += [f"#       {_q(m.text)}" for m in finding.matches]
    return "\n".join(lines) + "\n"
