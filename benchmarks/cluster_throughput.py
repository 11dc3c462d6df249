"""Throughput of ``newsgraph extract --cluster`` on 1 and 2 local workers, against one process.

    .venv/bin/python benchmarks/cluster_throughput.py                 # 240 articles
    .venv/bin/python benchmarks/cluster_throughput.py --articles 960 --json

The same JSONL file (the example corpus cycled to ``--articles``, each copy with a new id) goes
through:
- single-process ``newsgraph.extract.extract_records(..., workers=1)``, reading included;
- ``extract_to_parquet`` on a LocalCluster of 1, then 2, worker processes (one thread each),
  the pipeline already loaded by the worker plugin, Parquet writing included.

Reported: articles/s and words/s of each; the speed-up of 2 workers over 1 (target >= 1.8);
cluster overhead per partition ((1-worker cluster time - single-process time) / partitions);
peak resident memory per worker process; CPU seconds per article; and the arithmetic of the
number of workers needed to backfill 50 million articles in a day.
"""

from __future__ import annotations

import argparse
import json
import math
import tempfile
import time
from pathlib import Path

from throughput import CORPUS, load_corpus, repeated

#: The backfill the estimate is for.
BACKFILL_ARTICLES = 50_000_000
SECONDS_PER_DAY = 86_400
#: Typical length of a wire/news article, for scaling from this corpus's shorter articles.
TYPICAL_ARTICLE_WORDS = 600
#: Worker processes per node in the estimate (a 16-core node with 16 GB).
WORKERS_PER_NODE = 16


def write_input(articles: list[dict], path: Path) -> int:
    """The articles as JSONL; returns their total number of words."""
    with path.open("w", encoding="utf-8") as out:
        for article in articles:
            out.write(json.dumps(article, ensure_ascii=False) + "\n")
    return sum(len(a["text"].split()) for a in articles)


def warm_up(model: str | None) -> None:
    """Load the pipeline and run it once, so no timed run pays imports or lazy first-use setup."""
    import newsgraph.cluster.worker  # noqa: F401
    from newsgraph.extract import annotate
    from newsgraph.ingest.readers import make_article
    from newsgraph.nlp import load

    text = "Chad and Niger agreed on Monday to hold joint patrols, the ministry said."
    annotate(load(model), [a for a in make_article("warm-up", id="w", text=text)])


def single_process(path: Path, model: str | None) -> dict:
    from newsgraph.extract import extract_records
    from newsgraph.ingest import iter_articles

    warm_up(model)  # loaded and run once before timing, as on the workers
    wall, cpu = time.perf_counter(), time.process_time()
    count = sum(
        1
        for r in extract_records(iter_articles([str(path)]), model=model, workers=1)
        if isinstance(r, dict)
    )
    return {
        "articles": count,
        "seconds": time.perf_counter() - wall,
        "cpu_seconds": time.process_time() - cpu,
    }


def on_cluster(path: Path, workers: int, partition_bytes: int, model: str | None) -> dict:
    from newsgraph.cluster.driver import connect, extract_to_parquet, register
    from newsgraph.cluster.worker import PipelinePlugin

    with connect(f"local:{workers}") as client, tempfile.TemporaryDirectory() as tmp:
        register(client, PipelinePlugin(model))
        client.run(warm_up, model)
        start = time.perf_counter()
        summary = extract_to_parquet(
            client, [str(path)], tmp, model=model, partition_bytes=partition_bytes
        )
        seconds = time.perf_counter() - start
    if summary.failed:
        raise SystemExit(f"partitions failed: {summary.failed}")
    peaks: dict[int, int] = {}
    for part in summary.partitions:
        peaks[part["pid"]] = max(peaks.get(part["pid"], 0), part["peak_rss_bytes"])
    return {
        "workers": workers,
        "articles": summary.articles,
        "partitions": summary.written,
        "seconds": seconds,
        "task_seconds": sum(p["seconds"] for p in summary.partitions),
        "task_cpu_seconds": sum(p["cpu_seconds"] for p in summary.partitions),
        "peak_rss_mib_per_worker": sorted(round(v / 2**20) for v in peaks.values()),
    }


def estimate(per_worker_articles_s: float, per_worker_words_s: float) -> dict:
    """Workers (and 16-worker nodes) for 50 million articles in 24 hours, with the arithmetic."""
    needed = BACKFILL_ARTICLES / SECONDS_PER_DAY
    workers = math.ceil(needed / per_worker_articles_s)
    typical_rate = per_worker_words_s / TYPICAL_ARTICLE_WORDS
    typical_workers = math.ceil(needed / typical_rate)
    return {
        "articles_per_second_needed": round(needed, 1),
        "workers_at_this_corpus_length": workers,
        "nodes_at_this_corpus_length": math.ceil(workers / WORKERS_PER_NODE),
        "workers_at_600_word_articles": typical_workers,
        "nodes_at_600_word_articles": math.ceil(typical_workers / WORKERS_PER_NODE),
        "arithmetic": (
            f"{BACKFILL_ARTICLES:,} articles / {SECONDS_PER_DAY:,} s = {needed:.1f} articles/s; "
            f"one worker does {per_worker_articles_s:.2f} articles/s here -> "
            f"{needed:.1f} / {per_worker_articles_s:.2f} = {workers} workers "
            f"({math.ceil(workers / WORKERS_PER_NODE)} nodes of {WORKERS_PER_NODE}); "
            f"at {TYPICAL_ARTICLE_WORDS}-word articles one worker does "
            f"{per_worker_words_s:,.0f} / {TYPICAL_ARTICLE_WORDS} = {typical_rate:.2f} articles/s "
            f"-> {typical_workers} workers "
            f"({math.ceil(typical_workers / WORKERS_PER_NODE)} nodes)"
        ),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--input", type=Path, default=CORPUS, help="JSONL corpus to cycle")
    parser.add_argument("--articles", type=int, default=240)
    parser.add_argument(
        "--per-partition", type=int, default=12, help="articles per partition (about)"
    )
    parser.add_argument("--model", default=None)
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()

    articles = repeated(load_corpus(args.input), args.articles)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.jsonl"
        words = write_input(articles, path)
        partition_bytes = max(1, path.stat().st_size * args.per_partition // len(articles))
        single = single_process(path, args.model)
        one = on_cluster(path, 1, partition_bytes, args.model)
        two = on_cluster(path, 2, partition_bytes, args.model)

    def rate(run: dict) -> float:
        return run["articles"] / run["seconds"]

    results = {
        "articles": len(articles),
        "words": words,
        "partitions": one["partitions"],
        "single_process": {**single, "articles_per_second": rate(single)},
        "cluster_1_worker": {**one, "articles_per_second": rate(one)},
        "cluster_2_workers": {**two, "articles_per_second": rate(two)},
        "speedup_2_over_1": rate(two) / rate(one),
        "cluster_1_over_single": rate(one) / rate(single),
        "overhead_seconds_per_partition": (one["seconds"] - single["seconds"]) / one["partitions"],
        "cpu_seconds_per_article": single["cpu_seconds"] / single["articles"],
        "cluster_cpu_seconds_per_article": two["task_cpu_seconds"] / two["articles"],
    }
    per_worker = rate(two) / 2
    results["estimate"] = estimate(per_worker, per_worker * words / len(articles))
    cpu_workers = math.ceil(
        BACKFILL_ARTICLES / SECONDS_PER_DAY * results["cluster_cpu_seconds_per_article"]
    )
    results["estimate"]["workers_from_cpu_time"] = cpu_workers
    if args.json:
        print(json.dumps(results, indent=2))
        return
    print(
        f"corpus: {len(articles)} articles, {words:,} words "
        f"({words / len(articles):.0f} words/article), {one['partitions']} partitions"
    )
    for label, run in (
        ("single process", single),
        ("cluster, 1 worker", one),
        ("cluster, 2 workers", two),
    ):
        print(
            f"{label:>20}: {run['seconds']:.1f} s, {rate(run):.2f} articles/s, "
            f"{rate(run) * words / len(articles):,.0f} words/s"
        )
    print(f"speed-up 2 workers / 1 worker: {results['speedup_2_over_1']:.2f} (target >= 1.8)")
    print(f"1-worker cluster / single process: {results['cluster_1_over_single']:.2f}")
    print(
        f"cluster overhead per partition: {results['overhead_seconds_per_partition'] * 1000:.0f} ms"
    )
    print(
        f"CPU per article: single process {results['cpu_seconds_per_article'] * 1000:.0f} ms, "
        f"in cluster tasks {results['cluster_cpu_seconds_per_article'] * 1000:.0f} ms"
    )
    print(
        f"peak RSS per worker: 1 worker {one['peak_rss_mib_per_worker']} MiB, "
        f"2 workers {two['peak_rss_mib_per_worker']} MiB"
    )
    print("50M articles in a day: " + results["estimate"]["arithmetic"])
    print(
        f"from CPU time (dedicated cores): {BACKFILL_ARTICLES / SECONDS_PER_DAY:.1f} articles/s * "
        f"{results['cluster_cpu_seconds_per_article']:.3f} CPU s/article = {cpu_workers} cores busy"
    )


if __name__ == "__main__":
    main()
