"""CAMEO codes for coded events, from the CAMEO-to-PLOVER table of PLOVER 0.8.

The shipped mapping ``data/events/cameo2plover.tsv`` (code -> type, modes, contexts; no
text of the table is kept) is derived from the Open Event Data Alliance's
``CAMEO2PLOVER-2021.txt`` (CC BY-SA 4.0) by this module, run as a script::

    python -m newsgraph.events.cameo ../shared/gold/plover/CAMEO2PLOVER-2021.txt

The table's few non-0.8 mode names are normalised (``MODE_FIXES``): names that are really
contexts move to the context column, and retired modes map to their 0.8 successors.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from newsgraph.data import data_path

DATA_FILE = "cameo2plover.tsv"
DATA_DIR = data_path("events")

#: table mode -> (0.8 mode or "", context to add or "")
MODE_FIXES: dict[str, tuple[str, str]] = {
    "assassinate": ("targeted", ""),
    "massacre": ("targeted", ""),
    "cleansing": ("", ""),
    "ban": ("restrict", ""),
    "political": ("restrict", ""),
    "ease": ("", ""),
    "return": ("", ""),
    "pro_autocracy": ("", "pro_autocracy"),
}
LINE = re.compile(r"^(\d{2,4}):\s*([A-Z]+)\s*,([^,#]*),?([^#]*)#?\s*(.*)$")


@dataclass(frozen=True, slots=True)
class CameoRow:
    code: str
    event: str
    modes: frozenset[str]
    contexts: frozenset[str]


def parse_table(text: str) -> list[CameoRow]:
    """The rows of CAMEO2PLOVER-2021.txt with 0.8 names (2-digit headers are skipped)."""
    rows: list[CameoRow] = []
    seen: set[str] = set()
    for line in text.splitlines():
        match = LINE.match(line.strip())
        if not match or len(match.group(1)) == 2:
            continue
        code, event, mode_text, context_text, _description = match.groups()
        modes: set[str] = set()
        contexts = {c.strip() for c in context_text.split(";") if c.strip()}
        for mode in (m.strip() for m in mode_text.split(";")):
            if not mode:
                continue
            mode, context = MODE_FIXES.get(mode, (mode, ""))
            if mode:
                modes.add(mode)
            if context:
                contexts.add(context)
        if code in seen:  # the table lists 175 twice
            continue
        seen.add(code)
        rows.append(CameoRow(code, event, frozenset(modes), frozenset(contexts)))
    return rows


def write_tsv(rows: list[CameoRow], path: Path) -> None:
    lines = ["code\tevent\tmode\tcontext"]
    lines += [
        f"{r.code}\t{r.event}\t{';'.join(sorted(r.modes))}\t{';'.join(sorted(r.contexts))}"
        for r in rows
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@cache
def load_rows() -> tuple[CameoRow, ...]:
    """The shipped mapping, read once."""
    text = (DATA_DIR / DATA_FILE).read_text(encoding="utf-8")
    rows = []
    for line in text.splitlines()[1:]:
        code, event, mode, context = line.split("\t")
        rows.append(
            CameoRow(
                code,
                event,
                frozenset(filter(None, mode.split(";"))),
                frozenset(filter(None, context.split(";"))),
            )
        )
    return tuple(rows)


@cache
def cameo_code(event: str, modes: tuple[str, ...], contexts: tuple[str, ...]) -> str | None:
    """The most specific CAMEO code whose PLOVER type, mode and context fit the event.

    A row scores for each shared mode and context and loses for a mode or context the event
    lacks; among the best, the longer (more specific) code wins, then the lower one.
    """
    best: tuple[float, int, str] | None = None
    for row in load_rows():
        if row.event != event:
            continue
        score = 0.0
        if row.modes:
            score += 3 if row.modes & set(modes) else -3
        if row.contexts:
            shared = len(row.contexts & set(contexts))
            score += 2 * shared if shared else -1
            score -= 0.5 * len(row.contexts - set(contexts))
        rank = (score, len(row.code) if score > 0 else -len(row.code), _neg(row.code))
        if best is None or rank > best:
            best = rank
    return None if best is None else _neg(best[2])


def _neg(code: str) -> str:
    """Order codes so that max() prefers the lower code (an involution on digit strings)."""
    return "".join(str(9 - int(c)) for c in code)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("table", type=Path, help="CAMEO2PLOVER-2021.txt")
    parser.add_argument(
        "--out",
        type=Path,
        default=DATA_DIR / DATA_FILE,
    )
    args = parser.parse_args(argv)
    try:
        rows = parse_table(args.table.read_text(encoding="utf-8"))
    except OSError as exc:
        print(f"cameo: cannot read {args.table}: {exc.strerror}", file=sys.stderr)
        return 2
    write_tsv(rows, args.out)
    print(f"wrote {len(rows)} rows to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
