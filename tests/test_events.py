"""The event coder on example sentences we wrote: types, roles, aux modes, CAMEO, CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import run_newsgraph
from newsgraph.events.cameo import cameo_code, parse_table
from newsgraph.records import AUX_MODES, PLOVER_EVENT_TYPES, Article

CASES = [
    json.loads(line)
    for line in (Path(__file__).parent / "data" / "event_sentences.jsonl").read_text().splitlines()
    if line.strip()
]


def code(nlp, text: str, published: str = "2025-10-20"):
    from newsgraph.extract import make_doc

    return nlp(make_doc(nlp, Article(id="t", text=text, published=published)))._.events


def texts(participants) -> str:
    return " | ".join(p.text for p in participants)


@pytest.mark.parametrize("case", CASES, ids=[c["text"][:40] for c in CASES])
def test_example_sentence(nlp, case):
    events = code(nlp, case["text"])
    if case["event"] is None:
        assert all(e.aux for e in events), [(e.event, e.event_text) for e in events]
        return
    typed = [e for e in events if e.event == case["event"]]
    assert typed, [(e.event, e.event_text) for e in events]
    event = typed[0]
    assert event.aux == case["aux"]
    if "mode" in case:
        assert case["mode"] in event.mode
    for name in case.get("actor", []):
        assert name in texts(event.actor), texts(event.actor)
    for name in case.get("recipient", []):
        assert name in texts(event.recipient), texts(event.recipient)
    for name in case.get("actor", []):
        assert name not in texts(event.recipient)


RECIPIENT_CASES = [
    # the subject of a demanded clause, the object of a threatened one, who must comply
    ("Norway demanded that Iceland reconsider its whaling quota.", "REQUEST", "ISL"),
    ("Kenya threatened to cut all trade links with Uganda.", "THREATEN", "UGA"),
    ("Chile threatened to recall its envoy unless Bolivia apologised.", "THREATEN", "BOL"),
    ("Ghana promised to keep sending grain to Niger.", "AGREE", "NER"),
    # whom a thing acted on is aimed at: "aid programme for X", "contact with X"
    ("Denmark suspended part of its aid programme for Burundi.", "SANCTION", "BDI"),
    ("Fiji said it would boycott all official contact with Tonga.", "THREATEN", "TON"),
    ("Chile reiterated its demand that Peru scrap the fishing decree.", "REQUEST", "PER"),
    ("Ghana demanded that the Togolese government be dissolved.", "REQUEST", "TGO"),
    # the same state named again is a recipient, not the actor's own words
    ("Bolivia's opposition said it will boycott Bolivia's next elections.", "THREATEN", "BOL"),
    # forces moved are the actor's own: the recipient is where or whom they go
    ("Chad said it will withdraw its troops from Sudan.", "CONCEDE", "SDN"),
    ("Armenia mobilized reservists for a war against Azerbaijan.", "MOBILIZE", "AZE"),
    # a planned sanction stays SANCTION
    ("Estonia said it would propose travel bans for Belarusian officials.", "SANCTION", "BLR"),
    # an offer to meet or negotiate is made to the other side, which is no actor of it
    ("Peru offered to negotiate with the president of Chile.", "AGREE", "CHL"),
    ("Mali said it would meet Algerian mediators next week.", "AGREE", "DZA"),
    # a domestic concession with no named target: the state it happens in, else its own
    ("The Nepalese government lifted the curfew in Pokhara.", "CONCEDE", "NPL"),
    ("The Zambian teachers' union called off its strike.", "CONCEDE", "ZMB"),
    ("Kenyan police arrested dozens of demonstrators on Friday.", "COERCE", "KEN"),
    # a threatened crackdown is aimed where it would happen
    ("The Nepalese president threatened to institute a curfew in Kathmandu.", "THREATEN", "NPL"),
    # an uncoded group takes the state of its national modifier
    ("Peru has granted asylum to five Panamanian army officers.", "AID", "PAN"),
]


@pytest.mark.parametrize("text,event,recipient", RECIPIENT_CASES)
def test_recipient_of_a_decided_clause(nlp, text, event, recipient):
    typed = [e for e in code(nlp, text) if e.event == event]
    assert typed, [(e.event, e.event_text) for e in code(nlp, text)]
    assert recipient in {p.code for p in typed[0].recipient}, typed[0].recipient


FOUND_CASES = [
    # a dated signing described by its document is a signing, not a plan
    ("The fisheries plan, signed in 2019, covers both coasts.", "SUPPORT", "future"),
    ("Protests have taken place in Quito every week since March.", "PROTEST", None),
    ("Rwanda summoned the Ugandan defence attachés on Monday.", "ACCUSE", None),
    ("Norway conveyed serious concerns to Moscow on Friday.", "ACCUSE", None),
    # a visit is an event of its own even when another event follows it
    ("Peru released ten fishermen after a visit to Lima by a Chilean envoy.", "CONSULT", None),
]


@pytest.mark.parametrize("text,event,not_aux", FOUND_CASES)
def test_event_found(nlp, text, event, not_aux):
    typed = [e for e in code(nlp, text, published="2025-10-20") if e.event == event]
    assert typed, [(e.event, e.event_text) for e in code(nlp, text)]
    assert not_aux not in typed[0].aux


def test_an_announced_response_is_a_threat(nlp):
    events = code(nlp, "The Kenyan army said it would respond to any provocation.")
    threats = [e for e in events if e.event == "THREATEN"]
    assert threats and "future" not in threats[0].aux
    events = code(nlp, "Tonga has not responded to the repeated offers of talks.")
    assert not [e for e in events if e.event == "THREATEN"]


def test_undated_description_is_no_event(nlp):
    events = code(nlp, "Many recruits came through contracts signed under false pretences.")
    assert not [e for e in events if e.event == "SUPPORT"]


def test_coordinated_modifiers_name_every_side(nlp):
    events = code(nlp, "The Indian and French navies began the exercise on Monday.")
    typed = [e for e in events if e.event == "COOPERATE"]
    assert typed, [(e.event, e.event_text) for e in events]
    assert {p.code for p in typed[0].actor} == {"IND", "FRA"}


def test_a_phone_call_has_no_host(nlp):
    # PLOVER: with no host/visitor distinction every side is an actor and none a recipient
    events = code(nlp, "The Irish prime minister telephoned the Danish prime minister on Monday.")
    typed = [e for e in events if e.event == "CONSULT"]
    assert typed, [(e.event, e.event_text) for e in events]
    assert {p.code for p in typed[0].actor} == {"IRL", "DNK"}
    assert not typed[0].recipient


def test_unnamed_protest_target_is_not_the_protesters(nlp):
    (event,) = [e for e in code(nlp, "Angry farmers in Lima protested all week.")]
    assert [p.code for p in event.recipient] == ["PER"]
    assert event.recipient[0].text == ""


def test_event_fields_follow_the_spec(nlp):
    text = "Canada imposed sanctions on four Venezuelan companies on Friday. Peru praised the move."
    events = code(nlp, text)
    assert [e.id for e in events] == [f"ev{i + 1}" for i in range(len(events))]
    for event in events:
        assert event.event in PLOVER_EVENT_TYPES
        assert set(event.aux) <= set(AUX_MODES)
        assert text[event.trigger_span.start : event.trigger_span.end] == event.event_text
        assert text[event.text_info.start : event.text_info.end] == event.text
        assert event.text_info.start <= event.trigger_span.start < event.text_info.end
        assert 0.0 <= event.confidence <= 1.0
        assert event.cameo is not None and event.cameo.isdigit()
        assert event.location is None and event.attribution is None


def test_passive_and_active_give_the_same_roles(nlp):
    active = [
        e for e in code(nlp, "Ugandan police arrested three journalists.") if e.event == "COERCE"
    ]
    passive = [
        e for e in code(nlp, "Three journalists were arrested by Ugandan police.")
        if e.event == "COERCE"
    ]  # fmt: skip
    assert active and passive
    assert "police" in texts(active[0].actor) and "police" in texts(passive[0].actor)
    assert "journalists" in texts(active[0].recipient)
    assert "journalists" in texts(passive[0].recipient)


def test_reported_speech_codes_what_is_reported(nlp):
    events = code(nlp, "Officials said Chadian forces shelled rebel positions near Abeche.")
    assert [e.event for e in events] == ["ASSAULT"]
    assert "Chadian" in texts(events[0].actor)
    assert "heavy-weapons" in events[0].mode


def test_purpose_of_a_visit_is_not_a_fact(nlp):
    events = code(nlp, "The Kenyan army chief visited Kampala to discuss border security.")
    visits = [e for e in events if e.event == "CONSULT" and "visit" in e.mode]
    assert visits and visits[0].aux == []
    assert all(e.aux for e in events if e.event_text == "discuss")


def test_historical_events_are_marked(nlp):
    events = code(nlp, "In 2019, Ecuador expelled two Bolivian diplomats.", published="2025-06-01")
    assert events and "historical" in events[0].aux


def test_cameo_table_parses_and_maps():
    table = Path(__file__).resolve().parents[2] / "shared/gold/plover/CAMEO2PLOVER-2021.txt"
    if table.exists():
        rows = parse_table(table.read_text(encoding="utf-8"))
        assert {r.event for r in rows} == set(PLOVER_EVENT_TYPES) - {"SUPPORT"} | {"SUPPORT"}
    assert cameo_code("CONSULT", ("visit",), ()) == "042"
    assert cameo_code("CONSULT", ("phone",), ()) == "041"
    assert cameo_code("SANCTION", ("discontinue",), ("economic",)) == "1621"
    assert cameo_code("ASSAULT", ("firearms",), ("military",)) == "193"


def test_evaluate_command_prints_recall(tmp_path):
    gold = tmp_path / "gold.jsonl"
    records = [
        {"text": "Canada imposed sanctions on Venezuela.", "event": "SANCTION",
         "source": [{"actorText": "Canada", "code": "CAN"}],
         "target": [{"actorText": "Venezuela", "code": "VEN"}]},
        {"text": "Ghana accused Togo of smuggling.", "event": "DISAPPROVE", "event_v08": "ACCUSE",
         "source": [{"actorText": "Ghana", "code": "GHA"}], "target": ""},
    ]  # fmt: skip
    gold.write_text("\n".join(json.dumps(r) for r in records) + "\n")
    result = run_newsgraph("evaluate", str(gold))
    assert result.returncode == 0, result.stderr
    out = result.stdout.decode()
    for label in ("type recall", "full recall", "extra events per record", "gold\\coded"):
        assert label in out
    result = run_newsgraph("evaluate", str(gold), "--json")
    summary = json.loads(result.stdout)
    assert summary["records"] == 2 and summary["type_recall"] == 1.0


def test_evaluate_rejects_bad_input(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{not json\n")
    result = run_newsgraph("evaluate", str(bad))
    assert result.returncode != 0
    assert b"Traceback" not in result.stderr and b"bad.jsonl:1" in result.stderr
    missing = run_newsgraph("evaluate", str(tmp_path / "none.jsonl"))
    assert missing.returncode != 0 and b"Traceback" not in missing.stderr


def test_a_town_the_model_calls_an_organisation_is_territory_by_its_own_name_only(nlp):
    from newsgraph.events.component import _town_name

    doc = nlp("Rebels captured Birao and Hamas held Gaza.")
    birao, hamas = doc[2], doc[4]
    assert _town_name(birao)  # the gazetteer's own name for the town
    assert not _town_name(hamas)  # only an alternate spelling of Hamm, Germany
