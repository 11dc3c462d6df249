"""The ``newsgraph_quantities`` component: numbers with qualifier, unit and what they count.

Placeholder (no quantities) until the quantity extractor (issue 5) lands.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.factory("newsgraph_quantities")
def make_quantity_tagger(nlp: Language, name: str) -> QuantityTagger:
    return QuantityTagger()


class QuantityTagger:
    def __call__(self, doc: Doc) -> Doc:
        doc._.quantities = []
        return doc
