"""Stage: places. Event locations resolved offline to coordinates."""
