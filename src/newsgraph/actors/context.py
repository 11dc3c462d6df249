"""The state a role nothing owns takes from its context ("troops", "the authorities"): its
sentence, the speaker of reported speech, the article."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from newsgraph.actors.gazetteer import Role
from newsgraph.actors.references import STATE_NOUNS, antecedent, counted, numbered, state_antecedent
from newsgraph.actors.units import Chunk

if TYPE_CHECKING:
    from newsgraph.actors.resolution import Resolution

#: Prepositions that make a state or city named after them a place ("arrived in Minsk").
PLACE_PREPS = frozenset({"to", "into", "from", "toward", "towards"})
#: Verbs after which "in X" is where someone went, not whose they are ("arrived in Minsk").
MOTION_VERBS = frozenset({"arrive", "travel", "visit", "land", "fly", "go", "come", "be", "stay"})
#: Codes of actors that are no state (IGOs, NGOs, companies, transnational militants).
NON_STATE_CODES = frozenset({"IGO", "NGO", "MNC", "IMG"})
#: Heads of "thousands of troops": the troops are where the amount stands.
AMOUNT_WORDS = frozenset(
    {"thousands", "hundreds", "dozens", "scores", "millions", "number", "some", "all", "many"}
)
#: Tokens that end a dateline ("BAMAKO - ").
DASHES = frozenset({"-", "–", "—", "--"})
#: Modifiers that say a role is not the context's own ("foreign intelligence services").
FOREIGN_WORDS = frozenset({"foreign", "international", "overseas", "western", "multinational"})


def unowned(r: Resolution, c: Chunk, role: Role) -> bool:
    """A role whose state the context may supply. Not "the two generals" (several sides),
    "foreign intelligence services" (someone else's), "the use of force" (a thing), nor
    forces a subject deploys ("Kenya deployed troops": the subject already names the side;
    ``deploy_verbs.tsv``)."""
    if counted(r, c, role):
        return False
    if any(token.lower_ in FOREIGN_WORDS for token in r.tok[c.start : c.root]):
        return False
    if any(not actor.code and actor.via == "place" for _, _, actor in c.modifiers):
        return False  # "Latin American governments": a region of several states
    root = r.tok[c.root]
    if c.end - c.start == 1 and root.tag_ == "NN" and root.dep_ not in ("nsubj", "nsubjpass"):
        return False  # "share intelligence", "the use of force": a thing, not an actor
    keys = {role.key, c.role_modifier[2].key if c.role_modifier else None}
    if "armed forces" not in keys or possessive_pronoun(r, c) is not None:
        return True
    token = r.tok[c.root]  # "deployed thousands of troops and militia members"
    for _ in range(4):
        if token.dep_ == "conj":
            token = token.head
        elif token.dep_ == "pobj" and token.head.lower_ == "of":
            amount = token.head.head
            if not (amount.pos_ == "NUM" or amount.lower_ in AMOUNT_WORDS):
                break
            token = amount
    return not (token.dep_ == "dobj" and token.head.lemma_.lower() in r.gaz.deploy_verbs)


def context_state(r: Resolution, c: Chunk, role: Role) -> str | None:
    """The state an unowned role belongs to ("troops", "the government", "officials"):
    the possessor of "its"/"their", then the latest earlier mention of the same role, then
    the one state its sentence names, then the state the sentence names most often, then
    the speaker's when it is reported speech, and failing that the article's."""
    pronoun = possessive_pronoun(r, c)
    if pronoun is not None:
        return possessor_state(r, pronoun.i)
    for token in r.tok[c.start : c.root]:
        if token.lower_ in STATE_NOUNS and token.dep_ == "poss":  # "the country's army"
            state = state_antecedent(r, c)
            return state.code if state is not None else None
    code = conjunct_state(r, c, role)
    if code is not None:
        return code
    earlier = None if numbered(r, c) else antecedent(r, role, c.start)
    if earlier is not None:
        return earlier.code
    code = only_state_in_sentence(r, c.start)
    if code is not None:
        return code
    return (
        most_named_state(r, *r.sentence_bounds(c.start))
        or speaker_state(r, c.root)
        or article_state(r)
    )


def conjunct_state(r: Resolution, c: Chunk, role: Role) -> str | None:
    """ "A Russian frigate and a submarine": a conjunct of the same kind shares the
    state its first conjunct was given in words."""
    root = r.tok[c.root]
    if root.dep_ != "conj":
        return None
    ci = r.chunk_at[root.head.i]
    unit = r.resolve(ci) if ci is not None and ci != r.chunk_at[c.root] else None
    if unit is None or unit.guessed or unit.role is None or unit.role.key != role.key:
        return None
    return unit.code


def speaker_state(r: Resolution, root: int) -> str | None:
    """ "Belarusian officials said the delegation would ...": in reported speech an
    unowned role is the speaker's."""
    node = r.tok[root]
    for _ in range(8):
        if node.dep_ == "ccomp":
            for child in node.head.children:
                ci = r.chunk_at[child.i] if child.dep_ == "nsubj" else None
                unit = r.resolve(ci) if ci is not None else None
                if unit is not None and unit.code and unit.kind != "place":
                    # a UN agency reporting on "50,000 people" does not make them its own
                    return unit.code if unit.code not in NON_STATE_CODES else None
            return None
        if node.head is node:
            return None
        node = node.head
    return None


def possessor_state(r: Resolution, i: int) -> str | None:
    """ "its chief of staff": the latest state or organisation before ``i`` in the
    sentence (its subject first), else in the sentence before."""
    start = r.sentence_start(i)
    previous = r.sentence_start(start - 1) if start > 0 else start
    window = [
        u for u in r.units
        if previous <= u.start < i and u.code and u.kind != "person" and u.kind != "place"
    ]  # fmt: skip
    same = [u for u in window if u.start >= start]
    for candidates in (same, window):
        subjects = [u for u in candidates if r.is_subject(u)]
        if subjects or candidates:
            return (subjects or candidates)[-1].code
    return None


def possessive_pronoun(r: Resolution, c: Chunk) -> Token | None:
    """The "its"/"their" that says a role belongs to someone named before."""
    for token in r.tok[c.start : c.root]:
        if token.lower_ in ("its", "their") and token.dep_ == "poss":
            return token
    return None


def only_state_in_sentence(
    r: Resolution, i: int, exclude: str | None = None, places: bool = False
) -> str | None:
    """A titled person with no country named beside them ("President X said") belongs to
    the one state the sentence names, when it names exactly one."""
    start, end = r.sentence_bounds(i)
    codes = {
        span[2].code
        for span in r.name_at[start:end]
        if span is not None
        and span[2].via in ("country", "demonym", "capital", "place")
        and span[2].code
        and span[2].code != exclude
        and (places or not locative(r, span[1] - 1))
    }
    return codes.pop() if len(codes) == 1 else None


def most_named_state(
    r: Resolution, start: int, end: int, exclude: str | None = None, places: bool = False
) -> str | None:
    """The state named most often in tokens ``start:end``, when one leads (places that
    are only where something goes or comes from count when ``places``)."""
    counts = states_named(r, start, end, exclude, places)
    ranked = sorted(counts.values(), reverse=True)
    if not ranked or (len(ranked) > 1 and ranked[0] == ranked[1]):
        return None
    return next(code for code, n in counts.items() if n == ranked[0])


def states_named(
    r: Resolution, start: int, end: int, exclude: str | None = None, places: bool = False
) -> dict[str, int]:
    """How often tokens ``start:end`` name each state (by name, demonym or capital)."""
    counts: dict[str, int] = {}
    seen: set[int] = set()
    for span in r.name_at[start:end]:
        if span is None or span[0] in seen:
            continue
        seen.add(span[0])
        actor = span[2]
        if actor.via not in ("country", "demonym", "capital") or actor.code in ("", exclude):
            continue
        if places or not locative(r, span[1] - 1):
            counts[actor.code] = counts.get(actor.code, 0) + 1
    return counts


def article_state(r: Resolution) -> str | None:
    """The state the article is about: its dateline's ("BAMAKO - "), else the one it
    names most often."""
    if r.article_code is None:
        r.article_code = dateline_state(r) or most_named_state(r, 0, len(r.doc))
        r.article_code = r.article_code or ""
    return r.article_code or None


def dateline_state(r: Resolution) -> str | None:
    """The state of a dateline place ("BAMAKO - ") that opens the text."""
    span = r.name_at[0] if r.tok else None
    if span is None or span[1] >= len(r.tok) or r.tok[span[1]].text not in DASHES:
        return None
    return span[2].code if span[2].via in ("capital", "country", "place") else None


def locative(r: Resolution, i: int) -> bool:
    """A name that is only where someone goes or comes from ("flew to Minsk")."""
    token = r.tok[i]
    if token.dep_ != "pobj":
        return False
    prep = token.head
    return prep.lower_ in PLACE_PREPS or (
        prep.lower_ in ("in", "at") and prep.head.lemma_ in MOTION_VERBS
    )
