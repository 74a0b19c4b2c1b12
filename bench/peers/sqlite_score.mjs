// Peer: writes the SQLite script that imports the same CSV files and scores them with SQL.
// Usage: node sqlite_score.mjs DATA_DIR METHODOLOGY OUT_CSV > score.sql; sqlite3 < score.sql
import { methodologyTables, sqlValues, scoringQuery } from './methodology_tables.mjs';

const [dataDir, methodologyPath, outPath] = process.argv.slice(2);
const { points, items, subItems, weights } = methodologyTables(methodologyPath);
// One pass per table: json_each turns a row's answer columns into rows (SQLite has no UNPIVOT).
const columnsOf = (instrument) => subItems.filter(([, owner]) => owner === instrument).map(([code]) => code);
const unpivot = (table, instrument) => {
  const columns = columnsOf(instrument);
  return `SELECT t.agency_id AS agency_id, c.sub_item AS sub_item, j.value AS answer
  FROM ${table} t, json_each(json_array(${columns.map((code) => `t."${code}"`).join(', ')})) j
  JOIN columns_${table} c ON c.position = j.key
  WHERE j.value <> ''`;
};
const columnTable = (table, instrument) => `CREATE TABLE columns_${table}(position INTEGER PRIMARY KEY, sub_item TEXT);
INSERT INTO columns_${table} VALUES ${columnsOf(instrument).map((code, index) => `(${index}, '${code}')`).join(', ')};`;
process.stdout.write(`PRAGMA journal_mode = OFF;
PRAGMA synchronous = OFF;
CREATE TABLE points(sub_item TEXT, answer TEXT, points REAL, question TEXT, indicator INTEGER, instrument TEXT);
INSERT INTO points VALUES ${sqlValues(points)};
CREATE INDEX points_key ON points(sub_item, answer);
CREATE TABLE items(item TEXT PRIMARY KEY, sub_indicator TEXT, indicator INTEGER);
${columnTable('iit', 'IIT')}
${columnTable('eit', 'EIT')}
INSERT INTO items VALUES ${sqlValues(items)};
.mode csv
.import ${dataDir}/responses_iit.csv iit
.import ${dataDir}/responses_eit.csv eit
.import ${dataDir}/oit.csv oit
.headers on
.once ${outPath}
WITH answers AS (${unpivot('iit', 'IIT')}
UNION ALL ${unpivot('eit', 'EIT')}),
${scoringQuery(weights)};
`);
