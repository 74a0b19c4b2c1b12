-- ita schema 14: every publication of a year is kept as a version. A correction after
-- publication is a new version with its reason; earlier versions stay readable. A publication
-- may be embargoed: the public sees it from `public_from` (UTC), and until then the version in
-- force stays the one before. published_rows holds each version's frozen rows (what
-- published_results held for the latest version only, which is copied over).
ALTER TABLE publications ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE publications ADD COLUMN public_from TEXT NOT NULL DEFAULT '';
ALTER TABLE publications ADD COLUMN reason TEXT NOT NULL DEFAULT '';
UPDATE publications SET public_from = published_at;
UPDATE publications SET version = (SELECT count(*) FROM publications q
  WHERE q.fiscal_year = publications.fiscal_year AND q.publication_id <= publications.publication_id);
CREATE INDEX publications_by_year ON publications (fiscal_year, public_from);
CREATE TABLE published_rows (
  publication_id {bigint} NOT NULL REFERENCES publications (publication_id),
  agency_id TEXT NOT NULL REFERENCES agencies (agency_id),
  methodology_version TEXT NOT NULL,
  overall {real},
  rating TEXT NOT NULL DEFAULT '',
  pass {boolean},
  detail TEXT NOT NULL,
  PRIMARY KEY (publication_id, agency_id)
){without_rowid};
INSERT INTO published_rows (publication_id, agency_id, methodology_version, overall, rating, pass, detail)
  SELECT p.publication_id, r.agency_id, r.methodology_version, r.overall, r.rating, r.pass, r.detail
  FROM published_results r JOIN publications p ON p.fiscal_year = r.fiscal_year
  WHERE p.publication_id = (SELECT max(q.publication_id) FROM publications q WHERE q.fiscal_year = r.fiscal_year);
DROP TABLE published_results;
