"""``uscn sources list`` and ``uscn sources show``: the seed articles."""

from __future__ import annotations

from typing import Annotated

import typer

from usc_cli.commands._common import (
    ForceOption,
    FormatOption,
    OutputOption,
    list_by_default,
    load,
    location,
    show,
    size_text,
)
from usc_cli.commands.completion import complete_source
from usc_cli.render.document import visible
from usc_cli.render.formats import OutputFormat

app = typer.Typer(invoke_without_command=True)


@app.callback()
def sources(
    ctx: typer.Context, fmt: FormatOption = OutputFormat.TABLE, output: OutputOption = None, force: ForceOption = False
) -> None:
    """The articles, shipped and your own; with no command, the list."""
    list_by_default(ctx, list_sources, fmt=fmt, output=output, force=force)


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
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing seed or draft of that id.")] = False,
) -> None:
    """Draft a new source from an article, into your own data directory.

    The draft has the attributions and positions analyze finds, summaries left TODO. Your directory
    is $XDG_DATA_HOME/uscn (~/.local/share/uscn): uscn reads it on top of the shipped dataset. With
    --data-dir DIR, the draft goes into DIR (made a copy of the shipped dataset if empty).

    \b
    Examples:
      uscn sources add article.txt --id my-oped
      uscn sources add article.txt --id my-oped --force
    """
    import contextlib
    import hashlib
    import re
    import sys
    from contextlib import AbstractContextManager

    from usc_cli.loader import load_dataset, read_article
    from usc_cli.locations import DataLocation
    from usc_cli.queries.analyze import analyze
    from usc_cli.queries.drafting import attribute, draft_positions
    from usc_cli.render.draft import source_draft, validate_command
    from usc_cli.writer import WriteError, dataset_for_writing, user_dir_for_writing, write_files
    from usc_cli.yamlfile import MAX_BYTES

    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", source_id) or len(source_id) > 64:
        raise typer.BadParameter("use lower-case letters, digits and single '-' (e.g. 'smith-foreign-affairs')")
    text = read_article(file)
    where = location(ctx)
    if where.overlay:  # your own directory, read on top of the shipped dataset: only your files go there
        target = user_dir_for_writing(where)
        dataset: AbstractContextManager[bool] = contextlib.nullcontext(False)
    else:  # exactly this dataset: a complete one, made a copy of the shipped one when new
        target = where.data_dir
        dataset = dataset_for_writing(target)  # the copy is taken back if the add fails
        where = DataLocation(target, target / "seeds")
    with dataset as copied:
        ds = load_dataset(where)
        origin = ds.origins.get(source_id)
        if origin is not None and origin.kind == "shipped" and where.overlay:
            raise WriteError(f"source {source_id!r} is one of uscn's own (shipped) sources; choose another --id")
        if source_id in ds.sources and not force:
            raise WriteError(f"source {source_id!r} already exists in {target}; pass --force to replace its draft")
        seed_path, draft_path = target / "seeds" / f"{source_id}.txt", target / "sources" / f"{source_id}.yaml"
        article = text.encode("utf-8")
        findings, attributed = analyze(ds, text), attribute(text, list(ds.actors.values()))
        drafted = (findings, attributed, draft_positions(text, findings, attributed))
        data_dir = None if where.overlay else str(target)
        digest = hashlib.sha256(article).hexdigest()
        draft = source_draft(source_id, seed_path.name, digest, text, drafted, data_dir).encode("utf-8")
        if len(draft) > MAX_BYTES:  # the loader would refuse it, and with it the whole dataset
            raise WriteError(
                f"the draft for this article would be {len(draft)} bytes, over the loader's "
                f"{MAX_BYTES}-byte limit for a data file; add a shorter article (split it)"
            )
        write_files([(seed_path, article), (draft_path, draft)], force)  # both or neither
    if copied:
        sys.stderr.write(f"uscn: created a dataset in {target} (a copy of the shipped one)\n")
    sizes = f"{size_text(len(article))}: the article; {size_text(len(draft))}: its draft source"
    sys.stderr.write(visible(f"uscn: wrote {seed_path} and {draft_path} ({sizes})") + "\n")

    sys.stderr.write(f"next: fill in the draft, then run: {validate_command(data_dir)}\n")
    sys.stdout.write(f"{draft_path}\n")
