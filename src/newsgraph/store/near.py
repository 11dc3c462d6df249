"""The ``near`` filter: merged events whose location lies within ``km`` of a point.

SQLite narrows the events to a latitude/longitude box around the point (cheap comparisons on
the stored location), then ``newsgraph.places.haversine_km``, registered as an SQL function,
keeps those truly within the radius, so ``LIMIT``/``OFFSET`` and ``count(*)`` page over exactly
the matching events. An event whose location has no coordinates never matches, nor one placed
only in a country: its point is the country's middle, which says nothing of how near the event
was ("fighting in Ukraine" is not an event near Kyiv).
"""

from __future__ import annotations

import math
import re
import sqlite3
from typing import Any

from newsgraph.places import geocode, haversine_km
from newsgraph.places.gazetteer import EARTH_RADIUS_KM
from newsgraph.store.schema import StoreError

#: The radius when a caller names a point but no distance.
DEFAULT_KM = 100.0
KM_PER_DEGREE = EARTH_RADIUS_KM * math.pi / 180
_POINT = re.compile(r"^\s*([-+]?\d+(?:\.\d+)?)\s*,\s*([-+]?\d+(?:\.\d+)?)\s*$")
_LAT = "json_extract(e.location, '$.lat')"
_LON = "json_extract(e.location, '$.lon')"
_PRECISION = "json_extract(e.location, '$.precision')"


def register_functions(conn: sqlite3.Connection) -> None:
    """Make ``haversine_km(lat1, lon1, lat2, lon2)`` callable from SQL on this connection."""
    conn.create_function("haversine_km", 4, _sql_haversine_km, deterministic=True)


def _sql_haversine_km(lat1: Any, lon1: Any, lat2: Any, lon2: Any) -> float | None:
    if None in (lat1, lon1, lat2, lon2):
        return None
    try:
        return haversine_km((float(lat1), float(lon1)), (float(lat2), float(lon2)))
    except (TypeError, ValueError):
        return None  # a hand-edited location with a non-numeric coordinate matches nothing


def resolve_point(text: str) -> tuple[float, float]:
    """``"LAT,LON"`` or a place name (resolved offline by ``newsgraph.places.geocode``) as a
    (lat, lon) point; an unknown place or an impossible coordinate raises ``StoreError``."""
    match = _POINT.match(text)
    if match:
        return check_point((float(match.group(1)), float(match.group(2))))
    if not text.strip():
        raise StoreError("near: give a place name or LAT,LON")
    place = geocode(text.strip())
    if place is None:
        raise StoreError(f"near: unknown place {text.strip()!r} (give a known place or LAT,LON)")
    return place.point


def check_point(point: tuple[float, float]) -> tuple[float, float]:
    lat, lon = (float(v) for v in point)
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise StoreError(f"near: {lat},{lon} is not a latitude,longitude point")
    return lat, lon


def near_clause(point: tuple[float, float], km: float | None) -> tuple[str, list[Any]]:
    """SQL condition on events ``e`` (their stored location) and its parameters."""
    lat, lon = check_point(point)
    km = DEFAULT_KM if km is None else float(km)
    if not (km > 0 and math.isfinite(km)):
        raise StoreError(f"km must be a positive number of kilometres, not {km}")
    dlat = km / KM_PER_DEGREE
    clauses = [f"{_LAT} BETWEEN ? AND ?"]
    params: list[Any] = [lat - dlat, lat + dlat]
    cos_lat = math.cos(math.radians(min(89.9, abs(lat) + dlat)))
    dlon = km / (KM_PER_DEGREE * cos_lat)
    if abs(lat) + dlat < 89.9 and dlon < 180:  # near a pole every longitude can be in range
        low, high = lon - dlon, lon + dlon
        if low < -180:  # the box crosses the antimeridian: two longitude ranges
            clauses.append(f"({_LON} >= ? OR {_LON} <= ?)")
            params += [low + 360, high]
        elif high > 180:
            clauses.append(f"({_LON} >= ? OR {_LON} <= ?)")
            params += [low, high - 360]
        else:
            clauses.append(f"{_LON} BETWEEN ? AND ?")
            params += [low, high]
    clauses.append(f"haversine_km({_LAT}, {_LON}, ?, ?) <= ?")
    params += [lat, lon, km]
    clauses.append(f"coalesce({_PRECISION}, '') <> 'country'")
    return "(" + " AND ".join(clauses) + ")", params
