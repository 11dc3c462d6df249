"""CSV: one row per merged event, the columns an analyst filters on in a spreadsheet."""

from __future__ import annotations

import csv
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from newsgraph.store import Store

COLUMNS = (
    "id", "date", "date_end", "date_precision", "event", "mode", "context", "aux",
    "actor_codes", "actor_sectors", "actor_names", "recipient_codes", "recipient_sectors",
    "recipient_names", "location", "location_code", "lat", "lon", "cameo", "confidence",
    "report_count", "source_count", "sources", "first_reported", "last_reported", "contradicted",
    "articles", "urls", "triggers", "sentence",
)  # fmt: skip


def _join(values: Any) -> str:
    return ";".join("" if v is None else str(v) for v in values)


def csv_row(event: dict[str, Any]) -> dict[str, Any]:
    location = event["location"] or {}
    reports = event["reports"]
    return {
        "id": event["id"],
        "date": event["date"]["start"] or "",
        "date_end": event["date"]["end"] or "",
        "date_precision": event["date"]["precision"],
        "event": event["event"],
        "mode": _join(event["mode"]),
        "context": _join(event["context"]),
        "aux": _join(event["aux"]),
        "actor_codes": _join(p["code"] for p in event["actor"]),
        "actor_sectors": _join(p["sector"] for p in event["actor"]),
        "actor_names": _join(p["name"] for p in event["actor"]),
        "recipient_codes": _join(p["code"] for p in event["recipient"]),
        "recipient_sectors": _join(p["sector"] for p in event["recipient"]),
        "recipient_names": _join(p["name"] for p in event["recipient"]),
        "location": location.get("name") or "",
        "location_code": location.get("code") or "",
        "lat": "" if location.get("lat") is None else location["lat"],
        "lon": "" if location.get("lon") is None else location["lon"],
        "cameo": event["cameo"] or "",
        "confidence": "" if event["confidence"] is None else event["confidence"],
        "report_count": event["report_count"],
        "source_count": event["source_count"],
        "sources": _join(event["sources"]),
        "first_reported": event["first_reported"] or "",
        "last_reported": event["last_reported"] or "",
        "contradicted": int(event["contradicted"]),
        "articles": _join(dict.fromkeys(r["article_id"] for r in reports)),
        "urls": _join(dict.fromkeys(r["url"] for r in reports if r["url"])),
        "triggers": _join(dict.fromkeys(r["event_text"] for r in reports if r["event_text"])),
        "sentence": reports[0]["text"] if reports else "",
    }


def write_csv(store: Store, out: TextIO) -> int:
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    count = 0
    for event in store.iter_events():
        writer.writerow(csv_row(event))
        count += 1
    return count
