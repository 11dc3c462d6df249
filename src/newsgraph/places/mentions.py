"""Place mentions in a parsed article: named places plus "the village of X" / "X district".

spaCy's small model tags well-known places (GPE, LOC, FAC) but misses many villages and
districts; a designator noun ("village", "district", "province") marks those instead.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from difflib import SequenceMatcher

from spacy.tokens import Doc, Span, Token

from newsgraph.places.gazetteer import (
    CUES,
    Place,
    gazetteer,
    geocode,
    haversine_km,
    name_key,
    state_of_demonym,
)
from newsgraph.places.landmarks import LANDMARK_KINDS, landmark_after, measure
from newsgraph.records import Entity

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
#: Designator nouns and the precision of the place they name ("village" -> city).
DESIGNATORS: dict[str, str] = CUES["designators"]
#: The formal prefix of a state's name, tried without when the full name is unknown.
FORMAL_NAME = re.compile(
    r"(?:the )?(?:(?:Islamic |People's |Democratic |Socialist |Federal |United )*Republic|"
    r"Kingdom|State|Federation|Principality|Sultanate|Emirate|Commonwealth) of (?:the )?",
    re.IGNORECASE,
)
#: Entity labels of numbers and times: never a mislabelled place.
NUMERIC_LABELS = frozenset(
    {"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL"}
)  # fmt: skip
#: A name the tagger calls a person is taken for a town only when the town is this big.
PERSON_NAMESAKE_MIN_POPULATION = 100_000
#: Entity labels a proper name may carry and still be taken for an untagged place.
UNTAGGED_OK = frozenset({"", "GPE", "LOC", "FAC"})
#: Labels the small model gives unknown place names ("Baure" as ORG, "Corsica" as PRODUCT).
MISTAGGED = frozenset({"ORG", "PERSON", "PRODUCT", "NORP", "EVENT", "WORK_OF_ART"})
#: Prepositions that put something at a place; used to admit un-tagged proper names.
LOCATIVE_PREPS = frozenset(CUES["locative_preps"])
#: Words that name a part of a place ("Western Afghanistan", "northern Syria"), tried without
#: when the whole name is unknown; "North Korea" and "West Bank" are names of their own.
REGION_WORDS = frozenset(CUES["region_words"])
#: Nouns that, as "the city" or "the country", refer back to a place named before (or the
#: dateline's country), and the precision of what they refer to.
BACK_REFERENCES: dict[str, str] = CUES["back_references"]
#: Designators for a part of the town they name ("the outskirts of Goma"), not of their own.
TOWN_PARTS = frozenset(CUES["town_parts"])
#: Nouns whose "of X" puts people at a building ("in front of the Knesset").
FRONTAGE_NOUNS = frozenset(CUES["frontage_nouns"])
#: Seats of power that stand in their state's capital ("the Georgian parliament").
SEAT_NOUNS = frozenset(CUES["seat_nouns"])
#: The Arabic article as place names are transliterated ("al", "ar", "as-", "el").
ARABIC_ARTICLE = re.compile(r"^(?:a[lnrsdtz]|el|ash) ")
#: A namesake town smaller than this, outside the article's countries, is not trusted.
FOREIGN_NAMESAKE_MIN_POPULATION = 100_000


@dataclass(slots=True)
class PlaceMention:
    """A place named in the article: its words, its proper name and what it resolves to."""

    start: int  # token offsets of the whole phrase ("the Aziziyah district")
    end: int
    name_start: int  # token offsets of the proper name ("Aziziyah")
    name_end: int
    designated: str | None  # precision implied by a designator noun, if any
    designator: str | None = None  # that noun as written ("county")
    place: Place | None = None
    code: str | None = None  # the country, from the place or from a place it lies in
    back_reference: bool = False  # "the city", "the country": a place named before it
    capital_of: str | None = None  # "Mali's capital", "the Libyan capital": that state's ISO3

    @property
    def precision(self) -> str:
        if self.place is not None and (self.designated is None or self.place.kind == "country"):
            return self.place.precision
        return self.designated or (self.place.precision if self.place else "unknown")


def _designated(token: Token) -> str | None:
    """The precision a designator noun implies ("villages", "outskirts"), or None."""
    if token.pos_ != "NOUN":
        return None
    return DESIGNATORS.get(token.lower_) or DESIGNATORS.get(token.lemma_.lower())


def _strip_name(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Drop a leading determiner and a trailing possessive from a name's token range."""
    while start < end and doc[start].lower_ in ("the", "a", "an"):
        start += 1
    while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct):
        end -= 1
    return start, end


def _compound_name(token: Token) -> tuple[int, int]:
    """The proper-name tokens of ``token`` with its compound and flat-name modifiers."""
    start = token.i
    for child in token.lefts:
        if child.dep_ in ("compound", "nmod") and child.pos_ == "PROPN":
            start = min(start, child.left_edge.i if child.left_edge.pos_ == "PROPN" else child.i)
    return start, token.i + 1


def _phrase_start(head: Token) -> int:
    """Where the noun phrase of ``head`` starts, counting only its pre-modifiers."""
    start = head.i
    for child in head.lefts:
        if child.dep_ in ("det", "amod", "compound", "nmod", "poss", "nummod", "advmod"):
            start = min(start, child.left_edge.i)
    return start


def find_mentions(doc: Doc) -> list[PlaceMention]:
    """Every place mention in ``doc``, without overlaps, in text order (not yet resolved)."""
    found: list[PlaceMention] = []
    taken: set[int] = set()

    def add(mention: PlaceMention) -> None:
        span = range(mention.name_start, mention.name_end)
        if mention.name_end > mention.name_start and not taken.intersection(span):
            taken.update(span)
            found.append(mention)

    # Designated places first: they carry their precision ("the village of Ashmi").
    proper: list[Token] = []
    for token in doc:
        if token.pos_ == "PROPN":
            proper.append(token)
            continue
        seat_of = _seat_of(token)
        if seat_of is not None:
            # placed in the capital, at a city's precision: the building's own point is unknown
            add(PlaceMention(_phrase_start(token), token.i + 1, token.i, token.i + 1, "city",
                             token.lower_, capital_of=seat_of))  # fmt: skip
            continue
        if _back_reference(token):
            add(PlaceMention(token.i - 1, token.i + 1, token.i, token.i + 1,
                             BACK_REFERENCES[token.lower_], token.lower_,
                             back_reference=True))  # fmt: skip
            continue
        designated = _designated(token)
        if designated is None:
            continue
        state = _capital_of(token)
        if state is not None:
            add(PlaceMention(_phrase_start(token), token.i + 1, token.i, token.i + 1, designated,
                             token.lower_, capital_of=state))  # fmt: skip
            continue
        names = [
            c
            for c in token.lefts
            if c.dep_ in ("compound", "nmod") and c.pos_ == "PROPN" and c.lower_ not in REGION_WORDS
        ]  # not "its east coast": a direction, not a name
        if designated == "site":
            # "the US military base", "the Russian embassy": the owner, not a place name.
            names = [n for n in names if not _is_country(n)]
        if any(
            prep.dep_ == "prep"
            and prep.lower_ == "of"
            and any(c.dep_ == "pobj" and c.pos_ == "PROPN" for c in prep.children)
            for prep in token.rights
        ):
            names = []  # "the West Bank town of Jenin": the name follows "of"
        for name in names[:1]:
            # "al-Thawra areas", "the Bustan Al-Basha district": the parse hangs each part of
            # a hyphenated name on the designator; the name runs to the last of them
            start, end = _strip_name(doc, _compound_name(name)[0], names[-1].i + 1)
            add(
                PlaceMention(
                    _phrase_start(token), token.i + 1, start, end, designated, token.lower_
                )
            )
        for prep in token.rights:
            if prep.dep_ != "prep" or prep.lower_ != "of":
                continue
            for pobj in prep.children:
                if pobj.dep_ != "pobj" or pobj.pos_ != "PROPN":
                    continue
                for target in (pobj, *(c for c in pobj.conjuncts if c.pos_ == "PROPN")):
                    start, end = _strip_name(doc, *_compound_name(target))
                    first = _phrase_start(token) if target is pobj else start
                    add(PlaceMention(first, end, start, end, designated, token.lower_))
    actors = coded_actor_tokens(doc)
    known_places = actor_place_tokens(doc)
    for ent in doc.ents:
        if ent.label_ in PLACE_LABELS:
            start, end = _strip_name(doc, ent.start, ent.end)
            if not any(t.text[:1].isupper() for t in doc[start:end]):
                continue  # "its east coast", "the north": no name in it
            # "the Tishreen Dam", "Heathrow Airport": a named site carries its designator.
            last = doc[end - 1].lower_ if end > start + 1 else ""
            site = "site" if DESIGNATORS.get(last) == "site" else None
            add(PlaceMention(ent.start, ent.end, start, end, site, last if site else None))
        elif ent.label_ in ("ORG", "PERSON") and not actors.intersection(range(ent.start, ent.end)):
            # "the Adiyat School", "Tishreen Dam", "Manger Square": a named site the model
            # calls an ORG or a person.
            last = doc[ent.end - 1].lower_
            root = ent.root
            placed = root.dep_ == "dobj" or (
                root.dep_ == "pobj" and root.head.lower_ in LOCATIVE_PREPS
            )  # "liberated the Adiyat School", "outside Ciragan Palace"; not "from the School"
            if DESIGNATORS.get(last) == "site" and ent.end - ent.start > 1 and placed:
                start, end = _strip_name(doc, ent.start, ent.end)
                add(PlaceMention(ent.start, ent.end, start, end, "site", last))
            elif "/" in ent.text and any(geocode(part) for part in ent.text.split("/")):
                # "the attack on Sere Kaniye/Ras al-Ain": a town's two names, called an ORG
                start, end = _strip_name(doc, ent.start, ent.end)
                add(PlaceMention(ent.start, ent.end, start, end, None))
    # Proper names the tagger missed: under a locative preposition ("killed in Khanasir"), or
    # anywhere when the gazetteer knows them ("the Manbij campaign").
    entity_of = {i: ent for ent in doc.ents for i in range(ent.start, ent.end)}
    for token in proper:
        if token.i in taken:
            continue
        if token.dep_ == "compound" and token.head.pos_ == "PROPN":
            continue  # part of a longer name, handled at its head
        start, end = _strip_name(doc, *_compound_name(token))
        if start >= end:
            continue
        label = token.ent_type_
        # "at-Turkmani", "al-Qurashi": a name's article, not a preposition.
        locative = (
            token.dep_ == "pobj"
            and token.head.lower_ in LOCATIVE_PREPS
            and bool(token.head.whitespace_)
        )
        if token.i in actors:
            # "The Kremlin denied" is the government; "protesters outside the Kremlin" are at
            # the building, a site the gazetteer knows
            in_front = token.dep_ == "pobj" and token.head.lower_ == "of"
            in_front = in_front and token.head.head.lower_ in FRONTAGE_NOUNS
            site = geocode(doc[start:end].text) if locative or in_front else None
            if site is not None and site.kind == "site":
                add(PlaceMention(start, end, start, end, "site"))
            continue
        if label in UNTAGGED_OK:
            if locative or geocode(doc[start:end].text) is not None:
                add(PlaceMention(start, end, start, end, None))
            continue
        # The small model tags many unknown villages ORG or PERSON ("the camp at Baure"); under
        # "at"/"in" such a name is a place unless the actor layer coded it as an actor. A long
        # ORG name ("Vanderbilt University Medical Center") stays an ORG.
        if locative and label in MISTAGGED and token.tag_ == "NNP" and end - start <= 2:
            add(PlaceMention(start, end, start, end, None))
            continue
        # "struck Kyiv", "visited Havana" tagged as persons: the actor layer knows the city.
        if known_places.issuperset(range(start, end)) and geocode(doc[start:end].text):
            add(PlaceMention(start, end, start, end, None))
            continue
        if _mislabelled_place(doc, start, end, entity_of.get(token.i)):
            add(PlaceMention(start, end, start, end, None))
    found.sort(key=lambda m: m.start)
    return found


def _capital_of(token: Token) -> str | None:
    """The state whose capital "Mali's capital", "the Taiwan capital" or "the Libyan capital"
    names, or None."""
    if token.lemma_.lower() != "capital" or token.dep_ == "compound":
        return None
    return _state_modifier(token)


def _seat_of(token: Token) -> str | None:
    """The state whose seat of power "the Georgian parliament" or "the Philippine presidential
    palace" names (it stands in that state's capital), or None; not when the text says where
    ("the presidential palace in Tbilisi")."""
    if token.lemma_.lower() not in SEAT_NOUNS or token.dep_ == "compound":
        return None
    if any(c.dep_ == "prep" and c.lower_ in ("in", "of", "at") for c in token.children):
        return None
    return _state_modifier(token)


def _state_modifier(token: Token) -> str | None:
    """The ISO3 code of the state a noun's modifier names ("Mali's", "Libyan", "Taiwan")."""
    for child in token.children:
        if child.dep_ not in ("poss", "amod", "compound", "nmod"):
            continue
        if child.pos_ == "PROPN" or child.dep_ == "poss":
            place = geocode(_name_text(child))
            if place is not None and place.kind == "country":
                return place.code
        if code := state_of_demonym(child.text):
            return code
    return None


def _name_text(token: Token) -> str:
    """A name with its compound parts ("South Sudan"), without a possessive ending."""
    start, end = _strip_name(token.doc, *_compound_name(token))
    return token.doc[start:end].text


def _back_reference(token: Token) -> bool:
    """ "the city", "the country" as a place of its own: a back-reference to a named place."""
    if token.lower_ not in BACK_REFERENCES or token.i == 0 or token.dep_ == "compound":
        return False
    det = token.doc[token.i - 1]
    return (
        det.lower_ == "the"
        and det.head == token
        and all(
            c.dep_ in ("det", "prep", "punct", "case")
            and not (c.dep_ == "prep" and c.lower_ == "of")
            for c in token.children
        )
    )


def _is_country(token: Token) -> bool:
    place = geocode(token.text)
    return place is not None and place.kind == "country"


def _mislabelled_place(doc: Doc, start: int, end: int, entity: Span | None) -> bool:
    """A known town the small model labelled otherwise ("the Manbij campaign" as PRODUCT,
    "In Samarra" as NORP, "Sydney" as PERSON): a place when the entity is just that name and
    the gazetteer knows it; a name tagged as a person must be a large or well-known place."""
    if entity is None or entity.label_ in NUMERIC_LABELS:
        return False
    if _strip_name(doc, entity.start, entity.end) != (start, end):
        return False  # part of a longer name ("Sydney Morning Herald")
    place = geocode(doc[start:end].text)
    if place is None:
        return False
    if entity.label_ == "PERSON":
        # "Sydney offices", "Grozny's streets", "in Sydney"; never a subject or object
        # ("Arad was captured" is the airman Ron Arad).
        modifier = doc[end - 1].dep_ in ("compound", "poss", "pobj")
        big = place.kind != "city" or place.population >= PERSON_NAMESAKE_MIN_POPULATION
        return modifier and big
    return True


def coded_actor_tokens(doc: Doc) -> set[int]:
    """Tokens of entities the actor layer coded (a state, IGO, group): actors, not places."""
    return _entity_tokens(doc, lambda e: bool(e.code) and e.kind not in ("place", "state"))


def actor_place_tokens(doc: Doc) -> set[int]:
    """Tokens of the names the actor layer read as places (capitals, countries' cities)."""
    return _entity_tokens(doc, lambda e: e.kind == "place")


def _entity_tokens(doc: Doc, keep: Callable[[Entity], bool]) -> set[int]:
    tokens: set[int] = set()
    for entity in doc._.entities or ():
        if not keep(entity):
            continue
        for mention in entity.mentions:
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is not None:
                tokens.update(range(span.start, span.end))
    return tokens


def sentence_starts(doc: Doc) -> list[int]:
    """Token offsets where sentences start, computed once (``token.sent`` rescans the doc)."""
    return [sent.start for sent in doc.sents]


def article_codes(doc: Doc, mentions: Iterable[PlaceMention]) -> set[str]:
    """The ISO3 codes the article is about: its coded actors and the countries it names.

    An actor that is itself one of the place mentions ("Tripoli" coded LBY by the actor layer)
    is left out: its code is a guess about the very name being resolved.
    """
    place_tokens = {i for m in mentions for i in range(m.name_start, m.name_end)}
    codes = set()
    for entity in doc._.entities or ():
        code = entity.code
        if not code or len(code) != 3 or code in ("IGO", "NGO", "MNC"):
            continue
        starts = {doc.char_span(m.start, m.end, alignment_mode="expand") for m in entity.mentions}
        if all(span is not None and span.start in place_tokens for span in starts):
            continue
        codes.add(code)
    codes.update(country_codes(doc, mentions))
    return codes


def country_codes(doc: Doc, mentions: Iterable[PlaceMention]) -> set[str]:
    """The codes of the countries, and of the provinces and states, among ``mentions``
    ("Lebanon's", "in Syria", "police in Alabama")."""
    codes = set()
    for mention in mentions:
        place = geocode(doc[mention.name_start : mention.name_end].text)
        if place is not None and place.kind in ("country", "admin1") and place.code:
            codes.add(place.code)
    return codes


#: A place a town's possessive owns ("Manhattan's Chelsea") farther than this from the town is
#: a namesake elsewhere, and the part is placed at the town's point.
OWNED_PART_MAX_KM = 50.0
#: How far a gazetteer town may lie from where its landmark phrase puts it and still be the
#: town meant: 30 km plus half the stated distance, or 150 km when only a bearing is given.
LANDMARK_SLACK_KM = 30.0
LANDMARK_SLACK_SHARE = 0.5
UNMEASURED_SLACK_KM = 150.0


def resolve_mentions(
    doc: Doc, mentions: list[PlaceMention], context: set[str], home: Place | None = None
) -> None:
    """Resolve each mention: the sentence's countries first, then the article's.

    "the city" is the town named last before it; "the country" is the dateline's country
    (``home``), else the country named last, and "the capital" that country's capital.
    """
    starts = sentence_starts(doc)
    by_sentence: dict[int, list[PlaceMention]] = {}
    for mention in mentions:
        by_sentence.setdefault(bisect_right(starts, mention.start), []).append(mention)
    last: dict[str, Place] = {}  # what "the city", "the town", "the country" would mean

    def remember_country(code: str) -> None:
        last["country"] = gazetteer().countries[code]
        capital = gazetteer().capital(code)
        if capital is not None:
            last["capital"] = capital
        else:
            last.pop("capital", None)

    if home is not None and home.code in gazetteer().countries:
        remember_country(home.code)
    for group in by_sentence.values():
        nearby = country_codes(doc, group)
        for mention in group:
            if mention.back_reference:
                place = last.get(mention.designator or "")
                mention.place, mention.code = place, place.code if place else None
                continue
            if mention.capital_of is not None:
                mention.place = gazetteer().capital(mention.capital_of)
                mention.code = mention.capital_of
                continue
            place = _resolve(doc, mention, nearby) if nearby else None
            if place is None or place.code not in nearby:
                place = _resolve(doc, mention, context)
            mention.place = place
            mention.code = place.code if place else None
            _widen_to_part(doc, mention, context)
            place = mention.place
            if place is not None and place.kind == "city" and mention.designated != "site":
                last["city"] = last["town"] = place
            elif place is not None and place.kind == "country" and home is None and place.code:
                remember_country(place.code)
    # "Manhattan's Chelsea section": a part of the town that owns it, not a namesake far away
    for mention in mentions:
        place = mention.place
        if place is None or place.kind not in ("city", "district", "site"):
            continue
        town = _owner_town(doc, mention, context)
        if town is not None and haversine_km(town.point, place.point) > OWNED_PART_MAX_KM:
            _place_in_town(doc, mention, town)
    # "the village of Kaboul, 40 km north of Aleppo": where its landmark says, not at a
    # namesake far away (Kabul) or nowhere (a village the gazetteer lacks)
    by_start = {m.start: m for m in mentions}
    for mention in mentions:
        _place_by_landmark(doc, mention, by_start)
    # "the city" before any town is named refers to nothing we can place.
    mentions[:] = [m for m in mentions if not (m.back_reference and m.place is None)]
    # An unresolved village takes the country of a resolved place it is said to lie in.
    by_token = {i: m for m in mentions for i in range(m.start, m.end)}
    for mention in mentions:
        if mention.code is not None:
            continue
        head = doc[mention.start : mention.end].root
        town = _owning_town(doc, head, context, range(mention.name_start, mention.name_end))
        if town is not None:
            # "Kyiv's Darnytskyi district": a district the gazetteer lacks, at its town's point
            _place_in_town(doc, mention, town)
            continue
        for token in _phrase_tokens(head):
            other = by_token.get(token.i)
            if other is not None and other is not mention and other.code:
                mention.code = other.code
                break


def _place_by_landmark(doc: Doc, mention: PlaceMention, by_start: dict[int, PlaceMention]) -> None:
    """Put a town, village or site at the point its landmark phrase measures ("Kaboul, 40 km
    north of Aleppo") unless the gazetteer's own entry already lies there ("Fallujah, 50 km
    west of Baghdad" keeps Fallujah)."""
    found = landmark_after(doc, mention.end)
    if found is None or (mention.place is not None and mention.place.kind not in LANDMARK_KINDS):
        return
    start, word, km = found
    landmark = by_start.get(start)
    if landmark is None or landmark.place is None or landmark.place.kind not in LANDMARK_KINDS:
        return
    measured = measure(landmark.place, word, km)
    if mention.place is not None:
        off = haversine_km(mention.place.point, measured.point)
        slack = LANDMARK_SLACK_KM + LANDMARK_SLACK_SHARE * km if km else UNMEASURED_SLACK_KM
        if off <= slack:
            return
    mention.place = replace(measured, name=doc[mention.name_start : mention.name_end].text)
    mention.code = measured.code
    mention.designated = None  # the measure, not the designator noun, says how precise


def _widen_to_part(doc: Doc, mention: PlaceMention, context: set[str]) -> None:
    """A country after a compass word that, with it, names one of its provinces ("south
    Lebanon", and "southern Lebanon", which ``region_spellings.tsv`` lists): the mention takes
    in the word and becomes the province. "northern Syria" names no province and stays Syria."""
    country = mention.place
    if country is None or country.kind != "country" or mention.name_start == 0:
        return
    word = doc[mention.name_start - 1]
    inside = range(mention.name_start, mention.name_end)
    if word.lower_ not in REGION_WORDS or word.head.i not in inside:
        return
    part = geocode(doc[word.i : mention.name_end].text, context)
    if part is not None and part.kind == "admin1" and part.code == country.code:
        mention.start = min(mention.start, word.i)
        mention.name_start = word.i
        mention.place = part


def _place_in_town(doc: Doc, mention: PlaceMention, town: Place) -> None:
    """Make ``mention`` a district of ``town``, under its own name, at the town's point."""
    name = doc[mention.name_start : mention.name_end].text
    mention.place = replace(town, name=name, kind="district", geonameid=None)
    mention.code = town.code


def _owner_town(doc: Doc, mention: PlaceMention, context: set[str]) -> Place | None:
    """The town a place is said to be part of by a possessive: on the name itself ("Kyiv's
    Obolon") or on the noun it modifies ("Manhattan's Chelsea section")."""
    root = doc[mention.start : mention.end].root
    heads = [root, root.head] if root.dep_ == "compound" else [root]
    name = range(mention.start, mention.end)
    # "the UN's Baghdad headquarters": an owner that is no town
    owners = [
        c
        for head in heads
        for c in head.children
        if c.dep_ == "poss" and c.pos_ == "PROPN" and c.i not in name and c.ent_type_ == "GPE"
    ]
    return _first_town(owners, context)


def _owning_town(doc: Doc, head: Token, context: set[str], name: range) -> Place | None:
    """The town named as the owner of an unresolved district ("*Kyiv's* Darnytskyi district",
    "the south *Baghdad* neighbourhood of Al-Bayaa"), or None."""
    if DESIGNATORS.get(head.lemma_.lower()) != "district":
        return None
    owners = [
        c
        for c in head.children
        if c.dep_ in ("poss", "compound") and c.pos_ == "PROPN" and c.i not in name
    ]
    return _first_town(owners, context)


def _first_town(owners: Iterable[Token], context: set[str]) -> Place | None:
    """The town the first of ``owners`` that names one names."""
    for owner in owners:
        town = geocode(_name_text(owner), context)
        if town is not None and town.kind == "city":
            return town
    return None


def _spelled_alike(a: str, b: str) -> bool:
    """Whether two names are spellings of one name ("Douma" and "Dūmā", "Raqqa" and "Ar
    Raqqah"), not two names of one place ("al-Thawra" and "Al-Tabqa")."""
    first, second = (ARABIC_ARTICLE.sub("", name_key(n)) for n in (a, b))
    return SequenceMatcher(None, first, second).ratio() >= 0.6


def _phrase_tokens(head: Token) -> Iterable[Token]:
    """The tokens of ``head``'s noun phrase without its clauses ("Western Afghanistan
    bordering Iran" does not lie in Iran)."""
    yield head
    for child in head.children:
        if child.dep_ not in ("acl", "relcl", "appos", "conj"):
            yield from _phrase_tokens(child)


def _resolve(doc: Doc, mention: PlaceMention, context: set[str]) -> Place | None:
    """The gazetteer entry for one mention, trusting a small namesake only in context."""
    name = doc[mention.name_start : mention.name_end].text
    place = None
    if mention.designator:  # "Lamu county", "Donetsk region" may be entries of their own
        if mention.end > mention.name_end:  # "Zaporizhzhia nuclear power plant"
            place = geocode(doc[mention.name_start : mention.end].text, context)
        place = place or geocode(f"{name} {mention.designator}", context)
    if place is None and mention.designated == "admin1":
        place = geocode(f"{name} province", context)
    place = place or geocode(name, context)
    formal = FORMAL_NAME.match(name)
    if place is None and formal:
        place = geocode(name[formal.end() :], context)  # "the Republic of Belarus"
    if place is None and "/" in name:  # "Sere Kaniye/Ras al-Ain": two names of one town
        place = next(filter(None, (geocode(part, context) for part in name.split("/"))), None)
    first, _, rest = name.partition(" ")
    if place is None and rest and first.lower() in REGION_WORDS:
        whole = geocode(rest, context)  # "Western Afghanistan": a region of Afghanistan
        if whole is not None and whole.kind == "country":
            whole = replace(whole, name=name, kind="region", geonameid=None, population=0)
        place = whole
    if place is not None and place.code and context and place.code not in context:
        small = place.population < FOREIGN_NAMESAKE_MIN_POPULATION
        # "the Aziziyah district" names a district, likely not a foreign town; "the outskirts
        # of Goma" names the town itself
        designated = mention.designated in ("district", "site")
        designated = designated and (mention.designator or "") not in TOWN_PARTS
        if place.kind == "city" and (designated or small):
            place = None  # a foreign namesake town; a named base or sea is itself
    if (
        place is not None
        and place.kind == "city"
        and mention.designated == "district"
        and (mention.designator or "") not in TOWN_PARTS
        and not _spelled_alike(place.name, name)
    ):
        # "al-Thawra areas, south of Damascus" is a quarter, not Tabqa, whose other name is
        # al-Thawra: a district matches a town by a spelling of the town's own name only
        # ("Baaj district", "the Douma district" for GeoNames' "Dūmā")
        place = None
    if place is None:
        # A village the text marks as a place ("the village of Khanasir", "killed in Taji"),
        # looked up only in the countries the article is about.
        place = gazetteer().village(name, context)
    return place
