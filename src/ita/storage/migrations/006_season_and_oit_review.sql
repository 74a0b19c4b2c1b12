-- ita schema 6: the season calendar and the OIT review cycle. Each phase of a fiscal year
-- (iit, eit, oit_entry, review, clarification) has a first and last day (YYYY-MM-DD,
-- inclusive). The agency says per item whether it has the evidence (present), the auditor's
-- verdict stays in oit_reviews, and one clarification per rejected item is kept apart so the
-- first submission is never overwritten.
ALTER TABLE oit_submissions ADD COLUMN present INTEGER NOT NULL DEFAULT 1 CHECK (present IN (0, 1));
CREATE TABLE oit_clarifications (
  fiscal_year INTEGER NOT NULL REFERENCES fiscal_years (fiscal_year),
  agency_id TEXT NOT NULL REFERENCES agencies (agency_id),
  item TEXT NOT NULL,
  body TEXT NOT NULL,
  url TEXT NOT NULL DEFAULT '',
  filed_on TEXT NOT NULL,
  PRIMARY KEY (fiscal_year, agency_id, item)
);
CREATE TABLE season_windows (
  fiscal_year INTEGER NOT NULL REFERENCES fiscal_years (fiscal_year),
  phase TEXT NOT NULL CHECK (phase IN ('iit', 'eit', 'oit_entry', 'review', 'clarification')),
  opens_on TEXT NOT NULL,
  closes_on TEXT NOT NULL,
  PRIMARY KEY (fiscal_year, phase)
);
