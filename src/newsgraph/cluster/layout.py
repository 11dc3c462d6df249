"""Where a cluster run's output lives, and how it is written so that no reader sees half a file.

    DIR/articles/<partition>.parquet      one file per table per input partition
    DIR/entities/<partition>.parquet
    ...
    DIR/_manifest.jsonl                   partitions in input order, appended by the driver

``DIR`` may be a local path or any fsspec URL. Each file is written under a temporary name
starting with ``.`` (which Parquet readers skip) and renamed into place; the ``articles`` file is
renamed last, so a partition whose ``articles`` file exists is complete. A worker killed
half-way leaves only temporary files; the partition is redone under the same names, so nothing
is lost and nothing is written twice.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable

import fsspec
import pyarrow as pa
import pyarrow.parquet as pq
from fsspec import AbstractFileSystem

from newsgraph.cluster.partitions import Partition
from newsgraph.cluster.schema import TABLES

MANIFEST = "_manifest.jsonl"
#: The table whose file marks a partition as complete; written last.
COMPLETION_TABLE = "articles"


class Output:
    """An output directory of Parquet tables (local or remote)."""

    def __init__(self, url: str) -> None:
        self.fs: AbstractFileSystem
        self.fs, self.root = fsspec.core.url_to_fs(url)
        self.root = self.root.rstrip("/")
        self.url = self.fs.unstrip_protocol(self.root)

    def path(self, table: str, partition: str) -> str:
        return f"{self.root}/{table}/{partition}.parquet"

    def is_complete(self, partition: str) -> bool:
        return bool(self.fs.exists(self.path(COMPLETION_TABLE, partition)))

    def complete_partitions(self) -> set[str]:
        """Names of the partitions fully written (one listing, not one request per partition)."""
        folder = f"{self.root}/{COMPLETION_TABLE}"
        if not self.fs.exists(folder):
            return set()
        names = (name.rsplit("/", 1)[-1] for name in self.fs.ls(folder, detail=False))
        return {n.removesuffix(".parquet") for n in names if n.endswith(".parquet")}

    def write_partition(self, partition: str, tables: dict[str, pa.Table]) -> None:
        """Write every table of a partition, each atomically, the completion table last."""
        for table in [t for t in TABLES if t != COMPLETION_TABLE] + [COMPLETION_TABLE]:
            self.write_table(table, partition, tables[table])

    def remove_temporary(self) -> int:
        """Delete leftovers of killed tasks; call only when no task of this output is running."""
        removed = 0
        for table in TABLES:
            folder = f"{self.root}/{table}"
            if not self.fs.exists(folder):
                continue
            for name in self.fs.ls(folder, detail=False):
                if name.rsplit("/", 1)[-1].startswith(".") and name.endswith(".tmp"):
                    self.fs.rm(name)
                    removed += 1
        return removed

    def write_table(self, table: str, name: str, rows: pa.Table) -> None:
        """One file ``DIR/<table>/<name>.parquet``, written atomically."""
        self.fs.makedirs(f"{self.root}/{table}", exist_ok=True)
        temporary = f"{self.root}/{table}/.{name}.{uuid.uuid4().hex}.tmp"
        with self.fs.open(temporary, "wb") as handle:
            pq.write_table(rows, handle, compression="zstd")
        self.fs.mv(temporary, self.path(table, name))

    def clear_tables(self, tables: Iterable[str]) -> None:
        """Remove whole tables (a merge rewrites its output from scratch)."""
        for table in tables:
            if self.fs.exists(f"{self.root}/{table}"):
                self.fs.rm(f"{self.root}/{table}", recursive=True)

    def read(self, table: str, partition: str, columns: list[str] | None = None) -> pa.Table:
        with self.fs.open(self.path(table, partition), "rb") as handle:
            return pq.read_table(handle, columns=columns)

    def read_partition(self, partition: str) -> dict[str, pa.Table]:
        return {table: self.read(table, partition) for table in TABLES}

    # -- the manifest: partitions in the order their inputs were given -------------------------

    def manifest(self) -> list[dict]:
        path = f"{self.root}/{MANIFEST}"
        if not self.fs.exists(path):
            return []
        with self.fs.open(path, "rt", encoding="utf-8") as handle:
            return [json.loads(line) for line in handle if line.strip()]

    def record_plan(self, partitions: Iterable[Partition]) -> None:
        """Add the partitions not yet listed, keeping earlier runs' order first."""
        listed = {entry["partition"] for entry in self.manifest()}
        new = [p for p in partitions if p.name not in listed]
        if not new:
            return
        path = f"{self.root}/{MANIFEST}"
        self.fs.makedirs(self.root, exist_ok=True)
        lines = "".join(
            json.dumps({"partition": p.name, "url": p.url, "start": p.start, "end": p.end}) + "\n"
            for p in new
        )
        old = self.fs.cat_file(path).decode("utf-8") if self.fs.exists(path) else ""
        temporary = f"{self.root}/.{MANIFEST}.{uuid.uuid4().hex}.tmp"
        self.fs.pipe_file(temporary, (old + lines).encode("utf-8"))
        self.fs.mv(temporary, path)

    def ordered_partitions(self) -> list[str]:
        """Complete partitions in input order: the manifest's order, then any others by name."""
        complete = self.complete_partitions()
        ordered = [e["partition"] for e in self.manifest() if e["partition"] in complete]
        return ordered + sorted(complete - set(ordered))
