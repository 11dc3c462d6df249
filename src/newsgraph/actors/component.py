"""The ``newsgraph_actors`` component: named mentions to coded, deduplicated entities.

Rules, not a model: gazetteer phrases (states, demonyms, capitals, seats of power,
organisations, people) and role words are found with two ``PhraseMatcher`` passes built once
per pipeline; each noun chunk is then coded from what it contains, from its ``of``/``in``
chain ("the Ministry of Defence of Ukraine"), from an appositive title or from earlier
mentions (surnames, "the ministry", "the general", acronyms defined in brackets or spelling
an earlier name's initials, "the group", pronouns). A role nothing owns ("troops", "the
government") takes the state its context names (see ``_Resolution.context_state``).
The result is ``doc._.entities`` plus a per-token participant index
(``doc._.actor_index``) that makes :func:`participant_at` a list lookup.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans
from spacy.vocab import Vocab

from newsgraph.actors import gazetteer
from newsgraph.actors.gazetteer import Actor, Gazetteer, Role
from newsgraph.nlp import extensions
from newsgraph.records import Entity, Mention, Participant

#: The per-token participant index this component fills (registered in nlp/extensions.py).
INDEX_ATTRIBUTE = "actor_index"
extensions.register()

#: Dependencies that make a capital or seat of power an actor rather than a place.
ACTING_DEPS = frozenset({"nsubj", "poss", "agent"})
#: Prepositions that make a state or city named after them a place ("arrived in Minsk").
PLACE_PREPS = frozenset({"to", "into", "from", "toward", "towards"})
#: Verbs after which "in X" is where someone went, not whose they are ("arrived in Minsk").
MOTION_VERBS = frozenset({"arrive", "travel", "visit", "land", "fly", "go", "come", "be", "stay"})
ACTING_PREPS = frozenset({"between", "with", "by", "from", "against", "and"})
#: Prepositions whose object says whose a role is ("chief of the army", "rebels in Mali").
OWNER_PREPS = frozenset(
    {"of", "in", "for", "from", "at", "throughout", "across", "inside", "within"}
)
DETERMINERS = frozenset({"the", "this", "that", "these", "those"})
NAME_PARTICLES = frozenset({"of", "the", "and", "for", "de", "del", "al", "bin", "von", "der"})
#: Generic heads that take the role of their modifier ("opposition groups" are OPP).
GROUP_HEADS = frozenset(
    {"group", "groups", "coalition", "movement", "movements", "faction", "factions", "members",
     "organization", "organisation", "organizations", "organisations", "wing", "bloc"}
)  # fmt: skip
PRONOUNS = frozenset({"he", "she", "him", "her", "his", "hers"})
#: Participles whose agent leads the noun they modify ("a delegation headed by X").
LEADING_VERBS = frozenset({"head", "lead", "command", "chair"})
#: Codes of actors that are no state (IGOs, NGOs, companies, transnational militants).
NON_STATE_CODES = frozenset({"IGO", "NGO", "MNC", "IMG"})
#: Nouns that, after "the", stand for a state named before ("left the country").
STATE_NOUNS = frozenset({"country", "nation"})
#: Sectors of the named organisations "the group" may refer back to.
GROUP_SECTORS = frozenset({"REB", "OPP", "PTY", "NGO", "CVL", "LAB", "REL", "CRM"})
#: Heads of "thousands of troops": the troops are where the amount stands.
AMOUNT_WORDS = frozenset(
    {"thousands", "hundreds", "dozens", "scores", "millions", "number", "some", "all", "many"}
)
#: Prefixes that make a state name a stance ("anti-American", "pro-Russian").
STANCE_PREFIXES = frozenset({"anti", "pro"})
#: Participles that make a name a backer, not the group ("al-Qaeda-linked", "US-backed").
AFFILIATIONS = frozenset(
    {"linked", "backed", "affiliated", "allied", "aligned", "inspired", "supported", "sponsored",
     "funded", "trained", "armed", "sanctioned"}
)  # fmt: skip
#: Tokens that end a dateline ("BAMAKO - ").
DASHES = frozenset({"-", "–", "—", "--"})
#: Modifiers that say a role is not the context's own ("foreign intelligence services").
FOREIGN_WORDS = frozenset({"foreign", "international", "overseas", "western", "multinational"})


@Language.factory("newsgraph_actors", default_config={"extra_data": []})
def make_actor_resolver(nlp: Language, name: str, extra_data: list[str]) -> ActorResolver:
    return ActorResolver(nlp.vocab, gazetteer.load(extra_data))


@dataclass(slots=True)
class Unit:
    """One mention of an actor: a token span, its coding and the entity it belongs to."""

    start: int
    end: int
    code: str | None
    sector: str | None
    kind: str
    key: tuple[str, ...] | None  # entity key; None: a participant without an entity
    name: str | None = None
    role: Role | None = None
    titles: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    guessed: bool = False  # the code came from the context, not from the mention's words


@dataclass(slots=True)
class Chunk:
    """What one noun chunk holds before it is resolved."""

    start: int
    end: int
    root: int
    name: tuple[int, int, Actor] | None  # the gazetteer name covering the root
    modifiers: list[tuple[int, int, Actor]]  # gazetteer names before the root
    role: tuple[int, int, Role] | None  # the role covering the root
    role_modifier: tuple[int, int, Role] | None  # rightmost other role in the chunk
    person: Span | None
    org: Span | None


class ActorResolver:
    """Finds and codes actor mentions; one instance (and its matchers) per pipeline."""

    def __init__(self, vocab: Vocab, gaz: Gazetteer) -> None:
        self.gaz = gaz
        self.names = PhraseMatcher(vocab, attr="LOWER")
        self.acronyms = PhraseMatcher(vocab, attr="ORTH")
        self.roles = PhraseMatcher(vocab, attr="LOWER")
        tokenizer = _Tokenizer(vocab)
        self.name_actor: dict[int, Actor] = {}
        self.name_lower: dict[int, bool] = {}  # phrase written lower-case ("al-Qaeda")
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

    def __call__(self, doc: Doc) -> Doc:
        resolution = _Resolution(self, doc)
        resolution.run()
        doc._.entities = resolution.entities
        doc._.set(INDEX_ATTRIBUTE, resolution.index)
        return doc

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
        return kept

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


class _Resolution:
    """The work on one Doc: chunks to units, units to entities and the token index."""

    def __init__(self, resolver: ActorResolver, doc: Doc) -> None:
        self.r = resolver
        self.gaz = resolver.gaz
        self.doc = doc
        #: tokens made once: ``doc[i]`` builds a new Token object on every call
        self.tok: list[Token] = list(doc)
        self.source = doc.text  # built from the tokens on every access: read it once
        n = len(doc)
        self.name_at: list[tuple[int, int, Actor] | None] = [None] * n
        for span in resolver.name_spans(doc):
            for i in range(span[0], span[1]):
                self.name_at[i] = span
        self.role_at: list[tuple[int, int, Role] | None] = [None] * n
        for span in resolver.role_spans(doc):
            for i in range(span[0], span[1]):
                if self.name_at[i] is None:
                    self.role_at[i] = span
        self.ent_at: list[Span | None] = [None] * n
        for ent in doc.ents:
            if ent.label_ in ("PERSON", "ORG", "NORP", "GPE", "FAC"):
                for i in range(ent.start, ent.end):
                    self.ent_at[i] = ent
        self.chunks: list[Chunk] = []
        self.chunk_at: list[int | None] = [None] * n
        spans = [(c.start, c.end, c.root.i) for c in doc.noun_chunks]
        spans.extend(self.loose_chunks(spans))
        for start, end, root in sorted(spans):
            self.chunk_at[start:end] = [len(self.chunks)] * (end - start)
            self.chunks.append(self.describe(start, end, root))
        self.units: list[Unit] = []
        self.unit_of_chunk: dict[int, Unit | None] = {}
        self.in_progress: set[int] = set()
        self.acronym_entity: dict[str, Unit] = {}  # "FAR" -> the unit that defined it
        self.unspelled: dict[str, int] = {}  # capitals that spelled no name, at n units
        self.sentence_starts = (
            [s.start for s in doc.sents] if doc.has_annotation("SENT_START") else [0]
        )
        self._article_state: str | None = None  # computed on first use
        self.entities: list[Entity] = []
        self.index: list[Participant | None] = [None] * n

    # -- describing chunks -------------------------------------------------------------

    def loose_chunks(self, spans: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
        """Noun-like runs the parser left outside noun chunks ("Quatar's emir", a last "Cuba")."""
        doc = self.doc
        taken = [False] * len(doc)
        for start, end, _ in spans:
            taken[start:end] = [True] * (end - start)
        found = []
        i = 0
        while i < len(doc):
            start = i
            while i < len(doc) and not taken[i] and self.nominal(i):
                i += 1
            heads = [
                j
                for j in range(start, i)
                if self.tok[j].pos_ in ("NOUN", "PROPN") or self.role_at[j] is not None
            ]
            if heads:
                found.append((start, i, heads[-1]))
            i = max(i, start + 1)
        return found

    def nominal(self, i: int) -> bool:
        token = self.tok[i]
        if self.name_at[i] is not None or self.role_at[i] is not None:
            return True
        if self.ent_at[i] is not None and self.ent_at[i].label_ in ("PERSON", "ORG"):
            return True
        return token.pos_ in ("PROPN", "NOUN", "ADJ", "DET", "NUM") or token.tag_ == "POS"

    def describe(self, start: int, end: int, root: int) -> Chunk:
        name = self.name_at[root]
        modifiers: list[tuple[int, int, Actor]] = []
        role_modifier = None
        i = start
        while i < end:
            span = self.name_at[i]
            if span is not None and span is not name:
                if span[2].via != "person":
                    modifiers.append(span)
                i = span[1]
                continue
            role = self.role_at[i]
            if role is not None and not (role[0] <= root < role[1]):
                role_modifier = role
            i += 1
        role = self.role_at[root]
        ent = self.ent_at[root]
        person = ent if ent is not None and ent.label_ == "PERSON" and name is None else None
        if name is not None and name[2].via == "person":
            person = Span(self.doc, name[0], name[1])
        org = ent if ent is not None and ent.label_ in ("ORG", "FAC") else None
        return Chunk(start, end, root, name, modifiers, role, role_modifier, person, org)

    # -- resolving ---------------------------------------------------------------------

    def run(self) -> None:
        for ci in range(len(self.chunks)):
            self.resolve(ci)
        self.link_surnames_and_acronyms()
        self.link_pronouns()
        self.build_entities()

    def resolve(self, ci: int) -> Unit | None:
        """The unit of chunk ``ci`` (memoised; may be asked out of order by an ``of`` chain)."""
        if ci in self.unit_of_chunk:
            return self.unit_of_chunk[ci]
        if ci in self.in_progress:
            return None
        self.in_progress.add(ci)
        unit = self.make_unit(self.chunks[ci])
        self.in_progress.discard(ci)
        self.unit_of_chunk[ci] = unit
        if unit is not None:
            self.units.append(unit)
        return unit

    def make_unit(self, c: Chunk) -> Unit | None:
        doc = self.doc
        acronym = self.acronym_unit(c)
        if acronym is not None:
            return acronym
        if c.person is not None:
            return self.person_unit(c)
        if c.name is not None:
            return self.name_unit(c, c.name)
        if c.role is not None and c.role[0] < c.start:
            return None  # "the General Staff" inside "the chief of the General Staff"
        owner = self.possessor_person(c)
        if owner is not None:
            return owner
        root = self.tok[c.root]
        proper = root.pos_ == "PROPN" and root.text[:1].isupper()
        text = _strip_det(self.text(c.start, c.end))
        if proper and c.role is None and c.role_modifier is not None:
            title = c.role_modifier
            if title[2].kind == "person" and title[1] < c.end:
                c.person = Span(doc, title[1], c.end)  # "General Ana Ruiz": NER missed the name
                return self.person_unit(c)
        if proper and c.start > 0 and c.org is not None:
            named = self.named_by_apposition(c, text)
            if named is not None:
                return named
        if proper:
            earlier = self.known_name(text)
            if earlier is not None:
                return Unit(c.start, c.end, earlier.code, earlier.sector, earlier.kind, earlier.key,
                            earlier.name, earlier.role)  # fmt: skip
        generic = root.lower_ in GROUP_HEADS
        role = c.role or (c.role_modifier if c.modifiers or proper or generic else None)
        start, end = c.start, c.end
        if c.role is not None:
            end = max(end, c.role[1])
        if c.org is not None and c.org.start >= c.start:
            end = max(end, c.org.end)
        text = _strip_det(self.text(start, end))
        if role is None:
            if c.org is not None:
                code, sector = self.code_of(c)
                name = _strip_det(self.text(c.org.start, c.org.end))
                return Unit(start, end, code, sector, "organization", ("org", name.lower()), name)
            if c.modifiers:  # "the Russian offensive": the state acts through its modifier
                first = c.modifiers[0]
                if self.tok[first[1] - 1].dep_ == "poss" or self.tok[first[1]].tag_ == "POS":
                    return self.name_unit(c, first, start=first[0], end=first[1])
                return self.name_unit(c, first, start=c.start, end=c.end)
            if generic and self.is_definite(c) and c.end - c.start == 2:
                return self.group_antecedent(c)  # "the group said"
            if root.lower_ in STATE_NOUNS and self.is_definite(c) and c.end - c.start == 2:
                return self.state_antecedent(c)  # "left the country"
            return None
        code, owner_sector = self.code_of(c)
        sector = role[2].sector or (c.role_modifier[2].sector if c.role_modifier else None)
        if sector is None:
            sector = owner_sector or (c.modifiers[0][2].sector if c.modifiers else None) or "GOV"
        kind = role[2].kind
        if code is None and sector in ("OPP", "REB"):
            code = self.only_state_in_sentence(c.start)
        if (
            code is None
            and c.role is not None
            and self.is_definite(c)
            and not proper
            and not self.counted(c, role[2])
        ):
            earlier = self.antecedent(role[2], c.start, self.tok[c.root].lower_)
            if earlier is not None:
                return Unit(start, end, earlier.code, earlier.sector, earlier.kind, earlier.key,
                            earlier.name, earlier.role, list(earlier.titles))  # fmt: skip
        guessed = False
        if code is None and (not proper or c.role is not None) and self.unowned(c, role[2]):
            code = self.context_state(c, role[2])
            guessed = code is not None
        key: tuple[str, ...] | None
        if proper and not (kind == "person" and c.role is not None):
            if c.role is None:  # "the Belarusian state company ALEVKURP"
                name = _strip_det(self.text(role[1], end)) if role[1] < end else text
            else:
                name = _strip_det(c.org.text) if c.org is not None else text
            key = ("org", name.lower())
            kind = "organization" if kind == "person" else kind
        elif kind == "person":  # a title without a name yet ("the chief of the army")
            name = text
            key = ("role", code, role[2].key, str(start)) if code is not None else None
        elif code is not None and kind != "person":
            name = f"{self.country_name(code)} {role[2].key}"
            key = ("role", code, role[2].key)
        else:
            name, key = None, None
        unit = Unit(start, end, code, sector, kind, key, name, role[2], guessed=guessed)
        if kind == "person":
            unit.titles.append(self.text(role[0], role[1]))
        self.extra_modifier_units(c, unit)
        return unit

    def possessor_person(self, c: Chunk) -> Unit | None:
        """ "President Reagan's latest statement": the person in the possessive is the actor."""
        if c.role is not None:
            return None
        for i in range(c.start, c.root):
            if self.tok[i].tag_ != "POS" or i == c.start:
                continue
            last = i - 1
            ent = self.ent_at[last]
            listed = self.name_at[last]
            if (ent is not None and ent.label_ == "PERSON") or (
                listed is not None and listed[2].via == "person"
            ):
                described = self.describe(c.start, i, last)
                # a name tagged PERSON may still describe no person (e.g. a title alone)
                return self.person_unit(described) if described.person is not None else None
        return None

    def named_by_apposition(self, c: Chunk, name: str) -> Unit | None:
        """ "the Belarusian state company | ALEVKURP": a name right after an unnamed institution."""
        for unit in reversed(self.units):
            if unit.end != c.start:
                continue
            if unit.role is None or unit.role.kind == "person" or unit.key is None:
                return None
            if unit.key[0] != "role":
                return None
            key = ("org", name.lower())
            unit.key, unit.name = key, name
            return Unit(c.start, c.end, unit.code, unit.sector, unit.kind, key, name, unit.role)
        return None

    def known_name(self, text: str) -> Unit | None:
        """An earlier named actor this chunk repeats: a surname, or a name said before."""
        lowered = text.lower()
        for unit in reversed(self.units):
            if unit.key is None or unit.name is None:
                continue
            name = unit.name.lower()
            if name == lowered or (
                unit.kind == "person" and unit.key[0] == "person" and name.endswith(" " + lowered)
            ):
                return unit
        return None

    def name_unit(self, c: Chunk, span: tuple[int, int, Actor], start: int | None = None,
                  end: int | None = None) -> Unit | None:  # fmt: skip
        """A chunk headed (or, for a bare modifier, coloured) by a gazetteer name."""
        s, e, actor = span
        start = c.start if start is None else start
        end = c.end if end is None else end
        root = self.tok[c.root]
        if actor.via == "country" or (actor.via == "demonym" and span is not c.name):
            return Unit(start, end, actor.code, None, "state", ("state", actor.code), actor.name)
        if actor.via == "ethnic" and span is not c.name:
            return None  # "the Kurdish language": no actor without a role word
        if actor.via in ("demonym", "ethnic"):  # "Cubans", "the Cuban", "Uighurs": the people
            if c.modifiers and c.modifiers[0][2].via in ("country", "demonym"):
                actor = c.modifiers[0][2]  # "Bosnian Serbs", "Iraqi Kurds": where they live
            elif self.ethnic(s) or actor.via == "ethnic":
                actor = self.residence(s, actor)
            if not actor.code:
                return None  # "Kurds" in a sentence that says nowhere
            key = ("role", actor.code, "civilians")
            name = f"{actor.name} civilians"
            return Unit(start, end, actor.code, "CVL", "group", key, name)
        if actor.via == "place":
            key = ("place", actor.name.lower())
            return Unit(start, end, actor.code or None, None, "place", key, actor.name)
        phrase = self.text(s, e)
        acting = self.acting(root) if span is c.name else self.tok[e - 1].dep_ == "poss"
        if actor.via == "capital" or (actor.via == "seat" and phrase.lower() in self.gaz.capitals):
            code = self.gaz.capitals.get(phrase.lower(), actor.code)
            if actor.via == "seat" and acting:
                kind = "igo" if actor.code == "IGO" else "organization"
                key = ("org", actor.name.lower())
                return Unit(start, end, actor.code, actor.sector, kind, key, actor.name)
            if acting:
                name = f"Government of {self.country_name(code)}"
                return Unit(start, end, code, "GOV", "organization", ("role", code, "government"),
                            name, aliases=[phrase])  # fmt: skip
            return Unit(start, end, code, None, "place", ("place", phrase.lower()), phrase)
        kind = actor.kind if actor.kind in ("igo", "group", "person") else "organization"
        sector = actor.sector
        if c.role is not None and span is not c.name:
            sector = c.role[2].sector or sector
        unit = Unit(start, end, actor.code, sector, kind, ("org", actor.name.lower()), actor.name)
        if phrase != actor.name:
            unit.aliases.append(phrase)
        return unit

    def person_unit(self, c: Chunk) -> Unit:
        person = c.person
        assert person is not None
        listed = c.name[2] if c.name is not None and c.name[2].via == "person" else None
        name = listed.name if listed else _strip_det(person.text)
        earlier = self.person_named(name)
        code = listed.code if listed else None
        sector = listed.sector if listed else None
        titles: list[str] = []
        title_role = None
        title_sector = None
        for i in range(c.start, person.start):
            role = self.role_at[i]
            if role is not None and role[0] == i:
                titles.append(self.text(role[0], role[1]))
                title_role = role[2]
                title_sector = role[2].sector or title_sector  # "the party's leader": PTY
        if c.modifiers:
            code = c.modifiers[0][2].code
        if title_role is not None:
            sector = title_sector or sector
        if code is None or sector is None:
            owner_code, owner_sector = self.owner(c.root)
            code = code or owner_code
            if title_role is not None and title_role.sector is None:
                sector = sector or owner_sector
        title_unit = self.title_apposition(c)
        if title_unit is not None:
            code = code or title_unit.code
            if title_role is None or title_role.sector is None:
                sector = title_unit.sector or sector
            titles.extend(title_unit.titles)
        if titles and sector is None:
            sector = "GOV"
        if code is None and earlier is None:
            code = self.led_unit_state(c.root)  # "a delegation of Belarus headed by X"
        if titles and code is None and earlier is None:
            code = self.only_state_in_sentence(c.start)
            if code is None and not self.states_named(*self.sentence_bounds(c.start)):
                code = self.article_state()  # "Interior Minister X said" in a Kenyan story
        if earlier is not None:
            code = code or earlier.code
            sector = sector or earlier.sector
        key = ("person", name.lower()) if earlier is None else earlier.key
        unit = Unit(c.start, max(c.end, person.end), code, sector, "person", key, name,
                    titles=titles)  # fmt: skip
        if title_unit is not None:
            title_unit.key, title_unit.kind = key, "person"
            title_unit.code, title_unit.sector, title_unit.name = code, sector, name
        if earlier is not None:
            for u in self.units:
                if u.key == key:
                    u.code, u.sector = u.code or code, u.sector or sector
        return unit

    def title_apposition(self, c: Chunk) -> Unit | None:
        """A title next to a name: "U.S. Secretary of State | Warren Christopher", "the chief
        of ..., General X," or "X, head of ..."."""
        doc = self.doc
        if c.start > 0 and self.chunk_at[c.start - 1] is not None:
            self.resolve(self.chunk_at[c.start - 1])  # type: ignore[arg-type]
            for unit in self.units:
                if (
                    unit.end == c.start
                    and unit.kind == "person"
                    and unit.role is not None
                    and (unit.key is None or unit.key[0] == "role")
                ):
                    return unit
        if c.start > 1 and self.tok[c.start - 1].text == ",":
            # "met the chief of the Belarusian general staff, General X": the title's head
            token = self.tok[c.start - 2]
            for _ in range(4):  # up the "of" chain to the nearest title
                ci = self.chunk_at[token.i]
                if (
                    ci is not None
                    and self.chunks[ci].person is None
                    and ci != self.chunk_at[c.start]
                ):
                    unit = self.resolve(ci)
                    if self.is_title(unit):
                        return unit
                if not (token.dep_ == "pobj" and token.head.dep_ == "prep"):
                    break
                if token.head.head.i > token.i:
                    break
                token = token.head.head
            sent_start = self.sentence_start(c.start)
            i = c.start - 2
            while i > sent_start and self.tok[i].text != ",":
                i -= 1
            seg_start = i + 1 if self.tok[i].text == "," else i
            for j in range(seg_start, c.start - 1):
                ci = self.chunk_at[j]
                if ci is not None and self.chunks[ci].start == j:
                    unit = self.resolve(ci)
                    if (
                        unit is not None
                        and unit.kind == "person"
                        and unit.role is not None
                        and self.chunks[ci].person is None
                    ):
                        return unit
                    break
        if c.end < len(doc) and self.tok[c.end].text == ",":
            ci = self.chunk_at[c.end + 1] if c.end + 1 < len(doc) else None
            if ci is not None and self.chunks[ci].person is None:
                unit = self.resolve(ci)
                if unit is not None and unit.kind == "person" and unit.role is not None:
                    return unit
        return None

    @staticmethod
    def is_title(unit: Unit | None) -> bool:
        """A title with no name yet ("the chief of the general staff")."""
        return (
            unit is not None
            and unit.kind == "person"
            and unit.role is not None
            and (unit.key is None or unit.key[0] == "role")
        )

    def extra_modifier_units(self, c: Chunk, unit: Unit) -> None:
        """ "Hungarian and Romanian officials": each further state modifier is its own actor."""
        for s, e, actor in c.modifiers[1:]:
            if actor.code == unit.code or actor.via not in ("country", "demonym"):
                continue
            key = ("role", actor.code, unit.role.key) if unit.role else ("state", actor.code)
            name = f"{actor.name} {unit.role.key}" if unit.role else actor.name
            self.units.append(Unit(s, e, actor.code, unit.sector, unit.kind, key, name, unit.role))

    def acronym_unit(self, c: Chunk) -> Unit | None:
        """ "(FAR)" after a name defines an alias; a later "FAR" means the same actor."""
        for i in range(c.start, c.end):
            text = self.tok[i].text
            if text not in self.acronym_entity:
                defined = self.defines_acronym(i)
                if defined is None:
                    known = len(self.units)  # only names said since the last try can match
                    spelled = self.initials_of(i) if self.unspelled.get(text) != known else None
                    if spelled is None:
                        self.unspelled[text] = known
                    else:  # "the Kenya Defence Forces" ... "a KDF spokesman"
                        self.acronym_entity[text] = spelled
                        if i == c.root:
                            return Unit(c.start, c.end, spelled.code, spelled.sector, spelled.kind,
                                        spelled.key, spelled.name)  # fmt: skip
                    continue
                self.acronym_entity[text] = defined
                defined.aliases.append(text)
                return Unit(i, i + 1, defined.code, defined.sector, defined.kind, defined.key,
                            defined.name)  # fmt: skip
            if i == c.root:
                target = self.acronym_entity[text]
                return Unit(c.start, c.end, target.code, target.sector, target.kind, target.key,
                            target.name)  # fmt: skip
        return None

    def initials_of(self, i: int) -> Unit | None:
        """An acronym never defined in brackets that spells the initials of a name said
        before it: "KDF" after "the Kenya Defence Forces"."""
        token = self.tok[i]
        letters = token.text.replace(".", "")
        if not (2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper()):
            return None
        if self.name_at[i] is not None:
            return None
        for unit in reversed(self.units):
            if unit.start >= i or unit.code is None or unit.key is None or unit.kind == "person":
                continue
            words = [
                w for w in _strip_det(self.text(unit.start, unit.end)).split()
                if w[:1].isupper() and w.lower() not in NAME_PARTICLES
            ]  # fmt: skip
            if len(words) == len(letters) and "".join(w[0] for w in words) == letters:
                return unit
        return None

    def defines_acronym(self, i: int) -> Unit | None:
        doc = self.doc
        token = self.tok[i]
        if not (
            0 < i < len(doc) - 1 and self.tok[i - 1].text == "(" and self.tok[i + 1].text == ")"
        ):
            return None
        letters = [ch for ch in token.text if ch.isalpha()]
        if not (2 <= len(letters) <= 8 and token.text.upper() == token.text):
            return None
        if i < 2 or self.chunk_at[i - 2] is None:
            return None
        token = self.tok[i - 2]
        # "the Federal Intelligence Service of Germany (BNDX)": the acronym names the head.
        while token.dep_ == "pobj" and token.head.dep_ == "prep" and token.head.head.i < token.i:
            token = token.head.head
        ci = self.chunk_at[token.i]
        if ci is None:
            ci = self.chunk_at[i - 2]
        return self.resolve(ci)  # type: ignore[arg-type]

    # -- helpers -----------------------------------------------------------------------

    def code_of(self, c: Chunk) -> tuple[str | None, str | None]:
        """The state (or IGO) a role chunk belongs to, and that owner's sector."""
        for start, _, actor in c.modifiers:
            if (actor.via == "demonym" and self.ethnic(start)) or actor.via == "ethnic":
                actor = self.residence(start, actor)  # "ethnic Albanians", "Kurdish fighters"
                if not actor.code:
                    break  # "Druze inhabitants of the Syrian Golan": the of-phrase may say
            return actor.code or None, actor.sector
        for i in range(c.start, c.end):
            target = self.acronym_entity.get(self.tok[i].text)
            if target is not None:
                return target.code, target.sector
            span = self.name_at[i]
            if span is not None and span[2].via == "person" and i != c.root:
                return span[2].code, None  # "President Suharto's government"
        return self.owner(c.root)

    def owner(self, root: int, depth: int = 0) -> tuple[str | None, str | None]:
        """Code and sector from an ``of``/``in`` chain: "chief of the staff of the army of Cuba"."""
        if depth > 4:
            return None, None
        children = list(self.tok[root].children)
        for child in list(children):
            if child.dep_ in ("acl", "relcl"):  # "a group based in Trinidad"
                children.extend(child.children)
        for child in children:
            if child.dep_ != "prep" or child.lower_ not in OWNER_PREPS:
                continue
            for obj in child.children:
                if obj.dep_ != "pobj":
                    continue
                ci = self.chunk_at[obj.i]
                unit = self.resolve(ci) if ci is not None else None
                if unit is not None and unit.guessed:
                    continue  # "the delegation of about a dozen officers": guessed, not said
                if unit is not None and unit.code is not None and unit.kind != "place":
                    return unit.code, unit.sector
                if unit is not None and unit.kind == "place" and child.lower_ != "of":
                    return unit.code, None  # "rebels in Mali"
                if unit is not None and unit.kind == "place":
                    return unit.code, None
                code, sector = self.owner(obj.i, depth + 1)
                if code is not None:
                    return code, sector
        return None, None

    def acting(self, token: Token) -> bool:
        """A capital or seat of power that does or says something, not a place."""
        while token.dep_ == "conj" and token.head is not token:
            token = token.head
        if token.dep_ in ACTING_DEPS:
            return True
        return token.dep_ == "pobj" and token.head.lower_ in ACTING_PREPS

    def unowned(self, c: Chunk, role: Role) -> bool:
        """A role whose state the context may supply. Not "the two generals" (several sides),
        "foreign intelligence services" (someone else's), "the use of force" (a thing), nor
        forces a subject deploys ("Kenya deployed troops": the subject already names the side;
        ``deploy_verbs.tsv``)."""
        if self.counted(c, role):
            return False
        if any(token.lower_ in FOREIGN_WORDS for token in self.tok[c.start : c.root]):
            return False
        if any(not actor.code and actor.via == "place" for _, _, actor in c.modifiers):
            return False  # "Latin American governments": a region of several states
        root = self.tok[c.root]
        if c.end - c.start == 1 and root.tag_ == "NN" and root.dep_ not in ("nsubj", "nsubjpass"):
            return False  # "share intelligence", "the use of force": a thing, not an actor
        keys = {role.key, c.role_modifier[2].key if c.role_modifier else None}
        if "armed forces" not in keys or self.possessive_pronoun(c) is not None:
            return True
        token = self.tok[c.root]  # "deployed thousands of troops and militia members"
        for _ in range(4):
            if token.dep_ == "conj":
                token = token.head
            elif token.dep_ == "pobj" and token.head.lower_ == "of":
                amount = token.head.head
                if not (amount.pos_ == "NUM" or amount.lower_ in AMOUNT_WORDS):
                    break
                token = amount
        return not (token.dep_ == "dobj" and token.head.lemma_.lower() in self.gaz.deploy_verbs)

    def state_antecedent(self, c: Chunk) -> Unit | None:
        """ "The country", "the nation": the state last named by its name or capital (a
        demonym, as in "French troops left the country", describes someone else)."""
        for i in range(c.start - 1, -1, -1):
            span = self.name_at[i]
            if span is not None and span[2].via in ("country", "capital") and span[2].code:
                code = span[2].code
                return Unit(c.start, c.end, code, None, "state", ("state", code),
                            self.country_name(code))  # fmt: skip
        return None

    def group_antecedent(self, c: Chunk) -> Unit | None:
        """ "The group", "the movement": the latest named armed group, party or movement."""
        for unit in reversed(self.units):
            if unit.start >= c.start or unit.code is None or unit.key is None:
                continue
            if unit.key[0] == "org" and (unit.kind == "group" or unit.sector in GROUP_SECTORS):
                return Unit(c.start, c.end, unit.code, unit.sector, unit.kind, unit.key,
                            unit.name)  # fmt: skip
        return None

    def counted(self, c: Chunk, role: Role | None = None) -> bool:
        """ "The two generals", "both ministries": several sides, not one antecedent, unless
        an earlier mention counted them the same way ("two Malian diplomats" ... "the two
        diplomats")."""
        words = [t.lower_ for t in self.tok[c.start : c.root] if t.head.i == c.root]
        if not ("both" in words or ("two" in words and words[0] in DETERMINERS)):
            return False
        earlier = self.antecedent(role, c.start) if role is not None else None
        if earlier is not None:  # counted and given one state in the same words
            said = {t.lower_ for t in self.tok[earlier.start : earlier.end]}
            named = any(self.name_at[i] is not None for i in range(earlier.start, earlier.end))
            return not (named and ("two" in said or "both" in said))
        return True

    def possessive_pronoun(self, c: Chunk) -> Token | None:
        for token in self.tok[c.start : c.root]:
            if token.lower_ in ("its", "their") and token.dep_ == "poss":
                return token
        return None

    def context_state(self, c: Chunk, role: Role) -> str | None:
        """The state an unowned role belongs to ("troops", "the government", "officials"):
        the possessor of "its"/"their", then the latest earlier mention of the same role, then
        the one state its sentence names, then the state the sentence names most often, then
        the speaker's when it is reported speech, and failing that the article's."""
        pronoun = self.possessive_pronoun(c)
        if pronoun is not None:
            return self.possessor_state(pronoun.i)
        for token in self.tok[c.start : c.root]:
            if token.lower_ in STATE_NOUNS and token.dep_ == "poss":  # "the country's army"
                state = self.state_antecedent(c)
                return state.code if state is not None else None
        code = self.conjunct_state(c, role)
        if code is not None:
            return code
        earlier = None if self.numbered(c) else self.antecedent(role, c.start)
        if earlier is not None:
            return earlier.code
        code = self.only_state_in_sentence(c.start)
        if code is not None:
            return code
        return (
            self.most_named_state(*self.sentence_bounds(c.start))
            or self.speaker_state(c.root)
            or self.article_state()
        )

    def conjunct_state(self, c: Chunk, role: Role) -> str | None:
        """ "A Russian frigate and a submarine": a conjunct of the same kind shares the
        state its first conjunct was given in words."""
        root = self.tok[c.root]
        if root.dep_ != "conj":
            return None
        ci = self.chunk_at[root.head.i]
        unit = self.resolve(ci) if ci is not None and ci != self.chunk_at[c.root] else None
        if unit is None or unit.guessed or unit.role is None or unit.role.key != role.key:
            return None
        return unit.code

    def speaker_state(self, root: int) -> str | None:
        """ "Belarusian officials said the delegation would ...": in reported speech an
        unowned role is the speaker's."""
        node = self.tok[root]
        for _ in range(8):
            if node.dep_ == "ccomp":
                for child in node.head.children:
                    ci = self.chunk_at[child.i] if child.dep_ == "nsubj" else None
                    unit = self.resolve(ci) if ci is not None else None
                    if unit is not None and unit.code and unit.kind != "place":
                        # a UN agency reporting on "50,000 people" does not make them its own
                        return unit.code if unit.code not in NON_STATE_CODES else None
                return None
            if node.head is node:
                return None
            node = node.head
        return None

    def possessor_state(self, i: int) -> str | None:
        """ "its chief of staff": the latest state or organisation before ``i`` in the
        sentence (its subject first), else in the sentence before."""
        start = self.sentence_start(i)
        previous = self.sentence_start(start - 1) if start > 0 else start
        window = [
            u for u in self.units
            if previous <= u.start < i and u.code and u.kind != "person" and u.kind != "place"
        ]  # fmt: skip
        same = [u for u in window if u.start >= start]
        for candidates in (same, window):
            subjects = [u for u in candidates if self.is_subject(u)]
            if subjects or candidates:
                return (subjects or candidates)[-1].code
        return None

    def led_unit_state(self, root: int) -> str | None:
        """ "a delegation of the armed forces of Belarus headed by General X": X's state is
        that of what he heads."""
        token = self.tok[root]
        if token.dep_ != "pobj" or token.head.dep_ != "agent":
            return None
        verb = token.head.head
        if verb.dep_ != "acl" or verb.lemma_.lower() not in LEADING_VERBS:
            return None
        ci = self.chunk_at[verb.head.i]
        unit = self.resolve(ci) if ci is not None else None
        return unit.code if unit is not None and unit.kind != "place" else None

    def most_named_state(
        self, start: int, end: int, exclude: str | None = None, places: bool = False
    ) -> str | None:
        """The state named most often in tokens ``start:end``, when one leads (places that
        are only where something goes or comes from count when ``places``)."""
        counts = self.states_named(start, end, exclude, places)
        ranked = sorted(counts.values(), reverse=True)
        if not ranked or (len(ranked) > 1 and ranked[0] == ranked[1]):
            return None
        return next(code for code, n in counts.items() if n == ranked[0])

    def states_named(
        self, start: int, end: int, exclude: str | None = None, places: bool = False
    ) -> dict[str, int]:
        """How often tokens ``start:end`` name each state (by name, demonym or capital)."""
        counts: dict[str, int] = {}
        seen: set[int] = set()
        for span in self.name_at[start:end]:
            if span is None or span[0] in seen:
                continue
            seen.add(span[0])
            actor = span[2]
            if actor.via not in ("country", "demonym", "capital") or actor.code in ("", exclude):
                continue
            if places or not self.locative(span[1] - 1):
                counts[actor.code] = counts.get(actor.code, 0) + 1
        return counts

    def article_state(self) -> str | None:
        """The state the article is about: its dateline's ("BAMAKO - "), else the one it
        names most often."""
        if self._article_state is None:
            self._article_state = self.dateline_state() or self.most_named_state(0, len(self.doc))
            self._article_state = self._article_state or ""
        return self._article_state or None

    def dateline_state(self) -> str | None:
        span = self.name_at[0] if self.tok else None
        if span is None or span[1] >= len(self.tok) or self.tok[span[1]].text not in DASHES:
            return None
        return span[2].code if span[2].via in ("capital", "country", "place") else None

    def is_definite(self, c: Chunk) -> bool:
        first = self.tok[c.start].lower_
        return first in DETERMINERS and not c.modifiers and not self.numbered(c)

    def numbered(self, c: Chunk) -> bool:
        """ "The 120th mechanised brigade", "the 3rd Army": a unit of its own, not a
        reference back to the last one named."""
        return any(t.ent_type_ == "ORDINAL" for t in self.tok[c.start : c.root])

    def antecedent(self, role: Role, before: int, head: str | None = None) -> Unit | None:
        """The latest earlier unit with the same role ("the ministry", "the general"), or,
        given the ``head`` word of a definite description, a named organisation with that word
        in its name ("the department" after "the State Department")."""
        for unit in reversed(self.units):
            if unit.start >= before or unit.code is None:
                continue
            if unit.role is not None and role.key in unit.role.key:
                return unit
            if (
                head is not None
                and unit.kind in ("organization", "igo")
                and unit.key is not None
                and unit.key[0] == "org"
                and head in (unit.name or "").lower().split()
            ):
                return unit
            if (
                role.kind == "person"
                and unit.kind == "person"
                and any(role.key in t.lower() for t in unit.titles)
            ):
                return unit
        return None

    def person_named(self, name: str) -> Unit | None:
        lowered = name.lower()
        for unit in self.units:
            if (
                unit.kind == "person"
                and unit.key
                and unit.key[0] == "person"
                and (unit.key[1] == lowered or unit.key[1].endswith(" " + lowered))
            ):
                return unit
        return None

    def ethnic(self, i: int) -> bool:
        return i > 0 and self.tok[i - 1].lower_ == "ethnic"

    def residence(self, i: int, actor: Actor) -> Actor:
        """ "Ethnic Albanians" in a sentence about Macedonia are coded MKD (CAMEO's convention)."""
        code = self.only_state_in_sentence(i, exclude=actor.code, places=True)
        if code is None:
            code = self.most_named_state(*self.sentence_bounds(i), exclude=actor.code, places=True)
        if code is None or code == actor.code:
            return actor
        return Actor(self.country_name(code), code, actor.sector, actor.kind, actor.via)

    def only_state_in_sentence(
        self, i: int, exclude: str | None = None, places: bool = False
    ) -> str | None:
        """A titled person with no country named beside them ("President X said") belongs to
        the one state the sentence names, when it names exactly one."""
        start, end = self.sentence_bounds(i)
        codes = {
            span[2].code
            for span in self.name_at[start:end]
            if span is not None
            and span[2].via in ("country", "demonym", "capital", "place")
            and span[2].code
            and span[2].code != exclude
            and (places or not self.locative(span[1] - 1))
        }
        return codes.pop() if len(codes) == 1 else None

    def text(self, start: int, end: int) -> str:
        """The words of tokens ``start:end`` (a slice of the text: no Span is built)."""
        last = self.tok[end - 1]
        return self.source[self.tok[start].idx : last.idx + len(last.text)]

    def locative(self, i: int) -> bool:
        token = self.tok[i]
        if token.dep_ != "pobj":
            return False
        prep = token.head
        return prep.lower_ in PLACE_PREPS or (
            prep.lower_ in ("in", "at") and prep.head.lemma_ in MOTION_VERBS
        )

    def country_name(self, code: str) -> str:
        country = self.gaz.countries.get(code)
        return country.name if country else code

    def sentence_start(self, i: int) -> int:
        return self.sentence_starts[max(0, bisect_right(self.sentence_starts, i) - 1)]

    def sentence_bounds(self, i: int) -> tuple[int, int]:
        """Start and end (exclusive) of the sentence holding token ``i``."""
        k = bisect_right(self.sentence_starts, i)
        end = self.sentence_starts[k] if k < len(self.sentence_starts) else len(self.doc)
        return self.sentence_starts[max(0, k - 1)], end

    # -- document-level links ----------------------------------------------------------

    def link_surnames_and_acronyms(self) -> None:
        """Later bare surnames ("Legrá Sotolongo") and acronyms outside noun chunks."""
        doc = self.doc
        people: dict[tuple[str, ...], Unit] = {}
        for unit in self.units:
            if unit.kind == "person" and unit.key and unit.key[0] == "person" and unit.name:
                words = tuple(unit.name.lower().split())
                for k in range(1, len(words)):
                    people.setdefault(words[k:], unit)
        covered = [False] * len(doc)
        for unit in self.units:
            covered[unit.start : unit.end] = [True] * (unit.end - unit.start)
        i = 0
        while i < len(doc):
            if covered[i] or not self.tok[i].text[:1].isupper():
                i += 1
                continue
            for k in (3, 2, 1):
                words = tuple(t.lower_ for t in self.tok[i : i + k])
                unit = people.get(words)
                if unit is not None and unit.start < i and not any(covered[i : i + k]):
                    self.units.append(Unit(i, i + k, unit.code, unit.sector, "person", unit.key,
                                           unit.name))  # fmt: skip
                    i += k
                    break
            else:
                target = self.acronym_entity.get(self.tok[i].text)
                if target is not None:
                    self.units.append(Unit(i, i + 1, target.code, target.sector, target.kind,
                                           target.key, target.name))  # fmt: skip
                i += 1

    def link_pronouns(self) -> None:
        """He/she/his/her: the latest person in this or the previous sentence, subjects first."""
        people = sorted(
            (u for u in self.units if u.kind == "person" and u.key), key=lambda u: u.start
        )
        if not people:
            return
        for token in self.tok:
            if token.lower_ not in PRONOUNS or (token.pos_ != "PRON" and token.tag_ != "PRP$"):
                continue
            sentence = bisect_right(self.sentence_starts, token.i)
            window = [
                u for u in people
                if u.start < token.i and sentence - bisect_right(self.sentence_starts, u.start) <= 1
            ]  # fmt: skip
            if not window:
                continue
            subjects = [u for u in window if self.is_subject(u)]
            unit = (subjects or window)[-1]
            pronoun = Unit(token.i, token.i + 1, unit.code, unit.sector, "person", unit.key,
                           unit.name)  # fmt: skip
            self.units.append(pronoun)
            people.append(pronoun)
            people.sort(key=lambda u: u.start)

    def is_subject(self, unit: Unit) -> bool:
        for token in self.tok[unit.start : unit.end]:
            if token.dep_ in ("nsubj", "nsubjpass") and not unit.start <= token.head.i < unit.end:
                return True
        return False

    def build_entities(self) -> None:
        """Group units by key into entities and fill the token index, innermost unit winning."""
        by_key: dict[tuple[str, ...], Entity] = {}
        for unit in sorted(self.units, key=lambda u: (u.start, -u.end)):
            text = self.text(unit.start, unit.end)
            entity = None
            if unit.key is not None:
                entity = by_key.get(unit.key)
                if entity is None:
                    entity = Entity(
                        id=f"e{len(by_key) + 1}",
                        name=unit.name or _strip_det(text),
                        kind=unit.kind,  # type: ignore[arg-type]
                        code=unit.code,
                        sector=unit.sector,
                    )
                    by_key[unit.key] = entity
                entity.code = entity.code or unit.code
                entity.sector = entity.sector or unit.sector
                start_char = self.tok[unit.start].idx
                entity.mentions.append(Mention(start_char, start_char + len(text), text))
                names = [_strip_det(text)] if _is_name(_strip_det(text)) else []
                for alias in [*unit.aliases, *names]:
                    if alias != entity.name and alias not in entity.aliases:
                        entity.aliases.append(alias)
                for title in unit.titles:
                    if title not in entity.titles:
                        entity.titles.append(title)
        self.entities = list(by_key.values())
        # Wider units first, so the innermost one covering a token is the one that stays.
        for unit in sorted(self.units, key=lambda u: u.start - u.end):
            entity = by_key.get(unit.key) if unit.key is not None else None
            participant = Participant(
                text=self.text(unit.start, unit.end),
                name=entity.name if entity else unit.name,
                entity_id=entity.id if entity else None,
                code=(entity.code if entity else None) or unit.code,
                sector=unit.sector or (entity.sector if entity else None),
            )
            self.index[unit.start : unit.end] = [participant] * (unit.end - unit.start)


def _stance_prefixed(doc: Doc, start: int) -> bool:
    """ "anti-Syria", "pro-Russian": a stance towards the state, not membership of it."""
    return start >= 2 and doc[start - 1].text == "-" and doc[start - 2].lower_ in STANCE_PREFIXES


def _affiliation_suffixed(doc: Doc, end: int) -> bool:
    """ "al-Qaeda-linked", "US-backed": the name says who backs a group, not who it is."""
    return end + 1 < len(doc) and doc[end].text == "-" and doc[end + 1].lower_ in AFFILIATIONS


def _is_name(text: str) -> bool:
    """ "Legrá Sotolongo" or "the Kremlin" are names worth keeping as aliases; "Cuban troops"
    is a description."""
    words = [w for w in text.split() if w[:1].isalpha()]
    return bool(words) and all(w[:1].isupper() or w in NAME_PARTICLES for w in words)


def _strip_det(text: str) -> str:
    first, _, rest = text.partition(" ")
    return rest if first.lower() in DETERMINERS and rest else text


def participant_at(doc: Doc, target: Span | Token) -> Participant | None:
    """The participant whose mention covers ``target`` (a token or span), or None.

    For a span, its syntactic root decides, then its other tokens from the right.
    """
    index = doc._.get(INDEX_ATTRIBUTE)
    if index is None:
        return None
    if isinstance(target, Token):
        return index[target.i]
    found = index[target.root.i]
    if found is not None and len(found.text) <= len(target.text):
        return found
    # The root's mention is wider than the span ("British forces" in "US and British forces"):
    # a mention inside the span is the closer answer.
    for i in range(target.end - 1, target.start - 1, -1):
        inner = index[i]
        if inner is not None and inner is not found and len(inner.text) <= len(target.text):
            return inner
    if found is not None:
        return found
    for i in range(target.end - 1, target.start - 1, -1):
        if index[i] is not None:
            return index[i]
    return None


def participants_at(doc: Doc, target: Span | Token) -> list[Participant]:
    """Every side a mention names: the participant :func:`participant_at` gives, then those
    of states named inside its words ("US and British forces" -> the US forces and the
    British ones). Empty when nothing covers ``target``."""
    first = participant_at(doc, target)
    if first is None:
        return []
    found = [first]
    token = target if isinstance(target, Token) else target.root
    index = doc._.get(INDEX_ATTRIBUTE)
    outer = None
    for entity in doc._.entities or ():
        if entity.id == first.entity_id:
            outer = next((m for m in entity.mentions if m.start <= token.idx < m.end), None)
            break
    if outer is None:
        return found
    for entity in doc._.entities:
        for mention in entity.mentions:
            if outer.start <= mention.start and mention.end <= outer.end and mention != outer:
                inner = doc.char_span(mention.start, mention.end, alignment_mode="expand")
                if inner is None or inner[0].pos_ == "PRON":
                    continue  # "his Cuban counterpart": "his" is someone else
                other = index[inner.start]
                if other is not None and all(other.code != p.code for p in found):
                    found.append(other)
    return found
