-- ita schema 5: login sessions. The browser holds a random token; the database keeps its keyed
-- hash, the user, the CSRF token of the session's forms and when it expires (Unix seconds).
CREATE TABLE sessions (
  token_hash {bytes} PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users (user_id),
  csrf TEXT NOT NULL,
  expires_at BIGINT NOT NULL
);
