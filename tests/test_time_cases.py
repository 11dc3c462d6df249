"""The date table: our own sentences with publication dates and the dates they denote."""

from __future__ import annotations

import json
from pathlib import Path

from newsgraph.extract import make_doc
from newsgraph.records import Article

CASES = Path(__file__).parent / "data" / "date_cases.jsonl"


def _date_of(nlp, case: dict) -> dict | None:
    """The date newsgraph gives the case's expression (the time expression overlapping it)."""
    doc = nlp(make_doc(nlp, Article(id="case", text=case["text"], published=case["published"])))
    first = case["text"].index(case["expression"])
    last = first + len(case["expression"])
    for timex in doc._.timexes:
        if timex.span.start < last and first < timex.span.end:
            return timex.date.to_dict()
    return None


def test_date_table_accuracy(nlp):
    cases = [json.loads(line) for line in CASES.read_text(encoding="utf-8").splitlines()]
    assert len(cases) >= 150
    wrong = []
    for case in cases:
        got = _date_of(nlp, case)
        expected = (case["start"], case["end"], case["precision"])
        found = (got["start"], got["end"], got["precision"]) if got else None
        if found != expected:
            wrong.append(f"{case['published']} {case['text']!r}: {found} != {expected}")
    accuracy = 1 - len(wrong) / len(cases)
    assert accuracy >= 0.95, f"accuracy {accuracy:.3f}; wrong:\n" + "\n".join(wrong)
