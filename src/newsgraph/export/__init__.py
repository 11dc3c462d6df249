"""Stage: export. The store's merged events in formats other tools read.

- ``plover``: PLOVER JSONL, one merged event per line, with the manual's field names.
- ``cameo``: TSV in the Phoenix column layout (one row per actor-recipient dyad).
- ``csv``: one row per merged event, for spreadsheets.
- ``graphml``: the actor network (networkx) for Gephi.
- ``ftm``: FollowTheMoney entities (JSON lines) that Aleph can load.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from newsgraph.store import Store

FORMATS = ("plover", "cameo", "csv", "graphml", "ftm")


def export(store: Store, format: str, out: TextIO) -> int:
    """Write the store to ``out`` in ``format``; returns the number of records written."""
    if format == "plover":
        from newsgraph.export.plover import write_plover

        return write_plover(store, out)
    if format == "cameo":
        from newsgraph.export.cameo import write_cameo

        return write_cameo(store, out)
    if format == "csv":
        from newsgraph.export.tabular import write_csv

        return write_csv(store, out)
    if format == "graphml":
        from newsgraph.export.graph import write_graphml

        return write_graphml(store, out)
    if format == "ftm":
        from newsgraph.export.ftm import write_ftm

        return write_ftm(store, out)
    raise ValueError(f"unknown export format {format!r} (choose from {', '.join(FORMATS)})")


__all__ = ["FORMATS", "export"]
