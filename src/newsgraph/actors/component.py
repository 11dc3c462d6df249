"""The ``newsgraph_actors`` component: named mentions to coded, deduplicated entities.

Rules, not a model: gazetteer phrases (states, demonyms, capitals, seats of power,
organisations, people) and role words are found with ``PhraseMatcher`` passes built once per
pipeline (:mod:`.matching`); each noun chunk is then coded (:mod:`.mentions`) from what it
contains, from its ``of``/``in`` chain ("the Ministry of Defence of Ukraine", :mod:`.owners`),
from an appositive title (:mod:`.people`) or from earlier mentions (surnames, "the ministry",
"the general", "the group", pronouns: :mod:`.references`; acronyms defined in brackets or
spelling an earlier name's initials: :mod:`.acronyms`). A role nothing owns ("troops", "the
government") takes the state its context names (:mod:`.context`). The result is
``doc._.entities`` plus a per-token participant index (:mod:`.entities`) that makes
:func:`~newsgraph.actors.participants.participant_at` a list lookup.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc
from spacy.vocab import Vocab

from newsgraph.actors import gazetteer
from newsgraph.actors.entities import build_entities
from newsgraph.actors.gazetteer import Gazetteer
from newsgraph.actors.matching import GazetteerMatcher
from newsgraph.actors.participants import INDEX_ATTRIBUTE
from newsgraph.actors.references import link_pronouns, link_surnames_and_acronyms
from newsgraph.actors.resolution import Resolution
from newsgraph.nlp import extensions

extensions.register()


@Language.factory("newsgraph_actors", default_config={"extra_data": []})
def make_actor_resolver(nlp: Language, name: str, extra_data: list[str]) -> ActorResolver:
    return ActorResolver(nlp.vocab, gazetteer.load(extra_data))


class ActorResolver:
    """Finds and codes actor mentions; one instance (and its matchers) per pipeline."""

    def __init__(self, vocab: Vocab, gaz: Gazetteer) -> None:
        self.matcher = GazetteerMatcher(vocab, gaz)

    def __call__(self, doc: Doc) -> Doc:
        resolution = Resolution(self.matcher, doc)
        for ci in range(len(resolution.chunks)):
            resolution.resolve(ci)
        link_surnames_and_acronyms(resolution)
        link_pronouns(resolution)
        entities, index = build_entities(resolution)
        doc._.entities = entities
        doc._.set(INDEX_ATTRIBUTE, index)
        return doc
