"""Hand-made v1 records for the store and export tests (texts written for these tests).

The builders keep offsets honest: every span is computed from the article text, so the
article view's highlighting can be checked against the text itself.
"""

from __future__ import annotations

import hashlib
from typing import Any

from newsgraph.records import PLOVER_EVENT_TYPES, Event

Row = dict[str, Any]


def span(text: str, words: str, after: int = 0) -> Row:
    start = text.index(words, after)
    return {"start": start, "end": start + len(words)}


def participant(code: str | None, sector: str | None = None, name: str | None = None) -> Row:
    return {
        "text": name or code or "",
        "name": name,
        "entity_id": None,
        "code": code,
        "sector": sector,
    }


def date(start: str | None, precision: str = "day", *, from_publication: bool = False) -> Row:
    return {
        "start": start,
        "end": None,
        "precision": precision if start else "unknown",
        "text": None,
        "from_publication": from_publication,
    }


def location(name: str, code: str, lat: float, lon: float, precision: str = "city") -> Row:
    return {
        "text": name,
        "span": {"start": 0, "end": 0},
        "name": name,
        "code": code,
        "admin1": None,
        "geonameid": None,
        "lat": lat,
        "lon": lon,
        "precision": precision,
        "source": "text",
    }


def quantity(text: str, words: str, value: float, counts: str, unit: str = "people") -> Row:
    return {
        "value": value,
        "qualifier": None,
        "unit": unit,
        "counts": counts,
        "text": words,
        "span": span(text, words),
    }


def event(
    text: str,
    local_id: str,
    kind: str,
    trigger: str,
    *,
    actor: list[Row],
    recipient: list[Row] = (),  # type: ignore[assignment]
    when: Row | None = None,
    where: Row | None = None,
    aux: list[str] = (),  # type: ignore[assignment]
    attribution: Row | None = None,
    quantities: list[Row] = (),  # type: ignore[assignment]
    mode: list[str] = (),  # type: ignore[assignment]
) -> Row:
    assert kind in PLOVER_EVENT_TYPES
    trigger_span = span(text, trigger)
    start = text.rfind(". ", 0, trigger_span["start"])
    start = 0 if start < 0 else start + 2
    end = text.find(".", trigger_span["end"])
    end = len(text) if end < 0 else end + 1
    return {
        "id": local_id,
        "event": kind,
        "mode": list(mode),
        "context": [],
        "aux": list(aux),
        "actor": actor,
        "recipient": list(recipient),
        "date": when or date(None),
        "location": where,
        "event_text": trigger,
        "trigger_span": trigger_span,
        "text": text[start:end],
        "text_info": {"start": start, "end": end},
        "attribution": attribution,
        "quantities": list(quantities),
        "cameo": None,
        "confidence": 0.8,
    }


def attribution(speaker: Row, verb: str = "said", stance: str = "assert") -> Row:
    return {"speaker": speaker, "verb": verb, "stance": stance, "hedged": False, "cues": []}


def claim(
    text: str,
    local_id: str,
    content: str,
    *,
    speaker: Row,
    verb: str = "said",
    stance: str = "assert",
    events: list[str] = (),  # type: ignore[assignment]
    quantities: list[Row] = (),  # type: ignore[assignment]
    when: Row | None = None,
) -> Row:
    return {
        "id": local_id,
        "speaker": speaker,
        "verb": verb,
        "stance": stance,
        "hedged": False,
        "cues": [],
        "content": content,
        "content_span": span(text, content),
        "events": list(events),
        "quantities": list(quantities),
        "date": when or date(None),
    }


def entity(
    text: str, local_id: str, name: str, kind: str, code: str | None, *words: str, **extra: Any
) -> Row:
    mentions = []
    for word in words:
        found = span(text, word)
        mentions.append({**found, "text": word})
    return {
        "id": local_id,
        "name": name,
        "kind": kind,
        "code": code,
        "sector": extra.get("sector"),
        "aliases": list(extra.get("aliases", [])),
        "titles": list(extra.get("titles", [])),
        "mentions": mentions,
    }


def record(
    article_id: str,
    text: str,
    *,
    published: str,
    source: str | None,
    title: str | None = None,
    events: list[Row] = (),  # type: ignore[assignment]
    claims: list[Row] = (),  # type: ignore[assignment]
    entities: list[Row] = (),  # type: ignore[assignment]
    quantities: list[Row] = (),  # type: ignore[assignment]
) -> Row:
    return {
        "article": {
            "id": article_id,
            "title": title or f"Story {article_id}",
            "published": published,
            "url": f"https://news.example.org/{article_id}",
            "source": source,
            "language": "en",
            "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
            "text": text,
        },
        "entities": list(entities),
        "events": list(events),
        "claims": list(claims),
        "quantities": list(quantities),
    }


# ---------------------------------------------------------------------------- a small world

DRILLS_A = (
    "Chinese and Russian warships began joint naval drills near Vladivostok on Tuesday. "
    "The Russian Pacific Fleet said twelve ships took part."
)
DRILLS_B = (
    "Russia and China held naval exercises off Vladivostok this week, the defence ministry in "
    "Moscow said. Beijing called the drills routine."
)
VISIT_AUG = "HAVANA - Cuba's defence minister visited Minsk on 12 August for talks with Belarus."
VISIT_SEP = (
    "The Cuban defence minister visited Minsk again on 15 September, officials in Minsk said."
)
KENYA = (
    "Kenya said nine soldiers were killed in the attack on the base at Baure. "
    "Al-Shabaab claimed that 30 soldiers were killed."
)
DENIAL_UKR = "Ukraine's intelligence service said Russia recruited Cuban fighters for its army."
DENIAL_CUB = "Cuba denied that Russia recruited Cuban fighters, calling the report a lie."


def russia(text: str, local_id: str, *words: str) -> Row:
    return entity(text, local_id, "Russia", "state", "RUS", *words, aliases=["Moscow"])


def world() -> list[Row]:
    """Seven articles: one event told by two outlets, two visits a month apart, a figure
    contradiction inside one article, and a denial across two articles."""
    vladivostok = location("Vladivostok", "RUS", 43.1, 131.9)
    drills_a = record(
        "drills-a",
        DRILLS_A,
        published="2025-09-10",
        source="Pacific Wire",
        title="Joint drills begin",
        entities=[
            russia(DRILLS_A, "e1", "Russian"),
            entity(DRILLS_A, "e2", "China", "state", "CHN", "Chinese"),
        ],
        events=[
            event(
                DRILLS_A,
                "ev1",
                "MOBILIZE",
                "began joint naval drills",
                actor=[participant("CHN", "MIL", "China"), participant("RUS", "MIL", "Russia")],
                when=date("2025-09-09"),
                where=vladivostok,
                quantities=[quantity(DRILLS_A, "twelve ships", 12, "ships", "ships")],
            )
        ],
    )
    drills_a["events"][0]["actor"][1]["entity_id"] = "e1"
    drills_a["events"][0]["actor"][0]["entity_id"] = "e2"
    drills_b = record(
        "drills-b",
        DRILLS_B,
        published="2025-09-11",
        source="Harbour Times",
        entities=[
            entity(
                DRILLS_B, "e1", "Russian Federation", "state", "RUS", "Russia", aliases=["Russia"]
            ),
            entity(DRILLS_B, "e2", "China", "state", "CHN", "China", aliases=["Beijing"]),
            entity(DRILLS_B, "e3", "Moscow", "place", "RUS", "Moscow"),
        ],
        events=[
            event(
                DRILLS_B,
                "ev1",
                "MOBILIZE",
                "held naval exercises",
                actor=[participant("RUS", "MIL", "Russia"), participant("CHN", "MIL", "China")],
                when=date("2025-09", "month"),
                where=location("Vladivostok", "RUS", 43.12, 131.88),
                attribution=attribution(participant("RUS", "MIL", "defence ministry")),
            )
        ],
    )
    visit_aug = record(
        "visit-aug",
        VISIT_AUG,
        published="2025-08-13",
        source="Island Post",
        entities=[
            entity(VISIT_AUG, "e1", "Cuba", "state", "CUB", "Cuba", aliases=["Havana"]),
            entity(VISIT_AUG, "e2", "Belarus", "state", "BLR", "Belarus", aliases=["Minsk"]),
        ],
        events=[
            event(
                VISIT_AUG,
                "ev1",
                "CONSULT",
                "visited",
                mode=["visit"],
                actor=[participant("CUB", "MIL", "Cuba's defence minister")],
                recipient=[participant("BLR", "GOV", "Belarus")],
                when=date("2025-08-12"),
                where=location("Minsk", "BLR", 53.9, 27.56),
            )
        ],
    )
    visit_sep = record(
        "visit-sep",
        VISIT_SEP,
        published="2025-09-16",
        source="Island Post",
        entities=[entity(VISIT_SEP, "e1", "Cuba", "state", "CUB", "Cuban")],
        events=[
            event(
                VISIT_SEP,
                "ev1",
                "CONSULT",
                "visited",
                mode=["visit"],
                actor=[participant("CUB", "MIL", "The Cuban defence minister")],
                recipient=[participant("BLR", "GOV", "Minsk")],
                when=date("2025-09-15"),
                where=location("Minsk", "BLR", 53.9, 27.56),
            )
        ],
    )
    kenya_speaker = participant("KEN", "GOV", "Kenya")
    shabaab = participant("SOM", "REB", "Al-Shabaab")
    kenya = record(
        "kenya",
        KENYA,
        published="2025-09-20",
        source="Coast Daily",
        entities=[
            entity(KENYA, "e1", "Kenya", "state", "KEN", "Kenya"),
            entity(KENYA, "e2", "al-Shabaab", "group", "SOM", "Al-Shabaab", sector="REB"),
        ],
        claims=[
            claim(
                KENYA,
                "c1",
                "nine soldiers were killed in the attack on the base at Baure",
                speaker=kenya_speaker,
                quantities=[quantity(KENYA, "nine soldiers", 9, "soldiers killed")],
                when=date("2025-09-19"),
            ),
            claim(
                KENYA,
                "c2",
                "30 soldiers were killed",
                speaker=shabaab,
                verb="claimed",
                stance="allege",
                quantities=[quantity(KENYA, "30 soldiers", 30, "soldiers killed")],
                when=date("2025-09-19"),
            ),
        ],
    )
    kenya["claims"][1]["speaker"]["entity_id"] = "e2"
    denial_ukr = record(
        "denial-ukr",
        DENIAL_UKR,
        published="2025-09-25",
        source="Kyiv Ledger",
        entities=[entity(DENIAL_UKR, "e1", "Ukraine", "state", "UKR", "Ukraine")],
        events=[
            event(
                DENIAL_UKR,
                "ev1",
                "MOBILIZE",
                "recruited",
                actor=[participant("RUS", "GOV", "Russia")],
                recipient=[participant("CUB", "CVL", "Cuban fighters")],
                when=date("2025-09-25", from_publication=True),
                attribution=attribution(participant("UKR", "SPY", "intelligence service")),
            )
        ],
        claims=[
            claim(
                DENIAL_UKR,
                "c1",
                "Russia recruited Cuban fighters for its army",
                speaker=participant("UKR", "SPY", "intelligence service"),
                events=["ev1"],
            )
        ],
    )
    denial_cub = record(
        "denial-cub",
        DENIAL_CUB,
        published="2025-09-26",
        source="Island Post",
        entities=[entity(DENIAL_CUB, "e1", "Cuba", "state", "CUB", "Cuba")],
        events=[
            event(
                DENIAL_CUB,
                "ev1",
                "MOBILIZE",
                "recruited",
                actor=[participant("RUS", "GOV", "Russia")],
                recipient=[participant("CUB", "CVL", "Cuban fighters")],
                when=date("2025-09-26", from_publication=True),
                attribution=attribution(participant("CUB", "GOV", "Cuba"), "denied", "deny"),
            )
        ],
        claims=[
            claim(
                DENIAL_CUB,
                "c1",
                "Russia recruited Cuban fighters",
                speaker=participant("CUB", "GOV", "Cuba"),
                verb="denied",
                stance="deny",
                events=["ev1"],
            )
        ],
    )
    return [drills_a, drills_b, visit_aug, visit_sep, kenya, denial_ukr, denial_cub]


def test_hand_made_events_fit_the_record_dataclasses() -> None:
    """The builders produce the v1 shape: every event key is an Event field."""
    fields = set(Event.__dataclass_fields__)
    for rec in world():
        for ev in rec["events"]:
            assert set(ev) == fields
            assert (
                rec["article"]["text"][ev["trigger_span"]["start"] : ev["trigger_span"]["end"]]
                == (ev["event_text"])
            )
