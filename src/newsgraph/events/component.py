"""The ``newsgraph_events`` component: PLOVER 0.8 event coding from the dependency parse.

Each sentence is coded in three steps, all dictionary lookups on lemmas and walks over the
parse (no per-token model, so the pipeline stays near the bare parse time):

1. triggers: verbs, event nouns and a few adjectives found in ``data/events/triggers.tsv``;
2. structure: control verbs ("agreed to", "demanded that", "refused to", "threatened to")
   decide the type of their complement; plan and reporting verbs ("plans to", "said") only
   mark it (future, the speaker for pronouns); event nouns under a light verb ("held talks",
   "made a visit") take their roles from that verb;
3. roles and auxiliary modes from the parse (:mod:`newsgraph.events.roles`), then the PLOVER
   conventions: planned cooperation is AGREE, a planned retreat CONCEDE, an announced future
   use of force THREATEN, "will not" cooperate REJECT.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from newsgraph.events import roles
from newsgraph.events.cameo import cameo_code
from newsgraph.events.confidence import confidence_for
from newsgraph.events.lexicon import Entry, Lexicon, load_lexicon
from newsgraph.places.gazetteer import geocode, name_key
from newsgraph.records import Event, Participant
from newsgraph.records import Span as CharSpan
from newsgraph.time import date_for

COOPERATIVE = frozenset({"CONSULT", "SUPPORT", "COOPERATE", "AID"})
MATERIAL_CONFLICT = frozenset({"ASSAULT", "COERCE", "SANCTION", "MOBILIZE", "PROTEST"})
#: control classes whose complement becomes part of the control verb's own event
DECIDING = frozenset({"agree", "request", "threaten", "reject", "order", "deny"})
VERB_POS = frozenset({"VERB"})
QUANTITY_NOUNS = frozenset(
    {
        "dozen",
        "hundred",
        "thousand",
        "series",
        "wave",
        "number",
        "string",
        "spate",
        "score",
        "round",
        "couple",
        "lot",
    }
)
PLACE_NOUNS = frozenset(
    {
        "city",
        "town",
        "village",
        "position",
        "base",
        "border",
        "territory",
        "capital",
        "line",
        "front",
        "area",
        "region",
        "airport",
        "port",
    }
)
NOUN_POS = frozenset({"NOUN", "PROPN"})


@Language.factory("newsgraph_events")
def make_event_coder(nlp: Language, name: str) -> EventCoder:
    return EventCoder()


@dataclass(slots=True)
class Trigger:
    """A matched trigger in a sentence."""

    token: Token
    entry: Entry
    light: Token | None = None  # the light verb governing an event noun
    comp: Trigger | None = None  # the complement a control verb decides or marks
    parent: Trigger | None = None
    absorbed: bool = False


@dataclass(slots=True)
class Coding:
    """Type, modes and contexts after control verbs and conventions are applied."""

    event: str
    modes: list[str]
    contexts: list[str]
    cameo: str | None
    kind: str
    aux: list[str] = field(default_factory=list)


class EventCoder:
    """Fills ``doc._.events`` with one :class:`Event` per coded event mention."""

    def __init__(self) -> None:
        self.lexicon = load_lexicon()

    def __call__(self, doc: Doc) -> Doc:
        events: list[Event] = []
        quantities = doc._.quantities or []
        lexicon = self.lexicon
        # one pass over the doc keeps the cost far below the parse: only sentences with a
        # lexicon word are looked at again
        candidates = [t for t in doc if is_candidate(t, lexicon)]
        if not candidates:
            doc._.events = events
            return doc
        text = doc.text
        position = 0
        for sent in doc.sents:
            mine: list[Token] = []
            while position < len(candidates) and candidates[position].i < sent.end:
                mine.append(candidates[position])
                position += 1
            if not mine:
                continue
            for event in code_sentence(doc, sent, lexicon, mine, text):
                event.quantities = [
                    q for q in quantities if sent.start_char <= q.span.start < sent.end_char
                ]
                event.id = f"ev{len(events) + 1}"
                events.append(event)
        doc._.events = events
        return doc


# ---------------------------------------------------------------- triggers


def match_entry(token: Token, lexicon: Lexicon) -> Entry | None:
    """The first lexicon reading of ``token`` whose conditions its parse meets."""
    lemma = token.lemma_.lower()
    if token.pos_ in VERB_POS:
        pos = "V"
    elif token.pos_ == "NOUN" or (token.pos_ == "PROPN" and token.lower_ == lemma):
        pos = "N"
    elif token.pos_ == "ADJ" or token.tag_ == "VBN":
        pos = "A"
    else:
        return None
    heads = [lemma, *verb_stems(token)] if pos == "V" else [lemma]
    keys: list[tuple[str, bool]] = []
    for head in heads:
        for child in token.children:
            if pos == "V" and child.dep_ in ("prt", "prep", "dobj", "advmod", "npadvmod", "oprd"):
                keys.append((f"{head} {child.lemma_.lower()}", child.dep_ == "dobj"))
            elif (
                pos == "N"
                and child.dep_ in ("compound", "amod")
                and (child.i == token.i - 1 or child.lower_ == "joint")
            ):
                keys.append((f"{child.lemma_.lower()} {head}", False))
                keys.append((f"{child.lower_} {head}", False))
    keys.extend((head, False) for head in heads)
    for key, object_in_key in keys:
        for entry in lexicon.lookup(pos, key):
            if conditions_hold(token, entry, lexicon, object_in_key):
                return entry
    if pos == "A" and token.tag_ == "VBN":  # "is committed to", tagged as a participle
        for entry in lexicon.lookup("A", lemma) + lexicon.lookup("A", token.lower_):
            if conditions_hold(token, entry, lexicon, False):
                return entry
    return None


def verb_stems(token: Token) -> list[str]:
    """Fallback lemmas for past forms the lemmatizer gets wrong ("staged" -> "stag")."""
    lower = token.lower_
    if token.tag_ in ("VBD", "VBN") and lower.endswith("ed"):
        return [lower[:-1], lower[:-2]]
    return []


def has_complement(token: Token) -> bool:
    """A clause or infinitive the word governs: "agreed to X", "sworn to fight", "committed to
    opening", "demanded that X"."""
    for child in token.children:
        if child.dep_ in ("xcomp", "ccomp"):
            return True
        if child.dep_ == "advcl" and any(
            g.dep_ == "aux" and g.lower_ == "to" for g in child.children
        ):
            return True
        if (
            child.dep_ == "prep"
            and child.lower_ == "to"
            and any(g.dep_ == "pcomp" for g in child.children)
        ):
            return True
    return False


def conditions_hold(token: Token, entry: Entry, lexicon: Lexicon, phrasal: bool) -> bool:
    children = list(token.children)
    deps = {child.dep_ for child in children}
    if entry.need_comp and not has_complement(token):
        return False
    if entry.no_dobj and "dobj" in deps:
        return False
    if entry.active and ("auxpass" in deps or (token.dep_ == "acl" and token.tag_ == "VBN")):
        return False
    objects = (
        [token, *(c for c in token.children if c.dep_ in ("amod", "compound"))]
        if entry.pos == "N"
        else roles.object_tokens(token)
    )
    if entry.need_obj and not objects and not deps & {"ccomp", "xcomp"}:
        return False
    if entry.obj and not phrasal and not object_in_class(objects, entry.obj, lexicon):
        return False
    if entry.need_prep:
        preps = {c.lemma_.lower() for c in children if c.dep_ in ("prep", "agent", "dative")}
        if token.dep_ == "pobj" and token.head.lemma_.lower() in entry.need_prep:
            preps.add(token.head.lemma_.lower())
        if not preps & entry.need_prep:
            return False
    if entry.subj:
        verb = light_verb(token, lexicon) if entry.pos == "N" else token
        subjects = roles.subject_tokens(verb, lexicon) if verb is not None else []
        if not subjects or not any(subject_in_class(s, entry.subj, lexicon) for s in subjects):
            return False
    if entry.need_light:
        light = light_verb(token, lexicon)
        if light is None and entry.during and during_object(token):
            return True  # "violence broke out during a rally in Tbilisi": it took place
        if light is None:
            return False
        if isinstance(entry.need_light, frozenset) and not (
            {light.lemma_.lower(), *verb_stems(light)} & entry.need_light
        ):
            return False
    if entry.pos == "N" and token.dep_ in ("compound",) and token.head.pos_ in NOUN_POS:
        return False  # "the military cooperation agenda": a topic, not an event
    # "the alleged violations": an adjective, not an event
    return not (entry.pos == "V" and token.dep_ == "amod")


def subject_in_class(subject: Token, name: str, lexicon: Lexicon) -> bool:
    if roles.is_pronoun(subject, lexicon):
        return True
    if name == "people":
        if subject.ent_type_ == "NORP" and subject.tag_ in ("NNPS", "NNS"):
            return True  # "Palestinians", "Albanians"
        words = lexicon.sets["people_subjects"]
    else:
        words = lexicon.objects.get(name, frozenset())
    return (
        noun_lemma(subject) in words
        or any(
            c.lemma_.lower() in words for c in subject.children if c.dep_ in ("compound", "amod")
        )
        or any(c.lemma_.lower() in words for c in cargo(subject, lexicon))
    )


def noun_lemma(token: Token) -> str:
    """The lemma, made singular for a capitalised plural the tagger took for a name: after a
    dateline ("MINSK - Protesters gathered", "VIENNA - Inspectors crossed") it stays as
    written."""
    lemma = token.lemma_.lower()
    if token.pos_ == "PROPN" and lemma == token.lower_ and lemma.endswith("s"):
        return lemma[:-3] + "y" if lemma.endswith("ies") else lemma[:-1]
    return lemma


def cargo(vehicle: Token, lexicon: Lexicon) -> list[Token]:
    """What "a convoy (of 25 trucks) carrying food and medicine" carries: the objects of a
    carrying verb, which say what the convoy is ("an aid convoy reached Tawila")."""
    holders = [vehicle] + [
        pobj
        for prep in vehicle.children
        if prep.dep_ == "prep" and prep.lower_ == "of"
        for pobj in prep.children
        if pobj.dep_ == "pobj"
    ]
    return [
        thing
        for holder in holders
        for verb in holder.children
        if verb.dep_ == "acl" and verb.lemma_.lower() in lexicon.sets["carrying_verbs"]
        for obj in verb.children
        if obj.dep_ == "dobj"
        for thing in (obj, *obj.conjuncts, *obj.children)
    ]


def object_in_class(objects: list[Token], name: str, lexicon: Lexicon) -> bool:
    if name == "aidorany":
        return bool(objects)
    if name == "nonplace":
        return bool(objects) and all(
            o.ent_type_ not in ("LOC", "FAC") and o.lemma_.lower() not in PLACE_NOUNS
            for o in objects
        )
    if name == "nonperson":
        return bool(objects) and all(
            o.lemma_.lower() not in lexicon.objects["person"] for o in objects
        )
    words = lexicon.objects.get(name, frozenset())
    if name == "person":
        # "he was captured", "captured two": a pronoun or a bare number of people
        return any(
            o.lemma_.lower() in words
            or o.ent_type_ in ("PERSON", "NORP")
            or (o.pos_ == "PRON" and o.lower_ not in ("it", "this", "that", "which"))
            or (o.pos_ == "NUM" and not any(c.lower_ == "of" for c in o.children))
            or (o.pos_ == "PROPN" and not o.ent_type_)  # a name the tagger did not type
            for o in objects
        )
    if name == "territory":  # "captured the town of X", "much of Liberia", "took Kabul"
        return any(
            o.ent_type_ in ("GPE", "LOC", "FAC") or o.lemma_.lower() in words or _town_name(o)
            for o in objects
        )
    if name == "org" and any(o.ent_type_ == "ORG" for o in objects):
        return True
    if name == "state":
        return any(o.lemma_.lower() in words or o.ent_type_ in ("GPE", "ORG") for o in objects)
    return any(
        o.lemma_.lower() in words or any(c.lemma_.lower() in words for c in o.children)
        for o in objects
    )


def _town_name(token: Token) -> bool:
    """A name the model did not call a place that the place gazetteer knows by that very name
    ("rebels captured Birao", tagged an organisation); an alternate spelling is not enough
    ("Hamas" is no Hamm)."""
    if token.pos_ != "PROPN" or token.ent_type_ not in ("", "ORG"):
        return False
    place = geocode(token.text)
    return place is not None and name_key(place.name) == name_key(token.text)


def light_verb(noun: Token, lexicon: Lexicon) -> Token | None:
    """The verb an event noun is the object of ("held talks", "on an official visit")."""
    head = noun.head
    if noun.dep_ in ("dobj", "nsubjpass", "attr", "oprd") and head.pos_ in ("VERB", "AUX"):
        light = lexicon.sets["light_verbs"]
        if head.lemma_.lower() in light or any(stem in light for stem in verb_stems(head)):
            return head
    if noun.dep_ == "conj" and noun.head.dep_ in ("dobj", "nsubjpass"):
        return light_verb(noun.head, lexicon)
    if (
        noun.dep_ == "pobj"
        and head.lower_ in ("of", "in")
        and (head.head.lemma_.lower() in QUANTITY_NOUNS or head.head.ent_type_ == "MONEY")
        and head.head.dep_ in ("dobj", "nsubjpass")
    ):  # "carried out dozens of attacks"
        return light_verb(head.head, lexicon)
    if noun.dep_ == "pobj" and head.dep_ == "prep" and head.lemma_.lower() in ("on", "in", "under"):
        verb = head.head
        if verb.pos_ in ("VERB", "AUX") and verb.lemma_.lower() in (
            "be", "remain", "put", "place", "arrive", "keep", "go", "come", "travel",
        ):  # fmt: skip
            return verb
    return None


def is_candidate(token: Token, lexicon: Lexicon) -> bool:
    """A word the lexicon knows (as a trigger's first word, or an obligation noun)."""
    first_words = lexicon.first_words
    lemma = token.lemma_.lower()
    return (
        lemma in first_words
        or token.lower_ in first_words
        or lemma in lexicon.sets["obligation_nouns"]
        or any(stem in first_words for stem in verb_stems(token))
    )


def find_triggers(tokens: list[Token], lexicon: Lexicon) -> dict[int, Trigger]:
    triggers: dict[int, Trigger] = {}
    for token in tokens:
        entry = match_entry(token, lexicon)
        if entry is not None:
            trigger = Trigger(token, entry)
            if entry.pos == "N":
                trigger.light = light_verb(token, lexicon)
            triggers[token.i] = trigger
    return triggers


def complement(trigger: Trigger, triggers: dict[int, Trigger]) -> Trigger | None:
    """The trigger a control verb governs: its clause, or an event noun as object."""
    token = trigger.token
    for child in token.children:
        infinitive = child.dep_ == "advcl" and any(
            g.dep_ == "aux" and g.lower_ == "to" for g in child.children
        )
        if (infinitive or (trigger.entry.pos == "N" and child.dep_ in ("acl", "ccomp"))) and (
            child.i in triggers
        ):
            return triggers[child.i]
        if child.dep_ == "prep" and child.lower_ == "to":
            for pcomp in child.children:
                if pcomp.dep_ == "pcomp" and pcomp.i in triggers:
                    return triggers[pcomp.i]
    for dep in ("xcomp", "ccomp"):
        for child in token.children:
            if child.dep_ == dep:
                found = triggers.get(child.i) or _conj_trigger(child, triggers)
                if found is not None:
                    return found
                for noun in child.children:  # "threatened to institute a curfew"
                    found = triggers.get(noun.i)
                    if noun.dep_ == "dobj" and found is not None and found.light == child:
                        return found
                if dep == "xcomp" and child.pos_ == "ADJ":  # "is ready to host"
                    for grandchild in child.children:
                        if grandchild.dep_ == "xcomp" and grandchild.i in triggers:
                            return triggers[grandchild.i]
    for child in token.children:
        if child.dep_ in ("dobj", "nsubjpass", "attr") and child.i in triggers:
            return triggers[child.i]
    nouns: list[Token] = []
    for child in token.children:
        if child.dep_ in ("dobj", "nsubjpass"):
            nouns.extend(p for p in child.children if p.dep_ == "prep")
        elif child.dep_ in ("prep", "agent"):
            nouns.append(child)
    for prep in nouns:
        for pobj in prep.children:
            if pobj.dep_ == "pobj":
                if pobj.i in triggers:
                    return triggers[pobj.i]
                for grand in pobj.children:  # "a proposal for a ceasefire", "calls to adopt"
                    if grand.dep_ in ("prep", "acl", "relcl"):
                        for g2 in grand.children:
                            if g2.i in triggers and g2.dep_ in ("pobj", "xcomp"):
                                return triggers[g2.i]
                        if grand.i in triggers:
                            return triggers[grand.i]
    for child in token.children:  # "rejected calls by X to adopt reforms"
        if child.dep_ in ("dobj", "nsubjpass"):
            for grand in child.children:
                if grand.dep_ in ("acl", "relcl") and grand.i in triggers:
                    return triggers[grand.i]
    return None


def _conj_trigger(token: Token, triggers: dict[int, Trigger]) -> Trigger | None:
    for conj in token.conjuncts:  # "agreed to update the plan and sign ...", same verb form
        if conj.i in triggers and conj.tag_ == token.tag_:
            return triggers[conj.i]
    return None


def link(triggers: dict[int, Trigger]) -> None:
    """Connect control verbs to their complements and absorb nouns under other events."""
    for trigger in triggers.values():
        if trigger.entry.ctrl:
            comp = complement(trigger, triggers)
            if comp is not None and comp is not trigger and comp.parent is None:
                comp.parent = trigger
                if trigger.entry.ctrl == "order" and comp.entry.pos == "N":
                    comp.light = trigger.token  # "ordered patrols": the patrols are the event
                    trigger.absorbed = True
                    continue
                trigger.comp = comp
                # "refused a request by X to ...": X's request is an event of its own
                own_act = comp.entry.pos == "N" and comp.entry.event in ("REQUEST", "AGREE")
                if trigger.entry.ctrl in DECIDING and not own_act:
                    comp.absorbed = True
    by_light = {t.light.i: t for t in triggers.values() if t.light is not None}
    for trigger in triggers.values():
        if trigger.entry.pos != "N" or trigger.absorbed or trigger.parent is not None:
            continue
        node = trigger.token
        for _ in range(4):  # "killed 20 people in an attack on a village": one event
            head = node.head
            if head == node:
                break
            governing = triggers.get(head.i) or by_light.get(head.i)
            if governing is not None and governing is not trigger:
                ctrl = governing.entry.ctrl
                other_visit = trigger.entry.visit and governing.entry.event != "CONSULT"
                if (ctrl is None and not other_visit) or ctrl in DECIDING:
                    trigger.absorbed = True  # a visit is its own event ("after a visit to X")
                break
            if head.pos_ in ("VERB", "AUX"):
                break  # the noun's own clause has no other trigger
            node = head


# ---------------------------------------------------------------- coding


def code_sentence(
    doc: Doc, sent: Span, lexicon: Lexicon, tokens: list[Token], text: str
) -> list[Event]:
    triggers = find_triggers(tokens, lexicon)
    if not triggers:
        return []
    link(triggers)
    sentence = SentenceInfo(sent, text[sent.start_char : sent.end_char], lexicon)
    events: list[Event] = []
    by_light = {t.light.i: t for t in triggers.values() if t.light is not None}
    for trigger in sorted(triggers.values(), key=lambda t: t.token.i):
        if trigger.absorbed or not trigger.entry.event:
            continue
        ctrl = trigger.entry.ctrl
        if ctrl == "request" and any(
            c.dep_ == "xcomp" and c.lemma_.lower() in ("name", "identify", "quote")
            for c in trigger.token.children
        ):
            continue  # "asked not to be named"
        if ctrl and ctrl not in DECIDING:
            continue  # plan / say / try: the complement is the event
        if purpose_of_protest(trigger, triggers, by_light):
            continue
        if trigger.entry.pos == "V" and roles.is_purpose(trigger.token, lexicon):
            continue  # "visited Minsk to discuss ...": the aim of an event, not an event
        if trigger.entry.pos == "N" and not noun_is_event(trigger, lexicon):
            continue
        if same_event_as_head(trigger, triggers):
            continue
        event = build_event(doc, sentence, trigger, lexicon)
        if event is not None:
            events.append(event)
    events.extend(obligation_events(doc, sentence, tokens, triggers, lexicon, events))
    return events


class SentenceInfo:
    """A sentence, its text (sliced once from the doc's text) and its context cues (on demand)."""

    __slots__ = ("_contexts", "lexicon", "sent", "text")

    def __init__(self, sent: Span, text: str, lexicon: Lexicon) -> None:
        self.sent = sent
        self.text = text
        self.lexicon = lexicon
        self._contexts: list[str] | None = None

    @property
    def contexts(self) -> list[str]:
        if self._contexts is None:
            self._contexts = roles.sentence_contexts(self.sent, self.text, self.lexicon)
        return self._contexts

    def slice(self, start: int, end: int) -> str:
        offset = self.sent.start_char
        return self.text[start - offset : end - offset]


def purpose_of_protest(
    trigger: Trigger, triggers: dict[int, Trigger], by_light: dict[int, Trigger]
) -> bool:
    """ "staged rallies to demand reforms": PLOVER does not code a protest's topic."""
    token = trigger.token
    if token.dep_ not in ("advcl", "xcomp", "acl"):
        return False
    head = triggers.get(token.head.i) or by_light.get(token.head.i)
    return head is not None and head.entry.event == "PROTEST"


def same_event_as_head(trigger: Trigger, triggers: dict[int, Trigger]) -> bool:
    """ "attacked the camp, killing 156": the participle clause is the same event."""
    token = trigger.token
    if token.dep_ != "advcl" or token.tag_ != "VBG":
        return False
    head = triggers.get(token.head.i)
    return head is not None and head.entry.event == trigger.entry.event


def noun_is_event(trigger: Trigger, lexicon: Lexicon) -> bool:
    """An event noun is coded when a verb carries it or it names its own participants."""
    token = trigger.token
    if trigger.light is not None:
        return True
    if trigger.entry.need_prep or (trigger.entry.recip and token.dep_ in ("nsubj", "dobj")):
        return True
    if roles.noun_has_participants(token, trigger.entry, lexicon):
        return True
    if trigger.entry.during and during_object(token):
        return True  # "violence broke out during a rally in Tbilisi"
    return token.dep_ == "nsubj" and token.head.pos_ == "VERB"


def deciding_coding(trigger: Trigger, lexicon: Lexicon) -> Coding:
    """The coding of a trigger, folding in the complement a control verb decides."""
    entry = trigger.entry
    base = Coding(entry.event, list(entry.modes), list(entry.contexts), entry.cameo, "verb")
    if entry.pos == "N":
        base.kind = "noun"
    if entry.ctrl not in DECIDING:
        return base
    base.kind = "control"
    inner = deciding_coding(trigger.comp, lexicon) if trigger.comp is not None else None
    if inner is None:
        return base
    if trigger.comp is not None:
        inner.aux = roles.aux_modes(trigger.comp.token, lexicon, stop=trigger.token)
    contexts = list(dict.fromkeys(entry.contexts + tuple(inner.contexts)))
    ctrl = "request" if entry.ctrl == "order" else entry.ctrl
    if ctrl == "agree":
        if inner.event in ("RETREAT", "CONCEDE"):
            return Coding("CONCEDE", [], contexts, None, "control")
        if inner.event == "SANCTION":  # "would propose entry bans"
            return inner  # a planned sanction stays SANCTION (PLOVER), as in apply_conventions
        if inner.event in MATERIAL_CONFLICT or inner.event == "THREATEN":
            return Coding("THREATEN", [threat_mode(inner)], contexts, None, "control")
        if inner.event in ("REJECT", "REQUEST", "ACCUSE"):
            return inner
        return Coding("AGREE", [], contexts or agree_contexts(inner), None, "control")
    if ctrl == "request":
        if inner.event == "REQUEST":
            return inner
        return Coding("REQUEST", [request_mode(inner)], contexts, None, "control")
    if ctrl == "threaten":
        return Coding("THREATEN", [threat_mode(inner)], contexts, None, "control")
    if ctrl == "reject":
        return Coding("REJECT", [request_mode(inner)], contexts, None, "control")
    if ctrl == "deny":  # the denial is the event; what is denied is a claim, not a fact
        return Coding("REJECT", [], contexts, "120", "control")
    return base


def agree_contexts(inner: Coding) -> list[str]:
    return list(inner.contexts)


def request_mode(inner: Coding) -> str:
    """The REQUEST/REJECT mode that names what was asked for or refused."""
    if inner.event in ("CONSULT",) or (inner.event == "AGREE" and inner.cameo in ("036", "030")):
        return "meet"
    if inner.event in ("RETREAT", "CONCEDE"):
        return "yield"
    if inner.event in ("AID", "COOPERATE", "SUPPORT", "AGREE"):
        return "assist"
    if inner.event in ("REQUEST", "REJECT") and inner.modes:
        return inner.modes[0]
    return "change"


def threat_mode(inner: Coding) -> str:
    modes = set(inner.modes)
    if inner.event == "THREATEN" and inner.modes:
        return inner.modes[0]
    if inner.event in ("ASSAULT", "MOBILIZE"):
        return "violence"
    if inner.event == "COERCE":
        if "arrest" in modes:
            return "arrest"
        if "deport" in modes:
            return "expel"
        if "seize" in modes and "military" in inner.contexts:
            return "territory"
        return "restrict"
    if inner.event == "SANCTION":
        if "expel" in modes:
            return "expel"
        if "economic" in inner.contexts:
            return "restrict"
        return "relations"
    if inner.event == "PROTEST":
        return "restrict"
    return "relations"


def apply_conventions(coding: Coding, aux: list[str], unless: bool) -> tuple[Coding, list[str]]:
    """PLOVER's single-category rules for planned, refused and conditional actions."""
    event = coding.event
    future = "future" in aux
    if future and "negation" in aux and (event in COOPERATIVE or event in ("AGREE", "CONCEDE")):
        # "said it would not negotiate": a refusal, which did happen (a negated retreat stays
        # CONCEDE + future + negation below)
        return Coding("REJECT", [request_mode(coding)], coding.contexts, None, coding.kind), []
    if unless and (future or "hypothetical" in aux) and event not in COOPERATIVE | {"AGREE"}:
        mode = threat_mode(coding) if event != "THREATEN" else (coding.modes or ["violence"])[0]
        return Coding("THREATEN", [mode], coding.contexts, None, coding.kind), ["future"]
    if future:  # negated plans convert too and keep "negation" ("would not withdraw")
        if event in COOPERATIVE:
            cameo = {"CONSULT": "036", "SUPPORT": "032", "COOPERATE": "031", "AID": "033"}[event]
            return Coding("AGREE", [], coding.contexts, cameo, coding.kind), aux
        if event == "RETREAT":
            return Coding("CONCEDE", [], coding.contexts, None, coding.kind), aux
        if event in MATERIAL_CONFLICT - {"SANCTION"}:  # a planned sanction stays SANCTION
            mode = threat_mode(coding)
            return Coding("THREATEN", [mode], coding.contexts, None, coding.kind), aux
    return coding, aux


def build_event(
    doc: Doc, sentence: SentenceInfo, trigger: Trigger, lexicon: Lexicon
) -> Event | None:
    sent = sentence.sent
    context_cues = sentence.contexts
    coding = deciding_coding(trigger, lexicon)
    token = trigger.token
    anchor = trigger.light if trigger.light is not None else token
    aux = roles.aux_modes(anchor, lexicon)
    if token is not anchor:
        aux = sorted(set(aux) | set(roles.noun_aux(token, lexicon)))
    elif trigger.entry.pos == "N":
        aux = sorted(set(aux) | set(roles.noun_aux(token, lexicon)))
        governing = roles.governing_verb(token)
        if governing is not None:
            aux = sorted(set(aux) | set(roles.aux_modes(governing, lexicon)))
            if roles.ctrl_of(governing, lexicon) == "deny":
                aux = sorted(set(aux) | {"negation"})
    ctrl_chain = roles.modifier_chain(anchor, lexicon)
    if "prepare" in ctrl_chain and coding.event in ("ASSAULT",):
        coding = Coding("MOBILIZE", ["troops"], coding.contexts, None, coding.kind)
        aux = [a for a in aux if a != "future"]
    if "fail" in ctrl_chain and coding.event in ("AGREE", "CONSULT", "SUPPORT"):
        coding = Coding("REJECT", [request_mode(coding)], coding.contexts, None, "control")
        aux = [a for a in aux if a != "negation"]
    if trigger.entry.need_future and ("future" not in aux or "negation" in aux):
        return None  # "has not responded to offers" is no threat; "would respond" is
    if trigger.entry.need_future:  # the threat is made now; the future is its content
        aux = [a for a in aux if a != "future"]
    unless = roles.has_mark(anchor, lexicon.sets["threat_marks"])
    coding, aux = apply_conventions(coding, aux, unless)

    actor_tokens, recipient_tokens = roles.assign_roles(trigger, coding.event, lexicon)
    actors = roles.participants(doc, actor_tokens, lexicon)
    if (
        coding.event == "MOBILIZE"
        and trigger.entry.need_light
        and (len(actor_tokens) > 1 or len({p.code for p in actors if p.code}) > 1)
    ):  # "China and Russia held naval drills", "Chinese and Russian navies": a joint exercise
        coding = Coding("COOPERATE", [], coding.contexts, "062", coding.kind)
    recipients = roles.participants(doc, recipient_tokens, lexicon)
    actors, recipients = dedupe(actors, recipients)
    if not actors and not recipients and not finite_clause(token, trigger):
        return None  # nobody to code and no clause of its own: most likely noise
    if not recipients and coding.event in lexicon.sets["self_directed_types"]:
        recipients = own_government(actors)
    domestic = lexicon.sets["domestic_types"]
    inner = trigger.comp if trigger.comp is not None else trigger
    if not recipients and (coding.event in domestic or inner.entry.event in domestic):
        # "will extend the curfew in Abidjan": a threatened crackdown is aimed there too; the
        # actor's own state only for an act that happened
        own_state = not aux and coding.event in domestic
        heads = [anchor, inner.token] + ([inner.light] if inner.light is not None else [])
        recipients = domestic_recipient(doc, heads, actors, lexicon, own_state)

    modes = list(dict.fromkeys(coding.modes))
    extra_modes = roles.instrument_modes(trigger, coding.event, lexicon)
    for mode in extra_modes:
        if mode not in modes and len(modes) < 2:
            modes.append(mode)
    if coding.event == "ASSAULT" and len(modes) > 1 and "" in modes:
        modes.remove("")
    contexts = list(dict.fromkeys(coding.contexts + context_cues))
    for mode, context in (("cyber", "cyber"), ("misinformation", "misinformation")):
        if mode in modes and context not in contexts:
            contexts.append(context)

    date = date_for(doc, token)
    aux = roles.historical(doc, date, aux)
    cameo = coding.cameo
    if cameo is None or set(modes) != set(coding.modes) or not cameo_fits(cameo, coding.event):
        cameo = cameo_code(coding.event, tuple(modes), tuple(contexts))
    start, end = trigger_bounds(trigger)
    return Event(
        id="",
        event=coding.event,
        mode=[m for m in modes if m],
        context=contexts,
        aux=sorted(set(aux)),
        actor=actors,
        recipient=recipients,
        date=date,
        event_text=sentence.slice(start, end),
        trigger_span=CharSpan(start, end),
        text=sentence.text,
        text_info=CharSpan(sent.start_char, sent.end_char),
        cameo=cameo,
        confidence=confidence_for(coding.kind, coding.event, bool(actors), bool(aux)),
    )


#: Participant codes that name no state, so have no government to be directed at.
NON_STATE_CODES = frozenset({"IGO", "NGO", "MNC"})


def own_government(actors: list[Participant]) -> list[Participant]:
    """PLOVER/CAMEO's convention for a protest that names no target: it is directed at the
    protesters' own government ("Egyptian demonstrators rioted" is EGY -> EGY/GOV)."""
    codes = dict.fromkeys(p.code for p in actors if p.code and p.code not in NON_STATE_CODES)
    # no words of the article name it: an empty text, and a name that says what it stands for
    return [
        Participant(text="", name=f"{code} government", code=code, sector="GOV") for code in codes
    ]


def domestic_recipient(
    doc: Doc, heads: list[Token], actors: list[Participant], lexicon: Lexicon, own_state: bool
) -> list[Participant]:
    """PLOVER codes a domestic act with no named target (a government lifting its own
    emergency rule) as directed at the state it happens in: the state of an "in X" phrase of
    the clause, else the actor's own state."""
    objects = [c for h in heads for c in h.children if c.dep_ in ("dobj", "nsubjpass")]
    for head in dict.fromkeys(heads + objects):
        for place in roles.pobjs(head, {"in"}):
            found = roles.participant(doc, place, lexicon)
            if found is not None and found.code and found.code not in NON_STATE_CODES:
                return [found]
    codes = {p.code for p in actors if p.code}
    if not own_state or len(codes) != 1 or codes & NON_STATE_CODES:
        return []  # "both sides agreed to allow": a concession to each other, not inward
    return [Participant(text="", code=code) for code in codes]


def finite_clause(token: Token, trigger: Trigger) -> bool:
    """A finite verb heading a main clause ("a curfew was imposed"), worth coding even when
    its participants are not named."""
    main = token.dep_ == "ROOT" or (token.dep_ == "conj" and token.head.dep_ == "ROOT")
    if trigger.entry.pos == "N":  # "Protests have taken place", "clashes broke out"
        if during_object(token):
            return True  # "the violence that broke out during a rally in Tbilisi"
        head = token.head
        lemma = head.lemma_.lower()
        if lemma == "take" and not any(c.lower_ == "place" for c in head.children):
            return False
        return token.dep_ == "nsubj" and head.dep_ == "ROOT" and lemma in OCCURRENCE_VERBS
    if token.dep_ == "acl" and token.tag_ == "VBN" and token.head.dep_ == "ROOT":
        return True  # "A car bomb detonated near a convoy.": a verbless sentence's only verb
    if token.dep_ == "acl" and token.tag_ == "VBN" and trigger.entry.obj:
        # "the agreements signed in 2023": a dated act (the object class already matched),
        # not a description ("contracts signed under false pretences")
        return any(t.ent_type_ == "DATE" for c in token.children for t in c.subtree)
    if trigger.entry.pos != "V":
        return False
    if (
        token.dep_ == "ccomp"
        and token.head.lemma_.lower() in REPORT_VERBS
        and token.tag_ in ("VBD", "VBN")
        and not any(c.tag_ == "MD" for c in token.children)
    ):
        main = True  # "they were all killed, an activist said" (a fact, not a plan)
    if token.tag_ in ("VB", "VBG"):  # "are patrolling", "will patrol": finite by their auxiliary
        return main and any(c.dep_ == "aux" and c.tag_ != "TO" for c in token.children)
    return token.tag_ in ("VBD", "VBN", "VBZ", "VBP") and main


def during_object(noun: Token) -> bool:
    """The object of "during" or "amid": an event that was going on, so took place."""
    return noun.dep_ == "pobj" and noun.head.lower_ in ("during", "amid")


#: Verbs that report a clause as fact ("..., the activist told reporters").
REPORT_VERBS = frozenset({"say", "tell", "report", "add"})

#: Verbs that say an event noun, their subject, happened.
OCCURRENCE_VERBS = frozenset({"take", "break", "erupt", "continue", "resume", "spread", "occur"})


def cameo_fits(code: str, event: str) -> bool:
    from newsgraph.events.cameo import load_rows

    return any(row.code == code and row.event == event for row in load_rows())


def trigger_bounds(trigger: Trigger) -> tuple[int, int]:
    """Character offsets of the trigger words: the word, its particle, its light verb."""
    token = trigger.token
    tokens = [token] + [c for c in token.children if c.dep_ == "prt"]
    if trigger.light is not None and abs(trigger.light.i - token.i) <= 7:
        tokens.append(trigger.light)
    start = min(t.idx for t in tokens)
    end = max(t.idx + len(t.text) for t in tokens)
    return start, end


def dedupe(
    actors: list[Participant], recipients: list[Participant]
) -> tuple[list[Participant], list[Participant]]:
    seen: set[str] = set()
    unique_actors = []
    for p in actors:
        key = p.entity_id or p.text
        if key not in seen:
            seen.add(key)
            unique_actors.append(p)
    # a recipient is dropped when it is an actor's own words; the same entity named again
    # ("the party ... boycott Algeria's elections", both coded DZA) stays a recipient
    actor_texts = {p.text for p in unique_actors}
    seen = set()
    unique_recipients = []
    for p in recipients:
        key = p.entity_id or p.text
        if key not in seen and (not p.text or p.text not in actor_texts):
            seen.add(key)
            unique_recipients.append(p)
    return unique_actors, unique_recipients


def obligation_sources(
    tokens: list[Token], triggers: dict[int, Trigger], lexicon: Lexicon
) -> list[tuple[Token, list[Token], Token | None]]:
    """(clause, speaker heads, governing verb) for "X said Y must ..." and "X's demand /
    reminder that Y must ..."."""
    found: list[tuple[Token, list[Token], Token | None]] = []
    for trigger in triggers.values():
        if trigger.entry.ctrl == "report":
            speaker = roles.subject_tokens(trigger.token, lexicon)
            for clause in trigger.token.children:
                if clause.dep_ == "ccomp":
                    found.append((clause, speaker, trigger.token))
    nouns = lexicon.sets["obligation_nouns"]
    for token in tokens:
        if token.pos_ == "NOUN" and token.lemma_.lower() in nouns:
            governing = roles.governing_verb(token)
            speaker = [
                c for c in token.children if c.dep_ == "poss" and not roles.is_pronoun(c, lexicon)
            ]
            if not speaker and governing is not None:
                speaker = roles.subject_tokens(governing, lexicon)
            for clause in token.children:
                if clause.dep_ in ("acl", "ccomp"):
                    found.append((clause, speaker, governing))
    return found


def clause_chain(clause: Token) -> list[Token]:
    chain = [clause]
    for token in chain:
        if len(chain) > 6:
            break
        chain.extend(c for c in token.children if c.dep_ in ("xcomp", "acomp", "ccomp"))
    return chain


def obligation_events(
    doc: Doc,
    sentence: SentenceInfo,
    tokens: list[Token],
    triggers: dict[int, Trigger],
    lexicon: Lexicon,
    coded: list[Event],
) -> list[Event]:
    """ "X said Y must do Z": X requests Z of Y; the clause's own event is that request's
    content, not a fact, so it is dropped."""
    events: list[Event] = []
    sent = sentence.sent
    for clause, speaker, governing in obligation_sources(tokens, triggers, lexicon):
        if not speaker or not roles.has_obligation(clause, lexicon):
            continue
        addressee = roles.subject_tokens(clause, lexicon)
        subjects = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
        if not addressee and governing is not None:
            addressee = roles.pobjs(governing, {"to"})
        if {t.i for t in speaker} & {t.i for t in addressee}:
            continue
        if not addressee and subjects and subjects[0].lower_ not in ("he", "she"):
            continue  # "it must": most likely the speaker itself
        chain = clause_chain(clause)
        inner = next((triggers[t.i] for t in chain if t.i in triggers), None)
        inner_coding = deciding_coding(inner, lexicon) if inner else None
        mode = request_mode(inner_coding) if inner_coding else "change"
        contexts = list(
            dict.fromkeys((inner_coding.contexts if inner_coding else []) + sentence.contexts)
        )
        start, end = clause.idx, clause.idx + len(clause.text)
        for aux_child in clause.children:
            if aux_child.dep_ == "aux" and aux_child.lower_ in lexicon.sets["obligation_modals"]:
                start = min(start, aux_child.idx)
        starts = {t.idx for t in chain}
        coded[:] = [e for e in coded if e.trigger_span.start not in starts]
        actors, recipients = dedupe(
            roles.participants(doc, speaker, lexicon), roles.participants(doc, addressee, lexicon)
        )
        events.append(
            Event(
                id="",
                event="REQUEST",
                mode=[mode],
                context=contexts,
                aux=[],
                actor=actors,
                recipient=recipients,
                date=date_for(doc, clause),
                event_text=sentence.slice(start, end),
                trigger_span=CharSpan(start, end),
                text=sentence.text,
                text_info=CharSpan(sent.start_char, sent.end_char),
                cameo=cameo_code("REQUEST", (mode,), tuple(contexts)),
                confidence=confidence_for("obligation", "REQUEST", bool(actors), False),
            )
        )
    return events
