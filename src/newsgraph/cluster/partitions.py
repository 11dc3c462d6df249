"""Cut the inputs of a cluster run into partitions, each named by its input and byte range.

A partition is the unit of work, of output and of retry: one task reads it, writes one Parquet
file per table under its name, and a re-run skips it when those files exist. Names depend only
on the input URL and the byte range, so the same inputs cut the same way always give the same
names, whichever machine plans the run and in whatever order tasks finish.

JSONL files are cut into byte ranges of ``partition_bytes``; a line belongs to the range its first
byte falls in, so ranges can be planned from file sizes alone (nothing is read to plan) and every
line is read exactly once. HTML, feed and plain-text files are one partition each.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import PurePosixPath

import fsspec

from newsgraph.errors import InputError
from newsgraph.ingest.readers import JSONL_SUFFIXES, SUPPORTED_SUFFIXES

#: Default bytes of JSONL per partition: about 4,000 short news articles, a few minutes of work
#: for one worker, so a lost worker costs little and scheduling overhead stays small.
PARTITION_BYTES = 16 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Partition:
    """A byte range of one input file (``end`` exclusive); ``kind`` is how to read it."""

    url: str
    start: int
    end: int
    kind: str  # "jsonl" or "file" (HTML, feed or text, sniffed as the single-process reader does)

    @property
    def name(self) -> str:
        """``<file stem>-<hash of URL>-<start>-<end>``: stable, unique, safe as a file name."""
        stem = re.sub(r"[^A-Za-z0-9_.-]+", "_", PurePosixPath(self.url).name)[:40] or "input"
        digest = hashlib.sha1(self.url.encode("utf-8")).hexdigest()[:10]
        return f"{stem}-{digest}-{self.start:013d}-{self.end:013d}"


def canonical_url(name: str) -> str:
    """A fully qualified URL (``file:///abs/path`` for local paths), the same on every node."""
    fs, path = fsspec.core.url_to_fs(name)
    return fs.unstrip_protocol(path)


def _expand(name: str) -> Iterator[str | InputError]:
    """The supported files a command-line input names: itself, or the files of a directory."""
    try:
        fs, path = fsspec.core.url_to_fs(name)
        if not fs.exists(path):
            yield InputError(name, "no such file or directory")
            return
        if not fs.isdir(path):
            yield fs.unstrip_protocol(path)
            return
        for member in sorted(fs.find(path)):
            parts = PurePosixPath(member).relative_to(PurePosixPath(path).as_posix()).parts
            if any(part.startswith(".") for part in parts):
                continue
            if PurePosixPath(member).suffix.lower() in SUPPORTED_SUFFIXES:
                yield fs.unstrip_protocol(member)
            else:
                suffix = PurePosixPath(member).suffix
                yield InputError(member, f"unknown file type {suffix!r}, skipped")
    except (OSError, ValueError, ImportError) as exc:
        yield InputError(name, f"cannot open ({type(exc).__name__}: {exc})")


def plan(
    inputs: Iterable[str], *, partition_bytes: int = PARTITION_BYTES
) -> tuple[list[Partition], list[InputError]]:
    """Partitions of the inputs in input order, and the inputs that could not be planned."""
    if partition_bytes < 1:
        raise ValueError("partition size must be at least 1 byte")
    partitions: list[Partition] = []
    problems: list[InputError] = []
    seen: set[str] = set()
    for name in inputs:
        for url in _expand(name):
            if isinstance(url, InputError):
                problems.append(url)
                continue
            if url in seen:
                continue
            seen.add(url)
            if PurePosixPath(url).suffix.lower() not in JSONL_SUFFIXES:
                partitions.append(Partition(url, 0, 0, "file"))
                continue
            fs, path = fsspec.core.url_to_fs(url)
            size = fs.size(path) or 0
            partitions.extend(
                Partition(url, start, min(start + partition_bytes, size), "jsonl")
                for start in range(0, max(size, 1), partition_bytes)
            )
    return partitions, problems


def jsonl_lines(partition: Partition) -> Iterator[bytes]:
    """The lines of a JSONL partition: those whose first byte lies in ``[start, end)``."""
    with fsspec.open(partition.url, "rb") as handle:
        if partition.start > 0:
            handle.seek(partition.start - 1)
            handle.readline()  # the line holding byte start-1 belongs to the previous range
        while handle.tell() < partition.end:
            line = handle.readline()
            if not line:
                break
            yield line
