"""The work on one Doc: its names, roles and noun chunks, and the memoised unit of each chunk
that the rule modules fill in and read back."""

from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Doc, Span, Token

from newsgraph.actors.gazetteer import Actor, Role
from newsgraph.actors.matching import GazetteerMatcher
from newsgraph.actors.mentions import make_unit
from newsgraph.actors.units import Chunk, Unit


class Resolution:
    """A Doc's tokens indexed by the names, roles and noun chunks over them, and the units
    resolved so far (rules in the sibling modules take it as ``r``)."""

    def __init__(self, matcher: GazetteerMatcher, doc: Doc) -> None:
        self.gaz = matcher.gaz
        self.doc = doc
        #: tokens made once: ``doc[i]`` builds a new Token object on every call
        self.tok: list[Token] = list(doc)
        self.source = doc.text  # built from the tokens on every access: read it once
        n = len(doc)
        self.name_at: list[tuple[int, int, Actor] | None] = [None] * n
        for span in matcher.name_spans(doc):
            for i in range(span[0], span[1]):
                self.name_at[i] = span
        self.role_at: list[tuple[int, int, Role] | None] = [None] * n
        for span in matcher.role_spans(doc):
            for i in range(span[0], span[1]):
                if self.name_at[i] is None:
                    self.role_at[i] = span
        self.ent_at: list[Span | None] = [None] * n
        for ent in doc.ents:
            if ent.label_ in ("PERSON", "ORG", "NORP", "GPE", "FAC"):
                for i in range(ent.start, ent.end):
                    self.ent_at[i] = ent
        self.chunks: list[Chunk] = []
        self.chunk_at: list[int | None] = [None] * n
        spans = [(c.start, c.end, c.root.i) for c in doc.noun_chunks]
        spans.extend(self.loose_chunks(spans))
        for start, end, root in sorted(spans):
            self.chunk_at[start:end] = [len(self.chunks)] * (end - start)
            self.chunks.append(self.describe(start, end, root))
        self.units: list[Unit] = []
        self.unit_of_chunk: dict[int, Unit | None] = {}
        self.in_progress: set[int] = set()
        self.acronym_entity: dict[str, Unit] = {}  # "FAR" -> the unit that defined it
        self.unspelled: dict[str, int] = {}  # capitals that spelled no name, at n units
        self.sentence_starts = (
            [s.start for s in doc.sents] if doc.has_annotation("SENT_START") else [0]
        )
        self.article_code: str | None = None  # computed on first use ("": none)

    def loose_chunks(self, spans: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
        """Noun-like runs the parser left outside noun chunks ("Quatar's emir", a last "Cuba")."""
        doc = self.doc
        taken = [False] * len(doc)
        for start, end, _ in spans:
            taken[start:end] = [True] * (end - start)
        found = []
        i = 0
        while i < len(doc):
            start = i
            while i < len(doc) and not taken[i] and self.nominal(i):
                i += 1
            heads = [
                j
                for j in range(start, i)
                if self.tok[j].pos_ in ("NOUN", "PROPN") or self.role_at[j] is not None
            ]
            if heads:
                found.append((start, i, heads[-1]))
            i = max(i, start + 1)
        return found

    def nominal(self, i: int) -> bool:
        token = self.tok[i]
        if self.name_at[i] is not None or self.role_at[i] is not None:
            return True
        if self.ent_at[i] is not None and self.ent_at[i].label_ in ("PERSON", "ORG"):
            return True
        return token.pos_ in ("PROPN", "NOUN", "ADJ", "DET", "NUM") or token.tag_ == "POS"

    def describe(self, start: int, end: int, root: int) -> Chunk:
        name = self.name_at[root]
        modifiers: list[tuple[int, int, Actor]] = []
        role_modifier = None
        i = start
        while i < end:
            span = self.name_at[i]
            if span is not None and span is not name:
                if span[2].via != "person":
                    modifiers.append(span)
                i = span[1]
                continue
            role = self.role_at[i]
            if role is not None and not (role[0] <= root < role[1]):
                role_modifier = role
            i += 1
        role = self.role_at[root]
        ent = self.ent_at[root]
        person = ent if ent is not None and ent.label_ == "PERSON" and name is None else None
        if name is not None and name[2].via == "person":
            person = Span(self.doc, name[0], name[1])
        org = ent if ent is not None and ent.label_ in ("ORG", "FAC") else None
        return Chunk(start, end, root, name, modifiers, role, role_modifier, person, org)

    def resolve(self, ci: int) -> Unit | None:
        """The unit of chunk ``ci`` (memoised; may be asked out of order by an ``of`` chain)."""
        if ci in self.unit_of_chunk:
            return self.unit_of_chunk[ci]
        if ci in self.in_progress:
            return None
        self.in_progress.add(ci)
        unit = make_unit(self, self.chunks[ci])
        self.in_progress.discard(ci)
        self.unit_of_chunk[ci] = unit
        if unit is not None:
            self.units.append(unit)
        return unit

    def text(self, start: int, end: int) -> str:
        """The words of tokens ``start:end`` (a slice of the text: no Span is built)."""
        last = self.tok[end - 1]
        return self.source[self.tok[start].idx : last.idx + len(last.text)]

    def country_name(self, code: str) -> str:
        country = self.gaz.countries.get(code)
        return country.name if country else code

    def sentence_start(self, i: int) -> int:
        return self.sentence_starts[max(0, bisect_right(self.sentence_starts, i) - 1)]

    def sentence_bounds(self, i: int) -> tuple[int, int]:
        """Start and end (exclusive) of the sentence holding token ``i``."""
        k = bisect_right(self.sentence_starts, i)
        end = self.sentence_starts[k] if k < len(self.sentence_starts) else len(self.doc)
        return self.sentence_starts[max(0, k - 1)], end

    def is_subject(self, unit: Unit) -> bool:
        for token in self.tok[unit.start : unit.end]:
            if token.dep_ in ("nsubj", "nsubjpass") and not unit.start <= token.head.i < unit.end:
                return True
        return False
