"""The v1 record format (``SPEC.md``) as typed dataclasses.

Every stage builds these objects and every reader consumes their ``to_dict()``
form, so the field names here are the contract: change them only with the spec.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any, Literal

Stance = Literal["assert", "deny", "allege", "acknowledge", "deny_knowledge"]
Precision = Literal["day", "month", "year", "range", "unknown"]
EntityKind = Literal["state", "person", "organization", "igo", "group", "place"]

PLOVER_EVENT_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip
PLOVER_SECTORS: tuple[str, ...] = (
    "COP", "GOV", "JUD", "LEG", "MIL", "PRM", "PTY", "REB", "SPY", "UAF", "UNK", "AGR",
    "BUS", "CRM", "CVL", "EDU", "ELI", "JRN", "LAB", "MED", "REF", "OPP", "PRE", "REL", "SOC",
)  # fmt: skip
AUX_MODES: tuple[str, ...] = ("historical", "future", "hypothetical", "negation")


def _plain(value: Any) -> Any:
    """Turn nested records into JSON-ready values without dataclasses.asdict's deep copy."""
    if hasattr(value, "to_dict"):
        return value.to_dict()
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


class Record:
    """Mixin: ``to_dict`` in field order, recursing into nested records."""

    def to_dict(self) -> dict[str, Any]:
        return {f.name: _plain(getattr(self, f.name)) for f in fields(self)}  # type: ignore[arg-type]


@dataclass(slots=True)
class Span(Record):
    start: int
    end: int


@dataclass(slots=True)
class Mention(Record):
    start: int
    end: int
    text: str


@dataclass(slots=True)
class Participant(Record):
    text: str
    name: str | None = None
    entity_id: str | None = None
    code: str | None = None
    sector: str | None = None


@dataclass(slots=True)
class Entity(Record):
    id: str
    name: str
    kind: EntityKind
    code: str | None = None
    sector: str | None = None
    aliases: list[str] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)


@dataclass(slots=True)
class Date(Record):
    start: str | None
    end: str | None = None
    precision: Precision = "unknown"
    text: str | None = None
    from_publication: bool = False


@dataclass(slots=True)
class Location(Record):
    text: str
    span: Span
    name: str | None = None
    code: str | None = None
    admin1: str | None = None
    geonameid: int | None = None
    lat: float | None = None
    lon: float | None = None
    precision: str = "unknown"
    #: "text" when the sentence names the place, "dateline" when only the dateline does
    source: str = "text"


@dataclass(slots=True)
class Quantity(Record):
    value: float | int
    qualifier: str | None
    unit: str | None
    counts: str | None
    text: str
    span: Span


@dataclass(slots=True)
class Attribution(Record):
    speaker: Participant | None
    verb: str
    stance: Stance = "assert"
    hedged: bool = False
    cues: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Event(Record):
    id: str
    event: str
    mode: list[str] = field(default_factory=list)
    context: list[str] = field(default_factory=list)
    aux: list[str] = field(default_factory=list)
    actor: list[Participant] = field(default_factory=list)
    recipient: list[Participant] = field(default_factory=list)
    date: Date = field(default_factory=lambda: Date(start=None))
    location: Location | None = None
    event_text: str = ""
    trigger_span: Span = field(default_factory=lambda: Span(0, 0))
    text: str = ""
    text_info: Span = field(default_factory=lambda: Span(0, 0))
    attribution: Attribution | None = None
    quantities: list[Quantity] = field(default_factory=list)
    cameo: str | None = None
    confidence: float = 0.5


@dataclass(slots=True)
class Claim(Record):
    id: str
    speaker: Participant | None
    verb: str
    stance: Stance
    hedged: bool
    cues: list[str]
    content: str
    content_span: Span
    events: list[str] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    date: Date = field(default_factory=lambda: Date(start=None))


@dataclass(slots=True)
class Article(Record):
    """An input article; its ``to_dict`` is the ``article`` block, text included (an extension)."""

    id: str
    title: str | None = None
    published: str | None = None
    url: str | None = None
    source: str | None = None
    language: str = "en"
    sha256: str = ""
    text: str = ""
