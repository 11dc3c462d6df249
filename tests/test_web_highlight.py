"""Highlighting cuts article text into escaped segments; URLs from articles are filtered."""

from __future__ import annotations

import pytest

from newsgraph.web.app import template_environment
from newsgraph.web.highlight import Mark, passage, safe_url, segments


def test_segments_cover_the_text_exactly_once() -> None:
    text = "The army of Belarus visited Havana on Monday."
    marks = [
        Mark(0, 19, "claim", None, "claim"),
        Mark(12, 19, "mention", "/actors/1", "Belarus"),
        Mark(20, 27, "trigger", "/events/4", "CONSULT"),
    ]
    segs = segments(text, marks)
    assert "".join(s.text for s in segs) == text
    by_text = {s.text: s for s in segs}
    assert by_text["Belarus"].classes == "hl-claim hl-mention"
    # the narrowest linked highlight wins the click
    assert by_text["Belarus"].target.href == "/actors/1"
    assert by_text["The army of "].target is None
    assert by_text["visited"].target.href == "/events/4"
    assert by_text[" Havana on Monday."].marks == ()


def test_segments_of_a_window_keep_article_offsets() -> None:
    text = "First paragraph.\nSecond one has the trigger here.\nThird."
    start = text.index("trigger")
    segs = segments(text, [Mark(start, start + 7, "trigger")], 17, 49)
    assert "".join(s.text for s in segs) == text[17:49]
    hit = next(s for s in segs if s.marks)
    assert hit.start == start and hit.text == "trigger"


def test_overlapping_marks_and_out_of_range_marks_do_not_break_the_cut() -> None:
    text = "abcdefghij"
    segs = segments(text, [Mark(2, 6, "a"), Mark(4, 8, "b"), Mark(50, 60, "c"), Mark(5, 5, "d")])
    assert "".join(s.text for s in segs) == text
    assert [s.text for s in segs if len(s.marks) == 2] == ["ef"]


def test_passage_is_the_paragraph_trimmed_at_word_boundaries() -> None:
    text = "Intro line.\n" + "word " * 400 + "TARGET sentence here. " + "more " * 400 + "\nOutro."
    start = text.index("TARGET")
    left, right = passage(text, start, start + 21, limit=200)
    assert left > 12 and right < len(text) - 7
    assert text[left - 1] == " " and text[right] == " "
    assert "TARGET sentence here." in text[left:right]


def test_highlighted_markup_escapes_article_text() -> None:
    macro = template_environment().get_template("macros.html").module.highlighted
    text = 'Says <script>alert(1)</script> and <img src=x onerror="alert(2)">.'
    html = str(macro(segments(text, [Mark(5, 30, "claim", "/events/1", "<b>t</b>")])))
    assert "<script>" not in html and "<img" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert 'href="/events/1"' in html


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.org/a?b=1", "https://example.org/a?b=1"),
        ("http://example.org", "http://example.org"),
        ("javascript:alert(1)", None),
        ("JavaScript:alert(1)", None),
        (" javascript:alert(1)", None),
        ("data:text/html,<script>alert(1)</script>", None),
        ("//evil.example/x", None),
        ("/relative/path", None),
        ('https://example.org/"onmouseover=alert(1)', None),
        ("", None),
        (None, None),
    ],
)
def test_safe_url_keeps_only_absolute_http_urls(url: str | None, expected: str | None) -> None:
    assert safe_url(url) == expected
