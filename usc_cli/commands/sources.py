"""``uscn sources list`` and ``uscn sources show``: the seed articles."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from usc_cli.commands.completion import complete_source
from usc_cli.commands.data import load, load_at, location
from usc_cli.commands.options import (
    ForceOption,
    FormatOption,
    GovernmentOption,
    KindOption,
    OutputOption,
    kind_choice,
    list_by_default,
)
from usc_cli.commands.output import show, size_text
from usc_cli.render.document import visible
from usc_cli.render.formats import OutputFormat

if TYPE_CHECKING:
    from usc_cli.dataset import Dataset
    from usc_cli.queries.analyze import Finding
    from usc_cli.queries.kinds import KindChoice
    from usc_cli.queries.reading import Attributed

app = typer.Typer(invoke_without_command=True, help="The articles, shipped and your own; with no command, the list.")


@app.command("list")
def list_sources(
    ctx: typer.Context, fmt: FormatOption = OutputFormat.TABLE, output: OutputOption = None, force: ForceOption = False
) -> None:
    """Each article: author, outlet, kind, date, recommendations.

    The author as the article describes them; a date marked when inferred; your own sources marked.

    \b
    Examples:
      uscn sources list
      uscn sources list -f json
    """
    from usc_cli.render.sources import sources_doc, sources_json

    ds = load(ctx)
    show(fmt, "sources", lambda: sources_json(ds), lambda: sources_doc(ds), output=output, force=force)


@app.command("show")
def show_source(
    ctx: typer.Context,
    source: Annotated[
        str,
        typer.Argument(
            metavar="SOURCE", help="Source id, alias, author surname or outlet.", autocompletion=complete_source
        ),
    ],
    fmt: FormatOption = OutputFormat.TABLE,
    output: OutputOption = None,
    force: ForceOption = False,
) -> None:
    """One article: each fact about it with its quote or basis.

    What it covers and what it contributes to the dataset.

    \b
    Examples:
      uscn sources show hormats
      uscn sources show Fortune -f markdown
    """
    from usc_cli.queries import names
    from usc_cli.render.sources import source_doc, source_json

    ds = load(ctx)
    found = ds.sources[names.source_id(ds, source)]
    show(
        fmt,
        "source",
        lambda: {"source": source_json(ds, found)},
        lambda: source_doc(ds, found),
        output=output,
        force=force,
    )


@app.command("add")
def add_source(
    ctx: typer.Context,
    file: Annotated[
        str, typer.Argument(metavar="FILE", help="The article as a UTF-8 text file, or - for standard input.")
    ],
    source_id: Annotated[
        str, typer.Option("--id", metavar="ID", help="Id for the new source: lower-case words joined by '-'.")
    ],
    kind: KindOption = None,
    government: GovernmentOption = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing seed or draft of that id.")] = False,
) -> None:
    """Draft a new source from an article, into your own data directory.

    The draft has the attributions and positions analyze finds, summaries left TODO, and every
    speaker analyze could not place marked TODO (validate fails until you name it). The kind of text
    (--kind) decides whose its own words are; inferred when not given, and said. Your directory
    is $XDG_DATA_HOME/uscn (~/.local/share/uscn): uscn reads it on top of the shipped dataset. With
    --data-dir DIR, the draft goes into DIR (made a copy of the shipped dataset if empty).

    \b
    Examples:
      uscn sources add article.txt --id my-oped
      uscn sources add article.txt --id my-oped --force
    """
    import contextlib
    import sys
    from contextlib import AbstractContextManager

    from usc_cli.loader.articles import read_article
    from usc_cli.locations import DataLocation
    from usc_cli.render.draft import validate_command
    from usc_cli.vocab import is_id
    from usc_cli.writer import WriteError, dataset_for_writing, user_dir_for_writing, write_files

    if not is_id(source_id):
        raise typer.BadParameter("use lower-case letters, digits and single '-' (e.g. 'smith-foreign-affairs')")
    text = read_article(file)
    choice = kind_choice(text, kind, government)
    where = location(ctx)
    if where.overlay:  # your own directory, read on top of the shipped dataset: only your files go there
        target = user_dir_for_writing(where)
        dataset: AbstractContextManager[bool] = contextlib.nullcontext(False)
    else:  # exactly this dataset: a complete one, made a copy of the shipped one when new
        target = where.data_dir
        dataset = dataset_for_writing(target)  # the copy is taken back if the add fails
        where = DataLocation(target, target / "seeds")
    with dataset as copied:
        ds = load_at(where)[0]
        origin = ds.origins.get(source_id)
        if origin is not None and origin.kind == "shipped" and where.overlay:
            raise WriteError(f"source {source_id!r} is one of uscn's own (shipped) sources; choose another --id")
        if source_id in ds.sources and not force:
            raise WriteError(f"source {source_id!r} already exists in {target}; pass --force to replace its draft")
        seed_path, draft_path = target / "seeds" / f"{source_id}.txt", target / "sources" / f"{source_id}.yaml"
        article = text.encode("utf-8")
        data_dir = None if where.overlay else str(target)
        findings, attributed, draft = _draft(ds, source_id, seed_path.name, text, choice, data_dir)
        write_files([(seed_path, article), (draft_path, draft)], force)  # both or neither
    if copied:
        sys.stderr.write(f"uscn: created a dataset in {target} (a copy of the shipped one)\n")
    sizes = f"{size_text(len(article))}: the article; {size_text(len(draft))}: its draft source"
    sys.stderr.write(visible(f"uscn: wrote {seed_path} and {draft_path} ({sizes})") + "\n")
    whose = f" ({choice.government.value}'s own text)" if choice.government else ""
    sys.stderr.write(f"uscn: read as {choice.kind.value}{whose}, {choice.how}: {choice.basis} (--kind to change)\n")
    if not any(f.kind == "issue" for f in findings):
        sys.stderr.write(
            "uscn: warning: the article touches no issue of the dataset at the default strength; "
            "check it with: uscn analyze FILE --min-strength 1\n"
        )
    unknown = len({a.n for a in attributed if a.who.kind == "unknown"})
    if unknown:
        sys.stderr.write(f"uscn: {unknown} sentence(s) with speaker unknown — marked TODO in the draft\n")

    sys.stderr.write(f"next: fill in the draft, then run: {validate_command(data_dir)}\n")
    sys.stdout.write(f"{draft_path}\n")


def _draft(
    ds: Dataset, source_id: str, seed_name: str, text: str, choice: KindChoice, data_dir: str | None
) -> tuple[list[Finding], list[Attributed], bytes]:
    """The article's draft source (the positions analyze finds, summaries TODO), with the findings and
    who says each sentence; refused when over the size limit of a data file."""
    import hashlib

    from usc_cli.queries.analyze import analyze
    from usc_cli.queries.drafting import draft_positions
    from usc_cli.queries.reading import attribute, narrator
    from usc_cli.render.draft import source_draft
    from usc_cli.writer import WriteError
    from usc_cli.yamlfile import MAX_BYTES

    findings = analyze(ds, text)
    attributed = attribute(text, list(ds.actors.values()), choice.kind, choice.government)
    narrated = narrator(choice.kind, choice.government)
    drafted = (findings, attributed, draft_positions(text, findings, attributed, narrated))
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    draft = source_draft(source_id, seed_name, digest, text, drafted, data_dir, choice).encode("utf-8")
    if len(draft) > MAX_BYTES:  # the loader would refuse it, and with it the whole dataset
        raise WriteError(
            f"the draft for this article would be {len(draft)} bytes, over the loader's "
            f"{MAX_BYTES}-byte limit for a data file; add a shorter article (split it)"
        )
    return findings, attributed, draft


@app.command("remove")
def remove_source(
    ctx: typer.Context,
    source_id: Annotated[
        str, typer.Argument(metavar="ID", help="The id of one of your own sources.", autocompletion=complete_source)
    ],
) -> None:
    """Remove one of your own sources: its data file and its text.

    Only sources you added (your own directory, or the --data-dir you gave); uscn's own sources
    cannot be removed. Refused while other data still quotes the source.

    \b
    Examples:
      uscn sources remove my-oped
    """
    import sys

    from usc_cli.errors import NotFoundError
    from usc_cli.writer import WriteError, remove_together

    where = location(ctx)
    ds = load(ctx)
    origin = ds.origins.get(source_id)
    if origin is not None and origin.kind == "shipped":
        raise WriteError(f"source {source_id!r} is one of uscn's own (shipped) sources: only your own can be removed")
    base = where.user_dir if where.overlay else where.data_dir
    data_file = Path(origin.path) if origin is not None else (base / "sources" / f"{source_id}.yaml" if base else None)
    if data_file is None or not data_file.exists():
        raise NotFoundError(
            "source of your own", source_id, sorted(i for i, o in ds.origins.items() if o.kind != "shipped")
        )
    quoting = sorted(
        {s.file for s in ds.sites if s.evidence.source == source_id} - {str(data_file), f"sources/{data_file.name}"}
    )
    if quoting:
        raise WriteError(f"source {source_id!r} is still quoted in {', '.join(quoting)}: remove those quotes first")
    seed = ds.sources[source_id].seed if source_id in ds.sources else f"{source_id}.txt"
    seeds_dir = base / "seeds" if base is not None else where.seeds_dir
    removed = remove_together([data_file, seeds_dir / seed])
    sys.stderr.write(f"uscn: removed {' and '.join(str(p) for p in removed)}\n")


app.callback()(list_by_default(list_sources))  # `uscn sources` alone: the list, with the list's options
