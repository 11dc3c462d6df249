"""Where newsgraph's lexicons, gazetteers and migrations live, and how TSV lexicons are read.

Every stage finds its data through :func:`data_path`, so the layout
(``src/newsgraph/data/<area>/<file>``) is stated once.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent


def data_path(area: str, name: str = "") -> Path:
    """``data/<area>/<name>`` (or the area's directory when ``name`` is empty)."""
    return DATA_DIR / area / name if name else DATA_DIR / area


@cache
def read_tsv(area: str, name: str) -> tuple[tuple[str, ...], ...]:
    """The non-comment rows of ``data/<area>/<name>``, each split on tabs and stripped.

    Lexicons are tab-separated; blank lines and lines starting with ``#`` are skipped.
    """
    rows = []
    with data_path(area, name).open(encoding="utf-8") as handle:
        for line in handle:
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            rows.append(tuple(cell.strip() for cell in line.split("\t")))
    return tuple(rows)
