"""PLOVER/CAMEO conventions for recipients a sentence leaves unnamed, on our own sentences."""

from __future__ import annotations

from newsgraph.records import Article


def events_of(nlp, text: str, event_type: str):
    doc = nlp.make_doc(text)
    doc._.article = Article(id="t", text=text, published="2025-10-20")
    return [e for e in nlp(doc)._.events if e.event == event_type]


def test_protest_without_target_is_directed_at_own_government(nlp) -> None:
    [event] = events_of(nlp, "Egyptian demonstrators rioted in the streets on Monday.", "PROTEST")
    assert [p.code for p in event.actor] == ["EGY"]
    assert [(p.code, p.sector) for p in event.recipient] == [("EGY", "GOV")]


def test_crackdown_without_target_is_directed_at_the_state_where_it_happens(nlp) -> None:
    [event] = events_of(nlp, "Turkish authorities imposed a curfew in Cizre on Sunday.", "COERCE")
    assert [p.code for p in event.recipient] == ["TUR"]
    assert event.recipient[0].text == "Cizre"


def test_named_recipient_is_kept(nlp) -> None:
    [event] = events_of(nlp, "Russian troops shelled Ukrainian positions near Kharkiv.", "ASSAULT")
    assert [p.code for p in event.recipient] == ["UKR"]


def test_the_two_governments_are_the_last_two_states_named(nlp) -> None:
    text = (
        "Cuba and Belarus are old partners. "
        "The two governments signed a roadmap for joint training in 2024."
    )
    [event] = events_of(nlp, text, "SUPPORT")
    assert sorted(p.code for p in event.actor) == ["BLR", "CUB"]
    assert {p.text for p in event.actor} == {"The two governments"}
