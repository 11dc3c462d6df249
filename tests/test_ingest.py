"""Reading inputs: every format, and every kind of bad input, through the real CLI."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import run_newsgraph
from newsgraph.errors import InputError
from newsgraph.ingest import iter_articles

TEXT = "Cuba and Belarus signed a military cooperation agreement in Minsk on Tuesday."


def articles(*paths: Path, **kwargs):
    return [
        item
        for item in iter_articles([str(p) for p in paths], **kwargs)
        if not isinstance(item, InputError)
    ]


def problems(*paths: Path):
    return [item for item in iter_articles([str(p) for p in paths]) if isinstance(item, InputError)]


def test_plain_text_takes_name_and_published(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text(TEXT, encoding="utf-8")
    [article] = articles(path, published="2025-09-19")
    assert article.id == "story.txt"
    assert article.published == "2025-09-19"
    assert article.text == TEXT
    assert len(article.sha256) == 64


def test_jsonl_bad_lines_are_reported_with_line_numbers(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    lines = [
        json.dumps({"id": "a", "text": TEXT, "published": "2025-09-19"}),
        "{not json",
        json.dumps({"id": "b"}),
        json.dumps({"id": "c", "text": TEXT, "published": "yesterday-ish"}),
        json.dumps(["a list"]),
        json.dumps({"id": "d", "text": TEXT, "published": "2025-09-19T10:00:00Z"}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    got = articles(path)
    assert [a.id for a in got] == ["a", "c", "d"]
    assert got[1].published is None
    assert got[2].published == "2025-09-19T10:00:00+00:00"
    found = {(p.where.rsplit(" ", 1)[-1], p.fatal) for p in problems(path)}
    assert ("2", True) in found and ("3", True) in found and ("5", True) in found
    assert ("4", False) in found


def test_non_utf8_is_decoded_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes("Le président de la République a visité Minsk.".encode("cp1252"))
    [article] = articles(path)
    assert "président" in article.text
    [warning] = problems(path)
    assert not warning.fatal and "UTF-8" in warning.problem


def test_apostrophes_a_scraper_turned_into_spaces_are_restored_in_place(tmp_path: Path) -> None:
    wrecked = "Rebels fought in Syria   s south. Officials couldn   t say. It was   said."
    path = tmp_path / "scraped.txt"
    path.write_text(wrecked, encoding="utf-8")
    [article] = articles(path)
    assert (
        article.text == "Rebels fought in Syria's   south. Officials couldn't   say. It was   said."
    )
    assert len(article.text) == len(wrecked)  # offsets after each repair are unchanged
    [warning] = problems(path)
    assert not warning.fatal and "2 apostrophes" in warning.problem


def test_empty_and_binary_files_are_refused(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n", encoding="utf-8")
    binary = tmp_path / "blob.txt"
    binary.write_bytes(bytes(range(256)) * 10)
    assert articles(empty, binary) == []
    messages = [p.problem for p in problems(empty, binary)]
    assert any("empty" in m for m in messages) and any("binary" in m for m in messages)


def test_html_page_gives_text_title_date_url(tmp_path: Path) -> None:
    body = " ".join([TEXT] * 12)
    page = (
        "<html><head><title>Minsk deal</title>"
        '<meta property="article:published_time" content="2025-09-19">'
        '<link rel="canonical" href="https://news.example.org/minsk-deal"></head>'
        f"<body><nav>Home | World</nav><article><h1>Minsk deal</h1><p>{body}</p></article>"
        "</body></html>"
    )
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    [article] = articles(path)
    assert article.title == "Minsk deal"
    assert article.published == "2025-09-19"
    assert article.url == "https://news.example.org/minsk-deal"
    assert "military cooperation agreement" in article.text and "Home | World" not in article.text


def test_rss_feed_entries_become_articles(tmp_path: Path) -> None:
    feed = f"""<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>
    <item><title>One</title><link>https://w.example/1</link><guid>w-1</guid>
    <pubDate>Fri, 19 Sep 2025 10:00:00 GMT</pubDate>
    <description>&lt;p&gt;{TEXT}&lt;/p&gt;</description></item>
    <item><title>Two</title><link>https://w.example/2</link>
    <description>Ukraine accused Russia of shelling Kharkiv.</description></item>
    </channel></rss>"""
    path = tmp_path / "wire.rss"
    path.write_text(feed, encoding="utf-8")
    one, two = articles(path)
    assert (one.id, one.source, one.published, one.text) == ("w-1", "Wire", "2025-09-19", TEXT)
    assert two.id == "https://w.example/2"


def test_directory_is_read_recursively_in_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "1.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n")
    assert [a.id for a in articles(tmp_path)] == ["1.txt", "2.txt"]
    assert any("unknown file type" in p.problem for p in problems(tmp_path))


def test_cli_keeps_going_and_exits_non_zero(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps({"id": "ok", "text": TEXT}) + "\n{oops\n", encoding="utf-8")
    result = run_newsgraph("extract", str(path), str(tmp_path / "missing.txt"), "--workers", "1")
    assert result.returncode == 1
    records = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert [r["article"]["id"] for r in records] == ["ok"]
    stderr = result.stderr.decode()
    assert "line 2: malformed JSON" in stderr and "missing.txt: no such file" in stderr
    assert "Traceback" not in stderr


def test_cli_unknown_model_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    result = run_newsgraph("extract", str(path), "--model", "no_such_pipeline")
    assert result.returncode == 2
    assert result.stderr.decode().count("\n") == 1 and "no_such_pipeline" in result.stderr.decode()
