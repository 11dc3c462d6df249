"""newsgraph: who did what to whom, when, where, and who says so.

Reads news about states, armies and governments and turns it into PLOVER 0.8 events,
coded actors and attributed claims, merged across articles in an SQLite store.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newsgraph.store import Store

__version__ = "0.1.0"

__all__ = ["__version__", "open"]


def open(path: str | Path, *, create: bool = False, readonly: bool = False) -> Store:
    """Open the store at ``path`` (``create=True`` makes it when missing) for queries.

    Raises :class:`newsgraph.store.StoreError` when the file is missing, corrupt or newer.
    """
    from newsgraph.store import open_store

    return open_store(path, create=create, readonly=readonly)
