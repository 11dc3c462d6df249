"""The cluster stage on a real Dask LocalCluster of two worker processes, plus its pure parts.

The corpus is a few short articles written for these tests; partitions are made tiny so that
a handful of articles spreads over many tasks on both workers.
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from conftest import run_newsgraph
from newsgraph.cluster.layout import Output
from newsgraph.cluster.partitions import jsonl_lines, plan
from newsgraph.cluster.schema import TABLES, records_from_tables, tables_from_results
from newsgraph.errors import InputError
from newsgraph.records import (
    Article,
    Attribution,
    Claim,
    Date,
    Entity,
    Event,
    Location,
    Mention,
    Participant,
    Quantity,
    Span,
)

ARTICLES = [
    ("c1", "Polish and Lithuanian defence ministers met in Vilnius on Monday to plan joint "
           "patrols along the border.", "2025-03-04", "Baltic Wire"),
    ("c2", "The ministers of Poland and Lithuania held talks in Vilnius on Monday, officials "
           "said.", "2025-03-04", "Northern Desk"),
    ("c3", "Sudanese army units shelled positions of the Rapid Support Forces near El Fasher "
           "on Sunday, killing at least 12 fighters.", "2025-03-03", "Nile Report"),
    ("c4", "Chinese coast guard ships fired water cannon at a Philippine supply boat near "
           "Second Thomas Shoal, Manila said.", "2025-03-05", "Harbour Post"),
    ("c5", "Kenya asked Somalia to return two detained fishermen, the foreign ministry said "
           "on Friday.", "2025-03-07", "Rift Daily"),
    ("c6", "Japan and Australia agreed to expand military exercises next year.", "2025-03-08",
     "Pacific Ledger"),
    ("c7", "Armenian protesters gathered outside the parliament in Yerevan on Saturday.",
     "2025-03-08", "Caucasus Today"),
    ("c8", "The European Union imposed sanctions on three Iranian drone makers on Thursday.",
     "2025-03-06", "Brussels Brief"),
]  # fmt: skip


def write_corpus(path: Path, copies: int = 1) -> list[str]:
    """The test articles as JSONL (``copies`` times, with fresh ids); returns the ids in order."""
    ids = []
    with path.open("w", encoding="utf-8") as out:
        for copy in range(copies):
            for article_id, text, published, source in ARTICLES:
                ids.append(f"{article_id}-{copy}" if copies > 1 else article_id)
                row = {"id": ids[-1], "text": text, "published": published, "source": source}
                out.write(json.dumps(row) + "\n")
    return ids


def written_ids(output: Path) -> list[str]:
    out = Output(str(output))
    return [
        article_id
        for partition in out.ordered_partitions()
        for article_id in out.read("articles", partition).column("article_id").to_pylist()
    ]


# -- pure parts: no cluster ----------------------------------------------------------------


@pytest.mark.parametrize("size", [1, 7, 64, 300, 10**9])
def test_byte_range_partitions_read_every_line_once(tmp_path: Path, size: int) -> None:
    path = tmp_path / "lines.jsonl"
    lines = [json.dumps({"id": f"x{i}", "text": "é" * (i % 13)}) + "\n" for i in range(40)]
    path.write_text("".join(lines), encoding="utf-8")
    partitions, problems = plan([str(path)], partition_bytes=size)
    assert problems == []
    read = [line.decode("utf-8") for p in partitions for line in jsonl_lines(p)]
    assert read == lines
    assert len({p.name for p in partitions}) == len(partitions)
    again, _ = plan([f"file://{path}"], partition_bytes=size)
    assert [p.name for p in again] == [p.name for p in partitions]  # same input, same names


def test_plan_reports_missing_inputs_and_walks_directories(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Chad closed its border.", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.jsonl").write_text('{"id": "b", "text": "x"}\n', encoding="utf-8")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    partitions, problems = plan([str(tmp_path), str(tmp_path / "absent.jsonl")])
    assert [Path(p.url).name for p in partitions] == ["a.txt", "b.jsonl"]
    assert [p.kind for p in partitions] == ["file", "jsonl"]
    assert {Path(p.where).name for p in problems} == {"notes.pdf", "absent.jsonl"}


def full_record() -> dict:
    """A v1 record using every field, with an extra field the schema does not name."""
    speaker = Participant("the Kenyan foreign ministry", "Kenya", "e1", "KEN", "GOV")
    quantity = Quantity(2, "exactly", "people", "fishermen detained", "two fishermen", Span(40, 53))
    date = Date("2025-03-07", None, "day", "on Friday", False)
    event = Event(
        id="ev1", event="REQUEST", mode=["return"], context=["maritime"], aux=[],
        actor=[Participant("Kenya", "Kenya", "e1", "KEN", None)],
        recipient=[Participant("Somalia", "Somalia", "e2", "SOM", "GOV"),
                   Participant("Mogadishu", None, None, "SOM", "GOV")],
        date=date,
        location=Location("Mogadishu", Span(60, 69), "Mogadishu", "SOM", "Banaadir", 53654,
                          2.04, 45.34, "city"),
        event_text="asked", trigger_span=Span(6, 11), text="Kenya asked Somalia ...",
        text_info=Span(0, 70), attribution=Attribution(speaker, "said", "assert", True, ["said"]),
        quantities=[quantity], cameo="020", confidence=0.75,
    )  # fmt: skip
    bare = Event(id="ev2", event="PROTEST", date=Date(None))
    claim = Claim(
        "c1", speaker, "said", "assert", False, [], "Kenya asked Somalia", Span(0, 30),
        events=["ev1"], quantities=[quantity], date=date,
    )  # fmt: skip
    entity = Entity("e1", "Kenya", "state", "KEN", None, ["Nairobi"], ["President"],
                    [Mention(0, 5, "Kenya")])  # fmt: skip
    article = Article("k1", "Fishermen", "2025-03-07", "https://example.org/k1", "Rift Daily",
                      "en", "ab" * 32, "Kenya asked Somalia ...")  # fmt: skip
    record = {
        "article": article.to_dict(),
        "entities": [entity.to_dict()],
        "events": [event.to_dict(), bare.to_dict()],
        "claims": [claim.to_dict(), Claim("c2", None, "denied", "deny", True, ["denied"], "no",
                                          Span(1, 2)).to_dict()],
        "quantities": [quantity.to_dict()],
    }  # fmt: skip
    record["events"][0]["location"]["future_field"] = {"nested": [1, 2]}
    record["events"][1]["score"] = 0.5
    return record


def test_flattened_tables_give_back_the_exact_records(tmp_path: Path) -> None:
    record = full_record()
    other = {**record, "article": {**record["article"], "id": "k2"}, "events": []}
    results = [record, InputError("in.jsonl: line 3", "malformed JSON"), other]
    tables = tables_from_results("part-0", results)
    assert set(tables) == set(TABLES)
    assert tables["events"].num_rows == 2
    assert tables["participants"].num_rows == 6  # actor, 2 recipients, 3 speakers (2 articles)
    assert tables["problems"].column("problem").to_pylist() == ["malformed JSON"]
    out = Output(str(tmp_path))
    out.write_partition("part-0", tables)
    assert out.complete_partitions() == {"part-0"}
    assert records_from_tables(out.read_partition("part-0")) == [record, other]
    leftovers = [p for p in tmp_path.rglob("*") if p.name.startswith(".")]
    assert leftovers == []


# -- on a real LocalCluster with two worker processes ----------------------------------------


@pytest.fixture(scope="module")
def client():
    distributed = pytest.importorskip("distributed")
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        yield client


@pytest.mark.cluster
def test_cluster_records_equal_single_process_records(client, tmp_path: Path) -> None:
    from newsgraph.cluster.driver import extract_to_parquet
    from newsgraph.extract import extract_records
    from newsgraph.ingest import iter_articles

    corpus = tmp_path / "corpus.jsonl"
    ids = write_corpus(corpus)
    summary = extract_to_parquet(client, [str(corpus)], str(tmp_path / "out"), partition_bytes=300)
    assert summary.planned > 3 and summary.written == summary.planned
    assert {r["pid"] for r in summary.partitions} == set(client.run(os.getpid).values())
    out = Output(str(tmp_path / "out"))
    clustered = [
        r for p in out.ordered_partitions() for r in records_from_tables(out.read_partition(p))
    ]
    single = list(extract_records(iter_articles([str(corpus)]), workers=1))
    assert [r["article"]["id"] for r in clustered] == ids
    assert clustered == single

    again = extract_to_parquet(client, [str(corpus)], str(tmp_path / "out"), partition_bytes=300)
    assert (again.written, again.skipped) == (0, summary.planned)
    with pytest.raises(Exception, match="cut differently"):
        extract_to_parquet(client, [str(corpus)], str(tmp_path / "out"), partition_bytes=500)


@pytest.mark.cluster
def test_killed_worker_loses_no_partition_and_duplicates_none(client, tmp_path: Path) -> None:
    from newsgraph.cluster.driver import extract_to_parquet

    corpus = tmp_path / "corpus.jsonl"
    ids = write_corpus(corpus, copies=3)
    pids = client.run(os.getpid)
    killed: list[int] = []

    def kill_a_busy_worker(_: dict) -> None:
        if killed:
            return
        busy = [address for address, keys in client.processing().items() if keys]
        if busy:
            killed.append(pids[busy[0]])
            os.kill(killed[0], signal.SIGKILL)

    output = tmp_path / "out"
    summary = extract_to_parquet(
        client, [str(corpus)], str(output), partition_bytes=250, on_done=kill_a_busy_worker
    )
    assert killed, "no worker was busy when the first partition finished"
    assert killed[0] not in client.run(os.getpid).values()
    deadline = time.monotonic() + 180  # let the nanny's replacement join before the next test
    while len(client.run(os.getpid)) < 2 and time.monotonic() < deadline:
        time.sleep(1)
    assert summary.failed == []
    assert sorted(written_ids(output)) == sorted(ids)  # nothing lost, nothing twice
    assert written_ids(output) == ids
    for table in TABLES:
        names = {p.stem for p in (output / table).iterdir()}
        assert names == Output(str(output)).complete_partitions()
    assert [p for p in output.rglob(".*")] == []


@pytest.mark.cluster
def test_cli_joins_a_running_scheduler(client, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    ids = write_corpus(corpus)
    output = tmp_path / "out"
    address = client.scheduler.address
    args = ("extract", "--cluster", address, str(corpus), "--output", str(output))
    result = run_newsgraph(*args, "--partition-size", "400")
    assert result.returncode == 0, result.stderr.decode()
    assert f"{len(ids)} articles" in result.stderr.decode()
    assert written_ids(output) == ids
    rerun = run_newsgraph(*args, "--partition-size", "400")
    assert rerun.returncode == 0
    assert "0 partition(s) written" in rerun.stderr.decode()


def test_cli_rejects_cluster_without_output_and_stdin(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    write_corpus(corpus)
    result = run_newsgraph("extract", "--cluster", "local:2", str(corpus))
    assert result.returncode == 2
    assert result.stderr.decode().count("\n") == 1 and "--output" in result.stderr.decode()
    result = run_newsgraph("extract", "--cluster", "local:2", "-", "--output", str(tmp_path))
    assert result.returncode == 2 and b"Traceback" not in result.stderr
    assert b"standard input" in result.stderr
    result = run_newsgraph("extract", "--cluster", "local:x", str(corpus), "--output", "o")
    assert result.returncode == 2 and b"expected local:N" in result.stderr


# -- merge: the store's rule, as a distributed group-by --------------------------------------


def event_record(article_id: str, source: str, events: list[tuple], text: str = "") -> dict:
    """A v1 record whose events are ``(type, actor codes, recipient codes, date, aux)``."""
    article = Article(article_id, None, "2025-03-10", None, source, "en", "", text or article_id)
    article.sha256 = hashlib.sha256(article.text.encode()).hexdigest()
    built = [
        Event(
            id=f"ev{number}", event=kind, aux=list(aux),
            actor=[Participant(code, code, None, code, "GOV") for code in actors],
            recipient=[Participant(code, code, None, code, "GOV") for code in recipients],
            date=Date(day, None, "day" if len(day) == 10 else "month"),
        ).to_dict()
        for number, (kind, actors, recipients, day, aux) in enumerate(events, start=1)
    ]  # fmt: skip
    return {"article": article.to_dict(), "entities": [], "events": built, "claims": [],
            "quantities": []}  # fmt: skip


def merge_corpus() -> list[dict]:
    """Reports of a few real-world events told by several outlets, in ingest order."""
    talks = ("CONSULT", ["POL"], ["LTU"], "2025-03-10", ())
    return [
        event_record("m1", "A", [talks, ("ASSAULT", ["SDN"], ["SDN"], "2025-03-09", ())]),
        event_record("m2", "B", [("CONSULT", ["LTU", "POL"], [], "2025-03-10", ())]),
        event_record("m3", "C", [("CONSULT", ["POL"], ["LTU"], "2025-03", ()),
                                 ("CONSULT", ["POL"], ["LTU"], "2025-06-01", ("future",))]),
        event_record("m4", "A", [talks], text="m1"),  # the same text as m1: the store skips it
        event_record("m5", "D", [("ASSAULT", ["SDN"], ["SDN"], "2025-03-09", ()),
                                 ("SANCTION", ["IGO"], ["IRN"], "2025-03-06", ())]),
        event_record("m6", "E", [("CONSULT", ["POL"], ["LTU"], "2025-04-20", ()),
                                 ("ASSAULT", ["SDN"], [], "2025-03", ("negation",))]),
    ]  # fmt: skip


def clusters_of(pairs: list[tuple[int, tuple[str, str]]]) -> set[frozenset]:
    groups: dict[int, set] = {}
    for label, report in pairs:
        groups.setdefault(label, set()).add(report)
    return {frozenset(group) for group in groups.values()}


def write_partitions(records: list[dict], output: Path, per_partition: int = 2) -> None:
    out = Output(str(output))
    for start in range(0, len(records), per_partition):
        name = f"p{start:04d}"
        out.write_partition(name, tables_from_results(name, records[start : start + per_partition]))


@pytest.mark.cluster
def test_cluster_merge_gives_the_store_rule_clusters(client, tmp_path: Path) -> None:
    from newsgraph.cluster.merge import merge_on_cluster

    store_merge = pytest.importorskip("newsgraph.store.merge")
    records = merge_corpus()
    write_partitions(records, tmp_path / "out")
    reports = merge_on_cluster(client, str(tmp_path / "out"))
    clustered = clusters_of([(r["merged_id"], (r["article_id"], r["local_id"])) for r in reports])

    kept = [r for r in records if r["article"]["id"] != "m4"]
    keys = store_merge.record_report_keys(kept)
    labels = store_merge.merge_reports(keys)
    pairs = zip(labels, keys, strict=True)
    expected = clusters_of([(label, (k["article"], k["local_id"])) for label, k in pairs])
    assert clustered == expected
    assert len(expected) < len(keys)  # the corpus does merge something
    assert reports[0]["merged_id"] == "CONSULT|0#0"  # the first event of its group

    merged = tmp_path / "merged"
    args = ("merge", str(tmp_path / "out"), "--cluster", client.scheduler.address)
    result = run_newsgraph(*args, "--output", str(merged))
    assert result.returncode == 0, result.stderr.decode()
    events = pq.read_table(merged / "merged_events").to_pylist()
    assert len(events) == len(expected)
    assert sum(e["report_count"] for e in events) == len(keys)
    assert pq.read_table(merged / "merged_reports").num_rows == len(keys)


def store_clusters(store) -> set[frozenset]:
    events = store.events(limit=100_000)
    return {frozenset((r["article_id"], r["local_id"]) for r in e["reports"]) for e in events}


@pytest.mark.cluster
def test_cluster_merge_equals_sqlite_ingest(client, tmp_path: Path) -> None:
    import newsgraph
    from newsgraph.cluster.merge import merge_on_cluster

    if not hasattr(newsgraph, "open"):
        pytest.skip("the SQLite store (newsgraph.open) is not built yet")
    records = merge_corpus()
    write_partitions(records, tmp_path / "out")
    reports = merge_on_cluster(client, str(tmp_path / "out"))
    clustered = clusters_of([(r["merged_id"], (r["article_id"], r["local_id"])) for r in reports])
    with newsgraph.open(str(tmp_path / "direct.db"), create=True) as store:
        store.add_records(records)
        assert store_clusters(store) == clustered


@pytest.mark.cluster
def test_merge_cli_equals_ingest_cli(client, tmp_path: Path) -> None:
    import newsgraph

    if not hasattr(newsgraph, "open"):
        pytest.skip("the SQLite store (newsgraph.open) is not built yet")
    corpus = tmp_path / "corpus.jsonl"
    write_corpus(corpus, copies=2)
    address = client.scheduler.address
    out, db = tmp_path / "out", tmp_path / "merged.db"
    steps = [
        ("extract", "--cluster", address, str(corpus), "--output", str(out)),
        ("merge", str(out), "--cluster", address, "--db", str(db)),
        ("ingest", str(corpus), "--db", str(tmp_path / "ingested.db"), "--workers", "1"),
    ]
    for step in steps:
        result = run_newsgraph(*step)
        assert result.returncode == 0, result.stderr.decode()
    with (
        newsgraph.open(str(db), readonly=True) as merged,
        newsgraph.open(str(tmp_path / "ingested.db"), readonly=True) as ingested,
    ):
        assert ingested.stats()["reports"] > 0, "the corpus gave no events: nothing compared"
        assert store_clusters(merged) == store_clusters(ingested)
        assert merged.stats()["events"] == ingested.stats()["events"]


def test_schema_document_names_every_column() -> None:
    from newsgraph.cluster import schema

    document = (Path(schema.__file__).parent / "SCHEMA.md").read_text(encoding="utf-8")
    for table in TABLES:
        assert f"### {table}" in document
        for name in schema.schema(table).names:
            assert name in document, f"SCHEMA.md does not describe {table}.{name}"
