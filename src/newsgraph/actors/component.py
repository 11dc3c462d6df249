"""The ``newsgraph_actors`` component: named mentions to coded, deduplicated entities.

Placeholder resolver (spaCy NER spans, no codes) until the actor layer (issue 3) lands.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from newsgraph.records import Entity, Mention, Participant

KINDS = {"GPE": "state", "NORP": "state", "PERSON": "person", "ORG": "organization"}


@Language.factory("newsgraph_actors")
def make_actor_resolver(nlp: Language, name: str) -> ActorResolver:
    return ActorResolver()


class ActorResolver:
    def __call__(self, doc: Doc) -> Doc:
        entities: dict[str, Entity] = {}
        for ent in doc.ents:
            if ent.label_ not in KINDS:
                continue
            entity = entities.get(ent.text)
            if entity is None:
                entity = Entity(id=f"e{len(entities) + 1}", name=ent.text, kind=KINDS[ent.label_])
                entities[ent.text] = entity
            entity.mentions.append(Mention(ent.start_char, ent.end_char, ent.text))
        doc._.entities = list(entities.values())
        return doc


def participant_at(doc: Doc, target: Span | Token) -> Participant | None:
    """The participant whose mention covers ``target`` (a token or span), or None."""
    start = target.idx if isinstance(target, Token) else target.start_char
    for entity in doc._.entities or ():
        for mention in entity.mentions:
            if mention.start <= start < mention.end:
                return Participant(
                    text=mention.text,
                    name=entity.name,
                    entity_id=entity.id,
                    code=entity.code,
                    sector=entity.sector,
                )
    return None
