"""Quantities on our own sentences: values, qualifiers, units and what they count."""

from __future__ import annotations

import pytest

from newsgraph.extract import make_doc
from newsgraph.records import Article


def _quantities(nlp, text: str):
    doc = nlp(make_doc(nlp, Article(id="q", text=text, published="2025-10-02")))
    return [(q.text, q.value, q.qualifier, q.unit) for q in doc._.quantities], doc


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The militia freed at least nine hostages.",
            ("at least nine hostages", 9, "at_least", "people"),
        ),
        ("Some 300 fighters crossed the river.", ("Some 300 fighters", 300, "about", "people")),
        ("Up to 40 tanks were lost.", ("Up to 40 tanks", 40, "up_to", "tank")),
        ("They sent two dozen instructors.", ("two dozen instructors", 24, None, "people")),
        ("Thousands of Chileans marched.", ("Thousands of Chileans", 1000, "at_least", "people")),
        ("The fund pledged $1.5 billion.", ("$1.5 billion", 1500000000, None, "USD")),
        (
            "More than 12,500 refugees arrived.",
            ("More than 12,500 refugees", 12500, "over", "people"),
        ),
        (
            "Tens of thousands of people fled.",
            ("Tens of thousands of people", 10000, "at_least", "people"),
        ),
    ],
)
def test_quantity(nlp, text, expected):
    found, _ = _quantities(nlp, text)
    assert expected in found, found


@pytest.mark.parametrize(
    "text",
    [
        "In 2024 the council met under Article 5.",
        "The S-300 batteries were moved on 3 May.",
        "The convoy left at 10 a.m. for the second time.",
        "Juan Perez, 45, was detained.",
        "One of the officers resigned.",
    ],
)
def test_not_a_quantity(nlp, text):
    found, _ = _quantities(nlp, text)
    assert found == []


def test_counts_keeps_the_participle(nlp):
    _, doc = _quantities(nlp, "Officials counted over 5,000 Peruvians recruited by the cartel.")
    assert doc._.quantities[0].counts == "Peruvians recruited by the cartel"
