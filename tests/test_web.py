"""The web UI driven for real: `newsgraph serve` in a subprocess over a real SQLite store,
plain HTTP for headers and the JSON API, Debian's chromium (through Playwright) for the pages.

The store is built from hand-written v1 records through the store's own API. One of the
articles is hostile (script tags, event handlers, javascript: URLs in every field) and the
browser tests prove nothing from it runs while its characters are shown.
"""

from __future__ import annotations

import hashlib
import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from test_store_records import claim, span

ROOT = Path(__file__).resolve().parents[1]
SCREENSHOTS = ROOT / "docs" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# ---------------------------------------------------------------------------------------------
# hand-written v1 records (our own sentences); offsets are computed, never typed in

HOSTILE_TITLE = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">'
HOSTILE_NAME = "<img src=x onerror=window.__pwned=7>Evil Corp"
HOSTILE_URL = "javascript:window.__pwned=3"


def sentence_of(text: str, needle: str) -> dict[str, int]:
    at = text.index(needle)
    starts = [0]
    if (stop := text.rfind(". ", 0, at)) >= 0:
        starts.append(stop + 2)
    if (newline := text.rfind("\n", 0, at)) >= 0:
        starts.append(newline + 1)
    end = text.find(". ", at)
    end = len(text) if end < 0 else end + 1
    return {"start": max(starts), "end": end}


def participant(text: str, name: str, code: str, sector: str | None, eid: str | None) -> dict:
    return {"text": text, "name": name, "entity_id": eid, "code": code, "sector": sector}


def entity(eid: str, name: str, kind: str, code: str, text: str, *words: str) -> dict:
    mentions = []
    for word in words:
        for match in re.finditer(rf"\b{re.escape(word)}\b", text):
            mentions.append({"start": match.start(), "end": match.end(), "text": word})
    return {
        "id": eid,
        "name": name,
        "kind": kind,
        "code": code,
        "sector": None,
        "aliases": [w for w in words if w != name],
        "titles": [],
        "mentions": mentions,
    }


def date(start: str | None, precision: str = "day", text: str | None = None) -> dict:
    return {
        "start": start,
        "end": None,
        "precision": precision,
        "text": text,
        "from_publication": False,
    }


def event(
    eid: str,
    text: str,
    trigger: str,
    kind: str,
    actor: list,
    recipient: list,
    when: dict,
    attribution: dict | None = None,
    aux: list | None = None,
) -> dict:
    trig = span(text, trigger)
    sent = sentence_of(text, trigger)
    return {
        "id": eid,
        "event": kind,
        "mode": [],
        "context": [],
        "aux": aux or [],
        "actor": actor,
        "recipient": recipient,
        "date": when,
        "location": None,
        "event_text": trigger,
        "trigger_span": trig,
        "text": text[sent["start"] : sent["end"]],
        "text_info": sent,
        "attribution": attribution,
        "quantities": [],
        "cameo": None,
        "confidence": 0.8,
    }


def record(
    aid: str,
    title: str,
    published: str,
    source: str,
    url: str,
    text: str,
    entities: list,
    events: list,
    claims: list,
) -> dict:
    article = {
        "id": aid,
        "title": title,
        "published": published,
        "url": url,
        "source": source,
        "language": "en",
        "sha256": hashlib.sha256(text.encode()).hexdigest(),
        "text": text,
    }
    return {
        "article": article,
        "entities": entities,
        "events": events,
        "claims": claims,
        "quantities": [],
    }


def build_records() -> list[dict]:
    records = []

    t1 = (
        "MINSK - A Cuban army delegation visited Minsk on 14 October 2025, the Belarusian "
        "defence ministry announced. Officers from both armies discussed training.\n\n"
        "The ministry said Cuba and Belarus agreed to hold joint drills next spring."
    )
    blr_mod = participant("the Belarusian defence ministry", "Belarus", "BLR", "MIL", "e2")
    cub_mil = participant("A Cuban army delegation", "Cuba", "CUB", "MIL", "e1")
    blr = participant("Minsk", "Belarus", "BLR", "GOV", "e2")
    att = {"speaker": blr_mod, "verb": "announced", "stance": "assert", "hedged": False, "cues": []}
    records.append(
        record(
            "web-001",
            "Cuban officers visit Minsk",
            "2025-10-15",
            "Northern Wire",
            "https://example.org/web-001",
            t1,
            [
                entity("e1", "Cuba", "state", "CUB", t1, "Cuban", "Cuba"),
                entity("e2", "Belarus", "state", "BLR", t1, "Minsk", "Belarusian", "Belarus"),
            ],
            [
                event("ev1", t1, "visited", "CONSULT", [cub_mil], [blr], date("2025-10-14"), att),
                event(
                    "ev2",
                    t1,
                    "agreed",
                    "AGREE",
                    [
                        participant("Cuba", "Cuba", "CUB", "GOV", "e1"),
                        participant("Belarus", "Belarus", "BLR", "GOV", "e2"),
                    ],
                    [],
                    date("2025-10-15"),
                    None,
                    ["future"],
                ),
            ],
            [
                claim(
                    t1,
                    "c1",
                    "A Cuban army delegation visited Minsk on 14 October 2025",
                    speaker=blr_mod,
                    verb="announced",
                    stance="assert",
                    events=["ev1"],
                    when=date("2025-10-14"),
                )
            ],
        )
    )

    t2 = (
        "HAVANA - Havana denied on Thursday that Cuban soldiers visited Minsk in October. "
        "A foreign ministry spokesman called the report an invention."
    )
    cub_gov = participant("Havana", "Cuba", "CUB", "GOV", "e1")
    deny = {"speaker": cub_gov, "verb": "denied", "stance": "deny", "hedged": False, "cues": []}
    records.append(
        record(
            "web-002",
            "Havana denies Minsk visit",
            "2025-10-16",
            "Island Post",
            "https://example.org/web-002",
            t2,
            [
                entity("e1", "Cuba", "state", "CUB", t2, "Havana", "Cuban"),
                entity("e2", "Belarus", "state", "BLR", t2, "Minsk"),
            ],
            [
                event(
                    "ev1",
                    t2,
                    "visited",
                    "CONSULT",
                    [participant("Cuban soldiers", "Cuba", "CUB", "MIL", "e1")],
                    [participant("Minsk", "Belarus", "BLR", "GOV", "e2")],
                    date("2025-10", "month", "in October"),
                    deny,
                    ["negation"],
                )
            ],
            [
                claim(
                    t2,
                    "c1",
                    "Cuban soldiers visited Minsk in October",
                    speaker=cub_gov,
                    verb="denied",
                    stance="deny",
                    events=["ev1"],
                    when=date("2025-10", "month"),
                )
            ],
        )
    )

    t3 = (
        "KYIV - Russian forces shelled Kharkiv on 3 September 2025, Ukrainian officials said. "
        "Moscow said its artillery struck only military depots."
    )
    ukr = participant("Ukrainian officials", "Ukraine", "UKR", "GOV", "e4")
    rus = participant("Russian forces", "Russia", "RUS", "MIL", "e3")
    records.append(
        record(
            "web-003",
            "Shelling reported in Kharkiv",
            "2025-09-04",
            "Northern Wire",
            "https://example.org/web-003",
            t3,
            [
                entity("e3", "Russia", "state", "RUS", t3, "Russian", "Moscow"),
                entity("e4", "Ukraine", "state", "UKR", t3, "Ukrainian", "Kharkiv"),
            ],
            [
                event(
                    "ev1",
                    t3,
                    "shelled",
                    "ASSAULT",
                    [rus],
                    [participant("Kharkiv", "Ukraine", "UKR", None, "e4")],
                    date("2025-09-03"),
                    {
                        "speaker": ukr,
                        "verb": "said",
                        "stance": "assert",
                        "hedged": False,
                        "cues": [],
                    },
                )
            ],
            [
                claim(
                    t3,
                    "c1",
                    "Russian forces shelled Kharkiv on 3 September 2025",
                    speaker=ukr,
                    verb="said",
                    stance="assert",
                    events=["ev1"],
                    when=date("2025-09-03"),
                ),
                claim(
                    t3,
                    "c2",
                    "its artillery struck only military depots",
                    speaker=participant("Moscow", "Russia", "RUS", "GOV", "e3"),
                    verb="said",
                    stance="assert",
                    events=[],
                    when=date("2025-09-04"),
                ),
            ],
        )
    )

    t4 = (
        "<script>window.__pwned=4</script> The group <img src=x onerror=window.__pwned=5> "
        'attacked Kharkiv, a statement <a href="javascript:window.__pwned=6">said</a>. '
        "Evil Corp threatened Ukraine."
    )
    evil = participant(HOSTILE_NAME, HOSTILE_NAME, "RUS", "REB", "e5")
    records.append(
        record(
            "web-evil",
            HOSTILE_TITLE,
            "2025-09-05",
            '<b onmouseover="window.__pwned=8">Evil</b>',
            HOSTILE_URL,
            t4,
            [
                entity("e5", HOSTILE_NAME, "group", "RUS", t4, "Evil Corp", "The group"),
                entity("e4", "Ukraine", "state", "UKR", t4, "Ukraine", "Kharkiv"),
            ],
            [
                event(
                    "ev1",
                    t4,
                    "attacked",
                    "ASSAULT",
                    [evil],
                    [participant("Kharkiv", "Ukraine", "UKR", None, "e4")],
                    date("2025-09-05"),
                ),
                event(
                    "ev2",
                    t4,
                    "threatened",
                    "THREATEN",
                    [evil],
                    [participant("Ukraine", "Ukraine", "UKR", "GOV", "e4")],
                    date("2025-09-05"),
                ),
            ],
            [
                claim(
                    t4,
                    "c1",
                    "<img src=x onerror=window.__pwned=5>",
                    speaker=evil,
                    verb="<script>window.__pwned=9</script>",
                    stance="assert",
                    events=["ev1"],
                    when=date("2025-09-05"),
                )
            ],
        )
    )
    return records


# ---------------------------------------------------------------------------------------------
# fixtures: the store file and the real server


def file_state(path: Path) -> tuple[str, int]:
    return hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns


@pytest.fixture(scope="module")
def store_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import newsgraph

    path = tmp_path_factory.mktemp("web") / "web.db"
    with newsgraph.open(path, create=True) as store:
        for rec in build_records():
            assert store.add_record(rec)
    # fold the WAL into the main file so its hash is the whole store's state
    import sqlite3

    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.close()
    return path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(db: Path, *extra: str, env: dict[str, str] | None = None) -> tuple:
    """`newsgraph serve` as a user runs it; returns (process, base URL it printed)."""
    port = free_port()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "newsgraph.cli",
            "serve",
            "--db",
            str(db),
            "--port",
            str(port),
            *extra,
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, **(env or {})},
    )
    line = proc.stdout.readline()
    match = re.search(r"(http://\S+?)/? ", line)
    if not match:
        proc.kill()
        raise AssertionError(f"serve printed no URL: {line!r} {proc.stderr.read()!r}")
    base = match.group(1).rstrip("/")
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            httpx.get(base + "/api/stats", timeout=2)
            return proc, base
        except httpx.TransportError:
            if proc.poll() is not None:
                raise AssertionError(f"serve exited: {proc.stderr.read()!r}") from None
            time.sleep(0.1)
    proc.kill()
    raise AssertionError("server did not answer within 30 s")


def stop_server(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


@pytest.fixture(scope="module")
def server(store_file: Path) -> Iterator[dict]:
    before = file_state(store_file)
    proc, base = start_server(store_file)
    yield {"base": base, "proc": proc, "db": store_file, "before": before}
    stop_server(proc)


@pytest.fixture(scope="module")
def ids(server: dict) -> dict:
    """Ids the store gave our records, looked up through the API (not guessed)."""
    base = server["base"]
    entities = httpx.get(base + "/api/entities", params={"limit": 100}).json()["entities"]
    by_name = {e["name"]: e["id"] for e in entities}
    events = httpx.get(base + "/api/events", params={"limit": 100}).json()["events"]
    consult = [e for e in events if e["event"] == "CONSULT"]
    evil = [e for e in events if any(p.get("name") == HOSTILE_NAME for p in e["actor"])]
    return {
        "belarus": by_name["Belarus"],
        "evil_entity": by_name[HOSTILE_NAME],
        "consult": consult[0]["id"],
        "evil_event": evil[0]["id"],
    }


# ---------------------------------------------------------------------------------------------
# HTTP: headers, binding, API


def test_serve_prints_a_localhost_url_and_listens_only_there(server: dict) -> None:
    assert server["base"].startswith("http://127.0.0.1:")
    port = int(server["base"].rsplit(":", 1)[1])
    listening = Path("/proc/net/tcp").read_text().splitlines()[1:]
    local = [line.split()[1] for line in listening if line.split()[3] == "0A"]
    assert f"0100007F:{port:04X}" in local
    assert f"00000000:{port:04X}" not in local
    if Path("/proc/net/tcp6").exists():
        assert not any(
            line.split()[1].endswith(f":{port:04X}") and line.split()[3] == "0A"
            for line in Path("/proc/net/tcp6").read_text().splitlines()[1:]
        )


def test_every_response_carries_a_strict_content_security_policy(server: dict, ids: dict) -> None:
    for path in [
        "/",
        f"/actors/{ids['belarus']}",
        "/api/events",
        "/static/style.css",
        "/no-such-page",
    ]:
        response = httpx.get(server["base"] + path)
        csp = response.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "'unsafe-inline'" not in csp
        assert "'unsafe-eval'" not in csp and "object-src 'none'" in csp
        assert response.headers["x-content-type-options"] == "nosniff"


def test_api_filters_match_the_cli(server: dict) -> None:
    base = server["base"]
    consult = httpx.get(base + "/api/events", params={"type": "consult"}).json()
    assert consult["total"] >= 1 and {e["event"] for e in consult["events"]} == {"CONSULT"}
    by_actor = httpx.get(base + "/api/events", params={"actor": "RUS"}).json()["events"]
    assert by_actor and all(
        "RUS" in {p["code"] for p in e["actor"] + e["recipient"]} for e in by_actor
    )
    september = httpx.get(
        base + "/api/events", params={"since": "2025-09-01", "until": "2025-09-30"}
    ).json()
    assert september["events"] and all(
        e["date"]["start"].startswith("2025-09") for e in september["events"]
    )
    bad = httpx.get(base + "/api/events", params={"since": "last tuesday"})
    assert bad.status_code == 400 and "since" in bad.json()["detail"]
    denials = httpx.get(base + "/api/claims", params={"stance": "deny"}).json()["claims"]
    assert denials and {c["stance"] for c in denials} == {"deny"}
    article = httpx.get(base + "/api/articles/web-001").json()
    assert article["text"].startswith("MINSK") and article["mentions"]
    assert httpx.get(base + "/api/articles/nope").status_code == 404
    network = httpx.get(base + "/api/network").json()
    assert {"RUS", "UKR"} <= {n["id"] for n in network["nodes"]}
    timeline = httpx.get(base + "/api/timeline", params={"actor": "CUB"}).json()
    assert timeline["items"] and all(i["start"].startswith("2025-10") for i in timeline["items"])


def test_openapi_is_served_locally_and_describes_the_api(server: dict) -> None:
    spec = httpx.get(server["base"] + "/openapi.json").json()
    for path in [
        "/api/events",
        "/api/entities",
        "/api/claims",
        "/api/articles/{article_id}",
        "/api/network",
        "/api/timeline",
        "/api/search",
    ]:
        assert path in spec["paths"], path
    params = {p["name"] for p in spec["paths"]["/api/events"]["get"]["parameters"]}
    assert {"actor", "type", "since", "until", "limit"} <= params
    page = httpx.get(server["base"] + "/api-docs").text
    assert "cdn" not in page.lower() and 'src="/vendor/swagger-ui.js"' in page


def parse_elements(html: str) -> list[tuple[str, dict[str, str], str]]:
    """Every element of a page as (tag, attributes, inline script text), as a browser parses."""
    from html.parser import HTMLParser

    found: list[tuple[str, dict[str, str], str]] = []

    class Collector(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list) -> None:
            found.append((tag, {k: v or "" for k, v in attrs}, ""))

        def handle_data(self, data: str) -> None:
            if found and found[-1][0] == "script":
                tag, attrs, text = found[-1]
                found[-1] = (tag, attrs, text + data)

    Collector().feed(html)
    return found


def test_hostile_strings_are_escaped_in_the_html(server: dict, ids: dict) -> None:
    base = server["base"]
    pages = [
        "/articles/web-evil",
        "/",
        f"/actors/{ids['evil_entity']}",
        f"/events/{ids['evil_event']}",
        "/claims",
        "/search?q=pwned",
    ]
    for path in pages:
        html = httpx.get(base + path).text
        assert "<script>window" not in html and "<img src=x" not in html, path
        for tag, attrs, inline in parse_elements(html):
            assert not [name for name in attrs if name.startswith("on")], (path, tag, attrs)
            for name in ("href", "src", "action"):
                assert not (attrs.get(name) or "").strip().lower().startswith("javascript:"), path
            if tag == "script":
                assert attrs.get("src", "").startswith(("/static/", "/vendor/")), path
                assert not inline.strip(), path
            assert tag not in ("img", "iframe", "object", "embed", "b"), (path, tag)
    assert (
        "&lt;script&gt;window.__pwned=1&lt;/script&gt;"
        in httpx.get(base + "/articles/web-evil").text
    )


def test_serve_without_a_store_says_so_in_one_line(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "newsgraph.cli", "serve", "--db", str(tmp_path / "none.db")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "none.db" in result.stderr
    assert not (tmp_path / "none.db").exists()


def test_pages_show_what_an_ingest_adds_while_the_server_runs(tmp_path: Path) -> None:
    import newsgraph

    db = tmp_path / "growing.db"
    first, *rest = build_records()
    with newsgraph.open(db, create=True) as store:
        store.add_record(first)
    proc, base = start_server(db)
    try:
        assert httpx.get(base + "/api/stats").json()["articles"] == 1
        assert httpx.get(base + "/api/network").json()["nodes"]  # now cached
        with newsgraph.open(db) as store:  # an ingest, in another process's place
            for rec in rest:
                store.add_record(rec)
        assert httpx.get(base + "/api/stats").json()["articles"] == 1 + len(rest)
        nodes = {n["id"] for n in httpx.get(base + "/api/network").json()["nodes"]}
        assert {"RUS", "UKR"} <= nodes
        assert 'data-stat="articles">4<' in httpx.get(base + "/").text
    finally:
        stop_server(proc)


def test_serve_on_a_busy_port_says_so_in_one_line(store_file: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "newsgraph.cli", "serve", "--db", str(store_file),
             "--port", str(port)],
            capture_output=True, text=True, timeout=60,
        )  # fmt: skip
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and f"127.0.0.1:{port}" in result.stderr


def test_missing_libraries_give_a_clear_message(store_file: Path, tmp_path: Path) -> None:
    proc, base = start_server(store_file, env={"NEWSGRAPH_WEB_ASSETS": str(tmp_path)})
    try:
        page = httpx.get(base + "/").text
        assert "npm ci --prefix web-assets" in page
        missing = httpx.get(base + "/vendor/cytoscape.js")
        assert missing.status_code == 404 and "npm ci" in missing.text
    finally:
        stop_server(proc)
    assert "npm ci --prefix web-assets" in proc.stderr.read()


# ---------------------------------------------------------------------------------------------
# the browser


@pytest.fixture(scope="module")
def browser() -> Iterator:
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is absent: `make browser` (apt-get install chromium) installs it")
    from playwright.sync_api import sync_playwright

    from newsgraph.web.assets import missing_assets, missing_message

    missing = missing_assets()
    assert not missing, missing_message(missing)  # charts cannot render without them
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, server: dict) -> Iterator:
    """A fresh tab that records dialogs, page errors and CSP complaints."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.problems = []  # type: ignore[attr-defined]
    tab.on("dialog", lambda d: (tab.problems.append(f"dialog: {d.message}"), d.dismiss()))
    tab.on("pageerror", lambda e: tab.problems.append(f"pageerror: {e}"))
    tab.on(
        "console",
        lambda m: (
            tab.problems.append(f"console: {m.text}")
            if m.type == "error" and "favicon" not in m.text
            else None
        ),
    )
    tab.set_default_timeout(90_000)  # a loaded CI machine can be slow; nothing here waits for it
    yield tab
    context.close()


def shoot(tab, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def wait_until(tab, expression: str, timeout_s: float = 90.0) -> None:
    """Poll a page expression until it is true. Not ``wait_for_function``: its in-page polling
    re-evaluates the string with ``eval``, which the UI's Content-Security-Policy forbids, so
    it fails whenever the first check is false (microsoft/playwright#36986). ``evaluate`` goes
    through the DevTools protocol, which the policy does not govern."""
    deadline = time.monotonic() + timeout_s
    while True:
        try:
            if tab.evaluate(expression):
                return
        except Exception as error:  # a navigation replaced the page between two polls
            if "context was destroyed" not in str(error):
                raise
        if time.monotonic() > deadline:
            raise AssertionError(f"never true within {timeout_s:.0f} s: {expression}")
        tab.wait_for_timeout(100)


def graph_node_count(tab) -> int:
    wait_until(tab, "!!window.newsgraphGraph && window.newsgraphGraph.nodes().length > 0")
    return tab.evaluate("window.newsgraphGraph.nodes().length")


@pytest.mark.browser
def test_home_to_actor_to_event(page, server: dict) -> None:
    base = server["base"]
    page.goto(base + "/")
    assert int(page.inner_text("[data-stat=articles]")) == 4
    assert page.locator("#latest-events li").count() >= 3
    shoot(page, "home")

    page.click("#top-actors a.actor-link:text-is('Belarus')")
    page.wait_for_url(re.compile(r"/actors/\d+$"))
    assert page.inner_text("#actor-name") == "Belarus"
    page.wait_for_selector("#actor-timeline .vis-item")
    assert page.locator("#actor-timeline .vis-item").count() >= 1
    assert graph_node_count(page) >= 2
    labels = page.evaluate("window.newsgraphGraph.nodes().map(n => n.data('label'))")
    assert "Cuba" in labels and "Belarus" in labels
    assert "Minsk" in page.inner_text(".aliases")
    shoot(page, "actor")

    page.click("#actor-timeline .vis-item")  # a click on a timeline item opens that event
    page.wait_for_url(re.compile(r"/events/\d+$"))
    evidence = page.locator("#reports .evidence .hl-evidence")
    assert evidence.count() >= 1
    triggers = page.locator("#reports .evidence .hl-trigger").all_inner_texts()
    assert triggers and set(triggers) <= {"visited", "agreed"}
    assert page.problems == []  # type: ignore[attr-defined]


@pytest.mark.browser
def test_event_page_shows_every_report_and_the_denial(page, server: dict, ids: dict) -> None:
    page.goto(f"{server['base']}/events/{ids['consult']}")
    reports = page.locator("#reports article.report")
    titles = reports.locator("h3").all_inner_texts()
    assert reports.count() >= 1 and "Cuban officers visit Minsk" in titles
    assert page.locator("#reports .evidence .hl-trigger").first.inner_text() == "visited"
    sentence = page.locator("#reports .evidence .hl-evidence").first.inner_text()
    assert "visited" not in sentence or "Minsk" in sentence
    assert "announced" in page.inner_text("#attribution")
    if len(titles) > 1:  # the store merged the denial into this event
        assert "denied" in page.inner_text("#attribution")
    shoot(page, "event")
    assert page.problems == []  # type: ignore[attr-defined]


@pytest.mark.browser
def test_article_highlights_link_to_actors_and_events(page, server: dict) -> None:
    page.goto(server["base"] + "/articles/web-003")
    mentions = page.locator("#article-text a.hl-mention")
    assert mentions.count() >= 2
    assert page.locator("#article-text .hl-claim").count() >= 1
    shoot(page, "article")
    page.locator("#article-text a.hl-trigger").first.click()
    page.wait_for_url(re.compile(r"/events/\d+$"))
    assert "ASSAULT" in page.inner_text("h1")
    page.go_back()
    page.locator("#article-text a.hl-mention:text-is('Russian')").first.click()
    page.wait_for_url(re.compile(r"/actors/\d+$"))
    assert page.inner_text("#actor-name") == "Russia"
    assert page.problems == []  # type: ignore[attr-defined]


@pytest.mark.browser
def test_network_timeline_claims_search_pages_render(page, server: dict) -> None:
    base = server["base"]
    page.goto(base + "/network")
    assert graph_node_count(page) >= 4
    shoot(page, "network")
    page.goto(base + "/network?type=ASSAULT&min_count=1")
    wait_until(page, "!!window.newsgraphGraph")
    edge_types = page.evaluate("window.newsgraphGraph.edges().map(e => e.data('event'))")
    assert edge_types and set(edge_types) == {"ASSAULT"}
    # the form sends its empty fields too ("since=&until="): they mean no filter
    page.goto(base + "/network")
    page.fill("#filters input[name=actor]", "RUS")
    page.click("#filters button[type=submit]")
    page.wait_for_url(re.compile(r".*actor=RUS&type=&since=&until=.*"))
    assert graph_node_count(page) >= 2 and "RUS" in page.input_value("#filters input[name=actor]")
    assert "400" not in page.title()

    page.goto(base + "/timeline")
    page.wait_for_selector("#all-timeline .vis-item")
    assert page.locator("#all-timeline .vis-item").count() >= 3
    shoot(page, "timeline")

    page.goto(base + "/claims")
    assert page.locator("#claims tbody tr").count() >= 3
    assert "deny" in page.inner_text("#claims")
    shoot(page, "claims")

    page.goto(base + "/")
    page.fill(".search-big input[name=q]", "Kharkiv")
    page.press(".search-big input[name=q]", "Enter")
    page.wait_for_url(re.compile(r"/search\?q=Kharkiv"))
    assert page.locator("#hits mark").count() >= 1
    assert "Shelling reported in Kharkiv" in page.inner_text("#hits")
    shoot(page, "search")
    page.goto(base + "/search?q=%21%21%21")  # nothing searchable: a message, not an error page
    assert "Search" in page.inner_text("h1") and page.locator("#hits .empty").count() == 1

    page.goto(base + "/api-docs")
    page.wait_for_selector(".swagger-ui .opblock")
    assert page.locator(".swagger-ui .opblock").count() >= 8
    shoot(page, "api")
    assert page.problems == []  # type: ignore[attr-defined]


@pytest.mark.browser
def test_hostile_article_runs_nothing_and_shows_its_characters(
    page, server: dict, ids: dict
) -> None:
    base = server["base"]
    for path in [
        "/articles/web-evil",
        "/",
        f"/actors/{ids['evil_entity']}",
        f"/events/{ids['evil_event']}",
        "/claims",
        "/search?q=pwned",
        "/network",
        "/timeline",
    ]:
        page.goto(base + path)
        page.wait_for_load_state("networkidle")
        handlers = "[onerror],[onload],[onmouseover],[onclick],[onfocus]"
        assert page.locator(handlers).count() == 0, path
        assert page.evaluate("typeof window.__pwned") == "undefined", path
        assert page.locator("a[href^='javascript:' i]").count() == 0, path
        assert page.locator("img[src='x']").count() == 0, path
    page.goto(base + "/articles/web-evil")
    assert page.inner_text("#article-title") == HOSTILE_TITLE
    text = page.inner_text("#article-text")
    assert "<script>window.__pwned=4</script>" in text
    assert page.locator("a.external").count() == 0  # its javascript: URL is not a link
    page.goto(f"{base}/actors/{ids['evil_entity']}")
    assert page.inner_text("#actor-name") == HOSTILE_NAME
    assert graph_node_count(page) >= 1
    page.goto(base + "/timeline")
    page.wait_for_selector("#all-timeline .vis-item")
    # timeline labels are built with textContent: the markup shows as characters
    assert HOSTILE_NAME in page.inner_text("#all-timeline")
    assert page.problems == []  # type: ignore[attr-defined]


def test_browsing_left_the_store_file_unchanged(server: dict) -> None:
    """Runs last in this module: every request above went to a read-only store."""
    for path in ["/", "/api/events", "/network", "/api/network", "/claims", "/search?q=Minsk"]:
        assert httpx.get(server["base"] + path).status_code == 200
    assert file_state(server["db"]) == server["before"]
    leftovers = [p.name for p in server["db"].parent.iterdir() if p.name != server["db"].name]
    assert not [name for name in leftovers if name.endswith("-journal")]
