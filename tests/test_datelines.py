"""A dateline is a sentence of its own, so the lede after it parses as the sentence it is."""

from __future__ import annotations

from newsgraph.records import Article

LEDE = (
    "The chief of the general staff of the Belarusian armed forces, General Pavel Muraveiko, "
    "arrived in Havana on Monday for an official visit."
)


def annotate(nlp, text: str):
    doc = nlp.make_doc(text)
    doc._.article = Article(id="t", text=text, published="2025-08-20")
    return nlp(doc)


def test_dateline_ends_its_own_sentence(nlp) -> None:
    doc = annotate(nlp, "HAVANA - " + LEDE)
    first, second = list(doc.sents)[:2]
    assert first.text.strip() == "HAVANA -"
    assert second.text.startswith("The chief of the general staff")


def test_titled_person_after_a_dateline_is_coded(nlp) -> None:
    doc = annotate(nlp, "HAVANA - " + LEDE)
    [person] = [e for e in doc._.entities if e.name == "Pavel Muraveiko"]
    assert (person.code, person.sector) == ("BLR", "MIL")
    [visit] = [e for e in doc._.events if e.event_text == "arrived"]
    assert [p.code for p in visit.actor] == ["BLR"]
    assert visit.location is not None and visit.location.name == "Havana"


def test_text_without_dateline_is_untouched(nlp) -> None:
    doc = annotate(nlp, LEDE)
    assert len(list(doc.sents)) == 1


def test_the_name_a_lede_opens_with_stays_in_its_sentence(nlp) -> None:
    # the small model would end a sentence at "North" and open the next at "Korea"
    doc = annotate(nlp, "SEOUL - North Korea on Tuesday threatened to take military action.")
    sentences = [s.text.strip() for s in doc.sents]
    assert sentences[1].startswith("North Korea on Tuesday"), sentences
    [threat] = [e for e in doc._.events if e.event_text == "threatened"]
    assert [p.text for p in threat.actor] == ["North Korea"]
