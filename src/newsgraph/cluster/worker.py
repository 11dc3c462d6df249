"""What runs on a Dask worker: the pipeline loaded once, and one partition extracted per task.

A task reads its partition with the single-process readers (``newsgraph.ingest.readers``),
runs the single-process extractor (``newsgraph.extract.extract_records``, in this worker
process) and writes the partition's tables. Nothing here decides what an event is.
"""

from __future__ import annotations

import os
import resource
import shutil
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import fsspec
from distributed import WorkerPlugin

from newsgraph.cluster.layout import Output
from newsgraph.cluster.partitions import Partition, jsonl_lines
from newsgraph.cluster.schema import tables_from_results
from newsgraph.errors import InputError
from newsgraph.ingest.readers import Item, read_jsonl_stream, read_path


class PipelinePlugin(WorkerPlugin):
    """Loads the newsgraph pipeline when a worker starts (also on workers that join later)."""

    #: Registering it again (a re-run on the same cluster) is a no-op for the scheduler.
    idempotent = True

    def __init__(self, model: str | None) -> None:
        self.model = model
        self.name = f"newsgraph-pipeline-{model or 'default'}"

    def setup(self, worker: Any) -> None:
        from newsgraph.nlp import load

        load(self.model)  # cached for the life of the worker process


def read_partition(partition: Partition, published: str | None) -> Iterator[Item]:
    """Articles and reading problems of one partition, as the single-process readers give them."""
    fs, path = fsspec.core.url_to_fs(partition.url)
    local = "file" in (fs.protocol if isinstance(fs.protocol, tuple) else (fs.protocol,))
    if partition.kind == "jsonl":
        where = path if local else partition.url
        if partition.start > 0:
            where += f"@{partition.start}"  # line numbers count from the start of the range
        yield from read_jsonl_stream(jsonl_lines(partition), where)
    elif local:
        yield from read_path(Path(path), published)
    else:
        # the readers take a local file; fetch it under its own name so ids stay the file name
        folder = tempfile.mkdtemp(prefix="newsgraph-")
        try:
            copy = Path(folder, Path(path).name)
            fs.get_file(path, str(copy))
            for item in read_path(copy, published):
                if isinstance(item, InputError) and item.where.startswith(str(copy)):
                    where = partition.url + item.where[len(str(copy)) :]
                    item = InputError(where, item.problem, fatal=item.fatal)
                yield item
        finally:
            shutil.rmtree(folder, ignore_errors=True)


def extract_partition(
    partition: Partition, output: str, model: str | None, published: str | None
) -> dict[str, Any]:
    """Extract one partition into ``output`` unless it is already there; return a summary."""
    from newsgraph.extract import extract_records

    started, cpu = time.perf_counter(), time.process_time()
    out = Output(output)
    skipped = out.is_complete(partition.name)
    summary: dict[str, Any] = {"partition": partition.name, "skipped": skipped}
    if not summary["skipped"]:
        try:
            items = list(read_partition(partition, published))
        except OSError as exc:
            items = [InputError(partition.url, f"cannot read ({type(exc).__name__}: {exc})")]
        results = list(extract_records(items, model=model, workers=1))
        tables = tables_from_results(partition.name, results)
        out.write_partition(partition.name, tables)
        summary.update(
            articles=tables["articles"].num_rows,
            events=tables["events"].num_rows,
            problems=[(p.where, p.problem, p.fatal) for p in results if isinstance(p, InputError)],
        )
    summary.update(
        seconds=time.perf_counter() - started,
        cpu_seconds=time.process_time() - cpu,
        pid=os.getpid(),
        peak_rss_bytes=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
    )
    return summary
