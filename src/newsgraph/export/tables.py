"""The export lookup tables (``newsgraph/data/export``), read once."""

from __future__ import annotations

import csv
from functools import cache

from newsgraph.data import data_path

DATA = data_path("export")


@cache
def plover_cameo() -> dict[str, tuple[str, int]]:
    """PLOVER type -> (CAMEO root code, quad class)."""
    with (DATA / "plover_cameo.tsv").open(encoding="utf-8", newline="") as handle:
        return {
            row["plover"]: (row["cameo_root"], int(row["quad_class"]))
            for row in csv.DictReader(handle, delimiter="\t")
        }


def cameo_code(event: dict) -> str:
    """The event's own CAMEO code, else the root code of its PLOVER type."""
    return event.get("cameo") or plover_cameo().get(event["event"], ("", 0))[0]


def quad_class(event_type: str) -> int | None:
    return plover_cameo().get(event_type, (None, None))[1]
