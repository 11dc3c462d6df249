"""Which statements about one event disagree: pure functions over reports and claims.

Two kinds:
- ``stance``: someone asserts (or alleges, or acknowledges) the event and someone denies it;
  a report whose event carries the ``negation`` aux counts as a denial by its speaker.
- ``figure``: two statements give figures for the same thing (same unit, overlapping counted
  words) whose ranges cannot both be true ("9 soldiers killed" vs "30 soldiers killed";
  "about 100" and "over 95" agree).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from newsgraph.data import data_path
from newsgraph.store.merge import normalize_name, participant_key

ASSERTING = frozenset({"assert", "allege", "acknowledge"})
DENYING = frozenset({"deny"})
#: Relative slack of an "about" figure.
ABOUT_SLACK = 0.1
#: Words too general to tell what a figure counts.
_STOP = frozenset(data_path("store", "figure_stopwords.txt").read_text(encoding="utf-8").split())


def report_stance(event: dict[str, Any]) -> str:
    """The stance a report takes on its event: its attribution's, turned to ``deny`` when the
    event itself is negated and asserted (a plain "did not attack")."""
    attribution = event.get("attribution") or {}
    stance = attribution.get("stance") or "assert"
    if "negation" in (event.get("aux") or ()) and stance in ASSERTING:
        return "deny"
    return stance


def figure_range(quantity: dict[str, Any]) -> tuple[float, float] | None:
    """The values a quantity allows, from its qualifier."""
    value = quantity.get("value")
    if not isinstance(value, int | float) or isinstance(value, bool):
        return None
    qualifier = quantity.get("qualifier")
    if qualifier in ("over", "at_least"):
        return float(value), float("inf")
    if qualifier == "up_to":
        return float("-inf"), float(value)
    if qualifier == "about":
        slack = abs(value) * ABOUT_SLACK
        return value - slack, value + slack
    return float(value), float(value)


def counted_words(quantity: dict[str, Any]) -> frozenset[str]:
    """Crudely stemmed content words of what a figure counts: "soldiers killed" -> soldier, kill."""
    words = set()
    for word in normalize_name(quantity.get("counts") or "").split():
        if word in _STOP or word.isdigit():
            continue
        word = re.sub(r"(ies)$", "y", word)
        word = re.sub(r"(?<=[a-z]{3})(es|s|ed|ing)$", "", word)
        words.add(word)
    return frozenset(words)


def figure_subject(quantity: dict[str, Any]) -> str:
    """An index key for what a figure counts: ``unit|sorted stems``."""
    unit = normalize_name(quantity.get("unit") or "")
    return f"{unit}|{' '.join(sorted(counted_words(quantity)))}"


def same_subject(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """True when two figures count the same kind of thing."""
    if normalize_name(a.get("unit") or "") != normalize_name(b.get("unit") or ""):
        return False
    words_a, words_b = counted_words(a), counted_words(b)
    if not words_a or not words_b:
        return not words_a and not words_b
    return bool(words_a & words_b)


def figures_conflict(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """True when the two figures' ranges cannot both hold."""
    range_a, range_b = figure_range(a), figure_range(b)
    if range_a is None or range_b is None:
        return False
    return range_a[1] < range_b[0] or range_b[1] < range_a[0]


def speaker_label(speaker: dict[str, Any] | None, source: str | None) -> str:
    if speaker:
        key = participant_key(speaker) or ""
        name = speaker.get("name") or speaker.get("text") or ""
        if key and not key.startswith("name:") and name and normalize_name(name) != key.lower():
            return f"{key} ({name})"
        return name or key or "someone"
    return source or "the article"


def statement_sides(
    reports: Iterable[dict[str, Any]], claims: Iterable[dict[str, Any]]
) -> list[dict[str, Any]]:
    """Every statement about an event, as contradiction sides: reports (the outlet's voice or
    its attribution) and the claims linked to the event."""
    sides = []
    for report in reports:
        event = report["data"]
        attribution = event.get("attribution") or {}
        sides.append(
            {
                "report_id": report["id"],
                "claim_id": None,
                "article_id": report["article_id"],
                "source": report.get("source"),
                "speaker": attribution.get("speaker"),
                "stance": report_stance(event),
                "text": event.get("text") or event.get("event_text") or "",
                "span": event.get("text_info"),
                "quantities": event.get("quantities") or [],
            }
        )
    report_list = list(reports)
    for claim in claims:
        data = claim["data"]
        stance = claim_stance(data, claim["article_id"], report_list)
        speaker = participant_key(data.get("speaker") or {})
        if any(
            side["report_id"] is not None
            and side["article_id"] == claim["article_id"]
            and side["stance"] == stance
            and participant_key(side["speaker"] or {}) == speaker
            for side in sides
        ):
            continue  # the report already stands for this statement
        sides.append(
            {
                "report_id": None,
                "claim_id": claim["id"],
                "article_id": claim["article_id"],
                "source": claim.get("source"),
                "speaker": data.get("speaker"),
                "stance": stance,
                "text": data.get("content") or "",
                "span": data.get("content_span"),
                "quantities": data.get("quantities") or [],
            }
        )
    return sides


def _inside(inner: dict[str, Any] | None, outer: dict[str, Any] | None) -> bool:
    if not inner or not outer:
        return False
    return outer["start"] <= inner["start"] and inner["end"] <= outer["end"]


def claim_stance(claim: dict[str, Any], article_id: str, reports: list[dict[str, Any]]) -> str:
    """A claim's stance on the event: "X said it did not happen" asserts a negated event,
    which denies it. The negation is read off the claim's own article's report whose trigger
    lies inside the claim's content."""
    stance = claim.get("stance") or "assert"
    negated = any(
        report["article_id"] == article_id
        and "negation" in (report["data"].get("aux") or ())
        and _inside(report["data"].get("trigger_span"), claim.get("content_span"))
        for report in reports
    )
    if negated and stance in ASSERTING:
        return "deny"
    return stance


def _side(side: dict[str, Any], **extra: Any) -> dict[str, Any]:
    keep = ("claim_id", "report_id", "article_id", "source", "speaker", "stance", "text")
    return {**{k: side[k] for k in keep}, "value": None, **extra}


def stance_contradiction(sides: list[dict[str, Any]]) -> dict[str, Any] | None:
    """One ``stance`` contradiction when some side asserts and another denies."""
    asserting = [s for s in sides if s["stance"] in ASSERTING]
    denying = [s for s in sides if s["stance"] in DENYING]
    if not asserting or not denying:
        return None
    who = "; ".join(
        f"{speaker_label(s['speaker'], s['source'])} {'denies' if s in denying else 'asserts'}"
        for s in _distinct_speakers(asserting + denying)
    )
    return {
        "kind": "stance",
        "subject": "whether it happened",
        "description": who,
        "sides": [_side(s) for s in asserting + denying],
    }


def _distinct_speakers(sides: list[dict[str, Any]]) -> list[dict[str, Any]]:
    seen, kept = set(), []
    for side in sides:
        label = (speaker_label(side["speaker"], side["source"]), side["stance"] in DENYING)
        if label not in seen:
            seen.add(label)
            kept.append(side)
    return kept


def figure_contradictions(sides: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One ``figure`` contradiction per thing counted whose figures disagree across sides."""
    figures = []
    seen_spans = set()
    for index, side in enumerate(sides):
        for quantity in side["quantities"]:
            span = quantity.get("span") or {}
            where = (side["article_id"], span.get("start"), span.get("end"))
            if where in seen_spans:  # the same words, carried by both a claim and an event
                continue
            seen_spans.add(where)
            figures.append((index, quantity))
    groups: list[list[tuple[int, dict[str, Any]]]] = []
    for figure in figures:
        for group in groups:
            if same_subject(group[0][1], figure[1]):
                group.append(figure)
                break
        else:
            groups.append([figure])
    found = []
    for group in groups:
        conflicting = any(
            a[0] != b[0] and figures_conflict(a[1], b[1])
            for i, a in enumerate(group)
            for b in group[i + 1 :]
        )
        if not conflicting:
            continue
        first = group[0][1]
        subject = first.get("counts") or first.get("unit") or "figure"
        found.append(
            {
                "kind": "figure",
                "subject": subject,
                "subject_key": figure_subject(first),
                "description": "; ".join(
                    f"{speaker_label(sides[i]['speaker'], sides[i]['source'])}: {q.get('text')}"
                    for i, q in group
                ),
                "sides": [
                    _side(sides[i], value=q.get("value"), figure=q.get("text")) for i, q in group
                ],
            }
        )
    return found


def event_contradictions(
    reports: Iterable[dict[str, Any]], claims: Iterable[dict[str, Any]]
) -> list[dict[str, Any]]:
    """Every contradiction among the statements about one merged event.

    ``reports``: ``{"id", "article_id", "source", "data": v1 event}``;
    ``claims``: ``{"id", "article_id", "source", "data": v1 claim}``.
    """
    sides = statement_sides(reports, claims)
    found = []
    stance = stance_contradiction(sides)
    if stance:
        found.append(stance)
    found.extend(figure_contradictions(sides))
    return found
