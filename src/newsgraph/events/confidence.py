"""Event confidence: how often events of a trigger kind had the right type on gold.

The per-kind rates live in ``data/events/confidence.json`` and are re-measured with
``newsgraph evaluate ../shared/gold/plover/plover_gsr_dev.jsonl --calibrate``.
"""

from __future__ import annotations

import json
from functools import cache

from newsgraph.events.lexicon import DATA_DIR

CONFIDENCE_FILE = DATA_DIR / "confidence.json"


@cache
def _table() -> dict:
    return json.loads(CONFIDENCE_FILE.read_text(encoding="utf-8"))


def confidence_for(kind: str, event: str, has_actor: bool, has_aux: bool) -> float:
    """A probability-like score in [0, 1] that the event's type is right."""
    table = _table()
    value = float(table.get("type", {}).get(event) or table["kind"].get(kind, 0.5))
    if not has_actor:
        value *= float(table["no_actor_factor"])
    if has_aux:
        value *= float(table["aux_factor"])
    return round(min(1.0, max(0.0, value)), 3)
