// Peer: DuckDB scores the same CSV files with SQL.
// Usage: node duckdb_score.mjs DATA_DIR METHODOLOGY OUT_CSV [RESPONSES_LONG_CSV]
// Wide form reads DATA_DIR/responses_iit.csv and responses_eit.csv; with RESPONSES_LONG_CSV the
// answers come from that long-form file (agency_id,instrument,respondent,question,answer).
import { DuckDBInstance } from '@duckdb/node-api';
import { methodologyTables, sqlValues, scoringQuery } from './methodology_tables.mjs';

const [dataDir, methodologyPath, outPath, longPath] = process.argv.slice(2);
const { points, items, weights } = methodologyTables(methodologyPath);
const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
await connection.run(`CREATE TABLE points(sub_item VARCHAR, answer VARCHAR, points DOUBLE, question VARCHAR, indicator INTEGER, instrument VARCHAR);
INSERT INTO points VALUES ${sqlValues(points)};
CREATE TABLE items(item VARCHAR, sub_indicator VARCHAR, indicator INTEGER);
INSERT INTO items VALUES ${sqlValues(items)};`);
const wide = (file) => `(UNPIVOT (SELECT * FROM read_csv('${dataDir}/${file}', all_varchar = true, header = true))
  ON COLUMNS(* EXCLUDE (agency_id, instrument, respondent)) INTO NAME sub_item VALUE answer)`;
await connection.run(`COPY (
WITH answers AS (${longPath
  ? `SELECT agency_id, question AS sub_item, answer FROM read_csv('${longPath}', all_varchar = true, header = true)`
  : `SELECT agency_id, sub_item, answer FROM ${wide('responses_iit.csv')}
                 UNION ALL SELECT agency_id, sub_item, answer FROM ${wide('responses_eit.csv')}`}),
oit AS (SELECT agency_id, item, present FROM read_csv('${dataDir}/oit.csv', all_varchar = true, header = true)),
${scoringQuery(weights)}
) TO '${outPath}' (HEADER, DELIMITER ',')`);
