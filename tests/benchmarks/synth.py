"""Build a synthetic dataset N times the shipped one, valid in every respect (quotes, checksums).

Each synthetic source gets its own seed made of sentences; every position, recommendation and frame
label quotes one of them, so the loader does exactly the work it does on real data.
"""

from __future__ import annotations

import copy
import hashlib
import random
import sys
from pathlib import Path

import yaml

from usc_cli.locations import seeds_dir_for, shipped_data_dir

WORDS = (
    "tariff export control chip semiconductor security development dialogue summit military channel fentanyl "
    "climate taiwan strait sanction human rights trade investment diplomacy leader stability risk competition"
).split()


def _sentence(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(12)).capitalize() + f" number {n}."


def _issue(rng: random.Random, n: int) -> dict[str, object]:
    words = rng.sample(WORDS, 3)
    return {
        "id": f"synthetic-issue-{n:04d}",
        "title": " ".join(words).capitalize() + f" {n}",
        "summary": "A synthetic issue about " + ", ".join(words) + ".",
        "tags": ["synthetic"],
        "cues": [f"{words[0]}*", f"{words[1]} {words[2]}"],
    }


def build(
    target: Path, factor: int, articles: int | None = None, issue_count: int | None = None, seed: int = 7
) -> Path:
    """Write ``target/`` (data files) and ``target/seeds/``; return ``target``.

    ``articles`` overrides the number of synthetic sources (``factor`` times the shipped ones);
    ``issue_count`` adds synthetic issues until there are that many, and positions spread over all.
    """
    rng = random.Random(seed)
    shipped = shipped_data_dir()
    issues = yaml.safe_load((shipped / "issues.yaml").read_text(encoding="utf-8"))["issues"]
    issues += [_issue(rng, n) for n in range(max(0, (issue_count or 0) - len(issues)))]
    actors = yaml.safe_load((shipped / "actors.yaml").read_text(encoding="utf-8"))
    frames = yaml.safe_load((shipped / "frames.yaml").read_text(encoding="utf-8"))["frames"]
    events = yaml.safe_load((shipped / "events.yaml").read_text(encoding="utf-8"))
    shipped_sources = sorted((shipped / "sources").glob("*.yaml"))
    count = articles if articles is not None else factor * len(shipped_sources)
    (target / "sources").mkdir(parents=True, exist_ok=True)
    (target / "seeds").mkdir(parents=True, exist_ok=True)
    # The shipped sources stay (actors, frames and events quote them).
    for path in shipped_sources:
        (target / "sources" / path.name).write_bytes(path.read_bytes())
    for path in seeds_dir_for(shipped).glob("*.txt"):
        (target / "seeds" / path.name).write_bytes(path.read_bytes())
    issue_ids = [i["id"] for i in issues]
    for n in range(count):
        sid = f"synthetic-{n:04d}"
        sentences = [_sentence(rng, k) for k in range(40)]
        text = "\n".join(sentences) + "\n"
        (target / "seeds" / f"{sid}.txt").write_text(text, encoding="utf-8")
        positions = [
            {
                "issue": rng.choice(issue_ids),
                "side": rng.choice(["us", "china", "third-party"]),
                "holder": {"description": "Synthetic officials"},
                "summary": "A synthetic position.",
                "evidence": [{"source": sid, "quote": sentences[k]}],
            }
            for k in range(8)
        ]
        recs = [
            {
                "id": f"{sid}-rec-{k}",
                "source": sid,
                "to": rng.choice(["us", "china", "both"]),
                "kind": "high-level-dialogue",
                "issues": [rng.choice(issue_ids)],
                "summary": "A synthetic recommendation.",
                "evidence": [{"source": sid, "quote": sentences[10 + k]}],
            }
            for k in range(6)
        ]
        doc = {
            "source": {
                "id": sid,
                "author": {"name": None, "description": None},
                "kind": "opinion",
                "seed": f"{sid}.txt",
                "sha256": hashlib.sha256(text.encode()).hexdigest(),
                "covers": "A synthetic article.",
                "unknown": dict.fromkeys(("title", "outlet", "date", "url"), "A synthetic article has none."),
            },
            "positions": positions,
            "recommendations": recs,
        }
        (target / "sources" / f"{sid}.yaml").write_text(yaml.safe_dump(doc, sort_keys=False), encoding="utf-8")
    # Gaps must match positions exactly: recompute them from what now exists.
    sides: dict[str, set[str]] = {}
    for path in (target / "sources").glob("*.yaml"):
        for p in yaml.safe_load(path.read_text(encoding="utf-8")).get("positions", []):
            sides.setdefault(p["issue"], set()).add(p["side"])
    for issue in issues:
        issue["gaps"] = [
            {"side": s, "note": "No source gives this side's view."}
            for s in ("us", "china")
            if s not in sides.get(issue["id"], set())
        ]
    (target / "issues.yaml").write_text(yaml.safe_dump({"issues": issues}, sort_keys=False), encoding="utf-8")
    (target / "actors.yaml").write_text(yaml.safe_dump(actors, sort_keys=False), encoding="utf-8")
    (target / "frames.yaml").write_text(yaml.safe_dump({"frames": frames}, sort_keys=False), encoding="utf-8")
    (target / "events.yaml").write_text(yaml.safe_dump(events, sort_keys=False), encoding="utf-8")
    return target


REPEATED = (
    "Washington says export controls on chips protect its national security.",
    "Beijing says the controls aim at suppressing its development.",
    "Neither side has offered a view on fisheries.",
)


def repeated(target: Path, sentences: int = 400, seed: int = 7) -> Path:
    """Copy the minimal test dataset to ``target/`` with its article made of ``sentences`` sentences
    drawn from the three it quotes, and one attribution per attributed sentence, as a drafter writes
    them: every quote and passage occurs about sentences/3 times, and each passage is listed as often."""
    import shutil

    rng = random.Random(seed)
    shutil.copytree(Path(__file__).parent.parent / "fixtures" / "valid_min", target)
    seed_path = target / "seeds" / "tiny.txt"
    head = seed_path.read_text(encoding="utf-8").split("\n\n")[:2]
    drawn = [rng.choice(REPEATED) for _ in range(sentences)]
    text = "\n\n".join([*head, " ".join(drawn), "The two sides met in Bali in November 2022.", ""])
    text += "The author proposes a military hotline between the two defence ministries.\n"
    seed_path.write_text(text, encoding="utf-8")
    source = target / "sources" / "tiny.yaml"
    doc = yaml.safe_load(source.read_text(encoding="utf-8"))
    doc["source"]["sha256"] = hashlib.sha256(text.encode()).hexdigest()
    passages = {a["quote"]: a for a in doc["attributions"]}
    doc["attributions"] = [copy.deepcopy(passages[s]) for s in drawn if s in passages]
    source.write_text(yaml.safe_dump(doc, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return target


if __name__ == "__main__":
    factor = int(sys.argv[2]) if len(sys.argv) > 2 else 100
    issue_count = int(sys.argv[3]) if len(sys.argv) > 3 else None
    sys.stdout.write(f"{build(Path(sys.argv[1]), factor, issue_count=issue_count)}\n")
