"""Stage: store. An SQLite knowledge base of articles, merged events, claims and entities."""

from newsgraph.store.schema import StoreError
from newsgraph.store.store import IngestStats, Store, open_store

__all__ = ["IngestStats", "Store", "StoreError", "open_store"]
