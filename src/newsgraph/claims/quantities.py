"""The ``newsgraph_quantities`` component: numbers with qualifier, unit and what they count.

Numbers come in digits ("20,000", "1.5 million", "$5bn") and words ("nine", "two dozen",
"thousands of"). The words before them give the qualifier ("over", "at least"), the noun
they modify gives the unit (people-like nouns become "people", money its currency) and that
noun with its modifiers says what they count. Years, dates, ordinals, times, model names
("S-125"), identifiers ("Article 5") and ages are not quantities. Lexicons: ``data/claims/``.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Token

from newsgraph.data import read_tsv
from newsgraph.records import Quantity, Span

NUMBER_WORDS: dict[str, tuple[float, str]] = {
    row[0]: (float(row[1]), row[2]) for row in read_tsv("claims", "numbers.tsv")
}
QUALIFIERS_BEFORE = {row[0]: row[1] for row in read_tsv("claims", "qualifiers.tsv")}
QUALIFIERS_AFTER = {row[0]: row[1] for row in read_tsv("claims", "qualifiers_after.tsv")}
PEOPLE = frozenset(row[0] for row in read_tsv("claims", "people.tsv"))
CURRENCIES = {row[0]: row[1] for row in read_tsv("claims", "currencies.tsv")}
IDENTIFIER_WORDS = frozenset(row[0] for row in read_tsv("claims", "identifier_words.tsv"))

DIGITS = re.compile(r"^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?([a-z]{1,3})?$", re.I)
TIME_WORDS = frozenset({"a.m.", "p.m.", "am", "pm", "gmt", "utc", "hrs", "h"})
DURATION_UNITS = frozenset(
    {"second", "minute", "hour", "day", "week", "month", "year", "decade", "century"}
)
PERCENT_WORDS = frozenset({"%", "percent", "per cent", "pct"})
LONGEST_QUALIFIER = max(len(q.split()) for q in QUALIFIERS_BEFORE)


@Language.factory("newsgraph_quantities")
def make_quantity_tagger(nlp: Language, name: str) -> QuantityTagger:
    return QuantityTagger()


class QuantityTagger:
    """Sets ``doc._.quantities`` in text order."""

    def __call__(self, doc: Doc) -> Doc:
        doc._.quantities = find_quantities(doc)
        return doc


def number_value(token: Token) -> tuple[float, str] | None:
    """The value and kind (unit/tens/scale/vague/digits) of one token, or None."""
    lower = token.lower_
    if lower in NUMBER_WORDS:
        value, kind = NUMBER_WORDS[lower]
        return None if kind == "suffix" else (value, kind)
    m = DIGITS.match(token.text)
    if not m:
        return None
    whole, fraction, suffix = m.groups()
    value = float(whole.replace(",", "") + ("." + fraction if fraction else ""))
    if suffix:
        scale = NUMBER_WORDS.get(suffix.lower())
        if scale is None or scale[1] != "suffix":
            return None  # "2nd", "5th", "10am"
        value *= scale[0]
    return value, "digits"


def _combine(values: list[tuple[float, str]]) -> tuple[float, bool]:
    """The number a run of number tokens spells, and whether it is vague ("thousands")."""
    total = current = 0.0
    vague = False
    for value, kind in values:
        if kind in ("digits", "unit", "tens"):
            current += value
        elif kind == "scale":
            current = (current or 1) * value
            if value >= 1000:
                total, current = total + current, 0.0
        elif kind == "vague":
            vague = True
            current = (current or 1) * value
            if value >= 1000:
                total, current = total + current, 0.0
    return total + current, vague


def _excluded_before(doc: Doc, start: int) -> bool:
    """A number that names something: "Article 5", "S-125", "No. 3", an age after a name."""
    if start == 0:
        return False
    before = doc[start - 1]
    if before.lower_ in IDENTIFIER_WORDS or before.lower_ in ("aged", "age"):
        return True
    if before.text in ("-", "–", "#") and not before.whitespace_:
        return True
    if before.text == "," and start >= 2 and doc[start - 2].ent_type_ == "PERSON":
        after = doc[start + 1] if start + 1 < len(doc) else None
        return after is None or after.text in (",", ".")
    return False


def _excluded_after(doc: Doc, end: int) -> bool:
    """Times ("10 a.m."), ages ("45-year-old"), ordinal-like codes after the number."""
    if end >= len(doc):
        return False
    after = doc[end]
    if after.lower_ in TIME_WORDS or after.text == ":":
        return True
    if after.text == "-" and end + 2 < len(doc) and doc[end + 1].lemma_ == "year":
        return doc[end + 2].text == "-"
    return False


def _qualifier(doc: Doc, start: int, end: int) -> tuple[str | None, int, int]:
    """The qualifier around a number and the widened token bounds of its text."""
    for size in range(min(LONGEST_QUALIFIER, start), 0, -1):
        words = " ".join(t.lower_ for t in doc[start - size : start])
        if words in QUALIFIERS_BEFORE:
            return QUALIFIERS_BEFORE[words], start - size, end
    for size in (2, 1):
        if end + size <= len(doc):
            words = " ".join(t.lower_ for t in doc[end : end + size])
            if words in QUALIFIERS_AFTER:
                return QUALIFIERS_AFTER[words], start, end + size
    return None, start, end


def _counted_noun(doc: Doc, start: int, end: int) -> Token | None:
    """The noun the number counts: its head in the parse, or the next noun ("thousands of X")."""
    last = doc[end - 1]
    head = last.head
    if (
        last.dep_ in ("nummod", "quantmod", "compound", "amod")
        and head.pos_ in ("NOUN", "PROPN")
        and end <= head.i <= end + 4
    ):
        return head
    i = end
    if i < len(doc) and doc[i].lower_ == "of":
        i += 1
    while i < len(doc) and i <= end + 5:
        token = doc[i]
        if token.pos_ in ("NOUN", "PROPN"):
            nxt = doc[i + 1] if i + 1 < len(doc) else None
            if nxt is not None and nxt.pos_ in ("NOUN", "PROPN") and nxt.dep_ != "appos":
                i += 1
                continue
            return token
        if token.pos_ not in ("ADJ", "DET", "NUM", "ADV") and token.lower_ != "of":
            return None
        i += 1
    return None


def _counts(doc: Doc, first: int, noun: Token) -> str:
    """The counted noun phrase: its modifiers after the number, its "of" phrase, its participle."""
    last = noun.i
    for child in noun.rights:
        if child.dep_ == "prep" and child.lower_ in ("of", "from"):
            last = max(last, child.right_edge.i)
        elif child.dep_ in ("acl", "relcl"):
            last = max(last, child.i)
            for grandchild in child.rights:
                if grandchild.dep_ in ("agent", "dobj", "prt", "attr"):
                    last = max(last, grandchild.right_edge.i)
                else:
                    break
        else:
            break
    last = min(last, noun.sent.end - 1)
    while last > noun.i and doc[last].is_punct:
        last -= 1
    return doc[first : last + 1].text


def _unit(doc: Doc, start: int, end: int, noun: Token | None) -> tuple[str | None, int]:
    """The unit and the last token index of the quantity's text."""
    before = doc[start - 1] if start else None
    if before is not None and before.text in CURRENCIES:
        return CURRENCIES[before.text], end - 1
    if end < len(doc) and doc[end].lower_ in PERCENT_WORDS:
        return "percent", end
    if noun is None:
        return None, end - 1
    if noun.lower_ in CURRENCIES:
        return CURRENCIES[noun.lower_], noun.i
    lemma = noun.lemma_.lower()
    demonym = noun.ent_type_ == "NORP" and noun.lower_.endswith("s")
    if lemma in PEOPLE or noun.lower_ in PEOPLE or demonym:
        return "people", noun.i
    return lemma, noun.i


def _in_dates(doc: Doc) -> set[int]:
    """Character offsets covered by time expressions or by NER dates and times."""
    covered: set[int] = set()
    for timex in doc._.timexes or ():
        covered.update(range(timex.span.start, timex.span.end))
    for ent in doc.ents:
        if ent.label_ in ("DATE", "TIME", "ORDINAL"):
            covered.update(range(ent.start_char, ent.end_char))
    return covered


def find_quantities(doc: Doc) -> list[Quantity]:
    """Every quantity in the doc, in text order."""
    dates = _in_dates(doc)
    quantities: list[Quantity] = []
    i = 0
    n = len(doc)
    while i < n:
        token = doc[i]
        first = number_value(token)
        if first is None or (token.lower_ in ("a", "an")):
            i += 1
            continue
        start = i
        if start > 0 and doc[start - 1].lower_ in ("a", "an") and first[1] == "scale":
            start -= 1
        values = [first]
        j = i + 1
        while j < n:
            nxt = doc[j]
            value = number_value(nxt)
            if value is not None and value[1] != "digits":
                values.append(value)
                j += 1
            elif _joins(doc, j, values):
                j += 1
            elif DIGITS.match(nxt.text) is None and nxt.lower_ in NUMBER_WORDS:
                values.append(NUMBER_WORDS[nxt.lower_])  # "5 bn"
                j += 1
            else:
                break
        end = j
        i = end
        quantity = _make(doc, start, end, values, dates)
        if quantity is not None:
            quantities.append(quantity)
    return quantities


def _joins(doc: Doc, j: int, values: list[tuple[float, str]]) -> bool:
    """Whether doc[j] joins two number words: "twenty-five", "tens of thousands", "and"."""
    if j + 1 >= len(doc):
        return False
    following = number_value(doc[j + 1])
    if doc[j].text == "-" and not doc[j].whitespace_:
        return following is not None
    return (
        doc[j].lower_ in ("of", "and")
        and following is not None
        and following[1] in ("vague", "scale", "unit")
        and values[-1][1] in ("vague", "scale")
    )


def _make(
    doc: Doc, start: int, end: int, values: list[tuple[float, str]], dates: set[int]
) -> Quantity | None:
    """One quantity from the number tokens doc[start:end], or None when it is not one."""
    head = doc[start if doc[start].lower_ not in ("a", "an") else start + 1]
    if head.idx in dates or doc[end - 1].idx in dates:
        return None
    spelled = head.lower_ in NUMBER_WORDS or DIGITS.match(head.text)
    if re.search(r"[a-z]", head.text, re.I) and not spelled:
        return None
    if _excluded_before(doc, start) or _excluded_after(doc, end):
        return None
    if len(values) == 1 and head.lower_ == "one" and head.dep_ != "nummod":
        return None  # "one of the", "the one who"
    year_like = len(values) == 1 and re.fullmatch(r"(1[89]|20)\d\d", head.text)
    if year_like and (end >= len(doc) or doc[end].pos_ not in ("NOUN", "PROPN")):
        return None  # a year NER missed
    value, vague = _combine(values)
    qualifier, q_start, q_end = _qualifier(doc, start, end)
    if vague and qualifier is None:
        qualifier = "at_least"
    noun = _counted_noun(doc, start, end)
    if noun is None and q_end > end:
        noun = _counted_noun(doc, start, q_end)
    if noun is not None and noun.lemma_.lower() in DURATION_UNITS:
        return None  # a duration ("three years"), not a count
    unit, last = _unit(doc, start, end, noun)
    first_tok = q_start
    if start > 0 and doc[start - 1].text in CURRENCIES and q_start == start:
        first_tok = start - 1
    last = max(last, q_end - 1)
    counts = _counts(doc, max(end, q_end), noun) if noun and noun.i >= max(end, q_end) else None
    if counts is not None and counts.lower().startswith("of "):
        counts = counts[3:]
    if unit is not None and (unit.isupper() or unit == "percent"):
        counts = None
    span = doc[first_tok : last + 1]
    number = int(value) if float(value).is_integer() else value
    return Quantity(
        value=number,
        qualifier=qualifier,
        unit=unit,
        counts=counts,
        text=span.text,
        span=Span(span.start_char, span.end_char),
    )
