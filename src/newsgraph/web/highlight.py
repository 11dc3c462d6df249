"""Article text cut into plain segments, each tagged with the highlights that cover it.

Templates print every segment's text through Jinja's autoescaping and wrap it in markup built
from our own fields (CSS classes, links to our own pages), so nothing from an article is ever
inserted as HTML. Highlights may nest or overlap (a mention inside a claim): every segment
carries all the highlights covering it, and links to the narrowest one that has a link.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise
from urllib.parse import urlsplit


@dataclass(frozen=True, slots=True)
class Mark:
    """One highlight: a character range of the text, what it is, where a click leads."""

    start: int
    end: int
    kind: str  # mention | trigger | claim | evidence | quantity | place
    href: str | None = None
    title: str | None = None


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of text covered by exactly the same highlights (``marks``, widest first)."""

    text: str
    start: int
    marks: tuple[Mark, ...] = ()

    @property
    def classes(self) -> str:
        return " ".join(sorted({f"hl-{mark.kind}" for mark in self.marks}))

    @property
    def target(self) -> Mark | None:
        """The narrowest covering highlight that links somewhere."""
        linked = [mark for mark in self.marks if mark.href]
        return min(linked, key=lambda mark: mark.end - mark.start) if linked else None

    @property
    def title(self) -> str:
        return " · ".join(dict.fromkeys(mark.title for mark in self.marks if mark.title))


def segments(text: str, marks: list[Mark], start: int = 0, end: int | None = None) -> list[Segment]:
    """Cut ``text[start:end]`` at every highlight boundary; offsets stay those of ``text``."""
    end = len(text) if end is None else min(end, len(text))
    usable = [m for m in marks if m.start < m.end and m.end > start and m.start < end]
    cuts = {start, end}
    for mark in usable:
        cuts.add(max(mark.start, start))
        cuts.add(min(mark.end, end))
    bounds = sorted(cuts)
    # widest first, so nesting reads outside-in
    usable.sort(key=lambda m: (m.start, -(m.end - m.start)))
    result: list[Segment] = []
    for left, right in pairwise(bounds):
        covering = tuple(m for m in usable if m.start <= left and m.end >= right)
        result.append(Segment(text[left:right], left, covering))
    return result


def passage(text: str, start: int, end: int, limit: int = 900) -> tuple[int, int]:
    """The paragraph around ``text[start:end]``, trimmed to about ``limit`` characters."""
    left = text.rfind("\n", 0, start) + 1
    right = text.find("\n", end)
    right = len(text) if right < 0 else right
    spare = max(limit - (end - start), 0) // 2
    if start - left > spare:
        left = _word_boundary(text, start - spare, forward=True)
    if right - end > spare:
        right = _word_boundary(text, end + spare, forward=False)
    return left, right


def _word_boundary(text: str, index: int, *, forward: bool) -> int:
    """The nearest space at or around ``index`` so a cut never splits a word."""
    if forward:
        found = text.find(" ", index)
        return index if found < 0 else found + 1
    found = text.rfind(" ", 0, index)
    return index if found < 0 else found


def safe_url(url: str | None) -> str | None:
    """``url`` when it is an absolute http(s) URL, else None (no javascript:, data:, ...)."""
    if not url or not isinstance(url, str):
        return None
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    if any(ch in url for ch in "\r\n\t\x00 \"'<>`"):
        return None
    return url
