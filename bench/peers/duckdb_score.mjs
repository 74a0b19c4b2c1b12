// Peer: DuckDB scores the same CSV files with SQL.
// Usage: node duckdb_score.mjs DATA_DIR METHODOLOGY OUT_CSV [RESPONSES_LONG_CSV]
// Wide form reads DATA_DIR/responses_iit.csv and responses_eit.csv; with RESPONSES_LONG_CSV the
// answers come from that long-form file (agency_id,instrument,respondent,question,answer).
//
// The fastest SQL we found for each form, as a competent user would write it:
// - wide: one pass with conditional aggregation, a sum and a count of points per answer column
//   and agency, then those few rows per agency turned into sub-item scores (nation, 2 cores:
//   1.17 s, where UNPIVOT of every answer and a join to the points took 2.2 s);
// - long: answers counted per agency, sub-item and answer first, the counts then joined to
//   the points (2.84 s, where joining every answer first took 3.0-3.4 s; in no order 4.2 s
//   both ways).
import { DuckDBInstance } from '@duckdb/node-api';
import { methodologyTables, sqlValues, scoringFromSubScores } from './methodology_tables.mjs';

const [dataDir, methodologyPath, outPath, longPath] = process.argv.slice(2);
const { points, items, subItems, weights } = methodologyTables(methodologyPath);
const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
await connection.run(`CREATE TABLE points(sub_item VARCHAR, answer VARCHAR, points DOUBLE, question VARCHAR, indicator INTEGER, instrument VARCHAR);
INSERT INTO points VALUES ${sqlValues(points)};
CREATE TABLE items(item VARCHAR, sub_indicator VARCHAR, indicator INTEGER);
INSERT INTO items VALUES ${sqlValues(items)};`);
const csv = (path) => `read_csv('${path}', all_varchar = true, header = true)`;
const columnsOf = (instrument) => subItems.filter(([, owner]) => owner === instrument).map(([code]) => code);
const pointsOf = (code) => points.filter(([subItem]) => subItem === code);
// Per agency: s<i> the sum of the points of column i's answers, n<i> how many it has.
const sums = (file, instrument) => `SELECT agency_id, ${columnsOf(instrument).map((code, index) => `
    sum(CASE "${code}" ${pointsOf(code).map(([, answer, value]) => `WHEN '${answer}' THEN ${value}`).join(' ')} END) AS s${index},
    count(CASE "${code}" ${pointsOf(code).map(([, answer]) => `WHEN '${answer}' THEN 1`).join(' ')} END) AS n${index}`).join(',')}
  FROM ${csv(`${dataDir}/${file}`)} GROUP BY agency_id`;
const wideSubScores = (table, instrument) => columnsOf(instrument).map((code, index) => {
  const [, , , question, indicator] = pointsOf(code)[0];
  return `SELECT agency_id, '${code}' AS sub_item, '${question}' AS question, ${indicator} AS indicator, '${instrument}' AS instrument, s${index} / n${index} AS score FROM ${table} WHERE n${index} > 0`;
}).join('\nUNION ALL ');
const subScores = longPath
  ? `counts AS (SELECT agency_id, question AS sub_item, answer, count(*) AS n FROM ${csv(longPath)} GROUP BY ALL),
sub_scores AS (SELECT c.agency_id, p.sub_item, p.question, p.indicator, p.instrument, sum(p.points * c.n) / sum(c.n) AS score
               FROM counts c JOIN points p ON p.sub_item = c.sub_item AND p.answer = c.answer GROUP BY ALL)`
  : `sums_iit AS (${sums('responses_iit.csv', 'IIT')}),
sums_eit AS (${sums('responses_eit.csv', 'EIT')}),
sub_scores AS (${wideSubScores('sums_iit', 'IIT')}
UNION ALL ${wideSubScores('sums_eit', 'EIT')})`;
await connection.run(`COPY (
WITH ${subScores},
oit AS (SELECT agency_id, item, present FROM ${csv(`${dataDir}/oit.csv`)}),
${scoringFromSubScores(weights)}
) TO '${outPath}' (HEADER, DELIMITER ',')`);
