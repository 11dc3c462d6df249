"""Places measured from a landmark: "30 km south of Baghdad", "Kaboul, 40 km north of Aleppo".

Wire copy often places an event by distance and bearing from a town everyone knows. Putting
the event at the landmark itself is the "wrong city" error analysts complain of; this module
turns the distance and bearing into a point of its own, at a precision that says how far
it can be trusted. Bearings and units are data: ``compass_words`` and ``distance_units`` in
``data/places/cues.json``.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from newsgraph.places.gazetteer import CUES, Place, offset_point

#: Compass words and their bearings in degrees ("north of X", "40 km south-west of X").
COMPASS_BEARINGS: dict[str, float] = CUES["compass_words"]
#: Units of "40 km north of X", "10 miles from X", and how many kilometres each is.
KM_PER_UNIT: dict[str, float] = CUES["distance_units"]
#: How far a point measured from a landmark may lie and still be a district-level point in
#: the landmark's province; beyond it, a province-level one with no province code.
NEAR_LANDMARK_KM = 50.0
#: Kinds of place that a distance and a bearing can be measured from (not a country).
LANDMARK_KINDS = frozenset({"site", "city", "district"})
#: Words an apposition may hold between a place and its landmark ("Dunya Pur, a small town
#: about 100 kilometers northeast of Multan"): no verb, no new clause.
APPOSITION_POS = frozenset({"DET", "ADJ", "NOUN", "NUM", "ADV", "PUNCT", "PROPN"})
#: The longest apposition between a place's comma and its compass word.
MAX_APPOSITION_TOKENS = 12


def measure(landmark: Place, bearing_word: str | None, km: float | None) -> Place:
    """The place ``km`` along ``bearing_word`` from ``landmark``, named for how it was
    measured ("30 km south of Baghdad"): kind ``district`` with both within
    ``NEAR_LANDMARK_KM``, else ``admin1``; without both, the landmark's point (the event was
    near the landmark, not in it). It has no GeoNames id: the point is not the landmark's."""
    bearing = COMPASS_BEARINGS.get(bearing_word or "")
    near = km is None or km <= NEAR_LANDMARK_KM
    lat, lon = landmark.lat, landmark.lon
    if km is not None and bearing is not None:
        lat, lon = offset_point((lat, lon), bearing, km)
        name = f"{km:.0f} km {bearing_word} of {landmark.name}"
    elif bearing is not None:
        name = f"{bearing_word} of {landmark.name}"
    elif km is not None:
        name = f"{km:.0f} km from {landmark.name}"
    else:
        name = f"near {landmark.name}"
    return Place(
        name=name,
        code=landmark.code,
        kind="district" if km is not None and bearing is not None and near else "admin1",
        lat=lat,
        lon=lon,
        admin1=landmark.admin1 if near else None,
    )


def distance_before(doc: Doc, word: Token) -> tuple[float | None, int | None]:
    """The distance in km written just before ``word`` ("30 km south", "50 kilometers (30
    miles) west", "10 miles from") and the character where it starts, from the quantities
    the quantity tagger found; (None, None) when there is none."""
    i = word.i - 1
    if i >= 0 and doc[i].text == ")":
        while i > 0 and doc[i].text != "(":
            i -= 1
        i -= 1
    if i < 0 or doc[i].lemma_.lower() not in KM_PER_UNIT:
        return None, None
    unit = doc[i]
    for quantity in doc._.quantities or ():
        if quantity.span.end == unit.idx + len(unit.text):
            return float(quantity.value) * KM_PER_UNIT[unit.lemma_.lower()], quantity.span.start
    return None, None


def landmark_after(doc: Doc, end: int) -> tuple[int, str | None, float | None] | None:
    """For a place ending at token ``end`` and followed by ", 40 km north of", ", a small town
    about 100 kilometers northeast of" or ", 10 miles from": the token where the landmark's
    phrase starts, the compass word and the distance in km; None when no such phrase follows."""
    if end >= len(doc) or doc[end].text != ",":
        return None
    last = min(doc[end].sent.end, end + 1 + MAX_APPOSITION_TOKENS) - 1
    for token in doc[end + 1 : last]:
        word = token.lower_
        following = doc[token.i + 1].lower_
        if word in COMPASS_BEARINGS and following == "of":
            return token.i + 2, word, distance_before(doc, token)[0]
        if word == "from" or (word == "away" and following == "from"):
            km = distance_before(doc, token)[0]
            if km is None:
                return None  # "a driver from Abidjan": an origin, not a measure
            return token.i + 1 + (word == "away"), None, km
        if token.pos_ not in APPOSITION_POS or token.text in (";", ":"):
            return None
    return None
