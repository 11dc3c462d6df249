"""CAMEO-coded TSV in the Phoenix column layout, for users of Phoenix/ICEWS-era tools.

One row per (actor, recipient) dyad of each merged event; ``EventID`` is the merged event id
with the dyad number. ``GoldsteinScore`` is left empty: newsgraph does not score events.
``StateName`` is the province's name ("Kandahar"), or its GeoNames admin1 code where the
gazetteer has no name for it.
"""

from __future__ import annotations

import csv
from typing import TYPE_CHECKING, Any, TextIO

from newsgraph.export.tables import cameo_code, quad_class
from newsgraph.places.gazetteer import region_name

if TYPE_CHECKING:
    from newsgraph.store import Store

COLUMNS = (
    "EventID", "Date", "Year", "Month", "Day",
    "SourceActorFull", "SourceActorEntity", "SourceActorRole", "SourceActorAttribute",
    "TargetActorFull", "TargetActorEntity", "TargetActorRole", "TargetActorAttribute",
    "EventCode", "EventRootCode", "QuadClass", "GoldsteinScore", "Issues",
    "Lat", "Lon", "LocationName", "StateName", "CountryCode",
    "SentenceID", "URLs", "NewsSources",
)  # fmt: skip


def actor_columns(participant: dict[str, Any] | None) -> list[str]:
    if not participant:
        return ["", "", "", ""]
    code, sector = participant.get("code") or "", participant.get("sector") or ""
    return [code + sector, code, sector, ""]


def dyads(event: dict[str, Any]) -> list[tuple[dict | None, dict | None]]:
    actors = event["actor"] or [None]
    recipients = event["recipient"] or [None]
    return [(a, r) for a in actors for r in recipients if a is not None or r is not None] or [
        (None, None)
    ]


def cameo_rows(event: dict[str, Any]) -> list[list[Any]]:
    start = event["date"]["start"] or ""
    year, month, day = [*start.split("-"), "", "", ""][:3]
    code = cameo_code(event)
    location = event["location"] or {}
    first = event["reports"][0] if event["reports"] else {}
    sentence = first.get("text_info") or {}
    rows = []
    for n, (actor, recipient) in enumerate(dyads(event), start=1):
        rows.append(
            [
                f"{event['id']}-{n}",
                start.replace("-", ""),
                year,
                month,
                day,
                *actor_columns(actor),
                *actor_columns(recipient),
                code,
                code[:2],
                quad_class(event["event"]) or "",
                "",
                ";".join(event["context"]),
                "" if location.get("lat") is None else location["lat"],
                "" if location.get("lon") is None else location["lon"],
                location.get("name") or "",
                region_name(location.get("admin1")) or location.get("admin1") or "",
                location.get("code") or "",
                f"{first.get('article_id', '')}:{sentence.get('start', '')}",
                ";".join(dict.fromkeys(r["url"] for r in event["reports"] if r["url"])),
                ";".join(event["sources"]),
            ]
        )
    return rows


def write_cameo(store: Store, out: TextIO) -> int:
    writer = csv.writer(out, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(COLUMNS)
    count = 0
    for event in store.iter_events():
        for row in cameo_rows(event):
            writer.writerow(row)
            count += 1
    return count
