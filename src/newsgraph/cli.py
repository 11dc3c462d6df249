"""The ``newsgraph`` command. Each stage registers its own subcommands; this file wires them."""

from __future__ import annotations

import argparse
import importlib
import json
import os
import sys
from collections.abc import Sequence

from newsgraph.errors import NewsgraphError

#: Modules whose ``register(subparsers)`` adds subcommands, in help order.
COMMAND_MODULES = (
    "newsgraph.ingest.commands",  # extract, info
    "newsgraph.events.commands",  # evaluate
    "newsgraph.store.commands",  # ingest, events, timeline, network, claims, entities, ...
    "newsgraph.web.commands",  # serve
    "newsgraph.cluster.commands",  # merge (and extract --cluster)
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsgraph",
        description="Who did what to whom, when, where, and who says so: "
        "PLOVER events, actors and claims from news.",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for module_name in COMMAND_MODULES:
        importlib.import_module(module_name).register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.handler(args) or 0)
    except NewsgraphError as exc:
        print(f"newsgraph: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("newsgraph: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # the reader went away (e.g. `| head`): stop quietly, as Unix tools do
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except Exception as exc:
        if os.environ.get("NEWSGRAPH_DEBUG"):
            raise
        print(
            f"newsgraph: internal error: {type(exc).__name__}: {exc} "
            "(set NEWSGRAPH_DEBUG=1 for the traceback)",
            file=sys.stderr,
        )
        return 70


def print_json(value: object) -> None:
    """One JSON document on stdout."""
    json.dump(value, sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    sys.exit(main())
