"""The dateline at the head of a wire article ("MINSK -", "HAVANA, Oct 3 (Wire) -")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

_DATE = r"(?:[A-Z][a-z]{2,9}\.?\s+\d{1,2}(?:,?\s+\d{4})?|\d{1,2}\s+[A-Z][a-z]{2,9}\.?(?:\s+\d{4})?)"
_DATELINE = re.compile(
    r"\A\s*(?P<place>[A-Z][A-Z.'\-]*(?: [A-Z][A-Z.'\-]*){0,3})"
    r"(?:\s*,\s*(?P<region>[A-Z][A-Za-z.'\-]*(?: [A-Z][A-Za-z.'\-]*){0,2}))?"
    rf"(?:\s*,\s*(?P<date>{_DATE}))?"
    r"\s*(?:\((?P<agency>[^()\n]{1,40})\))?"
    r"\s*(?:--|[-\u2013\u2014:])\s"
)
#: Capitalised openers that look like a dateline but are not a place.
_NOT_PLACES = frozenset({"UPDATE", "BREAKING", "EXCLUSIVE", "ANALYSIS", "OPINION", "WATCH"})


@dataclass(frozen=True, slots=True)
class Dateline:
    """The place (and its region, if given) an article says it was filed from."""

    place: str
    start: int
    end: int
    region: str | None = None
    text: str = ""  # the place as written ("HAVANA")
    lede_start: int = 0  # where the first sentence begins, after the dash


def find_dateline(text: str) -> Dateline | None:
    """The dateline at the start of ``text``, or None; the place must be written in capitals."""
    match = _DATELINE.match(text[:200])
    if not match:
        return None
    place = match.group("place").strip()
    if place in _NOT_PLACES or len(place) < 3 or not place.replace(" ", "").isupper():
        return None
    return Dateline(
        place=place.title(),
        start=match.start("place"),
        end=match.start("place") + len(place),
        region=match.group("region"),
        text=place,
        lede_start=match.end(),
    )


@Language.component("newsgraph_datelines")
def split_dateline(doc: Doc) -> Doc:
    """Runs before the parser: the dateline ends a sentence of its own, so that the lede
    ("HAVANA - The chief of ..., General X, arrived") is parsed as the sentence it is.
    The name the lede opens with stays in that sentence: after "SEOUL -" the small model
    would otherwise end a sentence at "North" and start one at "Korea"."""
    dateline = find_dateline(doc[:60].text)
    if dateline is None:
        return doc
    lede = next((token for token in doc[1:60] if token.idx >= dateline.lede_start), None)
    if lede is None:
        return doc
    lede.is_sent_start = True
    for token in doc[lede.i + 1 : lede.i + 6]:
        if not token.text[:1].isupper():
            break
        token.is_sent_start = False
    return doc
