"""The merge rule as pure functions, and its agreement with what the store does."""

from __future__ import annotations

import pytest

import newsgraph
from newsgraph.store.merge import (
    blocking_keys,
    date_interval,
    merge_reports,
    record_report_keys,
    report_key,
    same_event,
)
from test_store_records import date, location, participant, world

ARTICLE_A = {"id": "a", "source": "One"}
ARTICLE_B = {"id": "b", "source": "Two"}


def key(kind="CONSULT", actor=("CUB",), recipient=("BLR",), when=None, where=None, aux=()):
    event = {
        "event": kind,
        "aux": list(aux),
        "actor": [participant(code) for code in actor],
        "recipient": [participant(code) for code in recipient],
        "date": when or date("2025-08-12"),
        "location": where,
    }
    return report_key(event, ARTICLE_A)


def test_same_type_participants_and_day_merge():
    assert same_event(key(), key())


@pytest.mark.parametrize(
    "other",
    [
        key(kind="ASSAULT"),
        key(when=date("2025-09-12")),  # a month later
        key(recipient=("RUS",)),  # a different host
        key(aux=["future"]),  # a planned visit is not the visit
        key(where=location("Brest", "BLR", 52.1, 23.7)),  # same country, another city
    ],
)
def test_different_events_stay_apart(other):
    here = key(where=location("Minsk", "BLR", 53.9, 27.56))
    assert not same_event(here, other)


def test_dates_are_compared_at_their_precision():
    assert same_event(key(when=date("2025-08", "month")), key(when=date("2025-08-30")))
    assert not same_event(key(when=date("2025-07", "month")), key(when=date("2025-08-05")))
    assert same_event(key(when=date("2025", "year")), key(when=date("2025-08-01")))
    assert same_event(key(when=date("2025-08-12")), key(when=date("2025-08-13")))  # tolerance


def test_a_publication_date_fallback_stands_for_the_week_before():
    lo, hi = date_interval(date("2025-08-20", from_publication=True))
    assert hi - lo == 7
    assert same_event(key(when=date("2025-08-18", from_publication=True)), key())
    assert not same_event(key(when=date("2025-10-20", from_publication=True)), key())


def test_negated_reports_merge_with_factual_ones_but_hypothetical_do_not():
    assert same_event(key(aux=["negation"]), key())
    assert not same_event(key(aux=["hypothetical"]), key())


def test_participants_overlap_role_insensitively():
    joint = key(actor=("CUB", "BLR"), recipient=())
    assert same_event(joint, key())
    assert same_event(key(actor=("BLR",), recipient=()), joint)  # one side named only
    assert not same_event(key(actor=(), recipient=()), key(actor=(), recipient=()))


def test_a_country_level_place_agrees_with_a_city_in_it():
    country = location("Belarus", "BLR", 53.0, 28.0, precision="country")
    city = location("Minsk", "BLR", 53.9, 27.56)
    assert same_event(key(where=country), key(where=city))
    near = location("Minsk airport", "BLR", 53.88, 27.9)
    assert same_event(key(where=city), key(where=near))  # 30 km apart at most
    dateline = {**location("Havana", "CUB", 23.1, -82.4), "source": "dateline"}
    assert same_event(key(where=dateline), key(where=city))  # a dateline is not a place


def test_blocking_keys_are_shared_by_mergeable_reports():
    a, b = key(), key(actor=("CUB", "BLR"), recipient=())
    assert set(blocking_keys(a)) & set(blocking_keys(b))
    assert not set(blocking_keys(a)) & set(blocking_keys(key(kind="ASSAULT")))


def test_merge_reports_clusters_in_order_and_keys_are_plain_data():
    keys = [key(), key(when=date("2025-09-12")), key(when=date("2025-08", "month")), key()]
    assert merge_reports(keys) == [0, 1, 0, 0]
    import pickle

    assert pickle.loads(pickle.dumps(keys)) == keys  # Dask can ship them


def test_the_store_merges_exactly_as_merge_reports_does(tmp_path):
    records = world()
    labels = merge_reports(record_report_keys(records))
    with newsgraph.open(tmp_path / "same.db", create=True) as store:
        for rec in records:
            store.add_record(rec)
        stored = {}
        for event in store.events(limit=None):
            for report in event["reports"]:
                stored[(report["article_id"], report["local_id"])] = event["id"]
    order = [(rec["article"]["id"], ev["id"]) for rec in records for ev in rec["events"]]
    groups_from_store = [stored[place] for place in order]
    # same partition: reports share a store event exactly when they share a label
    pairs = range(len(order))
    assert {(i, j) for i in pairs for j in pairs if labels[i] == labels[j]} == {
        (i, j) for i in pairs for j in pairs if groups_from_store[i] == groups_from_store[j]
    }
