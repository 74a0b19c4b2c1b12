-- readable by schema 18
-- ita schema 19: where each agency publishes, for the OIT evidence checker (evidence on another
-- site is flagged). `websites` holds the domains the agencies file gives (space-separated; NULL
-- when the file had no website column); agency_domains the ones its working group adds, kept
-- apart so a new agencies file never drops them. Schema 18 reads and writes around both.
ALTER TABLE agencies ADD COLUMN websites TEXT;
CREATE TABLE agency_domains (
  agency_id TEXT NOT NULL REFERENCES agencies (agency_id),
  domain TEXT NOT NULL,
  added_by TEXT NOT NULL,
  added_on {date} NOT NULL,
  PRIMARY KEY (agency_id, domain)
);
