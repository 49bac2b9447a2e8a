"""TAB completion of ids: reads only the ids, never the whole dataset."""

from __future__ import annotations

from pathlib import Path

import typer

from usc_cli.locations import resolve_location


def _ids(ctx: typer.Context, kind: str, incomplete: str) -> list[str]:
    from usc_cli.ids import quick_ids

    option = ctx.find_root().params.get("data_dir")
    location = resolve_location(Path(option) if option else None)
    return [i for i in quick_ids(location, kind) if i.startswith(incomplete.casefold())]


def complete_issue(ctx: typer.Context, incomplete: str) -> list[str]:
    """Issue ids starting with what was typed."""
    return _ids(ctx, "issue", incomplete)


def complete_source(ctx: typer.Context, incomplete: str) -> list[str]:
    """Source ids starting with what was typed."""
    return _ids(ctx, "source", incomplete)


def complete_frame(ctx: typer.Context, incomplete: str) -> list[str]:
    """Frame ids starting with what was typed."""
    return _ids(ctx, "frame", incomplete)


def complete_actor(ctx: typer.Context, incomplete: str) -> list[str]:
    """Actor ids starting with what was typed."""
    return _ids(ctx, "actor", incomplete)


def complete_event(ctx: typer.Context, incomplete: str) -> list[str]:
    """Event ids starting with what was typed."""
    return _ids(ctx, "event", incomplete)
