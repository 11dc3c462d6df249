"""Roles and auxiliary modes of an event trigger, read from the dependency parse.

Who acts and who receives is decided by grammatical function, never by word order: the
subject of an active verb or the ``by`` phrase of a passive one is the actor; the object,
the passive subject or a preposition the trigger licenses ("sanctions on", "called on")
is the recipient. Reciprocal triggers ("held talks with", "joint exercises") list every
side as actor; visits list the visitor as actor and the host, or the place visited, as
recipient.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

from newsgraph.actors import participant_at, participants_at
from newsgraph.records import Date, Participant

if TYPE_CHECKING:
    from newsgraph.events.component import Trigger
    from newsgraph.events.lexicon import Entry, Lexicon

NP_MODIFIERS = frozenset({"det", "amod", "compound", "poss", "nmod", "nummod", "quantmod"})
PARTICIPANT_LABELS = frozenset({"GPE", "NORP", "ORG", "PERSON", "LOC", "FAC"})
CLAUSE_LINKS = frozenset({"xcomp", "ccomp", "conj", "advcl"})


# ---------------------------------------------------------------- helpers on the parse


def conjoined(token: Token) -> list[Token]:
    """A head and its conjuncts: "Cuba and Belarus" is one compound participant list."""
    return [token, *(c for c in token.conjuncts if c.i > token.i)]


def pobjs(token: Token, preps: frozenset[str] | set[str]) -> list[Token]:
    found: list[Token] = []
    for child in token.children:
        if child.dep_ in ("prep", "dative") and child.lemma_.lower() in preps:
            for pobj in child.children:
                if pobj.dep_ == "pobj" and pobj.ent_type_ not in ("DATE", "TIME"):
                    found.extend(conjoined(pobj))
    return found


def undated(obj: Token) -> list[Token]:
    """An object the parser made a modifier of the date after it ("captured Kabul September
    27", with "September" as the object): the modifier is the object."""
    if obj.ent_type_ not in ("DATE", "TIME"):
        return [obj]
    named = [
        c for c in obj.children if c.dep_ == "compound" and c.ent_type_ not in ("DATE", "TIME")
    ]
    return named or [obj]


def object_tokens(verb: Token) -> list[Token]:
    """What a verb acts on: objects, passive subjects, and what a quantity counts."""
    found: list[Token] = []
    for child in verb.children:
        if child.dep_ in ("dobj", "nsubjpass", "dative", "oprd") or (
            child.dep_ == "dative" and child.pos_ != "ADP"
        ):
            for obj in conjoined(child):
                if obj.pos_ == "PRON" and verb.dep_ == "relcl":
                    obj = verb.head  # "agreements that the two governments signed"
                found.extend(undated(obj))
                for prep in obj.children:  # "tons of aid", "a grant of 5 million"
                    if prep.dep_ == "prep" and prep.lemma_.lower() == "of":
                        found.extend(p for p in prep.children if p.dep_ == "pobj")
    if verb.dep_ == "acl" and verb.tag_ == "VBN":
        found.append(verb.head)
    return found


def ctrl_of(token: Token, lexicon: Lexicon) -> str | None:
    lemma = token.lemma_.lower()
    for pos in ("V", "A"):
        for entry in lexicon.lookup(pos, lemma) or lexicon.lookup(pos, token.lower_):
            if entry.ctrl:
                return entry.ctrl
    return None


def is_pronoun(token: Token, lexicon: Lexicon) -> bool:
    """A personal pronoun ("it", "they"), not the country "US"."""
    return token.pos_ == "PRON" and token.lower_ in lexicon.sets["personal_pronouns"]


def is_actorish(token: Token, lexicon: Lexicon) -> bool:
    return (
        token.pos_ == "PROPN"
        or token.ent_type_ in PARTICIPANT_LABELS
        or token.lemma_.lower() in lexicon.sets["actor_nouns"]
    )


def noun_has_participants(noun: Token, entry: Entry, lexicon: Lexicon) -> bool:
    for child in noun.children:
        if child.dep_ == "poss":
            return True
        if child.dep_ in ("amod", "compound", "nmod") and child.ent_type_ in ("NORP", "GPE", "ORG"):
            return True
        if child.dep_ == "prep" and child.lemma_.lower() in (
            "by", "of", "between", "with", "against", "on", "to", "from", "into",
        ):  # fmt: skip
            for pobj in child.children:
                if pobj.dep_ == "pobj" and (
                    is_actorish(pobj, lexicon) or child.lower_ == "against"
                ):
                    return True
    return False


def has_mark(token: Token, marks: frozenset[str]) -> bool:
    """The clause of ``token`` is conditional on a clause introduced by one of ``marks``."""
    for child in token.children:
        if child.dep_ == "advcl" and any(
            m.dep_ == "mark" and m.lower_ in marks for m in child.children
        ):
            return True
    return False


def has_obligation(clause: Token, lexicon: Lexicon) -> bool:
    modals = lexicon.sets["obligation_modals"]
    if any(c.dep_ == "aux" and c.lemma_.lower() in modals for c in clause.children):
        return True
    return clause.lemma_.lower() == "have" and any(
        c.dep_ == "xcomp" and any(g.lower_ == "to" for g in c.children) for c in clause.children
    )


# ---------------------------------------------------------------- subjects


def reporter_subjects(token: Token, lexicon: Lexicon) -> list[Token]:
    """The subject of the reporting verb above ``token``: who "it"/"they" refers to."""
    node = token
    for _ in range(6):
        if node.head == node:
            return []
        node = node.head
        if node.pos_ in ("VERB", "AUX") and ctrl_of(node, lexicon) == "report":
            subjects = [c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")]
            if subjects and not is_pronoun(subjects[0], lexicon):
                return conjoined(subjects[0])
            if not subjects and node.dep_ in ("advcl", "xcomp", "pcomp", "conj"):
                # "was quoted as saying", "..., saying": the reporter is the main subject
                head = node.head.head if node.dep_ == "pcomp" else node.head
                passive = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]
                if passive and not is_pronoun(passive[0], lexicon):
                    return conjoined(passive[0])
            return []
    return []


def main_subject(verb: Token, lexicon: Lexicon) -> list[Token]:
    """ "The EU sanctioned firms that it accused of ...": "it" is the main clause's subject."""
    root = verb.sent.root
    if root == verb or verb.dep_ not in ("relcl", "ccomp", "advcl", "acl"):
        return []
    for child in root.children:
        if child.dep_ == "nsubj" and not is_pronoun(child, lexicon) and is_actorish(child, lexicon):
            return conjoined(child)
    return []


def previous_subject(pronoun: Token, lexicon: Lexicon) -> list[Token]:
    """ "He held meetings": the subject of the previous sentence, when it can act."""
    if pronoun.lower_ not in ("he", "she", "they", "it"):
        return []
    sent = pronoun.sent
    if sent.start == 0:
        return []
    previous = pronoun.doc[sent.start - 1].sent
    for child in previous.root.children:
        if child.dep_ == "nsubj" and not is_pronoun(child, lexicon) and is_actorish(child, lexicon):
            return conjoined(child)
    return []


def subject_tokens(verb: Token, lexicon: Lexicon, depth: int = 0) -> list[Token]:
    """Heads of the noun phrases that act in ``verb``'s clause (passive: the ``by`` phrase)."""
    found: list[Token] = []
    for child in verb.children:
        if child.dep_ == "nsubj":
            if is_pronoun(child, lexicon):
                found.extend(
                    reporter_subjects(verb, lexicon)
                    or main_subject(verb, lexicon)
                    or previous_subject(child, lexicon)
                )
            elif child.lower_ in lexicon.sets["relative_pronouns"] and verb.dep_ == "relcl":
                found.extend(conjoined(verb.head))
            else:
                found.extend(conjoined(child))
        elif child.dep_ == "agent":
            found.extend(p for c in child.children if c.dep_ == "pobj" for p in conjoined(c))
    if found or depth > 4:
        return found
    if any(c.dep_ == "nsubjpass" for c in verb.children):
        return []  # passive without a "by" phrase: the actor is unknown
    head = verb.head
    if head == verb:
        return []
    if verb.dep_ == "xcomp" or (verb.dep_ == "ccomp" and head.pos_ == "ADJ"):
        if head.pos_ == "ADJ":
            return subject_tokens(head.head, lexicon, depth + 1)
        raised = [c for c in head.children if c.dep_ == "nsubjpass"]
        if raised and not any(c.dep_ == "agent" for c in head.children):
            return conjoined(raised[0])  # "X is expected to travel"
        # object control: "urged Iraq to comply", "called on the AU to act"
        ctrl = ctrl_of(head, lexicon)
        if ctrl == "request" or head.lemma_.lower() in (
            "allow",
            "force",
            "help",
            "invite",
            "permit",
            "authorize",
            "order",
        ):
            objects = [c for c in head.children if c.dep_ in ("dobj",)]
            if objects:
                return conjoined(objects[0])
            on = pobjs(head, {"on", "upon"})
            if on:
                return on
        return subject_tokens(head, lexicon, depth + 1)
    if verb.dep_ in ("conj", "advcl") and head.pos_ in ("VERB", "AUX"):
        return subject_tokens(head, lexicon, depth + 1)
    if verb.dep_ in ("acl", "relcl") and verb.tag_ == "VBG":
        if is_actorish(verb.head, lexicon):
            return [verb.head]
        governing = governing_verb(verb.head)  # "issued a declaration demanding ..."
        return subject_tokens(governing, lexicon, depth + 1) if governing is not None else []
    if verb.dep_ == "relcl":
        return []
    return []


def patient_tokens(verb: Token, lexicon: Lexicon) -> list[Token]:
    found: list[Token] = []
    for child in verb.children:
        if child.dep_ == "nsubjpass":
            if child.lower_ in lexicon.sets["relative_pronouns"] and verb.dep_ == "relcl":
                found.extend(conjoined(verb.head))
            elif not is_pronoun(child, lexicon):
                found.extend(conjoined(child))
    if not found and verb.dep_ == "acl" and verb.tag_ == "VBN":
        found.append(verb.head)
    if not found and verb.dep_ == "conj" and any(c.dep_ == "auxpass" for c in verb.head.children):
        found = patient_tokens(verb.head, lexicon)
    return found


# ---------------------------------------------------------------- roles


def recipient_preps(entry: Entry, event: str) -> set[str]:
    preps = set(entry.rpreps) | {"against"}
    if event in ("SANCTION", "ASSAULT", "COERCE", "REQUEST", "THREATEN"):
        preps |= {"on", "upon"}
    if event in ("AID", "SUPPORT", "REQUEST", "ACCUSE", "AGREE", "CONCEDE", "RETREAT"):
        preps.add("to")
    if entry.event == "RETREAT":  # "withdraw its forces from X"
        preps.add("from")
    if not entry.recip:
        preps.add("with")
    return preps


def object_owners(obj: Token, lexicon: Lexicon) -> list[Token]:
    """Whose proposal, plan or demand: "rejected X's plan", "calls by X", "Israeli changes"."""
    owners = [c for c in obj.children if c.dep_ == "poss" and not is_pronoun(c, lexicon)]
    owners += pobjs(obj, {"by", "from", "of"})
    owners += [
        c for c in obj.children
        if c.dep_ in ("amod", "compound", "nmod") and c.ent_type_ in ("NORP", "GPE", "ORG")
    ]  # fmt: skip
    return owners


def verb_roles(
    verb: Token, entry: Entry, event: str, lexicon: Lexicon
) -> tuple[list[Token], list[Token]]:
    actors = subject_tokens(verb, lexicon)
    patients = patient_tokens(verb, lexicon)
    objects = [
        verb.head if o.pos_ == "PRON" and verb.dep_ == "relcl" else o
        for c in verb.children if c.dep_ in ("dobj", "dative") and c.pos_ != "ADP"
        for d in conjoined(c)
        for o in undated(d)
    ]  # fmt: skip
    if entry.host:  # "X was received by Y": X visits, Y hosts
        return objects + patients + pobjs(verb, {"with"}), actors
    if entry.undergoer:
        return [], actors + patients
    if entry.recip:
        partners = pobjs(verb, {"with", "between"}) + [
            o for o in objects if is_actorish(o, lexicon)
        ]
        if event == "AGREE" and entry.event != "AGREE":
            # "they would meet X": a promise to X, not a meeting that took place (PLOVER)
            return actors, partners
        if event == "AGREE" and not partners:  # "agreed to US mediation"
            return actors, [o for p in pobjs(verb, {"to"}) for o in (p, *object_owners(p, lexicon))]
        return actors + partners, patients if event in ("ASSAULT",) else []
    recipients: list[Token] = list(patients)
    if entry.visit:
        recipients += objects + pobjs(verb, {"to", "in", "at"})
        return actors, recipients
    troops = lexicon.objects["troops"]
    for obj in objects:
        if entry.event in ("RETREAT", "MOBILIZE") and obj.lemma_.lower() in troops:
            # "withdraw its force from X", "mobilized reservists for a war against X": the
            # forces moved are the actor's own, the recipient is where or whom they go
            purposes = pobjs(verb, {"for"}) + pobjs(obj, {"for"})
            recipients += [t for p in purposes for t in pobjs(p, {"against", "on"})]
            continue
        if is_actorish(obj, lexicon):
            recipients.append(obj)
        else:
            recipients += object_owners(obj, lexicon)
            if event in ("ASSAULT", "MOBILIZE"):  # "fired at X near the border with Y"
                recipients += pobjs(obj, {"on", "against"})
            else:
                recipients += object_recipients(obj, lexicon)
    recipients += pobjs(verb, recipient_preps(entry, event))
    if not recipients and event in ("ACCUSE", "REJECT", "PROTEST"):
        for grievance in pobjs(verb, {"over", "about"}):  # "complained over Israeli raids"
            recipients += object_owners(grievance, lexicon)
    return actors, recipients


#: prepositions of a non-actor object that name whom the act is aimed at
OBJECT_RECIPIENT_PREPS = frozenset({"on", "against", "to", "for", "with"})


def object_recipients(obj: Token, lexicon: Lexicon, depth: int = 0) -> list[Token]:
    """Whom a thing acted on is aimed at: "imposed sanctions on X", "aid for X", "contact
    with X", "supplies to X's camp"; through "part of a programme for X"."""
    found = pobjs(obj, OBJECT_RECIPIENT_PREPS)
    if not found and depth < 1:
        for part in pobjs(obj, {"of"}):
            if not is_actorish(part, lexicon):
                found += object_recipients(part, lexicon, depth + 1)
    return found


def noun_roles(
    noun: Token, light: Token | None, entry: Entry, event: str, lexicon: Lexicon
) -> tuple[list[Token], list[Token]]:
    actors: list[Token] = []
    recipients: list[Token] = []
    rpreps = recipient_preps(entry, event)
    for child in noun.children:
        if child.dep_ == "poss" and not is_pronoun(child, lexicon):
            actors.extend(conjoined(child))
        elif child.dep_ == "poss" and child.lower_ in ("its", "their"):
            # "since the start of its invasion": the sentence's subject
            actors.extend(t for t in subject_tokens(noun.sent.root, lexicon) if t != noun)
        elif child.dep_ in ("amod", "compound", "nmod") and child.ent_type_ in (
            "NORP", "GPE", "ORG",
        ):  # fmt: skip
            actors.append(child)
    agent_preps = {"by"} | ({"of", "from"} - set(entry.rpreps))
    if entry.recip:
        agent_preps |= {"with", "between"}
        rpreps -= {"with", "between"}
    actors += pobjs(noun, agent_preps)
    recipients += pobjs(noun, rpreps | ({"to", "in"} if entry.visit else set()))
    governing = light
    if governing is None and noun.dep_ in ("pobj",) and noun.head.head.pos_ in ("VERB", "AUX"):
        governing = noun.head.head
    if governing is None and noun.dep_ in ("dobj", "nsubjpass") and noun.head.pos_ == "VERB":
        governing = noun.head
    if governing is not None:
        if not actors or entry.recip:
            actors = subject_tokens(governing, lexicon) + actors
            if entry.recip:
                actors += pobjs(governing, {"with", "between"})
        if not recipients:
            preps = rpreps | ({"to", "in"} if entry.visit else set())
            recipients = [t for t in pobjs(governing, preps) if t != noun]
            if not entry.recip:
                recipients += [
                    o for c in governing.children if c.dep_ == "dative" for o in conjoined(c)
                ]
    if governing is not None and not recipients and governing == light:
        recipients = patient_tokens(governing, lexicon)  # "was put under investigation"
    if entry.visit and not recipients:
        for actor in actors:  # "the arrival of X in Minsk"
            recipients += pobjs(actor, {"in", "to"})
    if event == "REQUEST" and not recipients:  # "its demand that X ease ...": X is asked
        clauses = [c for c in noun.children if c.dep_ in ("acl", "ccomp")]
        if governing is not None:
            clauses += [
                c for c in governing.children
                if c.dep_ == "ccomp" and any(m.lower_ == "that" for m in c.children)
            ]  # fmt: skip
        for clause in clauses:
            recipients = [t for t in subject_tokens(clause, lexicon) if t not in actors]
            if recipients:
                break
    return actors, recipients


#: prepositions whose object, in a decided clause, is whom the decision is about
CLAUSE_RECIPIENT_PREPS = frozenset(
    {"with", "to", "against", "on", "upon", "for", "between", "from", "toward", "towards"}
)


def clause_recipients(clause: Token, lexicon: Lexicon, depth: int = 0) -> list[Token]:
    """Who a decided clause is about when it holds no trigger of its own: "threatened to
    break relations with X", "refused to meet X's king", "agreed to provide aid for X"; its
    objects and prepositional objects that name someone, else those of its own complement
    ("promised to continue aid to X")."""
    found: list[Token] = []
    for child in clause.children:
        if child.dep_ in ("dobj", "dative") and child.pos_ != "ADP":
            for obj in conjoined(child):
                if is_actorish(obj, lexicon):
                    found.append(obj)
                else:
                    found += [  # "meet Jordan's king", "contact with X"
                        p for p in obj.children if p.dep_ == "poss" and is_actorish(p, lexicon)
                    ] + [p for p in pobjs(obj, CLAUSE_RECIPIENT_PREPS) if is_actorish(p, lexicon)]
        elif child.dep_ in ("prep", "dative"):
            found += [p for p in pobjs(clause, CLAUSE_RECIPIENT_PREPS) if is_actorish(p, lexicon)]
            break
    if not found and depth < 2:
        for child in clause.children:
            if child.dep_ in ("xcomp", "ccomp") and child.pos_ in ("VERB", "AUX"):
                found += clause_recipients(child, lexicon, depth + 1)
    return list(dict.fromkeys(found))


def condition_subjects(token: Token, lexicon: Lexicon) -> list[Token]:
    """ "threatened to X unless Baghdad accepted": who must comply is the threat's target."""
    node = token
    for _ in range(3):
        for child in node.children:
            if child.dep_ == "advcl" and any(
                m.dep_ == "mark" and m.lower_ in lexicon.sets["conditional_marks"]
                for m in child.children
            ):
                return [
                    s for c in child.children if c.dep_ in ("nsubj", "nsubjpass")
                    for s in conjoined(c) if not is_pronoun(s, lexicon)
                ]  # fmt: skip
        clauses = [c for c in node.children if c.dep_ == "xcomp"]
        if not clauses:
            return []
        node = clauses[0]
    return []


def assign_roles(trigger: Trigger, event: str, lexicon: Lexicon) -> tuple[list[Token], list[Token]]:
    """Actor and recipient noun-phrase heads of a trigger (before coding them)."""
    entry = trigger.entry
    token = trigger.token
    if entry.pos == "N":
        actors, recipients = noun_roles(token, trigger.light, entry, event, lexicon)
    elif entry.pos == "A":  # "is ready to host", "is opposed to"
        verb = token.head if token.head.pos_ in ("AUX", "VERB") else token
        actors, recipients = subject_tokens(verb, lexicon), []
        if trigger.comp is None:
            recipients = [
                r for c in token.children if c.dep_ == "xcomp"
                for r in clause_recipients(c, lexicon)
            ]  # fmt: skip
    else:
        actors, recipients = verb_roles(token, entry, event, lexicon)
    if event == "THREATEN":
        recipients = recipients or condition_subjects(token, lexicon)
    comp = trigger.comp
    ctrl = "request" if entry.ctrl == "order" else entry.ctrl
    if comp is None and not recipients and ctrl in ("agree", "request", "threaten", "reject"):
        for clause in token.children:
            if clause.dep_ == "ccomp" and ctrl == "request":  # "demanded that X cancel"
                subjects = subject_tokens(clause, lexicon) or patient_tokens(clause, lexicon)
                recipients = [s for s in subjects if s not in actors]
            elif clause.dep_ in ("xcomp", "ccomp"):
                recipients = clause_recipients(clause, lexicon)
            if recipients:
                break
    if comp is None:
        return actors, recipients
    if ctrl not in ("agree", "request", "threaten", "reject", "deny"):
        if not recipients and ctrl in ("aspect", "future"):  # "kept sending aid to X"
            recipients = assign_roles(comp, event, lexicon)[1]
        return actors, recipients
    inner_actors, inner_recipients = assign_roles(comp, comp.entry.event, lexicon)
    if ctrl == "request" and not recipients:
        recipients = [t for t in inner_actors if t not in actors] or inner_recipients
    if ctrl == "request" and not recipients:
        for clause in token.children:  # "demanding that the government provide ..."
            if clause.dep_ == "ccomp":
                recipients = subject_tokens(clause, lexicon)
    elif ctrl == "agree":
        if comp.entry.recip:  # "offered to negotiate with X": X is whom the offer is made to
            recipients = recipients + [t for t in inner_actors if t not in actors]
        recipients = recipients + inner_recipients
    else:
        recipients = recipients + inner_recipients
    if not recipients and ctrl != "deny":  # "threatened to cut links with X"
        recipients = [t for t in clause_recipients(comp.token, lexicon) if t not in actors]
    return actors, recipients


def participant(doc: Doc, token: Token, lexicon: Lexicon) -> Participant | None:
    """Code one noun-phrase head through the actor layer, trying the head, the phrase,
    its apposition, its modifiers ("Israeli troops") and its "of" phrase ("chief of X")."""
    if token.lower_ in lexicon.sets["relative_pronouns"] and token.head.dep_ == "relcl":
        token = token.head.head
    if is_pronoun(token, lexicon):
        return None
    found = participant_at(doc, token)
    if found is not None:
        return found
    span = np_span(doc, token)
    if len(span) > 1:
        found = participant_at(doc, span)
        if found is not None:
            return found
    for child in token.children:
        if child.dep_ == "appos":
            found = participant_at(doc, np_span(doc, child))
            if found is not None:
                return found
    if is_actorish(token, lexicon):
        for child in token.children:  # "five Panamanian army officers": whose they are
            if child.dep_ in ("amod", "compound") and child.ent_type_ in ("NORP", "GPE"):
                found = participant_at(doc, child)
                if found is not None and found.code:
                    return Participant(text=span.text, code=found.code)
        return Participant(text=span.text)
    return None


def np_span(doc: Doc, token: Token) -> Span:
    """The noun phrase of a head: its modifiers and its "of" phrases, not its clauses."""
    left = token.i
    for child in token.lefts:
        if child.dep_ in NP_MODIFIERS:
            left = min(left, child.left_edge.i)
    right = token.i
    for child in token.rights:
        if (child.dep_ == "prep" and child.lower_ == "of") or child.dep_ in ("compound", "nmod"):
            right = max(right, child.right_edge.i)
        else:
            break
    return doc[left : right + 1]


def participants(doc: Doc, tokens: list[Token], lexicon: Lexicon) -> list[Participant]:
    found: list[Participant] = []
    seen: set[int] = set()
    for token in tokens:
        if token.i in seen:
            continue
        seen.add(token.i)
        p = participant(doc, token, lexicon)
        if p is not None and p.code is None:
            found.extend(pair_members(doc, token, lexicon) or [p])
        elif p is not None and coordinated_modifiers(token):
            # "Chinese and Russian navies": one phrase, every side a participant
            found.extend(participants_at(doc, token) or [p])
        elif p is not None:
            found.append(p)
    return found


def coordinated_modifiers(token: Token) -> bool:
    """ "US and British forces": the head's modifiers are conjoined."""
    return any(
        c.dep_ in ("amod", "compound", "nmod") and any(g.dep_ == "conj" for g in c.children)
        for c in token.children
    )


def pair_members(doc: Doc, token: Token, lexicon: Lexicon) -> list[Participant]:
    """ "the two governments", "both countries", "the two men": the last two states the
    article coded before the phrase, each as a participant of its own (a compound actor)."""
    if token.lemma_.lower() not in lexicon.sets["pair_nouns"] or not any(
        child.lower_ in ("two", "both") for child in token.children
    ):
        return []
    index = doc._.actor_index or []
    phrase = np_span(doc, token).text
    members: dict[str, Participant] = {}
    for i in range(min(token.i, len(index)) - 1, -1, -1):
        earlier = index[i]
        if earlier is None or not earlier.code or earlier.code in ("IGO", "NGO", "MNC"):
            continue
        if earlier.code not in members:
            members[earlier.code] = Participant(
                text=phrase, name=earlier.name, entity_id=earlier.entity_id,
                code=earlier.code, sector=earlier.sector,
            )  # fmt: skip
            if len(members) == 2:
                return list(members.values())
    return []


# ---------------------------------------------------------------- auxiliary modes


def governing_verb(noun: Token) -> Token | None:
    """The verb whose argument (or prepositional object) an event noun is."""
    node = noun
    for _ in range(3):
        head = node.head
        if head == node:
            return None
        if head.pos_ in ("VERB", "AUX"):
            return head if node.dep_ in ("nsubj", "nsubjpass", "dobj", "prep", "attr") else None
        if node.dep_ not in ("pobj", "prep"):
            return None
        node = head
    return None


def own_subject(token: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in token.children)


def modifier_chain(token: Token, lexicon: Lexicon) -> list[str]:
    """Control classes of the verbs above ``token`` ("plans to", "failed to", "denied")."""
    chain: list[str] = []
    node = token
    for _ in range(5):
        if node.dep_ not in CLAUSE_LINKS or node.head == node:
            break
        if node.dep_ == "conj" and own_subject(node):
            break  # "X denied it, but Y is expected to travel": separate clauses
        head = node.head
        if head.pos_ == "ADJ" and head.head.pos_ in ("AUX", "VERB"):
            ctrl = ctrl_of(head, lexicon)
            if ctrl:
                chain.append(ctrl)
            head = head.head
        ctrl = ctrl_of(head, lexicon)
        if ctrl:
            chain.append(ctrl)
            if ctrl in ("agree", "request", "threaten", "reject", "report", "order", "deny"):
                break
        if node.dep_ == "conj":
            node = head
            continue
        node = head
    return chain


def is_purpose(token: Token, lexicon: Lexicon) -> bool:
    """ "visited Minsk to discuss cooperation": an intended action, not a reported fact."""
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children):
        return False
    head = token.head
    if head.lemma_.lower() in ("attempt", "bid", "plot", "effort"):
        return False  # "an attempt to assassinate X": the (attempted) act itself
    if head.lemma_.lower() in ("use", "employ") and head.pos_ == "VERB":
        return False  # "used explosives to breach the wall": what the means achieved
    if token.dep_ in ("advcl", "acl"):
        return ctrl_of(head, lexicon) is None or head.pos_ in NOUN_LIKE
    if token.dep_ == "xcomp" and head.lemma_.lower() == "be":  # "the aim is to discuss"
        return any(
            c.dep_ == "nsubj" and c.lemma_.lower() in lexicon.sets["future_nouns"]
            for c in head.children
        )
    return False


def aux_modes(token: Token, lexicon: Lexicon, stop: Token | None = None) -> list[str]:
    """historical/future/hypothetical/negation marked on ``token``'s clause and the
    plan, condition and possibility words above it (up to a reporting verb)."""
    aux: set[str] = set()
    sets = lexicon.sets
    node = token
    reported = False
    for _ in range(6):
        for child in node.children:
            dep = child.dep_
            lower = child.lower_
            if dep == "neg" or (dep == "advmod" and lower == "never"):
                aux.add("negation")
            elif dep in ("nsubj", "nsubjpass") and any(
                d.dep_ == "det" and d.lower_ in ("no", "neither") for d in child.children
            ):
                aux.add("negation")  # "No aircraft entered", "Neither side published"
            elif dep in ("aux", "auxpass"):
                if lower in sets["future_modals"] or child.lemma_.lower() in ("will", "shall"):
                    aux.add("future")
                elif lower == "would":
                    aux.add("would")
                elif lower in sets["hypothetical_modals"]:
                    aux.add("hypothetical")
            elif (dep == "mark" and lower in sets["conditional_marks"] and node is token) or (
                dep == "advcl"
                and node is token
                and any(
                    m.dep_ == "mark" and m.lower_ in sets["conditional_marks"]
                    for m in child.children
                )
            ):
                aux.add("hypothetical")
        if node.lemma_.lower() == "go" and node.tag_ == "VBG" and node is not token:
            aux.add("future")
        if (
            node is token
            and node.dep_ == "xcomp"
            and node.head.lemma_.lower() == "be"
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in node.children)
            and not is_purpose(node, lexicon)
        ):
            aux.add("future")  # "Hamas is to release the hostages"
        if node is token and is_purpose(node, lexicon):
            aux.add("hypothetical")
        if node.dep_ not in CLAUSE_LINKS and node.dep_ not in ("acl", "relcl"):
            break
        if node.dep_ == "conj" and own_subject(node):
            break
        head = node.head
        if head in (node, stop):
            break
        if head.pos_ in NOUN_LIKE:
            if node.dep_ == "acl" and node.tag_ == "VBN":
                break  # "the plan, signed in 2024": the plan is what was signed
            lemma = head.lemma_.lower()
            if lemma in sets["hypothetical_nouns"]:
                aux.add("hypothetical")
            elif lemma in sets["future_nouns"]:
                aux.add("future")
            break
        if head.pos_ == "ADJ":
            if ctrl_of(head, lexicon) == "future":
                aux.add("future")
            head = head.head
        ctrl = ctrl_of(head, lexicon)
        if ctrl == "report":
            reported = True
            break
        if ctrl == "future" and node.dep_ in ("xcomp", "ccomp"):
            aux.add("future")
        elif ctrl == "hypothetical" and node.dep_ in ("xcomp", "ccomp"):
            aux.add("hypothetical")
        elif ctrl in ("agree", "request", "threaten", "reject", "order", "deny"):
            break
        if node.dep_ == "advcl":
            break
        node = head
    if "would" in aux:
        aux.discard("would")
        aux.add("future" if reported else "hypothetical")
    return sorted(aux)


NOUN_LIKE = frozenset({"NOUN", "PROPN"})
PLANNED = frozenset(
    {
        "planned",
        "proposed",
        "upcoming",
        "future",
        "scheduled",
        "expected",
        "forthcoming",
        "next",
        "prospective",
        "intended",
    }
)
POSSIBLE = frozenset({"possible", "potential", "hypothetical", "eventual", "would-be"})


def noun_aux(noun: Token, lexicon: Lexicon) -> list[str]:
    """Aux modes an event noun carries itself: "no talks", "a planned visit", "the
    possibility of an attack"."""
    aux: set[str] = set()
    for child in noun.children:
        lower = child.lower_
        if (child.dep_ == "det" and lower == "no") or child.dep_ == "neg":
            aux.add("negation")
        elif lower in PLANNED:
            aux.add("future")
        elif lower in POSSIBLE:
            aux.add("hypothetical")
    node = noun
    for _ in range(3):
        if node.dep_ not in ("pobj", "prep", "compound", "conj", "acl"):
            break
        node = node.head
        lemma = node.lemma_.lower()
        if lemma in lexicon.sets["hypothetical_nouns"]:
            aux.add("hypothetical")
        elif node.pos_ in NOUN_LIKE and lemma in lexicon.sets["future_nouns"]:
            aux.add("future")
    return sorted(aux)


def historical(doc: Doc, date: Date, aux: list[str]) -> list[str]:
    """An event dated in a year before the publication year is background history."""
    article = doc._.article
    if not date.start or date.from_publication or not article or not article.published:
        return aux
    try:
        if int(date.start[:4]) < int(article.published[:4]):
            return sorted(set(aux) | {"historical"})
    except ValueError:
        pass
    return aux


# ---------------------------------------------------------------- modes and contexts


def instrument_modes(trigger: Trigger, event: str, lexicon: Lexicon) -> list[str]:
    """ASSAULT weapon modes and MOBILIZE force modes from the words of the clause."""
    if event not in ("ASSAULT", "MOBILIZE"):
        return []
    root = trigger.light if trigger.light is not None else trigger.token
    words = [t for t in root.subtree]
    if event == "MOBILIZE":
        lemmas = {t.lemma_.lower() for t in words}
        if lemmas & {"police", "policeman", "gendarme"}:
            return ["police"]
        if lemmas & {"militia", "militiaman", "paramilitary"}:
            return ["militia"]
        if lemmas & {"missile", "warship", "ship", "weapon", "tank", "jet", "bomber", "launcher"}:
            return ["weapons"]
        return []
    if root.dep_ in ("advcl", "xcomp") and root.head.lemma_.lower() in ("use", "employ"):
        # "used explosives to breach the wall": the means is the object of "use"
        words += [t for c in root.head.children if c.dep_ == "dobj" for t in c.subtree]
    weapon_modes: dict[str, str] = lexicon.cues["weapon_modes"]
    modes: list[str] = []
    for word in words:
        mode = weapon_modes.get(word.lemma_.lower())
        if word.lemma_.lower() == "fire" and word.head.lemma_.lower() in ("open", "return"):
            mode = "firearms"  # "opened fire", "returned fire": guns, not flames
        if mode and mode not in modes:
            modes.append(mode)
    if "suicide-attack" in modes and "explosives" in modes:
        modes.remove("explosives")
    return modes[:2]


def sentence_contexts(sent: Span, sent_text: str, lexicon: Lexicon) -> list[str]:
    """PLOVER contexts whose cue words occur in the sentence."""
    text = f" {sent_text.lower()} "
    lemmas = {t.lemma_.lower() for t in sent} | {t.lower_ for t in sent}
    found: list[str] = []
    for context, cues in lexicon.cues["context_cues"].items():
        for cue in cues:
            if (" " in cue and cue in text) or cue in lemmas:
                found.append(context)
                break
    return found
