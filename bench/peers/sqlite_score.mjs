// Peer: writes the SQLite script that imports the same CSV files and scores them with SQL.
// Usage: node sqlite_score.mjs DATA_DIR METHODOLOGY OUT_CSV > score.sql; sqlite3 < score.sql
//
// The fastest SQL for wide answers in SQLite (it has no UNPIVOT): one pass over each table
// with conditional aggregation, a sum and a count of points per answer column and agency, then
// the few sums per agency turned into rows. Measured against unpivoting every answer first
// (json_each over a json_array of the row's columns, the usual idiom): 300 agencies, 1.4 M
// answers, 0.30 s against 2.23 s (bench/README.md, 2026-12-01).
import { methodologyTables, sqlValues, scoringFromSubScores } from './methodology_tables.mjs';

const [dataDir, methodologyPath, outPath] = process.argv.slice(2);
const { points, items, subItems, weights } = methodologyTables(methodologyPath);
const columnsOf = (instrument) => subItems.filter(([, owner]) => owner === instrument).map(([code]) => code);
const pointsOf = (code) => points.filter(([subItem]) => subItem === code);
const quoted = (text) => `'${text.replaceAll("'", "''")}'`;
// Per agency: s<i> the sum of the points of column i's answers, n<i> how many it has.
const sums = (table, instrument) => `SELECT agency_id, ${columnsOf(instrument).map((code, index) => {
  const cases = pointsOf(code);
  return `sum(CASE "${code}" ${cases.map(([, answer, value]) => `WHEN ${quoted(answer)} THEN ${value}`).join(' ')} END) AS s${index},
    count(CASE "${code}" ${cases.map(([, answer]) => `WHEN ${quoted(answer)} THEN 1`).join(' ')} END) AS n${index}`;
}).join(',\n    ')}
  FROM ${table} GROUP BY agency_id`;
const subScores = (table, instrument) => columnsOf(instrument).map((code, index) => {
  const [, , , question, indicator] = pointsOf(code)[0];
  return `SELECT agency_id, ${quoted(code)} AS sub_item, ${quoted(question)} AS question, ${indicator} AS indicator, '${instrument}' AS instrument, s${index} * 1.0 / n${index} AS score FROM sums_${table} WHERE n${index} > 0`;
}).join('\nUNION ALL ');
process.stdout.write(`PRAGMA journal_mode = OFF;
PRAGMA synchronous = OFF;
CREATE TABLE items(item TEXT PRIMARY KEY, sub_indicator TEXT, indicator INTEGER);
INSERT INTO items VALUES ${sqlValues(items)};
.mode csv
.import ${dataDir}/responses_iit.csv iit
.import ${dataDir}/responses_eit.csv eit
.import ${dataDir}/oit.csv oit
.headers on
.once ${outPath}
WITH sums_iit AS MATERIALIZED (${sums('iit', 'IIT')}),
sums_eit AS MATERIALIZED (${sums('eit', 'EIT')}),
sub_scores AS (${subScores('iit', 'IIT')}
UNION ALL ${subScores('eit', 'EIT')}),
${scoringFromSubScores(weights)};
`);
