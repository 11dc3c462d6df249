"""``newsgraph export``: each format read back by the tool that consumes it."""

from __future__ import annotations

import csv
import io
import json

import networkx as nx
import pytest
from followthemoney import model

import newsgraph
from conftest import run_newsgraph
from newsgraph.export import export
from newsgraph.export.cameo import COLUMNS as CAMEO_COLUMNS
from test_store_records import world


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("export") / "world.db"
    with newsgraph.open(path, create=True) as opened:
        for rec in world():
            opened.add_record(rec)
    with newsgraph.open(path) as opened:
        yield opened


def exported(store, format: str) -> str:
    out = io.StringIO()
    export(store, format, out)
    return out.getvalue()


def test_plover_jsonl_has_the_manuals_fields(store):
    records = [json.loads(line) for line in exported(store, "plover").splitlines()]
    assert len(records) == store.stats()["events"]
    drills = next(
        r
        for r in records
        if r["report_count"] == 2
        and r["event"] == ["MOBILIZE"]
        and {a["code"] for a in r["actor"]} == {"CHN", "RUS"}
    )
    assert drills["id"].startswith("newsgraph-")
    assert drills["date"] == "2025-09-09"
    assert drills["quad_code"] == 4
    assert drills["event_loc"]["resolved_place"] == "Vladivostok"
    assert drills["cite_info"]["codebook"] == "plover-0.8"
    assert {r["publication"] for r in drills["reports"]} == {"Pacific Wire", "Harbour Times"}
    for rec in records:
        assert {"id", "date", "actor", "recipient", "event"} <= set(rec)


def test_cameo_tsv_uses_the_phoenix_columns(store):
    rows = list(csv.reader(io.StringIO(exported(store, "cameo")), delimiter="\t"))
    assert tuple(rows[0]) == CAMEO_COLUMNS
    body = [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]
    visit = next(r for r in body if r["Date"] == "20250812")
    assert (visit["Year"], visit["Month"], visit["Day"]) == ("2025", "08", "12")
    assert visit["SourceActorFull"] == "CUBMIL" and visit["SourceActorEntity"] == "CUB"
    assert visit["TargetActorEntity"] == "BLR" and visit["TargetActorRole"] == "GOV"
    assert visit["EventRootCode"] == "04" and visit["QuadClass"] == "1"
    assert visit["LocationName"] == "Minsk" and visit["CountryCode"] == "BLR"
    assert visit["URLs"] == "https://news.example.org/visit-aug"
    joint = [r for r in body if r["Date"] == "20250909"]
    assert len(joint) == 2  # joint drills: one row per actor (no recipient)


def test_province_columns_name_the_region():
    """Phoenix's StateName and PLOVER's province give the region's name, not GeoNames' code."""
    from newsgraph.export.cameo import cameo_rows
    from newsgraph.export.plover import plover_location
    from newsgraph.places import geocode

    town = geocode("Kandahar")
    assert town is not None and town.admin1
    location = {"name": town.name, "code": town.code, "admin1": town.admin1, "lat": town.lat,
                "lon": town.lon, "text": "Kandahar", "precision": "city"}  # fmt: skip
    event = {"id": 7, "event": "ASSAULT", "date": {"start": "2025-09-01"}, "context": [],
             "actor": [], "recipient": [], "location": location, "reports": [],
             "sources": []}  # fmt: skip
    row = dict(zip(CAMEO_COLUMNS, cameo_rows(event)[0], strict=True))
    assert row["StateName"] == "Kandahar" and row["CountryCode"] == "AFG"
    assert plover_location(location)["province"] == "Kandahar"
    assert plover_location(location)["admin1_code"] == town.admin1
    # a code the gazetteer has no name for is kept as it is
    unnamed = {**location, "admin1": "XX.99"}
    assert (
        dict(zip(CAMEO_COLUMNS, cameo_rows({**event, "location": unnamed})[0], strict=True))[
            "StateName"
        ]
        == "XX.99"
    )


def test_csv_has_one_row_per_merged_event(store):
    rows = list(csv.DictReader(io.StringIO(exported(store, "csv"))))
    assert len(rows) == store.stats()["events"]
    contradicted = [r for r in rows if r["contradicted"] == "1"]
    assert len(contradicted) == 1 and contradicted[0]["event"] == "MOBILIZE"
    assert all(r["report_count"].isdigit() for r in rows)


def test_graphml_loads_in_networkx_with_weights(store):
    graph = nx.read_graphml(io.StringIO(exported(store, "graphml")))
    assert graph.is_directed()
    assert graph.nodes["CUB"]["label"] == "Cuba"
    edge = graph.edges["CUB", "BLR"]
    assert edge["weight"] == 2 and edge["count_CONSULT"] == 2
    assert "CONSULT:2" in edge["types"]


def test_ftm_entities_are_valid_followthemoney(store):
    entities = [json.loads(line) for line in exported(store, "ftm").splitlines()]
    assert entities
    ids = set()
    for data in entities:
        schema = model.get(data["schema"])
        assert schema is not None and schema.validate(data) is None
        proxy = model.get_proxy(data)
        assert proxy.id not in ids
        ids.add(proxy.id)
    by_schema: dict[str, list[dict]] = {}
    for data in entities:
        by_schema.setdefault(data["schema"], []).append(data)
    assert {"PublicBody", "Organization", "Article", "Event", "Documentation"} <= set(by_schema)
    events = by_schema["Event"]
    assert len(events) == store.stats()["events"]
    for event in events:  # every reference points at an exported entity
        for prop in ("organizer", "involved"):
            assert set(event["properties"].get(prop, [])) <= ids
    for doc in by_schema["Documentation"]:
        assert doc["properties"]["document"][0] in ids
        assert doc["properties"]["entity"][0] in ids


def test_export_command_writes_a_file(tmp_path, store):
    target = tmp_path / "events.csv"
    result = run_newsgraph(
        "export", "--format", "csv", "--output", str(target), "--db", str(store.path)
    )
    assert result.returncode == 0, result.stderr.decode()
    assert target.read_text(encoding="utf-8") == exported(store, "csv")
    bad = run_newsgraph(
        "export", "--format", "csv", "--output", str(tmp_path / "no" / "dir.csv"),
        "--db", str(store.path),
    )  # fmt: skip
    assert bad.returncode == 2 and "cannot write" in bad.stderr.decode()
