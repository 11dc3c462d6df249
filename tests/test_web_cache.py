"""The web server's answer cache is dropped as soon as the store file or its WAL changes."""

from __future__ import annotations

import os
from pathlib import Path

from newsgraph.web.cache import StoreCache


def test_answers_are_kept_until_the_store_or_its_wal_changes(tmp_path: Path) -> None:
    db = tmp_path / "store.db"
    db.write_bytes(b"one")
    cache = StoreCache(db, size=2)
    calls: list[str] = []

    def compute(tag: str):
        return lambda: calls.append(tag) or f"answer {len(calls)}"

    assert cache.get("a", compute("a")) == "answer 1"
    assert cache.get("a", compute("a")) == "answer 1"
    assert calls == ["a"]

    (tmp_path / "store.db-wal").write_bytes(b"a write")  # an ingest appends to the WAL
    assert cache.get("a", compute("a")) == "answer 2"

    db.write_bytes(b"checkpointed")
    os.utime(db, ns=(1, 1))
    assert cache.get("a", compute("a")) == "answer 3"
    assert calls == ["a", "a", "a"]


def test_the_cache_keeps_only_the_most_recent_answers(tmp_path: Path) -> None:
    db = tmp_path / "store.db"
    db.write_bytes(b"x")
    cache = StoreCache(db, size=2)
    for key in ("a", "b", "c"):
        cache.get(key, lambda key=key: key)
    computed: list[str] = []
    cache.get("a", lambda: computed.append("a") or "a")
    cache.get("c", lambda: computed.append("c") or "c")
    assert computed == ["a"]
