"""Accuracy of the whole pipeline on the example corpus's hand-made gold.

    .venv/bin/python benchmarks/corpus_gold.py                    # all figures, as a table
    .venv/bin/python benchmarks/corpus_gold.py --json             # the same figures as JSON
    .venv/bin/python benchmarks/corpus_gold.py --section events --errors 20

Runs the real pipeline (``newsgraph.extract.extract_records`` over
``newsgraph.ingest.iter_articles``) on ``examples/corpus/articles.jsonl`` and scores it against
``examples/corpus/gold/`` with the matching rules of the gold's format (see
``examples/corpus/gold/README.md``):

- a system event matches a gold event when it is in the same article, its ``trigger_span``
  overlaps the gold trigger (first occurrence of ``trigger`` in ``sentence``, in the text) and
  it has the same ``event`` type; matching is one-to-one, full matches first. A full match
  also has the same set of actor codes and the same set of recipient codes.
- on matched gold events: aux (same set), date (system start equals gold at gold's precision),
  location (name agrees and, when gold has coordinates, within 25 km), attribution (speaker
  code and stance).
- a gold claim is recalled by a system claim in the same article whose ``content_span``
  overlaps the gold content and whose speaker code is the same; speaker+stance accuracy is
  over gold claims that some system claim overlaps.
- a gold quantity is recalled by a system quantity whose span overlaps the gold text (its
  first occurrence) with the same value.

The scoring functions work on plain record dicts (the v1 output format), so tests can check
them on hand-made records without running the pipeline.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "examples" / "corpus"
NEAR_KM = 25.0
SECTIONS = ("events", "claims", "quantities")

Record = dict[str, Any]


# ---------------------------------------------------------------------------- gold


@dataclass(frozen=True, slots=True)
class Gold:
    """The corpus: article dicts by id, and the three gold lists."""

    articles: dict[str, Record]
    events: list[Record]
    claims: list[Record]
    quantities: list[Record]


def read_jsonl(path: Path) -> list[Record]:
    """One JSON object per non-empty line; a bad line raises ``ValueError`` naming it."""
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            rows.append(json.loads(line))
        except json.JSONDecodeError as exc:
            raise ValueError(f"{path}:{number}: not JSON ({exc.msg})") from None
    return rows


def load_gold(corpus: Path = CORPUS) -> Gold:
    """Articles and gold of a corpus directory (``articles.jsonl`` and ``gold/*.jsonl``)."""
    articles = {a["id"]: a for a in read_jsonl(corpus / "articles.jsonl")}
    gold = corpus / "gold"
    return Gold(
        articles=articles,
        events=read_jsonl(gold / "events.jsonl"),
        claims=read_jsonl(gold / "claims.jsonl"),
        quantities=read_jsonl(gold / "quantities.jsonl"),
    )


# ---------------------------------------------------------------------------- matching helpers


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Half-open character ranges share at least one character."""
    return a[0] < b[1] and b[0] < a[1]


def trigger_offsets(text: str, sentence: str, trigger: str) -> tuple[int, int] | None:
    """Where gold places a trigger: its first occurrence in the sentence's first occurrence."""
    sentence_at = text.find(sentence)
    if sentence_at < 0:
        return None
    trigger_at = sentence.find(trigger)
    if trigger_at < 0:
        return None
    start = sentence_at + trigger_at
    return start, start + len(trigger)


def text_offsets(text: str, part: str) -> tuple[int, int] | None:
    """The first occurrence of a gold claim content or quantity text."""
    at = text.find(part)
    return None if at < 0 else (at, at + len(part))


def span_of(record: Record | None, key: str) -> tuple[int, int] | None:
    span = (record or {}).get(key)
    if not span:
        return None
    return span["start"], span["end"]


def participant_codes(participants: Iterable[Record] | None) -> set[str]:
    """The set of codes of a system actor/recipient list (uncoded participants left out)."""
    return {p["code"] for p in participants or () if p and p.get("code")}


def speaker_code(holder: Record | None) -> str | None:
    """The code of a system claim's or attribution's speaker, None when there is none."""
    speaker = (holder or {}).get("speaker")
    return speaker.get("code") if speaker else None


def full_match(system: Record, gold: Record) -> bool:
    """Same actor codes and recipient codes, as sets."""
    return participant_codes(system.get("actor")) == set(gold["actor"]) and participant_codes(
        system.get("recipient")
    ) == set(gold["recipient"])


def date_matches(system_date: Record | None, gold_date: str) -> bool:
    """The system start equals gold's date at gold's precision (``2025-08`` accepts any
    day of August 2025; ``2025-08-18`` needs that day)."""
    start = (system_date or {}).get("start")
    return bool(start) and start[: len(gold_date)] == gold_date


def normalise_place(name: str | None) -> str:
    """Lower case, no accents, no leading article: "the Gaza Strip" ~ "Gaza Strip"."""
    if not name:
        return ""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()
    plain = " ".join(plain.replace("'s ", " ").split())
    return plain.removeprefix("the ")


def location_matches(system_location: Record | None, gold_location: Record) -> bool:
    """The name agrees (either contains the other, over name and text) and, when gold has
    coordinates, the system's are within 25 km of them."""
    from newsgraph.places import haversine_km

    if not system_location:
        return False
    system_names = {
        normalise_place(system_location.get("name")),
        normalise_place(system_location.get("text")),
    } - {""}
    gold_names = {
        normalise_place(gold_location.get("name")),
        normalise_place(gold_location["text"]),
    }
    gold_names -= {""}
    if not any(s in g or g in s for s in system_names for g in gold_names):
        return False
    if gold_location.get("lat") is None:
        return True
    if system_location.get("lat") is None or system_location.get("lon") is None:
        return False
    distance = haversine_km(
        (system_location["lat"], system_location["lon"]),
        (gold_location["lat"], gold_location["lon"]),
    )
    return distance <= NEAR_KM


def attribution_matches(system_attribution: Record | None, gold_attribution: Record) -> bool:
    """Same speaker code (both may be None) and same stance."""
    if not system_attribution:
        return False
    return (
        speaker_code(system_attribution) == gold_attribution["speaker"]
        and system_attribution.get("stance") == gold_attribution["stance"]
    )


def values_equal(a: float | int | None, b: float | int | None) -> bool:
    if a is None or b is None:
        return False
    return abs(float(a) - float(b)) <= 1e-9 * max(1.0, abs(float(b)))


# ---------------------------------------------------------------------------- scoring


def ratio(numerator: int, denominator: int) -> float | None:
    return round(numerator / denominator, 3) if denominator else None


def match_events(
    system_events: list[Record], gold_events: list[Record], text: str
) -> list[tuple[Record, Record | None]]:
    """Pair each gold event of one article with at most one system event, one-to-one: first
    the pairs that also match fully, then the type-only ones, in gold order."""
    pairs: dict[int, Record] = {}
    used: set[int] = set()
    places = [trigger_offsets(text, g["sentence"], g["trigger"]) for g in gold_events]

    def candidates(index: int) -> list[int]:
        where = places[index]
        if where is None:
            return []
        return [
            i
            for i, s in enumerate(system_events)
            if i not in used
            and s.get("event") == gold_events[index]["event"]
            and (span := span_of(s, "trigger_span")) is not None
            and overlaps(span, where)
        ]

    for want_full in (True, False):
        for index, gold in enumerate(gold_events):
            if index in pairs:
                continue
            for i in candidates(index):
                if not want_full or full_match(system_events[i], gold):
                    pairs[index] = system_events[i]
                    used.add(i)
                    break
    return [(gold, pairs.get(index)) for index, gold in enumerate(gold_events)]


def by_article(rows: Iterable[Record]) -> dict[str, list[Record]]:
    grouped: dict[str, list[Record]] = {}
    for row in rows:
        grouped.setdefault(row["article"], []).append(row)
    return grouped


def score_events(records: dict[str, Record], gold: Gold, errors: list[str] | None = None) -> dict:
    gold_by_article = by_article(gold.events)
    system_total = sum(len(records.get(a, {}).get("events", [])) for a in gold.articles)
    matched = full = 0
    aux = Counter()
    dates = Counter()
    locations = Counter()
    attributions = Counter()
    by_type: dict[str, Counter] = {}
    for article_id, article in gold.articles.items():
        system_events = records.get(article_id, {}).get("events", [])
        golds = gold_by_article.get(article_id, [])
        for g, s in match_events(system_events, golds, article["text"]):
            counts = by_type.setdefault(g["event"], Counter())
            counts["gold"] += 1
            if s is None:
                if errors is not None:
                    errors.append(f"missed  {article_id} {g['event']:<9} {g['trigger']!r}")
                continue
            matched += 1
            counts["matched"] += 1
            is_full = full_match(s, g)
            full += is_full
            if not is_full and errors is not None:
                errors.append(
                    f"codes   {article_id} {g['event']:<9} {g['trigger']!r}: "
                    f"{sorted(participant_codes(s.get('actor')))}->"
                    f"{sorted(participant_codes(s.get('recipient')))}, "
                    f"gold {g['actor']}->{g['recipient']}"
                )
            aux["n"] += 1
            aux["right"] += set(s.get("aux") or ()) == set(g["aux"])
            if g.get("date"):
                dates["n"] += 1
                dates["right"] += date_matches(s.get("date"), g["date"])
            if g.get("location"):
                locations["n"] += 1
                locations["right"] += location_matches(s.get("location"), g["location"])
            if g.get("attribution"):
                attributions["n"] += 1
                attributions["right"] += attribution_matches(s.get("attribution"), g["attribution"])
    return {
        "gold": len(gold.events),
        "system": system_total,
        "matched": matched,
        "precision": ratio(matched, system_total),
        "recall": ratio(matched, len(gold.events)),
        "full_recall": ratio(full, len(gold.events)),
        "aux_accuracy": ratio(aux["right"], aux["n"]),
        "date_accuracy": ratio(dates["right"], dates["n"]),
        "location_accuracy": ratio(locations["right"], locations["n"]),
        "attribution_accuracy": ratio(attributions["right"], attributions["n"]),
        "counts": {
            "aux": aux["n"],
            "date": dates["n"],
            "location": locations["n"],
            "attribution": attributions["n"],
        },
        "recall_by_type": {t: ratio(c["matched"], c["gold"]) for t, c in sorted(by_type.items())},
    }


def score_claims(records: dict[str, Record], gold: Gold, errors: list[str] | None = None) -> dict:
    recalled = overlapped = right = 0
    system_total = system_on_gold = 0
    gold_by_article = by_article(gold.claims)
    for article_id, article in gold.articles.items():
        text = article["text"]
        system_claims = records.get(article_id, {}).get("claims", [])
        gold_spans = []
        for g in gold_by_article.get(article_id, []):
            where = text_offsets(text, g["content"])
            gold_spans.append(where)
            touching = [
                s
                for s in system_claims
                if where is not None
                and (span := span_of(s, "content_span")) is not None
                and overlaps(span, where)
            ]
            if any(speaker_code(s) == g["speaker"] for s in touching):
                recalled += 1
            elif errors is not None:
                errors.append(
                    f"missed  {article_id} claim of {g['speaker']}: {g['content'][:60]!r}"
                )
            if touching:
                overlapped += 1
                right += any(
                    speaker_code(s) == g["speaker"] and s.get("stance") == g["stance"]
                    for s in touching
                )
        system_total += len(system_claims)
        system_on_gold += sum(
            1
            for s in system_claims
            if (span := span_of(s, "content_span")) is not None
            and any(w is not None and overlaps(span, w) for w in gold_spans)
        )
    return {
        "gold": len(gold.claims),
        "system": system_total,
        "recall": ratio(recalled, len(gold.claims)),
        "precision": ratio(system_on_gold, system_total),
        "speaker_stance_accuracy": ratio(right, overlapped),
        "counts": {"overlapped": overlapped},
    }


def score_quantities(
    records: dict[str, Record], gold: Gold, errors: list[str] | None = None
) -> dict:
    recalled = qualifier_right = 0
    system_total = system_on_gold = 0
    gold_by_article = by_article(gold.quantities)
    for article_id, article in gold.articles.items():
        text = article["text"]
        system_quantities = records.get(article_id, {}).get("quantities", [])
        gold_spans = []
        for g in gold_by_article.get(article_id, []):
            where = text_offsets(text, g["text"])
            gold_spans.append(where)
            hits = [
                s
                for s in system_quantities
                if where is not None
                and (span := span_of(s, "span")) is not None
                and overlaps(span, where)
                and values_equal(s.get("value"), g["value"])
            ]
            if hits:
                recalled += 1
                qualifier_right += any(s.get("qualifier") == g["qualifier"] for s in hits)
            elif errors is not None:
                errors.append(f"missed  {article_id} quantity {g['text']!r} = {g['value']}")
        system_total += len(system_quantities)
        system_on_gold += sum(
            1
            for s in system_quantities
            if (span := span_of(s, "span")) is not None
            and any(w is not None and overlaps(span, w) for w in gold_spans)
        )
    return {
        "gold": len(gold.quantities),
        "system": system_total,
        "recall": ratio(recalled, len(gold.quantities)),
        "precision": ratio(system_on_gold, system_total),
        "qualifier_accuracy": ratio(qualifier_right, recalled),
    }


SCORERS = {"events": score_events, "claims": score_claims, "quantities": score_quantities}


def score(
    records: dict[str, Record],
    gold: Gold,
    sections: Iterable[str] = SECTIONS,
    errors: list[str] | None = None,
) -> dict[str, dict]:
    """Figures for each section, from v1 records keyed by article id."""
    return {name: SCORERS[name](records, gold, errors) for name in sections}


# ---------------------------------------------------------------------------- running


def extract(corpus: Path, workers: int, model: str | None) -> tuple[dict[str, Record], int]:
    """v1 records of the corpus by article id, and the number of articles that failed."""
    from newsgraph.errors import InputError
    from newsgraph.extract import extract_records
    from newsgraph.ingest import iter_articles
    from newsgraph.progress import track

    path = corpus / "articles.jsonl"
    total = sum(1 for line in path.read_text(encoding="utf-8").splitlines() if line.strip())
    records: dict[str, Record] = {}
    failed = 0
    results = extract_records(iter_articles([str(path)]), model=model, workers=workers)
    for result in track(results, "scoring corpus", total=total):
        if isinstance(result, InputError):
            print(f"newsgraph: {result}", file=sys.stderr)
            failed += result.fatal
            continue
        records[result["article"]["id"]] = result
    return records, failed


LABELS = {
    "precision": "precision",
    "recall": "recall (type)",
    "full_recall": "full recall (type+codes)",
    "aux_accuracy": "aux accuracy (matched)",
    "date_accuracy": "date accuracy (matched)",
    "location_accuracy": "location accuracy (matched)",
    "attribution_accuracy": "attribution accuracy (matched)",
    "speaker_stance_accuracy": "speaker+stance accuracy",
    "qualifier_accuracy": "qualifier accuracy (recalled)",
}


def render(report: dict) -> str:
    """The report as an aligned plain-text table."""
    lines = [
        f"newsgraph on {report['corpus']}: {report['articles']} articles, "
        f"workers={report['workers']}, {report['seconds']} s"
    ]
    for name in SECTIONS:
        figures = report.get(name)
        if figures is None:
            continue
        lines.append(f"{name}: {figures['gold']} gold, {figures['system']} system")
        for key, label in LABELS.items():
            if key in figures:
                value = figures[key]
                label = "recall" if key == "recall" and name != "events" else label
                lines.append(f"  {label:<32} {'n/a' if value is None else f'{value:.3f}'}")
        if "recall_by_type" in figures:
            by_type = ", ".join(
                f"{t} {'n/a' if v is None else f'{v:.2f}'}"
                for t, v in figures["recall_by_type"].items()
            )
            lines.append(f"  recall by type: {by_type}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="corpus directory")
    parser.add_argument("--workers", type=int, default=1, help="processes (default 1)")
    parser.add_argument("--model", help="spaCy pipeline to use instead of the default")
    parser.add_argument("--section", choices=(*SECTIONS, "all"), default="all")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--errors", type=int, default=0, metavar="N", help="list N misses")
    args = parser.parse_args(argv)
    try:
        gold = load_gold(args.corpus)
    except (OSError, ValueError, KeyError) as exc:
        print(f"corpus_gold: cannot read the corpus in {args.corpus}: {exc}", file=sys.stderr)
        return 2
    if args.workers < 1:
        print("corpus_gold: --workers must be at least 1", file=sys.stderr)
        return 2
    sections = SECTIONS if args.section == "all" else (args.section,)
    started = time.perf_counter()
    records, failed = extract(args.corpus, args.workers, args.model)
    seconds = round(time.perf_counter() - started, 1)
    errors: list[str] | None = [] if args.errors else None
    report = {
        "corpus": str(args.corpus),
        "articles": len(gold.articles),
        "failed": failed,
        "workers": args.workers,
        "seconds": seconds,
        **score(records, gold, sections, errors),
    }
    print(json.dumps(report, indent=2) if args.json else render(report))
    for line in (errors or [])[: args.errors]:
        print(line, file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
