-- ita schema 10: staff anonymity against the database's own internals (ARCHITECTURE.md, "Threat
-- model"). Answers given on the web wait sealed in held_answers (storage/held_answers.hpp)
-- until their survey window closes, then move to responses all at once and shuffled; responses
-- keep no day; a browser token is recorded only when it is used, so reading the public survey
-- writes nothing. The key moves out of `settings` into the secrets file (done by the code that
-- applies this migration; `settings` keeps only a check value).
CREATE TABLE held_answers (
  fiscal_year INTEGER NOT NULL REFERENCES fiscal_years (fiscal_year),
  agency_id TEXT NOT NULL REFERENCES agencies (agency_id),
  instrument TEXT NOT NULL CHECK (instrument IN ('IIT', 'EIT')),
  sealed {bytes} NOT NULL
);
CREATE INDEX held_answers_by_year ON held_answers (fiscal_year, instrument, agency_id);
ALTER TABLE responses DROP COLUMN submitted_on;
DELETE FROM browser_tokens WHERE used = 0;
