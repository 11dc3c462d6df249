"""Units grouped into entities, and the per-token participant index."""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsgraph.actors.units import NAME_PARTICLES, strip_det
from newsgraph.records import Entity, Mention, Participant

if TYPE_CHECKING:
    from newsgraph.actors.resolution import Resolution


def build_entities(r: Resolution) -> tuple[list[Entity], list[Participant | None]]:
    """Units grouped by key into entities, and the token index (the innermost unit wins)."""
    by_key: dict[tuple[str, ...], Entity] = {}
    for unit in sorted(r.units, key=lambda u: (u.start, -u.end)):
        text = r.text(unit.start, unit.end)
        entity = None
        if unit.key is not None:
            entity = by_key.get(unit.key)
            if entity is None:
                entity = Entity(
                    id=f"e{len(by_key) + 1}",
                    name=unit.name or strip_det(text),
                    kind=unit.kind,  # type: ignore[arg-type]
                    code=unit.code,
                    sector=unit.sector,
                )
                by_key[unit.key] = entity
            entity.code = entity.code or unit.code
            entity.sector = entity.sector or unit.sector
            start_char = r.tok[unit.start].idx
            entity.mentions.append(Mention(start_char, start_char + len(text), text))
            names = [strip_det(text)] if _is_name(strip_det(text)) else []
            for alias in [*unit.aliases, *names]:
                if alias != entity.name and alias not in entity.aliases:
                    entity.aliases.append(alias)
            for title in unit.titles:
                if title not in entity.titles:
                    entity.titles.append(title)
    index: list[Participant | None] = [None] * len(r.tok)
    # Wider units first, so the innermost one covering a token is the one that stays.
    for unit in sorted(r.units, key=lambda u: u.start - u.end):
        entity = by_key.get(unit.key) if unit.key is not None else None
        participant = Participant(
            text=r.text(unit.start, unit.end),
            name=entity.name if entity else unit.name,
            entity_id=entity.id if entity else None,
            code=(entity.code if entity else None) or unit.code,
            sector=unit.sector or (entity.sector if entity else None),
        )
        index[unit.start : unit.end] = [participant] * (unit.end - unit.start)
    return list(by_key.values()), index


def _is_name(text: str) -> bool:
    """ "Legrá Sotolongo" or "the Kremlin" are names worth keeping as aliases; "Cuban troops"
    is a description."""
    words = [w for w in text.split() if w[:1].isalpha()]
    return bool(words) and all(w[:1].isupper() or w in NAME_PARTICLES for w in words)
