"""Stage 1: files on disk (text, HTML, JSONL, feeds) to :class:`~newsgraph.records.Article`."""

from newsgraph.ingest.readers import iter_articles, normalize_published

__all__ = ["iter_articles", "normalize_published"]
