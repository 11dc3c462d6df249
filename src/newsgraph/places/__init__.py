"""Stage: places. Event locations resolved offline to coordinates."""

from newsgraph.places.gazetteer import Place, geocode, haversine_km

__all__ = ["Place", "geocode", "haversine_km"]
