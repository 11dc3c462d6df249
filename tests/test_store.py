"""The store through its Python API, on a real SQLite file, with hand-made v1 records."""

from __future__ import annotations

import copy
import sqlite3

import pytest

import newsgraph
from newsgraph.store import StoreError
from newsgraph.store.schema import latest_version
from test_store_records import KENYA, world


@pytest.fixture
def store(tmp_path):
    with newsgraph.open(tmp_path / "world.db", create=True) as opened:
        for rec in world():
            assert opened.add_record(rec) is True
        yield opened


def by_article(events, article_id):
    return [e for e in events if any(r["article_id"] == article_id for r in e["reports"])]


def test_two_outlets_on_the_same_drills_are_one_event_with_two_reports(store):
    drills = store.events(type="MOBILIZE", actor="CHN")
    assert len(drills) == 1
    event = drills[0]
    assert event["report_count"] == 2
    assert event["source_count"] == 2
    assert sorted(event["sources"]) == ["Harbour Times", "Pacific Wire"]
    assert {r["article_id"] for r in event["reports"]} == {"drills-a", "drills-b"}
    assert event["date"] == {"start": "2025-09-09", "end": None, "precision": "day"}
    assert event["first_reported"] == "2025-09-10" and event["last_reported"] == "2025-09-11"
    second = next(r for r in event["reports"] if r["article_id"] == "drills-b")
    assert second["attribution"]["speaker"]["code"] == "RUS"
    assert second["text"].startswith("Russia and China held naval exercises")


def test_two_visits_a_month_apart_stay_two_events(store):
    visits = store.events(type="CONSULT", actor="CUB")
    assert len(visits) == 2
    assert [v["date"]["start"] for v in visits] == ["2025-09-15", "2025-08-12"]  # newest first
    assert all(v["report_count"] == 1 for v in visits)


def test_re_adding_an_article_adds_nothing(store):
    before = store.stats()
    again = world()
    assert [store.add_record(rec) for rec in again] == [False] * len(again)
    renamed = copy.deepcopy(again[0])
    renamed["article"]["id"] = "same-text-new-id"
    assert store.add_record(renamed) is False  # same content hash
    assert store.stats() == before


def test_an_article_without_a_hash_is_hashed_from_its_text(store):
    rec = copy.deepcopy(world()[2])
    rec["article"]["id"] = "no-hash"
    rec["article"]["sha256"] = ""
    assert store.add_record(rec) is False


def test_entities_merge_by_name_alias_and_code(store):
    russia = store.entities("russia", kind="state")
    assert len(russia) == 1
    assert russia[0]["code"] == "RUS"
    assert "Russian Federation" in russia[0]["aliases"]
    assert russia[0]["article_count"] == 2
    # the city of Moscow is a place: it does not merge into the state that has it as alias
    assert [e["kind"] for e in store.entities("moscow")] == ["state", "place"] or [
        e["kind"] for e in store.entities("moscow")
    ] == ["place", "state"]
    china = store.entities(code="CHN")
    assert len(china) == 1 and "Beijing" in china[0]["aliases"]
    detail = store.entity(russia[0]["id"])
    assert set(detail["articles"]) == {"drills-a", "drills-b"}
    assert detail["event_count"] == 1


def test_actor_filter_takes_a_code_or_a_name_in_either_role(store):
    by_code = {e["id"] for e in store.events(actor="BLR")}
    by_name = {e["id"] for e in store.events(actor="Belarus")}
    assert by_code == by_name and len(by_code) == 2
    assert store.events(actor="BLR", role="actor") == []
    assert len(store.events(actor="blr", role="recipient")) == 2
    assert store.events(actor="Atlantis") == []


def test_date_filters_use_each_events_precision(store):
    in_september = store.events(since="2025-09", until="2025-09")
    assert {e["date"]["start"] for e in in_september} >= {"2025-09-09", "2025-09-15"}
    assert all(e["date"]["start"] != "2025-08-12" for e in in_september)
    assert [e["date"]["start"] for e in store.events(until="2025-08-31")] == ["2025-08-12"]
    assert store.count_events(since="2025-09") == len(in_september)
    with pytest.raises(StoreError, match="unreadable date"):
        store.events(since="last tuesday")


def test_paging(store):
    everything = store.events(limit=None)
    assert len(everything) == store.stats()["events"]
    assert store.events(limit=2) + store.events(limit=2, offset=2) == everything[:4]


def test_timeline_is_oldest_first_with_roles(store):
    timeline = store.timeline("CUB")
    dates = [e["date"]["start"] for e in timeline]
    assert dates == sorted(dates)
    roles = {e["event"]: e["role"] for e in timeline}
    assert roles["CONSULT"] == "actor"
    assert roles["MOBILIZE"] == "recipient"


def test_network_counts_events_per_dyad_and_type(store):
    network = store.network()
    edges = {(e["source"], e["target"], e["event"]): e for e in network["edges"]}
    assert edges[("CUB", "BLR", "CONSULT")]["count"] == 2
    assert edges[("CHN", "RUS", "MOBILIZE")]["count"] == 1
    assert edges[("CHN", "RUS", "MOBILIZE")]["reports"] == 2
    labels = {n["id"]: n["label"] for n in network["nodes"]}
    assert labels["CUB"] == "Cuba"
    only_china = store.network("CHN")
    assert {e["source"] for e in only_china["edges"]} | {
        e["target"] for e in only_china["edges"]
    } == {
        "CHN",
        "RUS",
    }
    assert store.network(min_count=2)["edges"] == [edges[("CUB", "BLR", "CONSULT")]]


def test_a_denial_and_an_assertion_of_the_same_event_contradict(store):
    recruited = store.events(type="MOBILIZE", recipient="CUB")
    assert len(recruited) == 1
    event = recruited[0]
    assert event["report_count"] == 2 and event["contradicted"] is True
    found = store.contradictions(event=event["id"])
    assert [c["kind"] for c in found] == ["stance"]
    stances = {s["stance"] for s in found[0]["sides"]}
    assert {"assert", "deny"} <= stances
    assert {s["article_id"] for s in found[0]["sides"]} == {"denial-ukr", "denial-cub"}
    detail = store.event(event["id"])
    assert detail["contradictions"][0]["id"] == found[0]["id"]
    assert len(detail["claims"]) == 2


def test_two_figures_for_the_same_dead_contradict(store):
    figures = [c for c in store.contradictions() if c["kind"] == "figure"]
    assert len(figures) == 1
    values = sorted(side["value"] for side in figures[0]["sides"])
    assert values == [9, 30]
    speakers = {side["speaker"]["code"] for side in figures[0]["sides"]}
    assert speakers == {"KEN", "SOM"}


def test_agreeing_figures_do_not_contradict(tmp_path):
    records = world()
    kenya = next(r for r in records if r["article"]["id"] == "kenya")
    kenya["claims"][1]["quantities"][0]["value"] = 9
    with newsgraph.open(tmp_path / "agree.db", create=True) as store:
        store.add_record(kenya)
        assert store.contradictions() == []


def test_claims_by_speaker_and_about_subject(store):
    by_kenya = store.claims(by="KEN")
    assert [c["content"] for c in by_kenya] == [
        "nine soldiers were killed in the attack on the base at Baure"
    ]
    by_shabaab = store.claims(by="al-Shabaab")
    assert [c["stance"] for c in by_shabaab] == ["allege"]
    about_russia = store.claims(about="Russia")
    assert {c["article_id"] for c in about_russia} == {"denial-ukr", "denial-cub"}
    assert all(c["event_ids"] for c in about_russia)
    assert store.claims(stance="deny")[0]["article_id"] == "denial-cub"


def test_article_view_offsets_point_at_the_words(store):
    view = store.article("kenya")
    text = view["text"]
    assert text == KENYA
    for mention in view["mentions"]:
        assert text[mention["start"] : mention["end"]] == mention["text"]
    for item in view["claims"]:
        span = item["content_span"]
        assert text[span["start"] : span["end"]] == item["content"]
    drills = store.article("drills-a")
    trigger = drills["events"][0]["trigger_span"]
    assert drills["text"][trigger["start"] : trigger["end"]] == "began joint naval drills"
    assert drills["events"][0]["event_id"] == store.events(actor="CHN")[0]["id"]
    assert store.article("missing") is None
    assert store.event(10**6) is None and store.entity(10**6) is None


def test_search_finds_words_and_marks_them(store):
    hits = store.search("joint naval")
    assert [h["article_id"] for h in hits] == ["drills-a"]
    hit = hits[0]
    marked = [hit["snippet"][a:b].lower() for a, b in hit["highlights"]]
    assert marked == ["joint", "naval"]
    assert "<mark>" in hit["snippet_html"]
    assert {h["article_id"] for h in store.search("Vladivostok")} == {"drills-a", "drills-b"}
    assert store.search('"quoted AND (weird*') == []
    with pytest.raises(StoreError):
        store.search("   ")


def test_stats_and_articles(store):
    stats = store.stats()
    assert stats["articles"] == 7
    assert stats["reports"] == 6  # the Kenya article has claims only
    assert stats["events"] == 4  # drills merged, recruitment merged, two visits
    assert stats["schema_version"] == latest_version()
    assert stats["event_types"]["MOBILIZE"] == 2
    assert [a["id"] for a in store.articles(limit=2)] == ["denial-cub", "denial-ukr"]


def test_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(StoreError, match="no store at"):
        newsgraph.open(tmp_path / "nothing.db")


def test_a_file_that_is_not_sqlite_is_refused(tmp_path):
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError, match="not a readable newsgraph store"):
        newsgraph.open(bad)


def test_foreign_sqlite_and_newer_schemas_are_refused(tmp_path):
    foreign = tmp_path / "foreign.db"
    sqlite3.connect(foreign).execute("CREATE TABLE t (x)").connection.commit()
    with pytest.raises(StoreError, match="not a newsgraph store"):
        newsgraph.open(foreign)
    newer = tmp_path / "newer.db"
    newsgraph.open(newer, create=True).close()
    conn = sqlite3.connect(newer)
    conn.execute(f"PRAGMA user_version = {latest_version() + 1}")
    conn.close()
    with pytest.raises(StoreError, match="newer than this newsgraph"):
        newsgraph.open(newer)


def test_store_uses_wal_and_readers_see_committed_work(tmp_path):
    path = tmp_path / "wal.db"
    writer = newsgraph.open(path, create=True)
    mode = sqlite3.connect(path).execute("PRAGMA journal_mode").fetchone()[0]
    assert mode == "wal"
    reader = newsgraph.open(path, readonly=True)
    records = world()
    with writer.batch():
        writer.add_record(records[0])
        assert reader.stats()["articles"] == 0  # not committed yet, and not blocked
    assert reader.stats()["articles"] == 1
    with pytest.raises(StoreError, match="read-only"):
        reader.add_record(records[1])
    writer.close()
    reader.close()


def test_a_failing_article_leaves_nothing_behind(tmp_path):
    records = world()
    broken = copy.deepcopy(records[0])
    broken["events"].append(None)  # fails after the article and its entities are written
    with newsgraph.open(tmp_path / "atomic.db", create=True) as store:
        with pytest.raises(Exception):  # noqa: B017 - any failure must roll the article back
            store.add_record(broken)
        assert store.stats()["articles"] == 0 and store.stats()["events"] == 0
        assert store.add_record(records[0]) is True


def test_an_older_store_is_migrated_in_order_on_open(tmp_path, monkeypatch):
    from newsgraph.store import schema

    path = tmp_path / "old.db"
    with newsgraph.open(path, create=True) as store:
        store.add_record(world()[0])
    folder = tmp_path / "migrations"
    folder.mkdir()
    for source in schema.MIGRATIONS_DIR.glob("*.sql"):
        (folder / source.name).write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    number = latest_version() + 1
    (folder / f"{number:04d}_notes.sql").write_text(
        "-- a later version adds a column\nALTER TABLE articles ADD COLUMN notes TEXT;\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(schema, "MIGRATIONS_DIR", folder)
    schema.migrations.cache_clear()
    try:
        with newsgraph.open(path) as store:
            assert store.stats()["schema_version"] == number
            assert store.stats()["articles"] == 1
        columns = [row[1] for row in sqlite3.connect(path).execute("PRAGMA table_info(articles)")]
        assert "notes" in columns
    finally:
        schema.migrations.cache_clear()


def test_both_query_plans_give_the_same_pages(store):
    """A frequent actor is answered by walking events in date order, a rare one by sorting
    its events: the pages must not depend on the plan."""
    everything = store.events("CUB", limit=None)
    assert store._scan_is_cheaper("CUB", None, 1) and not store._scan_is_cheaper("CUB", None, None)
    for offset in range(len(everything)):
        assert store.events("CUB", limit=1, offset=offset) == everything[offset : offset + 1]
    timeline = store.timeline("CUB", limit=None)
    for offset in range(len(timeline)):
        assert store.timeline("CUB", limit=1, offset=offset) == timeline[offset : offset + 1]


def test_the_kept_network_equals_one_counted_from_the_events(store):
    kept = store.network()
    counted = store.network(since="1900")  # the dated path counts from the per-event table
    assert kept == counted
    assert store.network("Russia") == store.network("RUS", since="1900")


def test_lists_can_carry_only_the_first_reports(store):
    full = store.events("CHN")[0]
    assert len(full["reports"]) == 2
    short = store.events("CHN", max_reports=1)[0]
    assert short["reports"] == full["reports"][:1] and short["report_count"] == 2
    assert store.timeline("CHN", max_reports=0)[0]["reports"] == []
