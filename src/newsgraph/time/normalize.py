"""A regex normaliser for the time expressions of news text.

It finds absolute dates, months, years, ranges and relative expressions in plain text and
resolves them against the publication date. Whether a bare weekday ("on Tuesday") or a
month without a year lies before or after publication depends on tense, which plain text
does not give: the caller passes ``tense_of(start, end)`` (``"past"``, ``"future"`` or None).
Month and weekday names come from ``data/time/``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from newsgraph.data import read_tsv
from newsgraph.records import Date

TenseOf = Callable[[int, int], "str | None"]


def _table(name: str) -> dict[str, int]:
    return {row[0]: int(row[1]) for row in read_tsv("time", name)}


MONTHS = _table("months.tsv")
WEEKDAYS = _table("weekdays.tsv")
SEASONS = {row[0]: (int(row[1]), int(row[2])) for row in read_tsv("time", "seasons.tsv")}
#: written-out numbers small enough for "two weeks ago", "the past three months"
SMALL_NUMBERS = {
    row[0]: int(row[1]) for row in read_tsv("claims", "numbers.tsv") if row[2] == "unit"
} | {"a": 1, "an": 1, "a few": 3, "several": 3}


def _full_names(table: dict[str, int]) -> tuple[list[str], list[str]]:
    """Full names (the longest name of each value) and the abbreviations."""
    longest: dict[int, str] = {}
    for name, value in table.items():
        if len(name) > len(longest.get(value, "")):
            longest[value] = name
    full = sorted(longest.values())
    return full, sorted(set(table) - set(full))


def _alt(names: Iterable[str]) -> str:
    return "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))


_FULL_MONTHS, _ABBR_MONTHS = _full_names(MONTHS)
_FULL_DAYS, _ABBR_DAYS = _full_names(WEEKDAYS)

MONTH = rf"(?:{_alt(MONTHS)})(?![a-z])\.?"
#: a bare month outside a day or year pattern: a full name, or an abbreviation with its dot
MONTH_ALONE = rf"(?:(?:{_alt(_FULL_MONTHS)})(?![a-z])|(?:{_alt(_ABBR_MONTHS)})\.)"
WEEKDAY = rf"(?:(?:{_alt(_FULL_DAYS)})(?![a-z])|(?:{_alt(_ABBR_DAYS)})\.)"
DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
YEAR = r"(?:1[89]\d\d|20\d\d)"
MOD = r"(?:(?:early|mid|late|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of)[\s-]+)"
NUMBER = rf"(?:\d{{1,3}}|{_alt(SMALL_NUMBERS)})"
UNIT = r"(?:day|week|month|year|decade)"
PARTS = r"(?:\s+(?:morning|afternoon|evening|night))?"

#: words that make a bare month or year a time expression ("in May", "since 2023")
CONTEXT = re.compile(
    r"(?:\b(?:in|since|from|until|till|through|by|during|to|and|or|of|before|after|between|"
    r"last|next|this|throughout|on|for|year|fiscal|early|late|mid|end|beginning|start)"
    r"(?:\s+the)?\s*-?|[,(])\s*$",
    re.IGNORECASE,
)
LEADING_PREP = re.compile(r"\b(?:in|on|during|throughout|at|over)\s+$", re.IGNORECASE)
RANGE_START = re.compile(r"\b(?:between|from)\s+$", re.IGNORECASE)
RANGE_GAP = re.compile(r"^\s*(?:[-–—]|to|and|until|till|through)\s*$", re.IGNORECASE)
SINCE = re.compile(r"\b(?:since|from)\s+$", re.IGNORECASE)
UNTIL = re.compile(r"\b(?:until|till|through)\s+$", re.IGNORECASE)


@dataclass(slots=True)
class Found:
    """One expression: its offsets and either calendar parts to resolve or a resolved date."""

    start: int
    end: int
    kind: str  # "abs" (calendar parts), "date" (resolved), "weekday" (needs tense)
    year: int | None = None
    month: int | None = None
    day: int | None = None
    end_parts: tuple[int | None, int | None, int | None] | None = None
    date: Date | None = None
    weekday: int | None = None
    flags: set[str] = field(default_factory=set)


# --- calendar helpers -------------------------------------------------------------------


def add_months(year: int, month: int, months: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + months
    return index // 12, index % 12 + 1


def iso(year: int | None, month: int | None = None, day: int | None = None) -> str | None:
    if year is None:
        return None
    if month is None:
        return f"{year:04d}"
    if day is None:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}"


def _precision(month: int | None, day: int | None) -> str:
    return "year" if month is None else "month" if day is None else "day"


def _valid(year: int, month: int | None, day: int | None) -> bool:
    try:
        date(year, month or 1, day or 1)
    except ValueError:
        return False
    return True


def _point(d: date) -> Date:
    return Date(start=d.isoformat(), precision="day")


def _days(first: date, last: date) -> Date:
    return Date(start=first.isoformat(), end=last.isoformat(), precision="range")


def _month_date(year: int, month: int, shift: int = 0) -> Date:
    y, m = add_months(year, month, shift)
    return Date(start=iso(y, m), precision="month")


def _infer_year(month: int, day: int | None, published: date, tense: str | None) -> int:
    """The year of a yearless month or day: before publication in the past, after in the future."""
    pub = (published.month, published.day if day else 0)
    here = (month, day or 0)
    if tense == "past":
        return published.year if here <= pub else published.year - 1
    if tense == "future":
        return published.year if here >= pub else published.year + 1

    def distance(year: int) -> int:
        return abs((date(year, month, min(day or 15, 28)) - published).days)

    return min((published.year - 1, published.year, published.year + 1), key=distance)


# --- atoms ------------------------------------------------------------------------------


def _month(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")]


def _abs(m: re.Match, *, day: bool = True, year: bool = True) -> Found | None:
    if not m.group("mon")[0].isupper():
        return None
    y = int(m.group("y")) if year and m.group("y") else None
    d = int(re.sub(r"\D", "", m.group("d"))) if day else None
    found = Found(m.start(), m.end(), "abs", y, _month(m.group("mon")), d)
    if day and m.group("d2"):
        found.end_parts = (y, found.month, int(re.sub(r"\D", "", m.group("d2"))))
    if y is not None and not _valid(y, found.month, d):
        return None
    return found


def _iso_day(m: re.Match) -> Found | None:
    y, mo, d = int(m.group("y")), int(m.group("m")), int(m.group("d"))
    return Found(m.start(), m.end(), "abs", y, mo, d) if _valid(y, mo, d) else None


def _month_year(m: re.Match) -> Found | None:
    return _abs(m, day=False)


def _month_alone(m: re.Match) -> Found | None:
    return _abs(m, day=False, year=False)


def _month_of_year(m: re.Match) -> Found | None:
    """ "June of last year": a month of a year named relative to publication."""
    found = _abs(m, day=False, year=False)
    if found is not None:
        found.flags.add("year:" + m.group("rel").lower())
    return found


def _year(m: re.Match) -> Found | None:
    found = Found(m.start(), m.end(), "abs", int(m.group("y")))
    if m.group("mod"):
        found.flags.add("modified")
    return found


def _year_range(m: re.Match) -> Found | None:
    first, second = int(m.group("y")), m.group("y2")
    last = int(second) if len(second) == 4 else first // 100 * 100 + int(second)
    if last <= first or last - first > 50:
        return None
    return Found(m.start(), m.end(), "abs", first, end_parts=(last, None, None))


def _decade(m: re.Match) -> Found | None:
    first = int(m.group("dec"))
    return Found(m.start(), m.end(), "abs", first, end_parts=(first + 9, None, None))


def _season(m: re.Match) -> Found | None:
    first, last = SEASONS[m.group("season").lower()]
    year = int(m.group("y"))
    end_year = year + 1 if last < first else year
    return Found(m.start(), m.end(), "abs", year, first, end_parts=(end_year, last, None))


def _weekday(m: re.Match) -> Found | None:
    if not m.group("wd")[0].isupper():
        return None
    found = Found(m.start(), m.end(), "weekday")
    found.weekday = WEEKDAYS[m.group("wd").lower().rstrip(".")]
    rel = (m.group("rel") or "").lower()
    if rel:
        found.flags.add(rel)
    return found


def _relative(m: re.Match) -> Found | None:
    return Found(m.start(), m.end(), "relative", flags={m.group(0).lower()})


Handler = Callable[[re.Match], "Found | None"]
ATOMS: list[tuple[re.Pattern, Handler]] = [
    (re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b"), _iso_day),
    (
        re.compile(
            rf"\b(?P<mon>{MONTH})\s+(?P<d>{DAY})(?:\s*[-–]\s*(?P<d2>{DAY}))?\b"
            rf"(?!:)(?:,?\s+(?P<y>{YEAR})\b)?",
            re.I,
        ),
        _abs,
    ),
    (
        re.compile(
            rf"\b(?P<d>{DAY})(?:\s*[-–]\s*(?P<d2>{DAY}))?\s+(?:of\s+)?(?P<mon>{MONTH})"
            rf"(?:,?\s+(?P<y>{YEAR})\b)?",
            re.I,
        ),
        _abs,
    ),
    (re.compile(rf"\b{MOD}?(?P<mon>{MONTH}),?\s+(?:of\s+)?(?P<y>{YEAR})\b", re.I), _month_year),
    (
        re.compile(rf"\b{MOD}?(?P<mon>{MONTH})\s+(?:of\s+)?(?P<rel>last|this|next)\s+year\b", re.I),
        _month_of_year,
    ),
    (re.compile(rf"\b{MOD}?(?P<mon>{MONTH_ALONE})", re.I), _month_alone),
    (re.compile(rf"\b(?P<y>{YEAR})\s*[-–/]\s*(?P<y2>{YEAR}|\d\d)\b(?![-–/]\d)", re.I), _year_range),
    (re.compile(rf"(?<![$€£\d.,-])\b(?P<mod>{MOD})?(?P<y>{YEAR})\b(?![.,]?\d)", re.I), _year),
    (re.compile(rf"\b(?:the\s+)?{MOD}?(?P<dec>1[89]\d0|20\d0)s\b", re.I), _decade),
    (
        re.compile(
            rf"\b{MOD}?(?:the\s+)?(?P<season>{_alt(SEASONS)})(?:\s+of)?\s+(?P<y>{YEAR})\b", re.I
        ),
        _season,
    ),
    (
        re.compile(rf"\b(?:(?P<rel>last|next|this|past|coming)\s+)?(?P<wd>{WEEKDAY}){PARTS}", re.I),
        _weekday,
    ),
    (
        re.compile(
            r"\b(?:the\s+day\s+before\s+yesterday|yesterday|today|tonight|tomorrow|overnight|"
            r"last\s+night|this\s+(?:morning|afternoon|evening)|(?:earlier|later)\s+today|"
            r"(?:earlier|later)\s+this\s+(?:week|month|year)|"
            r"(?:last|past|previous|this|next|coming|current)\s+(?:week|month|year|weekend)|"
            r"(?:over|at|on)\s+the\s+weekend|"
            rf"(?:in\s+)?recent\s+{UNIT}s|"
            rf"(?:in\s+|over\s+|during\s+)?the\s+(?:past|last|previous|coming|next)\s+"
            rf"(?:{NUMBER}\s+)?{UNIT}s?|"
            rf"{NUMBER}\s+{UNIT}s?\s+ago)"
            r"(?:\s+(?:morning|afternoon|evening|night))?\b",
            re.I,
        ),
        _relative,
    ),
]


def _scan(text: str, date_spans: list[tuple[int, int]] | None) -> list[Found]:
    """Every atom, the longest at each place, without overlaps."""
    candidates: list[Found] = []
    for pattern, handler in ATOMS:
        for m in pattern.finditer(text):
            found = handler(m)
            if found is None:
                continue
            if handler in (_year, _month_alone) and not _in_context(text, found, date_spans):
                continue
            candidates.append(found)
    candidates.sort(key=lambda f: (f.start, -(f.end - f.start)))
    chosen: list[Found] = []
    for found in candidates:
        if chosen and found.start < chosen[-1].end:
            continue
        chosen.append(found)
    return chosen


def _in_context(text: str, found: Found, date_spans: list[tuple[int, int]] | None) -> bool:
    """A bare year or month counts when a date word precedes it or NER tagged it as a date."""
    if "modified" in found.flags or (found.month is not None and text[found.start].islower()):
        return True
    if CONTEXT.search(text, max(0, found.start - 24), found.start):
        return True
    return any(s <= found.start and found.end <= e for s, e in date_spans or ())


# --- composition and resolution -----------------------------------------------------------


def _combine(text: str, atoms: list[Found]) -> list[Found]:
    """Join "from X to Y", "between X and Y", "X-Y", "Tuesday, May 5"; extend "since X"."""
    out: list[Found] = []
    i = 0
    while i < len(atoms):
        atom = atoms[i]
        nxt = atoms[i + 1] if i + 1 < len(atoms) else None
        gap = text[atom.end : nxt.start] if nxt else ""
        if nxt and atom.kind == "weekday" and nxt.kind == "abs" and re.fullmatch(r",?\s*", gap):
            nxt.start = atom.start
            i += 1
            continue
        if (
            nxt
            and atom.kind == nxt.kind == "abs"
            and atom.end_parts is None
            and RANGE_GAP.match(gap)
            and (gap.strip() in "-–—" or RANGE_START.search(text, 0, atom.start) or "to" in gap)
        ):
            if atom.year is None and nxt.year is not None:
                later = (atom.month or 0) > (nxt.month or 13)
                atom.year = nxt.year - 1 if later else nxt.year
            if atom.month is None and atom.day is None and nxt.month and nxt.year is None:
                nxt.year = atom.year
            prefix = RANGE_START.search(text, 0, atom.start)
            atom.start = prefix.start() if prefix and atom.start - prefix.end() < 1 else atom.start
            atom.end = nxt.end
            atom.end_parts = (nxt.year, nxt.month, nxt.day)
            atom.flags.add("range")
            i += 1
        out.append(atom)
        i += 1
    for atom in out:
        since = SINCE.search(text, max(0, atom.start - 8), atom.start)
        until = UNTIL.search(text, max(0, atom.start - 8), atom.start)
        if since and "range" not in atom.flags and atom.kind in ("abs", "weekday"):
            atom.start = since.start()
            atom.flags.add("since")
        elif until and "range" not in atom.flags and atom.kind == "abs":
            atom.start = until.start()
            atom.flags.add("until")
        else:
            prep = LEADING_PREP.search(text, max(0, atom.start - 12), atom.start)
            if prep:
                atom.start = prep.start()
    return out


def _resolve_abs(found: Found, published: date | None, tense: str | None) -> Date:
    year = found.year
    shifts = {"year:last": -1, "year:this": 0, "year:next": 1}
    shift = next((shifts[f] for f in found.flags if f in shifts), None)
    if year is None and shift is not None and published is not None:
        year = published.year + shift
    if year is None:
        if published is None:
            return Date(start=None, precision="unknown")
        year = _infer_year(found.month or 1, found.day, published, tense)
    start = iso(year, found.month, found.day)
    if found.end_parts is not None:
        end_year, end_month, end_day = found.end_parts
        if end_year is None:
            end_year = year if (end_month or 0) >= (found.month or 0) else year + 1
        return Date(start=start, end=iso(end_year, end_month, end_day), precision="range")
    if "since" in found.flags:
        return Date(start=start, end=None, precision="range")
    if "until" in found.flags:
        return Date(start=None, end=start, precision="range")
    return Date(start=start, precision=_precision(found.month, found.day))


def _resolve_weekday(found: Found, published: date, tense: str | None) -> Date:
    delta_back = (published.weekday() - (found.weekday or 0)) % 7
    delta_forward = ((found.weekday or 0) - published.weekday()) % 7
    if "last" in found.flags or "past" in found.flags:
        return _point(published - timedelta(days=delta_back or 7))
    if "next" in found.flags or "coming" in found.flags:
        return _point(published + timedelta(days=delta_forward or 7))
    if tense == "future":
        return _point(published + timedelta(days=delta_forward))
    return _point(published - timedelta(days=delta_back))


def _count(words: str) -> int:
    words = words.lower()
    return int(words) if words.isdigit() else SMALL_NUMBERS.get(words, 1)


def _span_back(published: date, unit: str, n: int) -> Date:
    """From n units before publication up to publication, at the unit's precision."""
    if unit in ("day", "week"):
        return _days(published - timedelta(days=n * (7 if unit == "week" else 1)), published)
    if unit == "month":
        y, m = add_months(published.year, published.month, -n)
        return Date(start=iso(y, m), end=iso(published.year, published.month), precision="range")
    years = n * (10 if unit == "decade" else 1)
    return Date(start=iso(published.year - years), end=iso(published.year), precision="range")


def _span_forward(published: date, unit: str, n: int) -> Date:
    if unit in ("day", "week"):
        return _days(published, published + timedelta(days=n * (7 if unit == "week" else 1)))
    if unit == "month":
        y, m = add_months(published.year, published.month, n)
        return Date(start=iso(published.year, published.month), end=iso(y, m), precision="range")
    years = n * (10 if unit == "decade" else 1)
    return Date(start=iso(published.year), end=iso(published.year + years), precision="range")


def _weekend(published: date, tense: str | None, shift_weeks: int = 0) -> Date:
    saturday = published + timedelta(days=(5 - published.weekday()) % 7)
    if tense != "future" and saturday > published:
        saturday -= timedelta(days=7)
    saturday += timedelta(days=7 * shift_weeks)
    return _days(saturday, saturday + timedelta(days=1))


def _resolve_relative(phrase: str, published: date, tense: str | None) -> Date | None:
    """Resolve one relative phrase (already lower-cased) against the publication date."""
    phrase = re.sub(r"\s+(?:morning|afternoon|evening|night)$", "", phrase)
    phrase = re.sub(r"\s+", " ", phrase.strip())
    phrase = re.sub(r"^(?:in|over|during) ", "", phrase)
    monday = published - timedelta(days=published.weekday())
    fixed = {
        "the day before yesterday": -2,
        "yesterday": -1,
        "last": -1,  # "last night" (its part of day was stripped)
        "today": 0,
        "tonight": 0,
        "overnight": 0,
        "this": 0,  # "this morning"
        "earlier today": 0,
        "later today": 0,
        "tomorrow": 1,
    }
    if phrase in fixed:
        return _point(published + timedelta(days=fixed[phrase]))
    m = re.fullmatch(r"(earlier|later) this (week|month|year)", phrase)
    if m:
        first = {
            "week": monday,
            "month": published.replace(day=1),
            "year": published.replace(month=1, day=1),
        }[m.group(2)]
        if m.group(1) == "earlier":
            return _days(first, published)
        last = {"week": monday + timedelta(days=6), "month": None, "year": None}[m.group(2)]
        if m.group(2) == "month":
            y, mo = add_months(published.year, published.month, 1)
            last = date(y, mo, 1) - timedelta(days=1)
        if m.group(2) == "year":
            last = date(published.year, 12, 31)
        return _days(published, last or published)
    m = re.fullmatch(
        r"(last|past|previous|this|next|coming|current) (week|month|year|weekend)", phrase
    )
    if m:
        rel, unit = m.groups()
        shift = {"last": -1, "previous": -1, "past": -1, "next": 1, "coming": 1}.get(rel, 0)
        if unit == "weekend":
            if rel in ("this", "current"):
                return _weekend(published, tense)
            return _weekend(published, "future" if shift > 0 else "past")
        if rel == "past":
            return _span_back(published, unit, 1)
        if unit == "week":
            first = monday + timedelta(days=7 * shift)
            return _days(first, first + timedelta(days=6))
        if unit == "month":
            return _month_date(published.year, published.month, shift)
        return Date(start=iso(published.year + shift), precision="year")
    if re.fullmatch(r"(?:(?:at|on) )?the weekend", phrase):
        return _weekend(published, tense)
    m = re.fullmatch(rf"recent ({UNIT})s", phrase)
    if m:
        unit = m.group(1)
        return _span_back(published, unit, {"day": 7, "week": 4, "month": 3}.get(unit, 3))
    m = re.fullmatch(rf"the (past|last|previous|coming|next) (?:({NUMBER}) )?({UNIT})s?", phrase)
    if m:
        direction, number, unit = m.groups()
        n = _count(number) if number else 1
        if direction in ("coming", "next"):
            return _span_forward(published, unit, n)
        return _span_back(published, unit, n)
    m = re.fullmatch(rf"({NUMBER}) ({UNIT})s? ago", phrase)
    if m:
        n, unit = _count(m.group(1)), m.group(2)
        if unit == "day":
            return _point(published - timedelta(days=n))
        if unit == "week":
            day = published - timedelta(days=7 * n)
            first = day - timedelta(days=day.weekday())
            return _days(first, first + timedelta(days=6))
        if unit == "month":
            return _month_date(published.year, published.month, -n)
        years = n * (10 if unit == "decade" else 1)
        return Date(start=iso(published.year - years), precision="year")
    return None


def find_dates(
    text: str,
    published: date | None,
    tense_of: TenseOf | None = None,
    date_spans: list[tuple[int, int]] | None = None,
) -> list[tuple[int, int, Date]]:
    """Every time expression in ``text`` as (start, end, Date), in text order.

    ``date_spans`` are character spans known to be dates (spaCy's DATE entities): inside
    them a bare year counts even without a preposition before it.
    """
    results: list[tuple[int, int, Date]] = []
    for found in _combine(text, _scan(text, date_spans)):
        needs_tense = found.kind in ("weekday", "relative") or found.year is None
        tense = tense_of(found.start, found.end) if tense_of and needs_tense else None
        if found.kind == "abs":
            resolved: Date | None = _resolve_abs(found, published, tense)
        elif published is None:
            resolved = Date(start=None, precision="unknown")
        elif found.kind == "weekday":
            resolved = _resolve_weekday(found, published, tense)
        else:
            resolved = _resolve_relative(text[found.start : found.end].lower(), published, tense)
        if resolved is None:
            continue
        if "since" in found.flags and resolved.precision != "range":
            resolved = Date(start=resolved.start, end=None, precision="range")
        resolved.text = text[found.start : found.end]
        results.append((found.start, found.end, resolved))
    return results


def parse_published(value: str | None) -> date | None:
    """The publication day of an article's ``published`` field (date or full ISO 8601)."""
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None
