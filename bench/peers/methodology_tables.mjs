// Flattens a methodology file into the lookup tables an SQL engine needs to score the same way
// ita does: points per (sub-item, answer text) and the OIT item hierarchy.
import { readFileSync } from 'node:fs';

const KIND_POINTS = (points, kind) => ({
  'S': [['1', points.S[0]], ['2', points.S[1]], ['3', points.S[2]], ['4', points.S[3]]],
  'S-': [['1', points['S-'][0]], ['2', points['S-'][1]], ['3', points['S-'][2]], ['4', points['S-'][3]]],
  'YN-': [['yes', points['YN-'].yes], ['no', points['YN-'].no]],
  'YN+': [['yes', points['YN+'].yes], ['no', points['YN+'].no]],
}[kind]);

export function methodologyTables(path) {
  const methodology = JSON.parse(readFileSync(path, 'utf8'));
  const points = [];     // [sub_item, answer, points, question, indicator, instrument]
  const subItems = [];   // [sub_item, instrument]
  const items = [];      // [item, sub_indicator, indicator]
  const weights = {};
  for (const instrument of methodology.instruments) {
    weights[instrument.code] = instrument.weight;
    for (const indicator of instrument.indicators) {
      for (const question of indicator.questions ?? []) {
        const subs = question.sub_items?.length ? question.sub_items.map((sub, index) => ({ code: `${question.code}.${index + 1}`, kind: sub.kind ?? question.kind }))
                                                : [{ code: question.code, kind: question.kind }];
        for (const sub of subs) {
          subItems.push([sub.code, instrument.code]);
          for (const [answer, value] of KIND_POINTS(methodology.points, sub.kind))
            points.push([sub.code, answer, value, question.code, indicator.number, instrument.code]);
        }
      }
      for (const subIndicator of indicator.sub_indicators ?? [])
        for (const item of subIndicator.items) items.push([item.code, subIndicator.code, indicator.number]);
    }
  }
  return { points, subItems, items, weights };
}

export const sqlValues = (rows) => rows.map((row) => '(' + row.map((v) => typeof v === 'number' ? String(v) : `'${v}'`).join(', ') + ')').join(',\n');

// The scoring of SPEC §2 over a relation `answers(agency_id, sub_item, answer)` and
// `oit(agency_id, item, present)`: sub-item, question, indicator, instrument, overall.
export function scoringQuery(weights) {
  return `
scored AS (SELECT a.agency_id, p.sub_item, p.question, p.indicator, p.instrument, p.points
           FROM answers a JOIN points p ON p.sub_item = a.sub_item AND p.answer = a.answer),
sub_scores AS (SELECT agency_id, sub_item, question, indicator, instrument, avg(points) AS score
               FROM scored GROUP BY agency_id, sub_item, question, indicator, instrument),
${scoringFromSubScores(weights)}`;
}

// The same from a relation `sub_scores(agency_id, sub_item, question, indicator, instrument,
// score)` and `oit`.
export function scoringFromSubScores(weights) {
  return `question_scores AS (SELECT agency_id, question, indicator, instrument, avg(score) AS score
                    FROM sub_scores GROUP BY agency_id, question, indicator, instrument),
survey_indicators AS (SELECT agency_id, indicator, instrument, avg(score) AS score
                      FROM question_scores GROUP BY agency_id, indicator, instrument),
oit_sub AS (SELECT o.agency_id, i.sub_indicator, i.indicator, avg(CASE WHEN o.present = 'yes' THEN 100.0 ELSE 0.0 END) AS score
            FROM oit o JOIN items i ON i.item = o.item GROUP BY o.agency_id, i.sub_indicator, i.indicator),
oit_indicators AS (SELECT agency_id, indicator, 'OIT' AS instrument, avg(score) AS score FROM oit_sub GROUP BY agency_id, indicator),
indicators AS (SELECT * FROM survey_indicators UNION ALL SELECT * FROM oit_indicators),
instruments AS (SELECT agency_id, instrument, avg(score) AS score FROM indicators GROUP BY agency_id, instrument),
overall AS (SELECT agency_id,
                   sum(score * CASE instrument WHEN 'IIT' THEN ${weights.IIT} WHEN 'EIT' THEN ${weights.EIT} ELSE ${weights.OIT} END) AS overall,
                   count(*) AS instrument_count
            FROM instruments GROUP BY agency_id)
SELECT agency_id, CASE WHEN instrument_count = 3 THEN overall END AS overall FROM overall ORDER BY agency_id`;
}
