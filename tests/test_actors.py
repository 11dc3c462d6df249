"""The actor layer on the real pipeline: the case table, the seed article, the gazetteer facts."""

from __future__ import annotations

import csv
import re
from collections import Counter
from pathlib import Path

import pycountry
import pytest

from conftest import shared_path
from newsgraph.actors import gazetteer, participant_at, participants_at

CASES = Path(__file__).parent / "data" / "actor_cases.tsv"
#: Codes the gazetteer uses that ISO 3166-1 does not assign (Kosovo's user-assigned code).
NON_ISO = {"XKX"}


@pytest.fixture(scope="module")
def actors_only(nlp):
    """The real pipeline with only the actor component after the spaCy model."""
    from newsgraph.nlp import COMPONENTS

    others = [c for c in COMPONENTS if c != "newsgraph_actors" and c in nlp.pipe_names]
    with nlp.select_pipes(disable=others):
        yield nlp


def read_cases() -> list[dict[str, str]]:
    lines = [line for line in CASES.read_text(encoding="utf-8").splitlines() if line.strip()]
    fields = ["category", "text", "mention", "code", "sector"]
    rows = csv.DictReader((line for line in lines if not line.startswith("#")), fields,
                          delimiter="\t", quoting=csv.QUOTE_NONE)  # fmt: skip
    return list(rows)


def code_mention(doc, mention: str):
    """The participant at the last whole-word occurrence of ``mention`` in the text."""
    start = [m.start() for m in re.finditer(rf"(?<!\w){re.escape(mention)}(?!\w)", doc.text)][-1]
    span = doc.char_span(start, start + len(mention), alignment_mode="expand")
    return participant_at(doc, span)


def test_case_table_accuracy(actors_only):
    cases = read_cases()
    assert len(cases) >= 300
    assert {c["category"] for c in cases} >= {
        "country", "capital", "demonym", "igo", "institution", "titled", "surname",
        "acronym", "group",
    }  # fmt: skip
    wrong = []
    docs = actors_only.pipe(c["text"] for c in cases)
    for case, doc in zip(cases, docs, strict=True):
        found = code_mention(doc, case["mention"])
        code = found.code if found else None
        sector = found.sector if found else None
        expected_code = None if case["code"] == "-" else case["code"]
        expected_sector = None if case["sector"] == "-" else case["sector"]
        if (code, sector) != (expected_code, expected_sector):
            wrong.append(
                f"{case['category']}: {case['mention']!r} in {case['text']!r} -> "
                f"{code}/{sector}, expected {expected_code}/{expected_sector}"
            )
    accuracy = 1 - len(wrong) / len(cases)
    print(f"actor cases: {len(cases)}, accuracy {accuracy:.3f}")
    assert accuracy >= 0.95, "\n".join(wrong)


def test_participant_at_token_and_entities(actors_only):
    doc = actors_only("Senior Hungarian officials met Cuban troops. The ministry said nothing.")
    officials = next(t for t in doc if t.text == "officials")
    found = participant_at(doc, officials)
    assert (found.code, found.sector) == ("HUN", "GOV")
    troops = participant_at(doc, next(t for t in doc if t.text == "troops"))
    assert (troops.code, troops.sector) == ("CUB", "MIL")
    assert troops.entity_id in {e.id for e in doc._.entities}
    assert participant_at(doc, doc[-2]) is None  # "nothing"


def test_entities_deduplicate_with_aliases_and_mentions(actors_only):
    text = (
        "The Revolutionary Armed Forces (FAR) of Cuba held drills. General Ana Ruiz of the FAR "
        "travelled to Minsk. "
        "Ruiz met officers of the FAR. Cuba said the visit was routine."
    )
    doc = actors_only(text)
    by_name = {e.name: e for e in doc._.entities}
    person = by_name["Ana Ruiz"]
    assert (person.kind, person.code, person.sector) == ("person", "CUB", "MIL")
    assert [m.text for m in person.mentions][-1] == "Ruiz"
    assert "General" in person.titles
    forces = next(e for e in doc._.entities if "FAR" in e.aliases)
    assert (forces.code, forces.sector) == ("CUB", "MIL")
    assert len([m for m in forces.mentions if m.text.endswith("FAR")]) >= 2
    cuba = [e for e in doc._.entities if e.kind == "state" and e.code == "CUB"]
    assert len(cuba) == 1 and len(cuba[0].mentions) == 2
    for entity in doc._.entities:
        for mention in entity.mentions:
            assert text[mention.start : mention.end] == mention.text


def test_seed_article(nlp, seed_text):
    from newsgraph.nlp import COMPONENTS

    others = [c for c in COMPONENTS if c != "newsgraph_actors" and c in nlp.pipe_names]
    with nlp.select_pipes(disable=others):
        doc = nlp(seed_text)
    people = {e.name: e for e in doc._.entities if e.kind == "person"}
    legra = people["Roberto Legrá Sotolongo"]
    assert (legra.code, legra.sector) == ("CUB", "MIL")
    assert sum(m.text == "Legrá Sotolongo" for m in legra.mentions) >= 2
    muraveiko = people["Pavel Muraveiko"]
    assert (muraveiko.code, muraveiko.sector) == ("BLR", "MIL")
    assert people["Alexander Lukashenko"].code == "BLR"
    revenko = people["Valeri Revenko"]
    assert revenko.code == "BLR"

    def at(words: str, occurrence: int = 0):
        start = -1
        for _ in range(occurrence + 1):
            start = seed_text.index(words, start + 1)
        span = doc.char_span(start, start + len(words), alignment_mode="expand")
        found = participant_at(doc, span)
        return (found.code, found.sector) if found else None

    assert at("Revolutionary Armed Forces") == ("CUB", "MIL")
    assert at("Belarusian Ministry of Defense") == ("BLR", "GOV")
    assert at("Main Intelligence Directorate") == ("UKR", "SPY")
    assert at("ALEVKURP") == ("BLR", "BUS")
    assert at("Cuban troops") == ("CUB", "MIL")
    assert at("the ministry") == ("BLR", "GOV")
    assert at("FAR", 2) == ("CUB", "MIL")
    assert at("Havana has officially denied") == ("CUB", "GOV")
    assert at("Kiev presented") == ("UKR", "GOV")
    assert at("Kremlin") == ("RUS", "GOV")
    assert at("EFE") == ("ESP", "JRN")
    assert at("Ukrainian authorities") == ("UKR", "GOV")
    assert at("United States government") == ("USA", "GOV")
    for state, code in [("Cuba", "CUB"), ("Belarus", "BLR"), ("Ukraine", "UKR"),
                        ("Russia", "RUS"), ("Venezuela", "VEN"), ("Nicaragua", "NIC")]:  # fmt: skip
        assert at(state)[0] == code
        assert any(e.kind == "state" and e.code == code for e in doc._.entities)
    he = next(t for t in doc if t.text == "he" and t.sent.text.startswith("During his stay"))
    assert participant_at(doc, he).name == "Pavel Muraveiko"


# -- the gazetteer's facts against pycountry ------------------------------------------


def test_every_un_state_and_three_others_are_listed():
    gaz = gazetteer.load()
    status = Counter(c.status for c in gaz.countries.values())
    assert status["M"] == 193 and status["O"] == 2
    assert {"TWN", "XKX", "PSE", "VAT"} <= set(gaz.countries)


def test_country_codes_and_names_agree_with_pycountry():
    gaz = gazetteer.load()
    for code, country in gaz.countries.items():
        if code in NON_ISO:
            continue
        record = pycountry.countries.get(alpha_3=code)
        assert record is not None, f"{code} is not an ISO 3166-1 alpha-3 code"
        iso_names = {
            iso_order(getattr(record, attr))
            for attr in ("name", "official_name", "common_name")
            if getattr(record, attr, None)
        }
        ours = {n.lower() for n in (country.name, *country.aliases)}
        # Our canonical name or an alias is pycountry's, or pycountry's name starts with ours
        # ("Bolivia" for "Bolivia, Plurinational State of").
        assert ours & iso_names or any(n.startswith(o) for n in iso_names for o in ours), (
            f"{code}: {country.name} vs {iso_names}"
        )


def iso_order(name: str) -> str:
    """ "Congo, The Democratic Republic of the" -> "democratic republic of the congo"."""
    head, _, tail = name.lower().partition(", ")
    name = f"{tail} {head}" if tail else head
    return name.removeprefix("the ")


def test_names_demonyms_and_capitals_are_unambiguous():
    gaz = gazetteer.load()
    seen: dict[str, str] = {}
    for country in gaz.countries.values():
        for phrase in (country.name, *country.aliases, *country.demonyms, *country.capitals):
            key = phrase.lower()
            assert seen.get(key, country.code) == country.code, f"{phrase} names two states"
            seen[key] = country.code
        # Dominica's and the Republic of the Congo's demonyms belong to their namesakes.
        assert country.demonyms or country.code in {"DMA", "COG"}, f"{country.code}: demonym"


def test_user_data_directory_extends_the_gazetteer(tmp_path, monkeypatch):
    (tmp_path / "organizations.tsv").write_text(
        "Zorland Liberation Front\tZLF\tCUB\tREB\tgroup\n", encoding="utf-8"
    )
    monkeypatch.setenv(gazetteer.ENV_EXTRA_DATA, str(tmp_path))
    gaz = gazetteer.load()
    assert gaz.acronyms["ZLF"].code == "CUB"
    assert gaz.names["zorland liberation front"].sector == "REB"


def test_malformed_user_data_is_one_clear_error(tmp_path):
    (tmp_path / "roles.tsv").write_text("a\tb\tc\td\te\tf\n", encoding="utf-8")
    with pytest.raises(gazetteer.GazetteerError, match=r"roles\.tsv:1"):
        gazetteer.load([str(tmp_path)])
    with pytest.raises(gazetteer.GazetteerError, match="does not exist"):
        gazetteer.load([str(tmp_path / "missing")])


def test_seed_test_skips_without_shared(monkeypatch):
    """shared_path skips (never fails) when ../shared is absent, as in a user's clone."""
    import conftest

    monkeypatch.setattr(conftest, "SHARED", Path("/nonexistent-shared"))
    with pytest.raises(pytest.skip.Exception):
        shared_path("seeds", "missing.txt")


def test_participants_at_lists_every_side_of_a_compound_mention(actors_only):
    doc = actors_only(
        "Peruvian and Bolivian negotiators met in La Paz. His Chilean counterpart stayed away."
    )
    negotiators = next(t for t in doc if t.text == "negotiators")
    sides = participants_at(doc, negotiators)
    assert [p.code for p in sides] == ["PER", "BOL"]
    assert sides[0] == participant_at(doc, negotiators)
    counterpart = participants_at(doc, next(t for t in doc if t.text == "counterpart"))
    assert [p.code for p in counterpart] == ["CHL"]
    assert participants_at(doc, next(t for t in doc if t.text == "away")) == []


@pytest.mark.parametrize(
    "text, mention",
    [
        ("Leaders from Western Europe met in Brussels.", "Western Europe"),
        ("Activists denounced the Asia-Pacific summit.", "Asia-Pacific"),
        ("Migrants crossed from North Africa to Spain.", "North Africa"),
        ("Ministers from South America met in Lima.", "South America"),
    ],
)
def test_a_region_keeps_its_own_name(actors_only, text, mention):
    # each region is its own row: "Western Europe" is not filed under "Eastern Europe"
    found = code_mention(actors_only(text), mention)
    assert found is not None and found.name == mention and found.code is None
