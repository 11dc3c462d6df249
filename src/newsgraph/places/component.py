"""The ``newsgraph_places`` component: the place where each event happened.

Placeholder (no locations) until event geolocation (issue 8) lands.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.factory("newsgraph_places")
def make_place_resolver(nlp: Language, name: str) -> PlaceResolver:
    return PlaceResolver()


class PlaceResolver:
    def __call__(self, doc: Doc) -> Doc:
        return doc
