"""Read newsgraph's TSV lexicons (``src/newsgraph/data/<area>/<name>.tsv``).

Lexicons are data, not code: each file is tab-separated, ``#`` starts a comment line.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


@cache
def read_tsv(area: str, name: str) -> tuple[tuple[str, ...], ...]:
    """The non-comment rows of ``data/<area>/<name>``, each split on tabs and stripped."""
    rows = []
    with (DATA_DIR / area / name).open(encoding="utf-8") as handle:
        for line in handle:
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            rows.append(tuple(cell.strip() for cell in line.split("\t")))
    return tuple(rows)
