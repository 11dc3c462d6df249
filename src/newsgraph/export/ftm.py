"""FollowTheMoney entities (JSON lines) for Aleph: actors as Person / Organization /
PublicBody, places as Address, articles as Article, merged events as Event (organisers =
actors, involved = every participant) and each report as a Documentation linking an
article to the event it reports. Every entity is checked against followthemoney's model."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, TextIO

from followthemoney import model

if TYPE_CHECKING:
    from newsgraph.store import Store

SCHEMA_BY_KIND = {
    "person": "Person",
    "organization": "Organization",
    "group": "Organization",
    "igo": "Organization",
    "state": "PublicBody",
    "place": "Address",
}
NON_STATE_CODES = frozenset({"IGO", "NGO", "MNC"})


def make(schema: str, entity_id: str, **properties: Any) -> dict[str, Any]:
    """A validated FtM entity dict; values that do not clean (e.g. ``IGO`` as a country)
    are dropped by followthemoney itself."""
    proxy = model.make_entity(schema)
    proxy.id = entity_id
    for prop, values in properties.items():
        if values is None:
            continue
        for value in values if isinstance(values, list | tuple | set) else [values]:
            if value not in (None, ""):
                proxy.add(prop, value)
    data = proxy.to_dict()
    error = model.get(schema).validate(data)
    if error:
        raise ValueError(f"FollowTheMoney rejected {schema} {entity_id}: {error}")
    return data


def actor_entities(store: Store) -> tuple[list[dict[str, Any]], dict[int, str], dict[str, str]]:
    """FtM entities of stored actors; maps from store entity id and from state code to FtM id."""
    entities, by_id, by_code = [], {}, {}
    for entity in store.entities(limit=None):
        schema = SCHEMA_BY_KIND.get(entity["kind"] or "", "LegalEntity")
        ftm_id = f"newsgraph-entity-{entity['id']}"
        by_id[entity["id"]] = ftm_id
        code = entity["code"] if entity["code"] not in NON_STATE_CODES else None
        if schema == "Address":
            entities.append(make(schema, ftm_id, full=entity["name"], country=code))
            continue
        if entity["kind"] == "state" and code:
            by_code.setdefault(code, ftm_id)
        properties: dict[str, Any] = {
            "name": entity["name"],
            "alias": entity["aliases"],
            "country": code,
            "topics": "role.pol" if entity["kind"] in ("state", "igo") else None,
        }
        if schema == "Person":
            properties["position"] = entity["titles"]
        entities.append(make(schema, ftm_id, **properties))
    return entities, by_id, by_code


def participant_id(
    participant: dict[str, Any], by_id: dict[int, str], by_code: dict[str, str], extra: list
) -> str | None:
    """The FtM id standing for an event participant, making a state body when needed."""
    if participant.get("entity_id") in by_id:
        return by_id[participant["entity_id"]]
    code = participant.get("code")
    if code and code not in NON_STATE_CODES:
        if code not in by_code:
            by_code[code] = f"newsgraph-state-{code}"
            from newsgraph.store.store import country_name

            extra.append(
                make("PublicBody", by_code[code], name=country_name(code) or code, country=code)
            )
        return by_code[code]
    return None


def ftm_entities(store: Store) -> Iterator[dict[str, Any]]:
    actors, by_id, by_code = actor_entities(store)
    yield from actors
    for article_id, title, published, source, url, text in store.iter_article_texts():
        yield make(
            "Article",
            f"newsgraph-article-{article_id}",
            title=title or article_id,
            publishedAt=(published or "")[:10] or None,
            publisher=source,
            sourceUrl=url,
            bodyText=text,
        )
    for entity_id, ftm_id in by_id.items():
        for article_id in store.entity(entity_id)["articles"]:
            yield make(
                "Documentation",
                f"{ftm_id}-in-{article_id}",
                document=f"newsgraph-article-{article_id}",
                entity=ftm_id,
                role="mentioned",
            )
    for event in store.iter_events():
        extra: list[dict[str, Any]] = []
        actor_ids = [participant_id(p, by_id, by_code, extra) for p in event["actor"]]
        recipient_ids = [participant_id(p, by_id, by_code, extra) for p in event["recipient"]]
        yield from extra
        location = event["location"] or {}

        def names(participants: list[dict[str, Any]]) -> str:
            return ", ".join(p["code"] or p["name"] or "?" for p in participants) or "?"

        event_id = f"newsgraph-event-{event['id']}"
        first = event["reports"][0] if event["reports"] else {}
        yield make(
            "Event",
            event_id,
            name=f"{event['event']}: {names(event['actor'])} -> {names(event['recipient'])}",
            date=event["date"]["start"] if event["date"]["precision"] != "range" else None,
            startDate=event["date"]["start"] if event["date"]["precision"] == "range" else None,
            endDate=event["date"]["end"],
            summary=first.get("text"),
            description=f"{event['report_count']} report(s) from {event['source_count']} "
            f"source(s)" + ("; statements contradict each other" if event["contradicted"] else ""),
            organizer=[i for i in actor_ids if i],
            involved=[i for i in actor_ids + recipient_ids if i],
            location=location.get("name"),
            country=location.get("code"),
            keywords=[event["event"], *event["mode"], *event["context"], *event["aux"]],
            sourceUrl=[r["url"] for r in event["reports"] if r["url"]],
            publisher=event["sources"],
        )
        for report in event["reports"]:
            yield make(
                "Documentation",
                f"newsgraph-report-{report['id']}",
                document=f"newsgraph-article-{report['article_id']}",
                entity=event_id,
                role="report",
                summary=report["text"],
                date=(report["published"] or "")[:10] or None,
            )


def write_ftm(store: Store, out: TextIO) -> int:
    count = 0
    for entity in ftm_entities(store):
        out.write(json.dumps(entity, ensure_ascii=False))
        out.write("\n")
        count += 1
    return count
