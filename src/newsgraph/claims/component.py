"""The ``newsgraph_claims`` component: who asserts, alleges, denies or acknowledges what.

It reads reporting structures from the parse: a reporting verb with its complement
("announced that ...", "denied any involvement", "described the visit as ..."), "according
to X", "as confirmed by X", a report that "raises the number to ...", and claim nouns
("accusations from X regarding ..."). The speaker is coded by the actor layer
(:func:`newsgraph.actors.participant_at`); pronouns and unnamed reports take the speaker of
the claim before. A sentence that continues the same report ("They were recruited ...")
keeps its attribution. Every event whose trigger lies in a claim's content gets the claim's
:class:`Attribution`. Lexicons: ``data/claims/``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Token
from spacy.tokens import Span as TokenSpan

from newsgraph.actors import participant_at
from newsgraph.claims.quantities import PEOPLE
from newsgraph.data import read_tsv
from newsgraph.records import Attribution, Claim, Date, Entity, Participant, Quantity, Span
from newsgraph.time.component import date_attached, date_for, publication_date

REPORTING_VERBS = {row[0]: (row[1], row[2]) for row in read_tsv("claims", "reporting_verbs.tsv")}
CLAIM_NOUNS = {row[0]: row[1] for row in read_tsv("claims", "claim_nouns.tsv")}
REPORT_NOUNS = frozenset(row[0] for row in read_tsv("claims", "report_nouns.tsv"))
CUES = [
    (re.compile(rf"\b{re.escape(row[0])}\b", re.I), row[0], None if row[1] == "-" else row[1])
    for row in read_tsv("claims", "cues.tsv")
]
HEDGE_CUES = frozenset(row[0] for row in read_tsv("claims", "cues.tsv") if row[2] == "1")
SPEAKER_NOUNS = {row[0]: row[1] for row in read_tsv("claims", "speaker_nouns.tsv")}
PRONOUNS = frozenset({"it", "they", "he", "she", "its", "their", "his", "her", "we", "i"})
CONTENT_PREPS = frozenset({"regarding", "about", "of", "over", "on", "concerning", "that"})
#: verbs whose subject is often a thing ("his interest suggests"): they need a speaking subject
WEAK_VERBS = frozenset(
    {"suggest", "indicate", "show", "find", "believe", "think", "estimate", "predict", "conclude"}
)
SPEAKING_NOUNS = frozenset(
    {"analyst", "expert", "official", "source", "observer", "spokesperson", "spokesman",
     "spokeswoman", "ministry", "government", "minister", "authority", "researcher", "report",
     "study", "investigator", "diplomat", "leader", "president", "commander", "military", "army"}
)  # fmt: skip
TEXT_KEY = "newsgraph_claims_text"
QUOTES = "\"'“”‘’«»"


@dataclass(slots=True)
class Found:
    """A reporting structure found in one sentence, before it becomes a Claim."""

    verb: str
    verb_token: Token
    speaker_token: Token | None
    stance: str
    start: int  # content character span
    end: int
    date_tokens: list[Token]
    report: bool = False  # the speaker was read off a report or "according to"


@Language.factory("newsgraph_claims")
def make_claim_tagger(nlp: Language, name: str) -> ClaimTagger:
    return ClaimTagger()


class ClaimTagger:
    """Sets ``doc._.claims`` and fills ``attribution``, ``quantities``, ``date`` on events."""

    def __call__(self, doc: Doc) -> Doc:
        claims: list[Claim] = []
        last_claim_sent = -10
        for index, sent in enumerate(doc.sents):
            made = 0
            for found in find_in_sentence(sent):
                claim = _claim(doc, found, claims)
                if claim is not None:
                    claim.id = f"c{len(claims) + 1}"
                    claims.append(claim)
                    made += 1
            if not made and index - last_claim_sent == 1 and claims:
                carried = _carry_over(doc, sent, claims[-1])
                if carried is not None:
                    carried.id = f"c{len(claims) + 1}"
                    claims.append(carried)
                    made += 1
            if made:
                last_claim_sent = index
        _link(doc, claims)
        doc._.claims = claims
        doc.user_data.pop(TEXT_KEY, None)
        return doc


def doc_text(doc: Doc) -> str:
    """The doc's text, built once per run (``Doc.text`` joins every token on each access)."""
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return text


# --- finding reporting structures ---------------------------------------------------------


def find_in_sentence(sent: TokenSpan) -> list[Found]:
    """Every reporting structure of a sentence, in text order."""
    found: list[Found] = []
    for token in sent:
        if token.lower_ == "according" and token.i + 1 < sent.end:
            item = _according(sent, token)
        elif token.lemma_.lower() in REPORTING_VERBS and token.pos_ in ("VERB", "AUX"):
            item = _verb(sent, token)
        elif token.lemma_.lower() in CLAIM_NOUNS and token.pos_ == "NOUN":
            item = _noun(sent, token)
        elif token.lemma_.lower() in REPORT_NOUNS and token.pos_ == "NOUN":
            item = _report_clause(token)
        else:
            continue
        if item is not None and item.end > item.start:
            found.append(item)
    return found


def _subtree_chars(token: Token, exclude: Token | None = None) -> tuple[int, int]:
    """The character span of a token's subtree, without a leading "that" or edge quotes."""
    doc = token.doc
    left, right = token.left_edge.i, token.right_edge.i
    if exclude is not None and left <= exclude.i <= right:
        ex_left, ex_right = exclude.left_edge.i, exclude.right_edge.i
        if ex_left <= left:
            left = ex_right + 1
        elif ex_right >= right:
            right = ex_left - 1
    return _trim(doc, left, right)


def _trim(doc: Doc, left: int, right: int) -> tuple[int, int]:
    """Character span of doc[left:right+1] without a leading "that" and edge punctuation."""
    while left <= right and (
        doc[left].lower_ in ("that", ",", ":", "-") or doc[left].is_punct or doc[left].is_space
    ):
        left += 1
    while right >= left and (doc[right].is_punct or doc[right].is_space):
        right -= 1
    if left > right:
        return 0, 0
    start, end = doc[left].idx, doc[right].idx + len(doc[right])
    text = doc_text(doc)
    while start < end and text[start] in QUOTES:
        start += 1
    while end > start and text[end - 1] in QUOTES + ",.":
        end -= 1
    return start, end


def _child(token: Token, *deps: str) -> Token | None:
    return next((c for c in token.children if c.dep_ in deps), None)


def _is_report(token: Token | None) -> bool:
    return token is not None and token.lemma_.lower() in REPORT_NOUNS


def _subject(verb: Token) -> Token | None:
    """The subject of a verb, borrowed from the verb it is conjoined to or modifies."""
    current = verb
    for _ in range(4):
        subject = _child(current, "nsubj", "csubj")
        if subject is not None:
            return subject
        passive_agent = _child(current, "agent")
        if passive_agent is not None:
            return _child(passive_agent, "pobj")
        if current.dep_ in ("conj", "advcl", "xcomp") and current.head != current:
            current = current.head
            continue
        break
    return None


def _verb(sent: TokenSpan, verb: Token) -> Found | None:
    lemma = verb.lemma_.lower()
    stance, needs = REPORTING_VERBS[lemma]
    if verb.dep_ in ("amod", "aux", "auxpass"):
        return None
    complement = _child(verb, "ccomp", "xcomp") if lemma not in ("present", "show") else None
    obj = _child(verb, "dobj")
    as_phrase = next(
        (
            c
            for c in [*verb.children, *(obj.children if obj is not None else ())]
            if c.dep_ == "prep" and c.lower_ == "as"
        ),
        None,
    )
    subject = _subject(verb)
    agent = _child(verb, "agent")
    speaker = _child(agent, "pobj") if agent is not None else subject
    date_tokens = [verb]
    report = False
    start = end = 0

    # "..., as confirmed by sources from X": the main clause is the content
    if verb.dep_ == "advcl" and agent is not None and _child(verb, "mark") is not None:
        start, end = _subtree_chars(verb.head, exclude=verb)
        return Found(verb.text, verb, speaker, stance, start, end, date_tokens, report=False)
    # "The visit, the ministry said, ...": a parenthetical reporting clause
    if verb.dep_ == "parataxis" and complement is None:
        start, end = _subtree_chars(verb.head, exclude=verb)
        return Found(verb.text, verb, speaker, stance, start, end, date_tokens)

    if needs == "as":
        if obj is None or as_phrase is None:
            return None
        start, end = _trim(verb.doc, obj.left_edge.i, max(obj.right_edge.i, as_phrase.right_edge.i))
    elif complement is not None:
        start, end = _subtree_chars(complement)
        if complement.i < verb.i and subject is not None and subject.i > complement.i:
            # "A happened, but B did not, Marchuk said": everything before the speaker
            start, end = _trim(verb.doc, _dateline_end(sent), subject.left_edge.i - 1)
    elif needs == "clause":
        start, end = _colon_content(sent, verb)
    elif needs == "object" and obj is not None:
        start, end = _subtree_chars(obj)
        charge = next(
            (c for c in verb.rights if c.dep_ == "prep" and c.lower_ in ("of", "for", "over")),
            None,
        )
        if charge is not None and charge.i > obj.i:
            # "accused X of Y", "blamed X for Y": the charge is part of the content
            end = _trim(verb.doc, obj.left_edge.i, charge.right_edge.i)[1]
            if obj.lower_ in ("that", "which", "who") and verb.dep_ == "relcl":
                start = _trim(verb.doc, verb.head.left_edge.i, verb.head.i)[0]
    elif needs == "claimobj" and obj is not None:
        claimed = obj.lemma_.lower() in CLAIM_NOUNS or obj.lemma_.lower() in REPORT_NOUNS
        if not claimed and as_phrase is None:
            return None
        start, end = _subtree_chars(obj)
        if as_phrase is not None:
            end = _trim(verb.doc, as_phrase.left_edge.i, as_phrase.right_edge.i)[1]
    elif needs == "report":
        if _is_report(subject):
            report = True
            start, end = _trim(verb.doc, verb.i + 1, verb.right_edge.i)
            date_tokens += [c for c in subject.children if c.dep_ in ("acl", "relcl")]
            speaker = _publisher(subject) or subject
        elif _is_report(obj) and obj is not None:
            start, end = _subtree_chars(obj)
        else:
            return None
    if start == end == 0:
        return None
    if lemma in WEAK_VERBS and not _speaks(speaker):
        return None
    relative = speaker is not None and speaker.lower_ in ("that", "which", "who")
    if verb.dep_ in ("acl", "relcl") and (speaker is None or relative):
        speaker = verb.head  # "a report that said ...", "officials who said ..."
    return Found(verb.text, verb, speaker, stance, start, end, date_tokens, report=report)


def _speaks(token: Token | None) -> bool:
    """Whether a subject can speak: a named actor, a pronoun, or a speaking noun."""
    if token is None:
        return False
    if token.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") or token.pos_ in ("PRON", "PROPN"):
        return True
    return token.lemma_.lower() in SPEAKING_NOUNS or token.lemma_.lower() in PEOPLE


def _colon_content(sent: TokenSpan, verb: Token) -> tuple[int, int]:
    """Content of a verb without complement: a quote after a colon, or the quote before it."""
    doc = sent.doc
    after = verb.i + 1
    while after < sent.end and doc[after].dep_ in ("dobj", "prep", "pobj", "det", "npadvmod"):
        after += 1
    if after < sent.end and doc[after].text == ":":
        return _trim(doc, after + 1, sent.end - 1)
    subject = _child(verb, "nsubj")
    first = min(verb.i, subject.left_edge.i if subject is not None else verb.i)
    if first - sent.start >= 3 and any(c in sent.text[: 2 + first - sent.start] for c in QUOTES):
        return _trim(doc, sent.start, first - 1)
    return 0, 0


def _publisher(report: Token) -> Token | None:
    """Whoever issued a report: "a report published by X", "X's report", "a report by X"."""
    for child in report.children:
        if child.dep_ == "poss":
            return child
        if child.dep_ == "prep" and child.lower_ in ("by", "from", "of"):
            return _child(child, "pobj")
        if child.dep_ in ("acl", "relcl"):
            agent = _child(child, "agent")
            if agent is not None:
                return _child(agent, "pobj")
    return None


def _according(sent: TokenSpan, according: Token) -> Found | None:
    """ "According to X, ...": X is the speaker, the rest of the sentence the content."""
    to = according.doc[according.i + 1]
    if to.lower_ != "to":
        return None
    source = _child(to, "pobj") or _child(according, "pobj")
    if source is None:
        source = next((t for t in to.subtree if t.pos_ in ("NOUN", "PROPN")), None)
    if source is None:
        return None
    phrase_end = max(according.right_edge.i, to.right_edge.i, source.right_edge.i)
    doc = sent.doc
    if according.i - sent.start <= 1:
        start, end = _trim(doc, phrase_end + 1, sent.end - 1)
    else:
        start, end = _trim(doc, sent.start, according.i - 1)
    date_tokens = [according] + [c for c in source.children if c.dep_ in ("acl", "relcl")]
    speaker = _publisher(source) if _is_report(source) else None
    return Found(
        "according to", according, speaker or source, "assert", start, end, date_tokens, True
    )


def _report_clause(noun: Token) -> Found | None:
    """A report noun with a "that" clause: "an estimate that 20,000 were recruited"."""
    clause = next(
        (
            c
            for c in noun.children
            if c.dep_ in ("acl", "ccomp", "relcl")
            and any(m.lower_ == "that" and m.dep_ == "mark" for m in c.children)
        ),
        None,
    )
    if clause is None:
        return None
    start, end = _subtree_chars(clause)
    speaker = _publisher(noun) or noun
    return Found(noun.text, noun, speaker, "assert", start, end, [noun], report=True)


def _noun(sent: TokenSpan, noun: Token) -> Found | None:
    """A claim noun with its content: "their claims regarding X", "accusations from Y that Z"."""
    content: Token | None = None
    speaker: Token | None = None
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in CONTENT_PREPS:
            content = _child(child, "pobj", "pcomp") or content
        elif child.dep_ == "prep" and child.lower_ in ("from", "by"):
            speaker = _child(child, "pobj")
        elif child.dep_ in ("acl", "ccomp") and _child(child, "mark") is not None:
            content = child
        elif child.dep_ == "poss":
            speaker = child
    if content is None and noun.dep_ in ("dobj", "pobj", "nsubj"):
        after = noun.doc[noun.right_edge.i + 1] if noun.right_edge.i + 1 < len(noun.doc) else None
        if after is not None and after.lower_ in CONTENT_PREPS and after.head == noun.head:
            content = _child(after, "pobj", "pcomp")
    if content is None:
        return None
    if (speaker is None or speaker.pos_ == "PRON") and noun.dep_ in ("dobj", "pobj"):
        speaker = _subject(noun.head) if noun.dep_ == "dobj" else None
    start, end = _subtree_chars(content)
    stance = CLAIM_NOUNS[noun.lemma_.lower()]
    return Found(noun.text, noun, speaker, stance, start, end, [noun])


# --- from structures to claims ------------------------------------------------------------


def _speaker(
    doc: Doc, token: Token | None, claims: list[Claim], depth: int = 0
) -> Participant | None:
    """The coded participant behind a speaker phrase; pronouns and bare reports look back."""
    if token is None:
        return None
    if token.lower_ in PRONOUNS or token.pos_ == "PRON":
        return _antecedent(doc, token, claims) if depth < 2 else None
    dateline = _dateline_end(token.sent)
    skip: set[int] = set(range(token.sent.start, dateline))
    for t in token.subtree:
        clause = t.dep_ in ("relcl", "ccomp") or (
            t.dep_ == "acl" and any(m.dep_ == "mark" for m in t.children)
        )
        if clause and t != token:
            skip.update(x.i for x in t.subtree)
    candidates = [token] + [t for t in token.subtree if t.i not in skip and t != token]
    first: Participant | None = None
    for candidate in candidates:
        if candidate.pos_ not in ("PROPN", "NOUN", "ADJ") and not candidate.ent_type_:
            continue
        participant = participant_at(doc, candidate)
        if participant is None:
            continue
        if participant.code:
            if first is not None and first.code is None and candidate != token:
                # "Valeri Revenko, head of ... the ministry": the person stands for its state
                return Participant(
                    text=first.text,
                    name=first.name,
                    entity_id=first.entity_id,
                    code=participant.code,
                    sector=first.sector or participant.sector,
                )
            return participant
        first = first or participant
    if token.pos_ == "PROPN" and token.text[:1].isupper() and depth < 1:
        # "Marchuk said" after "Ukrainian foreign ministry spokesman Oleh Marchuk"
        first_mention = next((t for t in doc[: token.i] if t.text == token.text), None)
        if first_mention is not None:
            found = _speaker(doc, first_mention, claims, depth + 1)
            if found is not None and found.code:
                return found
    earlier = _mentioned_before(doc, token, claims)
    if earlier is not None:
        return earlier
    role = next(
        (
            SPEAKER_NOUNS[t.lemma_.lower()]
            for t in (*token.lefts, token)
            if t.lemma_.lower() in SPEAKER_NOUNS
        ),
        None,
    )
    if first is not None:
        if first.code is None and role is not None:
            first.code = "NGO" if role == "NGO" else main_state(doc)
            first.sector = first.sector or (None if role == "NGO" else role)
        return first
    if (_is_report(token) or token.lemma_.lower() in ("source", "official")) and claims:
        return claims[-1].speaker
    phrase = doc[max(token.left_edge.i, dateline) : token.i + 1]
    if role == "NGO":
        return Participant(text=phrase.text, code="NGO")
    if role is not None:
        return Participant(text=phrase.text, code=main_state(doc), sector=role)
    return Participant(text=phrase.text)


def _dateline_end(sent: TokenSpan) -> int:
    """The first token after a dateline ("KYIV - ..."), or the sentence start."""
    for token in sent[:6]:
        if token.text in ("-", "–", "—"):
            before = sent.doc[sent.start : token.i]
            if before.text.isupper():
                return token.i + 1
            break
    return sent.start


def _antecedent(doc: Doc, pronoun: Token, claims: list[Claim]) -> Participant | None:
    """Who "it", "they", "she" is: a speaker in this sentence, the sentence's subject, the
    previous claim's speaker, or the subject of the sentence before."""
    sent = pronoun.sent
    for claim in reversed(claims):
        inside = sent.start_char <= claim.content_span.end < sent.end_char + 1
        if inside and claim.content_span.start < sent.end_char and claim.speaker is not None:
            return claim.speaker
    root_subject = _child(sent.root, "nsubj", "nsubjpass")
    if root_subject is not None and root_subject.pos_ != "PRON" and root_subject != pronoun:
        return _speaker(doc, root_subject, claims, 2)
    if sent.start > 0:
        previous = doc[sent.start - 1].sent
        subject = _child(previous.root, "nsubj", "nsubjpass")
        if subject is not None and subject.pos_ != "PRON" and _speaks(subject):
            found = _speaker(doc, subject, claims, 2)
            if found is not None and found.code:
                return found
    if claims and sent.start_char - claims[-1].content_span.end < 600:
        return claims[-1].speaker
    return None


def _mentioned_before(doc: Doc, token: Token, claims: list[Claim]) -> Participant | None:
    """A definite description ("the agency", "Marchuk") of someone already coded earlier."""
    if token.pos_ == "PROPN":
        for claim in reversed(claims):
            speaker = claim.speaker
            if speaker is not None and speaker.code and token.text in speaker.text.split():
                return speaker
        return None
    if token.pos_ != "NOUN" or not any(c.lower_ == "the" for c in token.lefts):
        return None
    noun = token.lemma_.lower()
    best: tuple[int, Entity] | None = None
    for entity in doc._.entities or ():
        if not entity.code or noun not in entity.name.lower().split():
            continue
        before = [m.start for m in entity.mentions if m.start < token.idx]
        if before and (best is None or max(before) > best[0]):
            best = (max(before), entity)
    if best is None:
        return None
    entity = best[1]
    return Participant(
        text=token.text, name=entity.name, entity_id=entity.id,
        code=entity.code, sector=entity.sector,
    )  # fmt: skip


def main_state(doc: Doc) -> str | None:
    """The state an article is about: the code mentioned most often, its dateline's weighing
    as much as three mentions (a dateline names where the reporter is, not always the story)."""
    counts: dict[str, int] = {}
    for entity in doc._.entities or ():
        code = entity.code
        if code and len(code) == 3 and code not in ("IGO", "NGO", "MNC"):
            counts[code] = counts.get(code, 0) + len(entity.mentions)
    first = next(iter(doc.sents), None)
    if first is not None:
        for token in doc[first.start : _dateline_end(first)]:
            participant = participant_at(doc, token) if token.is_alpha else None
            if participant is not None and participant.code and len(participant.code) == 3:
                counts[participant.code] = counts.get(participant.code, 0) + 3
                break
    return max(counts, key=counts.__getitem__) if counts else None


def _cues(doc: Doc, sent: TokenSpan, start: int, end: int) -> tuple[list[str], str | None, bool]:
    """Cues in the sentence (and a verification note in the next): cues, stance, hedged."""
    text = sent.text
    following = sent.end < len(doc) and doc[sent.end].sent
    if following:
        text = text + " " + following.text if "verif" in following.text.lower() else text
    cues: list[str] = []
    stance: str | None = None
    for pattern, cue, implies in CUES:
        if pattern.search(text):
            cues.append(cue)
            stance = stance or implies
    cues = [c for c in cues if not any(c != o and c in o for o in cues)]
    return cues, stance, any(c in HEDGE_CUES for c in cues)


def _claim(doc: Doc, found: Found, claims: list[Claim]) -> Claim | None:
    speaker = _speaker(doc, found.speaker_token, claims)
    if speaker is None:
        return None
    sent = found.verb_token.sent
    cues, cue_stance, hedged = _cues(doc, sent, found.start, found.end)
    stance = found.stance
    if _child(found.verb_token, "neg") is not None:
        stance = "deny_knowledge" if stance == "assert" else stance
    if cue_stance == "deny" or cue_stance == "deny_knowledge":
        stance = cue_stance
    elif cue_stance == "allege" and stance == "assert":
        stance = "allege"
    date = date_attached(doc, found.date_tokens) or publication_date(doc)
    return Claim(
        id="",
        speaker=speaker,
        verb=found.verb,
        stance=stance,  # type: ignore[arg-type]
        hedged=hedged,
        cues=cues,
        content=doc_text(doc)[found.start : found.end],
        content_span=Span(found.start, found.end),
        date=date,
    )


def _carry_over(doc: Doc, sent: TokenSpan, previous: Claim) -> Claim | None:
    """A sentence continuing the previous claim's report keeps its attribution."""
    if "\n" in doc_text(doc)[previous.content_span.end : sent.start_char]:
        return None
    root = sent.root
    subject = _child(root, "nsubj", "nsubjpass")
    opens_quote = sent.text.lstrip()[:1] in QUOTES
    continues = subject is not None and subject.lower_ in ("they", "it", "these", "those")
    if not (opens_quote or continues):
        return None
    start, end = _trim(doc, sent.start, sent.end - 1)
    cues, _, hedged = _cues(doc, sent, start, end)
    return Claim(
        id="",
        speaker=previous.speaker,
        verb=previous.verb,
        stance=previous.stance,
        hedged=previous.hedged or hedged,
        cues=sorted(set(previous.cues) | set(cues)),
        content=doc_text(doc)[start:end],
        content_span=Span(start, end),
        date=Date(**previous.date.to_dict()),
    )


def _link(doc: Doc, claims: list[Claim]) -> None:
    """Claims to the events and quantities in their content; events to their attribution."""
    quantities: list[Quantity] = list(doc._.quantities or ())
    events = list(doc._.events or ())
    for claim in claims:
        span = claim.content_span
        claim.quantities = [q for q in quantities if span.start <= q.span.start < span.end]
    # innermost claim wins: visit claims from the widest content to the narrowest
    for claim in sorted(claims, key=lambda c: c.content_span.start - c.content_span.end):
        span = claim.content_span
        for event in events:
            if span.start <= event.trigger_span.start < span.end:
                if event.id not in claim.events:
                    claim.events.append(event.id)
                event.attribution = Attribution(
                    speaker=claim.speaker,
                    verb=claim.verb,
                    stance=claim.stance,
                    hedged=claim.hedged,
                    cues=list(claim.cues),
                )
    for event in events:
        start, end = event.text_info.start, event.text_info.end
        if not event.quantities:
            event.quantities = [q for q in quantities if start <= q.span.start < end]
        if event.date is None or event.date.start is None:
            trigger = doc.char_span(
                event.trigger_span.start, event.trigger_span.end, alignment_mode="expand"
            )
            if trigger is not None and len(trigger):
                event.date = date_for(doc, trigger.root)
