"""``uscn validate`` and ``uscn schema``: check the dataset; print the data files' JSON Schema."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from typing import Annotated, Any

import typer

from usc_cli.commands.data import load, location
from usc_cli.commands.options import ForceOption, FormatOption, OutputOption
from usc_cli.commands.output import show
from usc_cli.render.formats import OutputFormat


def validate(
    ctx: typer.Context,
    fmt: FormatOption = OutputFormat.TABLE,
    output: OutputOption = None,
    force: ForceOption = False,
    verbose: Annotated[
        bool, typer.Option("-v", "--verbose", help="Also list every fair cut with the reason the data gives.")
    ] = False,
) -> None:
    """Check the data: every quote against its seed, and who said it.

    Besides each quote's place in its seed: the speaker its sentence credits, a cut that drops the
    speaker or a turning clause, a hedge the summary drops, a speaker a draft left unknown (TODO),
    quoted words recorded as the author's own, and a government official placed with the
    commentators.

    Lists every problem found (exit 65). By default it checks the shipped dataset together with your
    own sources ($XDG_DATA_HOME/uscn), as every command reads them, and says which directories it
    read. It always parses and checks the files themselves, never the cached store.

    \b
    Examples:
      uscn validate
      uscn validate --verbose     # also each fair cut and its reason
      uscn validate -f json
    """
    from usc_cli.errors import DataError
    from usc_cli.queries.checks import check_dataset
    from usc_cli.queries.speaker_checks import check_speakers
    from usc_cli.render.validation import DirsRead, finding_problem, speaker_problem, validation_doc, validation_json

    dataset = load(ctx, strict=True)  # every file parsed and checked: what validate says is what the files say
    at = location(ctx)
    user = str(at.user_dir) if at.user_dir is not None else None
    where = DirsRead(
        str(at.data_dir), str(at.seeds_dir), at.overlay, user, at.user_dir is not None and at.user_dir.is_dir()
    )
    findings, cuts = check_dataset(dataset)
    errors = [finding_problem(f) for f in findings if f.level == "error"]
    files = {s.evidence.source: s.file for s in dataset.sites if s.path.startswith(("positions", "recommendations"))}
    errors += [speaker_problem(p, files) for p in check_speakers(dataset)]
    if errors:
        raise DataError(errors)
    warnings = [f for f in findings if f.level == "warning"]
    placeholders = dataset.placeholders()
    show(
        fmt,
        "validation",
        lambda: validation_json(dataset, warnings, cuts, placeholders, where),
        lambda: validation_doc(dataset, where, warnings, cuts, placeholders, verbose),
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
        typer.Argument(metavar="[KIND]", help="Only this kind of file (for an editor's YAML schema setting)."),
    ] = None,
) -> None:
    """Print the JSON Schema of the data files, from the models.

    KIND is one of source, issues, actors, frames, events.

    \b
    Examples:
      uscn schema
      uscn schema source
    """
    from usc_cli import models
    from usc_cli.schema import json_schema

    by_kind: dict[SchemaFile, tuple[str, type[Any]]] = {
        SchemaFile.SOURCE: ("sources/*.yaml", models.SourceFile),
        SchemaFile.ISSUES: ("issues.yaml", models.IssuesFile),
        SchemaFile.ACTORS: ("actors.yaml", models.ActorsFile),
        SchemaFile.FRAMES: ("frames.yaml", models.FramesFile),
        SchemaFile.EVENTS: ("events.yaml", models.EventsFile),
    }
    if kind is not None:
        result: object = json_schema(by_kind[kind][1])
    else:
        result = {name: json_schema(model) for name, model in by_kind.values()}
    sys.stdout.write(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
