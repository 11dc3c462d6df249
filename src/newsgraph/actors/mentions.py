"""One noun chunk to the unit it mentions: a state, a named organisation or a role."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from newsgraph.actors.acronyms import acronym_unit
from newsgraph.actors.context import context_state, only_state_in_sentence, unowned
from newsgraph.actors.gazetteer import Actor
from newsgraph.actors.owners import code_of, ethnic, residence
from newsgraph.actors.people import person_unit, possessor_person
from newsgraph.actors.references import (
    STATE_NOUNS,
    antecedent,
    counted,
    group_antecedent,
    is_definite,
    known_name,
    state_antecedent,
)
from newsgraph.actors.units import Chunk, Unit, strip_det

if TYPE_CHECKING:
    from newsgraph.actors.resolution import Resolution

#: Dependencies that make a capital or seat of power an actor rather than a place.
ACTING_DEPS = frozenset({"nsubj", "poss", "agent"})
#: Prepositions whose object acts ("talks between Moscow and Kyiv", "a note from Paris").
ACTING_PREPS = frozenset({"between", "with", "by", "from", "against", "and"})
#: Generic heads that take the role of their modifier ("opposition groups" are OPP).
GROUP_HEADS = frozenset(
    {"group", "groups", "coalition", "movement", "movements", "faction", "factions", "members",
     "organization", "organisation", "organizations", "organisations", "wing", "bloc"}
)  # fmt: skip


def make_unit(r: Resolution, c: Chunk) -> Unit | None:
    """The unit chunk ``c`` mentions, or None; each rule below is tried in turn, first wins."""
    doc = r.doc
    acronym = acronym_unit(r, c)
    if acronym is not None:
        return acronym
    if c.person is not None:
        return person_unit(r, c)
    if c.name is not None:
        return name_unit(r, c, c.name)
    if c.role is not None and c.role[0] < c.start:
        return None  # "the General Staff" inside "the chief of the General Staff"
    owner = possessor_person(r, c)
    if owner is not None:
        return owner
    root = r.tok[c.root]
    proper = root.pos_ == "PROPN" and root.text[:1].isupper()
    text = strip_det(r.text(c.start, c.end))
    if proper and c.role is None and c.role_modifier is not None:
        title = c.role_modifier
        if title[2].kind == "person" and title[1] < c.end:
            c.person = Span(doc, title[1], c.end)  # "General Ana Ruiz": NER missed the name
            return person_unit(r, c)
    if proper and c.start > 0 and c.org is not None:
        named = named_by_apposition(r, c, text)
        if named is not None:
            return named
    if proper:
        earlier = known_name(r, text)
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
    text = strip_det(r.text(start, end))
    if role is None:
        if c.org is not None:
            code, sector = code_of(r, c)
            name = strip_det(r.text(c.org.start, c.org.end))
            return Unit(start, end, code, sector, "organization", ("org", name.lower()), name)
        if c.modifiers:  # "the Russian offensive": the state acts through its modifier
            first = c.modifiers[0]
            if r.tok[first[1] - 1].dep_ == "poss" or r.tok[first[1]].tag_ == "POS":
                return name_unit(r, c, first, start=first[0], end=first[1])
            return name_unit(r, c, first, start=c.start, end=c.end)
        if generic and is_definite(r, c) and c.end - c.start == 2:
            return group_antecedent(r, c)  # "the group said"
        if root.lower_ in STATE_NOUNS and is_definite(r, c) and c.end - c.start == 2:
            return state_antecedent(r, c)  # "left the country"
        return None
    code, owner_sector = code_of(r, c)
    sector = role[2].sector or (c.role_modifier[2].sector if c.role_modifier else None)
    if sector is None:
        sector = owner_sector or (c.modifiers[0][2].sector if c.modifiers else None) or "GOV"
    kind = role[2].kind
    if code is None and sector in ("OPP", "REB"):
        code = only_state_in_sentence(r, c.start)
    if (
        code is None
        and c.role is not None
        and is_definite(r, c)
        and not proper
        and not counted(r, c, role[2])
    ):
        earlier = antecedent(r, role[2], c.start, r.tok[c.root].lower_)
        if earlier is not None:
            return Unit(start, end, earlier.code, earlier.sector, earlier.kind, earlier.key,
                        earlier.name, earlier.role, list(earlier.titles))  # fmt: skip
    guessed = False
    if code is None and (not proper or c.role is not None) and unowned(r, c, role[2]):
        code = context_state(r, c, role[2])
        guessed = code is not None
    key: tuple[str, ...] | None
    if proper and not (kind == "person" and c.role is not None):
        if c.role is None:  # "the Belarusian state company ALEVKURP"
            name = strip_det(r.text(role[1], end)) if role[1] < end else text
        else:
            name = strip_det(c.org.text) if c.org is not None else text
        key = ("org", name.lower())
        kind = "organization" if kind == "person" else kind
    elif kind == "person":  # a title without a name yet ("the chief of the army")
        name = text
        key = ("role", code, role[2].key, str(start)) if code is not None else None
    elif code is not None and kind != "person":
        name = f"{r.country_name(code)} {role[2].key}"
        key = ("role", code, role[2].key)
    else:
        name, key = None, None
    unit = Unit(start, end, code, sector, kind, key, name, role[2], guessed=guessed)
    if kind == "person":
        unit.titles.append(r.text(role[0], role[1]))
    extra_modifier_units(r, c, unit)
    return unit


def name_unit(r: Resolution, c: Chunk, span: tuple[int, int, Actor], start: int | None = None,
              end: int | None = None) -> Unit | None:  # fmt: skip
    """A chunk headed (or, for a bare modifier, coloured) by a gazetteer name."""
    s, e, actor = span
    start = c.start if start is None else start
    end = c.end if end is None else end
    root = r.tok[c.root]
    if actor.via == "country" or (actor.via == "demonym" and span is not c.name):
        return Unit(start, end, actor.code, None, "state", ("state", actor.code), actor.name)
    if actor.via == "ethnic" and span is not c.name:
        return None  # "the Kurdish language": no actor without a role word
    if actor.via in ("demonym", "ethnic"):  # "Cubans", "the Cuban", "Uighurs": the people
        if c.modifiers and c.modifiers[0][2].via in ("country", "demonym"):
            actor = c.modifiers[0][2]  # "Bosnian Serbs", "Iraqi Kurds": where they live
        elif ethnic(r, s) or actor.via == "ethnic":
            actor = residence(r, s, actor)
        if not actor.code:
            return None  # "Kurds" in a sentence that says nowhere
        key = ("role", actor.code, "civilians")
        name = f"{actor.name} civilians"
        return Unit(start, end, actor.code, "CVL", "group", key, name)
    if actor.via == "place":
        key = ("place", actor.name.lower())
        return Unit(start, end, actor.code or None, None, "place", key, actor.name)
    phrase = r.text(s, e)
    acting = is_acting(root) if span is c.name else r.tok[e - 1].dep_ == "poss"
    if actor.via == "capital" or (actor.via == "seat" and phrase.lower() in r.gaz.capitals):
        code = r.gaz.capitals.get(phrase.lower(), actor.code)
        if actor.via == "seat" and acting:
            kind = "igo" if actor.code == "IGO" else "organization"
            key = ("org", actor.name.lower())
            return Unit(start, end, actor.code, actor.sector, kind, key, actor.name)
        if acting:
            name = f"Government of {r.country_name(code)}"
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


def extra_modifier_units(r: Resolution, c: Chunk, unit: Unit) -> None:
    """ "Hungarian and Romanian officials": each further state modifier is its own actor."""
    for s, e, actor in c.modifiers[1:]:
        if actor.code == unit.code or actor.via not in ("country", "demonym"):
            continue
        key = ("role", actor.code, unit.role.key) if unit.role else ("state", actor.code)
        name = f"{actor.name} {unit.role.key}" if unit.role else actor.name
        r.units.append(Unit(s, e, actor.code, unit.sector, unit.kind, key, name, unit.role))


def is_acting(token: Token) -> bool:
    """A capital or seat of power that does or says something, not a place."""
    while token.dep_ == "conj" and token.head is not token:
        token = token.head
    if token.dep_ in ACTING_DEPS:
        return True
    return token.dep_ == "pobj" and token.head.lower_ in ACTING_PREPS


def named_by_apposition(r: Resolution, c: Chunk, name: str) -> Unit | None:
    """ "the Belarusian state company | ALEVKURP": a name right after an unnamed institution."""
    for unit in reversed(r.units):
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
