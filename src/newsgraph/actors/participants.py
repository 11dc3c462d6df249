"""What later stages ask the actor layer: the participant (or every side) a token or span
names, read from the per-token index the ``newsgraph_actors`` component fills."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from newsgraph.records import Participant

#: The per-token participant index the component fills (registered in nlp/extensions.py).
INDEX_ATTRIBUTE = "actor_index"


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
