"""The client side of a cluster run: connect, plan partitions, submit the missing ones, report.

The driver holds no article data: it lists inputs, sends partition descriptions, and receives a
small summary per partition. Dask reschedules the task of a worker that dies; because a task
writes its files atomically under names fixed by its input, a rescheduled task replaces
nothing a reader could have seen and adds nothing twice.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from newsgraph.cluster.layout import Output
from newsgraph.cluster.partitions import PARTITION_BYTES, Partition, plan
from newsgraph.errors import InputError, NewsgraphError
from newsgraph.progress import track

#: Attempts at a partition whose task raised (a worker dying is retried by the scheduler anyway).
RETRIES = 2


#: Settings for ``local:N``: the workers share the machine with the scheduler and the nannies,
#: and no dashboard is served, so the statistical profiler (a stack sample every 10 ms), the
#: 20 ms event-loop tick monitor and the 100 ms memory polls only take CPU from extraction
#: (together about 15% of a core on an idle 2-worker cluster). The nannies pass these settings
#: on to their workers.
LOCAL_CLUSTER_CONFIG = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "1s",
    "distributed.admin.system-monitor.interval": "5s",
    "distributed.worker.memory.monitor-interval": "1s",
}


class ClusterError(NewsgraphError):
    """The cluster cannot be reached or started, or the output cannot be used."""


@dataclass
class RunSummary:
    """What a cluster extraction did, for the CLI's closing line and for benchmarks."""

    output: str
    planned: int = 0
    written: int = 0
    skipped: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    articles: int = 0
    events: int = 0
    problems: list[InputError] = field(default_factory=list)
    partitions: list[dict[str, Any]] = field(default_factory=list)

    @property
    def fatal_problems(self) -> int:
        return sum(p.fatal for p in self.problems) + len(self.failed)


@contextmanager
def connect(cluster: str) -> Iterator[Any]:
    """A ``distributed.Client`` for ``local:N`` (a new LocalCluster) or a scheduler address."""
    import dask
    from distributed import Client, LocalCluster

    local = re.fullmatch(r"local:(\d+)", cluster)
    if local:
        workers = int(local.group(1))
        if workers < 1:
            raise ClusterError("local:N needs at least one worker")
        with dask.config.set(LOCAL_CLUSTER_CONFIG):
            local_cluster = LocalCluster(
                n_workers=workers,
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
                silence_logs=logging.ERROR,
            )
        with (
            local_cluster,
            Client(local_cluster) as client,
        ):
            yield client
        return
    if not re.fullmatch(r"(\w+://)?[\w.\-\[\]:]+:\d+", cluster):
        raise ClusterError(f"--cluster {cluster!r}: expected local:N or a scheduler host:port")
    address = cluster if "://" in cluster else f"tcp://{cluster}"
    try:
        client = Client(address, timeout="20s")
    except OSError as exc:
        raise ClusterError(f"cannot reach the Dask scheduler at {address} ({exc})") from None
    with client:
        yield client


def register(client: Any, plugin: Any, attempts: int = 3) -> None:
    """Register a worker plugin, riding out a worker that is restarting (its stream closed)."""
    for attempt in range(attempts):
        try:
            client.register_plugin(plugin)
            return
        except OSError:  # distributed's CommClosedError is one
            if attempt == attempts - 1:
                raise
            time.sleep(1 + attempt)


def check_cuts(output: Output, partitions: list[Partition]) -> None:
    """Refuse to mix partitions of one input cut two ways (that would duplicate articles)."""
    planned = {p.name for p in partitions}
    prefixes = {p.name.rsplit("-", 2)[0] for p in partitions}
    for name in output.complete_partitions() - planned:
        if name.rsplit("-", 2)[0] in prefixes:
            raise ClusterError(
                f"{output.url} already holds partition {name} of the same input cut differently "
                "(another --partition-size, or the file changed); write to a new --output"
            )


def extract_to_parquet(
    client: Any,
    inputs: Iterable[str],
    output: str,
    *,
    model: str | None = None,
    published: str | None = None,
    partition_bytes: int = PARTITION_BYTES,
    on_done: Callable[[dict[str, Any]], None] | None = None,
) -> RunSummary:
    """Extract ``inputs`` on the cluster behind ``client`` into Parquet tables under ``output``."""
    from distributed import as_completed

    from newsgraph.cluster.worker import PipelinePlugin, extract_partition

    out = Output(output)
    partitions, problems = plan(inputs, partition_bytes=partition_bytes)
    summary = RunSummary(output=out.url, planned=len(partitions), problems=problems)
    check_cuts(out, partitions)
    out.record_plan(partitions)
    done = out.complete_partitions()
    todo = [p for p in partitions if p.name not in done]
    summary.skipped = len(partitions) - len(todo)
    if not todo:
        return summary
    register(client, PipelinePlugin(model))
    futures = client.map(
        extract_partition,
        todo,
        output=out.url,
        model=model,
        published=published,
        key=[f"newsgraph-extract-{p.name}" for p in todo],
        retries=RETRIES,
        pure=False,
    )
    names = {future.key: p.name for future, p in zip(futures, todo, strict=True)}
    completed = as_completed(futures, with_results=True, raise_errors=False)
    for future, result in track(completed, "extracting", total=len(todo), unit="partitions"):
        if future.status != "finished":
            summary.failed.append((names[future.key], f"{type(result).__name__}: {result}"))
            continue
        summary.partitions.append(result)
        if result["skipped"]:
            summary.skipped += 1
            continue
        summary.written += 1
        summary.articles += result["articles"]
        summary.events += result["events"]
        summary.problems.extend(InputError(w, p, fatal=f) for w, p, f in result["problems"])
        if on_done is not None:
            on_done(result)
    out.remove_temporary()
    return summary
