-- readable by schema 18
-- ita schema 19: OIT evidence as the real checklist gives it, and where each agency publishes.
-- An item may have several addresses (monthly summaries, a plan and its report): `url` stays the
-- first, `more_urls` the others, one a line; the checker records each under "O23#2", "O23#3".
-- Evidence on another site than the agency's is flagged: `websites` holds the domains the agencies file gives (space-separated; NULL
-- when the file had no website column); agency_domains the ones its working group adds, kept
-- apart so a new agencies file never drops them. Schema 18 reads and writes around both.
ALTER TABLE oit_submissions ADD COLUMN more_urls TEXT NOT NULL DEFAULT '';
-- The working group's "ส่งแบบ OIT": its entries are final, the auditor reviews them (before it,
-- while the entry window is open, the auditor waits).
CREATE TABLE oit_sendings (
  fiscal_year INTEGER NOT NULL REFERENCES fiscal_years (fiscal_year),
  agency_id TEXT NOT NULL REFERENCES agencies (agency_id),
  sent_by TEXT NOT NULL,
  sent_on {date} NOT NULL,
  PRIMARY KEY (fiscal_year, agency_id)
);
ALTER TABLE agencies ADD COLUMN websites TEXT;
CREATE TABLE agency_domains (
  agency_id TEXT NOT NULL REFERENCES agencies (agency_id),
  domain TEXT NOT NULL,
  added_by TEXT NOT NULL,
  added_on {date} NOT NULL,
  PRIMARY KEY (agency_id, domain)
);
