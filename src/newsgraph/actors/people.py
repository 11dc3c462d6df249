"""People: a name, the titles beside it ("Interior Minister X", "X, head of ...") and the state
they serve."""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsgraph.actors.context import article_state, only_state_in_sentence, states_named
from newsgraph.actors.owners import owner
from newsgraph.actors.references import person_named
from newsgraph.actors.units import Chunk, Unit, strip_det

if TYPE_CHECKING:
    from newsgraph.actors.resolution import Resolution

#: Participles whose agent leads the noun they modify ("a delegation headed by X").
LEADING_VERBS = frozenset({"head", "lead", "command", "chair"})


def person_unit(r: Resolution, c: Chunk) -> Unit:
    """A named person, coded from their titles, owner, apposition or an earlier mention."""
    person = c.person
    assert person is not None
    listed = c.name[2] if c.name is not None and c.name[2].via == "person" else None
    name = listed.name if listed else strip_det(person.text)
    earlier = person_named(r, name)
    code = listed.code if listed else None
    sector = listed.sector if listed else None
    titles: list[str] = []
    title_role = None
    title_sector = None
    for i in range(c.start, person.start):
        role = r.role_at[i]
        if role is not None and role[0] == i:
            titles.append(r.text(role[0], role[1]))
            title_role = role[2]
            title_sector = role[2].sector or title_sector  # "the party's leader": PTY
    if c.modifiers:
        code = c.modifiers[0][2].code
    if title_role is not None:
        sector = title_sector or sector
    if code is None or sector is None:
        owner_code, owner_sector = owner(r, c.root)
        code = code or owner_code
        if title_role is not None and title_role.sector is None:
            sector = sector or owner_sector
    title_unit = title_apposition(r, c)
    if title_unit is not None:
        code = code or title_unit.code
        if title_role is None or title_role.sector is None:
            sector = title_unit.sector or sector
        titles.extend(title_unit.titles)
    if titles and sector is None:
        sector = "GOV"
    if code is None and earlier is None:
        code = led_unit_state(r, c.root)  # "a delegation of Belarus headed by X"
    if titles and code is None and earlier is None:
        code = only_state_in_sentence(r, c.start)
        if code is None and not states_named(r, *r.sentence_bounds(c.start)):
            code = article_state(r)  # "Interior Minister X said" in a Kenyan story
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
        for u in r.units:
            if u.key == key:
                u.code, u.sector = u.code or code, u.sector or sector
    return unit


def title_apposition(r: Resolution, c: Chunk) -> Unit | None:
    """A title next to a name: "U.S. Secretary of State | Warren Christopher", "the chief
    of ..., General X," or "X, head of ..."."""
    doc = r.doc
    if c.start > 0 and r.chunk_at[c.start - 1] is not None:
        r.resolve(r.chunk_at[c.start - 1])  # type: ignore[arg-type]
        for unit in r.units:
            if (
                unit.end == c.start
                and unit.kind == "person"
                and unit.role is not None
                and (unit.key is None or unit.key[0] == "role")
            ):
                return unit
    if c.start > 1 and r.tok[c.start - 1].text == ",":
        # "met the chief of the Belarusian general staff, General X": the title's head
        token = r.tok[c.start - 2]
        for _ in range(4):  # up the "of" chain to the nearest title
            ci = r.chunk_at[token.i]
            if ci is not None and r.chunks[ci].person is None and ci != r.chunk_at[c.start]:
                unit = r.resolve(ci)
                if is_title(unit):
                    return unit
            if not (token.dep_ == "pobj" and token.head.dep_ == "prep"):
                break
            if token.head.head.i > token.i:
                break
            token = token.head.head
        sent_start = r.sentence_start(c.start)
        i = c.start - 2
        while i > sent_start and r.tok[i].text != ",":
            i -= 1
        seg_start = i + 1 if r.tok[i].text == "," else i
        for j in range(seg_start, c.start - 1):
            ci = r.chunk_at[j]
            if ci is not None and r.chunks[ci].start == j:
                unit = r.resolve(ci)
                if (
                    unit is not None
                    and unit.kind == "person"
                    and unit.role is not None
                    and r.chunks[ci].person is None
                ):
                    return unit
                break
    if c.end < len(doc) and r.tok[c.end].text == ",":
        ci = r.chunk_at[c.end + 1] if c.end + 1 < len(doc) else None
        if ci is not None and r.chunks[ci].person is None:
            unit = r.resolve(ci)
            if unit is not None and unit.kind == "person" and unit.role is not None:
                return unit
    return None


def is_title(unit: Unit | None) -> bool:
    """A title with no name yet ("the chief of the general staff")."""
    return (
        unit is not None
        and unit.kind == "person"
        and unit.role is not None
        and (unit.key is None or unit.key[0] == "role")
    )


def possessor_person(r: Resolution, c: Chunk) -> Unit | None:
    """ "President Reagan's latest statement": the person in the possessive is the actor."""
    if c.role is not None:
        return None
    for i in range(c.start, c.root):
        if r.tok[i].tag_ != "POS" or i == c.start:
            continue
        last = i - 1
        ent = r.ent_at[last]
        listed = r.name_at[last]
        if (ent is not None and ent.label_ == "PERSON") or (
            listed is not None and listed[2].via == "person"
        ):
            described = r.describe(c.start, i, last)
            # a name tagged PERSON may still describe no person (e.g. a title alone)
            return person_unit(r, described) if described.person is not None else None
    return None


def led_unit_state(r: Resolution, root: int) -> str | None:
    """ "a delegation of the armed forces of Belarus headed by General X": X's state is
    that of what he heads."""
    token = r.tok[root]
    if token.dep_ != "pobj" or token.head.dep_ != "agent":
        return None
    verb = token.head.head
    if verb.dep_ != "acl" or verb.lemma_.lower() not in LEADING_VERBS:
        return None
    ci = r.chunk_at[verb.head.i]
    unit = r.resolve(ci) if ci is not None else None
    return unit.code if unit is not None and unit.kind != "place" else None
