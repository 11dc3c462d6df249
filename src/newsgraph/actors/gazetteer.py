"""The actor gazetteer: states, seats of power, organisations and role words, read from TSV.

The facts live in ``newsgraph/data/actors/*.tsv`` (see the README there) so that users extend
them without touching code: directories named in ``NEWSGRAPH_ACTOR_DATA`` (separated by
``os.pathsep``) or in the component's ``extra_data`` setting are read after the packaged
files, and their rows add to or override the packaged ones.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from newsgraph.data import data_path
from newsgraph.errors import NewsgraphError

#: Environment variable naming extra gazetteer directories.
ENV_EXTRA_DATA = "NEWSGRAPH_ACTOR_DATA"

FILES = (
    "countries.tsv", "seats.tsv", "organizations.tsv", "people.tsv", "places.tsv", "roles.tsv",
    "deploy_verbs.tsv", "ethnic_groups.tsv",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Country:
    """One state: its ISO3 code, canonical name and everything that names it."""

    code: str
    name: str
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]
    capitals: tuple[str, ...]
    status: str  # M: UN member, O: UN observer, X: other


@dataclass(frozen=True, slots=True)
class Actor:
    """What a gazetteer phrase names. ``via`` says how it names it (country, demonym, ...)."""

    name: str
    code: str
    sector: str | None
    kind: str
    via: str  # country | demonym | capital | seat | organization | person | place | ethnic


@dataclass(frozen=True, slots=True)
class Role:
    """A role or institution word: the sector and kind of the noun phrase it heads."""

    key: str
    sector: str | None  # None: take the sector of what the role belongs to
    kind: str  # person | organization | group


@dataclass(slots=True)
class Gazetteer:
    countries: dict[str, Country] = field(default_factory=dict)
    #: lower-cased phrase -> actor (names matched case-insensitively, checked for a capital)
    names: dict[str, Actor] = field(default_factory=dict)
    #: exact all-capitals acronyms (US, UN, ICC) -> actor, matched case-sensitively
    acronyms: dict[str, Actor] = field(default_factory=dict)
    #: lower-cased role phrase -> role
    roles: dict[str, Role] = field(default_factory=dict)
    #: lower-cased capital -> ISO3 (a capital listed as a seat, like Brussels, is still a place)
    capitals: dict[str, str] = field(default_factory=dict)
    #: verbs whose object forces are the subject's own ("deployed troops"), by lemma
    deploy_verbs: set[str] = field(default_factory=set)

    def add_name(self, phrase: str, actor: Actor) -> None:
        phrase = phrase.strip()
        if not phrase:
            return
        if is_acronym(phrase):
            self.acronyms[phrase] = actor
        else:
            self.names[phrase.lower()] = actor


class GazetteerError(NewsgraphError):
    """A gazetteer file is malformed."""


def is_acronym(phrase: str) -> bool:
    """All-capitals short names (US, U.S., ICC) must match case-sensitively."""
    letters = [c for c in phrase if c.isalpha()]
    return bool(letters) and phrase.upper() == phrase and len(letters) <= 6


def split(cell: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in cell.split("|") if part.strip())


def rows(path: Path, width: int) -> Iterator[list[str]]:
    """Data rows of a TSV file (``#`` lines are comments), padded to ``width`` cells."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) > width or not cells[0].strip():
            raise GazetteerError(f"{path}:{number}: expected {width} tab-separated cells")
        yield [c.strip() for c in cells] + [""] * (width - len(cells))


def packaged_dir() -> Path:
    return data_path("actors")


def data_dirs(extra: Iterable[str] = ()) -> list[Path]:
    """The packaged directory, then ``extra``, then those named in ``NEWSGRAPH_ACTOR_DATA``."""
    env = [p for p in os.environ.get(ENV_EXTRA_DATA, "").split(os.pathsep) if p]
    dirs = [packaged_dir(), *(Path(p) for p in [*extra, *env])]
    for directory in dirs[1:]:
        if not directory.is_dir():
            raise GazetteerError(f"actor data directory {directory} does not exist")
    return dirs


def load(extra: Iterable[str] = ()) -> Gazetteer:
    """Read every gazetteer file from the packaged and the user's directories."""
    gaz = Gazetteer()
    for directory in data_dirs(extra):
        if (path := directory / "countries.tsv").exists():
            for code, name, aliases, demonyms, capitals, status in rows(path, 6):
                gaz.countries[code] = Country(
                    code, name, split(aliases), split(demonyms), split(capitals), status or "X"
                )
        if (path := directory / "organizations.tsv").exists():
            for name, aliases, code, sector, kind in rows(path, 5):
                actor = Actor(name, code, sector or None, kind or "organization", "organization")
                for phrase in (name, *split(aliases)):
                    gaz.add_name(phrase, actor)
        if (path := directory / "people.tsv").exists():
            for name, aliases, code, sector in rows(path, 4):
                actor = Actor(name, code, sector or None, "person", "person")
                for phrase in (name, *split(aliases)):
                    gaz.add_name(phrase, actor)
        if (path := directory / "places.tsv").exists():
            for name, aliases, code in rows(path, 3):
                actor = Actor(name, code, None, "place", "place")
                for phrase in (name, *split(aliases)):
                    gaz.add_name(phrase, actor)
        if (path := directory / "ethnic_groups.tsv").exists():
            for name, aliases, code in rows(path, 3):
                actor = Actor(name, code, None, "group", "ethnic")
                for phrase in (name, *split(aliases)):
                    gaz.add_name(phrase, actor)
        if (path := directory / "seats.tsv").exists():
            for phrase, code, sector, name, kind in rows(path, 5):
                gaz.add_name(
                    phrase, Actor(name, code, sector or None, kind or "organization", "seat")
                )
        if (path := directory / "deploy_verbs.tsv").exists():
            gaz.deploy_verbs.update(lemma.lower() for (lemma,) in rows(path, 1))
        if (path := directory / "roles.tsv").exists():
            for phrases, sector, kind, key in rows(path, 4):
                role = Role(key or split(phrases)[0], None if sector in ("", "*") else sector, kind)
                for phrase in split(phrases):
                    gaz.roles[phrase.lower()] = role
    for country in gaz.countries.values():
        # Names of states win over organisations and seats that share a phrase (Brussels).
        state = Actor(country.name, country.code, None, "state", "country")
        for phrase in (country.name, *country.aliases):
            _add_if_free(gaz, phrase, state)
        for phrase in country.demonyms:
            _add_if_free(gaz, phrase, Actor(country.name, country.code, None, "state", "demonym"))
        for phrase in country.capitals:
            gaz.capitals[phrase.lower()] = country.code
            _add_if_free(gaz, phrase, Actor(phrase, country.code, None, "place", "capital"))
    return gaz


def _add_if_free(gaz: Gazetteer, phrase: str, actor: Actor) -> None:
    """Countries do not displace a seat or organisation listed under the same phrase."""
    table = gaz.acronyms if is_acronym(phrase) else gaz.names
    key = phrase if is_acronym(phrase) else phrase.lower()
    if key not in table:
        gaz.add_name(phrase, actor)
