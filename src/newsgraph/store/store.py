"""The store's Python API: ``newsgraph.open(path)`` returns a :class:`Store`.

Every query returns plain, JSON-ready dicts (shapes in STORE_API.md), so the CLI, the JSON
API and the exports all show the same thing.
"""

from __future__ import annotations

import json
import re
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

from newsgraph.store import writer
from newsgraph.store.merge import date_bounds, normalize_name
from newsgraph.store.near import near_clause, register_functions
from newsgraph.store.schema import StoreError, connect

Row = dict[str, Any]
F = TypeVar("F")

_CODE = re.compile(r"^[A-Za-z]{3}$")
_HIT_OPEN, _HIT_CLOSE = "\ue000", "\ue001"


@dataclass
class IngestStats:
    """What an ingest did: articles added and skipped (already stored)."""

    added: int = 0
    skipped: int = 0
    failed: int = 0
    added_ids: list[str] = field(default_factory=list, repr=False)


def _locked(method: F) -> F:
    """Serialise calls on one Store: sqlite3 connections are not safe for concurrent use."""

    @wraps(method)  # type: ignore[arg-type]
    def call(self: Store, *args: Any, **kwargs: Any) -> Any:
        with self._lock:
            return method(self, *args, **kwargs)  # type: ignore[operator]

    return call  # type: ignore[return-value]


def _loads(text: str | None, default: Any = None) -> Any:
    return json.loads(text) if text else default


def _day(value: str | None, *, end: bool) -> int | None:
    """Ordinal of the first (or last) day a ``since``/``until`` date allows."""
    if value is None:
        return None
    bounds = date_bounds(str(value))
    if bounds is None:
        raise StoreError(f"unreadable date {value!r} (use YYYY, YYYY-MM or YYYY-MM-DD)")
    return bounds[1] if end else bounds[0]


def public_participant(p: Row | None) -> Row | None:
    if not p:
        return None
    return {
        "code": p.get("code"),
        "sector": p.get("sector"),
        "name": p.get("name") or p.get("text"),
        "entity_id": p.get("entity_id"),
    }


class Store:
    """A newsgraph SQLite store: ingest v1 records, query merged events, claims, entities."""

    def __init__(self, path: str | Path, *, create: bool = False, readonly: bool = False):
        self.path = Path(path)
        self.readonly = readonly
        self._conn = connect(self.path, create=create, readonly=readonly)
        register_functions(self._conn)
        self._lock = threading.RLock()
        self._batch_depth = 0

    # ------------------------------------------------------------------ lifecycle

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<Store {str(self.path)!r}>"

    # ------------------------------------------------------------------ writing

    @contextmanager
    def batch(self) -> Iterator[None]:
        """One write transaction around many ``add_record`` calls (committed on exit)."""
        with self._lock:
            if self._batch_depth == 0:
                self._conn.execute("BEGIN IMMEDIATE")
            self._batch_depth += 1
            try:
                yield
            except BaseException:
                self._batch_depth -= 1
                if self._batch_depth == 0 and self._conn.in_transaction:
                    self._conn.execute("ROLLBACK")
                raise
            self._batch_depth -= 1
            if self._batch_depth == 0:
                self._conn.execute("COMMIT")

    @_locked
    def add_record(self, record: Row) -> bool:
        """Store one v1 record (all its rows, or none); False when its article is already stored
        (same id or same content hash)."""
        if self.readonly:
            raise StoreError(f"{self.path} was opened read-only")
        with self.batch():
            self._conn.execute("SAVEPOINT article")
            try:
                added = writer.write_record(self._conn, record)
            except BaseException:
                self._conn.execute("ROLLBACK TO article")
                self._conn.execute("RELEASE article")
                raise
            self._conn.execute("RELEASE article")
        return added

    def add_records(self, records: Iterable[Row], *, batch_size: int = 50) -> IngestStats:
        """Store many records, committing every ``batch_size`` articles."""
        stats = IngestStats()
        iterator = iter(records)
        while True:
            with self.batch():
                taken = 0
                for record in iterator:
                    if self.add_record(record):
                        stats.added += 1
                        stats.added_ids.append(str(record["article"]["id"]))
                    else:
                        stats.skipped += 1
                    taken += 1
                    if taken >= batch_size:
                        break
            if taken < batch_size:
                return stats

    @_locked
    def known_articles(self, ids: Iterable[str]) -> set[str]:
        """Which of these article ids are stored."""
        return self._known("id", ids)

    @_locked
    def known_hashes(self, hashes: Iterable[str]) -> set[str]:
        """Which of these content hashes are stored."""
        return self._known("sha256", hashes)

    def _known(self, column: str, values: Iterable[str]) -> set[str]:
        values = list(dict.fromkeys(values))
        found: set[str] = set()
        for start in range(0, len(values), 500):
            chunk = values[start : start + 500]
            marks = ",".join("?" * len(chunk))
            found.update(
                row[0]
                for row in self._conn.execute(
                    f"SELECT {column} FROM articles WHERE {column} IN ({marks}) AND {column} != ''",
                    chunk,
                )
            )
        return found

    # ------------------------------------------------------------------ actor resolution

    def _resolve(self, who: str) -> tuple[list[str], list[int]]:
        """Participant keys and entity ids a ``CODE|NAME`` filter stands for."""
        who = who.strip()
        if not who:
            raise StoreError("empty actor filter")
        keys = {f"name:{normalize_name(who)}"}
        if _CODE.match(who):
            keys.add(who.upper())
        elif who.isupper() and who.isalpha() and len(who) <= 4:
            keys.add(who)
        entity_rows = self._conn.execute(
            "SELECT e.id, e.kind, e.code FROM entity_names n JOIN entities e "
            "ON e.id = n.entity_id WHERE n.norm = ?",
            (normalize_name(who),),
        ).fetchall()
        for row in entity_rows:
            if row["kind"] == "state" and row["code"]:
                keys.add(row["code"])
        return sorted(keys), sorted(row["id"] for row in entity_rows)

    def _participant_filter(self, who: str, role: str | None) -> tuple[str, list[Any]]:
        keys, entity_ids = self._resolve(who)
        clause = f"key IN ({','.join('?' * len(keys))})"
        params: list[Any] = list(keys)
        if entity_ids:
            clause = f"({clause} OR entity_id IN ({','.join('?' * len(entity_ids))}))"
            params += entity_ids
        if role:
            if role not in ("actor", "recipient"):
                raise StoreError(f"role must be actor or recipient, not {role!r}")
            clause += " AND role = ?"
            params.append(role)
        return clause, params

    def _scan_is_cheaper(self, actor: str, role: str | None, wanted: int | None) -> bool:
        """Whether to walk events in date order checking the actor on each (a frequent actor:
        ``wanted`` matches come soon), rather than collect and sort all of the actor's events
        (a rare actor)."""
        if wanted is None:
            return False
        clause, params = self._participant_filter(actor, role)
        found = self._conn.execute(
            f"SELECT count(*) FROM event_participants WHERE {clause}", params
        ).fetchone()[0]
        total = self._conn.execute("SELECT ifnull(max(id), 0) FROM events").fetchone()[0]
        return found > 0 and found * found > wanted * total

    # ------------------------------------------------------------------ events

    def _event_where(
        self,
        *,
        actor: str | None = None,
        role: str | None = None,
        recipient: str | None = None,
        type: str | None = None,
        since: str | None = None,
        until: str | None = None,
        source: str | None = None,
        article: str | None = None,
        contradicted: bool | None = None,
        near: tuple[float, float] | None = None,
        km: float | None = None,
        scan: bool = False,
    ) -> tuple[str, list[Any]]:
        clauses, params = [], []
        for who, who_role in ((actor, role), (recipient, "recipient")):
            if not who:
                continue
            clause, clause_params = self._participant_filter(who, who_role)
            if scan:
                clauses.append(
                    f"EXISTS (SELECT 1 FROM event_participants WHERE event_id = e.id AND {clause})"
                )
            else:
                clauses.append(f"e.id IN (SELECT event_id FROM event_participants WHERE {clause})")
            params += clause_params
        if type:
            clauses.append("e.event = ?")
            params.append(type.upper())
        if since:
            clauses.append("e.date_hi >= ?")
            params.append(_day(since, end=False))
        if until:
            clauses.append("e.date_lo <= ?")
            params.append(_day(until, end=True))
        if source:
            clauses.append(
                "e.id IN (SELECT r.event_id FROM reports r JOIN articles a ON a.pk = r.article_pk "
                "WHERE a.source = ?)"
            )
            params.append(source)
        if article:
            clauses.append(
                "e.id IN (SELECT r.event_id FROM reports r JOIN articles a ON a.pk = r.article_pk "
                "WHERE a.id = ?)"
            )
            params.append(article)
        if contradicted is not None:
            clauses.append("e.contradicted = ?")
            params.append(int(contradicted))
        if near is not None:
            clause, clause_params = near_clause(near, km)
            clauses.append(clause)
            params += clause_params
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params

    @_locked
    def events(
        self,
        actor: str | None = None,
        *,
        role: str | None = None,
        recipient: str | None = None,
        type: str | None = None,
        since: str | None = None,
        until: str | None = None,
        source: str | None = None,
        article: str | None = None,
        contradicted: bool | None = None,
        near: tuple[float, float] | None = None,
        km: float | None = None,
        limit: int | None = 100,
        offset: int = 0,
        max_reports: int | None = None,
    ) -> list[Row]:
        """Merged events, newest first, each with its reports (the first ``max_reports``
        when given; ``report_count`` is the total). ``near=(lat, lon)`` keeps events located
        within ``km`` (default 100) of that point."""
        wanted = None if limit is None else limit + offset
        scan = bool(actor) and not recipient and self._scan_is_cheaper(actor, role, wanted)
        where, params = self._event_where(
            actor=actor,
            role=role,
            recipient=recipient,
            type=type,
            since=since,
            until=until,
            source=source,
            article=article,
            contradicted=contradicted,
            near=near,
            km=km,
            scan=scan,
        )
        index = " INDEXED BY events_date" if scan else ""
        # NULL sorts lowest, so undated events come last
        rows = self._conn.execute(
            f"SELECT {_EVENT_COLUMNS} FROM events e{index}{where} "
            "ORDER BY e.date_lo DESC, e.id DESC LIMIT ? OFFSET ?",
            [*params, -1 if limit is None else limit, offset],
        ).fetchall()
        return self._event_dicts(rows, max_reports)

    @_locked
    def count_events(self, actor: str | None = None, **filters: Any) -> int:
        where, params = self._event_where(actor=actor, **filters)
        return self._conn.execute(f"SELECT count(*) FROM events e{where}", params).fetchone()[0]

    @_locked
    def event(self, id: int) -> Row | None:
        """One merged event with its reports, linked claims and contradictions."""
        row = self._conn.execute(
            f"SELECT {_EVENT_COLUMNS} FROM events e WHERE id = ?", (int(id),)
        ).fetchone()
        if row is None:
            return None
        event = self._event_dicts([row])[0]
        claim_rows = self._conn.execute(
            f"{self._CLAIM_SELECT} WHERE c.id IN "
            "(SELECT claim_id FROM claim_events WHERE event_id = ?) ORDER BY c.id",
            (int(id),),
        ).fetchall()
        event["claims"] = self._claim_dicts(claim_rows)
        event["contradictions"] = self._contradiction_dicts(
            self._conn.execute(
                "SELECT c.* FROM contradictions c JOIN contradiction_events ce "
                "ON ce.contradiction_id = c.id WHERE ce.event_id = ? ORDER BY c.id",
                (int(id),),
            ).fetchall()
        )
        return event

    def iter_events(self, *, chunk: int = 500) -> Iterator[Row]:
        """Every merged event in id order, with reports (for exports)."""
        last = 0
        while True:
            with self._lock:
                rows = self._conn.execute(
                    f"SELECT {_EVENT_COLUMNS} FROM events e WHERE id > ? ORDER BY id LIMIT ?",
                    (last, chunk),
                ).fetchall()
                events = self._event_dicts(rows)
            if not rows:
                return
            yield from events
            last = rows[-1]["id"]

    def _event_dicts(
        self, rows: Sequence[sqlite3.Row], max_reports: int | None = None
    ) -> list[Row]:
        """Event dicts with their reports (the first ``max_reports`` of each, when given)."""
        if not rows:
            return []
        ids = [row["id"] for row in rows]
        reports: dict[int, list[Row]] = {i: [] for i in ids}
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            where = f"r.event_id IN ({marks})"
            if max_reports is not None:
                where = (
                    f"r.id IN (SELECT id FROM (SELECT id, row_number() OVER (PARTITION BY "
                    f"event_id ORDER BY id) AS n FROM reports WHERE event_id IN ({marks})) "
                    f"WHERE n <= {int(max_reports):d})"
                )
            for report in self._conn.execute(
                f"{self._REPORT_SELECT} WHERE {where} ORDER BY r.id", chunk
            ):
                reports[report["event_id"]].append(self._report_dict(report))
        marks_all = ",".join("?" * len(ids))
        flagged: dict[int, list[int]] = {}
        if any(row["contradicted"] for row in rows):
            for event_id, contradiction_id in self._conn.execute(
                "SELECT event_id, contradiction_id FROM contradiction_events "
                f"WHERE event_id IN ({marks_all}) ORDER BY contradiction_id",
                ids,
            ):
                flagged.setdefault(event_id, []).append(contradiction_id)
        return [
            self._event_dict(row, reports[row["id"]], flagged.get(row["id"], [])) for row in rows
        ]

    @staticmethod
    def _event_dict(row: sqlite3.Row, reports: list[Row], contradictions: list[int]) -> Row:
        # one JSON document per event instead of eight: decoding dominates query time
        mode, context, aux, actor, recipient, date, location, sources = json.loads(row["packed"])
        date = date or {}
        return {
            "id": row["id"],
            "event": row["event"],
            "mode": mode,
            "context": context,
            "aux": aux,
            "actor": [public_participant(p) for p in actor],
            "recipient": [public_participant(p) for p in recipient],
            "date": {
                "start": date.get("start"),
                "end": date.get("end"),
                "precision": date.get("precision") or "unknown",
            },
            "location": _public_location(location),
            "cameo": row["cameo"],
            "confidence": row["confidence"],
            "report_count": row["report_count"],
            "source_count": row["source_count"],
            "sources": [s for s in sources if not s.startswith("article:")],
            "first_reported": row["first_reported"],
            "last_reported": row["last_reported"],
            "contradicted": bool(row["contradicted"]),
            "contradiction_ids": contradictions,
            "reports": reports,
        }

    _REPORT_SELECT = (
        "SELECT r.id, r.event_id, r.local_id, r.stance, r.data, a.id AS article_id, a.source, "
        "a.published, a.title, a.url FROM reports r JOIN articles a ON a.pk = r.article_pk"
    )

    @staticmethod
    def _report_dict(row: sqlite3.Row) -> Row:
        data = json.loads(row["data"])
        return {
            "id": row["id"],
            "event_id": row["event_id"],
            "article_id": row["article_id"],
            "local_id": row["local_id"],
            "source": row["source"],
            "published": row["published"],
            "title": row["title"],
            "url": row["url"],
            "event": data.get("event"),
            "mode": data.get("mode") or [],
            "aux": data.get("aux") or [],
            "actor": [public_participant(p) for p in data.get("actor") or ()],
            "recipient": [public_participant(p) for p in data.get("recipient") or ()],
            "date": data.get("date"),
            "location": data.get("location"),
            "event_text": data.get("event_text"),
            "trigger_span": data.get("trigger_span"),
            "text": data.get("text"),
            "text_info": data.get("text_info"),
            "attribution": data.get("attribution"),
            "stance": row["stance"],
            "quantities": data.get("quantities") or [],
            "cameo": data.get("cameo"),
            "confidence": data.get("confidence"),
        }

    @_locked
    def timeline(
        self,
        actor: str,
        *,
        type: str | None = None,
        since: str | None = None,
        until: str | None = None,
        limit: int | None = 200,
        offset: int = 0,
        max_reports: int | None = 3,
    ) -> list[Row]:
        """The events an actor takes part in, oldest first, each with the actor's role
        (a page of ``limit`` events from ``offset``; undated events come last). Each event
        carries its first ``max_reports`` reports (``report_count`` is the total)."""
        wanted = None if limit is None else limit + offset
        scan = self._scan_is_cheaper(actor, None, wanted)
        where, params = self._event_where(
            actor=actor, type=type, since=since, until=until, scan=scan
        )
        index = " INDEXED BY events_timeline" if scan else ""
        rows = self._conn.execute(
            f"SELECT {_EVENT_COLUMNS} FROM events e{index}{where} "
            "ORDER BY ifnull(e.date_lo, 9999999), e.id LIMIT ? OFFSET ?",
            [*params, -1 if limit is None else limit, offset],
        ).fetchall()
        events = self._event_dicts(rows, max_reports)
        keys, entity_ids = self._resolve(actor)
        wanted_keys, wanted_ids = set(keys), set(entity_ids)
        roles: dict[int, set[str]] = {}
        ids = [e["id"] for e in events]
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            for event_id, role, key, entity_id in self._conn.execute(
                "SELECT event_id, role, key, entity_id FROM event_participants "
                f"WHERE event_id IN ({marks})",
                chunk,
            ):
                if key in wanted_keys or entity_id in wanted_ids:
                    roles.setdefault(event_id, set()).add(role)
        for event in events:
            found = roles.get(event["id"], set())
            event["role"] = "both" if len(found) > 1 else next(iter(found), "actor")
        return events

    @_locked
    def network(
        self,
        actor: str | None = None,
        *,
        type: str | None = None,
        since: str | None = None,
        until: str | None = None,
        min_count: int = 1,
    ) -> Row:
        """Who acts on whom: one edge per (actor, recipient, event type) with event counts.
        With ``actor``, the edges that actor is on (its codes and names; a person counts as
        the state it is coded with)."""
        clauses, params = [], []
        if actor:
            keys, entity_ids = self._resolve(actor)
            if entity_ids:
                marks = ",".join("?" * len(entity_ids))
                keys = sorted(
                    set(keys)
                    | {
                        row[0]
                        for row in self._conn.execute(
                            f"SELECT code FROM entities WHERE id IN ({marks}) AND code IS NOT NULL",
                            entity_ids,
                        )
                    }
                )
            marks = ",".join("?" * len(keys))
            clauses.append(f"(source IN ({marks}) OR target IN ({marks}))")
            params += [*keys, *keys]
        if type:
            clauses.append("event = ?")
            params.append(type.upper())
        if since or until:  # dated: count events from the per-event table
            if since:
                clauses.append("date_hi >= ?")
                params.append(_day(since, end=False))
            if until:
                clauses.append("date_lo <= ?")
                params.append(_day(until, end=True))
            table = (
                "(SELECT source, target, event, count(*) AS events, sum(reports) AS reports "
                f"FROM event_edges WHERE {' AND '.join(clauses)} GROUP BY source, target, event)"
            )
            where = ""
        else:  # undated: the summary table the writer keeps
            table = "network_edges"
            where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
        rows = self._conn.execute(
            f"SELECT source, target, event, events AS n, reports FROM {table}{where} "
            f"{'AND' if where else 'WHERE'} events >= ? ORDER BY n DESC, source, target, event",
            [*params, min_count],
        ).fetchall()
        edges, degree = [], {}
        for row in rows:
            edges.append(
                {
                    "source": row["source"],
                    "target": row["target"],
                    "event": row["event"],
                    "count": row["n"],
                    "reports": row["reports"],
                }
            )
            for node in (row["source"], row["target"]):
                degree[node] = degree.get(node, 0) + row["n"]
        nodes = [
            {"id": node, "label": self._label(node), "events": count}
            for node, count in sorted(degree.items(), key=lambda item: (-item[1], item[0]))
        ]
        return {"nodes": nodes, "edges": edges}

    def _label(self, key: str) -> str:
        """A readable name for a participant key: the state's name for a code."""
        if key.startswith("name:"):
            row = self._conn.execute(
                "SELECT e.name FROM entity_names n JOIN entities e ON e.id = n.entity_id "
                "WHERE n.norm = ? ORDER BY e.mention_count DESC LIMIT 1",
                (key[5:],),
            ).fetchone()
            return row[0] if row else key[5:]
        row = self._conn.execute(
            "SELECT name FROM entities WHERE code = ? AND kind = 'state' "
            "ORDER BY mention_count DESC LIMIT 1",
            (key,),
        ).fetchone()
        if row:
            return row[0]
        return country_name(key) or key

    # ------------------------------------------------------------------ claims

    _CLAIM_SELECT = (
        "SELECT c.id, c.local_id, c.stance, c.data, a.id AS article_id, a.source, a.published "
        "FROM claims c JOIN articles a ON a.pk = c.article_pk"
    )

    def _claim_dicts(self, rows: Sequence[sqlite3.Row]) -> list[Row]:
        ids = [row["id"] for row in rows]
        links: dict[int, list[int]] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            for claim_id, event_id in self._conn.execute(
                f"SELECT claim_id, event_id FROM claim_events WHERE claim_id IN ({marks}) "
                "ORDER BY event_id",
                chunk,
            ):
                links.setdefault(claim_id, []).append(event_id)
        claims = []
        for row in rows:
            data = json.loads(row["data"])
            claims.append(
                {
                    "id": row["id"],
                    "article_id": row["article_id"],
                    "local_id": row["local_id"],
                    "source": row["source"],
                    "published": row["published"],
                    "speaker": public_participant(data.get("speaker")),
                    "verb": data.get("verb"),
                    "stance": row["stance"],
                    "hedged": bool(data.get("hedged")),
                    "cues": data.get("cues") or [],
                    "content": data.get("content"),
                    "content_span": data.get("content_span"),
                    "date": data.get("date"),
                    "quantities": data.get("quantities") or [],
                    "event_ids": links.get(row["id"], []),
                }
            )
        return claims

    @_locked
    def claims(
        self,
        about: str | None = None,
        *,
        by: str | None = None,
        stance: str | None = None,
        article: str | None = None,
        limit: int | None = 100,
        offset: int = 0,
    ) -> list[Row]:
        """Attributed statements, newest article first; ``about`` an actor, ``by`` a speaker."""
        clauses, params = [], []
        if about:
            keys, entity_ids = self._resolve(about)
            cond = f"key IN ({','.join('?' * len(keys))})"
            if entity_ids:
                cond += f" OR entity_id IN ({','.join('?' * len(entity_ids))})"
            clauses.append(f"c.id IN (SELECT claim_id FROM claim_about WHERE {cond})")
            params += [*keys, *entity_ids]
        if by:
            keys, entity_ids = self._resolve(by)
            cond = f"c.speaker_key IN ({','.join('?' * len(keys))})"
            if entity_ids:
                cond += f" OR c.speaker_entity IN ({','.join('?' * len(entity_ids))})"
            clauses.append(f"({cond})")
            params += [*keys, *entity_ids]
        if stance:
            clauses.append("c.stance = ?")
            params.append(stance)
        if article:
            clauses.append("a.id = ?")
            params.append(article)
        where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
        rows = self._conn.execute(
            f"{self._CLAIM_SELECT}{where} ORDER BY a.published IS NULL, a.published DESC, c.id "
            "LIMIT ? OFFSET ?",
            [*params, -1 if limit is None else limit, offset],
        ).fetchall()
        return self._claim_dicts(rows)

    @_locked
    def contradictions(
        self, *, event: int | None = None, limit: int | None = 100, offset: int = 0
    ) -> list[Row]:
        """Statements that disagree: a denial against an assertion, or conflicting figures."""
        if event is not None:
            rows = self._conn.execute(
                "SELECT c.* FROM contradictions c JOIN contradiction_events ce "
                "ON ce.contradiction_id = c.id WHERE ce.event_id = ? "
                "ORDER BY c.id LIMIT ? OFFSET ?",
                (int(event), -1 if limit is None else limit, offset),
            ).fetchall()
        else:
            rows = self._conn.execute(
                "SELECT * FROM contradictions ORDER BY id LIMIT ? OFFSET ?",
                (-1 if limit is None else limit, offset),
            ).fetchall()
        return self._contradiction_dicts(rows)

    def _contradiction_dicts(self, rows: Sequence[sqlite3.Row]) -> list[Row]:
        found = []
        for row in rows:
            events = [
                r[0]
                for r in self._conn.execute(
                    "SELECT event_id FROM contradiction_events WHERE contradiction_id = ? "
                    "ORDER BY event_id",
                    (row["id"],),
                )
            ]
            sides = json.loads(row["sides"])
            for side in sides:
                side["speaker"] = public_participant(side.get("speaker"))
            found.append(
                {
                    "id": row["id"],
                    "kind": row["kind"],
                    "event_id": events[0] if events else None,
                    "event_ids": events,
                    "subject": row["subject"],
                    "description": row["description"],
                    "sides": sides,
                }
            )
        return found

    # ------------------------------------------------------------------ entities

    @staticmethod
    def _entity_dict(row: sqlite3.Row) -> Row:
        return {
            "id": row["id"],
            "name": row["name"],
            "kind": row["kind"],
            "code": row["code"],
            "sector": row["sector"],
            "aliases": _loads(row["aliases"], []),
            "titles": _loads(row["titles"], []),
            "mention_count": row["mention_count"],
            "article_count": row["article_count"],
        }

    @_locked
    def entities(
        self,
        query: str | None = None,
        *,
        kind: str | None = None,
        code: str | None = None,
        limit: int | None = 100,
        offset: int = 0,
    ) -> list[Row]:
        """Entities merged across articles, most mentioned first; ``query`` matches any name."""
        clauses, params = [], []
        if query:
            norm = normalize_name(query)
            clauses.append(
                "id IN (SELECT entity_id FROM entity_names WHERE norm LIKE ? ESCAPE '\\')"
            )
            params.append(
                "%" + norm.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            )
        if kind:
            clauses.append("kind = ?")
            params.append(kind)
        if code:
            clauses.append("code = ?")
            params.append(code.upper())
        where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
        rows = self._conn.execute(
            f"SELECT * FROM entities{where} ORDER BY mention_count DESC, id LIMIT ? OFFSET ?",
            [*params, -1 if limit is None else limit, offset],
        ).fetchall()
        return [self._entity_dict(row) for row in rows]

    @_locked
    def entity(self, id: int) -> Row | None:
        """One entity, the articles that mention it and how many events it takes part in."""
        row = self._conn.execute("SELECT * FROM entities WHERE id = ?", (int(id),)).fetchone()
        if row is None:
            return None
        entity = self._entity_dict(row)
        entity["articles"] = [
            r[0]
            for r in self._conn.execute(
                "SELECT DISTINCT a.id FROM mentions m JOIN articles a ON a.pk = m.article_pk "
                "WHERE m.entity_id = ? ORDER BY a.published DESC, a.id LIMIT 500",
                (int(id),),
            )
        ]
        entity["event_count"] = self._conn.execute(
            "SELECT count(DISTINCT event_id) FROM event_participants WHERE entity_id = ?",
            (int(id),),
        ).fetchone()[0]
        return entity

    # ------------------------------------------------------------------ articles

    _ARTICLE_SELECT = (
        "SELECT a.pk, a.id, a.title, a.published, a.source, a.url, a.sha256, "
        "(SELECT count(*) FROM reports r WHERE r.article_pk = a.pk) AS event_count, "
        "(SELECT count(*) FROM claims c WHERE c.article_pk = a.pk) AS claim_count "
        "FROM articles a"
    )

    @staticmethod
    def _article_summary(row: sqlite3.Row) -> Row:
        return {
            "id": row["id"],
            "title": row["title"],
            "published": row["published"],
            "source": row["source"],
            "url": row["url"],
            "sha256": row["sha256"],
            "event_count": row["event_count"],
            "claim_count": row["claim_count"],
        }

    @_locked
    def articles(
        self, *, source: str | None = None, limit: int | None = 100, offset: int = 0
    ) -> list[Row]:
        where, params = ("", []) if source is None else (" WHERE a.source = ?", [source])
        rows = self._conn.execute(
            f"{self._ARTICLE_SELECT}{where} ORDER BY a.published IS NULL, a.published DESC, a.id "
            "LIMIT ? OFFSET ?",
            [*params, -1 if limit is None else limit, offset],
        ).fetchall()
        return [self._article_summary(row) for row in rows]

    def iter_article_texts(self, *, chunk: int = 200) -> Iterator[tuple[Any, ...]]:
        """``(id, title, published, source, url, text)`` of every article (for exports)."""
        last = 0
        while True:
            with self._lock:
                rows = self._conn.execute(
                    "SELECT pk, id, title, published, source, url, text FROM articles "
                    "WHERE pk > ? ORDER BY pk LIMIT ?",
                    (last, chunk),
                ).fetchall()
            if not rows:
                return
            for row in rows:
                yield tuple(row)[1:]
            last = rows[-1]["pk"]

    @_locked
    def article(self, id: str) -> Row | None:
        """An article's text with everything found in it, offsets ready for highlighting."""
        row = self._conn.execute(f"{self._ARTICLE_SELECT} WHERE a.id = ?", (str(id),)).fetchone()
        if row is None:
            return None
        pk = row["pk"]
        view = self._article_summary(row)
        view["text"] = self._conn.execute(
            "SELECT text FROM articles WHERE pk = ?", (pk,)
        ).fetchone()[0]
        view["mentions"] = [
            {
                "start": m["start"],
                "end": m["end"],
                "text": m["text"],
                "entity_id": m["entity_id"],
                "name": m["name"],
                "kind": m["kind"],
                "code": m["code"],
            }
            for m in self._conn.execute(
                'SELECT m.start, m."end", m.text, m.entity_id, e.name, e.kind, e.code '
                "FROM mentions m JOIN entities e ON e.id = m.entity_id "
                'WHERE m.article_pk = ? ORDER BY m.start, m."end"',
                (pk,),
            )
        ]
        view["events"] = [
            self._report_dict(r)
            for r in self._conn.execute(
                f"{self._REPORT_SELECT} WHERE r.article_pk = ? ORDER BY r.id", (pk,)
            )
        ]
        view["claims"] = self._claim_dicts(
            self._conn.execute(
                f"{self._CLAIM_SELECT} WHERE c.article_pk = ? ORDER BY c.id", (pk,)
            ).fetchall()
        )
        view["quantities"] = [
            json.loads(q[0])
            for q in self._conn.execute(
                "SELECT data FROM quantities WHERE article_pk = ? AND claim_id IS NULL ORDER BY id",
                (pk,),
            )
        ]
        return view

    @_locked
    def search(self, text: str, *, limit: int = 50) -> list[Row]:
        """Articles whose title or text hold every word of ``text`` (FTS5), best first."""
        words = re.findall(r"\w+", text)
        if not words:
            raise StoreError("search needs at least one word")
        query = " ".join('"' + word.replace('"', '""') + '"' for word in words)
        rows = self._conn.execute(
            "SELECT a.id, a.title, a.published, a.source, bm25(articles_fts) AS rank, "
            f"snippet(articles_fts, 1, '{_HIT_OPEN}', '{_HIT_CLOSE}', '…', 16) AS snip "
            "FROM articles_fts JOIN articles a ON a.pk = articles_fts.rowid "
            "WHERE articles_fts MATCH ? ORDER BY rank LIMIT ?",
            (query, limit),
        ).fetchall()
        return [
            {
                "article_id": row["id"],
                "title": row["title"],
                "published": row["published"],
                "source": row["source"],
                **_snippet(row["snip"]),
                "rank": row["rank"],
            }
            for row in rows
        ]

    @_locked
    def stats(self) -> Row:
        """Counts and extent of what the store holds."""

        def count(sql: str) -> int:
            return self._conn.execute(sql).fetchone()[0]

        first, last = self._conn.execute(
            "SELECT min(published), max(published) FROM articles"
        ).fetchone()
        page_size = count("PRAGMA page_size")
        return {
            "articles": count("SELECT count(*) FROM articles"),
            "events": count("SELECT count(*) FROM events"),
            "reports": count("SELECT count(*) FROM reports"),
            "claims": count("SELECT count(*) FROM claims"),
            "entities": count("SELECT count(*) FROM entities"),
            "contradictions": count("SELECT count(*) FROM contradictions"),
            "sources": count(
                "SELECT count(DISTINCT source) FROM articles WHERE source IS NOT NULL"
            ),
            "schema_version": count("PRAGMA user_version"),
            "db_bytes": count("PRAGMA page_count") * page_size,
            "first_published": first,
            "last_published": last,
            "event_types": {
                row[0]: row[1]
                for row in self._conn.execute(
                    "SELECT event, count(*) FROM events GROUP BY event ORDER BY count(*) DESC"
                )
            },
        }


#: The columns an event dict is built from; the JSON columns packed into one array.
_EVENT_COLUMNS = (
    "e.id, e.event, e.cameo, e.confidence, e.report_count, e.source_count, e.first_reported, "
    "e.last_reported, e.contradicted, '[' || e.mode || ',' || e.context || ',' || e.aux || ',' "
    "|| e.actor || ',' || e.recipient || ',' || ifnull(e.date, 'null') || ',' "
    "|| ifnull(e.location, 'null') || ',' || e.sources || ']' AS packed"
)


def _public_location(location: Row | None) -> Row | None:
    if not location:
        return None
    keep = ("text", "name", "code", "admin1", "geonameid", "lat", "lon", "precision")
    return {k: location.get(k) for k in keep}


def _snippet(marked: str) -> Row:
    """A search snippet as plain text with hit offsets, and as escaped HTML with <mark>."""
    from html import escape

    plain, hits, html, start = [], [], [], None
    position = 0
    for char in marked:
        if char == _HIT_OPEN:
            start = position
            html.append("<mark>")
        elif char == _HIT_CLOSE:
            hits.append([start, position])
            html.append("</mark>")
        else:
            plain.append(char)
            html.append(escape(char))
            position += 1
    return {"snippet": "".join(plain), "highlights": hits, "snippet_html": "".join(html)}


def country_name(code: str) -> str | None:
    """The short English name of an ISO 3166-1 alpha-3 code, if it is one."""
    try:
        import pycountry
    except ImportError:  # pragma: no cover - a main dependency
        return None
    country = pycountry.countries.get(alpha_3=code)
    if country is None:
        return None
    return getattr(country, "common_name", None) or country.name


def open_store(path: str | Path, *, create: bool = False, readonly: bool = False) -> Store:
    """Open (or with ``create`` make) the store at ``path``; StoreError when it cannot."""
    return Store(path, create=create, readonly=readonly)
