-- ita schema 8: the OIT evidence checker. Every check of an entered address is kept
-- (url_checks: readiness, status, where the redirects led and why), with the bytes fetched as
-- frozen evidence stored once per SHA-256 (evidence_snapshots), so the auditor can open a page
-- exactly as it was at the deadline even after the agency changed it. Only the bytes of each
-- item's newest check and of its check at the deadline are kept (Store::forget_snapshots).
CREATE TABLE evidence_snapshots (
  sha256 TEXT PRIMARY KEY,
  content_type TEXT NOT NULL,
  body {bytes} NOT NULL
){without_rowid};
CREATE TABLE url_checks (
  check_id {serial_key},
  fiscal_year INTEGER NOT NULL REFERENCES fiscal_years (fiscal_year),
  agency_id TEXT NOT NULL REFERENCES agencies (agency_id),
  item TEXT NOT NULL,
  url TEXT NOT NULL,
  checked_at TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('ok', 'broken', 'stale', 'suspicious')),
  http_status INTEGER NOT NULL,
  final_url TEXT NOT NULL,
  reason TEXT NOT NULL,
  reason_codes TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size {bigint} NOT NULL,
  redirects TEXT NOT NULL,
  snapshot TEXT REFERENCES evidence_snapshots (sha256)
);
CREATE INDEX url_checks_by_item ON url_checks (fiscal_year, agency_id, item, check_id);
CREATE INDEX url_checks_by_snapshot ON url_checks (snapshot);
