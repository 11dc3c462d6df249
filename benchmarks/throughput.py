"""Throughput and memory of ``newsgraph extract`` against the bare spaCy parse, in one run.

    .venv/bin/python benchmarks/throughput.py                  # speed: >= 200 articles
    .venv/bin/python benchmarks/throughput.py --memory 20000   # peak RSS of the CLI on 20k

Speed: the same texts go through ``nlp.pipe(texts, n_process=N)`` with the bare model and
through ``newsgraph.extract.extract_records(..., workers=N)`` (records serialised to JSON
as the CLI does); both start with the model loaded in the parent. The ratio of the two
times is the cost of newsgraph's components (target <= 1.3).

Memory: the real CLI (``newsgraph extract FILE > /dev/null``) on a generated JSONL file,
sampling the resident memory of its whole process tree; run at two input sizes to show
memory is flat in input size (target < 1 GiB).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "examples" / "corpus" / "articles.jsonl"


def load_corpus(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def repeated(articles: list[dict], count: int) -> list[dict]:
    """``count`` articles cycling through the corpus, each with a new id."""
    return [
        {**articles[i % len(articles)], "id": f"{articles[i % len(articles)]['id']}-r{i}"}
        for i in range(count)
    ]


def measure_speed(articles: list[dict], workers: int, model: str | None) -> dict:
    from newsgraph.extract import extract_records
    from newsgraph.ingest.readers import make_article
    from newsgraph.nlp import load, load_model

    texts = [a["text"] for a in articles]
    words = sum(len(t.split()) for t in texts)

    bare = load_model(model)
    start = time.perf_counter()
    for _ in bare.pipe(texts, n_process=workers, batch_size=16):
        pass
    bare_seconds = time.perf_counter() - start

    load(model)  # loaded before timing, as the bare model is
    items = [
        item
        for a in articles
        for item in make_article("bench", id=a["id"], text=a["text"], published=a.get("published"))
    ]
    start = time.perf_counter()
    events = 0
    for record in extract_records(items, model=model, workers=workers):
        json.dumps(record, ensure_ascii=False)
        events += len(record["events"])
    newsgraph_seconds = time.perf_counter() - start
    return {
        "articles": len(articles),
        "words": words,
        "workers": workers,
        "events": events,
        "bare_spacy_seconds": round(bare_seconds, 2),
        "newsgraph_seconds": round(newsgraph_seconds, 2),
        "articles_per_second": round(len(articles) / newsgraph_seconds, 1),
        "words_per_second": round(words / newsgraph_seconds),
        "bare_words_per_second": round(words / bare_seconds),
        "ratio_to_bare_parse": round(newsgraph_seconds / bare_seconds, 3),
    }


def measure_memory(articles: list[dict], count: int, workers: int) -> dict:
    """Peak resident memory (whole process tree) of the CLI on ``count`` articles."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.jsonl"
        with path.open("w", encoding="utf-8") as out:
            for i in range(count):
                base = articles[i % len(articles)]
                out.write(json.dumps({**base, "id": f"m{i}"}, ensure_ascii=False) + "\n")
        command = [str(ROOT / ".venv" / "bin" / "newsgraph"), "extract", str(path),
                   "--workers", str(workers)]  # fmt: skip
        start = time.perf_counter()
        with open("/dev/null", "w") as devnull:
            process = psutil.Popen(command, stdout=devnull, stderr=subprocess.PIPE)
            peak = 0
            while process.poll() is None:
                try:
                    tree = [process, *process.children(recursive=True)]
                    peak = max(peak, sum(p.memory_info().rss for p in tree if p.is_running()))
                except psutil.Error:
                    pass
                time.sleep(0.2)
        seconds = time.perf_counter() - start
        if process.returncode:
            sys.exit(f"extract failed: {process.stderr.read().decode()[-500:]}")
    return {
        "articles": count,
        "workers": workers,
        "seconds": round(seconds, 1),
        "peak_rss_mib": round(peak / 2**20),
        "articles_per_second": round(count / seconds, 1),
    }


def main() -> None:
    from newsgraph.extract import default_workers

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--input", type=Path, default=CORPUS, help="JSONL corpus to cycle")
    parser.add_argument("--articles", type=int, default=240, help="articles for the speed run")
    parser.add_argument("--workers", type=int, default=default_workers())
    parser.add_argument("--model", default=None)
    parser.add_argument(
        "--memory",
        type=int,
        nargs="*",
        metavar="N",
        help="also measure peak memory of the CLI on N-article inputs",
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()

    corpus = load_corpus(args.input)
    results: dict = {
        "speed": measure_speed(repeated(corpus, args.articles), args.workers, args.model)
    }
    if args.memory:
        results["memory"] = [measure_memory(corpus, n, args.workers) for n in args.memory]
    if args.json:
        print(json.dumps(results, indent=2))
        return
    speed = results["speed"]
    print(
        f"corpus: {speed['articles']} articles, {speed['words']:,} words, "
        f"{speed['workers']} worker(s), {speed['events']} events"
    )
    print(
        f"bare spaCy nlp.pipe: {speed['bare_spacy_seconds']} s "
        f"({speed['bare_words_per_second']:,} words/s)"
    )
    print(
        f"newsgraph extract:   {speed['newsgraph_seconds']} s "
        f"({speed['words_per_second']:,} words/s, {speed['articles_per_second']} articles/s)"
    )
    print(f"ratio to bare parse: {speed['ratio_to_bare_parse']} (target <= 1.3)")
    for row in results.get("memory", []):
        print(
            f"peak memory, {row['articles']:,} articles: {row['peak_rss_mib']} MiB "
            f"in {row['seconds']} s ({row['articles_per_second']} articles/s)"
        )


if __name__ == "__main__":
    main()
