-- newsgraph store, schema version 1.
-- Applied by newsgraph.store.schema.migrate inside one transaction, which then sets
-- PRAGMA user_version = 1. JSON columns hold v1 record fragments (SPEC.md) as text.

CREATE TABLE articles (
    pk INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    sha256 TEXT NOT NULL,
    title TEXT,
    published TEXT,
    url TEXT,
    source TEXT,
    language TEXT,
    text TEXT NOT NULL DEFAULT '',
    ingested_at TEXT NOT NULL
);
CREATE UNIQUE INDEX articles_sha256 ON articles (sha256) WHERE sha256 != '';
CREATE INDEX articles_published ON articles (published);

CREATE VIRTUAL TABLE articles_fts USING fts5 (
    title, text, content = 'articles', content_rowid = 'pk',
    tokenize = 'unicode61 remove_diacritics 2'
);

-- Entities merged across articles by canonical name, alias and code.
CREATE TABLE entities (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT,
    code TEXT,
    sector TEXT,
    aliases TEXT NOT NULL DEFAULT '[]',
    titles TEXT NOT NULL DEFAULT '[]',
    mention_count INTEGER NOT NULL DEFAULT 0,
    article_count INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX entities_code ON entities (code);
CREATE INDEX entities_mentions ON entities (mention_count DESC);

-- Every normalised name and alias an entity is known by.
CREATE TABLE entity_names (
    norm TEXT NOT NULL,
    entity_id INTEGER NOT NULL REFERENCES entities (id),
    PRIMARY KEY (norm, entity_id)
) WITHOUT ROWID;
CREATE INDEX entity_names_entity ON entity_names (entity_id);

CREATE TABLE mentions (
    article_pk INTEGER NOT NULL REFERENCES articles (pk),
    entity_id INTEGER NOT NULL REFERENCES entities (id),
    local_id TEXT,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT
);
CREATE INDEX mentions_article ON mentions (article_pk);
CREATE INDEX mentions_entity ON mentions (entity_id, article_pk);

-- Merged events: one row per real-world event, summarising its reports.
CREATE TABLE events (
    id INTEGER PRIMARY KEY,
    event TEXT NOT NULL,
    irrealis INTEGER NOT NULL DEFAULT 0,
    mode TEXT NOT NULL DEFAULT '[]',
    context TEXT NOT NULL DEFAULT '[]',
    aux TEXT NOT NULL DEFAULT '[]',
    actor TEXT NOT NULL DEFAULT '[]',
    recipient TEXT NOT NULL DEFAULT '[]',
    merge_key TEXT NOT NULL,            -- newsgraph.store.merge cluster summary
    date TEXT,                          -- v1 Date of the most precise report
    date_lo INTEGER,                    -- day ordinals for date filters; NULL when undated
    date_hi INTEGER,
    location TEXT,
    cameo TEXT,
    confidence REAL,
    report_count INTEGER NOT NULL DEFAULT 0,
    source_count INTEGER NOT NULL DEFAULT 0,
    sources TEXT NOT NULL DEFAULT '[]',
    first_reported TEXT,
    last_reported TEXT,
    contradicted INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX events_date ON events (date_lo DESC, id DESC);
CREATE INDEX events_type_date ON events (event, date_lo);

-- Candidate lookup for merging: TYPE|irrealis|CODE blocks with the event's date interval.
CREATE TABLE event_blocks (
    block TEXT NOT NULL,
    event_id INTEGER NOT NULL REFERENCES events (id),
    hi INTEGER NOT NULL,
    PRIMARY KEY (block, event_id)
) WITHOUT ROWID;
CREATE INDEX event_blocks_hi ON event_blocks (block, hi);

-- Who takes part in a merged event, for --actor filters.
CREATE TABLE event_participants (
    event_id INTEGER NOT NULL REFERENCES events (id),
    role TEXT NOT NULL,                 -- actor | recipient
    key TEXT NOT NULL,                  -- code, or name:<normalised name>
    entity_id INTEGER,
    PRIMARY KEY (event_id, role, key)
) WITHOUT ROWID;
CREATE INDEX event_participants_key ON event_participants (key, event_id);
CREATE INDEX event_participants_entity ON event_participants (entity_id);

-- Directed dyads of each merged event, for the network query.
CREATE TABLE event_edges (
    event_id INTEGER NOT NULL REFERENCES events (id),
    source TEXT NOT NULL,
    target TEXT NOT NULL,
    event TEXT NOT NULL,
    date_lo INTEGER,
    date_hi INTEGER,
    reports INTEGER NOT NULL,
    PRIMARY KEY (event_id, source, target)
) WITHOUT ROWID;
CREATE INDEX event_edges_source ON event_edges (source);
CREATE INDEX event_edges_target ON event_edges (target);

-- One row per event mention in an article (a v1 event), attached to its merged event.
CREATE TABLE reports (
    id INTEGER PRIMARY KEY,
    event_id INTEGER NOT NULL REFERENCES events (id),
    article_pk INTEGER NOT NULL REFERENCES articles (pk),
    local_id TEXT,
    stance TEXT NOT NULL,               -- assert | deny | allege | acknowledge | deny_knowledge
    data TEXT NOT NULL                  -- the v1 event, participants with store entity ids
);
CREATE INDEX reports_event ON reports (event_id);
CREATE INDEX reports_article ON reports (article_pk);

CREATE TABLE claims (
    id INTEGER PRIMARY KEY,
    article_pk INTEGER NOT NULL REFERENCES articles (pk),
    local_id TEXT,
    speaker_key TEXT,
    speaker_entity INTEGER,
    stance TEXT NOT NULL,
    data TEXT NOT NULL                  -- the v1 claim, speaker with store entity id
);
CREATE INDEX claims_article ON claims (article_pk);
CREATE INDEX claims_speaker ON claims (speaker_key);
CREATE INDEX claims_speaker_entity ON claims (speaker_entity);

CREATE TABLE claim_events (
    claim_id INTEGER NOT NULL REFERENCES claims (id),
    event_id INTEGER NOT NULL REFERENCES events (id),
    PRIMARY KEY (claim_id, event_id)
) WITHOUT ROWID;
CREATE INDEX claim_events_event ON claim_events (event_id);

-- What a claim is about: participants of its events and entities named in its content.
CREATE TABLE claim_about (
    claim_id INTEGER NOT NULL REFERENCES claims (id),
    key TEXT NOT NULL,
    entity_id INTEGER,
    PRIMARY KEY (claim_id, key)
) WITHOUT ROWID;
CREATE INDEX claim_about_key ON claim_about (key);
CREATE INDEX claim_about_entity ON claim_about (entity_id);

-- Figures stated in articles, for figure contradictions between claims.
CREATE TABLE quantities (
    id INTEGER PRIMARY KEY,
    article_pk INTEGER NOT NULL REFERENCES articles (pk),
    claim_id INTEGER REFERENCES claims (id),
    subject TEXT,                        -- unit|counted thing, normalised
    value REAL,
    date_lo INTEGER,
    date_hi INTEGER,
    data TEXT NOT NULL
);
CREATE INDEX quantities_article ON quantities (article_pk);
CREATE INDEX quantities_subject ON quantities (subject, date_lo);

CREATE TABLE contradictions (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,            -- what it is about, so re-derivation keeps the id
    kind TEXT NOT NULL,                  -- stance | figure
    subject TEXT,
    description TEXT NOT NULL,
    sides TEXT NOT NULL
);

CREATE TABLE contradiction_events (
    contradiction_id INTEGER NOT NULL REFERENCES contradictions (id),
    event_id INTEGER NOT NULL REFERENCES events (id),
    PRIMARY KEY (contradiction_id, event_id)
) WITHOUT ROWID;
CREATE INDEX contradiction_events_event ON contradiction_events (event_id);
