-- newsgraph store, schema version 3: indexes and a summary table for fast queries at scale.

-- timeline order (oldest first, undated last) straight from an index
CREATE INDEX events_timeline ON events (ifnull(date_lo, 9999999), id);

-- the whole network, kept up to date by the writer: one row per (actor, recipient, type)
CREATE TABLE network_edges (
    source TEXT NOT NULL,
    target TEXT NOT NULL,
    event TEXT NOT NULL,
    events INTEGER NOT NULL,
    reports INTEGER NOT NULL,
    PRIMARY KEY (source, target, event)
) WITHOUT ROWID;
CREATE INDEX network_edges_target ON network_edges (target);

INSERT INTO network_edges (source, target, event, events, reports)
SELECT source, target, event, count(*), sum(reports) FROM event_edges
GROUP BY source, target, event;
