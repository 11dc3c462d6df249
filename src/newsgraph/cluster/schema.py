"""The v1 record format flattened into Parquet tables, and back (see ``SCHEMA.md``).

One table per kind of record (articles, entities, events, participants, claims, quantities,
plus problems: the warnings and errors met while reading), one row per record. Nested objects
with one value per record (an event's date, location, attribution) become prefixed columns
(``date.start`` -> ``date_start``); lists of records (participants, quantities) become rows of
their own table pointing at their owner. Every row carries ``partition``, ``article_index``
(the article's position in its partition) and ``article_id``, so tables join on
``(partition, article_index)``.

Fields the schema does not name (the spec welcomes extra fields) go into the ``extra`` column as
JSON, so flattening loses nothing: :func:`records_from_tables` gives back the exact ``to_dict()``
records, which is how ``newsgraph merge`` feeds the store's merge rule.
"""

from __future__ import annotations

import copy
import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

import pyarrow as pa

from newsgraph.errors import InputError

#: Bumped on any change a reader would notice; written into each file's Parquet metadata.
SCHEMA_VERSION = "1"

Record = dict[str, Any]
Path_ = tuple[str, ...]

STR = pa.string()
INT = pa.int64()
FLOAT = pa.float64()
BOOL = pa.bool_()
STRS = pa.list_(pa.string())
MENTIONS = pa.list_(pa.struct([("start", INT), ("end", INT), ("text", STR)]))

#: Columns every table starts with.
KEY_COLUMNS: list[tuple[str, pa.DataType]] = [
    ("partition", STR),
    ("article_index", pa.int32()),
    ("article_id", STR),
]


def _columns(*specs: tuple[str, pa.DataType]) -> list[tuple[str, Path_, pa.DataType]]:
    """``("date.start", STR)`` -> column ``date_start`` read from path ``("date", "start")``."""
    return [(dotted.replace(".", "_"), tuple(dotted.split(".")), kind) for dotted, kind in specs]


# fmt: off
DATE = [
    ("date.start", STR), ("date.end", STR), ("date.precision", STR), ("date.text", STR),
    ("date.from_publication", BOOL),
]

#: Table -> the columns taken from each record (after the key columns), by path into the record.
COLUMNS: dict[str, list[tuple[str, Path_, pa.DataType]]] = {
    "articles": _columns(
        ("title", STR), ("published", STR), ("url", STR), ("source", STR), ("language", STR),
        ("sha256", STR), ("text", STR),
    ),
    "entities": [("entity_id", ("id",), STR), *_columns(
        ("name", STR), ("kind", STR), ("code", STR), ("sector", STR), ("aliases", STRS),
        ("titles", STRS), ("mentions", MENTIONS),
    )],
    "events": [("event_id", ("id",), STR), *_columns(
        ("event", STR), ("mode", STRS), ("context", STRS), ("aux", STRS), *DATE,
        ("location.text", STR), ("location.span.start", INT), ("location.span.end", INT),
        ("location.name", STR), ("location.code", STR), ("location.admin1", STR),
        ("location.geonameid", INT), ("location.lat", FLOAT), ("location.lon", FLOAT),
        ("location.precision", STR), ("location.source", STR),
        ("event_text", STR), ("trigger_span.start", INT), ("trigger_span.end", INT),
        ("text", STR), ("text_info.start", INT), ("text_info.end", INT),
        ("attribution.verb", STR), ("attribution.stance", STR), ("attribution.hedged", BOOL),
        ("attribution.cues", STRS), ("cameo", STR), ("confidence", FLOAT),
    )],
    "participants": _columns(
        ("owner", STR), ("owner_id", STR), ("role", STR), ("position", INT),
        ("text", STR), ("name", STR), ("entity_id", STR), ("code", STR), ("sector", STR),
    ),
    "claims": [("claim_id", ("id",), STR), *_columns(
        ("verb", STR), ("stance", STR), ("hedged", BOOL), ("cues", STRS), ("content", STR),
        ("content_span.start", INT), ("content_span.end", INT), ("events", STRS), *DATE,
    )],
    "quantities": _columns(
        ("owner", STR), ("owner_id", STR), ("position", INT), ("value", FLOAT),
        ("qualifier", STR), ("unit", STR), ("counts", STR), ("text", STR),
        ("span.start", INT), ("span.end", INT),
    ),
    "problems": _columns(("where", STR), ("problem", STR), ("fatal", BOOL)),
}
# fmt: on

TABLES: tuple[str, ...] = tuple(COLUMNS)

#: Nested objects that may be null; present exactly when the named (required) field is not null.
OPTIONAL_OBJECTS: dict[str, dict[str, str]] = {
    "events": {"location": "location_text", "attribution": "attribution_verb"},
}

#: Keys whose values are stored in other tables (participants, quantities), not as columns.
CHILD_KEYS: dict[str, tuple[Path_, ...]] = {
    "events": (("actor",), ("recipient",), ("quantities",), ("attribution", "speaker")),
    "claims": (("speaker",), ("quantities",)),
}

#: Participant roles, in the order they are restored: owner kind, role, path in the owner.
PARTICIPANT_ROLES: tuple[tuple[str, str, Path_, bool], ...] = (
    ("event", "actor", ("actor",), True),
    ("event", "recipient", ("recipient",), True),
    ("event", "attribution_speaker", ("attribution", "speaker"), False),
    ("claim", "speaker", ("speaker",), False),
)


def schema(table: str) -> pa.Schema:
    """The Arrow schema of one table (key columns, record columns, ``extra``)."""
    fields = [*KEY_COLUMNS, *((name, kind) for name, _, kind in COLUMNS[table]), ("extra", STR)]
    return pa.schema(fields, metadata={"newsgraph_schema": SCHEMA_VERSION, "table": table})


def _get(obj: Any, path: Path_) -> Any:
    for key in path:
        if not isinstance(obj, dict):
            return None
        obj = obj.get(key)
    return obj


def _pop(obj: dict[str, Any], path: Path_) -> None:
    for key in path[:-1]:
        obj = obj.get(key)
        if not isinstance(obj, dict):
            return
    obj.pop(path[-1], None)


def _prune(obj: Any) -> Any:
    """Drop dicts left empty once their known fields were taken out."""
    if isinstance(obj, dict):
        pruned = {k: _prune(v) for k, v in obj.items()}
        return {k: v for k, v in pruned.items() if v != {}}
    return obj


class _TableBuilder:
    """Columns of one table, filled row by row."""

    def __init__(self, table: str, partition: str) -> None:
        self.table = table
        self.partition = partition
        self.columns: dict[str, list[Any]] = defaultdict(list)

    def add(self, index: int, article_id: str, obj: Record, **fixed: Any) -> None:
        self.columns["partition"].append(self.partition)
        self.columns["article_index"].append(index)
        self.columns["article_id"].append(article_id)
        rest = copy.deepcopy(obj)
        for name, path, _ in COLUMNS[self.table]:
            if name in fixed:
                self.columns[name].append(fixed[name])
                continue
            self.columns[name].append(_get(obj, path))
            _pop(rest, path)
        for path in CHILD_KEYS.get(self.table, ()):
            _pop(rest, path)
        for optional in OPTIONAL_OBJECTS.get(self.table, {}):
            if rest.get(optional, {}) is None:
                rest.pop(optional)
        rest = _prune(rest)
        self.columns["extra"].append(json.dumps(rest, ensure_ascii=False) if rest else None)

    def build(self) -> pa.Table:
        table_schema = schema(self.table)
        return pa.table(
            {name: self.columns.get(name, []) for name in table_schema.names}, schema=table_schema
        )


def tables_from_results(
    partition: str, results: Iterable[Record | InputError]
) -> dict[str, pa.Table]:
    """The tables of one partition from its v1 records and reading problems, in input order."""
    builders = {table: _TableBuilder(table, partition) for table in TABLES}
    index = 0
    for result in results:
        if isinstance(result, InputError):
            builders["problems"].add(
                -1, "", {"where": result.where, "problem": result.problem, "fatal": result.fatal}
            )
            continue
        article = result["article"]
        article_id = article["id"]
        builders["articles"].add(index, article_id, {k: v for k, v in article.items() if k != "id"})
        for entity in result["entities"]:
            builders["entities"].add(index, article_id, entity)
        for event in result["events"]:
            builders["events"].add(index, article_id, event)
            _add_participants(builders["participants"], index, article_id, "event", event)
            _add_quantities(builders["quantities"], index, article_id, "event", event)
        for claim in result["claims"]:
            builders["claims"].add(index, article_id, claim)
            _add_participants(builders["participants"], index, article_id, "claim", claim)
            _add_quantities(builders["quantities"], index, article_id, "claim", claim)
        _add_quantities(builders["quantities"], index, article_id, "article", result)
        index += 1
    return {table: builder.build() for table, builder in builders.items()}


def _add_participants(
    builder: _TableBuilder, index: int, article_id: str, owner: str, obj: Record
) -> None:
    for owner_kind, role, path, is_list in PARTICIPANT_ROLES:
        if owner_kind != owner:
            continue
        value = _get(obj, path)
        for position, participant in enumerate(value if is_list else [value]):
            if participant is not None:
                builder.add(
                    index, article_id, participant,
                    owner=owner, owner_id=obj["id"], role=role, position=position,
                )  # fmt: skip


def _add_quantities(
    builder: _TableBuilder, index: int, article_id: str, owner: str, obj: Record
) -> None:
    owner_id = obj["id"] if owner != "article" else None
    for position, quantity in enumerate(obj.get("quantities") or ()):
        builder.add(
            index, article_id, quantity, owner=owner, owner_id=owner_id, position=position
        )  # fmt: skip


# -- back to v1 records ------------------------------------------------------------------------


def _set(obj: dict[str, Any], path: Path_, value: Any) -> None:
    for key in path[:-1]:
        obj = obj.setdefault(key, {})
    obj[path[-1]] = value


def _merge_extra(obj: dict[str, Any], extra: str | None) -> None:
    def deep(target: dict[str, Any], source: dict[str, Any]) -> None:
        for key, value in source.items():
            if isinstance(value, dict) and isinstance(target.get(key), dict):
                deep(target[key], value)
            else:
                target[key] = value

    if extra:
        deep(obj, json.loads(extra))


def _number(value: float | None) -> float | int | None:
    """Quantities are stored as float64; whole numbers come back as ints, as extracted."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _objects(table: str, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows of one table back to nested record dicts, in row order."""
    objects = []
    for row in rows:
        obj: dict[str, Any] = {}
        for name, path, _ in COLUMNS[table]:
            _set(obj, path, row.get(name))  # a column left unread (article text) comes back None
        for key, marker in OPTIONAL_OBJECTS.get(table, {}).items():
            if row[marker] is None:
                obj[key] = None
        if table == "quantities":
            obj["value"] = _number(obj["value"])
        _merge_extra(obj, row["extra"])
        objects.append(obj)
    return objects


def records_from_tables(tables: dict[str, pa.Table]) -> list[Record]:
    """The v1 records of one partition's tables, in input order (inverse of flattening)."""
    by_article: dict[str, dict[int, list[dict[str, Any]]]] = {}
    for table in ("entities", "events", "participants", "claims", "quantities"):
        rows = tables[table].to_pylist()
        objects = _objects(table, rows)
        grouped: dict[int, list[dict[str, Any]]] = defaultdict(list)
        for row, obj in zip(rows, objects, strict=True):
            obj["_row"] = row
            grouped[row["article_index"]].append(obj)
        by_article[table] = grouped
    article_rows = tables["articles"].to_pylist()
    return [
        _record(article | {"id": row["article_id"]}, row["article_index"], by_article)
        for row, article in zip(article_rows, _objects("articles", article_rows), strict=True)
    ]


def _strip(objs: Sequence[dict[str, Any]], *drop: str) -> list[dict[str, Any]]:
    return [{k: v for k, v in obj.items() if k not in {"_row", *drop}} for obj in objs]


def _record(
    article: dict[str, Any], index: int, children: dict[str, dict[int, list[dict[str, Any]]]]
) -> Record:
    article = {"id": article.pop("id"), **article}
    quantities: dict[tuple[str, str | None], list[dict[str, Any]]] = defaultdict(list)
    for quantity in children["quantities"].get(index, []):
        quantities[(quantity["owner"], quantity["owner_id"])].append(quantity)
    participants: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    for participant in children["participants"].get(index, []):
        key = (participant["owner"], participant["owner_id"], participant["role"])
        participants[key].append(participant)

    def quantities_of(owner: str, owner_id: str | None) -> list[dict[str, Any]]:
        found = sorted(quantities[(owner, owner_id)], key=lambda q: q["position"])
        return _strip(found, "owner", "owner_id", "position")

    def participants_of(owner: str, owner_id: str, role: str) -> list[dict[str, Any]]:
        found = sorted(participants[(owner, owner_id, role)], key=lambda p: p["position"])
        return _strip(found, "owner", "owner_id", "role", "position")

    events = []
    for event in _strip(children["events"].get(index, [])):
        event["actor"] = participants_of("event", event["id"], "actor")
        event["recipient"] = participants_of("event", event["id"], "recipient")
        if event.get("attribution") is not None:
            speaker = participants_of("event", event["id"], "attribution_speaker")
            event["attribution"]["speaker"] = speaker[0] if speaker else None
        event["quantities"] = quantities_of("event", event["id"])
        events.append(event)
    claims = []
    for claim in _strip(children["claims"].get(index, [])):
        speaker = participants_of("claim", claim["id"], "speaker")
        claim["speaker"] = speaker[0] if speaker else None
        claim["quantities"] = quantities_of("claim", claim["id"])
        claims.append(claim)
    return {
        "article": article,
        "entities": _strip(children["entities"].get(index, [])),
        "events": events,
        "claims": claims,
        "quantities": quantities_of("article", None),
    }
