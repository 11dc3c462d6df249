"""Event precision and recall on the example corpus gold (``examples/corpus/gold/events.jsonl``).

Matching follows ``examples/corpus/gold/README.md``: a coded event matches a gold event in the
same article when its trigger span overlaps the gold trigger (first occurrence of ``trigger``
inside ``sentence`` inside the text) and the PLOVER type is the same; a *full* match also has
the same sets of actor and recipient codes. Run::

    .venv/bin/python benchmarks/events_gold.py [--misses]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "examples" / "corpus"


def gold_spans(articles: dict[str, dict], gold: list[dict]) -> list[tuple[dict, int, int]]:
    spans = []
    for g in gold:
        text = articles[g["article"]]["text"]
        sentence_at = text.find(g["sentence"])
        start = text.find(g["trigger"], max(sentence_at, 0))
        spans.append((g, start, start + len(g["trigger"])))
    return spans


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="list unmatched gold and extras")
    args = parser.parse_args(argv)
    from newsgraph.extract import make_doc
    from newsgraph.nlp import load
    from newsgraph.records import Article

    articles = {
        a["id"]: a
        for a in map(json.loads, (CORPUS / "articles.jsonl").read_text().splitlines())
        if a
    }
    gold = [
        json.loads(line) for line in (CORPUS / "gold" / "events.jsonl").read_text().splitlines()
    ]
    nlp = load()
    coded: dict[str, list] = {}
    failed: list[str] = []
    for article_id, raw in articles.items():
        article = Article(id=article_id, text=raw["text"], published=raw.get("published"))
        try:
            doc = nlp(make_doc(nlp, article))
        except Exception as exc:  # another stage failed: code events without actor codes
            failed.append(f"{article_id} ({type(exc).__name__})")
            with nlp.select_pipes(disable=["newsgraph_actors"]):
                doc = make_doc(nlp, article)
                doc._.entities = []
                doc = nlp(doc)
        coded[article_id] = doc._.events or []
    if failed:
        print(f"warning: pipeline failed, coded without actors: {', '.join(failed)}")
    matched_system: set[tuple[str, str]] = set()
    hits = full = 0
    missed = []
    for g, start, end in gold_spans(articles, gold):
        found = None
        for e in coded[g["article"]]:
            if e.event == g["event"] and e.trigger_span.start < end and start < e.trigger_span.end:
                found = e
                break
        if found is None:
            missed.append(g)
            continue
        hits += 1
        matched_system.add((g["article"], found.id))
        actors = {p.code for p in found.actor if p.code}
        recipients = {p.code for p in found.recipient if p.code}
        if actors == set(g["actor"]) and recipients == set(g["recipient"]):
            full += 1
    total = sum(len(v) for v in coded.values())
    correct = sum(1 for a, events in coded.items() for e in events if (a, e.id) in matched_system)
    print(f"gold events              {len(gold)}")
    print(f"coded events             {total}")
    print(f"event recall             {hits / len(gold):.3f}")
    print(f"event precision          {correct / max(total, 1):.3f}")
    print(f"full recall (codes)      {full / len(gold):.3f}")
    if args.misses:
        for g in missed:
            print(f"MISS\t{g['article']}\t{g['event']}\t{g['trigger']}\t{g['sentence'][:120]}")
        for a, events in coded.items():
            for e in events:
                if (a, e.id) not in matched_system:
                    print(f"EXTRA\t{a}\t{e.event}\t{e.event_text}\t{e.text[:120]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
