"""Whose a role is, when its own words say so: a modifier ("Cuban troops") or an ``of``/``in``
chain ("the chief of the army of Cuba")."""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsgraph.actors.context import most_named_state, only_state_in_sentence
from newsgraph.actors.gazetteer import Actor
from newsgraph.actors.units import Chunk

if TYPE_CHECKING:
    from newsgraph.actors.resolution import Resolution

#: Prepositions whose object says whose a role is ("chief of the army", "rebels in Mali").
OWNER_PREPS = frozenset(
    {"of", "in", "for", "from", "at", "throughout", "across", "inside", "within"}
)


def code_of(r: Resolution, c: Chunk) -> tuple[str | None, str | None]:
    """The state (or IGO) a role chunk belongs to, and that owner's sector."""
    for start, _, actor in c.modifiers:
        if (actor.via == "demonym" and ethnic(r, start)) or actor.via == "ethnic":
            actor = residence(r, start, actor)  # "ethnic Albanians", "Kurdish fighters"
            if not actor.code:
                break  # "Druze inhabitants of the Syrian Golan": the of-phrase may say
        return actor.code or None, actor.sector
    for i in range(c.start, c.end):
        target = r.acronym_entity.get(r.tok[i].text)
        if target is not None:
            return target.code, target.sector
        span = r.name_at[i]
        if span is not None and span[2].via == "person" and i != c.root:
            return span[2].code, None  # "President Suharto's government"
    return owner(r, c.root)


def owner(r: Resolution, root: int, depth: int = 0) -> tuple[str | None, str | None]:
    """Code and sector from an ``of``/``in`` chain: "chief of the staff of the army of Cuba"."""
    if depth > 4:
        return None, None
    children = list(r.tok[root].children)
    for child in list(children):
        if child.dep_ in ("acl", "relcl"):  # "a group based in Trinidad"
            children.extend(child.children)
    for child in children:
        if child.dep_ != "prep" or child.lower_ not in OWNER_PREPS:
            continue
        for obj in child.children:
            if obj.dep_ != "pobj":
                continue
            ci = r.chunk_at[obj.i]
            unit = r.resolve(ci) if ci is not None else None
            if unit is not None and unit.guessed:
                continue  # "the delegation of about a dozen officers": guessed, not said
            if unit is not None and unit.code is not None and unit.kind != "place":
                return unit.code, unit.sector
            if unit is not None and unit.kind == "place" and child.lower_ != "of":
                return unit.code, None  # "rebels in Mali"
            if unit is not None and unit.kind == "place":
                return unit.code, None
            code, sector = owner(r, obj.i, depth + 1)
            if code is not None:
                return code, sector
    return None, None


def ethnic(r: Resolution, i: int) -> bool:
    """ "Ethnic Albanians": a people, coded where they live (see :func:`residence`)."""
    return i > 0 and r.tok[i - 1].lower_ == "ethnic"


def residence(r: Resolution, i: int, actor: Actor) -> Actor:
    """ "Ethnic Albanians" in a sentence about Macedonia are coded MKD (CAMEO's convention)."""
    code = only_state_in_sentence(r, i, exclude=actor.code, places=True)
    if code is None:
        code = most_named_state(r, *r.sentence_bounds(i), exclude=actor.code, places=True)
    if code is None or code == actor.code:
        return actor
    return Actor(r.country_name(code), code, actor.sector, actor.kind, actor.via)
