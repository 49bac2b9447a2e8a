"""``uscn help [TOPIC]``: the reader's manual, one topic at a time, paged like every other view."""

from __future__ import annotations

from typing import Annotated

import typer

from usc_cli.commands.output import terminal_width, write_stdout


def _complete_topic(incomplete: str) -> list[str]:
    from usc_cli import topics

    return [name for name in topics.names() if name.startswith(incomplete)]


def help_topic(
    topic: Annotated[
        str | None,
        typer.Argument(metavar="[TOPIC]", help="A topic; none lists them all.", autocompletion=_complete_topic),
    ] = None,
) -> None:
    """The manual: attribution, data, formats, exit codes, …

    Without TOPIC, the list of topics with a line on each.

    \b
    Examples:
      uscn help
      uscn help attribution
      uscn help exit-codes
    """
    from usc_cli import topics
    from usc_cli.errors import NotFoundError
    from usc_cli.render.topics import topic_text, topics_list

    if topic is None:
        write_stdout(topics_list([(name, topics.summary(name)) for name in topics.names()]))
        return
    try:
        source = topics.text(topic.lower())
    except KeyError:
        close = [name for name in topics.names() if topic.lower()[:3] in name]
        raise NotFoundError("help topic", topic, close or topics.names()) from None
    write_stdout(topic_text(source, terminal_width()))
