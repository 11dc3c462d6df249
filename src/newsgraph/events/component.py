"""The ``newsgraph_events`` component: PLOVER 0.8 event coding.

Placeholder (no events) until the event coder (issue 4) lands.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.factory("newsgraph_events")
def make_event_coder(nlp: Language, name: str) -> EventCoder:
    return EventCoder()


class EventCoder:
    def __call__(self, doc: Doc) -> Doc:
        doc._.events = []
        return doc
