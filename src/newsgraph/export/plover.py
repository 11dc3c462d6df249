"""PLOVER JSONL: one merged event per line, named as in the PLOVER manual's data fields."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, TextIO

from newsgraph import __version__
from newsgraph.export.tables import quad_class
from newsgraph.places.gazetteer import region_name

if TYPE_CHECKING:
    from newsgraph.store import Store


def plover_entity(participant: dict[str, Any]) -> dict[str, Any]:
    return {
        "code": participant.get("code"),
        "sector": participant.get("sector"),
        "entity_text": participant.get("name"),
        "identifier_id": participant.get("entity_id"),
    }


def plover_location(location: dict[str, Any] | None) -> dict[str, Any] | None:
    if not location:
        return None
    return {
        "extracted_place": location.get("text"),
        "resolved_place": location.get("name"),
        "geonameid": location.get("geonameid"),
        "lat": location.get("lat"),
        "lon": location.get("lon"),
        # the province's name ("Kandahar") where the gazetteer knows it, and its code
        "province": region_name(location.get("admin1")) or location.get("admin1"),
        "admin1_code": location.get("admin1"),
        "country_code": location.get("code"),
        "precision": location.get("precision"),
    }


def plover_record(event: dict[str, Any]) -> dict[str, Any]:
    """A merged event as a PLOVER record; newsgraph's extras (reports, counts) ride along."""
    first = event["reports"][0] if event["reports"] else {}
    return {
        "id": f"newsgraph-{event['id']}",
        "date": event["date"]["start"],
        "enddate": event["date"]["end"],
        "date_precision": event["date"]["precision"],
        "actor": [plover_entity(p) for p in event["actor"]],
        "recipient": [plover_entity(p) for p in event["recipient"]],
        "event": [event["event"]],
        "mode": event["mode"],
        "context": event["context"],
        "aux": event["aux"],
        "event_loc": plover_location(event["location"]),
        "event_text": list(
            dict.fromkeys(r["event_text"] for r in event["reports"] if r["event_text"])
        ),
        "quad_code": quad_class(event["event"]),
        "text": first.get("text"),
        "text_info": first.get("text_info"),
        "cite_info": {
            "url": first.get("url"),
            "title": first.get("title"),
            "publication": first.get("source"),
            "coder": f"newsgraph {__version__}",
            "codebook": "plover-0.8",
        },
        "cameo": event["cameo"],
        "report_count": event["report_count"],
        "source_count": event["source_count"],
        "contradicted": event["contradicted"],
        "reports": [
            {
                "article": r["article_id"],
                "url": r["url"],
                "publication": r["source"],
                "published": r["published"],
                "text": r["text"],
                "text_info": r["text_info"],
                "event_text": r["event_text"],
                "attribution": r["attribution"],
            }
            for r in event["reports"]
        ],
    }


def write_plover(store: Store, out: TextIO) -> int:
    count = 0
    for event in store.iter_events():
        out.write(json.dumps(plover_record(event), ensure_ascii=False))
        out.write("\n")
        count += 1
    return count
