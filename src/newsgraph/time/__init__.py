"""Stage: time. Dates of events and claims, normalised against the publication date."""

from newsgraph.time.component import Timex, date_for, publication_date

__all__ = ["Timex", "date_for", "publication_date"]
