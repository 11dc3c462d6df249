"""The ``newsgraph_places`` component: the place where each event happened.

For each event in ``doc._.events`` it walks the parse from the trigger through the phrases
that can say where ("killed in the bombardment of the Aziziyah district", "exercises off
Havana", "captured Kabul") and never through the subject or an origin ("Havana denied",
"a driver from Abidjan"); only when nothing else says where does the subject's own "in X"
("police in Karachi arrested") place it. Among the places reached, the most specific and
closest wins.
An event with no place of its own falls back to the article's dateline, marked
``source="dateline"``.
"""

from __future__ import annotations

import heapq

from spacy.language import Language
from spacy.tokens import Doc, Token

from newsgraph.data import read_tsv
from newsgraph.places.dateline import find_dateline
from newsgraph.places.gazetteer import CUES, gazetteer, geocode, is_city_state
from newsgraph.places.landmarks import (
    COMPASS_BEARINGS,
    KM_PER_UNIT,
    LANDMARK_KINDS,
    distance_before,
    measure,
)
from newsgraph.places.mentions import (
    DESIGNATORS,
    LOCATIVE_PREPS,
    PLACE_LABELS,
    PlaceMention,
    article_codes,
    find_mentions,
    resolve_mentions,
)
from newsgraph.records import Event, Location, Participant, Span

#: Word lists (``data/places/cues.json``): prepositions whose object is not where the event
#: happened (origins, sides, topics, times) after a verb and after a noun ("of" and "between" do
#: lead to places after a noun); travel verbs whose destination is the event's place ("travel to
#: Minsk"); speaking verbs ("speaking in Mombasa"); markers of clauses at the event's place
#: ("killed while fighting in X"); instrument and attack nouns whose place, as subject, is the
#: event's ("a car bomb in Hama province killed").
NOT_LOCATIVE_PREPS = frozenset(CUES["not_locative_preps_after_verb"])
NOT_LOCATIVE_NOUN_PREPS = frozenset(CUES["not_locative_preps_after_noun"])
MOTION_VERBS = frozenset(CUES["motion_verbs"])
SPEAKING_VERBS = frozenset(CUES["speaking_verbs"])
SAME_PLACE_MARKERS = frozenset(CUES["same_place_markers"])
CONTRAST_MARKERS = frozenset(CUES["contrast_markers"])
#: Adverbs that make a clause "after" or "before" the event one of its moment and place.
SOON_WORDS = frozenset(CUES["soon_words"])
#: Verbs besides travel that say where people were ("tried to escape X", "operating in X").
WHEREABOUTS_VERBS = frozenset(CUES["whereabouts_verbs"])
#: Verbs of being somewhere ("troops who were operating in X", "who had gathered outside X").
PRESENCE_VERBS = frozenset(CUES["presence_verbs"])
INSTRUMENT_NOUNS = frozenset(CUES["instrument_nouns"])
#: Edge costs from a verb and from a noun; a place reached more cheaply is closer to the event.
VERB_EDGE_COST = {"prep": 1, "dobj": 1, "xcomp": 1, "npadvmod": 1, "advmod": 1, "agent": 2,
                  "advcl": 2, "dative": 1, "pcomp": 0, "acomp": 1}  # fmt: skip
NOUN_EDGE_COST = {"prep": 1, "pobj": 0, "compound": 1, "poss": 1, "appos": 0, "conj": 0,
                  "nmod": 1, "npadvmod": 1, "advmod": 1, "pcomp": 0, "acl": 2}  # fmt: skip
#: A country named as the object of these is usually the target, not the scene ("sanctions on
#: Russia", "attacked Iran").
TARGET_VIAS = frozenset(CUES["target_vias"])
MAX_DEPTH = 6
#: Verbs whose "from" phrase is where they happened: people or things are taken there.
TAKING_VERBS = frozenset(CUES["taking_verbs"])
LEAVING_WORDS = frozenset(CUES["leaving_words"])
#: Verbs of handing something over, whose "to" recipient's own place is where it was handed.
HANDING_VERBS = frozenset(CUES["handing_verbs"])
#: Verbs that name a place's neighbours ("bordering Rwanda", "overlooking the port").
REFERENCE_VERBS = frozenset(CUES["reference_verbs"])
#: Nouns for parts of a place, whose possessor is the place ("Grozny's streets").
PLACE_PARTS = frozenset(CUES["place_parts"])
#: How wide each precision is, for choosing among places equally close to the event; a
#: village and the countryside around a town are the same tier ("district" is a vague level).
TIER = {"admin1": 1, "country": 2, "continent": 3}
#: Nouns and verbs for fighting whose "with" phrase may say where ("clashes with X in Y").
FIGHT_NOUNS = frozenset(CUES["fight_nouns"])
#: Nouns for meetings whose place an outcome "after" them shares ("agreed after talks in X").
MEETING_NOUNS = frozenset(CUES["meeting_nouns"])
#: Nouns for a conflict whose named modifier is where it is fought ("the Iraq war").
SCENE_NOUNS = frozenset(CUES["scene_nouns"])
#: Event types whose unnamed recipient is the state where they happen (``direct_at_place``).
PLACE_DIRECTED_TYPES = frozenset(CUES["place_directed_types"])
#: Event types whose actor or recipient named by a place is that place's government
#: ("Kyiv asked Havana"), so that place is not where the event happened.
METONYMY_TYPES = frozenset(CUES["metonymy_types"])
ADDRESSEE_PREPS = frozenset(CUES["addressee_preps"])
#: Nouns whose "between X and Y" names the sides, not places ("ties between Beijing and Moscow").
RELATION_NOUNS = frozenset(CUES["relation_nouns"])
#: Nouns whose "of X" names a party ("on the side of Moscow", "on behalf of Kyiv").
SIDE_NOUNS = frozenset(CUES["side_nouns"])
#: Event types whose recipient named by a place is where they happened, when nothing else is.
STRUCK_PLACE_TYPES = frozenset(CUES["struck_place_types"])
#: Verbs and nouns whose "to" clause says what is intended, not done ("threatened to cut aid
#: into Gaza", "accepted an invitation to visit Islamabad"): no place of the event lies there.
INTENTION_VERBS = frozenset(CUES["intention_verbs"])
INTENTION_NOUNS = frozenset(CUES["intention_nouns"])
#: Nouns for what is said or decided, whose clauses and "on"/"over" phrases are its content
#: ("an allegation that the NPFL had taken Greenville", "a resolution censuring a raid in
#: Panama", "agreement on the offices in east Jerusalem"); meetings' topics likewise.
DOCUMENT_NOUNS = frozenset(CUES["document_nouns"])
TOPIC_PREPS = frozenset(CUES["topic_preps"])
#: Verbs that call off or announce a journey, whose destination is not where they happen
#: ("cancelled a planned visit to Haiti").
CALLING_OFF_VERBS = frozenset(CUES["calling_off_verbs"])
#: The edges within a name or a list of names, which keep the label of the phrase they are in.
NAME_PARTS = frozenset({"compound", "poss", "nmod", "appos", "amod", "conj"})
#: People's titles from the actor layer's roles lexicon: "the governor of the Tyumen region",
#: "the ambassador of Morocco" say whose the person is, not where the event is.
PERSON_TITLES = frozenset(
    word
    for phrases, _sector, kind, *_ in read_tsv("actors", "roles.tsv")
    if kind == "person"
    for word in phrases.split("|")
    if " " not in word
)
#: Verbs whose "to" clause of purpose is where the people enlisted are to act, far from where
#: they were enlisted ("recruited 20,000 Cubans to fight in Ukraine").
ENLISTING_VERBS = frozenset(CUES["enlisting_verbs"])


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
    dateline = find_dateline(doc[:60].text)  # the head is enough; doc.text joins every token
    dateline_place = None
    if dateline is not None:
        region = geocode(dateline.region) if dateline.region else None
        if region is not None and region.code:
            context.add(region.code)
        dateline_place = geocode(dateline.place, context)
        if dateline_place is not None and dateline_place.code:
            context.add(dateline_place.code)
    resolve_mentions(doc, mentions, context, dateline_place)
    roots = [trigger_root(doc, event) for event in events]
    # "Kyiv asked Havana", "accusing Paris": names that stand for governments are no scene
    governments = {
        id(m)
        for event, root in zip(events, roots, strict=True)
        for m in _places_as_participants(doc, event, root, mentions)
    }
    governments.update(id(m) for m in mentions if _side_of_relations(doc[m.start : m.end].root))
    every_place = {i: m for m in mentions for i in range(m.start, m.end)}
    by_token = {i: m for i, m in every_place.items() if id(m) not in governments}
    for event, root in zip(events, roots, strict=True):
        if event.location is not None:
            continue
        struck = event.event in STRUCK_PLACE_TYPES
        mention = event_place(root, by_token, struck, every_place) if root is not None else None
        if mention is None:
            mention = _struck_place(doc, event, root, mentions)
        if mention is not None:
            event.location = to_location(doc, mention)
            direct_at_place(event)
        elif dateline_place is not None and dateline is not None:
            event.location = Location(
                text=dateline.text,
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


def _struck_place(
    doc: Doc, event: Event, root: Token | None, mentions: list[PlaceMention]
) -> PlaceMention | None:
    """A country struck or seized, for an attack with no place of its own ("to attack
    Ukraine"): the attack happened in it, which says more than the article's dateline."""
    if root is None or event.event not in STRUCK_PLACE_TYPES:
        return None
    names = [p.text for p in event.recipient if p.text]
    for mention in mentions:
        text = doc[mention.start : mention.end].text
        if mention.place is None or not any(text in name for name in names):
            continue  # "Israel" in "southern Israel"
        token = doc[mention.start : mention.end].root
        if token.dep_ in ("dobj", "nsubjpass") and token.head == root:
            return mention
        if (
            token.dep_ == "pobj"
            and token.head.head == root
            and token.head.lower_ in ("on", "against")
        ):
            return mention
    return None


def _places_as_participants(
    doc: Doc, event: Event, root: Token | None, mentions: list[PlaceMention]
) -> list[PlaceMention]:
    """Places in the event's sentence that name its actor or recipient in a statement or a
    policy ("Kyiv has asked Havana", "Moscow accused Kyiv"): a government, not the scene. A
    visit's host is where the visit is, and an attack's target where the attack is."""
    if root is None or event.event not in METONYMY_TYPES or "visit" in event.mode:
        return []
    sentence = root.sent
    found = []
    for participant in (*event.actor, *event.recipient):
        offset = sentence.text.find(participant.text) if participant.text else -1
        if offset < 0:
            continue
        start = sentence.start_char + offset
        span = doc.char_span(start, start + len(participant.text), alignment_mode="expand")
        if span is None or not _addressed(span.root):
            continue
        # "sanctions on the Belarusian national airline Belavia": every place in the phrase
        found += [m for m in mentions if span.start <= m.start and m.end <= span.end]
    return found


def _side_of_relations(token: Token) -> bool:
    """Whether a name is a side ("ties between Beijing and Moscow", "relations between Kyiv
    and Budapest", "to fight on the side of Moscow"): a government, wherever the sentence's
    events are."""
    while token.dep_ == "conj" and token.head != token:
        token = token.head
    if token.dep_ != "pobj":
        return False
    prep, noun = token.head.lower_, token.head.head.lemma_.lower()
    return (prep == "between" and noun in RELATION_NOUNS) or (prep == "of" and noun in SIDE_NOUNS)


def _addressed(token: Token) -> bool:
    """Whether a name is who is spoken to or of ("asked Havana", "called on Havana", "sanctions
    against Minsk"), not where someone goes ("travel to Belarus") or is ("talks in Minsk").
    A list is addressed as a whole ("defended Iraq and Libya")."""
    while token.dep_ == "conj" and token.head != token:
        token = token.head
    if token.dep_ == "dobj" and token.head.lemma_.lower() in MOTION_VERBS:
        return False  # "will visit Mauritania and Senegal": where the visit is
    if token.dep_ in ("nsubj", "nsubjpass", "dobj", "dative"):
        return True
    return token.dep_ == "pobj" and token.head.lower_ in ADDRESSEE_PREPS


def direct_at_place(event: Event) -> None:
    """A protest, attack, crackdown or deployment that names no recipient is directed at the
    state where it happens (PLOVER/CAMEO's convention: "demonstrators in Baghdad blocked a
    road" is IRQ -> IRQ; "tanks fired at targets in Jericho" is ISR -> PSE)."""
    location = event.location
    if event.recipient or event.event not in PLACE_DIRECTED_TYPES:
        return
    if location is None or not location.code or location.source != "text":
        return
    event.recipient = [Participant(text=location.text, name=location.name, code=location.code)]


def trigger_root(doc: Doc, event: Event) -> Token | None:
    """The syntactic head of the event's trigger words."""
    span = doc.char_span(event.trigger_span.start, event.trigger_span.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    return span.root


def event_place(
    root: Token,
    by_token: dict[int, PlaceMention],
    struck: bool = True,
    every_place: dict[int, PlaceMention] | None = None,
) -> PlaceMention | None:
    """The place the parse attaches to the trigger, or to the clause it heads or shares;
    for an attack or a seizure (``struck``), also where the people it struck were.
    ``every_place`` also holds the places that stand for governments elsewhere in the
    sentence: "Iraq, whose targets were bombed, backed Belgrade" was bombed in Iraq."""
    found = _search(root, by_token)
    if found is not None:
        return found
    # "a visit to Minsk, where the two armies agreed ...": the clause's antecedent is the place.
    clause = root
    while clause.dep_ in ("xcomp", "conj", "ccomp") and clause.head != clause:
        clause = clause.head
    # "Iraq, whose military targets were bombed": the place the struck things belong to.
    if clause.dep_ == "relcl" and any(
        c.lower_ == "where" or any(g.lower_ == "whose" for g in c.children) for c in clause.children
    ):
        mention = (every_place or by_token).get(clause.head.i)
        if mention is not None:
            return mention
    # "the attack on southern Israel, in which 1,200 people were killed": where that attack was.
    if clause.dep_ == "relcl" and any(
        c.dep_ == "prep"
        and c.lower_ in ("in", "during")
        and any(g.lower_ == "which" for g in c.children)
        for c in clause.children
    ):
        found = by_token.get(clause.head.i) or _search(clause.head, by_token)
        if found is not None:
            return found
    # "violence broke out during a rally in Tbilisi on Saturday, when police used tear gas":
    # a clause about a moment happens where what happened at that moment did.
    moment = clause.head
    if (
        clause.dep_ == "relcl"
        and moment.ent_type_ in ("DATE", "TIME")
        and any(c.lower_ == "when" for c in clause.children)
    ):
        verb = moment.head.head if moment.dep_ == "pobj" else moment.head
        if verb.pos_ in ("VERB", "AUX"):
            found = _search(verb, by_token, preps_only=True, skip=moment.head)
            if found is not None:
                return found
    # "the minister, speaking in Mombasa, condemned ...": where the speaker was.
    for subject in (c for c in root.children if c.dep_ == "nsubj"):
        for clause in subject.children:
            if clause.dep_ in ("acl", "advcl") and clause.lemma_ in SPEAKING_VERBS:
                found = _search(clause, by_token, preps_only=True)
                if found is not None:
                    return found
    # "were killed and 24 others wounded in X": coordinated verbs share a place phrase;
    # "held talks in Minsk": a noun trigger takes the place of its light verb.
    # "is in Belarus on an official visit": a noun trigger in a phrase of the verb.
    # (verb, the child of it leading back to root, whether the verb's destination counts)
    neighbours: list[tuple[Token, Token, bool]] = []
    verbal = ("VERB", "AUX")
    if root.pos_ in verbal:
        # Verbs of one tense share a place ("were killed and 24 others wounded in X"); a verb
        # of another is another kind of clause ("was captured and faces charges for X"). A
        # form like "hurt" may be either tense.
        # A later verb's journey is after the event ("were wounded and flown to Nairobi").
        neighbours += [
            (c, root, False)
            for c in root.children
            if c.dep_ == "conj"
            and c.pos_ == "VERB"
            and (c.tag_ == root.tag_ or c.lower_ == c.lemma_.lower())
            and not _own_clause(c)
        ]
        # "twenty were captured and 16 police killed in X": a gapped second clause.
        neighbours += [
            (verb, root, True)
            for c in root.children
            if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN")
            for verb in c.children
            if verb.dep_ == "acl" and verb.tag_ == "VBN"
        ]
        if root.dep_ == "xcomp" or (root.dep_ == "conj" and not _own_clause(root)):
            neighbours.append((root.head, root, True))
        if root.dep_ == "acl" and root.tag_ == "VBG":
            # "targeted strongholds in al-Bukamal, killing 200": the parse hangs the result
            # on the object; it happened where the object is, or the act that struck it
            neighbours.append((root.head, root, True))
            target = root.head
            while target.dep_ == "conj" and target.head != target:
                target = target.head
            if target.dep_ == "dobj" and target.head.pos_ == "VERB":
                neighbours.append((target.head, root, True))
    elif root.dep_ in ("dobj", "nsubj", "nsubjpass", "attr") and root.head.pos_ in verbal:
        neighbours.append((root.head, root, True))
    elif root.dep_ == "pobj" and root.head.dep_ == "prep" and root.head.head.pos_ in verbal:
        neighbours.append((root.head.head, root.head, True))
    for verb, skip, arrival in neighbours:
        found = _search(verb, by_token, preps_only=True, skip=skip, arrival=arrival)
        if found is not None:
            return found
    found = _victims_whereabouts(root, by_token) if struck else None
    return found or _scene(root, by_token) or _subjects_place(root, by_token)


def _subjects_place(root: Token, by_token: dict[int, PlaceMention]) -> PlaceMention | None:
    """Where the doers are, when nothing else says where they acted: "police in Karachi
    arrested three men", "protesters in Santiago clashed with police", "guerrillas operating
    in Macedonia have been demobilized"."""
    # "one third of ethnic Albanian guerrillas operating in Macedonia"
    subjects = _with_members([c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")])
    for subject in subjects:
        for child in subject.children:
            if child.dep_ == "acl" and child.lemma_.lower() in WHEREABOUTS_VERBS:
                mention = _search(child, by_token, preps_only=True)
                if mention is not None:
                    return mention
            if child.dep_ != "prep" or child.lower_ not in LOCATIVE_PREPS:
                continue
            for pobj in (c for c in child.children if c.dep_ == "pobj"):
                mention = by_token.get(pobj.i) or _search(pobj, by_token, preps_only=True)
                if mention is not None:
                    return mention
    return None


def _with_members(nouns: list[Token]) -> list[Token]:
    """The nouns and what their "of" phrases count: "dozens *of people*", "one third *of the
    guerrillas*"."""
    return nouns + [
        pobj
        for noun in nouns
        for prep in noun.children
        if prep.dep_ == "prep" and prep.lower_ == "of"
        for pobj in prep.children
        if pobj.dep_ == "pobj"
    ]


def _victims_whereabouts(root: Token, by_token: dict[int, PlaceMention]) -> PlaceMention | None:
    """ "killed dozens of people who tried to escape Manbij", "militants who tried to infiltrate
    Tel Abyad were killed": where the people the event struck were going, leaving or staying."""
    victims = _with_members([c for c in root.children if c.dep_ in ("dobj", "nsubjpass")])
    for victim in victims:
        for clause in (c for c in victim.children if c.dep_ == "relcl"):
            verb = clause
            while (
                xcomp := next((c for c in verb.children if c.dep_ == "xcomp"), None)
            ) is not None:
                verb = xcomp
            if verb.lemma_.lower() in MOTION_VERBS or verb.lemma_.lower() in WHEREABOUTS_VERBS:
                found = _search(verb, by_token)
                if found is not None:
                    return found
    return None


def _scene(root: Token, by_token: dict[int, PlaceMention]) -> PlaceMention | None:
    """A sentence-opening "In Minsk, ..." sets the scene for every event in the sentence but
    those of a contrasting clause or a participle about something done before ("In Italy,
    thousands demonstrated, while pictures of two Iraqis seized with them hung")."""
    # The sentence's first token, found along the parse (``token.sent`` rescans the doc).
    top = root
    while top.head != top:
        if _contrast(top) or (top.dep_ == "acl" and top.tag_ == "VBN"):
            return None
        top = top.head
    first = top.left_edge
    if first.lower_ not in ("in", "at") or first.head != top:
        return None
    for pobj in first.children:
        if pobj.dep_ == "pobj" and pobj.i in by_token:
            return by_token[pobj.i]
    return None


def _search(
    root: Token,
    by_token: dict[int, PlaceMention],
    preps_only: bool = False,
    skip: Token | None = None,
    arrival: bool = True,
) -> PlaceMention | None:
    """Cheapest-first from ``root`` along the edges that can say where; best place reached.

    Among the places reached the closest wins; at the same distance a town or smaller beats
    a province, which beats a country; then the first named wins, since news names places
    from the most specific out ("in the village of X in the countryside of Y").
    """
    own = by_token.get(root.i)
    heap: list[tuple[int, int, str]] = []
    for child in root.children:
        if child == skip or (not arrival and _destination(root, child)):
            continue
        if child.dep_ == "nsubjpass" and not preps_only:
            # "Grozny's streets were patrolled": a passive subject that is a place, or a place's.
            # A person's country is whose, not where ("Mexico's police chief was shot").
            part = child.lemma_.lower() in DESIGNATORS or child.lemma_.lower() in PLACE_PARTS
            owners = [c for c in child.children if c.dep_ == "poss"] if part else []
            for token in (child, *owners):
                heapq.heappush(heap, (1, token.i, "nsubjpass"))
            continue
        # "shot and killed a motorist in X": the other verb's object carries the shared place.
        shared = child.dep_ in ("prep", "dobj") or _same_moment(child)
        if preps_only and not shared:
            continue
        if child.dep_ == "nsubj" and child.lemma_.lower() in INSTRUMENT_NOUNS:
            # "a car bomb in Hama province killed 34": the instrument's place is the event's
            for prep in (c for c in child.children if c.dep_ == "prep"):
                if prep.lower_ in LOCATIVE_PREPS:
                    heapq.heappush(heap, (2, prep.i, prep.lower_))
            continue
        step = _step(root, child)
        if step is not None:
            heapq.heappush(heap, (step[0], child.i, step[1]))
    doc = root.doc
    # "the visit of Cuba's top general to Belarus": the destination may hang off the visitor.
    motion = root.lemma_.lower() in MOTION_VERBS
    best: tuple[bool, int, int, int] | None = None
    chosen: PlaceMention | None = None
    seen = {root.i}
    while heap:
        depth, i, via = heapq.heappop(heap)
        if i in seen:
            continue
        seen.add(i)
        token = doc[i]
        mention = by_token.get(i)
        if mention is not None and mention is not own and _acceptable(mention, via, depth):
            # A reference point ("30 km south of Baghdad") only when nothing else is named.
            key = (via == "relative", depth, _tier(mention), mention.start)
            if best is None or key < best:
                best, chosen = key, mention
        if via == "nsubjpass":
            continue
        for child in token.children:
            if mention is not None and child.dep_ == "acl":
                continue  # "Western Afghanistan bordering Iran": what the place borders
            if child.dep_ == "appos" and _elsewhere(mention, by_token.get(child.i)):
                continue  # "invasion of Ukraine, the Moscow-Minsk axis": a list, not a gloss
            if via in ("advcl", "conj") and _destination(token, child):
                continue  # "as the US sent warships to the Caribbean": that journey's end
            step = _step(token, child)
            if motion and via == "of" and child.dep_ == "prep" and child.lower_ in ("to", "into"):
                step = (1, "to")
            if step is None or depth + step[0] > MAX_DEPTH:
                continue  # a preposition at the limit still reaches its object (cost 0)
            label = step[1] or via
            if via == "relative":
                label = "relative"  # "north of the city of Mosul" stays a reference point
            elif via in ("by", "whose") and child.dep_ in NAME_PARTS:
                # "by a Staten Island police officer": the agent's origin; "brokered by the
                # United States, Egypt and Qatar": every agent; "the governor of the Tyumen
                # region": every word of the name
                label = via
            elif via in TARGET_VIAS and child.dep_ == "conj":
                label = via  # "attacked Iraq and Syria": both targets
            heapq.heappush(heap, (depth + step[0], child.i, label))
    return chosen


def _step(head: Token, child: Token) -> tuple[int, str] | None:
    """The cost and label of the edge head -> child, or None when no place lies that way."""
    dep = child.dep_
    verb = head.pos_ in ("VERB", "AUX")
    if child.pos_ == "VERB" and child.lemma_.lower() in REFERENCE_VERBS:
        return None  # "an offensive ..., bordering Rwanda": a neighbour, not the scene
    if dep != "prep" and child.tag_ == "VBG" and child.lower_ in NOT_LOCATIVE_NOUN_PREPS:
        return None  # "accusations regarding abuses in X", parsed as a participle: the topic
    if dep == "dative" and verb and child.lower_ == "to" and head.lemma_.lower() in HANDING_VERBS:
        return (1, "handed to")  # "provided air defence systems to Ukraine", parsed as dative
    if dep == "prep":
        word = child.lower_
        if word in ("of", "from") and _relative(head, child):
            return (1, "relative")  # "north of Baghdad", "10 km from X": a reference point
        if not verb and word == "of" and head.lower_ in PERSON_TITLES:
            # "the deputy governor of the Tyumen region": whose, not where; but "the head of
            # the EU delegation in Minsk" is where the person is
            return (1, "whose")
        lemma = head.lemma_.lower()
        if not verb and word in TOPIC_PREPS and (lemma in DOCUMENT_NOUNS or lemma in MEETING_NOUNS):
            return None  # "agreement on the fate of offices in east Jerusalem": the topic
        if word == "by":
            return (2, "by")
        if word == "since" and not any(c.dep_ == "pobj" for c in child.children):
            return None  # "since fleeing Aleppo": where they came from
        if word == "with" and lemma in FIGHT_NOUNS:
            return (2, "with")  # "clashes with the YPG in Rawiya village", "clashed with ..."
        if word in ("after", "following") and any(
            c.dep_ == "pobj"
            and (
                c.lemma_.lower() in MEETING_NOUNS
                # "offered to negotiate following the invasion of X": not where it was offered
                or (lemma not in INTENTION_VERBS and c.lemma_.lower() in FIGHT_NOUNS)
                or (lemma not in INTENTION_VERBS and c.lemma_.lower() in INSTRUMENT_NOUNS)
            )
            for c in child.children
        ):
            # "killed after clashes in Daraa", "agreed to a truce after talks in Doha": where
            # the clashes or the talks were
            return (2, "after")
        if word in ("to", "into") and head.lemma_ in MOTION_VERBS:
            return (1, "to")  # "travel to Belarus", "arrived to Havana": where the visit is
        if word == "to" and verb and lemma in HANDING_VERBS:
            # "handed medicine to the Red Crescent in Bam", "delivered food to families in
            # Tawila": where the recipients were; a state receiving it is no scene
            return (1, "handed to")
        if word == "from" and verb and lemma in TAKING_VERBS:
            return (1, "from")  # "kidnapped 30 students from a school in Kaduna state"
        if word == "from" and lemma in LEAVING_WORDS and _names_a_place(child):
            # "withdrew from Kherson", "their withdrawal from the town of Gorazde": where it
            # happened; not "withdrew from the Paris agreement"
            return (1, "from")
        if word in (NOT_LOCATIVE_PREPS if verb else NOT_LOCATIVE_NOUN_PREPS):
            return None
        if word == "on" and not verb and head.lemma_.lower() in INSTRUMENT_NOUNS:
            return (1, "attack on")  # "the attack on southern Israel": where it struck
        if word == "of" and (head.like_num or head.ent_type_ == "CARDINAL"):
            return (0, "of")  # "thousands of protesters", "half of Zaire": one phrase
        return (1, word)
    if dep == "pobj":
        return (0, "")  # keep the preposition as the label
    if _intended(head, child):
        return None  # "recruited Cubans to fight in Ukraine": where they are to fight
    if verb:
        if dep == "advcl":
            markers = {c.lower_ for c in child.children if c.dep_ == "mark"}
            # "shot shortly after he finished a speech at a rally in X": the same place
            soon = {c.lower_ for c in child.children if c.dep_ == "advmod"} & SOON_WORDS
            if (markers and not markers & SAME_PLACE_MARKERS and not soon) or _contrast(child):
                return None
        if dep == "dobj" and head.lemma_ in MOTION_VERBS:
            return (1, "to")  # "entered Somalia", "visited Minsk": the destination
        if dep == "dobj" and child.lemma_ in MOTION_VERBS and head.lemma_ in CALLING_OFF_VERBS:
            return None  # "cancelled a planned visit to Haiti": where the visit was to be
        if dep == "conj" and head.dep_ == "advcl" and child.pos_ == "VERB":
            return (1, "conj")  # "killed when rifts hit the group and turned violent in X"
        cost = VERB_EDGE_COST.get(dep)
        return (cost, "by" if dep == "agent" else dep) if cost is not None else None
    scene = head.lemma_.lower() in SCENE_NOUNS
    if (
        dep == "poss"
        and not scene
        and head.lemma_.lower() not in DESIGNATORS
        and head.ent_type_ not in PLACE_LABELS
    ):
        return None  # "Cuba's top general": whose, not where
    if dep in ("compound", "poss") and scene:
        return (1, "scene")  # "the Iraq war", "Syria's conflict": where it is fought
    if dep in ("acl", "relcl", "ccomp") and (
        head.lemma_.lower() in DOCUMENT_NOUNS
        or any(c.dep_ == "mark" and c.lower_ in ("that", "whether") for c in child.children)
    ):
        return None  # "a resolution censuring a raid in Panama": what it says
    if dep == "relcl" and child.tag_ == "VB" and any(c.lower_ == "to" for c in child.lefts):
        return (2, "acl")  # "an operation to pursue them into X": what it is for, and where
    if dep == "relcl" and child.lemma_.lower() in PRESENCE_VERBS:
        return (1, "acl")  # "near troops who were operating in the Balata camp": where they were
    if dep == "amod" and child.lower_ in COMPASS_BEARINGS:
        return (1, "amod")  # "an ambush 30 km west of X", the compass word parsed as adjective
    cost = NOUN_EDGE_COST.get(dep)
    return (cost, dep) if cost is not None else None


def _destination(verb: Token, child: Token) -> bool:
    """Whether ``child`` is where a travel verb goes ("flown *to Nairobi*", "entered
    *Somalia*"): the journey's place, not that of a clause beside it."""
    if verb.lemma_.lower() not in MOTION_VERBS:
        return False
    to = child.dep_ in ("prep", "dative") and child.lower_ in ("to", "into")
    return to or child.dep_ == "dobj"  # "sent warships to the Caribbean" is parsed as a dative


def _names_a_place(prep: Token) -> bool:
    """Whether a preposition's object is itself a place: a place name or a place noun ("from
    Kherson", "from the town of Gorazde"), not a thing named after one ("from the Paris
    agreement")."""
    return any(
        c.dep_ == "pobj" and (c.ent_type_ in PLACE_LABELS or c.lemma_.lower() in DESIGNATORS)
        for c in prep.children
    )


def _intended(head: Token, child: Token) -> bool:
    """Whether ``child`` heads a "to" clause of intent or of an enlisting's purpose
    ("threatened *to cut aid into Gaza*", "an invitation *to visit Islamabad*", "recruited
    Cubans *to fight in Ukraine*"): its places are where something is meant to happen. Most
    acts' purpose is at hand, at their own place ("fired tear gas to disperse protesters who
    had gathered in Tbilisi")."""
    if child.pos_ not in ("VERB", "AUX") or not any(
        c.dep_ == "aux" and c.lower_ == "to" for c in child.children
    ):
        return False  # "to fight", "to be deployed"
    lemma = head.lemma_.lower()
    if child.dep_ == "advcl":
        return lemma in ENLISTING_VERBS
    if child.dep_ == "xcomp":
        return lemma in INTENTION_VERBS
    return child.dep_ in ("acl", "relcl") and lemma in INTENTION_NOUNS


def _elsewhere(mention: PlaceMention | None, appos: PlaceMention | None) -> bool:
    """Whether an appositive names a place in another country than the place it glosses
    ("Ukraine, ... Minsk" is a misparsed list; "Aziziyah, a district of Aleppo" glosses)."""
    if mention is None or appos is None or not (mention.code and appos.code):
        return False
    return appos.code != mention.code


def _own_clause(verb: Token) -> bool:
    """A coordinated clause about someone else or another time ("Montoya was captured last
    year and Varela was killed in Venezuela"): a named subject with its own auxiliary or beside
    the first clause's named subject, or a modal of its own, so not the same event."""
    children = list(verb.children)
    if any(c.dep_ == "mark" and c.lower_ == "that" for c in children):
        return True  # "Ankara would not accept X and that the vessel would sail on"
    if any(c.dep_ == "aux" and c.tag_ == "MD" for c in children):
        return True  # "controlled half of Gaza and would respond": another time, another scene
    named = any(c.dep_ in ("nsubj", "nsubjpass") and c.pos_ == "PROPN" for c in children)
    # "Hamas released hostages held in Gaza, and Israel freed prisoners": two named doers
    other_doer = any(c.dep_ == "nsubj" and c.pos_ == "PROPN" for c in verb.head.children)
    return named and (other_doer or any(c.dep_ in ("aux", "auxpass") for c in children))


def _contrast(clause: Token) -> bool:
    """A "while" clause with a subject of its own ("Iraqis in Tikrit demonstrated, while a
    protest took place in Baghdad") sets another scene beside the event, not the event's."""
    return any(c.dep_ == "mark" and c.lower_ in CONTRAST_MARKERS for c in clause.children) and any(
        c.dep_ in ("nsubj", "nsubjpass") and c.pos_ in ("NOUN", "PROPN") for c in clause.children
    )


def _same_moment(clause: Token) -> bool:
    """An adverbial clause of the same moment ("when the fighters attacked X"), which
    coordinated verbs share ("were killed and dozens wounded when ...")."""
    return (
        clause.dep_ == "advcl"
        and any(
            c.dep_ in ("mark", "advmod") and c.lower_ in SAME_PLACE_MARKERS for c in clause.children
        )
        and not _contrast(clause)
    )


def _relative(head: Token, prep: Token) -> bool:
    """Whether ``head`` + ``prep`` locates by reference ("north of", "away from", "10 miles
    from"): the place named is a landmark near the event, not its own place."""
    lower, word = head.lower_, prep.lower_
    if lower in COMPASS_BEARINGS:
        return word == "of"
    if word != "from":
        return False
    return lower == "away" or any(
        c.dep_ == "npadvmod" and c.lemma_.lower() in KM_PER_UNIT
        for c in (*head.children, *prep.children)
    )


def _acceptable(mention: PlaceMention, via: str, depth: int) -> bool:
    """Whether a place reached this way says where the event happened."""
    if via in ("by", "whose"):
        return False  # "attacked by Russia": the agent, not the scene
    if (
        via in ("dobj", "nsubjpass", "compound", "nmod")
        and mention.place is None
        and mention.designated is None
    ):
        # An un-gazetteered name as object, subject or modifier is likely a person or a group
        # ("killed the Northern Alliance leader").
        return False
    # A country as the event's object ("attacked Iran", "sanctions on Russia") is its target.
    is_country = mention.place is not None and mention.place.kind == "country"
    if is_country and via in ("compound", "nmod") and not is_city_state(mention.place):
        return False  # "US soldiers", "a US air strike": whose, not where
    if is_country and via == "handed to":
        return False  # "provided aid to Ukraine": the recipient, not where it was handed over
    return not (is_country and via in TARGET_VIAS and depth <= 2)


def _tier(mention: PlaceMention) -> int:
    """How wide a place is, for choosing among places equally close to the event."""
    if mention.place is not None and mention.place.kind == "continent":
        return TIER["continent"]
    return TIER.get(mention.precision, 0)


def to_location(doc: Doc, mention: PlaceMention) -> Location:
    """The ``Location`` record for a mention: its words, and its gazetteer entry if any. A
    continent ("the Middle East") is named but gets no point: its middle is no place. A
    landmark ("30 km south of Baghdad") gives the point measured from it instead."""
    phrase = doc[mention.start : mention.end]
    place, start, precision = mention.place, phrase.start_char, mention.precision
    word = _measuring_word(phrase) if place is not None and place.kind in LANDMARK_KINDS else None
    if place is not None and word is not None:
        km, measured_from = distance_before(doc, word)
        place = measure(place, word.lower_, km)
        start = word.idx if measured_from is None else measured_from
        precision = place.precision
    pointed = place is not None and place.kind != "continent"
    return Location(
        text=doc.text[start : phrase.end_char],
        span=Span(start, phrase.end_char),
        name=place.name if place else doc[mention.name_start : mention.name_end].text,
        code=mention.code,
        admin1=place.admin1 if place else None,
        geonameid=place.geonameid if place else None,
        lat=place.lat if pointed else None,
        lon=place.lon if pointed else None,
        precision=precision,
        source="text",
    )


def _measuring_word(phrase: Span) -> Token | None:
    """The word that measures from ``phrase`` ("south" in "30 km south of Baghdad", "from" in
    "10 miles from Peshawar", "away" in "20 km away from X"), or None when the phrase names
    the place itself."""
    prep = phrase.root.head
    if phrase.root.dep_ != "pobj" or prep.dep_ != "prep" or not _relative(prep.head, prep):
        return None
    head = prep.head
    return head if head.lower_ in COMPASS_BEARINGS or head.lower_ == "away" else prep
