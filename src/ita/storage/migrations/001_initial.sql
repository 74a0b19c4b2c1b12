-- ita schema 1. Answers: one row per respondent, random id, packed answers (see
-- core/answer_layout.hpp), a keyed hash of the file's respondent label, the day at most.
CREATE TABLE settings (
  name TEXT PRIMARY KEY,
  value {bytes} NOT NULL
);
CREATE TABLE agencies (
  agency_id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  type TEXT NOT NULL,
  province TEXT NOT NULL,
  size_group TEXT,
  parent_id TEXT REFERENCES agencies (agency_id),
  headcount {bigint}
);
CREATE TABLE fiscal_years (
  fiscal_year INTEGER PRIMARY KEY,
  methodology_version TEXT NOT NULL,
  iit_layout TEXT NOT NULL,
  eit_layout TEXT NOT NULL,
  state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'closed', 'published'))
);
CREATE TABLE assessments (
  agency_id TEXT NOT NULL REFERENCES agencies (agency_id),
  fiscal_year INTEGER NOT NULL REFERENCES fiscal_years (fiscal_year),
  state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'closed', 'published')),
  iit_headcount {bigint},
  PRIMARY KEY (agency_id, fiscal_year)
){without_rowid};
CREATE TABLE responses (
  response_id {bigint} PRIMARY KEY,
  fiscal_year INTEGER NOT NULL REFERENCES fiscal_years (fiscal_year),
  agency_id TEXT NOT NULL REFERENCES agencies (agency_id),
  instrument TEXT NOT NULL CHECK (instrument IN ('IIT', 'EIT')),
  respondent_key {bytes},
  submitted_on {date},
  answers {bytes} NOT NULL
);
CREATE UNIQUE INDEX responses_by_key ON responses (fiscal_year, agency_id, instrument, respondent_key);
CREATE TABLE oit_submissions (
  fiscal_year INTEGER NOT NULL REFERENCES fiscal_years (fiscal_year),
  agency_id TEXT NOT NULL REFERENCES agencies (agency_id),
  item TEXT NOT NULL,
  url TEXT NOT NULL DEFAULT '',
  description TEXT NOT NULL DEFAULT '',
  submitted_at TEXT NOT NULL,
  PRIMARY KEY (fiscal_year, agency_id, item)
){without_rowid};
CREATE TABLE oit_reviews (
  fiscal_year INTEGER NOT NULL REFERENCES fiscal_years (fiscal_year),
  agency_id TEXT NOT NULL REFERENCES agencies (agency_id),
  item TEXT NOT NULL,
  verdict TEXT NOT NULL CHECK (verdict IN ('accepted', 'rejected')),
  comment TEXT NOT NULL DEFAULT '',
  reviewer TEXT NOT NULL,
  reviewed_at TEXT NOT NULL,
  PRIMARY KEY (fiscal_year, agency_id, item)
){without_rowid};
CREATE TABLE published_scores (
  fiscal_year INTEGER NOT NULL REFERENCES fiscal_years (fiscal_year),
  agency_id TEXT NOT NULL REFERENCES agencies (agency_id),
  level TEXT NOT NULL CHECK (level IN ('subitem', 'question', 'item', 'indicator', 'instrument', 'overall')),
  code TEXT NOT NULL,
  score {real} NOT NULL,
  PRIMARY KEY (fiscal_year, agency_id, level, code)
){without_rowid};
CREATE TABLE score_snapshots (
  fiscal_year INTEGER NOT NULL REFERENCES fiscal_years (fiscal_year),
  agency_id TEXT NOT NULL REFERENCES agencies (agency_id),
  methodology_version TEXT NOT NULL,
  computed_at TEXT NOT NULL,
  overall {real},
  rating TEXT NOT NULL DEFAULT '',
  pass {boolean},
  detail TEXT NOT NULL,
  PRIMARY KEY (fiscal_year, agency_id)
){without_rowid};
CREATE TABLE users (
  user_id TEXT PRIMARY KEY,
  display_name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('national_admin', 'agency_admin', 'auditor')),
  agency_id TEXT REFERENCES agencies (agency_id),
  password_hash TEXT,
  created_at TEXT NOT NULL
);
CREATE TABLE audit_log (
  entry_id {serial_key},
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  fiscal_year INTEGER,
  agency_id TEXT,
  detail TEXT NOT NULL DEFAULT ''
);
-- @sqlite
CREATE TRIGGER audit_log_append_only_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_append_only_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
-- @postgresql
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
-- @end
