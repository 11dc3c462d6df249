"""Merge precision and recall: which reports describe the same real-world event.

Gold: ``examples/corpus/gold/events.jsonl``, where mentions sharing a ``real_event`` key are one
event (a null key is an event of its own). Scored over *pairs* of mentions: a pair is gold-same
when both carry the same non-null key, system-same when the merge rule puts both in one event.

Two settings, both printed:
- ``oracle``: the gold mentions themselves, turned into v1 events (type, codes, aux, date,
  place), go through the merge rule: this measures the rule alone.
- ``system``: the extracted records (``--records FILE`` from ``newsgraph extract``, or a fresh
  extraction) go through the same rule; a system report stands for the gold mention whose trigger
  it overlaps (same article, same type); pairs are scored among the aligned mentions only.

Each setting reports all pairs, cross-article pairs (what merging across outlets is about),
and keyed-only pairs (both mentions carry a key: a null key may mean "not keyed" rather than
"unique", so this is the lenient reading).

    .venv/bin/python benchmarks/merge_gold.py [--records records.jsonl] [--json]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from itertools import combinations
from pathlib import Path
from typing import Any

from newsgraph.store.merge import merge_reports, report_key

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "examples" / "corpus"


def load_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def gold_position(text: str, mention: dict[str, Any]) -> tuple[int, int]:
    """Offsets of the gold trigger: its first occurrence in its sentence, in the text."""
    sentence_start = text.index(mention["sentence"])
    start = sentence_start + mention["sentence"].index(mention["trigger"])
    return start, start + len(mention["trigger"])


def gold_date(value: str | None, published: str | None) -> dict[str, Any]:
    if value:
        precision = {4: "year", 7: "month"}.get(len(value), "day")
        return {"start": value, "end": None, "precision": precision, "from_publication": False}
    return {
        "start": (published or "")[:10] or None,
        "end": None,
        "precision": "day",
        "from_publication": True,
    }


def gold_event(mention: dict[str, Any], published: str | None) -> dict[str, Any]:
    """A gold mention as the v1 event a perfect extractor would emit."""

    def people(codes: list[str], sectors: list[str | None] | None) -> list[dict[str, Any]]:
        sectors = sectors or [None] * len(codes)
        return [
            {"text": code, "name": None, "entity_id": None, "code": code, "sector": sector}
            for code, sector in zip(codes, sectors, strict=False)
        ]

    location = mention.get("location")
    if location:
        location = {
            "text": location.get("text"),
            "span": {"start": 0, "end": 0},
            "name": location.get("name"),
            "code": location.get("code"),
            "admin1": None,
            "geonameid": None,
            "lat": location.get("lat"),
            "lon": location.get("lon"),
            "precision": "city" if location.get("lat") is not None else "unknown",
            "source": "text",
        }
    return {
        "event": mention["event"],
        "mode": mention.get("mode") or [],
        "context": mention.get("context") or [],
        "aux": mention.get("aux") or [],
        "actor": people(mention.get("actor") or [], mention.get("actor_sector")),
        "recipient": people(mention.get("recipient") or [], mention.get("recipient_sector")),
        "date": gold_date(mention.get("date"), published),
        "location": location,
    }


def score(labels: list[int], keys: list[str | None], articles: list[str]) -> dict[str, Any]:
    """Pairwise precision/recall of system labels against gold keys, all and cross-article."""
    result = {}
    scopes = (("all", False, False), ("cross_article", True, False), ("keyed_only", False, True))
    for name, cross_only, keyed_only in scopes:
        system = gold = both = 0
        for i, j in combinations(range(len(labels)), 2):
            if cross_only and articles[i] == articles[j]:
                continue
            if keyed_only and (keys[i] is None or keys[j] is None):
                continue
            same_system = labels[i] == labels[j]
            same_gold = keys[i] is not None and keys[i] == keys[j]
            system += same_system
            gold += same_gold
            both += same_system and same_gold
        precision = both / system if system else 1.0
        recall = both / gold if gold else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        result[name] = {
            "system_pairs": system,
            "gold_pairs": gold,
            "correct_pairs": both,
            "precision": round(precision, 3),
            "recall": round(recall, 3),
            "f1": round(f1, 3),
        }
    return result


def oracle(articles: dict[str, dict], mentions: list[dict]) -> dict[str, Any]:
    mentions = sorted(mentions, key=lambda m: list(articles).index(m["article"]))
    keys = [
        report_key(
            gold_event(m, articles[m["article"]].get("published")),
            {"id": m["article"], "source": articles[m["article"]].get("source")},
        )
        for m in mentions
    ]
    labels = merge_reports(keys)
    result = score(
        labels, [m.get("real_event") for m in mentions], [m["article"] for m in mentions]
    )
    result["mentions"] = len(mentions)
    return result


def extract(articles_path: Path) -> list[dict[str, Any]]:
    command = [sys.executable, "-m", "newsgraph.cli", "extract", str(articles_path)]
    done = subprocess.run([*command, "--workers", "1"], capture_output=True, check=True)
    return [json.loads(line) for line in done.stdout.decode().splitlines() if line.strip()]


def system(articles: dict[str, dict], mentions: list[dict], records: list[dict]) -> dict:
    positions: dict[str, list[tuple[int, int, dict]]] = {}
    for mention in mentions:
        text = articles[mention["article"]]["text"]
        start, end = gold_position(text, mention)
        positions.setdefault(mention["article"], []).append((start, end, mention))
    keys, gold_keys, article_ids = [], [], []
    reports = 0
    for record in records:
        article = record["article"]
        for event in record["events"]:
            reports += 1
            span = event.get("trigger_span") or {}
            aligned = next(
                (
                    m
                    for start, end, m in positions.get(article["id"], [])
                    if span.get("start", 0) < end
                    and start < span.get("end", 0)
                    and m["event"] == event["event"]
                ),
                None,
            )
            keys.append((report_key(event, article), aligned))
    labels = merge_reports([k for k, _ in keys])
    kept = [(label, m) for label, (_, m) in zip(labels, keys, strict=True) if m is not None]
    gold_keys = [m.get("real_event") for _, m in kept]
    article_ids = [m["article"] for _, m in kept]
    result = score([label for label, _ in kept], gold_keys, article_ids)
    result["system_reports"] = reports
    result["aligned_reports"] = len(kept)
    result["gold_mentions"] = len(mentions)
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=Path, help="v1 records of the corpus (newsgraph extract)")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--json", action="store_true", help="print JSON")
    args = parser.parse_args()
    articles_path = args.corpus / "articles.jsonl"
    gold_path = args.corpus / "gold" / "events.jsonl"
    if not gold_path.exists():
        print(f"merge_gold: no gold at {gold_path}", file=sys.stderr)
        return 2
    articles = {a["id"]: a for a in load_jsonl(articles_path)}
    mentions = load_jsonl(gold_path)
    records = load_jsonl(args.records) if args.records else extract(articles_path)
    results = {"oracle": oracle(articles, mentions), "system": system(articles, mentions, records)}
    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    for setting, result in results.items():
        extra = {k: v for k, v in result.items() if not isinstance(v, dict)}
        print(f"{setting}: {extra}")
        for scope in ("all", "cross_article", "keyed_only"):
            r = result[scope]
            print(
                f"  {scope:14} P {r['precision']:.3f}  R {r['recall']:.3f}  F1 {r['f1']:.3f}  "
                f"(system pairs {r['system_pairs']}, gold pairs {r['gold_pairs']}, "
                f"correct {r['correct_pairs']})"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
