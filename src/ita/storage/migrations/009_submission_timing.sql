-- ita schema 9: when survey answers arrive, for the response-integrity signals, kept only as
-- counts per agency, instrument, UTC hour and coarse completion time. No row names a response,
-- so no answer can be tied to when or how fast it was given (anonymity by construction).
CREATE TABLE submission_timing (
  fiscal_year INTEGER NOT NULL REFERENCES fiscal_years (fiscal_year),
  agency_id TEXT NOT NULL REFERENCES agencies (agency_id),
  instrument TEXT NOT NULL CHECK (instrument IN ('IIT', 'EIT')),
  hour TEXT NOT NULL,
  duration TEXT NOT NULL CHECK (duration IN ('under_1m', '1m_to_3m', '3m_to_10m', 'over_10m', 'unknown')),
  submissions {bigint} NOT NULL,
  PRIMARY KEY (fiscal_year, agency_id, instrument, hour, duration)
){without_rowid};
