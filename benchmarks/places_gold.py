"""Event location accuracy on the shared gold and on the example corpus gold.

    .venv/bin/python benchmarks/places_gold.py [--limit N] [--show-errors]

On ``../shared/gold/event_location/event_location_dev.jsonl`` (one event verb per sentence and
the span(s) of its place, or none):

(a) coverage: share of gold verbs with an event from the real pipeline whose ``trigger_span``
    covers the verb (target >= 0.80);
(b) location accuracy on those pipeline events: the event's location overlaps a gold span, or
    it has none when gold has none (target >= 0.75); a gold verb without an event counts wrong;
(c) the same accuracy with the event given (an Event built on the gold verb: an oracle
    trigger), which measures the places component alone.

On ``examples/corpus/gold/events.jsonl`` (when present): for gold events with a location and a
matching pipeline event (trigger overlap), the share whose location is the right place within
25 km of the gold coordinates (target >= 0.85).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT.parent / "shared" / "gold" / "event_location" / "event_location_dev.jsonl"
CORPUS = ROOT / "examples" / "corpus"
NEAR_KM = 25.0


def overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


def location_right(location, gold_spans: list[dict]) -> bool:
    """Gold's rule: overlap a gold span, or no location when gold has none."""
    if not gold_spans:
        return location is None
    if location is None:
        return False
    return any(
        overlaps(location.span.start, location.span.end, g["start"], g["end"]) for g in gold_spans
    )


def make_doc(text: str, article_id: str):
    from newsgraph.extract import make_doc as article_doc
    from newsgraph.nlp import load
    from newsgraph.records import Article

    return article_doc(load(), Article(id=article_id, text=text))


def run_gold(limit: int | None, show_errors: bool) -> dict:
    from newsgraph.nlp import load
    from newsgraph.places.component import locate_events
    from newsgraph.progress import track
    from newsgraph.records import Event, Span

    rows = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line]
    rows = rows[:limit] if limit else rows
    nlp = load()
    covered = right_pipeline = right_oracle = 0
    errors: list[str] = []
    docs = nlp.pipe((make_doc(r["text"], r["id"]) for r in rows), batch_size=32)
    for row, doc in track(
        zip(rows, docs, strict=True), "event_location", total=len(rows), unit="sentences"
    ):
        verb = row["verb"]
        events = [
            e
            for e in doc._.events or ()
            if overlaps(e.trigger_span.start, e.trigger_span.end, verb["start"], verb["end"])
        ]
        if events:
            covered += 1
            right_pipeline += location_right(events[0].location, row["locations"])
        oracle = Event(id="oracle", event="ASSAULT", trigger_span=Span(verb["start"], verb["end"]))
        locate_events(doc, [oracle])
        ok = location_right(oracle.location, row["locations"])
        right_oracle += ok
        if show_errors and not ok:
            text = row["text"]
            marked = text[: verb["start"]] + "[" + verb["text"] + "]" + text[verb["end"] :]
            got = oracle.location.text if oracle.location else None
            gold = [g["text"] for g in row["locations"]]
            errors.append(f"- {marked}\n    got {got!r}, gold {gold}")
    if errors:
        print("\n".join(errors), file=sys.stderr)
    n = len(rows)
    return {
        "sentences": n,
        "coverage": round(covered / n, 3),
        "accuracy_pipeline": round(right_pipeline / n, 3),
        "accuracy_oracle_trigger": round(right_oracle / n, 3),
        "accuracy_no_location_baseline": round(sum(not r["locations"] for r in rows) / n, 3),
    }


def run_corpus() -> dict | None:
    """Right place within 25 km on the example corpus gold, if the corpus has its gold."""
    gold_path = CORPUS / "gold" / "events.jsonl"
    articles_path = CORPUS / "articles.jsonl"
    if not gold_path.exists() or not articles_path.exists():
        return None
    from newsgraph.extract import extract_records
    from newsgraph.ingest.readers import make_article
    from newsgraph.places import haversine_km

    articles = [json.loads(line) for line in articles_path.read_text().splitlines() if line]
    gold = [json.loads(line) for line in gold_path.read_text().splitlines() if line]
    gold = [g for g in gold if g.get("location") and g["location"].get("lat") is not None]
    texts = {a["id"]: a["text"] for a in articles}
    fields = ("title", "published", "url", "source")
    items = (
        item
        for a in articles
        for item in make_article(
            a["id"], id=a["id"], text=a["text"], **{k: a.get(k) for k in fields}
        )
    )
    records = {
        r["article"]["id"]: r for r in extract_records(items, workers=1) if isinstance(r, dict)
    }
    matched = right = 0
    for g in gold:
        text = texts.get(g["article"], "")
        sentence_at = text.find(g["sentence"])
        if sentence_at < 0:
            continue
        start = sentence_at + g["sentence"].find(g["trigger"])
        end = start + len(g["trigger"])
        events = [
            e
            for e in records.get(g["article"], {}).get("events", [])
            if overlaps(e["trigger_span"]["start"], e["trigger_span"]["end"], start, end)
        ]
        if not events:
            continue
        matched += 1
        location = events[0].get("location")
        if location and location.get("lat") is not None:
            distance = haversine_km(
                (location["lat"], location["lon"]), (g["location"]["lat"], g["location"]["lon"])
            )
            right += distance <= NEAR_KM
    return {
        "gold_events_with_location": len(gold),
        "with_matching_event": matched,
        "right_place_within_25km_of_matched": round(right / matched, 3) if matched else None,
        "right_place_within_25km_of_all": round(right / len(gold), 3) if gold else None,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, help="only the first N gold sentences")
    parser.add_argument("--show-errors", action="store_true", help="list oracle-trigger misses")
    args = parser.parse_args()
    if not GOLD.exists():
        sys.exit(f"error: {GOLD} is absent (shared gold exists only in the project's CI)")
    report = {"event_location_dev": run_gold(args.limit, args.show_errors)}
    corpus = run_corpus()
    if corpus is not None:
        report["example_corpus"] = corpus
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
