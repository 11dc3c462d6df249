"""The dateline at the head of a wire article ("MINSK -", "HAVANA, Oct 3 (Wire) -")."""

from __future__ import annotations

import re
from dataclasses import dataclass

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
    )
