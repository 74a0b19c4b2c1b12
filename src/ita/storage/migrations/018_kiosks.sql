-- readable by schema 17
-- Counter devices on which citizens answer the EIT one after another (kiosk mode), turned on by
-- the agency's working group: the keyed hash of the device's token (never the token), its label,
-- whether it was turned off, and how many EIT answers it sent (a count only: no answer is linked
-- to a device). Only a table is added: schema 17 keeps running on it.
CREATE TABLE kiosks (
  kiosk_hash {bytes} PRIMARY KEY,
  fiscal_year INTEGER NOT NULL REFERENCES fiscal_years (fiscal_year),
  agency_id TEXT NOT NULL REFERENCES agencies (agency_id),
  label TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_on {date} NOT NULL,
  revoked INTEGER NOT NULL DEFAULT 0 CHECK (revoked IN (0, 1)),
  answers {bigint} NOT NULL DEFAULT 0
);
CREATE INDEX kiosks_by_agency ON kiosks (fiscal_year, agency_id);
