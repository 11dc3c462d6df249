"""The store at 10,000 articles: ingest rate, peak memory, database size, query latency.

    .venv/bin/python benchmarks/store_scale.py [--count 10000] [--db out/store10k.db]
                                               [--records corpus_records.jsonl] [--reuse]

What it measures. The example corpus is parsed once (``newsgraph extract``, or ``--records``
from an earlier run) and its v1 records are copied ``count`` times over: copy *k* of an article
gets a new id, its text a one-line change (so a new content hash), another outlet from a small
list, and every date (publication, events, claims) moved *k* months on. The parse is therefore
kept out of the measurement: what is timed is the real ``newsgraph ingest --records FILE``
process (JSON decoding, entity resolution, cross-article merging, contradictions, FTS
indexing, commits every 20 articles), with the resident memory of that process sampled.

Queries run through the Python API (``newsgraph.open``) on the finished store: ``events
--actor`` (first 100 merged events with reports), ``timeline`` (a page of 200 events, each
with its first 3 reports) and ``network --actor`` plus the whole ``network``, for the five most
active actors, each repeated; p50/p95 in milliseconds of wall time and of this process's CPU
time (target: each under 200 ms). The CPU figure is what an idle core would give; the wall
figure depends on how busy the machine is, so the 1-minute load average is printed beside it.
One CLI call is timed too, for scale (it adds the Python start-up).

The database stays at ``--db`` for reuse (e.g. by the web UI: ``newsgraph serve --db ...``).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import statistics
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import psutil

import newsgraph

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "examples" / "corpus" / "articles.jsonl"
CLI = (sys.executable, "-m", "newsgraph.cli")
OUTLETS = ("Harbour Times", "Pacific Wire", "Island Post", "Steppe Daily", "Coast Ledger")


def shift_date(value: str | None, months: int) -> str | None:
    """An ISO date (any precision) ``months`` months later, keeping its precision."""
    if not value or len(value) < 4 or not value[:4].isdigit():
        return value
    year = int(value[:4])
    if len(value) == 4:
        return str(year + months // 12)
    month = int(value[5:7]) if len(value) >= 7 else 1
    total = year * 12 + (month - 1) + months
    new_year, new_month = divmod(total, 12)
    if len(value) == 7:
        return f"{new_year:04d}-{new_month + 1:02d}"
    day = int(value[8:10])
    try:
        shifted = date(new_year, new_month + 1, min(day, 28))
    except ValueError:
        return value
    return (shifted + timedelta(days=day - min(day, 28))).isoformat() + value[10:]


def shift_dates(item: dict[str, Any], months: int) -> None:
    when = item.get("date")
    if isinstance(when, dict):
        when["start"] = shift_date(when.get("start"), months)
        when["end"] = shift_date(when.get("end"), months)


def variant(record: dict[str, Any], copy_number: int) -> dict[str, Any]:
    """Copy ``copy_number`` of a record, as another article on later, similar events."""
    new = json.loads(json.dumps(record))
    article = new["article"]
    article["id"] = f"{article['id']}~{copy_number:05d}"
    article["text"] = article.get("text", "") + f"\nUpdated edition {copy_number}."
    article["sha256"] = ""
    article["source"] = OUTLETS[copy_number % len(OUTLETS)]
    article["published"] = shift_date(article.get("published"), copy_number)
    for item in new.get("events", []) + new.get("claims", []):
        shift_dates(item, copy_number)
    return new


def corpus_records(records: Path | None, cache: Path) -> list[dict[str, Any]]:
    if records is None:
        if not cache.exists():
            print(f"parsing {CORPUS} once (newsgraph extract --workers 1) ...", file=sys.stderr)
            with cache.open("wb") as out:
                subprocess.run(
                    [
                        sys.executable,
                        "-m",
                        "newsgraph.cli",
                        "extract",
                        str(CORPUS),
                        "--workers",
                        "1",
                    ],
                    stdout=out,
                    check=True,
                )
        records = cache
    with records.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def write_variants(base: list[dict[str, Any]], count: int, path: Path) -> None:
    with path.open("w", encoding="utf-8") as out:
        for n in range(count):
            out.write(json.dumps(variant(base[n % len(base)], n // len(base)), ensure_ascii=False))
            out.write("\n")


def ingest(records: Path, db: Path) -> dict[str, Any]:
    """Run the real ``newsgraph ingest --records``, sampling its resident memory."""
    command = [sys.executable, "-m", "newsgraph.cli", "ingest", "--records", str(records)]
    started = time.monotonic()
    process = psutil.Popen([*command, "--db", str(db)], stderr=subprocess.PIPE)
    peak = 0
    while process.poll() is None:
        with contextlib.suppress(psutil.Error):
            peak = max(peak, process.memory_info().rss)
        time.sleep(0.05)
    elapsed = time.monotonic() - started
    stderr = process.stderr.read().decode()
    process.stderr.close()
    if process.returncode != 0:
        raise SystemExit(f"ingest failed ({process.returncode}): {stderr}")
    return {"seconds": elapsed, "peak_rss_mib": peak / 2**20, "message": stderr.strip()}


def percentiles(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {"p50_ms": round(statistics.median(ordered), 1), "p95_ms": round(p95, 1)}


def query_latency(db: Path, repeats: int) -> dict[str, Any]:
    with newsgraph.open(db, readonly=True) as store:
        actors = [node["id"] for node in store.network()["nodes"][:5]]
        queries = {
            "events --actor": lambda a: store.events(a),
            "timeline --actor": lambda a: store.timeline(a),
            "network --actor": lambda a: store.network(a),
            "network (all)": lambda a: store.network(),
        }
        results: dict[str, Any] = {"actors": actors}
        for name, run in queries.items():
            samples, cpu, sizes = [], [], []
            for i in range(repeats):
                actor = actors[i % len(actors)]
                started, started_cpu = time.perf_counter(), time.process_time()
                answer = run(actor)
                samples.append((time.perf_counter() - started) * 1000)
                cpu.append((time.process_time() - started_cpu) * 1000)
                sizes.append(len(answer) if isinstance(answer, list) else len(answer["edges"]))
            cpu_pct = {f"cpu_{k}": v for k, v in percentiles(cpu).items()}
            results[name] = {**percentiles(samples), **cpu_pct, "max_items": max(sizes)}
        results["load_average_1min"] = round(os.getloadavg()[0], 2)
        results["cpus"] = os.cpu_count()
    started = time.monotonic()
    subprocess.run(
        [*CLI, "events", "--actor", actors[0], "--db", str(db), "--format", "jsonl"],
        capture_output=True,
        check=True,
    )
    results["cli events --actor (wall, with start-up)_ms"] = round(
        (time.monotonic() - started) * 1000, 1
    )
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=10_000, help="articles to ingest")
    parser.add_argument("--db", type=Path, default=ROOT / "out" / "store10k.db")
    parser.add_argument("--records", type=Path, help="v1 records of the corpus to copy")
    parser.add_argument("--reuse", action="store_true", help="query an existing --db only")
    parser.add_argument("--repeats", type=int, default=50, help="runs per query")
    args = parser.parse_args()
    args.db.parent.mkdir(parents=True, exist_ok=True)
    report: dict[str, Any] = {"db": str(args.db)}
    if not args.reuse:
        base = corpus_records(args.records, args.db.parent / "corpus_records.jsonl")
        variants = args.db.parent / f"store_scale_{args.count}.jsonl"
        write_variants(base, args.count, variants)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{args.db}{suffix}").unlink(missing_ok=True)
        run = ingest(variants, args.db)
        report["ingest"] = {
            "articles": args.count,
            "seconds": round(run["seconds"], 1),
            "articles_per_s": round(args.count / run["seconds"], 1),
            "peak_rss_mib": round(run["peak_rss_mib"], 1),
            "cli": run["message"],
        }
    with newsgraph.open(args.db) as store:  # read-write: folds the WAL back into the file
        stats = store.stats()
    report["store"] = {
        k: stats[k]
        for k in ("articles", "events", "reports", "claims", "entities", "contradictions")
    }
    report["store"]["db_mib"] = round(args.db.stat().st_size / 2**20, 1)
    report["queries"] = query_latency(args.db, args.repeats)
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
