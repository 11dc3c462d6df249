"""Writing one v1 record into the store: article, entities, mentions, reports merged into
events, claims, quantities, and the contradictions they create.

Every function here runs inside the caller's transaction (a SAVEPOINT per article), so an
article is either fully stored or not at all.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from newsgraph.store.contradictions import (
    event_contradictions,
    figure_range,
    figure_subject,
    figures_conflict,
    report_stance,
    same_subject,
    speaker_label,
)
from newsgraph.store.merge import (
    COARSE_PRECISIONS,
    DAY_TOLERANCE,
    OPEN_HI,
    OPEN_LO,
    absorb,
    blocking_keys,
    date_interval,
    normalize_name,
    participant_key,
    report_key,
    same_event,
)

Record = dict[str, Any]

PRECISION_RANK = {"day": 5, "month": 4, "range": 3, "year": 2, "unknown": 0}
#: Entity kinds that may be the same thing under different labels from different articles.
KIND_FAMILIES = ({"organization", "group"},)


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _many(conn: sqlite3.Connection, sql: str, rows: Iterable[Any]) -> None:
    """``executemany``, skipped when there is nothing to write (most calls here)."""
    rows = list(rows)
    if rows:
        conn.executemany(sql, rows)


def article_hash(article: dict[str, Any]) -> str:
    """The article's content hash: the reader's ``sha256``, else computed from its text."""
    if article.get("sha256"):
        return str(article["sha256"])
    text = article.get("text") or ""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest() if text else ""


def is_stored(conn: sqlite3.Connection, article_id: str, sha256: str) -> bool:
    if conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone():
        return True
    # "!= ''" lets SQLite use the partial unique index on sha256
    return bool(
        sha256
        and conn.execute(
            "SELECT 1 FROM articles WHERE sha256 = ? AND sha256 != ''", (sha256,)
        ).fetchone()
    )


def write_record(conn: sqlite3.Connection, record: Record) -> bool:
    """Store one record; False (and nothing written) when its article is already stored."""
    article = record.get("article") or {}
    if "id" not in article:
        raise ValueError("record has no article id")
    article_id = str(article["id"])
    sha256 = article_hash(article)
    if is_stored(conn, article_id, sha256):
        return False
    cursor = conn.execute(
        "INSERT INTO articles (id, sha256, title, published, url, source, language, text, "
        "ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            article_id,
            sha256,
            article.get("title"),
            article.get("published"),
            article.get("url"),
            article.get("source"),
            article.get("language"),
            article.get("text") or "",
            datetime.now(UTC).isoformat(timespec="seconds"),
        ),
    )
    article_pk = cursor.lastrowid
    conn.execute(
        "INSERT INTO articles_fts (rowid, title, text) VALUES (?, ?, ?)",
        (article_pk, article.get("title") or "", article.get("text") or ""),
    )
    context = {"pk": article_pk, "article": {**article, "id": article_id}}
    entity_ids = write_entities(conn, article_pk, record.get("entities") or [])
    events = write_events(conn, context, record.get("events") or [], entity_ids)
    claim_ids = write_claims(conn, context, record, entity_ids, events)
    write_quantities(conn, article_pk, record.get("quantities") or [], None, None)
    # only events with more than one statement can hold a contradiction
    touched = (
        {
            event_id
            for event_id, report_count in conn.execute(
                f"SELECT id, report_count FROM events WHERE id IN ({','.join('?' * len(events))})",
                [event_id for event_id, _ in events.values()],
            )
            if report_count > 1
        }
        if events
        else set()
    )
    touched |= {
        row[0]
        for row in conn.execute(
            "SELECT DISTINCT event_id FROM claim_events JOIN claims ON claims.id = claim_id "
            "WHERE claims.article_pk = ?",
            (article_pk,),
        )
    }
    for event_id in sorted(touched):
        refresh_event_contradictions(conn, event_id)
    claim_figure_contradictions(conn, article_pk, claim_ids)
    return True


# ---------------------------------------------------------------------------- entities


def _kinds_match(a: str | None, b: str | None) -> bool:
    if not a or not b or a == b:
        return True
    return any(a in family and b in family for family in KIND_FAMILIES)


def resolve_entity(conn: sqlite3.Connection, entity: dict[str, Any]) -> int:
    """The store id of an article's entity: an existing entity with the same canonical name or
    alias and a compatible code and kind (a state also by its code alone), else a new one."""
    name = entity.get("name") or ""
    aliases = [a for a in entity.get("aliases") or () if a]
    norms = {n for n in (normalize_name(x) for x in [name, *aliases]) if n}
    code, kind = entity.get("code"), entity.get("kind")
    candidates: list[sqlite3.Row] = []
    if norms:
        marks = ",".join("?" * len(norms))
        candidates = conn.execute(
            "SELECT DISTINCT e.id, e.name, e.kind, e.code, e.aliases, e.titles, e.sector "
            f"FROM entity_names n JOIN entities e ON e.id = n.entity_id WHERE n.norm IN ({marks}) "
            "ORDER BY e.id",
            sorted(norms),
        ).fetchall()
    if code and kind == "state":
        candidates += conn.execute(
            "SELECT id, name, kind, code, aliases, titles, sector FROM entities "
            "WHERE code = ? AND kind = 'state' ORDER BY id",
            (code,),
        ).fetchall()
    match = None
    for row in candidates:
        if (row["code"] and code and row["code"] != code) or not _kinds_match(row["kind"], kind):
            continue
        if match is None or (code and row["code"] == code and match["code"] != code):
            match = row
    if match is None:
        entity_id = conn.execute(
            "INSERT INTO entities (name, kind, code, sector, aliases, titles) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (
                name,
                kind,
                code,
                entity.get("sector"),
                dumps(sorted(set(aliases) - {name})),
                dumps(sorted(set(entity.get("titles") or ()))),
            ),
        ).lastrowid
    else:
        entity_id = match["id"]
        known = set(json.loads(match["aliases"])) | {match["name"]}
        new_aliases = (set(aliases) | {name}) - known - {""}
        old_titles = set(json.loads(match["titles"]))
        titles = old_titles | set(entity.get("titles") or ())
        changed = (
            new_aliases
            or titles != old_titles
            or (code and not match["code"])
            or (entity.get("sector") and not match["sector"])
            or (kind and not match["kind"])
        )
        if changed:
            conn.execute(
                "UPDATE entities SET aliases = ?, titles = ?, code = coalesce(code, ?), "
                "sector = coalesce(sector, ?), kind = coalesce(kind, ?) WHERE id = ?",
                (
                    dumps(sorted((known - {match["name"]}) | new_aliases)),
                    dumps(sorted(titles)),
                    code,
                    entity.get("sector"),
                    kind,
                    entity_id,
                ),
            )
    _many(
        conn,
        "INSERT OR IGNORE INTO entity_names (norm, entity_id) VALUES (?, ?)",
        [(norm, entity_id) for norm in sorted(norms)],
    )
    return int(entity_id)


def write_entities(
    conn: sqlite3.Connection, article_pk: int, entities: list[dict[str, Any]]
) -> dict[str, int]:
    """Store ids of the article's entities, by their id in the record; mentions written."""
    ids: dict[str, int] = {}
    mention_counts: dict[int, int] = {}
    for entity in entities:
        entity_id = resolve_entity(conn, entity)
        if entity.get("id") is not None:
            ids[str(entity["id"])] = entity_id
        mentions = entity.get("mentions") or []
        _many(
            conn,
            'INSERT INTO mentions (article_pk, entity_id, local_id, start, "end", text) '
            "VALUES (?, ?, ?, ?, ?, ?)",
            [
                (article_pk, entity_id, entity.get("id"), m["start"], m["end"], m.get("text"))
                for m in mentions
            ],
        )
        mention_counts[entity_id] = mention_counts.get(entity_id, 0) + len(mentions)
    _many(
        conn,
        "UPDATE entities SET mention_count = mention_count + ?, article_count = article_count + 1 "
        "WHERE id = ?",
        [(count, entity_id) for entity_id, count in mention_counts.items()],
    )
    return ids


def store_participant(participant: dict[str, Any] | None, entity_ids: dict[str, int]) -> Any:
    """A v1 participant with its ``entity_id`` turned into the store's entity id."""
    if not participant:
        return participant
    local = participant.get("entity_id")
    return {**participant, "entity_id": entity_ids.get(str(local)) if local is not None else None}


# ---------------------------------------------------------------------------- events


def store_event(event: dict[str, Any], entity_ids: dict[str, int]) -> dict[str, Any]:
    """A v1 event with store entity ids in every participant."""
    attribution = event.get("attribution")
    if attribution:
        attribution = {
            **attribution,
            "speaker": store_participant(attribution.get("speaker"), entity_ids),
        }
    return {
        **event,
        "actor": [store_participant(p, entity_ids) for p in event.get("actor") or ()],
        "recipient": [store_participant(p, entity_ids) for p in event.get("recipient") or ()],
        "attribution": attribution,
    }


def find_event(conn: sqlite3.Connection, key: dict[str, Any]) -> tuple[int, dict] | None:
    """The oldest merged event this report key belongs to, with its summary."""
    blocks = blocking_keys(key)
    if not blocks:
        return None
    marks = ",".join("?" * len(blocks))
    rows = conn.execute(
        f"SELECT DISTINCT b.event_id, e.merge_key FROM event_blocks b "
        f"JOIN events e ON e.id = b.event_id "
        f"WHERE b.block IN ({marks}) AND b.hi >= ? ORDER BY b.event_id",
        [*blocks, key["lo"] - DAY_TOLERANCE],
    ).fetchall()
    for event_id, merge_key in rows:
        summary = json.loads(merge_key)
        if same_event(summary, key):
            return event_id, summary
    return None


def _source_key(article: dict[str, Any]) -> str:
    return article.get("source") or f"article:{article['id']}"


def _better_date(current: dict[str, Any] | None, new: dict[str, Any] | None) -> bool:
    def rank(d: dict[str, Any] | None) -> tuple[int, int]:
        if not d or not d.get("start"):
            return (-1, 0)
        return (
            PRECISION_RANK.get(d.get("precision") or "unknown", 0),
            not d.get("from_publication"),
        )

    return rank(new) > rank(current)


def _better_location(current: dict[str, Any] | None, new: dict[str, Any] | None) -> bool:
    if not new or new.get("source") == "dateline":
        return False
    if not current:
        return True
    return (
        current.get("precision") in COARSE_PRECISIONS
        and new.get("precision") not in COARSE_PRECISIONS
    )


def _union_participants(current: list[dict], new: list[dict]) -> list[dict]:
    keys = {participant_key(p) for p in current}
    merged = list(current)
    for participant in new:
        key = participant_key(participant)
        if key not in keys:
            keys.add(key)
            merged.append(participant)
        elif participant.get("entity_id") is not None:
            for i, old in enumerate(merged):  # prefer a participant linked to an entity
                if participant_key(old) == key and old.get("entity_id") is None:
                    merged[i] = participant
    return merged


def _without(participants: Iterable[dict], others: list[dict]) -> list[dict]:
    """Participants not already in the other role (a joint actor stays an actor)."""
    taken = {participant_key(p) for p in others}
    return [p for p in participants if participant_key(p) not in taken]


def _interval_columns(lo: int, hi: int) -> tuple[int | None, int | None]:
    if lo <= OPEN_LO and hi >= OPEN_HI:
        return None, None
    return (lo if lo > OPEN_LO else None), (hi if hi < OPEN_HI else None)


def write_events(
    conn: sqlite3.Connection,
    context: dict[str, Any],
    events: list[dict[str, Any]],
    entity_ids: dict[str, int],
) -> dict[str, tuple[int, int]]:
    """Attach each v1 event as a report to its merged event; ``{local id: (event, report)}``."""
    article = context["article"]
    placed: dict[str, tuple[int, int]] = {}
    for index, raw in enumerate(events):
        event = store_event(raw, entity_ids)
        key = report_key(event, article)
        found = find_event(conn, key)
        if found is None:
            event_id = create_event(conn, event, key, article)
        else:
            event_id = extend_event(conn, found[0], found[1], event, key, article)
        report_id = conn.execute(
            "INSERT INTO reports (event_id, article_pk, local_id, stance, data) "
            "VALUES (?, ?, ?, ?, ?)",
            (
                event_id,
                context["pk"],
                event.get("id"),
                report_stance(event),
                dumps(event),
            ),
        ).lastrowid
        placed[str(event.get("id", f"#{index}"))] = (event_id, int(report_id))
    return placed


def create_event(
    conn: sqlite3.Connection, event: dict[str, Any], key: dict[str, Any], article: dict
) -> int:
    date = event.get("date") or {}
    date_lo, date_hi = _interval_columns(key["lo"], key["hi"])
    location = event.get("location")
    if location and location.get("source") == "dateline":
        location = None
    published = (article.get("published") or "")[:10] or None
    event_id = conn.execute(
        "INSERT INTO events (event, irrealis, mode, context, aux, actor, recipient, merge_key, "
        "date, date_lo, date_hi, location, cameo, confidence, "
        "report_count, source_count, sources, first_reported, last_reported) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, 1, ?, ?, ?)",
        (
            event.get("event"),
            int(key["irrealis"]),
            dumps(list(event.get("mode") or [])),
            dumps(list(event.get("context") or [])),
            dumps(list(event.get("aux") or [])),
            dumps(list(event.get("actor") or [])),
            dumps(list(event.get("recipient") or [])),
            dumps(key),
            dumps(date) if date else None,
            date_lo,
            date_hi,
            dumps(location) if location else None,
            event.get("cameo"),
            event.get("confidence"),
            dumps([_source_key(article)]),
            published,
            published,
        ),
    ).lastrowid
    write_event_index(conn, int(event_id), key, event, 1, new=True)
    return int(event_id)


def extend_event(
    conn: sqlite3.Connection,
    event_id: int,
    summary: dict[str, Any],
    event: dict[str, Any],
    key: dict[str, Any],
    article: dict[str, Any],
) -> int:
    """Fold one more report into a merged event's summary row."""
    row = conn.execute("SELECT * FROM events WHERE id = ?", (event_id,)).fetchone()
    summary = absorb(summary, key)
    mode = list(dict.fromkeys([*json.loads(row["mode"]), *(event.get("mode") or ())]))
    ctx = list(dict.fromkeys([*json.loads(row["context"]), *(event.get("context") or ())]))
    aux = [a for a in json.loads(row["aux"]) if a in (event.get("aux") or ())]
    actor, recipient = json.loads(row["actor"]), json.loads(row["recipient"])
    actor = _union_participants(actor, _without(event.get("actor") or (), recipient))
    recipient = _union_participants(recipient, _without(event.get("recipient") or (), actor))
    date = json.loads(row["date"]) if row["date"] else None
    if _better_date(date, event.get("date")):
        date = event.get("date")
    location = json.loads(row["location"]) if row["location"] else None
    if _better_location(location, event.get("location")):
        location = event.get("location")
    sources = json.loads(row["sources"])
    source = _source_key(article)
    if source not in sources:
        sources.append(source)
    published = (article.get("published") or "")[:10] or None
    first = min(filter(None, [row["first_reported"], published]), default=None)
    last = max(filter(None, [row["last_reported"], published]), default=None)
    confidence = max(
        [c for c in (row["confidence"], event.get("confidence")) if c is not None], default=None
    )
    date_lo, date_hi = _interval_columns(summary["lo"], summary["hi"])
    report_count = row["report_count"] + 1
    conn.execute(
        "UPDATE events SET mode = ?, context = ?, aux = ?, actor = ?, recipient = ?, "
        "merge_key = ?, date = ?, date_lo = ?, date_hi = ?, "
        "location = ?, cameo = coalesce(cameo, ?), confidence = ?, report_count = ?, "
        "source_count = ?, sources = ?, first_reported = ?, last_reported = ? WHERE id = ?",
        (
            dumps(mode),
            dumps(ctx),
            dumps(aux),
            dumps(actor),
            dumps(recipient),
            dumps(summary),
            dumps(date) if date else None,
            date_lo,
            date_hi,
            dumps(location) if location else None,
            event.get("cameo"),
            confidence,
            report_count,
            len(sources),
            dumps(sources),
            first,
            last,
            event_id,
        ),
    )
    merged = {"actor": actor, "recipient": recipient, "event": row["event"]}
    write_event_index(conn, event_id, summary, merged, report_count)
    return event_id


def edges_of(actor: list[dict], recipient: list[dict]) -> set[tuple[str, str]]:
    """Directed dyads of an event: actor -> recipient; co-actors of a joint action pairwise."""
    actors = [k for k in dict.fromkeys(participant_key(p) for p in actor) if k]
    recipients = [k for k in dict.fromkeys(participant_key(p) for p in recipient) if k]
    if recipients:
        return {(a, r) for a in actors for r in recipients if a != r}
    return {(a, b) for a in actors for b in actors if a < b}


def write_event_index(
    conn: sqlite3.Connection,
    event_id: int,
    summary: dict[str, Any],
    event: dict[str, Any],
    report_count: int,
    *,
    new: bool = False,
) -> None:
    """Refresh the lookup rows of a merged event: merge blocks, participants, network edges."""
    if not new:
        conn.execute("DELETE FROM event_blocks WHERE event_id = ?", (event_id,))
    _many(
        conn,
        "INSERT INTO event_blocks (block, event_id, hi) VALUES (?, ?, ?)",
        [(block, event_id, summary["hi"]) for block in blocking_keys(summary)],
    )
    rows = set()
    for role in ("actor", "recipient"):
        for participant in event.get(role) or ():
            key = participant_key(participant)
            if key:
                rows.add((event_id, role, key, participant.get("entity_id")))
    _many(
        conn,
        "INSERT OR IGNORE INTO event_participants (event_id, role, key, entity_id) "
        "VALUES (?, ?, ?, ?)",
        sorted(rows, key=lambda r: (r[1], r[2], r[3] is None)),
    )
    date_lo, date_hi = _interval_columns(summary["lo"], summary["hi"])
    if not new:
        old = conn.execute(
            "SELECT source, target, event, reports FROM event_edges WHERE event_id = ?",
            (event_id,),
        ).fetchall()
        _many(
            conn,
            "UPDATE network_edges SET events = events - 1, reports = reports - ? "
            "WHERE source = ? AND target = ? AND event = ?",
            [(reports, source, target, kind) for source, target, kind, reports in old],
        )
        conn.execute("DELETE FROM event_edges WHERE event_id = ?", (event_id,))
    edges = sorted(edges_of(event.get("actor") or [], event.get("recipient") or []))
    _many(
        conn,
        "INSERT INTO event_edges (event_id, source, target, event, date_lo, date_hi, reports) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        [(event_id, s, t, event["event"], date_lo, date_hi, report_count) for s, t in edges],
    )
    _many(
        conn,
        "INSERT INTO network_edges (source, target, event, events, reports) "
        "VALUES (?, ?, ?, 1, ?) ON CONFLICT (source, target, event) DO UPDATE SET "
        "events = events + 1, reports = reports + excluded.reports",
        [(s, t, event["event"], report_count) for s, t in edges],
    )
    if not new:
        conn.execute("DELETE FROM network_edges WHERE events <= 0")


# ---------------------------------------------------------------------------- claims


def write_claims(
    conn: sqlite3.Connection,
    context: dict[str, Any],
    record: Record,
    entity_ids: dict[str, int],
    events: dict[str, tuple[int, int]],
) -> list[int]:
    """Store the article's claims, linked to merged events and to what they are about."""
    article_pk = context["pk"]
    mentions = [
        (m["start"], m["end"], entity_ids.get(str(entity.get("id"))), entity)
        for entity in record.get("entities") or ()
        for m in entity.get("mentions") or ()
    ]
    claim_ids = []
    for claim in record.get("claims") or ():
        speaker = store_participant(claim.get("speaker"), entity_ids)
        data = {**claim, "speaker": speaker}
        claim_id = int(
            conn.execute(
                "INSERT INTO claims (article_pk, local_id, speaker_key, speaker_entity, stance, "
                "data) VALUES (?, ?, ?, ?, ?, ?)",
                (
                    article_pk,
                    claim.get("id"),
                    participant_key(speaker) if speaker else None,
                    (speaker or {}).get("entity_id"),
                    claim.get("stance") or "assert",
                    dumps(data),
                ),
            ).lastrowid
        )
        claim_ids.append(claim_id)
        linked = sorted(
            {events[str(local)][0] for local in claim.get("events") or () if str(local) in events}
        )
        _many(
            conn,
            "INSERT OR IGNORE INTO claim_events (claim_id, event_id) VALUES (?, ?)",
            [(claim_id, event_id) for event_id in linked],
        )
        about: dict[str, int | None] = {}
        if linked:
            marks = ",".join("?" * len(linked))
            for key, entity_id in conn.execute(
                f"SELECT key, entity_id FROM event_participants WHERE event_id IN ({marks})",
                linked,
            ):
                about.setdefault(key, entity_id)
        span = claim.get("content_span") or {}
        start, end = span.get("start"), span.get("end")
        if start is not None and end is not None:
            for m_start, m_end, entity_id, entity in mentions:
                if start <= m_start and m_end <= end:
                    key = participant_key(entity)
                    if key:
                        about.setdefault(key, entity_id)
        _many(
            conn,
            "INSERT OR IGNORE INTO claim_about (claim_id, key, entity_id) VALUES (?, ?, ?)",
            [(claim_id, key, entity_id) for key, entity_id in about.items()],
        )
        write_quantities(
            conn, article_pk, claim.get("quantities") or [], claim_id, claim.get("date")
        )
    return claim_ids


def write_quantities(
    conn: sqlite3.Connection,
    article_pk: int,
    quantities: Iterable[dict[str, Any]],
    claim_id: int | None,
    date: dict[str, Any] | None,
) -> None:
    lo, hi = _interval_columns(*date_interval(date)) if date else (None, None)
    _many(
        conn,
        "INSERT INTO quantities (article_pk, claim_id, subject, value, date_lo, date_hi, data) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            (
                article_pk,
                claim_id,
                figure_subject(q),
                q.get("value") if isinstance(q.get("value"), int | float) else None,
                lo,
                hi,
                dumps(q),
            )
            for q in quantities
        ],
    )


# ---------------------------------------------------------------------------- contradictions


def upsert_contradiction(
    conn: sqlite3.Connection, key: str, found: dict[str, Any], event_ids: Iterable[int]
) -> int:
    conn.execute(
        "INSERT INTO contradictions (key, kind, subject, description, sides) "
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT (key) DO UPDATE SET kind = excluded.kind, "
        "subject = excluded.subject, description = excluded.description, sides = excluded.sides",
        (key, found["kind"], found["subject"], found["description"], dumps(found["sides"])),
    )
    contradiction_id = conn.execute(
        "SELECT id FROM contradictions WHERE key = ?", (key,)
    ).fetchone()[0]
    _many(
        conn,
        "INSERT OR IGNORE INTO contradiction_events (contradiction_id, event_id) VALUES (?, ?)",
        [(contradiction_id, event_id) for event_id in event_ids],
    )
    return int(contradiction_id)


def refresh_event_contradictions(conn: sqlite3.Connection, event_id: int) -> None:
    """Re-derive the contradictions among the statements about one merged event."""
    reports = [
        {"id": r[0], "article_id": r[1], "source": r[2], "data": json.loads(r[3])}
        for r in conn.execute(
            "SELECT r.id, a.id, a.source, r.data FROM reports r "
            "JOIN articles a ON a.pk = r.article_pk WHERE r.event_id = ? ORDER BY r.id",
            (event_id,),
        )
    ]
    claims = [
        {"id": c[0], "article_id": c[1], "source": c[2], "data": json.loads(c[3])}
        for c in conn.execute(
            "SELECT c.id, a.id, a.source, c.data FROM claim_events ce "
            "JOIN claims c ON c.id = ce.claim_id JOIN articles a ON a.pk = c.article_pk "
            "WHERE ce.event_id = ? ORDER BY c.id",
            (event_id,),
        )
    ]
    if len(reports) + len(claims) < 2:
        return
    prefix = f"event:{event_id}:"
    keep = set()
    for found in event_contradictions(reports, claims):
        key = prefix + found["kind"] + ":" + found.get("subject_key", "")
        keep.add(key)
        upsert_contradiction(conn, key, found, [event_id])
    stale = [
        row[0]
        for row in conn.execute(
            "SELECT id, key FROM contradictions WHERE key >= ? AND key < ?",
            (prefix, prefix + "\uffff"),
        )
        if row[1] not in keep
    ]
    for contradiction_id in stale:
        conn.execute(
            "DELETE FROM contradiction_events WHERE contradiction_id = ?", (contradiction_id,)
        )
        conn.execute("DELETE FROM contradictions WHERE id = ?", (contradiction_id,))
    marked = conn.execute(
        "SELECT count(*) FROM contradiction_events WHERE event_id = ?", (event_id,)
    ).fetchone()[0]
    conn.execute("UPDATE events SET contradicted = ? WHERE id = ?", (int(marked > 0), event_id))


def claim_figure_contradictions(
    conn: sqlite3.Connection, article_pk: int, claim_ids: list[int]
) -> None:
    """Figures in this article's claims that conflict with other claims about the same thing,
    dated alike and about the same participants (or in the same article), even when no event
    links them."""
    if not claim_ids:
        return
    marks = ",".join("?" * len(claim_ids))
    mine = conn.execute(
        f"SELECT q.claim_id, q.subject, q.date_lo, q.date_hi, q.data FROM quantities q "
        f"WHERE q.claim_id IN ({marks})",
        claim_ids,
    ).fetchall()
    for claim_id, subject, lo, hi, data in mine:
        quantity = json.loads(data)
        if figure_range(quantity) is None:
            continue
        others = conn.execute(
            "SELECT claim_id, data, article_pk FROM quantities WHERE article_pk = ? "
            "AND subject = ? AND claim_id IS NOT NULL AND claim_id != ?",
            (article_pk, subject, claim_id),
        ).fetchall()
        if lo is not None and hi is not None:
            others += conn.execute(
                "SELECT claim_id, data, article_pk FROM quantities INDEXED BY "
                "quantities_subject_hi WHERE subject = ? AND claim_id IS NOT NULL "
                "AND date_hi >= ? AND date_lo <= ? AND article_pk != ?",
                (subject, lo, hi, article_pk),
            ).fetchall()
        for other_id, other_data, other_pk in others:
            other = json.loads(other_data)
            if not (same_subject(quantity, other) and figures_conflict(quantity, other)):
                continue
            if other_pk != article_pk and not _share_about(conn, claim_id, other_id):
                continue
            if _share_event(conn, claim_id, other_id):
                continue  # the event's own contradiction already lists both
            first, second = sorted((claim_id, other_id))
            sides = [_claim_side(conn, first), _claim_side(conn, second)]
            values = {first: None, second: None}
            values[claim_id], values[other_id] = quantity, other
            for side in sides:
                q = values[side["claim_id"]]
                side["value"], side["figure"] = q.get("value"), q.get("text")
            found = {
                "kind": "figure",
                "subject": quantity.get("counts") or quantity.get("unit") or "figure",
                "description": "; ".join(
                    f"{speaker_label(s['speaker'], s['source'])}: {s['figure']}" for s in sides
                ),
                "sides": sides,
            }
            events = [
                row[0]
                for row in conn.execute(
                    "SELECT event_id FROM claim_events WHERE claim_id IN (?, ?)", (first, second)
                )
            ]
            upsert_contradiction(conn, f"claims:{first}:{second}:{subject}", found, events)
            for event_id in events:
                conn.execute("UPDATE events SET contradicted = 1 WHERE id = ?", (event_id,))


def _share_about(conn: sqlite3.Connection, a: int, b: int) -> bool:
    return (
        conn.execute(
            "SELECT 1 FROM claim_about x JOIN claim_about y ON x.key = y.key "
            "WHERE x.claim_id = ? AND y.claim_id = ? LIMIT 1",
            (a, b),
        ).fetchone()
        is not None
    )


def _share_event(conn: sqlite3.Connection, a: int, b: int) -> bool:
    return (
        conn.execute(
            "SELECT 1 FROM claim_events x JOIN claim_events y ON x.event_id = y.event_id "
            "WHERE x.claim_id = ? AND y.claim_id = ? LIMIT 1",
            (a, b),
        ).fetchone()
        is not None
    )


def _claim_side(conn: sqlite3.Connection, claim_id: int) -> dict[str, Any]:
    row = conn.execute(
        "SELECT c.data, a.id, a.source FROM claims c JOIN articles a ON a.pk = c.article_pk "
        "WHERE c.id = ?",
        (claim_id,),
    ).fetchone()
    data = json.loads(row[0])
    return {
        "claim_id": claim_id,
        "report_id": None,
        "article_id": row[1],
        "source": row[2],
        "speaker": data.get("speaker"),
        "stance": data.get("stance"),
        "text": data.get("content") or "",
        "value": None,
    }
