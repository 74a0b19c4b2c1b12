-- ita schema 3: one-time survey codes. A code is kept only as a keyed hash, with whether it
-- has been used: never when, by whom, or which answers it brought (anonymity by construction).
CREATE TABLE survey_codes (
  code_hash {bytes} PRIMARY KEY,
  fiscal_year INTEGER NOT NULL REFERENCES fiscal_years (fiscal_year),
  agency_id TEXT NOT NULL REFERENCES agencies (agency_id),
  instrument TEXT NOT NULL CHECK (instrument IN ('IIT', 'EIT')),
  spent INTEGER NOT NULL DEFAULT 0 CHECK (spent IN (0, 1))
);
CREATE INDEX survey_codes_by_agency ON survey_codes (fiscal_year, agency_id);
