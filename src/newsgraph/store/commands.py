"""``newsgraph ingest`` and the store's query commands: events, timeline, network, claims,
entities, search, contradictions, stats, and ``export``."""

from __future__ import annotations

import argparse
import csv
import itertools
import json
import sys
import time
from collections.abc import Iterable, Iterator
from typing import Any

from newsgraph.config import db_path
from newsgraph.errors import InputError, ModelError
from newsgraph.ingest.commands import add_input_arguments, check_model, report
from newsgraph.progress import track
from newsgraph.records import Article
from newsgraph.store import Store, StoreError, open_store
from newsgraph.store.near import DEFAULT_KM, resolve_point

#: Articles written per transaction; a kill loses at most this many articles' work.
BATCH_SIZE = 20
#: ... or the articles parsed in this many seconds, whichever comes first.
BATCH_SECONDS = 5.0
FORMATS = ("table", "jsonl", "csv")
TIMELINE_PAGE = 500


def add_db_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db", metavar="FILE", help="the store (default: NEWSGRAPH_DB, else ./newsgraph.db)"
    )


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add this stage's subcommands to the ``newsgraph`` parser."""
    ingest = subparsers.add_parser(
        "ingest",
        help="extract articles and store them, merged across articles (idempotent, resumable)",
        description="Run extraction over the inputs and write articles, entities, events, "
        "reports, claims and quantities into the SQLite store. Articles already stored (same "
        "id or same text) are skipped before parsing, so re-running adds nothing.",
    )
    add_input_arguments(ingest)
    add_db_argument(ingest)
    ingest.add_argument(
        "--batch-size",
        type=int,
        default=BATCH_SIZE,
        metavar="N",
        help=f"articles per commit (default {BATCH_SIZE})",
    )
    ingest.add_argument(
        "--records",
        action="store_true",
        help="the inputs are v1 records (the output of newsgraph extract), stored without parsing",
    )
    ingest.set_defaults(handler=run_ingest)

    events = subparsers.add_parser("events", help="merged events, newest first, with reports")
    add_event_filters(events)
    events.add_argument("--type", help="PLOVER event type, e.g. ASSAULT")
    events.add_argument("--recipient", metavar="CODE|NAME", help="only events on this recipient")
    events.add_argument(
        "--contradicted", action="store_true", help="only events with contradicting statements"
    )
    events.add_argument(
        "--near", metavar="PLACE|LAT,LON", help="only events located near this place or point"
    )
    events.add_argument(
        "--km", type=float, default=DEFAULT_KM, metavar="K", help="radius for --near (default 100)"
    )
    add_paging(events)
    add_format(events)
    events.set_defaults(handler=run_events)

    timeline = subparsers.add_parser("timeline", help="an actor's events, oldest first")
    add_event_filters(timeline, actor_required=True)
    timeline.add_argument("--type", help="PLOVER event type")
    add_format(timeline)
    timeline.set_defaults(handler=run_timeline)

    network = subparsers.add_parser(
        "network", help="who acts on whom: edges by event type with counts"
    )
    add_event_filters(network)
    network.add_argument("--type", help="PLOVER event type")
    network.add_argument("--min-count", type=int, default=1, metavar="N", help="hide rarer edges")
    network.add_argument("--format", choices=("table", "json"), default="table")
    network.set_defaults(handler=run_network)

    claims = subparsers.add_parser("claims", help="attributed statements")
    add_db_argument(claims)
    claims.add_argument("--about", metavar="CODE|NAME", help="claims about this actor")
    claims.add_argument("--by", metavar="CODE|NAME", help="claims made by this speaker")
    claims.add_argument(
        "--stance", choices=("assert", "deny", "allege", "acknowledge", "deny_knowledge")
    )
    add_paging(claims)
    add_format(claims)
    claims.set_defaults(handler=run_claims)

    entities = subparsers.add_parser("entities", help="actors and places merged across articles")
    add_db_argument(entities)
    entities.add_argument("query", nargs="?", help="part of a name or alias")
    entities.add_argument(
        "--kind", choices=("state", "person", "organization", "igo", "group", "place")
    )
    entities.add_argument("--code", help="ISO3 (or IGO/NGO/MNC) code")
    add_paging(entities)
    add_format(entities)
    entities.set_defaults(handler=run_entities)

    search = subparsers.add_parser("search", help="full-text search over stored articles")
    add_db_argument(search)
    search.add_argument("text", nargs="+", help="words that must all occur")
    search.add_argument("--limit", type=int, default=20, metavar="N")
    add_format(search)
    search.set_defaults(handler=run_search)

    contradictions = subparsers.add_parser(
        "contradictions", help="statements that deny each other or give different figures"
    )
    add_db_argument(contradictions)
    contradictions.add_argument("--event", type=int, metavar="ID", help="only this event's")
    add_paging(contradictions)
    add_format(contradictions)
    contradictions.set_defaults(handler=run_contradictions)

    stats = subparsers.add_parser("stats", help="what the store holds")
    add_db_argument(stats)
    stats.add_argument("--json", action="store_true", help="print JSON")
    stats.set_defaults(handler=run_stats)

    export = subparsers.add_parser(
        "export",
        help="write the store as PLOVER JSONL, CAMEO TSV, CSV, GraphML or FollowTheMoney",
    )
    add_db_argument(export)
    export.add_argument(
        "--format", required=True, choices=("plover", "cameo", "csv", "graphml", "ftm")
    )
    export.add_argument("--output", "-o", metavar="FILE", help="write here instead of stdout")
    export.set_defaults(handler=run_export)


def add_event_filters(parser: argparse.ArgumentParser, *, actor_required: bool = False) -> None:
    add_db_argument(parser)
    parser.add_argument(
        "--actor",
        required=actor_required,
        metavar="CODE|NAME",
        help="an ISO3/IGO code or a name, in either role",
    )
    parser.add_argument("--since", metavar="DATE", help="YYYY, YYYY-MM or YYYY-MM-DD")
    parser.add_argument("--until", metavar="DATE", help="YYYY, YYYY-MM or YYYY-MM-DD")


def add_paging(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--limit", type=int, default=100, metavar="N", help="0 for all")
    parser.add_argument("--offset", type=int, default=0, metavar="N")


def add_format(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=FORMATS, default="table")


def open_for_reading(args: argparse.Namespace) -> Store:
    return open_store(db_path(args.db))


# ---------------------------------------------------------------------------- ingest


def unseen(
    items: Iterable[Article | InputError], store: Store, skipped: list[str]
) -> Iterator[Article | InputError]:
    """Drop articles already stored (or met earlier in this run) before they are parsed."""
    ids: set[str] = set()
    hashes: set[str] = set()
    for item in items:
        if isinstance(item, Article):
            if (
                item.id in ids
                or (item.sha256 and item.sha256 in hashes)
                or store.known_articles([item.id])
                or (item.sha256 and store.known_hashes([item.sha256]))
            ):
                skipped.append(item.id)
                continue
            ids.add(item.id)
            if item.sha256:
                hashes.add(item.sha256)
        yield item


def read_records(paths: Iterable[str]) -> Iterator[dict[str, Any] | InputError]:
    """v1 records from JSONL files (``-`` is standard input); a bad line is reported, skipped."""
    for name in paths:
        try:
            stream = sys.stdin if name == "-" else open(name, encoding="utf-8")  # noqa: SIM115
        except OSError as exc:
            yield InputError(name, exc.strerror or str(exc))
            continue
        with stream:
            for number, line in enumerate(stream, start=1):
                if not line.strip():
                    continue
                where = f"{name}: line {number}"
                try:
                    record = json.loads(line)
                except json.JSONDecodeError as exc:
                    yield InputError(where, f"malformed JSON ({exc.msg} at column {exc.colno})")
                    continue
                article = record.get("article") if isinstance(record, dict) else None
                if not isinstance(article, dict) or not article.get("id"):
                    yield InputError(where, "not a v1 record (no article id), skipped")
                    continue
                yield record


def first_article(
    items: Iterable[Article | InputError],
) -> tuple[list[InputError], Iterator[Article | InputError] | None]:
    """Input errors before the first article, and the stream from that article on (None when
    there is no article left to parse, e.g. on a re-run)."""
    iterator = iter(items)
    errors: list[InputError] = []
    for item in iterator:
        if isinstance(item, Article):
            return errors, itertools.chain([item], iterator)
        errors.append(item)
    return errors, None


def run_ingest(args: argparse.Namespace) -> int:
    from newsgraph.ingest import iter_articles

    if args.batch_size < 1:
        raise ModelError("--batch-size must be at least 1")
    if args.workers is not None and args.workers < 1:
        raise ModelError("--workers must be at least 1")
    model = None if args.records else check_model(args.model)
    path = db_path(args.db)
    store = open_store(path, create=True)
    try:
        items = (
            iter([])
            if args.records
            else iter_articles(args.paths, published=args.published, stdin_jsonl=args.jsonl)
        )
    except ValueError as exc:
        raise InputError("--published", str(exc)) from None
    skipped: list[str] = []
    started = time.monotonic()
    added = failed = 0
    pending: list[dict[str, Any]] = []
    last_commit = time.monotonic()

    def flush() -> None:
        nonlocal added, last_commit
        with store.batch():
            for record in pending:
                if store.add_record(record):
                    added += 1
                else:
                    skipped.append(record["article"]["id"])
        pending.clear()
        last_commit = time.monotonic()

    with store:
        errors, fresh = first_article(unseen(items, store, skipped))
        results: Iterable[dict[str, Any] | InputError] = errors
        if args.records:
            results = read_records(args.paths)
        elif fresh is not None:  # load the pipeline only when there is something to parse
            from newsgraph.extract import extract_records

            results = itertools.chain(
                errors, extract_records(fresh, model=model, workers=args.workers)
            )
        for result in track(results, "ingesting"):
            if isinstance(result, InputError):
                report(result)
                failed += result.fatal
                continue
            pending.append(result)
            if len(pending) >= args.batch_size or time.monotonic() - last_commit > BATCH_SECONDS:
                flush()
        if pending:
            flush()
        totals = store.stats()
    elapsed = time.monotonic() - started
    rate = added / elapsed if elapsed > 0 else 0.0
    print(
        f"newsgraph: stored {added} article(s), skipped {len(skipped)} already stored, "
        f"in {elapsed:.1f} s ({rate:.1f} articles/s); {path} now holds {totals['articles']} "
        f"articles, {totals['events']} events from {totals['reports']} reports, "
        f"{totals['claims']} claims, {totals['contradictions']} contradictions",
        file=sys.stderr,
    )
    if failed:
        print(
            f"newsgraph: {failed} input(s) could not be read; see the lines above", file=sys.stderr
        )
    return 1 if failed else 0


# ---------------------------------------------------------------------------- output


def limit_of(args: argparse.Namespace) -> int | None:
    return None if args.limit == 0 else args.limit


def codes(participants: list[dict[str, Any]]) -> str:
    return ", ".join(
        "/".join(x for x in (p.get("code"), p.get("sector")) if x) or (p.get("name") or "?")
        for p in participants
    )


def event_row(event: dict[str, Any]) -> dict[str, Any]:
    """One merged event flattened for tables and CSV."""
    location = event.get("location") or {}
    first = event["reports"][0] if event["reports"] else {}
    return {
        "id": event["id"],
        "date": event["date"].get("start") or "",
        "event": event["event"] + ("/" + ",".join(event["mode"]) if event["mode"] else ""),
        "aux": ",".join(event["aux"]),
        "actor": codes(event["actor"]),
        "recipient": codes(event["recipient"]),
        "location": location.get("name") or "",
        "reports": event["report_count"],
        "sources": event["source_count"],
        "contradicted": "yes" if event["contradicted"] else "",
        "trigger": first.get("event_text") or "",
        "article": first.get("article_id") or "",
    }


def print_table(title: str, rows: list[dict[str, Any]], columns: Iterable[str] = ()) -> None:
    from rich.console import Console
    from rich.table import Table

    if not rows:  # a table with no rows draws nothing at all: say so
        print(f"{title}.")
        return
    columns = list(columns) or list(rows[0])
    table = Table(title=title)
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*("" if row.get(c) is None else str(row.get(c)) for c in columns))
    Console(width=max(120, Console().width)).print(table)


def write_jsonl(items: Iterable[Any]) -> None:
    for item in items:
        sys.stdout.write(json.dumps(item, ensure_ascii=False))
        sys.stdout.write("\n")


def write_csv(rows: list[dict[str, Any]]) -> None:
    if not rows:
        return
    writer = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)


def show(
    args: argparse.Namespace,
    title: str,
    items: list[dict[str, Any]],
    flatten: Any,
    columns: Iterable[str] = (),
) -> int:
    if args.format == "jsonl":
        write_jsonl(items)
    elif args.format == "csv":
        write_csv([flatten(item) for item in items])
    else:
        print_table(title, [flatten(item) for item in items], columns)
    return 0


# ---------------------------------------------------------------------------- queries


def run_events(args: argparse.Namespace) -> int:
    near = resolve_point(args.near) if args.near is not None else None
    with open_for_reading(args) as store:
        events = store.events(
            args.actor,
            recipient=args.recipient,
            type=args.type,
            since=args.since,
            until=args.until,
            contradicted=True if args.contradicted else None,
            near=near,
            km=args.km,
            limit=limit_of(args),
            offset=args.offset,
        )
    return show(args, f"{len(events)} events", events, event_row)


def run_timeline(args: argparse.Namespace) -> int:
    with open_for_reading(args) as store:
        events: list[dict[str, Any]] = []
        while True:  # page through the whole timeline
            page = store.timeline(
                args.actor,
                type=args.type,
                since=args.since,
                until=args.until,
                limit=TIMELINE_PAGE,
                offset=len(events),
            )
            events += page
            if len(page) < TIMELINE_PAGE:
                break

    def row(event: dict[str, Any]) -> dict[str, Any]:
        return {**event_row(event), "role": event["role"]}

    columns = ("date", "event", "role", "actor", "recipient", "location", "reports", "trigger")
    return show(args, f"timeline of {args.actor}: {len(events)} events", events, row, columns)


def run_network(args: argparse.Namespace) -> int:
    with open_for_reading(args) as store:
        network = store.network(
            args.actor,
            type=args.type,
            since=args.since,
            until=args.until,
            min_count=args.min_count,
        )
    if args.format == "json":
        print(json.dumps(network, ensure_ascii=False))
        return 0
    labels = {node["id"]: node["label"] for node in network["nodes"]}
    rows = [
        {
            "source": f"{e['source']} ({labels[e['source']]})"
            if labels[e["source"]] != e["source"]
            else e["source"],
            "target": f"{e['target']} ({labels[e['target']]})"
            if labels[e["target"]] != e["target"]
            else e["target"],
            "event": e["event"],
            "events": e["count"],
            "reports": e["reports"],
        }
        for e in network["edges"]
    ]
    print_table(
        f"{len(network['nodes'])} actors, {len(network['edges'])} edges",
        rows,
        ("source", "target", "event", "events", "reports"),
    )
    return 0


def claim_row(claim: dict[str, Any]) -> dict[str, Any]:
    speaker = claim.get("speaker") or {}
    return {
        "id": claim["id"],
        "article": claim["article_id"],
        "speaker": "/".join(x for x in (speaker.get("code"), speaker.get("sector")) if x)
        + (f" ({speaker['name']})" if speaker.get("name") else ""),
        "verb": claim["verb"],
        "stance": claim["stance"] + (" (hedged)" if claim["hedged"] else ""),
        "content": claim["content"],
        "events": ",".join(map(str, claim["event_ids"])),
    }


def run_claims(args: argparse.Namespace) -> int:
    with open_for_reading(args) as store:
        claims = store.claims(
            args.about, by=args.by, stance=args.stance, limit=limit_of(args), offset=args.offset
        )
    return show(args, f"{len(claims)} claims", claims, claim_row)


def entity_row(entity: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": entity["id"],
        "name": entity["name"],
        "kind": entity["kind"],
        "code": entity["code"],
        "sector": entity["sector"],
        "aliases": "; ".join(entity["aliases"]),
        "mentions": entity["mention_count"],
        "articles": entity["article_count"],
    }


def run_entities(args: argparse.Namespace) -> int:
    with open_for_reading(args) as store:
        entities = store.entities(
            args.query, kind=args.kind, code=args.code, limit=limit_of(args), offset=args.offset
        )
    return show(args, f"{len(entities)} entities", entities, entity_row)


def run_search(args: argparse.Namespace) -> int:
    with open_for_reading(args) as store:
        hits = store.search(" ".join(args.text), limit=args.limit)

    def row(hit: dict[str, Any]) -> dict[str, Any]:
        return {k: hit[k] for k in ("article_id", "published", "source", "title", "snippet")}

    return show(args, f"{len(hits)} articles", hits, row)


def contradiction_row(item: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": item["id"],
        "kind": item["kind"],
        "events": ",".join(map(str, item["event_ids"])),
        "subject": item["subject"],
        "who says what": item["description"],
        "articles": ",".join(dict.fromkeys(side["article_id"] for side in item["sides"])),
    }


def run_contradictions(args: argparse.Namespace) -> int:
    with open_for_reading(args) as store:
        found = store.contradictions(event=args.event, limit=limit_of(args), offset=args.offset)
    return show(args, f"{len(found)} contradictions", found, contradiction_row)


def run_stats(args: argparse.Namespace) -> int:
    with open_for_reading(args) as store:
        stats = store.stats()
    if args.json:
        print(json.dumps(stats, ensure_ascii=False, indent=2))
        return 0
    for key, value in stats.items():
        if key == "event_types":
            value = ", ".join(f"{k} {v}" for k, v in value.items()) or "-"
        print(f"{key}: {value}")
    return 0


def run_export(args: argparse.Namespace) -> int:
    from newsgraph.export import export

    with open_for_reading(args) as store:
        if args.output:
            try:
                with open(args.output, "w", encoding="utf-8", newline="") as out:
                    count = export(store, args.format, out)
            except OSError as exc:
                raise StoreError(f"cannot write {args.output}: {exc.strerror or exc}") from None
            print(
                f"newsgraph: wrote {count} {args.format} records to {args.output}", file=sys.stderr
            )
        else:
            export(store, args.format, sys.stdout)
    return 0
