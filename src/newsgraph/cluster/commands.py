"""Subcommands of the cluster stage (none yet)."""

from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add this stage's subcommands to the ``newsgraph`` parser."""
