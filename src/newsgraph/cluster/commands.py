"""``newsgraph merge``, and ``newsgraph extract --cluster`` (whose options live on ``extract``)."""

from __future__ import annotations

import argparse
import sys

from newsgraph.errors import InputError


def add_cluster_arguments(parser: argparse.ArgumentParser) -> None:
    """The ``extract`` options that send the work to a Dask cluster (see cluster/README.md)."""
    parser.add_argument(
        "--cluster",
        metavar="ADDRESS|local:N",
        help="extract on a Dask cluster: a scheduler address (tcp://host:8786) or local:N "
        "for N worker processes on this machine; writes Parquet tables to --output",
    )
    parser.add_argument(
        "--output",
        metavar="DIR",
        help="with --cluster: directory or fsspec URL (s3://...) for the Parquet tables",
    )
    parser.add_argument(
        "--partition-size",
        type=int,
        default=None,
        metavar="BYTES",
        help="with --cluster: bytes of JSONL per partition (default 16 MiB)",
    )


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add this stage's subcommands to the ``newsgraph`` parser."""
    merge = subparsers.add_parser(
        "merge",
        help="merge the events of a cluster extraction across articles",
        description="Group the events in DIR (written by `newsgraph extract --cluster`) by "
        "blocking key on the cluster and merge each group with the store's merge rule.",
    )
    merge.add_argument("directory", metavar="DIR", help="output of `newsgraph extract --cluster`")
    target = merge.add_mutually_exclusive_group(required=True)
    target.add_argument("--db", metavar="FILE", help="load the merged result into this store")
    target.add_argument("--output", metavar="DIR", help="write merged events as Parquet here")
    merge.add_argument(
        "--cluster",
        metavar="ADDRESS|local:N",
        default="local:1",
        help="Dask scheduler address, or local:N (default local:1)",
    )
    merge.set_defaults(handler=run_merge)


def run_cluster_extract(args: argparse.Namespace) -> int:
    """``newsgraph extract --cluster ... --output DIR``: one closing line on stderr."""
    from newsgraph.cluster.driver import ClusterError, connect, extract_to_parquet
    from newsgraph.cluster.partitions import PARTITION_BYTES
    from newsgraph.ingest.commands import check_model, report

    if not args.cluster or not args.output:
        raise ClusterError("--cluster and --output go together (see `newsgraph extract --help`)")
    if "-" in args.paths or args.jsonl:
        raise InputError("-", "standard input cannot be split across a cluster; give files")
    if args.format != "jsonl" or args.workers is not None:
        raise ClusterError("--format and --workers do not apply with --cluster")
    model = check_model(args.model)
    with connect(args.cluster) as client:
        summary = extract_to_parquet(
            client,
            args.paths,
            args.output,
            model=model,
            published=args.published,
            partition_bytes=args.partition_size or PARTITION_BYTES,
        )
    for problem in summary.problems:
        report(problem)
    for name, why in summary.failed:
        print(f"newsgraph: error: partition {name} failed: {why}", file=sys.stderr)
    print(
        f"newsgraph: {summary.written} partition(s) written, {summary.skipped} already there, "
        f"{len(summary.failed)} failed; {summary.articles:,} articles, {summary.events:,} events "
        f"-> {summary.output}",
        file=sys.stderr,
    )
    return 1 if summary.fatal_problems else 0


def run_merge(args: argparse.Namespace) -> int:
    from newsgraph.cluster.merge import merge_command

    return merge_command(args)
