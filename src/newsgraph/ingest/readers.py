"""Read articles from disk: plain text, HTML pages, JSONL, RSS/Atom feeds, and directories.

Readers stream: a JSONL file is read line by line, so input size never sets memory use.
They never raise on bad input; they yield an :class:`InputError` for the caller to
report and go on with the next article.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any

from newsgraph.config import MAX_ARTICLE_CHARS
from newsgraph.errors import InputError
from newsgraph.records import Article

TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
FEED_SUFFIXES = {".rss", ".atom", ".xml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | FEED_SUFFIXES | JSONL_SUFFIXES

#: Files bigger than this are refused whole; articles are cut at MAX_ARTICLE_CHARS.
MAX_FILE_BYTES = 2_000_000_000

Item = Article | InputError


def normalize_published(value: Any) -> str | None:
    """``YYYY-MM-DD`` or a full ISO 8601 timestamp, as the spec allows; ``ValueError`` otherwise."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if not isinstance(value, str):
        raise ValueError(f"expected an ISO 8601 date string, got {type(value).__name__}")
    text = value.strip()
    try:
        if len(text) == 10:
            return date.fromisoformat(text).isoformat()
        return datetime.fromisoformat(text.replace("Z", "+00:00")).isoformat()
    except ValueError:
        raise ValueError(f"unparseable date {value!r} (expected YYYY-MM-DD or ISO 8601)") from None


#: A curly apostrophe whose three UTF-8 bytes were each turned into a space by a scraper
#: ("Syria   s southern city", "couldn   t"): a common wreck in harvested news text.
LOST_APOSTROPHE = re.compile(r"(?<=[^\W\d_])   (s|t|re|ve|ll|d|m)\b")


def repair_lost_apostrophes(text: str) -> tuple[str, int]:
    """Restore apostrophes a scraper turned into three spaces ("Syria's  southern"), keeping
    the text's length so every character offset after a repair stays where it was."""
    repaired, count = LOST_APOSTROPHE.subn(lambda m: "'" + m.group(1) + "  ", text)
    return repaired, count


def make_article(
    where: str,
    *,
    id: str,
    text: str,
    title: str | None = None,
    published: Any = None,
    url: str | None = None,
    source: str | None = None,
    language: str | None = None,
) -> Iterator[Item]:
    """Validate fields and yield the article, preceded by warnings about what was repaired."""
    if not isinstance(text, str) or not text.strip():
        yield InputError(where, "empty article text, skipped")
        return
    if "\x00" in text:
        text = text.replace("\x00", " ")
        yield InputError(where, "NUL characters in text replaced by spaces", fatal=False)
    text, apostrophes = repair_lost_apostrophes(text)
    if apostrophes:
        yield InputError(
            where, f"{apostrophes} apostrophes lost as three spaces restored", fatal=False
        )
    try:
        published_iso = normalize_published(published)
    except ValueError as exc:
        yield InputError(where, f"{exc}; kept the article with no publication date", fatal=False)
        published_iso = None
    if len(text) > MAX_ARTICLE_CHARS:
        yield InputError(
            where,
            f"article of {len(text):,} characters; events are extracted from the first "
            f"{MAX_ARTICLE_CHARS:,} (the full text is kept)",
            fatal=False,
        )
    yield Article(
        id=str(id),
        title=title if isinstance(title, str) and title.strip() else None,
        published=published_iso,
        url=url if isinstance(url, str) and url else None,
        source=source if isinstance(source, str) and source else None,
        language=language if isinstance(language, str) and language else "en",
        sha256=hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest(),
        text=text,
    )


def decode(data: bytes, where: str) -> tuple[str, InputError | None]:
    """UTF-8 (with or without BOM); else cp1252, else Latin-1, with a warning saying so."""
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        note = f"not valid UTF-8 (byte {exc.start}); decoded as "
    try:
        return data.decode("cp1252"), InputError(where, note + "Windows-1252", fatal=False)
    except UnicodeDecodeError:
        return data.decode("latin-1"), InputError(where, note + "Latin-1", fatal=False)


def looks_binary(head: bytes) -> bool:
    """NUL bytes or mostly control characters in the first block mean it is not text."""
    if b"\x00" in head:
        return not (head.startswith((b"\xff\xfe", b"\xfe\xff")))  # UTF-16 BOMs are text
    if not head:
        return False
    control = sum(1 for b in head if b < 9 or 13 < b < 32)
    return control / len(head) > 0.1


def read_text_file(path: Path, published: str | None) -> Iterator[Item]:
    data = path.read_bytes()
    where = str(path)
    if not data.strip():
        yield InputError(where, "empty file, skipped")
        return
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text, warning = data.decode("utf-16"), None
    elif looks_binary(data[:8192]):
        yield InputError(where, "binary file, not text; skipped")
        return
    else:
        text, warning = decode(data, where)
    if warning:
        yield warning
    yield from make_article(where, id=path.name, text=text, published=published)


def read_html_file(path: Path, published: str | None) -> Iterator[Item]:
    import trafilatura

    where = str(path)
    data = path.read_bytes()
    if not data.strip():
        yield InputError(where, "empty file, skipped")
        return
    if looks_binary(data[:8192]):
        yield InputError(where, "binary file, not HTML; skipped")
        return
    html, warning = decode(data, where)
    if warning:
        yield warning
    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    if doc is None or not (doc.text or "").strip():
        yield InputError(where, "no article text found in the HTML page, skipped")
        return
    yield from make_article(
        where,
        id=path.name,
        text=doc.text,
        title=doc.title,
        published=(doc.date or published),
        url=doc.url,
        source=doc.sitename,
    )


def _html_to_text(fragment: str) -> str:
    import lxml.html

    if "<" not in fragment:
        return fragment.strip()
    try:
        root = lxml.html.fromstring(f"<div>{fragment}</div>")
    except Exception:
        return fragment.strip()
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")
    for block in root.iter("p", "div", "li", "h1", "h2", "h3", "h4"):
        block.tail = "\n" + (block.tail or "")
    return "\n".join(line.strip() for line in root.text_content().splitlines() if line.strip())


def read_feed_file(path: Path, published: str | None) -> Iterator[Item]:
    import feedparser

    where = str(path)
    data = path.read_bytes()
    if not data.strip():
        yield InputError(where, "empty file, skipped")
        return
    feed = feedparser.parse(data)
    if not feed.entries:
        problem = "no feed entries found"
        if feed.get("bozo"):
            problem += f" ({type(feed.get('bozo_exception')).__name__}: not a valid RSS/Atom feed)"
        yield InputError(where, problem + ", skipped")
        return
    source = feed.feed.get("title")
    for number, entry in enumerate(feed.entries, start=1):
        entry_where = f"{where}: entry {number}"
        body = ""
        if entry.get("content"):
            body = " ".join(part.get("value", "") for part in entry.content)
        body = body or entry.get("summary", "") or entry.get("description", "")
        parsed = entry.get("published_parsed") or entry.get("updated_parsed")
        entry_date = (
            date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday).isoformat() if parsed else published
        )
        yield from make_article(
            entry_where,
            id=entry.get("id") or entry.get("link") or f"{path.name}#{number}",
            text=_html_to_text(body),
            title=entry.get("title"),
            published=entry_date,
            url=entry.get("link"),
            source=source,
        )


def read_jsonl_stream(stream: IO[bytes], where: str) -> Iterator[Item]:
    """One article per line; a bad line is reported with its number and skipped."""
    for number, raw in enumerate(stream, start=1):
        line_where = f"{where}: line {number}"
        if not raw.strip():
            continue
        line, warning = decode(raw, line_where)
        if warning:
            yield warning
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputError(line_where, f"malformed JSON ({exc.msg} at column {exc.colno})")
            continue
        if not isinstance(obj, dict):
            yield InputError(line_where, f"expected a JSON object, got {type(obj).__name__}")
            continue
        if "text" not in obj:
            yield InputError(line_where, "missing field 'text', skipped")
            continue
        if not isinstance(obj["text"], str):
            yield InputError(line_where, "field 'text' is not a string, skipped")
            continue
        article_id = obj.get("id")
        if article_id is None or article_id == "":
            article_id = f"{Path(where).name}:{number}"
            yield InputError(line_where, f"missing field 'id', using {article_id!r}", fatal=False)
        yield from make_article(
            line_where,
            id=str(article_id),
            text=obj["text"],
            title=obj.get("title"),
            published=obj.get("published"),
            url=obj.get("url"),
            source=obj.get("source"),
            language=obj.get("language"),
        )


def read_jsonl_file(path: Path) -> Iterator[Item]:
    with path.open("rb") as stream:
        yield from read_jsonl_stream(stream, str(path))


def sniff_kind(path: Path) -> str:
    """``jsonl``, ``html``, ``feed`` or ``text`` from the suffix, or from the first bytes."""
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in FEED_SUFFIXES:
        return "feed"
    with path.open("rb") as handle:
        head = handle.read(2048).lstrip().lower()
    if head.startswith(b"<?xml") and (b"<rss" in head or b"<feed" in head or b"<rdf" in head):
        return "feed"
    if head.startswith((b"<!doctype html", b"<html")):
        return "html"
    return "text"


def read_path(path: Path, published: str | None) -> Iterator[Item]:
    """All articles in one file; every failure becomes an InputError, never an exception."""
    where = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            yield InputError(where, f"file of {size:,} bytes is over the 2 GB limit, skipped")
            return
        kind = sniff_kind(path)
        if kind == "jsonl":
            yield from read_jsonl_file(path)
        elif kind == "html":
            yield from read_html_file(path, published)
        elif kind == "feed":
            yield from read_feed_file(path, published)
        else:
            yield from read_text_file(path, published)
    except PermissionError:
        yield InputError(where, "permission denied")
    except IsADirectoryError:
        yield InputError(where, "is a directory")
    except OSError as exc:
        yield InputError(where, exc.strerror or str(exc))


def walk(directory: Path) -> Iterator[Path | InputError]:
    """Supported files under a directory, sorted so that output order is reproducible."""
    for root, dirs, files in os.walk(directory, onerror=None):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith("."):
                continue
            path = Path(root, name)
            if path.suffix.lower() in SUPPORTED_SUFFIXES:
                yield path
            else:
                yield InputError(str(path), f"unknown file type {path.suffix!r}, skipped")


def iter_articles(
    paths: Iterable[str],
    *,
    published: str | None = None,
    stdin_jsonl: bool = False,
) -> Iterator[Item]:
    """Articles from the given paths in order (``-`` is standard input)."""
    if published is not None:
        published = normalize_published(published)
    for name in paths:
        if name == "-":
            if stdin_jsonl:
                yield from read_jsonl_stream(sys.stdin.buffer, "<stdin>")
            else:
                data = sys.stdin.buffer.read()
                text, warning = decode(data, "<stdin>")
                if warning:
                    yield warning
                yield from make_article("<stdin>", id="stdin", text=text, published=published)
            continue
        path = Path(name)
        if not path.exists():
            yield InputError(name, "no such file or directory")
        elif path.is_dir():
            for member in walk(path):
                if isinstance(member, InputError):
                    yield member
                else:
                    yield from read_path(member, published)
        else:
            yield from read_path(path, published)
