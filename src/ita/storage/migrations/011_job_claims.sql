-- ita schema 11: work that one process of a deployment does for all, claimed per period (the
-- nightly OIT evidence check, one claim a Bangkok date): the first process to insert the row
-- does it, the others see it taken.
CREATE TABLE job_claims (
  job TEXT NOT NULL,
  period TEXT NOT NULL,
  claimed_at TEXT NOT NULL,
  PRIMARY KEY (job, period)
);
