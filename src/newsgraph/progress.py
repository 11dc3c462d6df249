"""Progress bars for long work: shown on a terminal, silent when output is piped."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")


def on_terminal() -> bool:
    """True when both stdout and stderr are terminals (nothing extra when piped)."""
    return sys.stdout.isatty() and sys.stderr.isatty()


def track(
    items: Iterable[T], description: str, *, total: int | None = None, unit: str = "articles"
) -> Iterator[T]:
    """Yield ``items`` unchanged, with a rich progress bar (count and rate) on a terminal."""
    if not on_terminal():
        yield from items
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
    )

    columns = [
        SpinnerColumn(),
        TextColumn("[progress.description]{task.description}"),
        BarColumn() if total else TextColumn(""),
        MofNCompleteColumn() if total else TextColumn("{task.completed} " + unit),
        TextColumn("{task.fields[rate]}"),
        TimeElapsedColumn(),
    ]
    with Progress(*columns, console=Console(stderr=True), transient=False) as progress:
        task = progress.add_task(description, total=total, rate="")
        for item in items:
            yield item
            elapsed = progress.tasks[0].elapsed or 0.0
            done = progress.tasks[0].completed + 1
            rate = f"{done / elapsed:.1f} {unit}/s" if elapsed > 0 else ""
            progress.update(task, advance=1, rate=rate)
