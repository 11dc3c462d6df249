"""The store through the real ``newsgraph`` command: ingest (with the real pipeline), the
query commands, bad store files, and an ingest killed with SIGKILL and re-run."""

from __future__ import annotations

import copy
import csv
import io
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

import newsgraph
from conftest import run_newsgraph
from test_store_records import world

ARTICLES = [
    {
        "id": "cli-1",
        "title": "Minister visits",
        "published": "2025-10-06",
        "source": "Test Wire",
        "text": "Cuban Defence Minister Alvaro Lopez Miera visited Minsk on Monday and met "
        "Belarusian President Alexander Lukashenko to discuss military cooperation.",
    },
    {
        "id": "cli-2",
        "title": "Same visit, other outlet",
        "published": "2025-10-07",
        "source": "Second Herald",
        "text": "Belarusian President Alexander Lukashenko met Cuba's defence minister in Minsk "
        "on Monday, his office said.",
    },
    {
        "id": "cli-3",
        "title": "Drills",
        "published": "2025-10-08",
        "source": "Test Wire",
        "text": "Russian and Belarusian troops began joint military exercises near Brest on "
        "Tuesday, the Belarusian defence ministry said.",
    },
]


def out_lines(result: subprocess.CompletedProcess) -> list[str]:
    return result.stdout.decode().splitlines()


@pytest.fixture(scope="module")
def ingested(tmp_path_factory):
    """Three articles through the real pipeline, ingested twice."""
    folder = tmp_path_factory.mktemp("ingest")
    source = folder / "articles.jsonl"
    source.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    db = folder / "store.db"
    first = run_newsgraph("ingest", str(source), "--db", str(db), "--workers", "1")
    second = run_newsgraph("ingest", str(source), "--db", str(db), "--workers", "1")
    return db, first, second


def test_ingest_runs_extraction_and_stores_every_article(ingested):
    db, first, _ = ingested
    assert first.returncode == 0, first.stderr.decode()
    assert "stored 3 article(s)" in first.stderr.decode()
    with newsgraph.open(db) as store:
        stats = store.stats()
        assert stats["articles"] == 3
        view = store.article("cli-1")
        assert view["text"] == ARTICLES[0]["text"]
        assert view["source"] == "Test Wire"
        for mention in view["mentions"]:
            assert view["text"][mention["start"] : mention["end"]] == mention["text"]
        assert [h["article_id"] for h in store.search("Brest")] == ["cli-3"]


def test_a_second_ingest_adds_nothing(ingested):
    db, _, second = ingested
    assert second.returncode == 0, second.stderr.decode()
    assert "stored 0 article(s), skipped 3 already stored" in second.stderr.decode()
    with newsgraph.open(db) as store:
        assert store.stats()["articles"] == 3


def test_the_default_store_is_newsgraph_db_or_NEWSGRAPH_DB(tmp_path):
    records = tmp_path / "records.jsonl"
    records.write_text(json.dumps(world()[0]) + "\n", encoding="utf-8")
    here = run_newsgraph("ingest", "--records", str(records), cwd=tmp_path)
    assert here.returncode == 0, here.stderr.decode()
    assert (tmp_path / "newsgraph.db").exists()
    env_db = tmp_path / "elsewhere.db"
    there = run_newsgraph(
        "ingest", "--records", str(records), env={"NEWSGRAPH_DB": str(env_db)}, cwd=tmp_path
    )
    assert there.returncode == 0 and env_db.exists()


@pytest.fixture(scope="module")
def world_db(tmp_path_factory):
    db = tmp_path_factory.mktemp("world") / "world.db"
    with newsgraph.open(db, create=True) as store:
        for rec in world():
            store.add_record(rec)
    return str(db)


def test_events_as_jsonl_csv_and_table(world_db):
    jsonl = run_newsgraph("events", "--db", world_db, "--actor", "CHN", "--format", "jsonl")
    assert jsonl.returncode == 0, jsonl.stderr.decode()
    events = [json.loads(line) for line in out_lines(jsonl)]
    assert len(events) == 1 and events[0]["report_count"] == 2
    assert len(events[0]["reports"]) == 2
    table = run_newsgraph("events", "--db", world_db, "--type", "consult")
    assert table.returncode == 0
    assert "2 events" in table.stdout.decode()
    csv_out = run_newsgraph("events", "--db", world_db, "--since", "2025-09", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(csv_out.stdout.decode())))
    assert rows and all(row["date"] >= "2025-09" for row in rows)
    assert {"id", "date", "event", "actor", "recipient", "reports", "sources"} <= set(rows[0])


def test_timeline_network_claims_entities_search_contradictions_stats(world_db):
    timeline = run_newsgraph("timeline", "--db", world_db, "--actor", "Cuba", "--format", "jsonl")
    dates = [json.loads(line)["date"]["start"] for line in out_lines(timeline)]
    assert dates == sorted(dates) and len(dates) == 3
    network = run_newsgraph("network", "--db", world_db, "--format", "json")
    edges = json.loads(network.stdout)["edges"]
    assert any(e["source"] == "CUB" and e["target"] == "BLR" and e["count"] == 2 for e in edges)
    assert "CUB (Cuba)" in run_newsgraph("network", "--db", world_db).stdout.decode()
    claims = run_newsgraph("claims", "--db", world_db, "--by", "KEN", "--format", "jsonl")
    assert [json.loads(line)["speaker"]["code"] for line in out_lines(claims)] == ["KEN"]
    about = run_newsgraph("claims", "--db", world_db, "--about", "RUS", "--format", "jsonl")
    assert len(out_lines(about)) == 2
    entities = run_newsgraph("entities", "russia", "--db", world_db, "--format", "jsonl")
    assert json.loads(out_lines(entities)[0])["code"] == "RUS"
    search = run_newsgraph("search", "Baure", "--db", world_db, "--format", "jsonl")
    assert [json.loads(line)["article_id"] for line in out_lines(search)] == ["kenya"]
    found = run_newsgraph("contradictions", "--db", world_db, "--format", "jsonl")
    kinds = sorted(json.loads(line)["kind"] for line in out_lines(found))
    assert kinds == ["figure", "stance"]
    table = run_newsgraph("contradictions", "--db", world_db).stdout.decode()
    assert "figure" in table and "stance" in table
    stats = json.loads(run_newsgraph("stats", "--db", world_db, "--json").stdout)
    assert stats["articles"] == 7


@pytest.mark.parametrize(
    "command",
    [
        ("events",),
        ("timeline", "--actor", "RUS"),
        ("network",),
        ("claims",),
        ("entities",),
        ("search", "word"),
        ("contradictions",),
        ("stats",),
        ("export", "--format", "csv"),
    ],
)
def test_a_missing_or_corrupt_store_is_one_clear_line(tmp_path, command):
    missing = run_newsgraph(*command, "--db", str(tmp_path / "none.db"))
    assert missing.returncode == 2
    message = missing.stderr.decode()
    assert message.count("\n") == 1 and "no store at" in message
    assert not (tmp_path / "none.db").exists()  # a query never creates a store
    corrupt = tmp_path / "corrupt.db"
    corrupt.write_bytes(os.urandom(4096))
    bad = run_newsgraph(*command, "--db", str(corrupt))
    assert bad.returncode == 2
    assert bad.stderr.decode().count("\n") == 1 and "Traceback" not in bad.stderr.decode()


def test_bad_filter_values_are_one_clear_line(world_db):
    result = run_newsgraph("events", "--db", world_db, "--since", "soon")
    assert result.returncode == 2
    assert result.stderr.decode().strip() == (
        "newsgraph: unreadable date 'soon' (use YYYY, YYYY-MM or YYYY-MM-DD)"
    )


def test_bad_record_lines_are_reported_and_skipped(tmp_path):
    records = tmp_path / "records.jsonl"
    good = world()[0]
    records.write_text(
        "{not json\n" + json.dumps({"no": "article"}) + "\n" + json.dumps(good) + "\n",
        encoding="utf-8",
    )
    db = tmp_path / "s.db"
    result = run_newsgraph("ingest", "--records", str(records), "--db", str(db))
    assert result.returncode == 1
    err = result.stderr.decode()
    assert "line 1: malformed JSON" in err and "line 2: not a v1 record" in err
    assert "stored 1 article(s)" in err


# ---------------------------------------------------------------------------- kill -9


def shifted(rec: dict, copy_number: int) -> dict:
    """A copy of a record as another article: new id, text and dates ``copy_number`` weeks on."""
    from datetime import date, timedelta

    def shift(value: str | None) -> str | None:
        if not value or len(value) < 10:
            return value
        return (date.fromisoformat(value[:10]) + timedelta(weeks=copy_number)).isoformat()

    new = copy.deepcopy(rec)
    article = new["article"]
    article["id"] = f"{article['id']}-{copy_number}"
    article["text"] += f" (update {copy_number})"
    article["sha256"] = ""
    article["published"] = shift(article["published"])
    for item in new["events"] + new["claims"]:
        item["date"]["start"] = shift(item["date"]["start"])
    return new


def write_copies(path: Path, copies: int) -> int:
    base = world()
    with path.open("w", encoding="utf-8") as out:
        for number in range(copies):
            for rec in base:
                out.write(json.dumps(shifted(rec, number)) + "\n")
    return copies * len(base)


def count_articles(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.OperationalError:  # schema not there yet
        return 0


def ingest_command(records: Path, db: Path) -> list[str]:
    return [
        sys.executable, "-m", "newsgraph.cli", "ingest", "--records", str(records),
        "--db", str(db), "--batch-size", "5",
    ]  # fmt: skip


def test_an_ingest_killed_with_sigkill_resumes_without_loss_or_duplicates(tmp_path):
    copies = 30
    while True:
        records = tmp_path / f"records-{copies}.jsonl"
        total = write_copies(records, copies)
        killed_db = tmp_path / f"killed-{copies}.db"
        process = subprocess.Popen(
            ingest_command(records, killed_db), stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        stored = 0
        while process.poll() is None:
            stored = count_articles(killed_db)
            if stored >= 20:
                os.kill(process.pid, signal.SIGKILL)
                break
            time.sleep(0.01)
        process.wait()
        process.stdout.close()
        process.stderr.close()
        if process.returncode == -signal.SIGKILL:
            break
        # finished before we could kill it: a faster machine; try a longer ingest
        assert copies < 2000, "could not catch the ingest before it finished"
        copies *= 4
    partial = count_articles(killed_db)
    assert 0 < partial < total, "the kill must land mid-ingest"

    resumed = subprocess.run(ingest_command(records, killed_db), capture_output=True)
    assert resumed.returncode == 0, resumed.stderr.decode()
    assert f"skipped {partial} already stored" in resumed.stderr.decode()
    clean_db = tmp_path / "clean.db"
    clean = subprocess.run(ingest_command(records, clean_db), capture_output=True)
    assert clean.returncode == 0, clean.stderr.decode()

    with newsgraph.open(killed_db) as after_kill, newsgraph.open(clean_db) as clean_store:
        stats_killed, stats_clean = after_kill.stats(), clean_store.stats()
        for volatile in ("db_bytes",):
            stats_killed.pop(volatile)
            stats_clean.pop(volatile)
        assert stats_killed == stats_clean
        assert stats_killed["articles"] == total
    exports = [
        run_newsgraph("export", "--format", "plover", "--db", str(db)).stdout
        for db in (killed_db, clean_db)
    ]
    assert exports[0] == exports[1] and exports[0]
