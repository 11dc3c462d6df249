"""The JSON API under ``/api/``: the store's read methods over HTTP, with the CLI's filters.

Every endpoint returns the store's plain dicts unchanged (shapes in STORE_API.md), so the API,
the CLI and the Python API describe the same data the same way.
"""

from __future__ import annotations

import json
from typing import Annotated, Any, Literal

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import JSONResponse, Response

from newsgraph.store.near import DEFAULT_KM, resolve_point
from newsgraph.web.views import cache_of, map_points, store_of, timeline_items


class StoreJSON(JSONResponse):
    """The store's dicts are JSON-ready: dump them as they are (no per-field validation pass,
    which costs more than the query on large answers)."""

    def render(self, content: Any) -> bytes:
        return json.dumps(content, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


router = APIRouter(prefix="/api", tags=["api"], default_response_class=StoreJSON)

#: Events drawn on a timeline at most (the newest ones); more would not be readable anyway.
TIMELINE_LIMIT = 200
#: The newest events the map looks at; those with a place become points.
MAP_LIMIT = 2000

DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"

Actor = Annotated[
    str | None,
    Query(description="A code (RUS, IGO) or a name/alias, matched as the CLI's --actor"),
]
EventType = Annotated[
    str | None, Query(description="PLOVER 0.8 event type, e.g. ASSAULT (case-insensitive)")
]
Since = Annotated[
    str | None, Query(pattern=DATE_PATTERN, description="YYYY, YYYY-MM or YYYY-MM-DD, inclusive")
]
Until = Annotated[
    str | None, Query(pattern=DATE_PATTERN, description="YYYY, YYYY-MM or YYYY-MM-DD, inclusive")
]
Near = Annotated[
    str | None,
    Query(description="A place name (resolved offline) or LAT,LON: only events located near it"),
]
Km = Annotated[float, Query(gt=0, description="Radius for `near`, in km")]
Placed = Annotated[
    Literal["any", "text"],
    Query(
        description="`text`: only events whose article names their place, not those placed "
        "by their dateline alone"
    ),
]
Limit = Annotated[int, Query(ge=1, le=1000)]
Offset = Annotated[int, Query(ge=0)]


def _page(items: list[Any], key: str, limit: int, offset: int, total: int | None = None) -> dict:
    page: dict[str, Any] = {"limit": limit, "offset": offset, key: items}
    if total is not None:
        page["total"] = total
    return page


@router.get("/stats", summary="What the store holds")
def api_stats(request: Request) -> StoreJSON:
    return StoreJSON(store_of(request).stats())


@router.get("/events", summary="Merged events, newest first (filters as `newsgraph events`)")
def api_events(
    request: Request,
    actor: Actor = None,
    role: Annotated[str | None, Query(pattern="^(actor|recipient)$")] = None,
    recipient: Actor = None,
    type: EventType = None,
    since: Since = None,
    until: Until = None,
    source: str | None = None,
    article: str | None = None,
    contradicted: bool | None = None,
    near: Near = None,
    km: Km = DEFAULT_KM,
    limit: Limit = 100,
    offset: Offset = 0,
) -> StoreJSON:
    store = store_of(request)
    filters = {
        "near": resolve_point(near) if near is not None else None,
        "km": km,
        "role": role,
        "recipient": recipient,
        "type": type,
        "since": since,
        "until": until,
        "source": source,
        "article": article,
        "contradicted": contradicted,
    }
    items = store.events(actor, limit=limit, offset=offset, **filters)
    total = store.count_events(actor, **filters)
    return StoreJSON(_page(items, "events", limit, offset, total))


@router.get("/events/{event_id}", summary="One merged event: reports, claims, contradictions")
def api_event(request: Request, event_id: int) -> StoreJSON:
    event = store_of(request).event(event_id)
    if event is None:
        raise HTTPException(404, f"no event {event_id}")
    return StoreJSON(event)


@router.get("/entities", summary="Actors and other entities, most mentioned first")
def api_entities(
    request: Request,
    q: Annotated[str | None, Query(description="name or alias to look for")] = None,
    kind: str | None = None,
    code: str | None = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> StoreJSON:
    items = store_of(request).entities(q, kind=kind, code=code, limit=limit, offset=offset)
    return StoreJSON(_page(items, "entities", limit, offset))


@router.get("/entities/{entity_id}", summary="One entity with its articles and event count")
def api_entity(request: Request, entity_id: int) -> StoreJSON:
    entity = store_of(request).entity(entity_id)
    if entity is None:
        raise HTTPException(404, f"no entity {entity_id}")
    return StoreJSON(entity)


@router.get("/claims", summary="Attributed claims (filters as `newsgraph claims`)")
def api_claims(
    request: Request,
    about: Actor = None,
    by: Actor = None,
    stance: Annotated[
        str | None, Query(pattern="^(assert|deny|allege|acknowledge|deny_knowledge)$")
    ] = None,
    article: str | None = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> StoreJSON:
    items = store_of(request).claims(
        about, by=by, stance=stance, article=article, limit=limit, offset=offset
    )
    return StoreJSON(_page(items, "claims", limit, offset))


@router.get("/contradictions", summary="Claims and figures that contradict each other")
def api_contradictions(
    request: Request, event: int | None = None, limit: Limit = 100, offset: Offset = 0
) -> StoreJSON:
    items = store_of(request).contradictions(event=event, limit=limit, offset=offset)
    return StoreJSON(_page(items, "contradictions", limit, offset))


@router.get("/articles", summary="Stored articles, newest first")
def api_articles(
    request: Request, source: str | None = None, limit: Limit = 100, offset: Offset = 0
) -> StoreJSON:
    items = store_of(request).articles(source=source, limit=limit, offset=offset)
    return StoreJSON(_page(items, "articles", limit, offset))


@router.get("/articles/{article_id:path}", summary="One article: text, mentions, events, claims")
def api_article(request: Request, article_id: str) -> StoreJSON:
    article = store_of(request).article(article_id)
    if article is None:
        raise HTTPException(404, f"no article {article_id!r}")
    return StoreJSON(article)


@router.get("/search", summary="Full-text search over titles and texts")
def api_search(
    request: Request, q: Annotated[str, Query(min_length=1)], limit: Limit = 50
) -> StoreJSON:
    return StoreJSON({"q": q, "hits": store_of(request).search(q, limit=limit)})


@router.get("/network", summary="Actor graph: nodes and (actor, recipient, type) edges")
def api_network(
    request: Request,
    actor: Actor = None,
    type: EventType = None,
    since: Since = None,
    until: Until = None,
    min_count: Annotated[int, Query(ge=1)] = 1,
) -> Response:
    body = network_body(store_of(request), cache_of(request), actor, type, since, until, min_count)
    return Response(body, media_type="application/json")


@router.get("/timeline", summary="The newest events as timeline items (an actor's, or all)")
def api_timeline(
    request: Request,
    actor: Actor = None,
    type: EventType = None,
    since: Since = None,
    until: Until = None,
    limit: Annotated[int, Query(ge=1, le=5000)] = TIMELINE_LIMIT,
) -> Response:
    body = timeline_body(store_of(request), cache_of(request), actor, type, since, until, limit)
    return Response(body, media_type="application/json")


@router.get("/map", summary="The newest events that have a place, as map points")
def api_map(
    request: Request,
    actor: Actor = None,
    type: EventType = None,
    since: Since = None,
    until: Until = None,
    near: Near = None,
    km: Km = DEFAULT_KM,
    placed: Placed = "any",
    limit: Annotated[int, Query(ge=1, le=10000)] = MAP_LIMIT,
) -> Response:
    filters = (actor, type, since, until, near, km, placed, limit)
    body = map_body(store_of(request), cache_of(request), *filters)
    return Response(body, media_type="application/json")


def map_body(store: Any, cache: Any, *filters: Any) -> bytes:
    """``/api/map``'s JSON for ``(actor, type, since, until, near, km, placed, limit)``,
    cached."""
    actor, type, since, until, near, km, placed, limit = filters
    point = resolve_point(near) if near is not None else None

    def compute() -> bytes:
        events = store.events(
            actor,
            type=type,
            since=since,
            until=until,
            near=point,
            km=km,
            limit=limit,
            max_reports=3,
        )
        points = map_points(events)
        if placed == "text":
            points = [p for p in points if not p["dateline"]]
        answer = {
            "points": points,
            "events": len(events),
            "dateline": sum(p["dateline"] for p in points),
            "limit": limit,
            "truncated": len(events) >= limit,
            "near": None if point is None else {"lat": point[0], "lon": point[1], "km": km},
        }
        return StoreJSON(answer).body

    return cache.get(("map", *filters), compute)


def network_body(store: Any, cache: Any, *filters: Any) -> bytes:
    """``/api/network``'s JSON for ``(actor, type, since, until, min_count)``, cached."""
    actor, type, since, until, min_count = filters

    def compute() -> bytes:
        network = store.network(actor, type=type, since=since, until=until, min_count=min_count)
        return StoreJSON(network).body

    return cache.get(("network", *filters), compute)


def timeline_body(store: Any, cache: Any, *filters: Any) -> bytes:
    """``/api/timeline``'s JSON for ``(actor, type, since, until, limit)``, cached."""
    actor, type, since, until, limit = filters

    def compute() -> bytes:
        # the newest ``limit`` events (Store.timeline would keep the oldest when it truncates)
        events = store.events(actor, type=type, since=since, until=until, limit=limit)
        items, undated = timeline_items(events)
        truncated = len(events) >= limit
        answer = {"items": items, "undated": undated, "limit": limit, "truncated": truncated}
        return StoreJSON(answer).body

    return cache.get(("timeline", *filters), compute)


def warm(store: Any, cache: Any) -> None:
    """Compute the unfiltered whole-store answers, so the first visitor does not wait."""
    network_body(store, cache, None, None, None, None, 1)
    timeline_body(store, cache, None, None, None, None, TIMELINE_LIMIT)
    store.claims(None, by=None, stance=None, article=None, limit=100, offset=0)
