"""The ``newsgraph_places`` component: the place where each event happened.

For each event in ``doc._.events`` it walks the parse from the trigger through the phrases
that can say where ("killed in the bombardment of the Aziziyah district", "exercises off
Havana", "captured Kabul") and never through the subject or an origin ("Havana denied",
"a driver from Abidjan"). Among the places reached, the most specific and closest wins.
An event with no place of its own falls back to the article's dateline, marked
``source="dateline"``.
"""

from __future__ import annotations

from collections import deque

from spacy.language import Language
from spacy.tokens import Doc, Token

from newsgraph.places.dateline import find_dateline
from newsgraph.places.gazetteer import gazetteer, geocode
from newsgraph.places.mentions import (
    PlaceMention,
    article_codes,
    find_mentions,
    resolve_mentions,
)
from newsgraph.records import Event, Location, Span

#: Prepositions whose object is not where the event happened: origins, agents, topics, sides.
NOT_LOCATIVE_PREPS = frozenset(
    {"from", "by", "with", "against", "for", "about", "over", "between", "since", "than",
     "like", "including", "despite", "after", "before", "until", "as", "amid", "among"}
)  # fmt: skip
#: From the trigger (and verbs governed by it): the dependents that may hold the place.
VERB_EDGES = frozenset({"prep", "dobj", "advcl", "xcomp", "npadvmod", "advmod", "obl", "dative"})
#: From a noun on the way: its modifiers, possessor, appositions and coordinated nouns.
NOUN_EDGES = frozenset(
    {"prep", "pobj", "compound", "poss", "appos", "conj", "nmod", "npadvmod", "advmod", "amod",
     "pcomp"}
)  # fmt: skip
#: A country named as the object of these is usually the target, not the scene ("sanctions on
#: Russia", "attacked Iran").
TARGET_DEPS = frozenset({"dobj"})
TARGET_PREPS = frozenset({"on", "against", "to", "into"})
MAX_DEPTH = 6


@Language.factory("newsgraph_places")
def make_place_resolver(nlp: Language, name: str) -> PlaceResolver:
    gazetteer()  # load now, so worker processes forked from a loaded pipeline share it
    return PlaceResolver()


class PlaceResolver:
    """Fills ``Event.location`` for the events the event coder found."""

    def __call__(self, doc: Doc) -> Doc:
        events = doc._.events
        if events:
            locate_events(doc, events)
        return doc


def locate_events(doc: Doc, events: list[Event]) -> None:
    """Set ``location`` on each event that has none yet, from the text or the dateline."""
    mentions = find_mentions(doc)
    context = article_codes(doc, mentions)
    dateline = find_dateline(doc.text)
    dateline_place = None
    if dateline is not None:
        region = geocode(dateline.region) if dateline.region else None
        if region is not None and region.code:
            context.add(region.code)
        dateline_place = geocode(dateline.place, context)
        if dateline_place is not None and dateline_place.code:
            context.add(dateline_place.code)
    resolve_mentions(doc, mentions, context)
    by_token = {i: m for m in mentions for i in range(m.start, m.end)}
    for event in events:
        if event.location is not None:
            continue
        root = trigger_root(doc, event)
        mention = event_place(root, by_token) if root is not None else None
        if mention is not None:
            event.location = to_location(doc, mention)
        elif dateline_place is not None and dateline is not None:
            event.location = Location(
                text=doc.text[dateline.start : dateline.end],
                span=Span(dateline.start, dateline.end),
                name=dateline_place.name,
                code=dateline_place.code,
                admin1=dateline_place.admin1,
                geonameid=dateline_place.geonameid,
                lat=dateline_place.lat,
                lon=dateline_place.lon,
                precision=dateline_place.precision,
                source="dateline",
            )


def trigger_root(doc: Doc, event: Event) -> Token | None:
    """The syntactic head of the event's trigger words."""
    span = doc.char_span(event.trigger_span.start, event.trigger_span.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    return span.root


def event_place(root: Token, by_token: dict[int, PlaceMention]) -> PlaceMention | None:
    """The place the parse attaches to the trigger, or to the clause it heads or shares."""
    found = _search(root, by_token)
    if found is not None:
        return found
    # "were killed and 24 others wounded in X": coordinated verbs share a place phrase;
    # "held talks in Minsk": a noun trigger takes the place of its light verb.
    neighbours: list[Token] = []
    if root.pos_ in ("VERB", "AUX"):
        neighbours += [c for c in root.children if c.dep_ == "conj" and c.pos_ == "VERB"]
        if root.dep_ in ("conj", "xcomp"):
            neighbours.append(root.head)
    elif root.dep_ in ("dobj", "nsubj", "nsubjpass", "attr") and root.head.pos_ in ("VERB", "AUX"):
        neighbours.append(root.head)
    for verb in neighbours:
        found = _search(verb, by_token, preps_only=True, skip=root)
        if found is not None:
            return found
    return None


def _search(
    root: Token,
    by_token: dict[int, PlaceMention],
    preps_only: bool = False,
    skip: Token | None = None,
) -> PlaceMention | None:
    """Breadth-first from ``root`` along the edges that can say where; best place reached."""
    best: tuple[int, int, int] | None = None
    chosen: PlaceMention | None = None
    own = by_token.get(root.i)
    # A passive subject that is itself a place, or a place's ("Grozny's streets were patrolled").
    seeds: list[tuple[Token, int, str]] = []
    for child in root.children:
        if skip is not None and child == skip:
            continue
        if child.dep_ == "nsubjpass" and not preps_only:
            for token in (child, *(c for c in child.children if c.dep_ == "poss")):
                if token.i in by_token and by_token[token.i] is not own:
                    seeds.append((token, 1, "nsubjpass"))
            continue
        if child.dep_ == "prep" and child.lower_ in NOT_LOCATIVE_PREPS:
            continue
        if preps_only and child.dep_ != "prep":
            continue
        if child.dep_ in VERB_EDGES or (
            root.pos_ in ("NOUN", "PROPN") and child.dep_ in NOUN_EDGES
        ):
            seeds.append((child, 1, child.lower_ if child.dep_ == "prep" else child.dep_))
    queue = deque(seeds)
    seen = {root.i}
    while queue:
        token, depth, via = queue.popleft()
        if token.i in seen:
            continue
        seen.add(token.i)
        mention = by_token.get(token.i)
        if mention is not None and mention is not own and not _is_target(mention, via, depth):
            key = (mention.rank, depth, mention.start)
            if best is None or key < best:
                best, chosen = key, mention
        if depth >= MAX_DEPTH:
            continue
        verb = token.pos_ in ("VERB", "AUX")
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ in NOT_LOCATIVE_PREPS and child.lower_ != "of":
                continue
            if child.dep_ == "prep" and child.lower_ == "of" and verb:
                continue
            if (verb and child.dep_ in VERB_EDGES) or (not verb and child.dep_ in NOUN_EDGES):
                step = child.lower_ if child.dep_ == "prep" else child.dep_
                queue.append((child, depth + 1, via if child.dep_ == "pobj" else step))
    return chosen


def _is_target(mention: PlaceMention, via: str, depth: int) -> bool:
    """A country that is the event's object ("attacked Iran", "sanctions on Russia")."""
    return (
        mention.place is not None
        and mention.place.kind == "country"
        and (via in TARGET_DEPS or via in TARGET_PREPS)
        and depth <= 2
    )


def to_location(doc: Doc, mention: PlaceMention) -> Location:
    """The ``Location`` record for a mention: its words, and its gazetteer entry if any."""
    phrase = doc[mention.start : mention.end]
    name = doc[mention.name_start : mention.name_end].text
    place = mention.place
    return Location(
        text=phrase.text,
        span=Span(phrase.start_char, phrase.end_char),
        name=place.name if place else name,
        code=mention.code,
        admin1=place.admin1 if place else None,
        geonameid=place.geonameid if place else None,
        lat=place.lat if place else None,
        lon=place.lon if place else None,
        precision=mention.precision,
        source="text",
    )
