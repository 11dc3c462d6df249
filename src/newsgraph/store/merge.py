"""When two reports describe the same real-world event: the merge rule, as pure functions.

Plain dicts in, plain values out (no SQLite, no spaCy), so the store and the Dask cluster
stage run exactly the same rule. A *report key* is the comparable form of one v1 event plus
its article; a *cluster summary* has the same shape, so a new report is compared with a
cluster by the same ``same_event`` that compares two reports.

Two reports are the same event when
- the PLOVER type is the same;
- both or neither are visits (a visit and the talks held during it are two events), and their
  PLOVER contexts overlap when both give some (military talks are not economic talks);
- the irrealis class is the same (future or hypothetical reports never merge with factual
  ones; negated or denied reports *do*, so a denial sits beside the assertion it contradicts);
- their participants overlap, role-insensitively: at least ``min(2, smaller set)`` codes in
  common (a participant with no code counts by its normalised name, only when one side has
  no coded participant at all);
- their date intervals overlap at their precision ("2025-08" covers "2025-08-14"; a date taken
  from the publication date stands for the week up to publication);
- they name the same place when both name one (a dateline is not the place of the event).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from newsgraph.places import haversine_km

#: Interval bounds for an event with no usable date: compatible with every other date.
OPEN_LO = 1
OPEN_HI = date.max.toordinal()

#: A date taken from the publication date only says the event happened shortly before.
PUBLICATION_WINDOW_DAYS = 7
#: Two single days this many days apart still agree (time zones, overnight reports).
DAY_TOLERANCE = 1
#: Two located places closer than this are the same place.
SAME_PLACE_KM = 30.0
COARSE_PRECISIONS = frozenset({"country", "admin1", "unknown"})
IRREALIS_AUX = frozenset({"future", "hypothetical"})

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


@lru_cache(maxsize=65536)
def normalize_name(text: str | None) -> str:
    """Case-, accent- and punctuation-folded form of a name, for matching names across articles."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = re.sub(r"^(the)\s+", "", text.strip())
    return re.sub(r"[^\w]+", " ", text).strip()


def date_bounds(value: str | None) -> tuple[int, int] | None:
    """Ordinal day interval of an ISO date at its precision: ``2025-08`` -> Aug 1..Aug 31."""
    if not value:
        return None
    match = _DATE.match(value.strip())
    if not match:
        return None
    year, month, day = int(match[1]), match[2], match[3]
    try:
        if day:
            first = last = date(year, int(month), int(day))
        elif month:
            first = date(year, int(month), 1)
            following = date(year + (int(month) == 12), int(month) % 12 + 1, 1)
            last = following - timedelta(days=1)
        else:
            first, last = date(year, 1, 1), date(year, 12, 31)
    except ValueError:
        return None
    return first.toordinal(), last.toordinal()


def date_interval(event_date: dict[str, Any] | None) -> tuple[int, int]:
    """The days a v1 ``Date`` allows, widened for publication-date fallbacks; open when unknown."""
    if not event_date:
        return OPEN_LO, OPEN_HI
    start = date_bounds(event_date.get("start"))
    if start is None:
        return OPEN_LO, OPEN_HI
    lo, hi = start
    if event_date.get("precision") == "range":
        end = date_bounds(event_date.get("end"))
        hi = end[1] if end else OPEN_HI
    if event_date.get("from_publication"):
        lo = hi - PUBLICATION_WINDOW_DAYS
    return lo, hi


def participant_key(participant: dict[str, Any]) -> str | None:
    """A participant's identity for merging: its code, else ``name:<normalised name>``."""
    code = participant.get("code")
    if code:
        return str(code).upper()
    name = normalize_name(participant.get("name") or participant.get("text"))
    return f"name:{name}" if name else None


def place_key(location: dict[str, Any] | None) -> dict[str, Any] | None:
    """The parts of a v1 ``Location`` that say where an event happened (None for a dateline)."""
    if not location or location.get("source") == "dateline":
        return None
    name = normalize_name(location.get("name") or location.get("text"))
    if not name and location.get("geonameid") is None and location.get("lat") is None:
        return None
    return {
        "name": name,
        "code": location.get("code"),
        "admin1": location.get("admin1"),
        "geonameid": location.get("geonameid"),
        "lat": location.get("lat"),
        "lon": location.get("lon"),
        "precision": location.get("precision") or "unknown",
    }


def report_key(event: dict[str, Any], article: dict[str, Any]) -> dict[str, Any]:
    """The comparable form of one v1 event reported by one article."""
    actors = {k for p in event.get("actor") or () if (k := participant_key(p))}
    recipients = {k for p in event.get("recipient") or () if (k := participant_key(p))}
    lo, hi = date_interval(event.get("date"))
    return {
        "event": event.get("event"),
        "visit": "visit" in (event.get("mode") or ()),
        "context": sorted(set(event.get("context") or ())),
        "irrealis": bool(IRREALIS_AUX.intersection(event.get("aux") or ())),
        "codes": sorted(actors | recipients),
        "actor_codes": sorted(actors),
        "recipient_codes": sorted(recipients),
        "lo": lo,
        "hi": hi,
        "place": place_key(event.get("location")),
        "article": article.get("id"),
        "source": article.get("source"),
    }


def dates_overlap(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Intervals overlap; two single days may also be ``DAY_TOLERANCE`` apart (a month or a
    year ending never touches the next one)."""
    slack = DAY_TOLERANCE if a["lo"] == a["hi"] and b["lo"] == b["hi"] else 0
    return a["lo"] <= b["hi"] + slack and b["lo"] <= a["hi"] + slack


def participants_overlap(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Enough participants in common. Coded participants are compared when both sides have
    some (an uncoded "its chief of staff" says little); names count only otherwise."""
    codes_a, codes_b = set(a["codes"]), set(b["codes"])
    coded_a = {c for c in codes_a if not c.startswith("name:")}
    coded_b = {c for c in codes_b if not c.startswith("name:")}
    if coded_a and coded_b:
        codes_a, codes_b = coded_a, coded_b
    if not codes_a or not codes_b:
        return False
    return len(codes_a & codes_b) >= min(2, len(codes_a), len(codes_b))


def same_place(a: dict[str, Any] | None, b: dict[str, Any] | None) -> bool:
    """True unless both name a place and the places differ."""
    if a is None or b is None:
        return True
    if a["geonameid"] is not None and a["geonameid"] == b["geonameid"]:
        return True
    if a["name"] and a["name"] == b["name"]:
        return True
    if a["code"] and b["code"] and a["code"] != b["code"]:
        return False
    if a["precision"] in COARSE_PRECISIONS or b["precision"] in COARSE_PRECISIONS:
        # "in Syria" and "in Aleppo" can be the same event; admin1 must agree when both have it
        return not (a["admin1"] and b["admin1"] and a["admin1"] != b["admin1"])
    if None not in (a["lat"], a["lon"], b["lat"], b["lon"]):
        return haversine_km((a["lat"], a["lon"]), (b["lat"], b["lon"])) <= SAME_PLACE_KM
    return False


def same_event(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """True when two report keys (or cluster summaries) describe the same real-world event."""
    return (
        a["event"] == b["event"]
        and a["irrealis"] == b["irrealis"]
        and a["visit"] == b["visit"]
        and (not a["context"] or not b["context"] or bool(set(a["context"]) & set(b["context"])))
        and dates_overlap(a, b)
        and participants_overlap(a, b)
        and same_place(a["place"], b["place"])
    )


def absorb(summary: dict[str, Any], key: dict[str, Any]) -> dict[str, Any]:
    """The summary of a cluster after ``key`` joins it: participants united, dates narrowed
    to what both allow, the more precise place kept."""
    lo, hi = max(summary["lo"], key["lo"]), min(summary["hi"], key["hi"])
    if lo > hi:  # only within the day tolerance: keep the earlier interval
        lo, hi = summary["lo"], summary["hi"]
    place = summary["place"]
    if place is None or (
        key["place"] is not None
        and place["precision"] in COARSE_PRECISIONS
        and key["place"]["precision"] not in COARSE_PRECISIONS
    ):
        place = key["place"]
    return {
        **summary,
        "codes": sorted(set(summary["codes"]) | set(key["codes"])),
        "context": sorted(set(summary["context"]) | set(key["context"])),
        "actor_codes": sorted(set(summary["actor_codes"]) | set(key["actor_codes"])),
        "recipient_codes": sorted(set(summary["recipient_codes"]) | set(key["recipient_codes"])),
        "lo": lo,
        "hi": hi,
        "place": place,
    }


def blocking_keys(key: dict[str, Any]) -> list[str]:
    """``TYPE|irrealis|CODE`` strings; two keys that can merge share at least one of them."""
    return [f"{key['event']}|{int(key['irrealis'])}|{code}" for code in key["codes"]]


def merge_reports(keys: Sequence[dict[str, Any]]) -> list[int]:
    """A cluster label for each report key: each key joins the oldest compatible cluster
    (compared with the cluster's running summary) or starts a new one. Input order matters
    and is the store's ingest order, so both give the same clusters."""
    labels: list[int] = []
    summaries: list[dict[str, Any]] = []
    by_block: dict[str, set[int]] = {}
    for key in keys:
        candidates = sorted({c for block in blocking_keys(key) for c in by_block.get(block, ())})
        label = next((c for c in candidates if same_event(summaries[c], key)), None)
        if label is None:
            label = len(summaries)
            summaries.append(dict(key))
        else:
            summaries[label] = absorb(summaries[label], key)
        for block in blocking_keys(summaries[label]):
            by_block.setdefault(block, set()).add(label)
        labels.append(label)
    return labels


def record_report_keys(records: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Report keys of every event in v1 records, in order (each keeps ``local_id``)."""
    keys = []
    for record in records:
        for event in record.get("events") or ():
            keys.append({**report_key(event, record["article"]), "local_id": event.get("id")})
    return keys
