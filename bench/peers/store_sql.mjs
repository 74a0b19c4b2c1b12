// Peer: the same scoring and ranking as `ita rank` (a sample short of its minimum withheld, as
// published), written in SQL over the schema a SQL user would design for answers: one row per
// answer, `sql_answers(agency_id, instrument, respondent, sub_item, answer)`, loaded from the
// long-form CSV of the same answers (ita keeps a respondent's answers packed in one row, which
// SQL would have to unpack). Agencies, their headcounts and the OIT verdicts are read from
// ita's own tables, which are what a SQL user would make of them.
// Usage: node store_sql.mjs sqlite|postgres METHODOLOGY YEAR load LONG_CSV > load.sql
//        node store_sql.mjs sqlite|postgres METHODOLOGY YEAR rank > rank.sql
import { readFileSync } from 'node:fs';

const [dialect, methodologyPath, year, step, longCsv] = process.argv.slice(2);
if (step === 'load') {
  const table = `CREATE TABLE sql_answers (agency_id TEXT NOT NULL, instrument TEXT NOT NULL, respondent TEXT NOT NULL,
                          sub_item TEXT NOT NULL, answer TEXT NOT NULL);`;
  process.stdout.write(dialect === 'sqlite'
    ? `${table}\n.mode csv\n.import --skip 1 ${longCsv} sql_answers\n`
    : `${table}\n\\copy sql_answers FROM '${longCsv}' WITH (FORMAT csv, HEADER true)\n`);
  process.exit(0);
}
const methodology = JSON.parse(readFileSync(methodologyPath, 'utf8'));
const layout = [];  // [instrument, position, sub_item, question, indicator, kind]
const items = [];   // [item, sub_indicator, indicator]
for (const instrument of methodology.instruments) {
  let position = 0;
  for (const indicator of instrument.indicators) {
    for (const question of indicator.questions ?? []) {
      const subs = question.sub_items?.length ? question.sub_items.map((sub, index) => [`${question.code}.${index + 1}`, sub.kind ?? question.kind])
                                              : [[question.code, question.kind]];
      for (const [code, kind] of subs) layout.push([instrument.code, position++, code, question.code, indicator.number, kind]);
    }
    for (const sub of indicator.sub_indicators ?? []) for (const item of sub.items) items.push([item.code, sub.code, indicator.number]);
  }
}
const points = [];  // [sub_item, answer, points]
for (const [, , code, , , kind] of layout) {
  const answers = kind.startsWith('YN') ? ['yes', 'no'] : ['1', '2', '3', '4'];
  const values = { 'S': methodology.points.S, 'S-': methodology.points['S-'],
                   'YN-': [methodology.points['YN-'].yes, methodology.points['YN-'].no], 'YN+': [methodology.points['YN+'].yes, methodology.points['YN+'].no] }[kind];
  values.forEach((value, option) => points.push([code, answers[option], value]));
}
// The minimum samples (ita publishes and ranks no agency whose IIT or EIT was answered by fewer
// people than its minimum, never below 5): IIT by headcount band, EIT by agency type.
const greatest = dialect === 'sqlite' ? 'max' : 'GREATEST';
const least = dialect === 'sqlite' ? 'min' : 'LEAST';
const bands = methodology.minimum_sample.iit;
const iitMinimum = 'CASE ' + bands.map((band) => (band.headcount_max === undefined ? `ELSE ${least}(${band.minimum}, hc)`
                                                                               : `WHEN hc <= ${band.headcount_max} THEN ${least}(${band.minimum}, hc)`)).join(' ') +
                   (bands.some((band) => band.headcount_max === undefined) ? '' : ' ELSE hc') + ' END';
const eit = methodology.minimum_sample.eit;
const byType = Object.entries(eit.by_type ?? {});
const eitMinimum = byType.length === 0 ? String(eit.default)
                                       : 'CASE a.type ' + byType.map(([type, minimum]) => `WHEN '${type}' THEN ${minimum} `).join('') + `ELSE ${eit.default} END`;
const values = (rows) => rows.map((row) => '(' + row.map((v) => typeof v === 'number' ? v : `'${v}'`).join(', ') + ')').join(',\n');
const w = Object.fromEntries(methodology.instruments.map((i) => [i.code, i.weight]));
process.stdout.write(`
CREATE TEMP TABLE bench_layout (instrument TEXT, position INTEGER, sub_item TEXT, question TEXT, indicator INTEGER, kind TEXT);
INSERT INTO bench_layout VALUES ${values(layout)};
CREATE TEMP TABLE bench_points (sub_item TEXT, answer TEXT, points DOUBLE PRECISION);
INSERT INTO bench_points VALUES ${values(points)};
CREATE TEMP TABLE bench_items (item TEXT, sub_indicator TEXT, indicator INTEGER);
INSERT INTO bench_items VALUES ${values(items)};
WITH answer_counts AS (SELECT agency_id, sub_item, answer, count(*) AS n FROM sql_answers GROUP BY agency_id, sub_item, answer),
sub_scores AS (SELECT c.agency_id, l.sub_item, l.question, l.indicator, l.instrument, sum(p.points * c.n) / sum(c.n) AS score
               FROM answer_counts c JOIN bench_points p ON p.sub_item = c.sub_item AND p.answer = c.answer
               JOIN bench_layout l ON l.sub_item = c.sub_item
               GROUP BY c.agency_id, l.sub_item, l.question, l.indicator, l.instrument),
question_scores AS (SELECT agency_id, question, indicator, instrument, avg(score) AS score FROM sub_scores
                    GROUP BY agency_id, question, indicator, instrument),
survey_indicators AS (SELECT agency_id, indicator, instrument, avg(score) AS score FROM question_scores GROUP BY agency_id, indicator, instrument),
oit_sub AS (SELECT o.agency_id, i.sub_indicator, i.indicator, avg(CASE WHEN o.verdict = 'accepted' THEN 100.0 ELSE 0.0 END) AS score
            FROM oit_reviews o JOIN bench_items i ON i.item = o.item WHERE o.fiscal_year = ${year} GROUP BY o.agency_id, i.sub_indicator, i.indicator),
oit_indicators AS (SELECT agency_id, indicator, 'OIT' AS instrument, avg(score) AS score FROM oit_sub GROUP BY agency_id, indicator),
indicators AS (SELECT * FROM survey_indicators UNION ALL SELECT * FROM oit_indicators),
instruments AS (SELECT agency_id, instrument, avg(score) AS score FROM indicators GROUP BY agency_id, instrument),
overall AS (SELECT agency_id, sum(score * CASE instrument WHEN 'IIT' THEN ${w.IIT} WHEN 'EIT' THEN ${w.EIT} ELSE ${w.OIT} END) AS overall,
                   count(*) AS instrument_count FROM instruments GROUP BY agency_id),
counts AS (SELECT agency_id, instrument, count(DISTINCT respondent) AS n FROM sql_answers GROUP BY agency_id, instrument),
headcounts AS (SELECT a.agency_id, a.type, coalesce(h.iit_headcount, a.headcount) AS hc FROM agencies a
               LEFT JOIN assessments h ON h.agency_id = a.agency_id AND h.fiscal_year = ${year}),
minimums AS (SELECT a.agency_id, CASE WHEN a.hc IS NULL THEN 5 ELSE ${greatest}(5, ${iitMinimum.replaceAll('hc', 'a.hc')}) END AS iit_minimum,
                    ${greatest}(5, ${eitMinimum}) AS eit_minimum FROM headcounts a),
short AS (SELECT c.agency_id FROM counts c JOIN minimums m ON m.agency_id = c.agency_id
          WHERE c.n > 0 AND c.n < CASE c.instrument WHEN 'IIT' THEN m.iit_minimum ELSE m.eit_minimum END),
ranked AS (SELECT a.agency_id, a.type, a.province, o.overall,
                  RANK() OVER (PARTITION BY a.type ORDER BY o.overall DESC) AS rank,
                  count(*) OVER (PARTITION BY a.type) AS of
           FROM agencies a JOIN overall o ON o.agency_id = a.agency_id
           WHERE o.instrument_count = 3 AND a.agency_id NOT IN (SELECT agency_id FROM short))
SELECT agency_id, ${dialect === 'sqlite' ? "printf('%.9f', overall)" : 'round(overall::numeric, 9)'}, rank, of FROM ranked ORDER BY agency_id;
`);
