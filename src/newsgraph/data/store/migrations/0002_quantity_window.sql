-- newsgraph store, schema version 2: find figures on the same subject by the end of their
-- date interval, so the lookup for a new claim scans only recent figures (ingests run
-- roughly in date order), not every figure ever stored on that subject.
CREATE INDEX quantities_subject_hi ON quantities (subject, date_hi) WHERE claim_id IS NOT NULL;
CREATE INDEX quantities_claim ON quantities (claim_id) WHERE claim_id IS NOT NULL;
