-- ita schema 17: auditors' work. Each agency of a year is assigned to one auditor (by the
-- national admin, in bulk), and every OIT verdict ever given is kept (oit_review_history: who,
-- when, what, why), not only the latest in oit_reviews. Verdicts given before are copied over.
CREATE TABLE review_assignments (
  fiscal_year INTEGER NOT NULL,
  agency_id TEXT NOT NULL REFERENCES agencies (agency_id),
  auditor TEXT NOT NULL REFERENCES users (user_id),
  assigned_at TEXT NOT NULL,
  PRIMARY KEY (fiscal_year, agency_id)
);
CREATE TABLE oit_review_history (
  history_id {serial_key},
  fiscal_year INTEGER NOT NULL,
  agency_id TEXT NOT NULL,
  item TEXT NOT NULL,
  verdict TEXT NOT NULL,
  comment TEXT NOT NULL DEFAULT '',
  reviewer TEXT NOT NULL,
  reviewed_at TEXT NOT NULL
);
CREATE INDEX oit_review_history_item ON oit_review_history (fiscal_year, agency_id, item);
INSERT INTO oit_review_history (fiscal_year, agency_id, item, verdict, comment, reviewer, reviewed_at)
  SELECT fiscal_year, agency_id, item, verdict, coalesce(comment, ''), coalesce(reviewer, ''), coalesce(reviewed_at, '')
  FROM oit_reviews ORDER BY fiscal_year, agency_id, item;
