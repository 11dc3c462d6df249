"""Claims on our own sentences: reporting structures, stance, hedges, links to events."""

from __future__ import annotations

from newsgraph.extract import make_doc
from newsgraph.records import Article


def _claims(nlp, text: str):
    doc = nlp(make_doc(nlp, Article(id="c", text=text, published="2025-10-02")))
    return doc._.claims, doc


def test_said_that_is_an_assertion_with_its_content(nlp):
    claims, _ = _claims(nlp, "Chile's foreign minister said that the border would stay open.")
    assert len(claims) == 1
    assert claims[0].stance == "assert"
    assert claims[0].content == "the border would stay open"
    assert claims[0].speaker is not None and claims[0].speaker.code == "CHL"


def test_denial_and_acknowledgement_with_pronoun(nlp):
    claims, _ = _claims(
        nlp,
        "Although Peru denied any role in the raid, it acknowledged the presence of advisers.",
    )
    stances = [(c.stance, c.speaker.code if c.speaker else None) for c in claims]
    assert ("deny", "PER") in stances and ("acknowledge", "PER") in stances


def test_according_to_and_hedges(nlp):
    claims, _ = _claims(
        nlp,
        "According to Argentina's defence ministry, the submarine was reportedly towed to port.",
    )
    assert claims and claims[0].verb == "according to"
    assert claims[0].hedged and "reportedly" in claims[0].cues
    assert claims[0].content.startswith("the submarine")


def test_claims_verb_alleges(nlp):
    claims, _ = _claims(nlp, "Venezuela claims that Colombian troops crossed the border.")
    assert claims[0].stance == "allege"


def test_dismissed_as_groundless_is_a_denial(nlp):
    claims, _ = _claims(nlp, "Bolivia dismissed the accusations as groundless.")
    assert claims and claims[0].stance == "deny"


def test_claim_date_is_when_it_was_made(nlp):
    claims, _ = _claims(nlp, "On Tuesday, Ecuador's president said the army would withdraw.")
    assert claims[0].date.start == "2025-09-30"
    claims, _ = _claims(nlp, "Ecuador's president said the army would withdraw.")
    assert claims[0].date.from_publication


def test_report_continues_in_the_next_sentence(nlp):
    claims, _ = _claims(
        nlp,
        "According to a report by Uruguay's navy, two trawlers entered the zone. "
        "They were escorted out after an hour.",
    )
    assert len(claims) == 2
    assert claims[1].content.startswith("They were escorted")
    assert claims[1].speaker == claims[0].speaker


def test_quantities_and_events_in_content_are_linked(nlp):
    claims, doc = _claims(
        nlp, "Paraguay's army said that rebels attacked a base and killed more than 20 soldiers."
    )
    claim = claims[0]
    assert [q.value for q in claim.quantities] == [20]
    for event in doc._.events:
        if claim.content_span.start <= event.trigger_span.start < claim.content_span.end:
            assert event.id in claim.events
            assert event.attribution is not None and event.attribution.stance == "assert"
