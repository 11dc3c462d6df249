"""Answers of the costly whole-store queries, kept until the store file changes.

The web server only reads; ``newsgraph ingest`` may write meanwhile. Every write touches the
store file or its WAL, so their sizes and modification times are the version a cached answer
is good for: no SQL is needed to tell whether the store changed.
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import Any


class StoreCache:
    """A small LRU of answers, emptied whenever the store file (or its WAL) changes."""

    def __init__(self, db_path: str | Path, size: int = 512) -> None:
        self.files = [Path(f"{db_path}{suffix}") for suffix in ("", "-wal")]
        self.size = size
        self._answers: OrderedDict[Hashable, Any] = OrderedDict()
        self._version: tuple = ()
        self._lock = threading.Lock()

    def version(self) -> tuple:
        stamps = []
        for path in self.files:
            try:
                stat = os.stat(path)
            except OSError:
                stamps.append(None)
            else:
                stamps.append((stat.st_size, stat.st_mtime_ns))
        return tuple(stamps)

    def get(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        """The answer for ``key``, computed by ``compute()`` unless a current one is kept."""
        version = self.version()
        with self._lock:
            if version != self._version:
                self._answers.clear()
                self._version = version
            elif key in self._answers:
                self._answers.move_to_end(key)
                return self._answers[key]
        answer = compute()
        with self._lock:
            if version == self._version:
                self._answers[key] = answer
                while len(self._answers) > self.size:
                    self._answers.popitem(last=False)
        return answer


class CachedStore:
    """A ``Store`` whose read methods answer from a ``StoreCache``.

    Pages and API routes call it exactly as they would call the store; an answer is reused
    until an ingest changes the file. Answers are shared between requests: callers copy
    before changing anything (none needs to).
    """

    READS = frozenset(
        [
            "stats",
            "events",
            "count_events",
            "event",
            "timeline",
            "network",
            "claims",
            "contradictions",
            "entities",
            "entity",
            "articles",
            "article",
            "search",
        ]
    )

    def __init__(self, store: Any, cache: StoreCache) -> None:
        self.store = store
        self.cache = cache

    def __getattr__(self, name: str) -> Any:
        method = getattr(self.store, name)
        if name not in self.READS:
            return method

        def read(*args: Any, **kwargs: Any) -> Any:
            key = (name, args, tuple(sorted(kwargs.items())))
            return self.cache.get(key, lambda: method(*args, **kwargs))

        return read
