"""The ``newsgraph_dates`` component: time expressions normalised against the publication date.

Placeholder (no expressions found) until the temporal normaliser (issue 5) lands.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Token

from newsgraph.records import Date, Span


@dataclass(slots=True)
class Timex:
    """A time expression in the text and the date it denotes."""

    span: Span
    date: Date


@Language.factory("newsgraph_dates")
def make_date_tagger(nlp: Language, name: str) -> DateTagger:
    return DateTagger()


class DateTagger:
    def __call__(self, doc: Doc) -> Doc:
        doc._.timexes = []
        return doc


def publication_date(doc: Doc) -> Date:
    """The fallback date of an event: the article's publication day, flagged as such."""
    article = doc._.article
    published = article.published[:10] if article and article.published else None
    return Date(
        start=published,
        end=None,
        precision="day" if published else "unknown",
        text=None,
        from_publication=published is not None,
    )


def date_for(doc: Doc, trigger: Token) -> Date:
    """The date of the event whose trigger is ``trigger``."""
    return publication_date(doc)
