"""Actor coding accuracy on the PLOVER gold standard records.

    .venv/bin/python benchmarks/actors_gold.py [--limit N] [--verbose]

For every gold source/target actor in ``../shared/gold/plover/plover_gsr_dev.jsonl`` the
participant covering its ``actorText`` (``newsgraph.actors.participant_at`` on the gold words)
is compared with the gold ``code`` (target >= 0.90) and, where gold gives a PLOVER sector, with
the gold ``sector`` (target >= 0.75). Gold sector suffixes for ethnic or religious groups
("CVLalb", "REBMOS") are compared on their PLOVER part; "***" and non-PLOVER sectors are not
scored. ``--verbose`` lists every miss.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT.parent / "shared" / "gold" / "plover" / "plover_gsr_dev.jsonl"


def gold_actors(record: dict) -> list[dict]:
    actors = []
    for side in ("source", "target"):
        value = record.get(side)
        if isinstance(value, list):
            actors.extend({**a, "side": side} for a in value if a.get("actorText"))
    return actors


def find_words(text: str, words: str) -> tuple[int, int] | None:
    """Offsets of the gold words; "A ... B" is scored on its last part (the head).

    Gold actor texts differ from the sentence now and then (spacing, "Ghanians" for
    "Ghanaians"): whitespace is flexible, and failing that the last word is found by its stem.
    """
    part = words.split("...")[-1].strip(" ()")
    pattern = r"\s+".join(re.escape(w) for w in part.split())
    found = re.search(pattern, text, flags=re.IGNORECASE)
    if found is None and part:
        stem = part.split()[-1][:4]
        found = re.search(r"\b" + re.escape(stem) + r"\w*", text)
    return (found.start(), found.end()) if found else None


def run(limit: int | None, verbose: bool) -> dict:
    from newsgraph.actors import participant_at
    from newsgraph.nlp import COMPONENTS, load
    from newsgraph.progress import track
    from newsgraph.records import PLOVER_SECTORS

    nlp = load()
    others = [c for c in COMPONENTS if c != "newsgraph_actors" and c in nlp.pipe_names]
    records = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines()]
    records = records[:limit] if limit else records
    code_right = code_total = sector_right = sector_total = 0
    misses: list[str] = []
    with nlp.select_pipes(disable=others):
        docs = nlp.pipe(r["text"] for r in records)
        for record, doc in track(
            zip(records, docs, strict=True), "actors", total=len(records), unit="records"
        ):
            for actor in gold_actors(record):
                offsets = find_words(record["text"], actor["actorText"])
                span = doc.char_span(*offsets, alignment_mode="expand") if offsets else None
                found = participant_at(doc, span) if span is not None else None
                code = found.code if found else None
                sector = found.sector if found else None
                code_total += 1
                ok_code = code == actor["code"]
                code_right += ok_code
                gold_sector = (actor.get("sector") or "")[:3].upper()
                ok_sector = True
                if gold_sector in PLOVER_SECTORS:
                    sector_total += 1
                    ok_sector = sector == gold_sector
                    sector_right += ok_sector
                if not (ok_code and ok_sector):
                    misses.append(
                        f"{record['id']} {actor['side']} {actor['actorText']!r}: gold "
                        f"{actor['code']}/{actor.get('sector')} got {code}/{sector} "
                        f"({found.text if found else '-'})"
                    )
    return {
        "actors": code_total,
        "code_accuracy": round(code_right / code_total, 3) if code_total else 0.0,
        "sectors": sector_total,
        "sector_accuracy": round(sector_right / sector_total, 3) if sector_total else 0.0,
        "misses": misses if verbose else len(misses),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, help="score only the first N records")
    parser.add_argument("--verbose", action="store_true", help="list every miss")
    args = parser.parse_args()
    if not GOLD.exists():
        print(f"actors_gold: {GOLD} is absent (shared gold exists only in the project's CI)",
              file=sys.stderr)  # fmt: skip
        return 2
    result = run(args.limit, args.verbose)
    misses = result.pop("misses")
    print(json.dumps(result))
    if args.verbose:
        for miss in misses:
            print("  miss:", miss)
    return 0


if __name__ == "__main__":
    sys.exit(main())
