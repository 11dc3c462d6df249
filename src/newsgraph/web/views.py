"""Shapes the store's dicts into what the pages and the visualisations draw.

No SQL here: everything comes from the ``Store`` read methods (STORE_API.md).
"""

from __future__ import annotations

import calendar
from collections import Counter
from typing import Any

from fastapi import Request

from newsgraph.records import PLOVER_EVENT_TYPES
from newsgraph.web.highlight import Mark


def store_of(request: Request) -> Any:
    """The read-only ``Store`` the app was started with."""
    return request.app.state.store


def cache_of(request: Request) -> Any:
    """The app's ``StoreCache`` for answers of whole-store queries."""
    return request.app.state.cache


def actor_key(entity: dict) -> str:
    """The filter value that selects an entity's events: its code for a state, else its name.

    A state's code gathers its government, army and officials (what analysts expect on a
    state's page); a person or organisation shares its country's code, so it goes by name.
    """
    if entity.get("kind") == "state" and entity.get("code"):
        return str(entity["code"])
    return str(entity.get("name") or entity.get("code") or "")


def participant_label(participant: dict | None) -> str:
    if not participant:
        return "unknown"
    return str(participant.get("name") or participant.get("code") or participant.get("text") or "?")


def side_label(participants: list[dict]) -> str:
    return ", ".join(participant_label(p) for p in participants) or "—"


def dyad_label(event: dict) -> str:
    """``actor → recipient`` (just the actors for a joint action without a recipient)."""
    actors = side_label(event.get("actor", []))
    recipients = event.get("recipient") or []
    return f"{actors} → {side_label(recipients)}" if recipients else actors


def _iso_bounds(date: dict | None) -> tuple[str | None, str | None]:
    """A v1 Date as the first and last day it can mean (``2025-08`` -> 08-01 .. 08-31)."""
    if not date or not date.get("start"):
        return None, None
    start = str(date["start"])[:10]
    end = str(date.get("end") or date["start"])[:10]
    return _first_day(start), _last_day(end)


def _first_day(value: str) -> str | None:
    parts = value.split("-")
    try:
        year = int(parts[0])
        month = int(parts[1]) if len(parts) > 1 else 1
        day = int(parts[2]) if len(parts) > 2 else 1
    except ValueError:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def _last_day(value: str) -> str | None:
    parts = value.split("-")
    try:
        year = int(parts[0])
        month = int(parts[1]) if len(parts) > 1 else 12
        day = int(parts[2]) if len(parts) > 2 else calendar.monthrange(year, month)[1]
    except (ValueError, calendar.IllegalMonthError):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def timeline_items(events: list[dict]) -> tuple[list[dict], int]:
    """vis-timeline items (plain text only; the page builds DOM nodes from them) + undated count.

    Day-precise events are points; a month, a year or a range is drawn as the span it covers.
    """
    items: list[dict] = []
    undated = 0
    for event in events:
        first, last = _iso_bounds(event.get("date"))
        if first is None:
            undated += 1
            continue
        item = {
            "id": event["id"],
            "group": event.get("event"),
            "start": first,
            "label": dyad_label(event),
            "event": event.get("event"),
            "aux": event.get("aux", []),
            "date": (event.get("date") or {}).get("start"),
            "reports": event.get("report_count", len(event.get("reports", []))),
            "role": event.get("role"),
            "contradicted": bool(event.get("contradicted")),
        }
        if last and last != first:
            item["end"] = f"{last}T23:59:59"
            item["type"] = "range"
        else:
            item["type"] = "point"
        items.append(item)
    return items, undated


def top_dyads(network: dict, limit: int = 10) -> list[dict]:
    """The (actor, recipient) pairs with the most events, all event types together."""
    labels = {node["id"]: node.get("label") or node["id"] for node in network.get("nodes", [])}
    counts: Counter[tuple[str, str]] = Counter()
    types: dict[tuple[str, str], Counter[str]] = {}
    for edge in network.get("edges", []):
        pair = (edge["source"], edge["target"])
        counts[pair] += edge.get("count", 1)
        types.setdefault(pair, Counter())[edge.get("event", "?")] += edge.get("count", 1)
    return [
        {
            "source": source,
            "target": target,
            "source_label": labels.get(source, source),
            "target_label": labels.get(target, target),
            "count": count,
            "types": [t for t, _ in types[(source, target)].most_common(3)],
        }
        for (source, target), count in counts.most_common(limit)
    ]


def article_marks(article: dict) -> list[Mark]:
    """Highlights for an article page: claims, quantities, event triggers, event places,
    entity mentions."""
    marks: list[Mark] = []
    for claim in article.get("claims", []):
        span = claim.get("content_span") or {}
        if "start" in span:
            speaker = participant_label(claim.get("speaker"))
            event_ids = claim.get("event_ids") or []
            marks.append(
                Mark(
                    span["start"],
                    span["end"],
                    "claim",
                    f"/events/{int(event_ids[0])}" if event_ids else None,
                    f"claim by {speaker} ({claim.get('stance')})",
                )
            )
    for quantity in article.get("quantities", []):
        span = quantity.get("span") or {}
        if "start" in span:
            marks.append(Mark(span["start"], span["end"], "quantity", None, "quantity"))
    for report in article.get("events", []):
        span = report.get("trigger_span") or {}
        if "start" in span and report.get("event_id") is not None:
            marks.append(
                Mark(
                    span["start"],
                    span["end"],
                    "trigger",
                    f"/events/{int(report['event_id'])}",
                    f"{report.get('event')} event",
                )
            )
    for report in article.get("events", []):
        location = report.get("location") or {}
        span = location.get("span") or {}
        if "start" not in span or location.get("source") != "text":
            continue
        marks.append(
            Mark(
                span["start"],
                span["end"],
                "place",
                map_link(location),
                f"place of the {report.get('event')} event: {location.get('name')}"
                f" ({location.get('precision') or 'unknown'} level)",
            )
        )
    for mention in article.get("mentions", []):
        if mention.get("entity_id") is None:
            continue
        code = f" ({mention['code']})" if mention.get("code") else ""
        marks.append(
            Mark(
                mention["start"],
                mention["end"],
                "mention",
                f"/actors/{int(mention['entity_id'])}",
                f"{mention.get('name') or mention.get('text')}{code}",
            )
        )
    return marks


def snippet_parts(hit: dict) -> list[tuple[str, bool]]:
    """A search hit's plain-text snippet cut at its highlight offsets into (text, is_match).

    The template prints each piece escaped and wraps matches in its own ``<mark>``; the
    store's ready-made ``snippet_html`` is never used, so no HTML travels from the store.
    """
    text = hit.get("snippet") or ""
    parts: list[tuple[str, bool]] = []
    position = 0
    for start, end in sorted(hit.get("highlights") or []):
        start, end = max(start, position), min(end, len(text))
        if start >= end:
            continue
        if start > position:
            parts.append((text[position:start], False))
        parts.append((text[start:end], True))
        position = end
    if position < len(text):
        parts.append((text[position:], False))
    return parts


#: vis-timeline groups and filter choices, in PLOVER's order from cooperation to violence.
EVENT_TYPES = PLOVER_EVENT_TYPES


def map_points(events: list[dict]) -> list[dict]:
    """One map point per event that has coordinates (plain text only; the page draws SVG).

    The merged location is the event's own place; an event with none falls back to a report's
    dateline, flagged ``dateline`` so the map draws it hollow (where it was reported from, not
    necessarily where it happened).
    """
    points: list[dict] = []
    for event in events:
        location, dateline = event.get("location"), False
        if not _has_point(location):
            location = next(
                (r["location"] for r in event.get("reports", []) if _has_point(r.get("location"))),
                None,
            )
            dateline = location is not None
        if location is None:
            continue
        points.append(
            {
                "id": event["id"],
                "event": event.get("event"),
                "lat": float(location["lat"]),
                "lon": float(location["lon"]),
                "place": location.get("name") or location.get("text") or "",
                "precision": location.get("precision"),
                "level": precision_words(location),
                "dateline": dateline,
                "label": dyad_label(event),
                "date": (event.get("date") or {}).get("start"),
            }
        )
    return points


#: How far a place can be trusted, in words, for the levels coarser than a town.
PRECISION_WORDS = {
    "district": "district",
    "admin1": "province or region",
    "country": "country only",
}


def precision_words(location: dict | None) -> str | None:
    """ "province or region" for an admin1-level place; None for a town or a site."""
    return PRECISION_WORDS.get((location or {}).get("precision") or "")


#: The radius of the map a place links to (an event page's "on the map", an article's places).
MAP_LINK_KM = 50


def map_link(location: dict | None) -> str | None:
    """The map around a location's point, or None when it has no point."""
    if location is None or not _has_point(location):
        return None
    return f"/map?near={location['lat']},{location['lon']}&km={MAP_LINK_KM}"


def _has_point(location: dict | None) -> bool:
    return bool(location) and location.get("lat") is not None and location.get("lon") is not None
