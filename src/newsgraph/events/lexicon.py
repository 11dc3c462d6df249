"""The event coder's data: trigger lexicon and word lists from ``data/events/``.

Why data files: analysts extend the lexicon (a verb, a noun, an object class) without
touching code; ``data/events/README.md`` documents each column and flag.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache

from newsgraph.data import data_path

DATA_DIR = data_path("events")


@dataclass(frozen=True, slots=True)
class Entry:
    """One trigger reading: a lemma (or lemma + particle/preposition/object) and its coding."""

    key: str
    pos: str  # V, N or A
    event: str  # "" for verbs that only modify their complement (plan, say, try)
    modes: tuple[str, ...]
    contexts: tuple[str, ...]
    cameo: str | None
    ctrl: str | None = None
    recip: bool = False
    visit: bool = False
    host: bool = False
    rpreps: frozenset[str] = field(default_factory=frozenset)
    obj: str | None = None
    need_obj: bool = False
    no_dobj: bool = False
    need_comp: bool = False
    need_prep: frozenset[str] = field(default_factory=frozenset)
    need_light: frozenset[str] | bool = False
    subj: str | None = None  # "people" or an object class the subject must belong to
    active: bool = False
    undergoer: bool = False  # the subject undergoes the event ("fled"): it is the recipient
    need_future: bool = False  # coded only as an announced future act ("would respond")
    during: bool = False  # a needlight noun also attested as the object of "during"/"amid"


def _entry(columns: list[str]) -> Entry:
    key, pos, event, mode, context, flags, cameo = columns
    options: dict[str, object] = {}
    for flag in filter(None, (f.strip() for f in flags.split(","))):
        name, _, value = flag.partition("=")
        if name == "ctrl":
            options["ctrl"] = value
        elif name in ("recip", "visit", "host", "active", "undergoer", "during"):
            options[name] = True
        elif name == "rprep":
            options["rpreps"] = frozenset(value.split("|"))
        elif name == "obj":
            options["obj"] = value
        elif name == "needobj":
            options["need_obj"] = True
        elif name == "nodobj":
            options["no_dobj"] = True
        elif name == "needcomp":
            options["need_comp"] = True
        elif name == "needfuture":
            options["need_future"] = True
        elif name == "needprep":
            options["need_prep"] = frozenset(value.split("|"))
        elif name == "needlight":
            options["need_light"] = frozenset(value.split("|")) if value else True
        elif name == "subj":
            options["subj"] = value
        else:
            raise ValueError(f"triggers.tsv: unknown flag {flag!r} for {key!r}")
    return Entry(
        key=key,
        pos=pos,
        event=event,
        modes=tuple(filter(None, mode.split(";"))),
        contexts=tuple(filter(None, context.split(";"))),
        cameo=cameo or None,
        **options,  # type: ignore[arg-type]
    )


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Triggers by part of speech and key, plus the word lists of ``cues.json``."""

    entries: dict[tuple[str, str], tuple[Entry, ...]]
    first_words: frozenset[str]
    cues: dict
    objects: dict[str, frozenset[str]]
    sets: dict[str, frozenset[str]]

    def lookup(self, pos: str, key: str) -> tuple[Entry, ...]:
        return self.entries.get((pos, key), ())


@cache
def load_lexicon() -> Lexicon:
    """Read the data files once per process."""
    grouped: dict[tuple[str, str], list[Entry]] = {}
    for number, line in enumerate(
        (DATA_DIR / "triggers.tsv").read_text(encoding="utf-8").splitlines(), 1
    ):
        if not line.strip() or line.startswith("#"):
            continue
        columns = line.split("\t")
        if len(columns) != 7:
            raise ValueError(f"triggers.tsv line {number}: expected 7 columns")
        entry = _entry(columns)
        grouped.setdefault((entry.pos, entry.key), []).append(entry)
    cues = json.loads((DATA_DIR / "cues.json").read_text(encoding="utf-8"))
    objects = {name: frozenset(words) for name, words in cues["objects"].items()}
    sets = {
        name: frozenset(value)
        for name, value in cues.items()
        if isinstance(value, list) and not name.startswith("_")
    }
    return Lexicon(
        entries={key: tuple(value) for key, value in grouped.items()},
        first_words=frozenset(key.split()[0] for _, key in grouped)
        | frozenset(key.split()[-1] for pos, key in grouped if pos == "N"),
        cues=cues,
        objects=objects,
        sets=sets,
    )
