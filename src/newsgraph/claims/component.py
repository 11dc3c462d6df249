"""The ``newsgraph_claims`` component: who asserts, alleges, denies or acknowledges what.

Placeholder (no claims) until the claims layer (issue 5) lands.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.factory("newsgraph_claims")
def make_claim_tagger(nlp: Language, name: str) -> ClaimTagger:
    return ClaimTagger()


class ClaimTagger:
    def __call__(self, doc: Doc) -> Doc:
        doc._.claims = []
        return doc
