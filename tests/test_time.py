"""The temporal normaliser and date_for on our own sentences."""

from __future__ import annotations

import pytest

from newsgraph.extract import make_doc
from newsgraph.records import Article
from newsgraph.time import date_for, publication_date
from newsgraph.time.normalize import find_dates, parse_published


def _doc(nlp, text: str, published: str | None = "2025-10-02"):
    return nlp(make_doc(nlp, Article(id="t", text=text, published=published)))


@pytest.mark.parametrize(
    "text",
    [
        "The army fielded 253 tanks and upgraded its S-125 batteries.",
        "Officials may travel to the border.",
        "The brigade lost 2,000 men.",
        "He said he would march with the protesters.",
    ],
)
def test_no_time_expression(text):
    assert find_dates(text, parse_published("2025-10-02")) == []


def test_weekday_follows_tense(nlp):
    past = _doc(nlp, "The envoy arrived on Monday.")
    future = _doc(nlp, "The envoy will arrive on Monday.")
    assert past._.timexes[0].date.start == "2025-09-29"
    assert future._.timexes[0].date.start == "2025-10-06"


def test_relative_expressions_need_a_publication_date(nlp):
    doc = _doc(nlp, "Troops crossed the river yesterday.", published=None)
    assert doc._.timexes[0].date.start is None
    assert doc._.timexes[0].date.precision == "unknown"


def test_event_takes_the_date_of_its_own_clause(nlp):
    doc = _doc(
        nlp, "In 2024 the two armies signed a pact, and on Tuesday their ministers met in Minsk."
    )
    signed = next(t for t in doc if t.text == "signed")
    met = next(t for t in doc if t.text == "met")
    assert date_for(doc, signed).start == "2024"
    assert date_for(doc, met).start == "2025-09-30"


def test_event_without_a_date_falls_back_to_publication(nlp):
    doc = _doc(nlp, "The ministers met in Minsk.")
    met = next(t for t in doc if t.text == "met")
    date = date_for(doc, met)
    assert (date.start, date.precision, date.from_publication) == ("2025-10", "month", True)
    assert publication_date(doc).from_publication


def test_month_of_a_relative_year(nlp):
    doc = _doc(nlp, "A frigate called at the port in June of last year.")
    assert doc._.timexes[0].date.start == "2024-06"


def test_range_keeps_its_text(nlp):
    doc = _doc(nlp, "Since 2023, the navy has doubled its patrols.")
    date = doc._.timexes[0].date
    assert (date.start, date.end, date.precision, date.text) == (
        "2023",
        None,
        "range",
        "Since 2023",
    )
