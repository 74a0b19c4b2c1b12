-- ita schema 15: whether an auditor has looked again at a rejected OIT item since the agency
-- clarified it, so that "awaiting re-review" is a fact rather than a guess from two dates of
-- the same day. Clarifications reviewed after they were filed (an earlier day) count as seen.
ALTER TABLE oit_clarifications ADD COLUMN reviewed INTEGER NOT NULL DEFAULT 0;
UPDATE oit_clarifications SET reviewed = 1 WHERE EXISTS (SELECT 1 FROM oit_reviews r
  WHERE r.fiscal_year = oit_clarifications.fiscal_year AND r.agency_id = oit_clarifications.agency_id
    AND r.item = oit_clarifications.item AND r.reviewed_at > oit_clarifications.filed_on);
