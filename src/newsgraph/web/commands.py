"""``newsgraph serve``: the web UI and JSON API over a store, read-only."""

from __future__ import annotations

import argparse
import socket
import sys

from newsgraph import config

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add this stage's subcommands to the ``newsgraph`` parser."""
    parser = subparsers.add_parser(
        "serve",
        help="browse the store in a web browser (and serve the JSON API)",
        description="Serve the web UI and the JSON API over a store. The store is opened "
        "read-only; the server listens on 127.0.0.1 unless --host says otherwise.",
    )
    parser.add_argument("--db", metavar="FILE", help="the store (default: $NEWSGRAPH_DB or "
                        f"{config.DEFAULT_DB})")  # fmt: skip
    parser.add_argument(
        "--host", default=DEFAULT_HOST, help=f"address to listen on (default {DEFAULT_HOST})"
    )
    parser.add_argument(
        "--port", type=int, default=DEFAULT_PORT, help=f"port (default {DEFAULT_PORT})"
    )
    parser.set_defaults(handler=serve)


def serve(args: argparse.Namespace) -> int:
    import uvicorn

    from newsgraph.web.app import create_app, warn_if_assets_missing

    if not 0 <= args.port <= 65535:
        print(f"newsgraph: --port {args.port}: not a port number", file=sys.stderr)
        return 2
    db = config.db_path(args.db)
    app = create_app(db)  # a missing or broken store raises StoreError: one line, exit 2
    warn_if_assets_missing()
    try:  # bind before announcing the URL, so a busy port is one clear line, not a traceback
        family = socket.AF_INET6 if ":" in args.host else socket.AF_INET
        sock = socket.socket(family, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((args.host, args.port))
    except (OSError, OverflowError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        print(f"newsgraph: cannot listen on {args.host}:{args.port}: {reason}", file=sys.stderr)
        return 2
    port = sock.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(app, host=args.host, port=port, log_level="warning", access_log=False)
    )
    shown_host = f"[{args.host}]" if ":" in args.host else args.host
    print(f"newsgraph: serving {db} read-only at http://{shown_host}:{port}/ "
          "(Ctrl-C stops)", flush=True)  # fmt: skip
    server.run(sockets=[sock])
    return 0 if server.started else 1
