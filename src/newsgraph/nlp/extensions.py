"""The ``Doc._`` attributes that newsgraph's pipeline components read and write.

This is the whole contract between stages: each component fills its attributes and
later components read them, so no stage keeps a structure parallel to the ``Doc``.

=================  =====================================  ===========================
attribute          set by                                 holds
=================  =====================================  ===========================
``article``        the caller, before the pipeline runs   :class:`Article` (id, date)
``entities``       ``newsgraph_actors``                   ``list[Entity]``
``actor_index``    ``newsgraph_actors``                   one ``Participant | None`` per
                                                          token (read it through
                                                          ``actors.participant_at``)
``timexes``        ``newsgraph_dates``                    ``list[Timex]``
``quantities``     ``newsgraph_quantities``               ``list[Quantity]``
``events``         ``newsgraph_events``                   ``list[Event]``
``claims``         ``newsgraph_claims``                   ``list[Claim]``
=================  =====================================  ===========================

``newsgraph_places`` fills ``Event.location`` and ``newsgraph_claims`` fills
``Event.attribution`` on the events already in ``doc._.events``.
"""

from __future__ import annotations

from spacy.tokens import Doc

DOC_ATTRIBUTES = (
    "article", "entities", "actor_index", "timexes", "quantities", "events", "claims",
)  # fmt: skip


def register() -> None:
    """Register every attribute once; defaults are ``None`` so no list is shared between docs."""
    for name in DOC_ATTRIBUTES:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


register()
