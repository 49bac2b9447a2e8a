"""``uscn validate`` and ``uscn schema``: check the dataset; print the data files' JSON Schema."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from usc_cli.commands._common import ForceOption, FormatOption, OutputOption, load, location, show
from usc_cli.render.formats import OutputFormat

if TYPE_CHECKING:
    from pydantic import BaseModel


def validate(
    ctx: typer.Context, fmt: FormatOption = OutputFormat.TABLE, output: OutputOption = None, force: ForceOption = False
) -> None:
    """Check every data file and every quote against its seed; list all problems (exit 65) or the counts."""
    from usc_cli.render.document import Block, Document, Fields, Heading, Para, Table

    dataset = load(ctx)
    where = location(ctx)
    counts = dataset.counts()
    placeholders = dataset.placeholders()

    def doc() -> Document:
        rows = [[name, str(count)] for name, count in counts.items()]
        blocks: list[Block] = [
            Heading("Dataset is valid"),
            Fields([("data", str(where.data_dir)), ("seeds", str(where.seeds_dir))]),
            Table(["what", "count"], rows),
            Para("Every quote was found verbatim in its seed; every seed matches its recorded sha256.", "muted"),
        ]
        if placeholders:
            count = f"{len(placeholders)} draft placeholder{'s' if len(placeholders) > 1 else ''}"
            blocks.append(Para(f"Still to fill in ({count}):", "gap"))
            blocks += [Para(f"  {where_}", "gap") for where_ in placeholders]
        return Document(blocks, csv=Table(["what", "count"], rows))

    show(
        fmt,
        "validation",
        lambda: {"valid": True, "counts": counts, "placeholders": placeholders},
        doc,
        output=output,
        force=force,
    )


class SchemaFile(StrEnum):
    """The kinds of data file."""

    SOURCE = "source"
    ISSUES = "issues"
    ACTORS = "actors"
    FRAMES = "frames"
    EVENTS = "events"


def schema(
    kind: Annotated[
        SchemaFile | None,
        typer.Argument(help="Only this kind of file (for an editor's YAML schema setting)."),
    ] = None,
) -> None:
    """Print the JSON Schema of the data files, generated from the models."""
    from usc_cli import models

    by_kind: dict[SchemaFile, tuple[str, type[BaseModel]]] = {
        SchemaFile.SOURCE: ("sources/*.yaml", models.SourceFile),
        SchemaFile.ISSUES: ("issues.yaml", models.IssuesFile),
        SchemaFile.ACTORS: ("actors.yaml", models.ActorsFile),
        SchemaFile.FRAMES: ("frames.yaml", models.FramesFile),
        SchemaFile.EVENTS: ("events.yaml", models.EventsFile),
    }
    if kind is not None:
        result: object = by_kind[kind][1].model_json_schema()
    else:
        result = {name: model.model_json_schema() for name, model in by_kind.values()}
    sys.stdout.write(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
