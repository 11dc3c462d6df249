"""Opening the SQLite file: WAL mode, versioned schema, ordered migrations.

The schema version is ``PRAGMA user_version``. Migrations are the ``NNNN_name.sql`` files in
``newsgraph/data/store/migrations``; each runs once, in order, in its own transaction that
also sets the new version, so a crash mid-migration leaves the previous version intact.
"""

from __future__ import annotations

import re
import sqlite3
from functools import cache
from pathlib import Path

from newsgraph.data import data_path
from newsgraph.errors import NewsgraphError

MIGRATIONS_DIR = data_path("store", "migrations")
_MIGRATION_NAME = re.compile(r"^(\d{4})_[\w-]+\.sql$")


class StoreError(NewsgraphError):
    """The store file is missing, not a newsgraph store, corrupt, or from a newer version."""


@cache
def migrations() -> list[tuple[int, str, str]]:
    """``(version, file name, SQL)`` of every migration, in version order."""
    found = []
    for entry in MIGRATIONS_DIR.iterdir():
        match = _MIGRATION_NAME.match(entry.name)
        if match:
            found.append((int(match[1]), entry.name, entry.read_text(encoding="utf-8")))
    found.sort()
    versions = [version for version, _, _ in found]
    if versions != list(range(1, len(found) + 1)):
        raise StoreError(f"store migrations are not numbered 1..n: {versions}")
    return found


def latest_version() -> int:
    return len(migrations())


def connect(
    path: str | Path, *, create: bool = False, readonly: bool = False
) -> sqlite3.Connection:
    """An open, migrated connection to the store at ``path`` (created when ``create``)."""
    path = Path(path)
    if not path.exists() and not create:
        raise StoreError(f"no store at {path} (create one with: newsgraph ingest PATH --db {path})")
    if path.is_dir():
        raise StoreError(f"{path} is a directory, not a store file")
    if readonly and not path.exists():
        raise StoreError(f"no store at {path}")
    try:
        if readonly:
            uri = f"{path.resolve().as_uri()}?mode=ro"
            conn = sqlite3.connect(uri, uri=True, check_same_thread=False, isolation_level=None)
        else:
            conn = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        conn.execute("PRAGMA busy_timeout = 30000")
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if not readonly:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA foreign_keys = OFF")  # integrity is kept by the writer's transactions
        conn.execute("PRAGMA cache_size = -32000")
        conn.execute("PRAGMA temp_store = MEMORY")
        check_store(conn, path, version)
        if not readonly:
            migrate(conn, version)
        elif version < latest_version():
            raise StoreError(
                f"{path} has schema version {version}, this newsgraph needs {latest_version()}: "
                "open it once read-write (e.g. newsgraph stats) to upgrade it"
            )
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{path} is not a readable newsgraph store ({exc})") from None
    conn.row_factory = sqlite3.Row
    return conn


def check_store(conn: sqlite3.Connection, path: Path, version: int) -> None:
    """Refuse files that are SQLite but not ours, or written by a newer newsgraph."""
    if version > latest_version():
        raise StoreError(
            f"{path} has schema version {version}, newer than this newsgraph understands "
            f"({latest_version()}); upgrade newsgraph"
        )
    if version == 0:
        tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        if tables:
            raise StoreError(f"{path} is an SQLite file but not a newsgraph store")


def migrate(conn: sqlite3.Connection, current: int) -> int:
    """Apply every migration newer than ``current``; returns the new version."""
    for version, name, sql in migrations():
        if version <= current:
            continue
        try:
            conn.execute("BEGIN IMMEDIATE")
            # re-read under the write lock: a concurrent process may have migrated already
            if conn.execute("PRAGMA user_version").fetchone()[0] >= version:
                conn.execute("ROLLBACK")
                continue
            for statement in split_statements(sql):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {version:d}")
            conn.execute("COMMIT")
        except sqlite3.Error as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise StoreError(f"migration {name} failed: {exc}") from None
        current = version
    return current


def split_statements(sql: str) -> list[str]:
    """The complete statements of a migration script, in order (comments dropped)."""
    statements, buffer = [], ""
    for line in sql.splitlines(keepends=True):
        if line.lstrip().startswith("--"):
            continue
        buffer += line
        if sqlite3.complete_statement(buffer):
            statements.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        raise StoreError(f"incomplete statement in a migration: {buffer.strip()[:60]!r}")
    return statements
