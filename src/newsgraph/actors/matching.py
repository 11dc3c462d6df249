"""Gazetteer names and role words in a Doc, found with ``PhraseMatcher`` passes built once per
pipeline; stances ("anti-American") and backers ("US-backed") are not whose a mention is."""

from __future__ import annotations

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans
from spacy.vocab import Vocab

from newsgraph.actors.gazetteer import Actor, Gazetteer, Role
from newsgraph.places.gazetteer import gazetteer as place_gazetteer

#: Prefixes that make a state name a stance ("anti-American", "pro-Russian").
STANCE_PREFIXES = frozenset({"anti", "pro"})
#: Participles that make a name a backer, not the group ("al-Qaeda-linked", "US-backed").
AFFILIATIONS = frozenset(
    {"linked", "backed", "affiliated", "allied", "aligned", "inspired", "supported", "sponsored",
     "funded", "trained", "armed", "sanctioned"}
)  # fmt: skip


#: A town named as the place of a role ("Karachi police") is the place's state only when it is
#: this big and no namesake elsewhere comes within a tenth of it.
TOWN_MIN_POPULATION = 100_000
NAMESAKE_SHARE = 10


def town_actor(name: str) -> Actor | None:
    """A town or province the place gazetteer knows, as the place of its state ("Karachi
    police" are PAK's, "the governor of Kunduz" AFG's): the actor lists name capitals and a
    few conflict places; the place gazetteer names every town of 100,000 people and every
    province. None when the name is small or shared with a town elsewhere of like size."""
    found = place_gazetteer().candidates(name)
    found = [p for p in found if p.code and p.kind in ("city", "admin1")]
    if not found:
        return None
    best = max(found, key=lambda p: p.population)
    rivals = [p for p in found if p.code != best.code]
    if best.population < TOWN_MIN_POPULATION or any(
        p.population * NAMESAKE_SHARE > best.population for p in rivals
    ):
        return None
    return Actor(best.name, best.code, None, "place", "place")


class GazetteerMatcher:
    """Finds gazetteer names, acronyms and role words; one instance per pipeline."""

    def __init__(self, vocab: Vocab, gaz: Gazetteer) -> None:
        self.gaz = gaz
        self.names = PhraseMatcher(vocab, attr="LOWER")
        self.acronyms = PhraseMatcher(vocab, attr="ORTH")
        self.roles = PhraseMatcher(vocab, attr="LOWER")
        tokenizer = _Tokenizer(vocab)
        self.name_actor: dict[int, Actor] = {}
        for phrase, actor in gaz.names.items():
            self.name_actor[vocab.strings.add("N:" + phrase)] = actor
            self.names.add("N:" + phrase, [tokenizer(phrase)])
        for phrase, actor in gaz.acronyms.items():
            self.name_actor[vocab.strings.add("A:" + phrase)] = actor
            self.acronyms.add("A:" + phrase, [tokenizer(phrase)])
        self.role_of: dict[int, Role] = {}
        for phrase, role in gaz.roles.items():
            self.role_of[vocab.strings.add("R:" + phrase)] = role
            self.roles.add("R:" + phrase, [tokenizer(phrase)])
        self.lower_initial = {
            vocab.strings["N:" + p] for p in gaz.names if p[:1].islower() and p[:1].isalpha()
        }

    def name_spans(self, doc: Doc) -> list[tuple[int, int, Actor]]:
        """Gazetteer names in ``doc``, longest first, capitalised unless written lower-case."""
        found: list[Span] = []
        persons = [e for e in doc.ents if e.label_ == "PERSON"]
        for key, start, end in self.names(doc):
            first = doc[start].text
            if not (first[:1].isupper() or key in self.lower_initial):
                continue
            found.append(Span(doc, start, end, label=key))
        found.extend(Span(doc, s, e, label=k) for k, s, e in self.acronyms(doc))
        kept = []
        for span in filter_spans(found):
            actor = self.name_actor[span.label]
            if actor.via in ("country", "capital", "seat") and any(
                p.start <= span.start and span.end <= p.end and len(p) > len(span) for p in persons
            ):
                continue  # "Michael Jordan", "Paris Hilton"
            if actor.via in ("country", "demonym") and _stance_prefixed(doc, span.start):
                continue  # "anti-American protesters", "pro-Russian separatists": not whose
            if actor.via != "person" and _affiliation_suffixed(doc, span.end):
                continue  # "the al-Qaeda-linked JNIM group", "US-backed forces": someone else
            kept.append((span.start, span.end, actor))
        taken = {i for start, end, _ in kept for i in range(start, end)}
        for ent in doc.ents:
            # the model often calls a town that modifies a role an organisation ("Karachi police")
            town = ent.label_ == "GPE" or (ent.label_ == "ORG" and ent.root.dep_ == "compound")
            if not town or any(i in taken for i in range(ent.start, ent.end)):
                continue
            actor = town_actor(ent.text)
            if actor is not None:
                kept.append((ent.start, ent.end, actor))
        return sorted(kept)

    def role_spans(self, doc: Doc) -> list[tuple[int, int, Role]]:
        spans = [Span(doc, s, e, label=k) for k, s, e in self.roles(doc)]
        return [
            (s.start, s.end, self.role_of[s.label])
            for s in filter_spans(spans)
            if doc[s.end - 1].pos_ not in ("VERB", "AUX")  # "engineers who service the jets"
        ]


class _Tokenizer:
    """Patterns are tokenised with the pipeline's own vocab, without running the pipeline."""

    def __init__(self, vocab: Vocab) -> None:
        from spacy.lang.en import English

        self.nlp = English(vocab=vocab)

    def __call__(self, text: str) -> Doc:
        return self.nlp.make_doc(text)


def _stance_prefixed(doc: Doc, start: int) -> bool:
    """ "anti-Syria", "pro-Russian": a stance towards the state, not membership of it."""
    return start >= 2 and doc[start - 1].text == "-" and doc[start - 2].lower_ in STANCE_PREFIXES


def _affiliation_suffixed(doc: Doc, end: int) -> bool:
    """ "al-Qaeda-linked", "US-backed": the name says who backs a group, not who it is."""
    return end + 1 < len(doc) and doc[end].text == "-" and doc[end + 1].lower_ in AFFILIATIONS
