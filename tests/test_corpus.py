"""The example corpus and its hand-made gold are consistent, and the gold scorer scores right.

The corpus checks read only files in the repository; the scorer checks run its matching on
small hand-made records (no pipeline), so a wrong rule fails here rather than skewing every
engineer's figures.
"""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import sys
from collections import defaultdict
from datetime import date
from pathlib import Path

import pycountry
import pytest

from newsgraph.records import AUX_MODES, PLOVER_EVENT_TYPES, PLOVER_SECTORS

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "examples" / "corpus"
SCRIPT = ROOT / "benchmarks" / "corpus_gold.py"
STANCES = {"assert", "deny", "allege", "acknowledge", "deny_knowledge"}
QUALIFIERS = {"over", "about", "at_least", "up_to", "exactly", None}
DATE_FORMAT = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def load_scorer():
    spec = importlib.util.spec_from_file_location("corpus_gold", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["corpus_gold"] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


scorer = load_scorer()


@pytest.fixture(scope="module")
def gold():
    return scorer.load_gold(CORPUS)


def valid_code(code: str) -> bool:
    return code in {"IGO", "NGO", "MNC"} or pycountry.countries.get(alpha_3=code) is not None


def valid_date(value: str) -> bool:
    if not DATE_FORMAT.match(value):
        return False
    parts = [int(p) for p in value.split("-")] + [1, 1]
    try:
        date(parts[0], parts[1], parts[2])
    except ValueError:
        return False
    return True


# ---------------------------------------------------------------------------- articles


def test_articles_are_enough_unique_and_news_sized(gold):
    articles = list(gold.articles.values())
    lines = [line for line in (CORPUS / "articles.jsonl").read_text().splitlines() if line]
    assert len(articles) == len(lines), "duplicate article ids"
    assert len(articles) >= 34
    for article in articles:
        assert re.fullmatch(r"ng-\d{3}", article["id"]), article["id"]
        words = len(article["text"].split())
        assert 150 <= words <= 800, (article["id"], words)
        assert valid_date(article["published"]) and len(article["published"]) == 10
        assert article["published"][:7] >= "2025-08" and article["published"][:7] <= "2025-11"
        assert article["title"].strip() and article["source"].strip()
        assert article["url"].startswith("https://example.org/")
        assert "\n\n" in article["text"], f"{article['id']} has a single paragraph"
    assert len({a["source"] for a in articles}) >= 8


# ---------------------------------------------------------------------------- gold events


def test_gold_event_strings_are_exact_substrings(gold):
    for g in gold.events:
        text = gold.articles[g["article"]]["text"]
        assert g["sentence"] in text, (g["article"], g["sentence"][:50])
        assert g["trigger"] in g["sentence"], (g["article"], g["trigger"])
        start, end = scorer.trigger_offsets(text, g["sentence"], g["trigger"])
        assert text[start:end] == g["trigger"]
        before = text[start - 1] if start else " "
        after = text[end] if end < len(text) else " "
        assert not before.isalnum() and not after.isalnum(), f"{g['trigger']!r} inside a word"
        if g["location"]:
            assert g["location"]["text"] in text, g["location"]


def test_gold_event_codes_follow_plover_and_spec(gold):
    for g in gold.events:
        where = (g["article"], g["trigger"])
        assert g["event"] in PLOVER_EVENT_TYPES, where
        assert set(g["aux"]) <= set(AUX_MODES), where
        assert g["actor"], f"{where}: no actor"
        for codes, sectors in (
            (g["actor"], g["actor_sector"]),
            (g["recipient"], g["recipient_sector"]),
        ):
            assert len(codes) == len(sectors), where
            assert all(valid_code(c) for c in codes), (where, codes)
            assert all(s is None or s in PLOVER_SECTORS for s in sectors), (where, sectors)
        assert g["date"] is None or valid_date(g["date"]), (where, g["date"])
        if g["location"] and g["location"]["lat"] is not None:
            assert -90 <= g["location"]["lat"] <= 90 and -180 <= g["location"]["lon"] <= 180
            assert g["location"]["code"] is None or valid_code(g["location"]["code"])
        if g["attribution"]:
            speaker = g["attribution"]["speaker"]
            assert speaker is None or valid_code(speaker), where
            assert g["attribution"]["stance"] in STANCES, where
        for q in g["quantities"]:
            assert isinstance(q["value"], int | float) and q["qualifier"] in QUALIFIERS


def test_gold_has_every_aux_mode_and_many_event_types(gold):
    assert {a for g in gold.events for a in g["aux"]} == set(AUX_MODES)
    assert len({g["event"] for g in gold.events}) >= 14
    assert len(gold.events) >= 150


def test_real_events_join_reports_from_different_outlets(gold):
    outlets = defaultdict(set)
    for g in gold.events:
        if g["real_event"]:
            outlets[g["real_event"]].add(gold.articles[g["article"]]["source"])
    shared = {key for key, sources in outlets.items() if len(sources) >= 2}
    assert len(shared) >= 8, shared
    # the Kenyan toll is contested: the same event, reported with different numbers
    tolls = {
        q["value"]
        for g in gold.events
        if g["real_event"] == "ken-baure-attack-2025-09"
        for q in g["quantities"]
    }
    assert {9, 30} <= tolls


# ---------------------------------------------------------------------------- claims, quantities


def test_gold_claims_are_valid(gold):
    assert len(gold.claims) >= 80
    for c in gold.claims:
        assert c["content"] in gold.articles[c["article"]]["text"], c["content"][:50]
        assert c["speaker"] is None or valid_code(c["speaker"]), c
        assert c["speaker_sector"] is None or c["speaker_sector"] in PLOVER_SECTORS
        assert c["stance"] in STANCES and isinstance(c["hedged"], bool), c
        assert c["verb"].strip()


def test_gold_quantities_are_valid(gold):
    assert len(gold.quantities) >= 80
    for q in gold.quantities:
        assert q["text"] in gold.articles[q["article"]]["text"], q
        assert isinstance(q["value"], int | float) and q["value"] > 0, q
        assert q["qualifier"] in QUALIFIERS and q["unit"], q


# ---------------------------------------------------------------------------- the scorer

TEXT = (
    "MINSK - General Ana Ruiz arrived in Minsk on Monday. "
    "Officials said 12 soldiers were killed near Brest. "
    "The ministry denied the report."
)


def tiny_gold() -> scorer.Gold:
    article = {"id": "t-1", "text": TEXT, "published": "2025-10-15", "source": "Test"}
    first = "MINSK - General Ana Ruiz arrived in Minsk on Monday."
    second = "Officials said 12 soldiers were killed near Brest."
    events = [
        {
            "article": "t-1", "trigger": "arrived", "sentence": first, "event": "CONSULT",
            "aux": [], "actor": ["CUB"], "recipient": ["BLR"], "date": "2025-10-13",
            "location": {"text": "Minsk", "name": "Minsk", "lat": 53.9, "lon": 27.5667},
            "attribution": None,
        },
        {
            "article": "t-1", "trigger": "killed", "sentence": second, "event": "ASSAULT",
            "aux": [], "actor": ["RUS"], "recipient": ["UKR"], "date": "2025-10",
            "location": None,
            "attribution": {"speaker": "BLR", "speaker_sector": "GOV", "stance": "assert"},
        },
    ]  # fmt: skip
    claims = [
        {"article": "t-1", "speaker": "BLR", "stance": "assert",
         "content": "12 soldiers were killed near Brest"},
    ]  # fmt: skip
    quantities = [{"article": "t-1", "text": "12 soldiers", "value": 12, "qualifier": None}]
    return scorer.Gold({"t-1": article}, events, claims, quantities)


def at(part: str, occurrence: int = 0) -> dict:
    start = -1
    for _ in range(occurrence + 1):
        start = TEXT.index(part, start + 1)
    return {"start": start, "end": start + len(part)}


def participant(code: str | None) -> dict:
    return {"text": code or "someone", "code": code}


def system_event(trigger: str, event: str, actor=(), recipient=(), **extra) -> dict:
    return {
        "event": event,
        "trigger_span": at(trigger),
        "actor": [participant(c) for c in actor],
        "recipient": [participant(c) for c in recipient],
        "aux": [],
        **extra,
    }


def test_scorer_matches_events_by_overlap_and_type_one_to_one():
    gold = tiny_gold()
    records = {
        "t-1": {
            "events": [
                # overlaps "arrived" but is the wrong type: no match
                system_event("arrived in", "AGREE", ["CUB"], ["BLR"]),
                # the right one, with full codes, right date and place within 25 km
                system_event(
                    "arrived",
                    "CONSULT",
                    ["CUB"],
                    ["BLR"],
                    date={"start": "2025-10-13"},
                    location={"text": "Minsk", "name": "Minsk", "lat": 53.92, "lon": 27.55},
                ),
                # a second CONSULT on the same trigger cannot take the same gold event
                system_event("arrived", "CONSULT"),
            ],
            "claims": [],
            "quantities": [],
        }
    }
    figures = scorer.score(records, gold, ["events"])["events"]
    assert figures["system"] == 3 and figures["matched"] == 1
    assert figures["precision"] == pytest.approx(1 / 3, abs=1e-3)
    assert figures["recall"] == 0.5 and figures["full_recall"] == 0.5
    assert figures["date_accuracy"] == 1.0 and figures["location_accuracy"] == 1.0
    assert figures["attribution_accuracy"] is None  # the matched gold event has none
    assert figures["recall_by_type"] == {"ASSAULT": 0.0, "CONSULT": 1.0}


def test_scorer_prefers_the_full_match_and_checks_each_field():
    gold = tiny_gold()
    wrong_codes = system_event(
        "killed",
        "ASSAULT",
        ["RUS", "BLR"],
        ["UKR"],
        date={"start": "2025-09-30"},
        attribution={"speaker": participant("BLR"), "stance": "allege"},
    )
    right_codes = system_event(
        "were killed",
        "ASSAULT",
        ["RUS"],
        ["UKR"],
        date={"start": "2025-10-15"},
        attribution={"speaker": participant("BLR"), "stance": "assert"},
        aux=["negation"],
    )
    records = {"t-1": {"events": [wrong_codes, right_codes]}}
    figures = scorer.score(records, gold, ["events"])["events"]
    assert figures["matched"] == 1 and figures["full_recall"] == 0.5
    # the pair chosen is the full match, so its fields are the ones scored
    assert figures["date_accuracy"] == 1.0  # 2025-10-15 is in gold's 2025-10
    assert figures["attribution_accuracy"] == 1.0
    assert figures["aux_accuracy"] == 0.0  # negation where gold has none


def test_scorer_date_and_location_rules():
    assert scorer.date_matches({"start": "2025-08-20"}, "2025-08")
    assert not scorer.date_matches({"start": "2025-08"}, "2025-08-18")
    assert not scorer.date_matches({"start": "2024-08-18"}, "2025-08")
    assert not scorer.date_matches(None, "2025")
    minsk = {"text": "Minsk", "name": "Minsk", "lat": 53.9, "lon": 27.5667}
    assert not scorer.location_matches({"text": "Minsk", "name": "Minsk"}, minsk)
    assert not scorer.location_matches(
        {"text": "Minsk", "name": "Minsk", "lat": 52.1, "lon": 23.7}, minsk
    )
    assert not scorer.location_matches(
        {"text": "Brest", "name": "Brest", "lat": 53.9, "lon": 27.5667}, minsk
    )
    sea = {"text": "the South China Sea", "name": "South China Sea", "lat": None, "lon": None}
    assert scorer.location_matches({"text": "South China Sea", "name": None}, sea)


def test_scorer_claims_need_overlap_and_the_speaker():
    gold = tiny_gold()

    def claim(speaker, stance, part):
        return {"speaker": participant(speaker), "stance": stance, "content_span": at(part)}

    cases = [
        ([claim("BLR", "assert", "soldiers were killed")], 1.0, 1.0),
        ([claim("BLR", "deny", "soldiers were killed")], 1.0, 0.0),
        ([claim("RUS", "assert", "soldiers were killed")], 0.0, 0.0),
        ([claim("BLR", "assert", "The ministry denied")], 0.0, None),
    ]
    for claims, recall, accuracy in cases:
        figures = scorer.score({"t-1": {"claims": claims}}, gold, ["claims"])["claims"]
        assert (figures["recall"], figures["speaker_stance_accuracy"]) == (recall, accuracy)


def test_scorer_quantities_need_overlap_and_value():
    gold = tiny_gold()

    def quantity(value, part, qualifier=None):
        return {"value": value, "qualifier": qualifier, "span": at(part)}

    def figures(quantities):
        return scorer.score({"t-1": {"quantities": quantities}}, gold, ["quantities"])

    assert figures([quantity(12, "12")])["quantities"]["recall"] == 1.0
    assert figures([quantity(12.0, "12 soldiers", "about")])["quantities"] == {
        "gold": 1,
        "system": 1,
        "recall": 1.0,
        "precision": 1.0,
        "qualifier_accuracy": 0.0,
    }
    assert figures([quantity(13, "12")])["quantities"]["recall"] == 0.0
    assert figures([quantity(12, "Monday")])["quantities"]["recall"] == 0.0


def test_scorer_with_no_output_scores_zero_not_an_error():
    figures = scorer.score({}, tiny_gold())
    assert figures["events"]["recall"] == 0.0 and figures["events"]["precision"] is None
    assert figures["claims"]["recall"] == 0.0 and figures["quantities"]["recall"] == 0.0


def test_scorer_reports_a_missing_corpus_in_one_line(tmp_path):
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--corpus", str(tmp_path / "nowhere")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert "nowhere" in result.stderr


def test_gold_files_are_one_object_per_line():
    for name in ("events", "claims", "quantities"):
        for line in (CORPUS / "gold" / f"{name}.jsonl").read_text().splitlines():
            assert isinstance(json.loads(line), dict)
