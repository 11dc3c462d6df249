"""Score issue 5's layers on the example corpus gold: claims, quantities, attribution, dates.

    .venv/bin/python benchmarks/dates_gold.py [--verbose]

Reads ``examples/corpus/`` (articles and gold, format in the corpus gold README) and prints
claim recall (a gold claim is found when a system claim of the same article covers at least
half of its content), quantity recall (overlapping span, same value), attribution accuracy
(speaker code and stance of the innermost system claim covering each attributed gold event's
trigger) and event date accuracy (system event at the gold trigger, same start).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from newsgraph.extract import make_doc
from newsgraph.nlp import load
from newsgraph.progress import track
from newsgraph.records import Article

CORPUS = Path(__file__).resolve().parents[1] / "examples" / "corpus"


def _read(name: str) -> list[dict]:
    return [json.loads(line) for line in (CORPUS / name).read_text().splitlines() if line.strip()]


def _position(text: str, piece: str, sentence: str | None = None) -> tuple[int, int] | None:
    base = text.find(sentence) if sentence else 0
    if base < 0:
        return None
    start = text.find(piece, base)
    return (start, start + len(piece)) if start >= 0 else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="print every miss")
    args = parser.parse_args()
    nlp = load()
    articles = {a["id"]: a for a in _read("articles.jsonl")}
    docs = {}
    for article_id, a in track(list(articles.items()), description="articles"):
        article = Article(id=article_id, text=a["text"], published=a.get("published"))
        docs[article_id] = nlp(make_doc(nlp, article))

    def miss(*parts: object) -> None:
        if args.verbose:
            print(*parts)

    def report(name: str, hits: int, total: int) -> None:
        print(f"{name}: {hits}/{total} = {hits / max(total, 1):.3f}")

    # claims
    hits = right = 0
    gold_claims = _read("gold/claims.jsonl")
    for gold in gold_claims:
        doc = docs[gold["article"]]
        where = _position(doc.text, gold["content"])
        found = None
        if where:
            for claim in doc._.claims:
                overlap = min(where[1], claim.content_span.end) - max(
                    where[0], claim.content_span.start
                )
                if overlap >= 0.5 * (where[1] - where[0]):
                    found = claim
                    break
        if found is None:
            if args.verbose:
                print(
                    "MISSED CLAIM", gold["article"], gold["speaker"], gold["verb"], gold["content"]
                )
            continue
        hits += 1
        code = found.speaker.code if found.speaker else None
        if code == gold["speaker"] and found.stance == gold["stance"]:
            right += 1
        elif args.verbose:
            print(
                "CLAIM WRONG",
                gold["article"],
                (gold["speaker"], gold["stance"]),
                (code, found.stance),
                gold["content"][:80],
            )
    report("claim recall", hits, len(gold_claims))
    report("found claims with speaker code and stance right", right, hits)

    # quantities
    gold_quantities = _read("gold/quantities.jsonl")
    hits = 0
    for gold in gold_quantities:
        doc = docs[gold["article"]]
        where = _position(doc.text, gold["text"])
        ok = where and any(
            q.span.start < where[1] and where[0] < q.span.end and q.value == gold["value"]
            for q in doc._.quantities
        )
        hits += bool(ok)
        if not ok and args.verbose:
            got = [
                (q.text, q.value)
                for q in doc._.quantities
                if where and q.span.start < where[1] and where[0] < q.span.end
            ]
            print("MISSED QUANTITY", gold["article"], gold["text"], gold["value"], got)
    report("quantity recall", hits, len(gold_quantities))

    # attribution of events, and event dates
    gold_events = _read("gold/events.jsonl")
    attributed = right = dated = date_right = 0
    for gold in gold_events:
        doc = docs[gold["article"]]
        where = _position(doc.text, gold["trigger"], gold["sentence"])
        if where is None:
            continue
        if gold.get("attribution"):
            attributed += 1
            covering = [
                c for c in doc._.claims if c.content_span.start <= where[0] < c.content_span.end
            ]
            covering.sort(key=lambda c: c.content_span.end - c.content_span.start)
            want = (gold["attribution"]["speaker"], gold["attribution"]["stance"])
            got = None
            if covering:
                claim = covering[0]
                got = (claim.speaker.code if claim.speaker else None, claim.stance)
            if got == want:
                right += 1
            elif args.verbose:
                print(
                    "ATTRIBUTION",
                    gold["article"],
                    gold["trigger"],
                    want,
                    got,
                    gold["sentence"][:90],
                )
        events = [
            e
            for e in doc._.events
            if e.trigger_span.start < where[1] and where[0] < e.trigger_span.end
        ]
        if events:
            dated += 1
            if events[0].date.start == gold.get("date") or (
                gold.get("date") is None and events[0].date.from_publication
            ):
                date_right += 1
            elif args.verbose:
                print(
                    "DATE",
                    gold["article"],
                    gold["trigger"],
                    gold.get("date"),
                    events[0].date.start,
                    gold["sentence"][:90],
                )
    report("attributed gold events with speaker code and stance right", right, attributed)
    report("event dates right (gold events the coder found)", date_right, dated)


if __name__ == "__main__":
    main()
