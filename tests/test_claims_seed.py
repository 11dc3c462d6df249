"""The seed article: the claims, quantities and dates an analyst needs from it."""

from __future__ import annotations

import pytest

from newsgraph.extract import make_doc
from newsgraph.records import Article
from newsgraph.time import date_for


@pytest.fixture(scope="module")
def seed_doc(nlp, seed_text):
    article = Article(id="seed", text=seed_text, published="2025-10-02")
    return nlp(make_doc(nlp, article))


def _claims_with(doc, value):
    return [c for c in doc._.claims if any(q.value == value for q in c.quantities)]


def test_kiev_list_of_253_passports(seed_doc):
    claims = _claims_with(seed_doc, 253)
    assert claims, "no claim carries the 253 passports"
    assert any(c.speaker and c.speaker.code == "UKR" for c in claims)
    assert all(c.stance in ("allege", "assert") for c in claims)


def test_report_of_over_20000_cubans(seed_doc):
    claims = _claims_with(seed_doc, 20000)
    assert claims, "no claim carries the 20,000 figure"
    claim = claims[0]
    assert claim.speaker is not None and claim.speaker.code == "UKR"
    assert [q.qualifier for q in claim.quantities if q.value == 20000] == ["over"]
    assert claim.date.start == "2025-09-19" and not claim.date.from_publication


def test_havana_denies_twice(seed_doc):
    denials = [c for c in seed_doc._.claims if c.stance == "deny"]
    assert len([c for c in denials if c.speaker and c.speaker.code == "CUB"]) == 2


def test_havana_acknowledges_a_trafficking_network(seed_doc):
    assert any(
        c.stance == "acknowledge"
        and c.speaker
        and c.speaker.code == "CUB"
        and "traffick" in c.content
        for c in seed_doc._.claims
    )


def test_revenko_announcement_is_belarusian(seed_doc):
    announced = [c for c in seed_doc._.claims if c.verb == "announced"]
    assert announced and announced[0].speaker and announced[0].speaker.code == "BLR"


def test_august_2025_visit_is_dated_2025_08(seed_doc):
    sentence = next(s for s in seed_doc.sents if "August 2025" in s.text)
    visit = next(t for t in sentence if t.lower_ == "visit")
    assert date_for(seed_doc, visit).start == "2025-08"
    events = [
        e
        for e in seed_doc._.events
        if sentence.start_char <= e.trigger_span.start < sentence.end_char
        and "visit" in e.event_text.lower()
    ]
    if not events:
        pytest.fail("the event coder produced no visit event in the August 2025 sentence")
    assert events[0].date.start == "2025-08"
    assert events[0].date.precision == "month"
