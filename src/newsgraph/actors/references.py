"""Mentions that refer back: "the group", "the country", "the ministry", a bare surname, an
acronym said again, a pronoun."""

from __future__ import annotations

from bisect import bisect_right
from typing import TYPE_CHECKING

from newsgraph.actors.gazetteer import Role
from newsgraph.actors.units import DETERMINERS, Chunk, Unit

if TYPE_CHECKING:
    from newsgraph.actors.resolution import Resolution

#: Pronouns that refer back to the latest person named.
PRONOUNS = frozenset({"he", "she", "him", "her", "his", "hers"})
#: Nouns that, after "the", stand for a state named before ("left the country").
STATE_NOUNS = frozenset({"country", "nation"})
#: Sectors of the named organisations "the group" may refer back to.
GROUP_SECTORS = frozenset({"REB", "OPP", "PTY", "NGO", "CVL", "LAB", "REL", "CRM"})


def antecedent(r: Resolution, role: Role, before: int, head: str | None = None) -> Unit | None:
    """The latest earlier unit with the same role ("the ministry", "the general"), or,
    given the ``head`` word of a definite description, a named organisation with that word
    in its name ("the department" after "the State Department")."""
    for unit in reversed(r.units):
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


def state_antecedent(r: Resolution, c: Chunk) -> Unit | None:
    """ "The country", "the nation": the state last named by its name or capital (a
    demonym, as in "French troops left the country", describes someone else)."""
    for i in range(c.start - 1, -1, -1):
        span = r.name_at[i]
        if span is not None and span[2].via in ("country", "capital") and span[2].code:
            code = span[2].code
            return Unit(c.start, c.end, code, None, "state", ("state", code),
                        r.country_name(code))  # fmt: skip
    return None


def group_antecedent(r: Resolution, c: Chunk) -> Unit | None:
    """ "The group", "the movement": the latest named armed group, party or movement."""
    for unit in reversed(r.units):
        if unit.start >= c.start or unit.code is None or unit.key is None:
            continue
        if unit.key[0] == "org" and (unit.kind == "group" or unit.sector in GROUP_SECTORS):
            return Unit(c.start, c.end, unit.code, unit.sector, unit.kind, unit.key,
                        unit.name)  # fmt: skip
    return None


def known_name(r: Resolution, text: str) -> Unit | None:
    """An earlier named actor this chunk repeats: a surname, or a name said before."""
    lowered = text.lower()
    for unit in reversed(r.units):
        if unit.key is None or unit.name is None:
            continue
        name = unit.name.lower()
        if name == lowered or (
            unit.kind == "person" and unit.key[0] == "person" and name.endswith(" " + lowered)
        ):
            return unit
    return None


def person_named(r: Resolution, name: str) -> Unit | None:
    """The first person with this name or a longer one ending in it (a surname said again)."""
    lowered = name.lower()
    for unit in r.units:
        if (
            unit.kind == "person"
            and unit.key
            and unit.key[0] == "person"
            and (unit.key[1] == lowered or unit.key[1].endswith(" " + lowered))
        ):
            return unit
    return None


def counted(r: Resolution, c: Chunk, role: Role | None = None) -> bool:
    """ "The two generals", "both ministries": several sides, not one antecedent, unless
    an earlier mention counted them the same way ("two Malian diplomats" ... "the two
    diplomats")."""
    words = [t.lower_ for t in r.tok[c.start : c.root] if t.head.i == c.root]
    if not ("both" in words or ("two" in words and words[0] in DETERMINERS)):
        return False
    earlier = antecedent(r, role, c.start) if role is not None else None
    if earlier is not None:  # counted and given one state in the same words
        said = {t.lower_ for t in r.tok[earlier.start : earlier.end]}
        named = any(r.name_at[i] is not None for i in range(earlier.start, earlier.end))
        return not (named and ("two" in said or "both" in said))
    return True


def is_definite(r: Resolution, c: Chunk) -> bool:
    """ "The ministry": a bare definite description, which may refer back."""
    first = r.tok[c.start].lower_
    return first in DETERMINERS and not c.modifiers and not numbered(r, c)


def numbered(r: Resolution, c: Chunk) -> bool:
    """ "The 120th mechanised brigade", "the 3rd Army": a unit of its own, not a
    reference back to the last one named."""
    return any(t.ent_type_ == "ORDINAL" for t in r.tok[c.start : c.root])


def link_surnames_and_acronyms(r: Resolution) -> None:
    """Later bare surnames ("Legrá Sotolongo") and acronyms outside noun chunks."""
    doc = r.doc
    people: dict[tuple[str, ...], Unit] = {}
    for unit in r.units:
        if unit.kind == "person" and unit.key and unit.key[0] == "person" and unit.name:
            words = tuple(unit.name.lower().split())
            for k in range(1, len(words)):
                people.setdefault(words[k:], unit)
    covered = [False] * len(doc)
    for unit in r.units:
        covered[unit.start : unit.end] = [True] * (unit.end - unit.start)
    i = 0
    while i < len(doc):
        if covered[i] or not r.tok[i].text[:1].isupper():
            i += 1
            continue
        for k in (3, 2, 1):
            words = tuple(t.lower_ for t in r.tok[i : i + k])
            unit = people.get(words)
            if unit is not None and unit.start < i and not any(covered[i : i + k]):
                r.units.append(Unit(i, i + k, unit.code, unit.sector, "person", unit.key,
                                    unit.name))  # fmt: skip
                i += k
                break
        else:
            target = r.acronym_entity.get(r.tok[i].text)
            if target is not None:
                r.units.append(Unit(i, i + 1, target.code, target.sector, target.kind,
                                    target.key, target.name))  # fmt: skip
            i += 1


def link_pronouns(r: Resolution) -> None:
    """He/she/his/her: the latest person in this or the previous sentence, subjects first."""
    people = sorted((u for u in r.units if u.kind == "person" and u.key), key=lambda u: u.start)
    if not people:
        return
    for token in r.tok:
        if token.lower_ not in PRONOUNS or (token.pos_ != "PRON" and token.tag_ != "PRP$"):
            continue
        sentence = bisect_right(r.sentence_starts, token.i)
        window = [
            u for u in people
            if u.start < token.i and sentence - bisect_right(r.sentence_starts, u.start) <= 1
        ]  # fmt: skip
        if not window:
            continue
        subjects = [u for u in window if r.is_subject(u)]
        unit = (subjects or window)[-1]
        pronoun = Unit(token.i, token.i + 1, unit.code, unit.sector, "person", unit.key,
                       unit.name)  # fmt: skip
        r.units.append(pronoun)
        people.append(pronoun)
        people.sort(key=lambda u: u.start)
