"""The ``newsgraph_dates`` component: time expressions normalised against the publication date.

The regex normaliser (:mod:`newsgraph.time.normalize`) finds the expressions; the parse
supplies tense (a past-tense "on Tuesday" is the Tuesday before publication, a future one
the Tuesday after) and tells which clause each expression belongs to, so that
:func:`date_for` gives an event the date of the event itself, not of another clause.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from spacy.language import Language
from spacy.tokens import Doc, Token
from spacy.tokens import Span as TokenSpan

from newsgraph.records import Date, Span
from newsgraph.time.normalize import find_dates, parse_published

#: heads whose infinitive complement lies in the future ("is expected to meet on Tuesday")
FUTURE_HEADS = frozenset(
    {"expect", "plan", "schedule", "due", "set", "intend", "prepare", "aim", "hope", "go"}
)
FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
PAST_AUX = frozenset({"was", "were", "had", "did", "has", "have", "'d"})
PRESENT_AUX = frozenset({"is", "are", "am", "'s", "'re"})
TEMPORAL_PREPS = frozenset({"during", "after", "before", "following", "amid", "at", "on"})


@dataclass(slots=True)
class Timex:
    """A time expression in the text and the date it denotes."""

    span: Span
    date: Date


@Language.factory("newsgraph_dates")
def make_date_tagger(nlp: Language, name: str) -> DateTagger:
    return DateTagger()


class DateTagger:
    """Sets ``doc._.timexes``: every time expression, resolved against publication."""

    def __call__(self, doc: Doc) -> Doc:
        article = doc._.article
        published = parse_published(article.published if article else None)
        date_spans = [(e.start_char, e.end_char) for e in doc.ents if e.label_ == "DATE"]

        def tense_of(start: int, end: int) -> str | None:
            span = doc.char_span(start, end, alignment_mode="expand")
            return clause_tense(span.root) if span is not None and len(span) else None

        doc._.timexes = [
            Timex(Span(start, end), found)
            for start, end, found in find_dates(doc.text, published, tense_of, date_spans)
        ]
        return doc


def clause_head(token: Token) -> Token:
    """The verb of the clause a token belongs to (the token itself when it is one)."""
    current = token
    for _ in range(12):
        if current.pos_ in ("VERB", "AUX") and current.dep_ != "aux":
            return current
        if current.head == current:
            break
        current = current.head
    return current


def clause_tense(token: Token) -> str | None:
    """ "past", "future" or None for the clause of ``token``, read from its verb and auxiliaries."""
    verb = clause_head(token)
    auxes = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if auxes & FUTURE_AUX:
        return "future"
    if "to" in auxes and verb.tag_ == "VB":
        head = verb.head
        if head.lemma_ in FUTURE_HEADS or head.lower_ in FUTURE_HEADS:
            return "future"
        return "future" if clause_tense(head) != "past" else "past"
    if verb.tag_ == "VBG" and auxes & PRESENT_AUX:
        return "future"
    if verb.tag_ in ("VBD", "VBN") or auxes & PAST_AUX:
        return "past"
    if verb.tag_ in ("VBZ", "VBP"):
        return "future"
    return None


def publication_date(doc: Doc) -> Date:
    """The fallback date of an event: the article's publication day, flagged as such."""
    article = doc._.article
    published = article.published[:10] if article and article.published else None
    return Date(
        start=published,
        end=None,
        precision="day" if published else "unknown",
        text=None,
        from_publication=published is not None,
    )


def timex_anchor(doc: Doc, timex: Timex) -> tuple[TokenSpan | None, Token | None]:
    """The tokens of a time expression and the word it modifies in the parse."""
    span = doc.char_span(timex.span.start, timex.span.end, alignment_mode="expand")
    if span is None or not len(span):
        return None, None
    anchor = span.root
    for _ in range(8):
        outside = anchor.i < span.start or anchor.i >= span.end
        if outside and anchor.pos_ != "ADP" and anchor.dep_ not in ("prep", "agent", "pobj"):
            break
        if anchor.head == anchor:
            break
        anchor = anchor.head
    return span, anchor


def timexes_in(doc: Doc, start: int, end: int) -> list[Timex]:
    """The time expressions starting within the character range [start, end)."""
    return [t for t in doc._.timexes or () if start <= t.span.start < end]


def date_attached(doc: Doc, tokens: Iterable[Token]) -> Date | None:
    """The date of a time expression attached in the parse to one of ``tokens`` or its clause."""
    tokens = list(tokens)
    if not tokens:
        return None
    sent = tokens[0].sent
    best: tuple[int, int, Date] | None = None
    for timex in timexes_in(doc, sent.start_char, sent.end_char):
        span, anchor = timex_anchor(doc, timex)
        if anchor is None or span is None:
            continue
        for rank_base, token in enumerate(tokens):
            if anchor == token:
                rank = 0
            elif clause_head(anchor) == clause_head(token):
                rank = 1
            else:
                continue
            key = (rank * 10 + rank_base, abs(span.start - token.i), timex.date)
            if best is None or key[:2] < best[:2]:
                best = key
    return replace(best[2]) if best else None


def date_for(doc: Doc, trigger: Token) -> Date:
    """The date of the event whose trigger is ``trigger``.

    First a time expression attached to the trigger or its clause, then one in a clause above
    it or in a temporal phrase of its clause ("during talks held yesterday"), and only then
    the publication month, with ``from_publication`` set: a sentence without a date usually
    continues the story of its month, and a day would claim more than the text says.
    """
    attached = date_attached(doc, [trigger])
    if attached is not None:
        return attached
    sent = trigger.sent
    ancestors = {t.i for t in trigger.ancestors}
    head = clause_head(trigger)
    best: tuple[int, int, Date] | None = None
    for timex in timexes_in(doc, sent.start_char, sent.end_char):
        span, anchor = timex_anchor(doc, timex)
        if span is None or anchor is None:
            continue
        if anchor.i in ancestors or clause_head(anchor).i in ancestors:
            rank = 0
        elif _in_temporal_phrase(anchor, head):
            rank = 1
        else:
            continue
        key = (rank, abs(span.start - trigger.i), timex.date)
        if best is None or key[:2] < best[:2]:
            best = key
    if best is not None:
        return replace(best[2])
    return publication_month(doc)


def _in_temporal_phrase(anchor: Token, head: Token) -> bool:
    """Whether ``anchor`` sits in a temporal phrase of ``head`` ("during talks held ...")."""
    current = anchor
    for _ in range(8):
        if current.dep_ == "prep" and current.lower_ in TEMPORAL_PREPS:
            return current.head == head
        if current.head == current or current.dep_ in ("ccomp", "conj", "relcl", "xcomp"):
            return False
        current = current.head
    return False


def publication_month(doc: Doc) -> Date:
    """The publication month, flagged as from publication: the date of an undated event."""
    date = publication_date(doc)
    if date.start is not None:
        date.start, date.precision = date.start[:7], "month"
    return date
