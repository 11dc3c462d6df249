"""``newsgraph merge``: the store's cross-article merge, run as a distributed group-by.

The store's rule (``newsgraph.store.merge``) is greedy in ingest order: each report joins the
oldest compatible cluster among those sharing a blocking key (``TYPE|irrealis|CODE``) with it.
Reports of different PLOVER types or irrealis classes can never merge, so the reports are
grouped by ``TYPE|irrealis`` on the cluster (a Dask bag shuffle), and each group runs the
store's own ``merge_reports`` over its reports in ingest order. Ingest order is the order of the
partitions in the run's manifest (the order the inputs were given), then the article's place in
its partition, then the event's place in its article: the order ``newsgraph ingest`` reads the
same inputs in. Articles the store would skip as duplicates (an id or text hash seen before) are
skipped here too. The labels are therefore the store's labels, group by group.

Outputs: with ``--output DIR`` each group's task writes
``DIR/merged_events/<TYPE>_<irrealis>.parquet``
(one row per merged event) and ``DIR/merged_reports/<TYPE>_<irrealis>.parquet`` (report -> merged
event); ``--db FILE`` loads the records into the SQLite store, in the same order, through its
public ``add_records`` (the store applies the same rule, so it arrives at the same events).
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from typing import Any

import pyarrow as pa

from newsgraph.cluster.driver import ClusterError, connect
from newsgraph.cluster.layout import Output
from newsgraph.cluster.schema import TABLES, records_from_tables
from newsgraph.progress import track

Report = dict[str, Any]
Order = tuple[int, int, int]


def _store_merge() -> Any:
    try:
        from newsgraph.store import merge
    except ImportError:
        raise ClusterError(
            "the store's merge rule (newsgraph.store.merge) is not installed"
        ) from None
    return merge


def read_records(output: str, partition: str) -> list[dict[str, Any]]:
    """The v1 records of one written partition (article texts left out: merging needs none)."""
    out = Output(output)
    tables = {table: out.read(table, partition) for table in TABLES if table != "articles"}
    articles = out.read("articles", partition)
    tables["articles"] = articles.drop_columns(["text"])
    return records_from_tables(tables)


def partition_reports(output: str, position: int, partition: str) -> dict[str, list]:
    """Articles (for duplicate checks) and report keys of one partition, each with its order."""
    merge = _store_merge()
    articles, reports = [], []
    for index, record in enumerate(read_records(output, partition)):
        article = record["article"]
        articles.append(((position, index), article["id"], article.get("sha256") or ""))
        for number, event in enumerate(record["events"]):
            reports.append(
                {
                    "order": (position, index, number),
                    "article_id": article["id"],
                    "local_id": event["id"],
                    "key": merge.report_key(event, article),
                }
            )
    return {"articles": articles, "reports": reports}


def group_name(report: Report) -> str:
    """The coarsest blocking key: reports in different groups can never merge."""
    return f"{report['key']['event']}|{int(report['key']['irrealis'])}"


def merge_group(group: tuple[str, list[Report]], target: str | None) -> list[dict[str, Any]]:
    """Store labels for one group's reports, merged in ingest order; with ``target``, the
    group's tables are written there and only a count per merged event comes back."""
    name, reports = group
    reports = sorted(reports, key=lambda r: tuple(r["order"]))
    labels = _store_merge().merge_reports([r["key"] for r in reports])
    for report, label in zip(reports, labels, strict=True):
        report["merged_id"] = f"{name}#{label}"
    if target is None:
        return reports
    events, report_table = merged_tables(reports)
    out = Output(target)
    slug = name.replace("|", "_")
    for table, rows in (("merged_events", events), ("merged_reports", report_table)):
        out.write_table(table, slug, rows)
    return [{"merged_id": r["merged_id"]} for r in reports]


def duplicate_orders(articles: Any) -> list[tuple[tuple[int, int], str, str]]:
    """The articles whose id or content hash occurs more than once (a distributed group-by);
    every other article is kept by the store whatever came before it."""

    import dask.bag as db

    def repeated(bag: Any) -> Any:
        return bag.filter(lambda group: len(group[1]) > 1).pluck(1).flatten()

    by_id = repeated(articles.groupby(lambda a: a[1], shuffle="tasks"))
    by_hash = repeated(articles.filter(lambda a: a[2]).groupby(lambda a: a[2], shuffle="tasks"))
    return list({tuple(a[0]): a for a in db.concat([by_id, by_hash]).compute()}.values())


def skipped_articles(candidates: list[tuple[tuple[int, int], str, str]]) -> set[tuple[int, int]]:
    """Articles the store would refuse: an id or hash already stored, in ingest order."""
    ids: set[str] = set()
    hashes: set[str] = set()
    skipped = set()
    for order, article_id, sha256 in sorted((tuple(o), i, h) for o, i, h in candidates):
        if article_id in ids or (sha256 and sha256 in hashes):
            skipped.add(order)
            continue
        ids.add(article_id)
        hashes.add(sha256)
    return skipped


def merge_on_cluster(client: Any, output: str, target: str | None = None) -> list[dict[str, Any]]:
    """Every report of the run, in ingest order, with ``merged_id`` (``TYPE|irrealis#n``:
    the n-th merged event of its group, counted in ingest order). With ``target``, the workers
    write the merged tables there and the reports come back with their ``merged_id`` only."""
    import dask.bag as db

    partitions = Output(output).ordered_partitions()
    if not partitions:
        raise ClusterError(f"{output} holds no complete partitions (run extract --cluster first)")
    per_partition = db.from_sequence(list(enumerate(partitions)), npartitions=len(partitions)).map(
        lambda item: partition_reports(output, *item)
    )
    per_partition = client.persist(per_partition)
    skipped = skipped_articles(duplicate_orders(per_partition.pluck("articles").flatten()))
    if target is not None:
        Output(target).clear_tables(("merged_events", "merged_reports"))
    labelled = (
        per_partition.pluck("reports")
        .flatten()
        .filter(lambda r: tuple(r["order"][:2]) not in skipped)
        .groupby(group_name, shuffle="tasks")
        .map(merge_group, target)
        .flatten()
        .compute()
    )
    if target is None:
        labelled.sort(key=lambda r: tuple(r["order"]))
    return labelled


def merged_tables(reports: list[dict[str, Any]]) -> tuple[pa.Table, pa.Table]:
    """``merged_events`` (one row per merged event) and ``merged_reports`` tables."""
    by_event: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for report in reports:
        by_event[report["merged_id"]].append(report)
    events = []
    for merged_id, members in by_event.items():
        keys = [m["key"] for m in members]
        events.append(
            {
                "merged_id": merged_id,
                "event": keys[0]["event"],
                "irrealis": keys[0]["irrealis"],
                "actor_codes": sorted({c for k in keys for c in k["actor_codes"]}),
                "recipient_codes": sorted({c for k in keys for c in k["recipient_codes"]}),
                "report_count": len(members),
                "source_count": len({k["source"] or k["article"] for k in keys}),
                "article_ids": [m["article_id"] for m in members],
            }
        )
    report_rows = [
        {
            "merged_id": r["merged_id"],
            "article_id": r["article_id"],
            "local_id": r["local_id"],
            "partition_position": r["order"][0],
            "article_index": r["order"][1],
            "event_index": r["order"][2],
        }
        for r in reports
    ]
    return pa.Table.from_pylist(events), pa.Table.from_pylist(report_rows)


def load_into_store(output: str, db_file: str) -> Any:
    """Add every record to the SQLite store in ingest order; the store merges with its rule."""
    try:
        import newsgraph

        open_store = newsgraph.open  # type: ignore[attr-defined]
    except AttributeError:
        raise ClusterError("the SQLite store (newsgraph.open) is not installed") from None
    out = Output(output)
    partitions = out.ordered_partitions()

    def records() -> Any:
        for partition in track(partitions, "loading", total=len(partitions), unit="partitions"):
            yield from records_from_tables(out.read_partition(partition))

    with open_store(db_file, create=True) as store:
        return store.add_records(records())


def merge_command(args: argparse.Namespace) -> int:
    if not Output(args.directory).complete_partitions():
        raise ClusterError(f"{args.directory} holds no output of `newsgraph extract --cluster`")
    with connect(args.cluster) as client:
        reports = merge_on_cluster(client, args.directory, target=args.output)
    merged = len({r["merged_id"] for r in reports})
    where = Output(args.output).url if args.output else args.db
    if args.db:
        load_into_store(args.directory, args.db)
    print(
        f"newsgraph: {len(reports):,} reports merged into {merged:,} events -> {where}",
        file=sys.stderr,
    )
    return 0
