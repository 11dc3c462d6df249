"""``newsgraph evaluate``: score the event coder against PLOVER-format gold."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from newsgraph.errors import InputError


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add this stage's subcommands to the ``newsgraph`` parser."""
    evaluate = subparsers.add_parser(
        "evaluate",
        help="score PLOVER event coding against gold records (type recall, full recall)",
        description="Run the pipeline on each gold record's text and compare the coded events "
        "with the record's PLOVER type (event_v08, else event), source and target codes.",
    )
    evaluate.add_argument("gold", type=Path, metavar="GOLD.jsonl", help="PLOVER-format gold")
    evaluate.add_argument("--json", action="store_true", help="print the scores as JSON")
    evaluate.add_argument("--model", help="spaCy pipeline to use")
    evaluate.add_argument(
        "--misses", action="store_true", help="also list the records whose type was missed"
    )
    evaluate.add_argument(
        "--calibrate",
        action="store_true",
        help="write per-type precision to data/events/confidence.json (developers)",
    )
    evaluate.set_defaults(handler=run_evaluate)


def run_evaluate(args: argparse.Namespace) -> int:
    from newsgraph.events.evaluate import calibration, confusion_table, run

    if not args.gold.is_file():
        raise InputError(str(args.gold), "no such gold file")
    scores = run(args.gold, model=args.model, keep_misses=args.misses)
    summary = scores.summary()
    if args.calibrate:
        write_calibration(calibration(scores))
    if args.json:
        if args.misses:
            summary["misses"] = scores.misses
        print(json.dumps(summary, ensure_ascii=False))
        return 0
    print(f"records                  {summary['records']}")
    print(f"type recall              {summary['type_recall']:.3f}")
    print(f"full recall              {summary['full_recall']:.3f}")
    print(f"actor text recall        {summary['actor_text_recall']:.3f}  (of type-recalled)")
    print(f"type precision           {summary['type_precision']:.3f}")
    print(f"extra events per record  {summary['extra_events_per_record']:.3f}")
    print()
    print(confusion_table(scores))
    if args.misses:
        print()
        for miss in scores.misses:
            print(f"{miss['id']}\t{miss['gold']}\t{','.join(miss['got']) or '-'}\t{miss['text']}")
    return 0


def write_calibration(per_type: dict[str, float]) -> None:
    from newsgraph.events.confidence import CONFIDENCE_FILE

    table = json.loads(CONFIDENCE_FILE.read_text(encoding="utf-8"))
    table["type"] = per_type
    CONFIDENCE_FILE.write_text(json.dumps(table, indent=2) + "\n", encoding="utf-8")
