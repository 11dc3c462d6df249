"""Event location accuracy on the shared gold and on the example corpus gold.

    .venv/bin/python benchmarks/places_gold.py [--limit N] [--show-errors]

On ``../shared/gold/event_location/event_location_dev.jsonl`` (one event verb per sentence and
the span(s) of its place, or none), following issue 8's definition: the event is the one whose
``trigger_span`` covers the gold verb; its location is right when it overlaps a gold span, or
is absent when gold has none.

(a) coverage: share of gold verbs with such an event from the real pipeline (target >= 0.80);
(b) location accuracy, two readings of the issue: ``accuracy_pipeline`` over every gold verb (a
    verb without an event counts wrong, so it can never exceed coverage) and
    ``accuracy_pipeline_covered`` over the verbs that have an event (target >= 0.75);
(c) the same accuracy with the event given (an Event built on the gold verb: an oracle
    trigger), which measures the places component alone.

A location taken from the dateline (``source: "dateline"``) is not the event's own place, and
the gold sentences carry no dateline: it counts as no location.

Diagnostics: 27 gold spans are token offsets rather than character offsets ("Manger" written
as characters 3-4, "d"); ``*_realigned_gold`` reads such spans as tokens of the sentence, which
is what the annotator marked. The headline figures keep the gold as written.
``located_events_with_coordinates`` is the share of all the pipeline's events placed by the
text whose place the gazetteer resolved to a point (the rest are villages and quarters it
lacks). ``by_source`` gives the figures for each of the gold's two collections (newswire and
conflict reports), which follow different marking conventions.
``gold_none_but_verb_names_place`` counts gold rows with no place whose verb has its own
"in/at/near/through <gazetteer place>" phrase ("demonstrated in Rome"), and
``accuracy_pipeline_covered_realigned_without_those`` is the realigned accuracy without them.

On the PLOVER dev records whose ``eventLoc`` is filled in (33; the annotators marked it from the
sentence's prepositional phrases): whether an event of the gold type is placed there (same name,
one holding the other, or within 25 km of where the gold name resolves).

On ``examples/corpus/gold/events.jsonl`` (when present): of the gold events with a location,
the share whose event has the right place: within 25 km of the gold point, or the same name when
gold gives no point (target >= 0.85); for the pipeline's events (trigger overlap; a gold event
without one counts wrong; and over matched events only) and with oracle triggers. And the
other side: of the gold events whose text gives no place (matched by a pipeline event), the
share the pipeline places from the text anyway (``placed_by_text_where_gold_has_none``; most
of them are places the text does state, which ``--show-errors`` lists). And of all the events
it places from the text below country level, the share with an admin1 code
(``placed_below_country_level_with_admin1_code``).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT.parent / "shared" / "gold" / "event_location" / "event_location_dev.jsonl"
CORPUS = ROOT / "examples" / "corpus"
PLOVER = ROOT.parent / "shared" / "gold" / "plover" / "plover_gsr_dev.jsonl"
NEAR_KM = 25.0
#: Prepositions that put a verb at a place, for the gold-disagreement diagnostic.
OWN_PLACE_PREPS = ("in", "at", "near", "inside", "outside", "through")


def overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


def covers(event, verb: dict) -> bool:
    """The issue's rule: the event's trigger span covers the gold verb."""
    span = event.trigger_span
    return span.start <= verb["start"] and verb["end"] <= span.end


def location_right(location, gold_spans: list[dict]) -> bool:
    """Gold's rule: overlap a gold span, or no location when gold has none. A dateline is not
    the event's own place (and gold sentences have none), so it counts as no location."""
    if location is not None and location.source == "dateline":
        location = None
    if not gold_spans:
        return location is None
    if location is None:
        return False
    return any(
        overlaps(location.span.start, location.span.end, g["start"], g["end"]) for g in gold_spans
    )


def make_doc(text: str, article_id: str):
    """The sentence as ``newsgraph ingest`` reads it (repairs that keep every offset)."""
    from newsgraph.extract import make_doc as article_doc
    from newsgraph.ingest.readers import make_article
    from newsgraph.nlp import load
    from newsgraph.records import Article

    [article] = [
        a for a in make_article(article_id, id=article_id, text=text) if isinstance(a, Article)
    ]
    return article_doc(load(), article)


def run_gold(limit: int | None, show_errors: bool) -> dict:
    from newsgraph.nlp import load
    from newsgraph.places.component import locate_events
    from newsgraph.progress import track
    from newsgraph.records import Event, Span

    rows = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line]
    rows = rows[:limit] if limit else rows
    nlp = load()
    covered = right_pipeline = right_oracle = right_realigned = right_oracle_realigned = 0
    unmarked = covered_marked = right_marked = 0  # see gold_none_but_verb_names_place
    by_source: dict[str, dict[str, int]] = {}  # see by_source
    located_events = with_coordinates = 0  # every event the text places, and those on the map
    oracle_right: list[bool] = []
    errors: list[str] = []
    docs = nlp.pipe((make_doc(r["text"], r["id"]) for r in rows), batch_size=32)
    for row, doc in track(
        zip(rows, docs, strict=True), "event_location", total=len(rows), unit="sentences"
    ):
        verb = row["verb"]
        # The narrowest trigger that covers the verb is the event the gold verb names.
        events = sorted(
            (e for e in doc._.events or () if covers(e, verb)),
            key=lambda e: e.trigger_span.end - e.trigger_span.start,
        )
        realigned_spans = realign(row, doc)
        unmarked_here = not row["locations"] and own_place_phrase(doc, verb) is not None
        unmarked += unmarked_here
        placed = [e.location for e in doc._.events or () if e.location is not None]
        placed = [loc for loc in placed if loc.source == "text"]
        located_events += len(placed)
        with_coordinates += sum(loc.lat is not None for loc in placed)
        tally = by_source.setdefault(source_of(row), dict.fromkeys(SOURCE_FIGURES, 0))
        tally["sentences"] += 1
        tally["gold_with_place"] += bool(row["locations"])
        if events:
            right = location_right(events[0].location, row["locations"])
            right_here_realigned = location_right(events[0].location, realigned_spans)
            tally["covered"] += 1
            tally["right"] += right
            tally["right_realigned"] += right_here_realigned
            covered += 1
            right_pipeline += right
            right_realigned += right_here_realigned
            if not unmarked_here:
                covered_marked += 1
                right_marked += right_here_realigned
        oracle = Event(id="oracle", event="ASSAULT", trigger_span=Span(verb["start"], verb["end"]))
        locate_events(doc, [oracle])
        ok = location_right(oracle.location, row["locations"])
        right_oracle += ok
        right_oracle_realigned += location_right(oracle.location, realigned_spans)
        oracle_right.append(ok)
        if show_errors and not ok:
            text = row["text"]
            marked = text[: verb["start"]] + "[" + verb["text"] + "]" + text[verb["end"] :]
            got = oracle.location.text if oracle.location else None
            gold = [g["text"] for g in row["locations"]]
            errors.append(f"- {marked}\n    got {got!r}, gold {gold}")
    if errors:
        print("\n".join(errors), file=sys.stderr)
    n = len(rows)
    aligned = [i for i, r in enumerate(rows) if not misaligned(r)]
    with_place = [i for i, r in enumerate(rows) if r["locations"]]
    return {
        "sentences": n,
        "coverage": round(covered / n, 3),
        "accuracy_pipeline": round(right_pipeline / n, 3),
        "accuracy_pipeline_covered": round(right_pipeline / covered, 3) if covered else None,
        "accuracy_oracle_trigger": round(right_oracle / n, 3),
        "accuracy_no_location_baseline": round(sum(not r["locations"] for r in rows) / n, 3),
        # Diagnostics: some gold spans point at fragments ("d", " s") rather than a name.
        "gold_sentences_with_misaligned_span": n - len(aligned),
        "accuracy_pipeline_covered_realigned_gold": (
            round(right_realigned / covered, 3) if covered else None
        ),
        "accuracy_oracle_trigger_realigned_gold": round(right_oracle_realigned / n, 3),
        "accuracy_oracle_trigger_aligned_gold": round(
            sum(oracle_right[i] for i in aligned) / len(aligned), 3
        ),
        "recall_oracle_trigger_gold_with_place": round(
            sum(oracle_right[i] for i in with_place) / len(with_place), 3
        ),
        "located_events_with_coordinates": round(with_coordinates / located_events, 3)
        if located_events
        else None,
        "gold_none_but_verb_names_place": unmarked,
        "accuracy_pipeline_covered_realigned_without_those": (
            round(right_marked / covered_marked, 3) if covered_marked else None
        ),
        "by_source": {
            name: {
                "sentences": t["sentences"],
                "share_gold_with_place": round(t["gold_with_place"] / t["sentences"], 3),
                "accuracy_pipeline_covered": round(t["right"] / t["covered"], 3)
                if t["covered"]
                else None,
                "accuracy_pipeline_covered_realigned_gold": round(
                    t["right_realigned"] / t["covered"], 3
                )
                if t["covered"]
                else None,
            }
            for name, t in sorted(by_source.items())
        },
    }


SOURCE_FIGURES = ("sentences", "gold_with_place", "covered", "right", "right_realigned")


def source_of(row: dict) -> str:
    """Which collection a gold row comes from, by its id: newswire (Gigaword's APW, AFP, XIN
    document ids, "evloc-APW_ENG_20021114.0613_12_capture") or the Syria conflict reports
    ("evloc-masdar_kill_498"). The two were marked to different conventions: the newswire
    rows give a place for a quarter of the verbs, the others for half."""
    return "newswire" if re.match(r"evloc-[A-Z]{3}_ENG_", row["id"]) else "conflict_reports"


def own_place_phrase(doc, verb: dict) -> str | None:
    """A gazetteer place named by the gold verb's own locative phrase ("demonstrated *in
    Rome*", "captured *in Pakistan*"), for gold rows that mark no place: rows where gold
    and text disagree on their face, counted apart from the headline figures."""
    from newsgraph.places.gazetteer import geocode

    tokens = [t for t in doc if t.idx == verb["start"]]
    if not tokens:
        return None
    for prep in tokens[0].children:
        if prep.dep_ != "prep" or prep.lower_ not in OWN_PLACE_PREPS:
            continue
        for pobj in (c for c in prep.children if c.dep_ == "pobj"):
            name = " ".join(t.text for t in pobj.subtree if t.ent_type_ in ("GPE", "LOC", "FAC"))
            if name and geocode(name) is not None:
                return name
    return None


def misaligned(row: dict) -> bool:
    """A gold span that cannot be a place name: under 3 letters, or starting mid-word."""
    text = row["text"]
    for span in row["locations"]:
        words = span["text"].strip()
        if len(words) < 3 or (span["start"] > 0 and text[span["start"] - 1].isalpha()):
            return True
    return False


def realign(row: dict, doc) -> list[dict]:
    """Gold spans as character offsets; a misaligned span is read as token offsets.

    The annotation's tokens are whitespace-separated words split like spaCy's tokenizer
    (``doc``'s tokens without the whitespace ones), which is how "Manger" became 3-4.
    """
    if not misaligned(row):
        return row["locations"]
    tokens = [t for t in doc if not t.is_space]
    spans = []
    for span in row["locations"]:
        if span["end"] > len(tokens):
            continue
        first, last = tokens[span["start"]], tokens[span["end"] - 1]
        spans.append({"start": first.idx, "end": last.idx + len(last), "text": span["text"]})
    return spans


def right_place(location: dict | None, gold: dict) -> bool:
    """The corpus rule: within 25 km of gold's point; gold without a point needs the same name."""
    from newsgraph.places import haversine_km
    from newsgraph.places.gazetteer import name_key

    if not location:
        return False
    if gold.get("lat") is not None:
        if location.get("lat") is None:
            return False
        here = (location["lat"], location["lon"])
        return haversine_km(here, (gold["lat"], gold["lon"])) <= NEAR_KM
    names = {name_key(location.get("name") or ""), name_key(location.get("text") or "")}
    return name_key(gold["name"]) in names or name_key(gold["text"]) in names


def run_corpus(show_errors: bool = False) -> dict | None:
    """Right place on the example corpus gold: pipeline events, and oracle triggers."""
    gold_path = CORPUS / "gold" / "events.jsonl"
    articles_path = CORPUS / "articles.jsonl"
    if not gold_path.exists() or not articles_path.exists():
        return None
    from newsgraph.extract import extract_records, make_doc
    from newsgraph.ingest.readers import make_article
    from newsgraph.nlp import load
    from newsgraph.places.component import locate_events
    from newsgraph.records import Article, Event, Span

    articles = {a["id"]: a for a in map(json.loads, articles_path.read_text().splitlines()) if a}
    every_gold = [json.loads(line) for line in gold_path.read_text().splitlines() if line]
    every_gold = [g for g in every_gold if g["article"] in articles]
    gold = [g for g in every_gold if g.get("location")]
    spans = {}
    for g in every_gold:
        text = articles[g["article"]]["text"]
        start = text.find(g["sentence"]) + g["sentence"].find(g["trigger"])
        spans[id(g)] = (start, start + len(g["trigger"]))
    fields = ("title", "published", "url", "source")
    items = (
        item
        for a in articles.values()
        for item in make_article(
            a["id"], id=a["id"], text=a["text"], **{k: a.get(k) for k in fields}
        )
    )
    records = {
        r["article"]["id"]: r for r in extract_records(items, workers=1) if isinstance(r, dict)
    }
    matched = right = right_oracle = 0
    nlp = load()
    for article_id in dict.fromkeys(g["article"] for g in gold):
        mine = [g for g in gold if g["article"] == article_id]
        doc = nlp(make_doc(nlp, Article(id=article_id, text=articles[article_id]["text"])))
        oracles = [
            Event(id="oracle", event="ASSAULT", trigger_span=Span(*spans[id(g)])) for g in mine
        ]
        locate_events(doc, oracles)
        for g, oracle in zip(mine, oracles, strict=True):
            found = oracle.location.to_dict() if oracle.location else None
            ok = right_place(found, g["location"])
            right_oracle += ok
            if show_errors and not ok:
                got = found and (found["text"], found["name"], found["lat"], found["lon"])
                print(
                    f"- {article_id} [{g['trigger']}] gold {g['location']}\n    got {got}",
                    file=sys.stderr,
                )
            start, end = spans[id(g)]
            events = [
                e
                for e in records.get(article_id, {}).get("events", [])
                if overlaps(e["trigger_span"]["start"], e["trigger_span"]["end"], start, end)
            ]
            if events:
                matched += 1
                right += right_place(events[0].get("location"), g["location"])
    # The other side: gold events with no place in their text that the pipeline places there.
    unplaced = placed_anyway = 0
    for g in every_gold:
        if g.get("location"):
            continue
        start, end = spans[id(g)]
        events = [
            e
            for e in records.get(g["article"], {}).get("events", [])
            if overlaps(e["trigger_span"]["start"], e["trigger_span"]["end"], start, end)
        ]
        if events:
            unplaced += 1
            location = events[0].get("location")
            anyway = bool(location and location.get("source") == "text")
            placed_anyway += anyway
            if show_errors and anyway:
                print(
                    f"- {g['article']} [{g['trigger']}] gold has no place\n"
                    f"    got {location['text']!r} in: {g['sentence']}",
                    file=sys.stderr,
                )
    # Of the events the text places in a town or province, those that carry the province's
    # GeoNames admin1 code (the exports' province column); seas and unknown villages cannot.
    below_country = [
        e["location"]
        for r in records.values()
        for e in r.get("events", [])
        if e.get("location")
        and e["location"].get("source") == "text"
        and e["location"].get("precision") in ("admin1", "city", "district", "site")
    ]
    n = len(gold)
    return {
        "placed_below_country_level": len(below_country),
        "placed_below_country_level_with_admin1_code": round(
            sum(bool(loc.get("admin1")) for loc in below_country) / len(below_country), 3
        )
        if below_country
        else None,
        "gold_events_without_location_matched": unplaced,
        "placed_by_text_where_gold_has_none": round(placed_anyway / unplaced, 3)
        if unplaced
        else None,
        "gold_events_with_location": n,
        "with_matching_pipeline_event": matched,
        "right_place_pipeline": round(right / n, 3) if n else None,
        "right_place_pipeline_matched": round(right / matched, 3) if matched else None,
        "right_place_oracle_trigger": round(right_oracle / n, 3) if n else None,
    }


def same_place(location, gold_name: str) -> bool:
    """A PLOVER ``eventLoc`` name ("Khatmandu", "province of Herat") and an event's location
    agree: one name holds the other or is spelled all but alike (the gold's "Algers" for
    Algiers), or the gold name resolves within 25 km of the point."""
    from difflib import SequenceMatcher

    from newsgraph.places import haversine_km
    from newsgraph.places.gazetteer import geocode, name_key

    gold = name_key(gold_name)
    names = [name_key(n) for n in (location.name, location.text) if n]
    if any(gold in n or n in gold for n in names if n):
        return True
    if any(SequenceMatcher(None, gold, n).ratio() >= 0.85 for n in names if n):
        return True
    place = geocode(gold_name)
    if place is None or location.lat is None:
        return False
    return haversine_km(place.point, (location.lat, location.lon)) <= NEAR_KM


def run_plover(show_errors: bool) -> dict | None:
    """The PLOVER dev records whose ``eventLoc`` the annotators filled in (from the sentence's
    prepositional phrases): is an event of the gold type placed there?"""
    from newsgraph.nlp import load

    if not PLOVER.exists():
        return None
    rows = [json.loads(line) for line in PLOVER.read_text(encoding="utf-8").splitlines() if line]
    rows = [r for r in rows if (r.get("eventLoc") or {}).get("name")]
    nlp = load()
    typed = placed = 0
    docs = nlp.pipe((make_doc(r["text"], r["id"]) for r in rows), batch_size=32)
    for row, doc in zip(rows, docs, strict=True):
        gold_type = row.get("event_v08") or row["event"]
        events = [e for e in doc._.events or () if e.event == gold_type]
        locations = [
            e.location for e in events if e.location is not None and e.location.source == "text"
        ]
        right = any(same_place(loc, row["eventLoc"]["name"]) for loc in locations)
        typed += bool(events)
        placed += right
        if show_errors and not right:
            got = [loc.text for loc in locations]
            print(f"- {row['id']} gold {row['eventLoc']['name']!r}, got {got}", file=sys.stderr)
    return {
        "records_with_event_loc": len(rows),
        "with_an_event_of_the_gold_type": typed,
        "placed_there": placed,
        "right_place": round(placed / len(rows), 3) if rows else None,
        "right_place_over_typed": round(placed / typed, 3) if typed else None,
    }


def run_speed() -> dict:
    """The places component's own time against the bare spaCy parse, on the example corpus."""
    import time

    from newsgraph.extract import make_doc
    from newsgraph.nlp import load, load_model
    from newsgraph.places.component import locate_events
    from newsgraph.records import Article

    articles = [json.loads(line) for line in (CORPUS / "articles.jsonl").read_text().splitlines()]
    texts = [a["text"] for a in articles if a]
    bare = load_model()
    start = time.perf_counter()
    for _ in bare.pipe(texts, batch_size=16):
        pass
    parse = time.perf_counter() - start
    nlp = load()
    docs = list(nlp.pipe(make_doc(nlp, Article(id=str(i), text=t)) for i, t in enumerate(texts)))
    events = [doc._.events or [] for doc in docs]
    for doc_events in events:
        for event in doc_events:
            event.location = None
    start = time.perf_counter()
    for doc, doc_events in zip(docs, events, strict=True):
        locate_events(doc, doc_events)
    places = time.perf_counter() - start
    return {
        "articles": len(texts),
        "events": sum(map(len, events)),
        "bare_parse_seconds": round(parse, 2),
        "places_seconds": round(places, 3),
        "places_share_of_parse": round(places / parse, 4),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, help="only the first N gold sentences")
    parser.add_argument("--show-errors", action="store_true", help="list oracle-trigger misses")
    parser.add_argument("--corpus-only", action="store_true", help="skip the shared gold")
    parser.add_argument("--speed", action="store_true", help="also time the component")
    args = parser.parse_args()
    report = {}
    if not args.corpus_only:
        if not GOLD.exists():
            sys.exit(f"error: {GOLD} is absent (shared gold exists only in the project's CI)")
        report["event_location_dev"] = run_gold(args.limit, args.show_errors)
        plover = run_plover(args.show_errors)
        if plover is not None:
            report["plover_dev_event_loc"] = plover
    corpus = run_corpus(args.show_errors)
    if corpus is not None:
        report["example_corpus"] = corpus
    if args.speed:
        report["speed"] = run_speed()
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
