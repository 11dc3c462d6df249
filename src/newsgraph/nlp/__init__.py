"""Stage 2: text to an annotated spaCy ``Doc`` (the model plus newsgraph's components)."""

from newsgraph.nlp.pipeline import COMPONENTS, add_components, load, load_model

__all__ = ["COMPONENTS", "add_components", "load", "load_model"]
