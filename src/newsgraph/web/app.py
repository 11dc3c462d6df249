"""The web UI: server-rendered pages over a read-only store, plus the JSON API.

Security rules, kept in one place:
- every template is autoescaped; article text is highlighted by escaping segments
  (``highlight.segments``), never by inserting HTML from an article;
- scripts come only from ``/static`` and ``/vendor`` (CSP ``script-src 'self'``, no inline
  script); pages hand data to scripts through ``data-`` attributes or ``fetch('/api/...')``;
- links taken from articles are printed only when they are absolute http(s) URLs;
- the store is opened read-only, so browsing writes nothing.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import parse_qsl, quote, urlencode

import jinja2
from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

import newsgraph
from newsgraph.errors import NewsgraphError
from newsgraph.web import assets
from newsgraph.web.api import DATE_PATTERN, Placed
from newsgraph.web.api import router as api_router
from newsgraph.web.api import warm as api_warm
from newsgraph.web.cache import CachedStore, StoreCache
from newsgraph.web.highlight import Mark, passage, safe_url, segments
from newsgraph.web.views import (
    EVENT_TYPES,
    actor_key,
    article_marks,
    map_link,
    participant_label,
    precision_words,
    snippet_parts,
    store_of,
    top_dyads,
)

HERE = Path(__file__).resolve().parent

#: Claims listed on one page of /claims.
CLAIMS_PAGE = 50

#: Claims listed on an actor's page per side; the rest are one click away on /claims.
CLAIMS_SHOWN = 12

#: Sent with every response. No inline script, no eval, nothing from other origins.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        " ".join(["style-src 'self'", *assets.style_hashes()]),
        "img-src 'self' data:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def template_environment() -> jinja2.Environment:
    """The one Jinja environment: autoescaping on for every template, our filters."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        autoescape=True,  # everywhere, whatever the file name
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.ChainableUndefined,
    )
    env.filters["http_url"] = safe_url
    env.filters["label"] = participant_label
    env.filters["map_link"] = map_link
    env.filters["precision_words"] = precision_words
    env.filters["q"] = lambda value: quote(str(value), safe="")
    env.globals["version"] = newsgraph.__version__
    env.globals["event_types"] = EVENT_TYPES
    return env


def create_app(db_path: str | Path, *, store: Any = None) -> FastAPI:
    """The app over the store at ``db_path``, opened read-only (raises ``StoreError``)."""
    if store is None:
        store = newsgraph.open(str(db_path), readonly=True)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # fill the cache of whole-store answers in the background, so the first visitor of
        # the home page, the network and the timeline does not wait for them
        threading.Thread(target=_warm, args=(app,), name="newsgraph-warm", daemon=True).start()
        yield

    app = FastAPI(
        lifespan=lifespan,
        title="newsgraph",
        version=newsgraph.__version__,
        summary="PLOVER events, coded actors and attributed claims from news, as JSON.",
        docs_url=None,  # FastAPI's pages load Swagger/ReDoc from a CDN; ours is at /api-docs
        redoc_url=None,
    )
    app.state.cache = StoreCache(db_path)
    app.state.store = CachedStore(store, app.state.cache)
    app.state.db_name = Path(db_path).name
    missing = assets.missing_assets()
    app.state.assets_missing = assets.missing_message(missing) if missing else ""
    env = template_environment()

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Any) -> Response:
        response = await call_next(request)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    @app.middleware("http")
    async def blank_fields_mean_no_filter(request: Request, call_next: Any) -> Response:
        """A filter form submits its empty fields too ("since=&km="): on the pages an empty
        field means no filter, not a malformed one. The JSON API stays strict."""
        query = request.scope.get("query_string", b"")
        if query and not request.url.path.startswith("/api/"):
            fields = parse_qsl(query.decode("latin-1"), keep_blank_values=True)
            request.scope["query_string"] = urlencode(
                [(k, v) for k, v in fields if v.strip()]
            ).encode("ascii")
        return await call_next(request)

    @app.exception_handler(NewsgraphError)
    @app.exception_handler(ValueError)
    async def bad_filter(request: Request, exc: Exception) -> Response:
        return _error(request, 400, str(exc))

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError) -> Response:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err.get('loc', ())[1:])}: {err.get('msg')}"
            for err in exc.errors()
        )
        return _error(request, 400, problems or "bad request")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        return _error(request, exc.status_code, str(exc.detail))

    def _error(request: Request, status: int, message: str) -> Response:
        if request.url.path.startswith("/api/") or request.url.path == "/openapi.json":
            return JSONResponse({"detail": message}, status_code=status)
        return render(request, "error.html", {"status": status, "message": message}, status)

    def render(
        request: Request, name: str, context: dict[str, Any], status: int = 200
    ) -> HTMLResponse:
        html = env.get_template(name).render(
            request=request,
            db_name=app.state.db_name,
            assets_missing=app.state.assets_missing,
            **context,
        )
        return HTMLResponse(html, status_code=status)

    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.include_router(api_router)

    @app.get("/vendor/{name}", include_in_schema=False)
    def vendor(name: str) -> Response:
        path = assets.vendor_path(name)
        if path is None:
            raise HTTPException(404, f"no library file {name!r}")
        if not path.is_file():
            raise HTTPException(404, assets.missing_message([name]))
        media = {".css": "text/css", ".json": "application/json"}.get(
            Path(name).suffix, "text/javascript"
        )
        return FileResponse(path, media_type=media, headers={"Cache-Control": "max-age=86400"})

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> Response:
        return FileResponse(HERE / "static" / "favicon.svg", media_type="image/svg+xml")

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def home(request: Request) -> HTMLResponse:
        store = store_of(request)
        stats = store.stats()
        dyads = app.state.cache.get("dyads", lambda: top_dyads(store.network(min_count=1), 10))
        actors = store.entities(limit=12)
        context = {
            "nav": "home",
            "stats": stats,
            "actors": actors,
            "dyads": dyads,
            "events": store.events(limit=12),
            "types": sorted(
                (stats.get("event_types") or {}).items(), key=lambda kv: (-kv[1], kv[0])
            ),
        }
        return render(request, "index.html", context)

    @app.get("/actors/{entity_id}", response_class=HTMLResponse, include_in_schema=False)
    def actor_page(request: Request, entity_id: int) -> HTMLResponse:
        store = store_of(request)
        entity = store.entity(entity_id)
        if entity is None:
            raise HTTPException(404, f"no actor {entity_id}")
        key = actor_key(entity)
        context = {
            "entity": entity,
            "key": key,
            "events": store.events(key, limit=25),
            "event_total": store.count_events(key),
            "claims_by": store.claims(by=key, limit=CLAIMS_SHOWN + 1),
            "claims_about": store.claims(key, limit=CLAIMS_SHOWN + 1),
            "claims_shown": CLAIMS_SHOWN,
        }
        return render(request, "actor.html", context)

    @app.get("/actor", include_in_schema=False)
    def actor_lookup(request: Request, q: Annotated[str, Query(min_length=1)]) -> Response:
        """From a network node (a code or a name) to that actor's page."""
        store = store_of(request)
        q = q.removeprefix("name:")  # network nodes without a code are keyed "name:<name>"
        found = store.entities(code=q, kind="state", limit=1) if q.isupper() else []
        found = found or store.entities(code=q, limit=1) or store.entities(q, limit=1)
        if not found:
            raise HTTPException(404, f"no actor named {q!r}")
        return RedirectResponse(f"/actors/{int(found[0]['id'])}", status_code=303)

    @app.get("/events/{event_id}", response_class=HTMLResponse, include_in_schema=False)
    def event_page(request: Request, event_id: int) -> HTMLResponse:
        store = store_of(request)
        event = store.event(event_id)
        if event is None:
            raise HTTPException(404, f"no event {event_id}")
        texts: dict[str, str] = {}
        reports = []
        for report in event.get("reports", []):
            article_id = report.get("article_id")
            if article_id not in texts:
                article = store.article(article_id) if article_id else None
                texts[article_id] = (article or {}).get("text") or ""
            segs = _evidence(texts[article_id], report)
            text = texts[article_id]
            cut_left = bool(segs) and segs[0].start > 0 and text[segs[0].start - 1] != "\n"
            end = segs[-1].start + len(segs[-1].text) if segs else 0
            cut_right = bool(segs) and end < len(text) and text[end] != "\n"
            reports.append({**report, "segments": segs, "cut": (cut_left, cut_right)})
        context = {
            "event": event,
            "reports": reports,
            "claims": event.get("claims", []),
            "contradictions": event.get("contradictions", []),
            "attributions": [r["attribution"] for r in reports if r.get("attribution")],
            # where an event with no place of its own was reported from
            "dateline": next(
                (
                    r["location"]
                    for r in reports
                    if (r.get("location") or {}).get("source") == "dateline"
                ),
                None,
            ),
        }
        return render(request, "event.html", context)

    @app.get("/articles/{article_id:path}", response_class=HTMLResponse, include_in_schema=False)
    def article_page(request: Request, article_id: str) -> HTMLResponse:
        article = store_of(request).article(article_id)
        if article is None:
            raise HTTPException(404, f"no article {article_id!r}")
        text = article.get("text") or ""
        context = {
            "article": article,
            "segments": segments(text, article_marks(article)),
        }
        return render(request, "article.html", context)

    @app.get("/network", response_class=HTMLResponse, include_in_schema=False)
    def network_page(
        request: Request,
        actor: str | None = None,
        type: str | None = None,
        since: Annotated[str | None, Query(pattern=DATE_PATTERN)] = None,
        until: Annotated[str | None, Query(pattern=DATE_PATTERN)] = None,
        min_count: Annotated[int, Query(ge=1)] = 1,
    ) -> HTMLResponse:
        filters = {"actor": actor, "type": type, "since": since, "until": until}
        return render(
            request, "network.html", {"nav": "network", "f": filters, "min_count": min_count}
        )

    @app.get("/timeline", response_class=HTMLResponse, include_in_schema=False)
    def timeline_page(
        request: Request,
        actor: str | None = None,
        type: str | None = None,
        since: Annotated[str | None, Query(pattern=DATE_PATTERN)] = None,
        until: Annotated[str | None, Query(pattern=DATE_PATTERN)] = None,
    ) -> HTMLResponse:
        filters = {"actor": actor, "type": type, "since": since, "until": until}
        return render(request, "timeline.html", {"nav": "timeline", "f": filters})

    @app.get("/map", response_class=HTMLResponse, include_in_schema=False)
    def map_page(
        request: Request,
        actor: str | None = None,
        type: str | None = None,
        since: Annotated[str | None, Query(pattern=DATE_PATTERN)] = None,
        until: Annotated[str | None, Query(pattern=DATE_PATTERN)] = None,
        near: str | None = None,
        km: Annotated[float | None, Query(gt=0)] = None,
        placed: Placed = "any",
    ) -> HTMLResponse:
        filters = {"actor": actor, "type": type, "since": since, "until": until}
        filters |= {"near": near, "km": km, "placed": placed}
        return render(request, "map.html", {"nav": "map", "f": filters})

    @app.get("/claims", response_class=HTMLResponse, include_in_schema=False)
    def claims_page(
        request: Request,
        about: str | None = None,
        by: str | None = None,
        stance: str | None = None,
        offset: Annotated[int, Query(ge=0)] = 0,
    ) -> HTMLResponse:
        store = store_of(request)
        claims = claims_page_claims(store, about, by, stance, offset)
        context = {
            "nav": "claims",
            "f": {"about": about, "by": by, "stance": stance},
            "claims": claims,
            "offset": offset,
            "limit": CLAIMS_PAGE,
            "contradictions": [] if offset else store.contradictions(limit=20),
        }
        return render(request, "claims.html", context)

    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    def search_page(request: Request, q: str = "") -> HTMLResponse:
        store = store_of(request)
        q = q.strip()
        hits = []
        actors = []
        problem = ""
        if q:
            try:
                found = store.search(q, limit=50)
            except NewsgraphError as exc:  # e.g. nothing searchable in the query
                found, problem = [], str(exc)
            hits = [{**hit, "parts": snippet_parts(hit)} for hit in found]
            actors = store.entities(q, limit=10)
        context = {"q": q, "hits": hits, "actors": actors, "problem": problem}
        return render(request, "search.html", context)

    @app.get("/api-docs", response_class=HTMLResponse, include_in_schema=False)
    def api_docs(request: Request) -> HTMLResponse:
        return render(request, "api_docs.html", {"nav": "api"})

    @app.get("/docs", include_in_schema=False)
    def docs_redirect() -> RedirectResponse:
        return RedirectResponse("/api-docs", status_code=307)

    return app


def claims_page_claims(
    store: Any, about: str | None, by: str | None, stance: str | None, offset: int
) -> list[dict]:
    """The claims one page of /claims lists (one call shape, so the cache can be warmed)."""
    return store.claims(
        about or None, by=by or None, stance=stance or None, limit=CLAIMS_PAGE, offset=offset
    )


def _warm(app: FastAPI) -> None:
    """Answer the costly unfiltered queries once, so the first visitor does not wait."""
    store, cache = app.state.store, app.state.cache
    try:
        store.stats()
        cache.get("dyads", lambda: top_dyads(store.network(min_count=1), 10))
        store.events(limit=12)
        store.entities(limit=12)
        api_warm(store, cache)
        claims_page_claims(store, None, None, None, 0)
        store.contradictions(limit=20)
    except Exception:  # the same query fails again, with its message, when a page asks
        pass


def _evidence(text: str, report: dict) -> list:
    """The report's sentence in its paragraph, sentence, trigger and the words that place the
    event highlighted."""
    sentence = report.get("text_info") or {}
    trigger = report.get("trigger_span") or {}
    location = report.get("location") or {}
    place = (location.get("span") or {}) if location.get("source") == "text" else {}
    labelled = [
        (trigger, "trigger", report.get("event")),
        (place, "place", f"where it happened ({location.get('precision') or 'unknown'} level)"),
    ]
    if not text or "start" not in sentence:
        # no stored text: the sentence alone, offsets shifted into it
        sentence_text = report.get("text") or ""
        base = sentence.get("start", 0)
        marks = [Mark(0, len(sentence_text), "evidence")]
        marks += [
            Mark(span["start"] - base, span["end"] - base, kind, None, title)
            for span, kind, title in labelled
            if "start" in span
        ]
        return segments(sentence_text, marks)
    marks = [Mark(sentence["start"], sentence["end"], "evidence", None, "evidence sentence")]
    marks += [
        Mark(span["start"], span["end"], kind, None, title)
        for span, kind, title in labelled
        if "start" in span
    ]
    left, right = passage(text, sentence["start"], sentence["end"])
    return segments(text, marks, left, right)


def warn_if_assets_missing() -> None:
    """One line on stderr when the npm libraries are absent (pages still work, without charts)."""
    missing = assets.missing_assets()
    if missing:
        print(f"newsgraph: warning: {assets.missing_message(missing)}", file=sys.stderr)
