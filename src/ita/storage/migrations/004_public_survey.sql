-- ita schema 4: the public (EIT) survey. A browser gets a random token (kept as a keyed hash)
-- that allows one submission; rate limits count requests per keyed hash of the address in fixed
-- windows. Neither says anything about the answers.
CREATE TABLE browser_tokens (
  token_hash {bytes} PRIMARY KEY,
  fiscal_year INTEGER NOT NULL REFERENCES fiscal_years (fiscal_year),
  agency_id TEXT NOT NULL REFERENCES agencies (agency_id),
  used INTEGER NOT NULL DEFAULT 0 CHECK (used IN (0, 1))
);
CREATE TABLE rate_limits (
  key_hash {bytes} NOT NULL,
  window_start BIGINT NOT NULL,
  hits INTEGER NOT NULL,
  PRIMARY KEY (key_hash, window_start)
);
