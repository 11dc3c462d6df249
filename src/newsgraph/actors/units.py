"""The mention unit and noun chunk every actor rule passes around, and the word lists and text
helper they share."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span

from newsgraph.actors.gazetteer import Actor, Role

#: Words that open a definite description ("the ministry", "these troops").
DETERMINERS = frozenset({"the", "this", "that", "these", "those"})
#: Lower-case words inside names ("Ministry of Defence", "bin Laden").
NAME_PARTICLES = frozenset({"of", "the", "and", "for", "de", "del", "al", "bin", "von", "der"})


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


def strip_det(text: str) -> str:
    """ "the Kremlin" -> "Kremlin": names and aliases are kept without their determiner."""
    first, _, rest = text.partition(" ")
    return rest if first.lower() in DETERMINERS and rest else text
