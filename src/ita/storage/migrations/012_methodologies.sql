-- ita schema 12: each year's methodology as this deployment uses it, versioned. The newest row
-- of a year is the one in force for every process; once frozen (its season opened) the year
-- changes only by a new version recorded with a reason. A year without a row uses the file
-- compiled into ita. Scores name the version they used (score_snapshots.methodology_version).
CREATE TABLE methodologies (
  methodology_id {serial_key},
  fiscal_year INTEGER NOT NULL,
  version TEXT NOT NULL,
  document TEXT NOT NULL,
  reason TEXT NOT NULL,
  actor TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  frozen {boolean} NOT NULL,
  UNIQUE (fiscal_year, version)
);
