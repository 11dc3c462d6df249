"""Score the event coder against PLOVER-format gold records (one sentence each).

A gold record names one event: its type (``event_v08`` when present, else ``event``), its
source actors and its target recipients as codes. The pipeline codes the record's ``text``;
the record is *type-recalled* when some coded event has the gold type, and *fully recalled*
when such an event also has actors whose codes cover the gold source codes and recipients
whose codes cover the gold target codes. Every other coded event is an *extra* event.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsgraph.errors import InputError
from newsgraph.records import Article, Event

NONE = "-"


@dataclass(slots=True)
class GoldRecord:
    id: str
    text: str
    event: str
    mode: str | None
    actor_codes: list[str]
    recipient_codes: list[str]
    actor_texts: list[str]


@dataclass(slots=True)
class Scores:
    records: int = 0
    type_hits: int = 0
    full_hits: int = 0
    actor_text_hits: int = 0
    events: int = 0
    extra: int = 0
    correct_events: int = 0
    confusion: Counter = field(default_factory=Counter)
    predicted: Counter = field(default_factory=Counter)
    predicted_correct: Counter = field(default_factory=Counter)
    misses: list[dict[str, Any]] = field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        n = max(self.records, 1)
        return {
            "records": self.records,
            "type_recall": round(self.type_hits / n, 4),
            "full_recall": round(self.full_hits / n, 4),
            "actor_text_recall": round(self.actor_text_hits / max(self.type_hits, 1), 4),
            "type_precision": round(self.correct_events / max(self.events, 1), 4),
            "events": self.events,
            "extra_events_per_record": round(self.extra / n, 4),
            "confusion": {f"{g}->{p}": c for (g, p), c in sorted(self.confusion.items())},
            "precision_by_type": {
                t: round(self.predicted_correct[t] / c, 4)
                for t, c in sorted(self.predicted.items())
            },
        }


def _codes(value: Any) -> tuple[list[str], list[str]]:
    if not value:
        return [], []
    if isinstance(value, dict):
        value = [value]
    if isinstance(value, str):
        return [value], [value]
    codes = [v.get("code") for v in value if isinstance(v, dict) and v.get("code")]
    texts = [v.get("actorText") for v in value if isinstance(v, dict) and v.get("actorText")]
    return codes, texts


def read_gold(path: Path) -> list[GoldRecord]:
    """PLOVER-format records; one bad line is an error naming the line."""
    records: list[GoldRecord] = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise InputError(str(path), f"cannot read the gold file ({exc.strerror})") from None
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            raw = json.loads(line)
            event = raw.get("event_v08") or raw["event"]
            text = raw["text"]
        except (json.JSONDecodeError, KeyError, TypeError, AttributeError):
            raise InputError(
                f"{path}:{number}", "not a PLOVER gold record (needs text and event)"
            ) from None
        actor_codes, actor_texts = _codes(raw.get("source") or raw.get("actor"))
        recipient_codes, _ = _codes(raw.get("target") or raw.get("recipient"))
        records.append(
            GoldRecord(
                id=str(raw.get("id", number)),
                text=text,
                event=event,
                mode=raw.get("mode_v08"),
                actor_codes=actor_codes,
                recipient_codes=recipient_codes,
                actor_texts=actor_texts,
            )
        )
    return records


def covers(participants: list, codes: list[str]) -> bool:
    have = {p.code for p in participants if p.code}
    return set(codes) <= have


def texts_cover(participants: list, texts: list[str]) -> bool:
    have = [p.text.lower() for p in participants]
    return all(any(t.lower() in h or h in t.lower() for h in have) for t in texts)


def score(records: Iterable[tuple[GoldRecord, list[Event]]], keep_misses: bool = False) -> Scores:
    scores = Scores()
    for gold, events in records:
        scores.records += 1
        scores.events += len(events)
        typed = [e for e in events if e.event == gold.event]
        for e in events:
            scores.predicted[e.event] += 1
            if e.event == gold.event:
                scores.predicted_correct[e.event] += 1
        scores.correct_events += len(typed)
        if typed:
            scores.type_hits += 1
            scores.extra += len(events) - 1
            if any(
                covers(e.actor, gold.actor_codes) and covers(e.recipient, gold.recipient_codes)
                for e in typed
            ):
                scores.full_hits += 1
            if any(texts_cover(e.actor, gold.actor_texts) for e in typed):
                scores.actor_text_hits += 1
            scores.confusion[(gold.event, gold.event)] += 1
        else:
            scores.extra += len(events)
            scores.confusion[(gold.event, events[0].event if events else NONE)] += 1
        if keep_misses and not typed:
            scores.misses.append(
                {"id": gold.id, "gold": gold.event, "got": [e.event for e in events],
                 "text": gold.text}
            )  # fmt: skip
    return scores


def run(path: Path, model: str | None = None, keep_misses: bool = False) -> Scores:
    """Code every gold record's text with the full pipeline and score the result."""
    from newsgraph.extract import make_doc
    from newsgraph.nlp import load
    from newsgraph.progress import track

    records = read_gold(path)
    nlp = load(model)
    docs = (make_doc(nlp, Article(id=r.id, text=r.text)) for r in records)
    pairs = zip(records, nlp.pipe(docs), strict=True)
    coded = ((gold, doc._.events or []) for gold, doc in pairs)
    return score(track(coded, "evaluating", total=len(records), unit="records"), keep_misses)


def confusion_table(scores: Scores) -> str:
    """Gold types down, coded types across (the coded type of a missed record is its first
    event, or "-" when none was coded)."""
    gold_types = sorted({g for g, _ in scores.confusion})
    coded_types = sorted({p for _, p in scores.confusion})
    width = max(len(t) for t in gold_types + coded_types + ["gold\\coded"]) + 1
    lines = ["gold\\coded".ljust(width) + "".join(t[:5].rjust(6) for t in coded_types)]
    for g in gold_types:
        row = "".join(
            (str(scores.confusion[(g, p)]) if scores.confusion[(g, p)] else ".").rjust(6)
            for p in coded_types
        )
        lines.append(g.ljust(width) + row)
    return "\n".join(lines)


def calibration(scores: Scores) -> dict[str, float]:
    """P(type right | coded type), Laplace-smoothed: what ``confidence`` reports."""
    return {
        t: round((scores.predicted_correct[t] + 1) / (c + 2), 3)
        for t, c in sorted(scores.predicted.items())
    }
