"""Page and API latency of `newsgraph serve` over a large store (target: p95 < 300 ms).

Starts the real server in a subprocess over a store (by default the 10,000-article store that
``benchmarks/store_scale.py`` leaves behind), then requests every page and API route with ids
sampled from the store itself, one request at a time, and prints p50/p95/max per route, plus
the very first request of each route ("first": before the server's cache of whole-store
answers holds anything).

    .venv/bin/python benchmarks/web_latency.py --db out/store10k.db [--requests 20]

Without that store, ``--synthetic 10000`` builds one at ``--db`` from generated v1 records
(through ``Store.add_records``, no NLP) so the figures can still be taken.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DB = ROOT / "out" / "store10k.db"
TARGET_MS = 300.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start(db: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "newsgraph.cli", "serve", "--db", str(db), "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    line = proc.stdout.readline()
    match = re.search(r"(http://\S+?)/? ", line)
    if not match:
        proc.kill()
        sys.exit(f"web_latency: serve failed: {line.strip()} {proc.stderr.read().strip()}")
    base = match.group(1)
    for _ in range(300):
        try:
            httpx.get(base + "/api/stats", timeout=5)
            return proc, base
        except httpx.TransportError:
            time.sleep(0.1)
    proc.kill()
    sys.exit("web_latency: server did not answer")


COUNTRIES = re.findall(
    r"\w+",
    "RUS UKR BLR CUB USA CHN IRN ISR SYR TUR FRA DEU GBR POL IND PAK AFG IRQ SAU YEM EGY "
    "LBY SDN ETH SOM KEN NGA MLI VEN COL BRA MEX PRK KOR JPN TWN PHL VNM MMR ARM AZE GEO",
)
WORDS = re.findall(
    r"\w+", "army talks strike sanctions aid ceasefire border ministry drills summit"
)


def synthetic_records(count: int, seed: int = 1):
    """``count`` varied v1 records (our own template sentences) for a store of realistic size."""
    from newsgraph.records import PLOVER_EVENT_TYPES

    rng = random.Random(seed)
    for n in range(count):
        day = 1 + n * 730 // count
        published = f"{2024 + day // 365}-{1 + (day % 365) // 31:02d}-{1 + day % 28:02d}"
        sentences, events, claims, entities = [], [], [], {}
        for k in range(rng.randint(2, 6)):
            a, b = rng.sample(COUNTRIES[: rng.choice((8, 20, len(COUNTRIES)))], 2)
            kind = rng.choice(PLOVER_EVENT_TYPES)
            word = rng.choice(WORDS)
            start = sum(len(s) + 1 for s in sentences)
            sentence = (
                f"Officials in {a} said {a} forces acted against {b} over {word} ({kind.lower()})."
            )
            sentences.append(sentence)
            trigger = start + sentence.index("acted")
            for code in (a, b):
                entities.setdefault(code, {"id": f"e{code}", "name": code, "kind": "state",
                                           "code": code, "sector": None, "aliases": [],
                                           "titles": [], "mentions": []})  # fmt: skip
                at = start + sentence.index(code)
                entities[code]["mentions"].append({"start": at, "end": at + 3, "text": code})
            when = {"start": published[:7] if k % 2 else published, "end": None,
                    "precision": "month" if k % 2 else "day", "text": None,
                    "from_publication": False}  # fmt: skip
            speaker = {"text": f"Officials in {a}", "name": a, "entity_id": f"e{a}", "code": a,
                       "sector": "GOV"}  # fmt: skip
            events.append({
                "id": f"ev{k}", "event": kind, "mode": [], "context": [], "aux": [],
                "actor": [{"text": f"{a} forces", "name": a, "entity_id": f"e{a}", "code": a,
                           "sector": "MIL"}],
                "recipient": [{"text": b, "name": b, "entity_id": f"e{b}", "code": b,
                               "sector": None}],
                "date": when, "location": None, "event_text": "acted",
                "trigger_span": {"start": trigger, "end": trigger + 5},
                "text": sentence, "text_info": {"start": start, "end": start + len(sentence)},
                "attribution": {"speaker": speaker, "verb": "said", "stance": "assert",
                                "hedged": False, "cues": []},
                "quantities": [], "cameo": None, "confidence": 0.7,
            })  # fmt: skip
            content = f"{a} forces acted against {b} over {word}"
            at = start + sentence.index(content)
            claims.append({
                "id": f"c{k}", "speaker": speaker, "verb": "said",
                "stance": "deny" if rng.random() < 0.1 else "assert", "hedged": False,
                "cues": [], "content": content,
                "content_span": {"start": at, "end": at + len(content)},
                "events": [f"ev{k}"], "quantities": [], "date": when,
            })  # fmt: skip
        text = " ".join(sentences)
        title = f"{events[0]['actor'][0]['code']} and {events[0]['recipient'][0]['code']}: {word}"
        yield {
            "article": {"id": f"syn-{n:05d}", "title": title, "published": published,
                        "url": f"https://example.org/{n}", "source": f"Outlet {n % 25}",
                        "language": "en", "sha256": f"{n:064x}", "text": text},
            "entities": list(entities.values()), "events": events, "claims": claims,
            "quantities": [],
        }  # fmt: skip


def build_synthetic(path: Path, count: int) -> None:
    import newsgraph

    started = time.perf_counter()
    with newsgraph.open(path, create=True) as store:
        store.add_records(synthetic_records(count))
    print(f"built {path} from {count} synthetic records in {time.perf_counter() - started:.0f} s")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def routes(client: httpx.Client, per_route: int, rng: random.Random) -> dict[str, list[str]]:
    """Every route, each with ``per_route`` concrete URLs built from ids found in the store."""
    entities = client.get("/api/entities", params={"limit": 200}).json()["entities"]
    events = client.get("/api/events", params={"limit": 1000}).json()["events"]
    articles = client.get("/api/articles", params={"limit": 1000}).json()["articles"]
    states = [e for e in entities if e.get("kind") == "state" and e.get("code")] or entities
    words = [w for a in articles for w in re.findall(r"[A-Z][a-z]{4,}", a.get("title") or "")]
    words = words or ["army"]

    def pick(items: list, n: int = per_route) -> list:
        return [rng.choice(items) for _ in range(n)] if items else []

    def key(entity: dict) -> str:
        return (
            entity["code"]
            if entity.get("kind") == "state" and entity.get("code")
            else entity["name"]
        )

    return {
        "page /": ["/"] * per_route,
        "page /actors/{id}": [f"/actors/{e['id']}" for e in pick(entities)],
        "page /events/{id}": [f"/events/{e['id']}" for e in pick(events)],
        "page /articles/{id}": [f"/articles/{a['id']}" for a in pick(articles)],
        "page /network": ["/network"] * per_route,
        "page /timeline": ["/timeline"] * per_route,
        "page /claims": ["/claims"] * per_route,
        "page /search": [f"/search?q={w}" for w in pick(words)],
        "api /api/events": ["/api/events"] * per_route,
        "api /api/events?actor": [f"/api/events?actor={key(e)}" for e in pick(states)],
        "api /api/events?type&since": [
            f"/api/events?type={t}&since=2024" for t in pick(["ASSAULT", "CONSULT", "ACCUSE"])
        ],
        "api /api/entities": ["/api/entities"] * per_route,
        "api /api/claims": ["/api/claims"] * per_route,
        "api /api/claims?by": [f"/api/claims?by={key(e)}" for e in pick(states)],
        "api /api/articles/{id}": [f"/api/articles/{a['id']}" for a in pick(articles)],
        "api /api/network": ["/api/network"] * per_route,
        "api /api/network?actor": [f"/api/network?actor={key(e)}" for e in pick(states)],
        "api /api/timeline": ["/api/timeline"] * per_route,
        "api /api/timeline?actor": [f"/api/timeline?actor={key(e)}" for e in pick(states)],
        "api /api/search": [f"/api/search?q={w}" for w in pick(words)],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=Path(os.environ.get("NEWSGRAPH_DB", DEFAULT_DB)))
    parser.add_argument("--requests", type=int, default=20, help="requests per route")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument(
        "--settle",
        type=float,
        default=5.0,
        help="seconds to let the server's start-up cache warming finish (as a user reading "
        "the printed URL would)",
    )
    parser.add_argument(
        "--synthetic",
        type=int,
        metavar="N",
        help="build the store at --db from N generated records when it is absent",
    )
    args = parser.parse_args()
    if args.synthetic and not args.db.exists():
        args.db.parent.mkdir(parents=True, exist_ok=True)
        build_synthetic(args.db, args.synthetic)
    if not args.db.exists():
        print(
            f"web_latency: no store at {args.db} (build it with benchmarks/store_scale.py)",
            file=sys.stderr,
        )
        return 2
    proc, base = start(args.db)
    time.sleep(args.settle)
    results: dict[str, dict] = {}
    try:
        with httpx.Client(base_url=base, timeout=60) as client:
            stats = client.get("/api/stats").json()
            plan = routes(client, args.requests, random.Random(args.seed))
            cold: dict[str, float] = {}
            for name, urls in plan.items():  # first request per route: cold caches
                if urls:
                    started = time.perf_counter()
                    client.get(urls[0])
                    cold[name] = round((time.perf_counter() - started) * 1000, 1)
            for name, urls in plan.items():
                times = []
                for url in urls:
                    started = time.perf_counter()
                    response = client.get(url)
                    times.append((time.perf_counter() - started) * 1000)
                    if response.status_code != 200:
                        print(f"web_latency: {url} -> {response.status_code}", file=sys.stderr)
                if times:
                    results[name] = {
                        "n": len(times),
                        "p50_ms": round(statistics.median(times), 1),
                        "p95_ms": round(percentile(times, 0.95), 1),
                        "max_ms": round(max(times), 1),
                        "first_ms": cold.get(name),
                    }
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    print(f"store: {args.db} ({stats.get('articles')} articles, {stats.get('events')} events, "
          f"{stats.get('entities')} entities, {stats.get('claims')} claims)")  # fmt: skip
    print(f"{'route':34} {'n':>4} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'first ms':>9}")
    for name, row in results.items():
        flag = "" if row["p95_ms"] < TARGET_MS else "  over target"
        cells = (
            f"{row['n']:>4} {row['p50_ms']:>8} {row['p95_ms']:>8} {row['max_ms']:>8} "
            f"{row['first_ms']:>9}"
        )
        print(f"{name:34} {cells}{flag}")
    pages = [r["p95_ms"] for n, r in results.items() if n.startswith("page")]
    apis = [r["p95_ms"] for n, r in results.items() if n.startswith("api")]
    worst = max(pages + apis) if pages + apis else 0.0
    verdict = "PASS" if worst < TARGET_MS else "FAIL"
    print(
        f"worst page p95 {max(pages, default=0):.1f} ms, "
        f"worst API p95 {max(apis, default=0):.1f} ms (target < {TARGET_MS:.0f} ms): {verdict}"
    )
    if args.json:
        args.json.write_text(json.dumps({"store": stats, "routes": results}, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
