"""Stage 3: actors. Mentions of states, governments, armies, people and organisations."""

from newsgraph.actors.participants import participant_at, participants_at

__all__ = ["participant_at", "participants_at"]
