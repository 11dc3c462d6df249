"""Shared fixtures: the real pipeline, the real CLI, and ../shared when it is there."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORPUS = ROOT / "examples" / "corpus"


def shared_path(*parts: str) -> Path:
    """A file under ../shared, or skip the test with the reason (a user's clone has none)."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent: shared gold/seed data exists only in the project's CI")
    return path


@pytest.fixture(scope="session")
def nlp():
    """The full newsgraph pipeline, loaded once for the whole run."""
    from newsgraph.nlp import load

    return load()


@pytest.fixture(scope="session")
def seed_text() -> str:
    return shared_path("seeds", "000_22ab91f3221b3116.txt").read_text(encoding="utf-8")


def run_newsgraph(
    *args: str,
    input: bytes | None = None,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
    timeout: float = 600,
) -> subprocess.CompletedProcess:
    """Run the installed ``newsgraph`` command as a user would, capturing its output."""
    command = [sys.executable, "-m", "newsgraph.cli", *args]
    return subprocess.run(
        command,
        input=input,
        capture_output=True,
        timeout=timeout,
        env={**os.environ, **(env or {})},
        cwd=cwd,
    )
