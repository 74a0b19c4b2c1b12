-- ita schema 2: integrity measures, their progress reports, and 4M constraints.
-- A measure belongs to the fiscal year it is carried out in, usually the year after the result
-- it answers, which may have no assessment (and no methodology) yet: no reference to fiscal_years.
CREATE TABLE measures (
  measure_id {serial_key},
  fiscal_year INTEGER NOT NULL,
  agency_id TEXT NOT NULL REFERENCES agencies (agency_id),
  targets TEXT NOT NULL DEFAULT '',
  title TEXT NOT NULL,
  analysis TEXT NOT NULL DEFAULT '',
  steps TEXT NOT NULL DEFAULT '',
  responsible TEXT NOT NULL,
  start_on TEXT NOT NULL,
  end_on TEXT NOT NULL,
  cadence TEXT NOT NULL CHECK (cadence IN ('monthly', 'quarterly', 'half-yearly')),
  status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'active', 'done'))
);
CREATE INDEX measures_by_agency ON measures (fiscal_year, agency_id);
CREATE TABLE measure_progress (
  measure_id {bigint} NOT NULL REFERENCES measures (measure_id) ON DELETE CASCADE,
  reported_on TEXT NOT NULL,
  percent INTEGER NOT NULL CHECK (percent BETWEEN 0 AND 100),
  text TEXT NOT NULL DEFAULT '',
  evidence_url TEXT NOT NULL DEFAULT ''
);
CREATE INDEX measure_progress_by_measure ON measure_progress (measure_id);
CREATE TABLE constraints_4m (
  fiscal_year INTEGER NOT NULL,
  agency_id TEXT NOT NULL REFERENCES agencies (agency_id),
  man TEXT NOT NULL DEFAULT '',
  money TEXT NOT NULL DEFAULT '',
  method TEXT NOT NULL DEFAULT '',
  material TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (fiscal_year, agency_id)
){without_rowid};
