"""Errors a user can act on. Each renders as one line naming the input at fault."""

from __future__ import annotations


class NewsgraphError(Exception):
    """Base class: the CLI prints ``newsgraph: <message>`` and exits non-zero."""


class InputError(NewsgraphError):
    """One input (a file, a JSONL line, a feed entry) could not be read as an article."""

    def __init__(self, where: str, problem: str, *, fatal: bool = True) -> None:
        super().__init__(f"{where}: {problem}")
        self.where = where
        self.problem = problem
        #: False for a repair (bad date dropped, text re-decoded): the article still goes on.
        self.fatal = fatal


class ModelError(NewsgraphError):
    """The spaCy pipeline named by ``--model`` / ``NEWSGRAPH_MODEL`` cannot be loaded."""
