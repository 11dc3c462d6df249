"""newsgraph: who did what to whom, when, where, and who says so.

Reads news about states, armies and governments and turns it into PLOVER 0.8 events,
coded actors and attributed claims, merged across articles in an SQLite store.
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
