"""Stage: events. PLOVER 0.8 types, modes, contexts and roles from the parse."""
