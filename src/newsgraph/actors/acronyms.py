"""Acronyms learned from the text: defined in brackets ("(FAR)") or spelling the initials of
a name said before ("KDF" after "the Kenya Defence Forces")."""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsgraph.actors.units import NAME_PARTICLES, Chunk, Unit, strip_det

if TYPE_CHECKING:
    from newsgraph.actors.resolution import Resolution


def acronym_unit(r: Resolution, c: Chunk) -> Unit | None:
    """ "(FAR)" after a name defines an alias; a later "FAR" means the same actor."""
    for i in range(c.start, c.end):
        text = r.tok[i].text
        if text not in r.acronym_entity:
            defined = defines_acronym(r, i)
            if defined is None:
                known = len(r.units)  # only names said since the last try can match
                spelled = initials_of(r, i) if r.unspelled.get(text) != known else None
                if spelled is None:
                    r.unspelled[text] = known
                else:  # "the Kenya Defence Forces" ... "a KDF spokesman"
                    r.acronym_entity[text] = spelled
                    if i == c.root:
                        return Unit(c.start, c.end, spelled.code, spelled.sector, spelled.kind,
                                    spelled.key, spelled.name)  # fmt: skip
                continue
            r.acronym_entity[text] = defined
            defined.aliases.append(text)
            return Unit(i, i + 1, defined.code, defined.sector, defined.kind, defined.key,
                        defined.name)  # fmt: skip
        if i == c.root:
            target = r.acronym_entity[text]
            return Unit(c.start, c.end, target.code, target.sector, target.kind, target.key,
                        target.name)  # fmt: skip
    return None


def defines_acronym(r: Resolution, i: int) -> Unit | None:
    """The unit a bracketed acronym at ``i`` names ("the Armed Forces (FAR)"), if it is one."""
    doc = r.doc
    token = r.tok[i]
    if not (0 < i < len(doc) - 1 and r.tok[i - 1].text == "(" and r.tok[i + 1].text == ")"):
        return None
    letters = [ch for ch in token.text if ch.isalpha()]
    if not (2 <= len(letters) <= 8 and token.text.upper() == token.text):
        return None
    if i < 2 or r.chunk_at[i - 2] is None:
        return None
    token = r.tok[i - 2]
    # "the Federal Intelligence Service of Germany (BNDX)": the acronym names the head.
    while token.dep_ == "pobj" and token.head.dep_ == "prep" and token.head.head.i < token.i:
        token = token.head.head
    ci = r.chunk_at[token.i]
    if ci is None:
        ci = r.chunk_at[i - 2]
    return r.resolve(ci)  # type: ignore[arg-type]


def initials_of(r: Resolution, i: int) -> Unit | None:
    """An acronym never defined in brackets that spells the initials of a name said
    before it: "KDF" after "the Kenya Defence Forces"."""
    token = r.tok[i]
    letters = token.text.replace(".", "")
    if not (2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper()):
        return None
    if r.name_at[i] is not None:
        return None
    for unit in reversed(r.units):
        if unit.start >= i or unit.code is None or unit.key is None or unit.kind == "person":
            continue
        words = [
            w for w in strip_det(r.text(unit.start, unit.end)).split()
            if w[:1].isupper() and w.lower() not in NAME_PARTICLES
        ]  # fmt: skip
        if len(words) == len(letters) and "".join(w[0] for w in words) == letters:
            return unit
    return None
