"""Where events happened: the store's ``near`` filter, ``newsgraph events --near``, the API's
``near=`` and the ``/map`` page, driven for real (SQLite file, `newsgraph serve`, chromium).

The store is built from hand-written v1 records (our own sentences) with the helpers of
``test_web``; their locations carry coordinates from the offline gazetteer, so the expected
answers follow from the records, never typed in.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

import test_web
from conftest import run_newsgraph
from newsgraph.places import geocode, haversine_km
from test_store_records import span
from test_web import (
    date,
    entity,
    event,
    participant,
    record,
    shoot,
    start_server,
    stop_server,
    wait_until,
)

#: test_web's chromium and tab fixtures (the tab uses this module's ``server``)
browser, page = test_web.browser, test_web.page


def location(text: str, mention: str, source: str = "text") -> dict:
    """A v1 Location for the place ``mention`` names, as the gazetteer resolves it."""
    found = geocode(mention)
    assert found is not None, mention
    return {
        "text": mention,
        "span": span(text, mention),
        "name": found.name,
        "code": found.code,
        "admin1": found.admin1,
        "geonameid": found.geonameid,
        "lat": found.lat,
        "lon": found.lon,
        "precision": found.precision,
        "source": source,
    }


def located(ev: dict, where: dict | None) -> dict:
    ev["location"] = where
    return ev


def build_records() -> list[dict]:
    cub = participant("Cuban", "Cuba", "CUB", "MIL", "m1")
    blr = participant("Belarusian", "Belarus", "BLR", "MIL", "m2")
    eth = participant("Ethiopia", "Ethiopia", "ETH", "GOV", "m3")
    ken = participant("Kenya", "Kenya", "KEN", "GOV", "m4")

    t1 = "Cuban and Belarusian officers met in Havana on 3 March 2026 to plan joint training."
    t2 = "Belarusian troops staged drills near Minsk on 9 March 2026, watched by Cuban officers."
    t3 = "ADDIS ABABA - Ethiopia protested on 11 March 2026 against a statement by Kenya."
    t4 = "Kenya accused Ethiopia on 12 March 2026 of stalling the border talks."
    t5 = "Ethiopian police dispersed a rally in Addis Ababa on 13 March 2026."
    cuba = entity("m1", "Cuba", "state", "CUB", t1, "Cuban")
    belarus = entity("m2", "Belarus", "state", "BLR", t1, "Belarusian")
    return [
        record(
            "map-001",
            "Officers meet in Havana",
            "2026-03-04",
            "Island Post",
            "https://example.org/map-001",
            t1,
            [cuba, belarus],
            [
                located(
                    event("ev1", t1, "met", "CONSULT", [cub, blr], [], date("2026-03-03")),
                    location(t1, "Havana"),
                )
            ],
            [],
        ),
        record(
            "map-002",
            "Drills near Minsk",
            "2026-03-10",
            "Northern Wire",
            "https://example.org/map-002",
            t2,
            [entity("m2", "Belarus", "state", "BLR", t2, "Belarusian")],
            [
                located(
                    event("ev1", t2, "staged", "MOBILIZE", [blr], [cub], date("2026-03-09")),
                    location(t2, "Minsk"),
                )
            ],
            [],
        ),
        record(
            "map-003",
            "Ethiopia protests",
            "2026-03-11",
            "Horn Desk",
            "https://example.org/map-003",
            t3,
            [entity("m3", "Ethiopia", "state", "ETH", t3, "Ethiopia")],
            [  # placed only by the dateline: drawn hollow, never matched by near
                located(
                    event("ev1", t3, "protested", "PROTEST", [eth], [ken], date("2026-03-11")),
                    location(t3, "ADDIS ABABA", source="dateline"),
                )
            ],
            [],
        ),
        record(
            "map-004",
            "Kenya accuses Ethiopia",
            "2026-03-12",
            "Horn Desk",
            "https://example.org/map-004",
            t4,
            [entity("m4", "Kenya", "state", "KEN", t4, "Kenya")],
            [event("ev1", t4, "accused", "ACCUSE", [ken], [eth], date("2026-03-12"))],
            [],
        ),
        record(  # a second event on the dateline's spot: the map must show both
            "map-005",
            "Rally dispersed",
            "2026-03-13",
            "Horn Desk",
            "https://example.org/map-005",
            t5,
            [entity("m3", "Ethiopia", "state", "ETH", t5, "Ethiopian")],
            [
                located(
                    event("ev1", t5, "dispersed", "COERCE", [eth], [], date("2026-03-13")),
                    location(t5, "Addis Ababa"),
                )
            ],
            [],
        ),
    ]


def events_with(records: list[dict], source: str | None = None) -> list[dict]:
    """The v1 events of our records whose location has coordinates (of ``source``, if given)."""
    return [
        ev
        for rec in records
        for ev in rec["events"]
        if ev["location"] and (source is None or ev["location"]["source"] == source)
    ]


@pytest.fixture(scope="module")
def store_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import newsgraph

    path = tmp_path_factory.mktemp("map") / "map.db"
    with newsgraph.open(path, create=True) as store:
        for rec in build_records():
            assert store.add_record(rec)
    return path


# ---------------------------------------------------------------------------------------------
# the store


def test_near_keeps_events_within_the_radius(store_file: Path) -> None:
    import newsgraph

    havana, minsk = geocode("Havana").point, geocode("Minsk").point
    with newsgraph.open(store_file, readonly=True) as store:
        near_havana = store.events(near=havana, km=100)
        assert [e["location"]["name"] for e in near_havana] == ["Havana"]
        assert store.count_events(near=havana, km=100) == 1
        assert [e["event"] for e in store.events(near=minsk, km=100)] == ["MOBILIZE"]
        # combined with the other filters
        assert store.events(near=havana, km=100, type="ASSAULT") == []
        assert store.count_events("BLR", near=minsk, km=100) == 1
        # the whole earth: every event with coordinates of its own, and no other
        everywhere = store.events(near=havana, km=21000, limit=None)
        assert len(everywhere) == len(events_with(build_records(), "text"))
        assert all(e["location"]["lat"] is not None for e in everywhere)


def test_near_is_exact_at_the_corners_of_the_search_box(store_file: Path) -> None:
    """A point inside the lat/lon box but beyond the radius is left out (the exact check)."""
    import newsgraph

    havana = geocode("Havana").point
    corner = (havana[0] + 0.7, havana[1] + 0.75)
    distance = haversine_km(havana, corner)
    assert 100 < distance < 110
    with newsgraph.open(store_file, readonly=True) as store:
        assert store.count_events(near=corner, km=distance - 1) == 0
        assert store.count_events(near=corner, km=distance + 1) == 1


def test_near_leaves_out_events_placed_only_in_a_country(tmp_path: Path) -> None:
    """A country's point is its middle: "drills in Belarus" is not near Minsk, however wide
    the radius, where "drills near Minsk" is."""
    import newsgraph

    blr = participant("Belarusian", "Belarus", "BLR", "MIL", "m2")
    text = "Belarusian troops staged drills in Belarus on 9 March 2026."
    country = location(text, "Belarus")
    assert country["precision"] == "country"
    rec = record(
        "map-101",
        "Drills in Belarus",
        "2026-03-10",
        "Northern Wire",
        "https://example.org/map-101",
        text,
        [entity("m2", "Belarus", "state", "BLR", text, "Belarusian")],
        [located(event("ev1", text, "staged", "MOBILIZE", [blr], [], date("2026-03-09")), country)],
        [],
    )
    minsk = geocode("Minsk").point
    assert haversine_km(minsk, (country["lat"], country["lon"])) < 300
    with newsgraph.open(tmp_path / "country.db", create=True) as store:
        assert store.add_record(rec)
        assert store.count_events() == 1
        assert store.count_events(near=minsk, km=300) == 0
        assert store.count_events(near=minsk, km=21000) == 0


def test_near_rejects_impossible_points_and_radii(store_file: Path) -> None:
    import newsgraph
    from newsgraph.store import StoreError

    with newsgraph.open(store_file, readonly=True) as store:
        with pytest.raises(StoreError, match="latitude"):
            store.events(near=(123.0, 10.0), km=50)
        with pytest.raises(StoreError, match="km"):
            store.events(near=(10.0, 10.0), km=-5)


# ---------------------------------------------------------------------------------------------
# the CLI


def test_cli_near_by_name_and_by_point(store_file: Path) -> None:
    import json

    by_name = run_newsgraph(
        "events", "--db", str(store_file), "--near", "Havana", "--km", "100", "--format", "jsonl"
    )
    assert by_name.returncode == 0, by_name.stderr
    rows = [json.loads(line) for line in by_name.stdout.decode().splitlines()]
    assert [r["location"]["name"] for r in rows] == ["Havana"]
    lat, lon = geocode("Minsk").point
    by_point = run_newsgraph(
        "events", "--db", str(store_file), "--near", f"{lat:.3f},{lon:.3f}", "--format", "jsonl"
    )
    assert by_point.returncode == 0, by_point.stderr
    assert [json.loads(line)["event"] for line in by_point.stdout.decode().splitlines()] == [
        "MOBILIZE"
    ]
    # nothing near: the table says so rather than printing a blank line
    nowhere = run_newsgraph("events", "--db", str(store_file), "--near", "Lima", "--km", "50")
    assert nowhere.returncode == 0, nowhere.stderr
    assert nowhere.stdout.decode().strip() == "0 events."


def test_cli_unknown_place_is_one_line_and_exit_2(store_file: Path) -> None:
    done = run_newsgraph("events", "--db", str(store_file), "--near", "Qzxvillebergstadt")
    stderr = done.stderr.decode()
    assert done.returncode == 2
    assert stderr.count("\n") == 1 and "Traceback" not in stderr
    assert "Qzxvillebergstadt" in stderr and "unknown place" in stderr
    assert done.stdout == b""


# ---------------------------------------------------------------------------------------------
# the API


@pytest.fixture(scope="module")
def server(store_file: Path) -> Iterator[dict]:
    proc, base = start_server(store_file)
    yield {"base": base, "proc": proc, "db": store_file}
    stop_server(proc)


def test_api_near_filter(server: dict) -> None:
    base = server["base"]
    by_name = httpx.get(base + "/api/events", params={"near": "Havana", "km": 100}).json()
    assert by_name["total"] == 1
    assert by_name["events"][0]["location"]["name"] == "Havana"
    lat, lon = geocode("Minsk").point
    by_point = httpx.get(base + "/api/events", params={"near": f"{lat},{lon}"}).json()
    assert [e["event"] for e in by_point["events"]] == ["MOBILIZE"]
    unknown = httpx.get(base + "/api/events", params={"near": "Qzxvillebergstadt"})
    assert unknown.status_code == 400
    assert "unknown place" in unknown.json()["detail"]
    assert "Qzxvillebergstadt" in unknown.json()["detail"]
    assert httpx.get(base + "/api/events", params={"near": "Havana", "km": 0}).status_code == 400


def test_api_map_points(server: dict) -> None:
    records = build_records()
    answer = httpx.get(server["base"] + "/api/map").json()
    points = answer["points"]
    assert len(points) == len(events_with(records))
    assert sum(p["dateline"] for p in points) == len(events_with(records, "dateline"))
    havana = next(p for p in points if p["place"] == "Havana")
    assert (havana["lat"], havana["lon"]) == geocode("Havana").point
    assert havana["level"] is None  # a town needs no word on how far to trust it
    near = httpx.get(server["base"] + "/api/map", params={"near": "Havana"}).json()
    assert [p["place"] for p in near["points"]] == ["Havana"]
    assert near["near"]["km"] == 100
    # only the places the articles name: the dateline-only points drop out
    text = httpx.get(server["base"] + "/api/map", params={"placed": "text"}).json()
    assert len(text["points"]) == len(points) - answer["dateline"] > 0
    assert not any(p["dateline"] for p in text["points"]) and text["dateline"] == 0
    bad = httpx.get(server["base"] + "/api/map", params={"placed": "nowhere"})
    assert bad.status_code == 400


def test_precision_words_say_how_far_a_place_can_be_trusted() -> None:
    from newsgraph.web.views import precision_words

    assert precision_words({"precision": "admin1"}) == "province or region"
    assert precision_words({"precision": "country"}) == "country only"
    assert precision_words({"precision": "city"}) is None and precision_words(None) is None


def test_event_page_shows_where_and_how_it_was_placed(server: dict) -> None:
    base = server["base"]
    havana = httpx.get(base + "/api/events", params={"near": "Havana"}).json()["events"][0]
    page = httpx.get(f"{base}/events/{havana['id']}").text
    # the words that place it are highlighted in the evidence, and a link opens the map there
    assert re.search(r'<mark class="hl hl-evidence hl-place"[^>]*>Havana</mark>', page)
    lat, lon = havana["location"]["lat"], havana["location"]["lon"]
    assert f'href="/map?near={lat},{lon}&amp;km=50"' in page
    assert "placed at Havana" in page
    # an event with no place of its own says it was only reported from its dateline
    points = httpx.get(base + "/api/map").json()["points"]
    dateline = next(p for p in points if p["dateline"])
    page = httpx.get(f"{base}/events/{dateline['id']}").text
    assert "reported from Addis Ababa" in page and "dateline only" in page
    assert "placed only by its dateline" in page
    assert "hl-evidence hl-place" not in page


def test_article_page_marks_event_places_and_links_them_to_the_map(server: dict) -> None:
    page = httpx.get(server["base"] + "/articles/map-002").text
    lat, lon = geocode("Minsk").point
    link = f'<a class="hl hl-place" href="/map?near={lat},{lon}&amp;km=50"'
    assert link in page and "place of the MOBILIZE event: Minsk" in page
    assert "· in Minsk" in page
    # a dateline is no place of the event's own: nothing marked
    assert httpx.get(server["base"] + "/articles/map-003").text.count("hl-place") == 1  # legend


# ---------------------------------------------------------------------------------------------
# the browser


def map_point_count(tab, box: str = "#world-map") -> int:
    tab.wait_for_selector(f"{box}[data-points]", state="attached")
    assert tab.get_attribute(box, "data-points") != "error", tab.inner_text(f"{box}-status")
    return tab.locator(f"{box} a.map-point").count()


@pytest.mark.browser
def test_map_draws_countries_and_one_point_per_located_event(page, server: dict) -> None:
    base = server["base"]
    records = build_records()
    page.goto(base + "/")
    page.click("nav >> text=Map")
    assert map_point_count(page) == len(events_with(records))
    assert page.locator("#world-map path.country").count() > 150  # Natural Earth 1:110m
    hollow = page.locator("#world-map a.map-point circle.dateline")
    assert hollow.count() == len(events_with(records, "dateline"))
    assert hollow.first.get_attribute("fill") == "none"
    # two events on one spot (Addis Ababa's own event and its dateline) fan out, both visible
    centres = [
        (float(c.get_attribute("cx")), float(c.get_attribute("cy")))
        for c in page.locator("#world-map a.map-point circle").all()
    ]
    assert len(set(centres)) == len(centres), centres
    titles = page.locator("#world-map a.map-point circle title").all_text_contents()
    assert any("Havana" in t and "CONSULT" in t for t in titles)
    assert "MOBILIZE" in page.inner_text("#world-map-legend")
    shoot(page, "map")

    # a point links to its event
    point = page.locator("#world-map a.map-point", has=page.locator("title", has_text="Havana"))
    href = point.get_attribute("href")
    assert re.fullmatch(r"/events/\d+", href or "")
    point.locator("circle").click()
    page.wait_for_url(base + href)
    assert "CONSULT" in page.inner_text("body")
    assert page.problems == []


@pytest.mark.browser
def test_map_filters_by_place_and_reports_unknown_places(page, server: dict) -> None:
    base = server["base"]
    page.goto(base + "/map?near=Minsk&km=100")
    assert map_point_count(page) == 1
    assert page.locator("#world-map ellipse.near-area").count() == 1
    assert page.input_value("input[name=near]") == "Minsk"
    # the form's "placed by the text only" keeps the points the articles name
    page.goto(base + "/map")
    every = map_point_count(page)
    page.select_option("select[name=placed]", "text")
    page.click("#filters button[type=submit]")
    page.wait_for_url(re.compile(r".*placed=text.*"))
    assert map_point_count(page) == every - len(events_with(build_records(), "dateline"))
    assert page.locator("#world-map a.map-point circle.dateline").count() == 0
    page.goto(base + "/map?near=Qzxvillebergstadt")
    page.wait_for_selector("#world-map[data-points]", state="attached")
    assert "unknown place" in page.inner_text("#world-map-status")
    # the API's 400 is logged by the browser as a failed resource; nothing else went wrong
    assert all("400" in p for p in page.problems), page.problems


@pytest.mark.browser
def test_actor_profile_shows_its_events_on_the_map(page, server: dict) -> None:
    base = server["base"]
    entities = httpx.get(base + "/api/entities", params={"code": "BLR"}).json()["entities"]
    page.goto(base + f"/actors/{entities[0]['id']}")
    # Belarus took part in the Havana meeting and the Minsk drills
    assert map_point_count(page, "#actor-map") == 2
    assert page.problems == []


def map_zoom(tab, box: str = "#world-map") -> float:
    return float(tab.get_attribute(box, "data-zoom") or "nan")


@pytest.mark.browser
def test_map_zooms_to_the_near_circle_and_zooms_and_pans_on_request(page, server: dict) -> None:
    base = server["base"]
    page.goto(base + "/map?near=Minsk&km=100")
    assert map_point_count(page) == 1
    assert map_zoom(page) > 4  # the circle and its surroundings, not the whole world
    frame = page.locator("#world-map svg").bounding_box()
    dot = page.locator("#world-map a.map-point circle").bounding_box()
    assert frame and dot
    assert frame["x"] < dot["x"] < frame["x"] + frame["width"]
    assert frame["y"] < dot["y"] < frame["y"] + frame["height"]

    # without a circle the view fits the points: Havana to Addis Ababa, all in the frame
    page.goto(base + "/map")
    map_point_count(page)
    first = map_zoom(page)
    assert 1.0 < first < 4
    frame = page.locator("#world-map svg").bounding_box()
    assert frame
    for dot in page.locator("#world-map a.map-point circle").all():
        box = dot.bounding_box()
        assert box and frame["x"] <= box["x"] <= frame["x"] + frame["width"] - box["width"]
    circle = page.locator("#world-map a.map-point circle").first
    radius = float(circle.get_attribute("r") or "nan")
    page.click("#world-map button[title='Zoom in']")
    assert map_zoom(page) == pytest.approx(first * 1.6, abs=0.02)
    # points keep their size on screen: their radius in map units shrinks with the zoom
    circle = page.locator("#world-map a.map-point circle").first
    assert float(circle.get_attribute("r") or "nan") == pytest.approx(radius / 1.6, rel=0.01)
    # the wheel zooms in
    frame = page.locator("#world-map svg").bounding_box()
    assert frame
    middle = (frame["x"] + frame["width"] / 2, frame["y"] + frame["height"] / 2)
    page.mouse.move(*middle)
    page.mouse.wheel(0, -120)
    wait_until(page, f"Number(document.querySelector('#world-map').dataset.zoom) > {first * 1.7}")
    # dragging pans, and is no click on whatever it ends on
    before = page.get_attribute("#world-map svg", "viewBox")
    page.mouse.down()
    page.mouse.move(middle[0] + 120, middle[1] + 30, steps=6)
    page.mouse.up()
    assert page.get_attribute("#world-map svg", "viewBox") != before
    assert page.url.endswith("/map")
    page.click("#world-map button[title='Show the whole world']")
    assert map_zoom(page) == 1.0
    assert page.problems == []
