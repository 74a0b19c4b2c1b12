// The public side in real Chromium (Debian's, driven by playwright-core), as a citizen uses it:
// the national dashboard, a search typed with a decomposed sara am (ํ + า, as copied from a
// PDF), the agency's page, its history chart's tooltip and link to the year before, the
// library of measures that worked narrowed to a type, the CSV download and the PDF report. At 1280 px and at 360 px (a phone) the pages must fit the width
// and axe-core must find no serious or critical accessibility fault. Screenshots go to
// $ITA_E2E_SHOTS when set.
//
// Usage: node tests/e2e/public_pages.mjs <path to ita>
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launchChromium, noSeriousAccessibilityFaults, startServer } from './support.mjs';

const ita = process.argv[2];
assert.ok(ita, 'give the path of the ita binary');
const shots = process.env.ITA_E2E_SHOTS;
const work = mkdtempSync(path.join(os.tmpdir(), 'ita-e2e-public-'));
const db = path.join(work, 'ita.db');
const run = (...args) => execFileSync(ita, args, { encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
const shown = (value) => (Math.sign(value) * Math.round(Math.abs(value) * 100 + 1e-9) / 100).toFixed(2);

// Two published years of 80 agencies (the same agencies; 2564's answers from another seed).
run('gen', '--agencies', '80', '--seed', '1', '--year', '2565', '--out', path.join(work, 'y2565'));
run('gen', '--agencies', '80', '--seed', '2', '--year', '2564', '--out', path.join(work, 'y2564'));
run('import', '--db', db, 'agencies', path.join(work, 'y2565', 'agencies.csv'));
for (const year of ['2564', '2565']) {
  run('import', '--db', db, '--year', year, 'responses', path.join(work, `y${year}`, 'responses_iit.csv'), path.join(work, `y${year}`, 'responses_eit.csv'));
  run('import', '--db', db, '--year', year, 'oit', path.join(work, `y${year}`, 'oit.csv'));
  run('publish', '--db', db, '--year', year);
}
// The agency to look for: one whose own name (after its type) has a sara am.
const agencies = readFileSync(path.join(work, 'y2565', 'agencies.csv'), 'utf8').trim().split('\n').slice(1).map((line) => line.split(','));
const [agencyId, agencyName] = agencies.find(([, name, type]) => name.slice(type.length).includes('ำ')) ?? agencies[0];
const typed = agencyName.replaceAll('ำ', '\u0E4D\u0E32');  // as a PDF's text layer gives it
assert.notEqual(typed, agencyName);
// Measures adopted for 2565 by five agencies, for the library of what worked.
for (const [id] of agencies.slice(0, 5))
  run('measures', 'add', '--db', db, '--year', '2565', '--agency', id, '--title', 'อบรมเสริมสร้างคุณธรรม', '--target', 'indicator:5',
    '--responsible', 'สำนักปลัด', '--start', '2021-10-01', '--end', '2022-09-30', '--status', 'active');
const published = (year) => JSON.parse(run('score', '--db', db, '--year', year, '--agency', agencyId, '--format', 'json')).agencies[0];

const { base, stop, log } = await startServer(ita, db);
const browser = await launchChromium();

async function shot(page, name) { if (shots) await page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true }); }

async function fitsTheScreen(page, width, what) {
  const used = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(used <= width, `${what} is ${used} px wide on a ${width} px screen`);
}

try {
  for (const width of [1280, 360]) {
    const context = await browser.newContext({ viewport: { width, height: 900 }, locale: 'th-TH', acceptDownloads: true,
      ...(width === 360 ? { deviceScaleFactor: 2, isMobile: true, hasTouch: true } : {}) });
    const page = await context.newPage();

    // The dashboard.
    await page.goto(`${base}/national`);
    assert.match(await page.textContent('h1'), /ระดับประเทศ ปีงบประมาณ พ.ศ. 2565/);
    assert.match(await page.textContent('#figures'), /80/);
    await fitsTheScreen(page, width, 'the dashboard');
    await noSeriousAccessibilityFaults(page, `the dashboard at ${width} px`);
    await shot(page, `national-${width}`);

    // The open data, downloaded as a citizen would.
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('a.button[href="/data/2565/scores.csv"]')]);
    const csv = readFileSync(await download.path(), 'utf8');
    assert.ok(csv.startsWith('\uFEFFagency_id,type,province,overall,verdict,rank,of\n'), 'the CSV has a BOM and the columns of ita rank');
    assert.equal(csv.trim().split('\n').length, 81);

    // Search with the sara am decomposed.
    await page.fill('#q', typed);
    await Promise.all([page.waitForURL(/\/search\?q=/), page.click('form.search button')]);
    assert.match(await page.textContent('#count'), /พบ [1-9]/);
    await fitsTheScreen(page, width, 'the search results');
    await Promise.all([page.waitForURL(new RegExp(`/agency/${agencyId}$`)), page.click(`#hits a[href="/agency/${agencyId}"]`)]);

    // The agency's page: the published score, the rank, the history chart.
    const now = published('2565');
    assert.equal((await page.textContent('#overall')).split(' ')[0], shown(now.overall));
    assert.match(await page.textContent('#rank'), /^ลำดับที่ \d+ จาก \d+ /);
    await fitsTheScreen(page, width, 'the agency page');
    await noSeriousAccessibilityFaults(page, `the agency page at ${width} px`);
    await shot(page, `agency-${width}`);
    const before = published('2564');
    const bar = page.locator('svg.chart a[href$="year=2564"]');
    assert.equal(await bar.locator('title').textContent(), `2564: ${shown(before.overall)}`, 'the tooltip of last year\'s bar');
    await bar.hover();
    await Promise.all([page.waitForURL(/year=2564$/), bar.click()]);
    assert.equal((await page.textContent('#overall')).split(' ')[0], shown(before.overall));
    await page.goBack();

    // The library of measures that worked, from the menu, narrowed to one agency type.
    await Promise.all([page.waitForURL(/\/measures\/library$/), page.click('nav a[href="/measures/library"]')]);
    assert.match(await page.textContent('h1'), /คลังมาตรการที่ได้ผล/);
    assert.match(await page.textContent('main, body'), /เทียบคะแนนตัวชี้วัด.*ระหว่างผลปี 2564 กับผลปี 2565/s);
    const type = agencies[0][2];
    await page.selectOption('#type', type);
    await Promise.all([page.waitForURL(/type=/), page.click('form button[type=submit]')]);
    assert.match(await page.textContent('article h2'), new RegExp(`${type} — ตัวชี้วัดที่ 5`));
    await fitsTheScreen(page, width, 'the measure library');
    await noSeriousAccessibilityFaults(page, `the measure library at ${width} px`);
    await shot(page, `library-${width}`);
    await page.goBack();
    await page.goBack();

    // The report, as a PDF.
    const [report] = await Promise.all([page.waitForEvent('download'), page.click('a.button:has-text("รายงาน PDF")')]);
    assert.equal(readFileSync(await report.path()).subarray(0, 5).toString(), '%PDF-');
    await context.close();
  }
  console.log(`public pages passed: ${agencyId} (${agencyName}) found by "${typed}", 1280 px and 360 px`);
} catch (error) {
  console.error(log().split('\n').slice(-20).join('\n'));
  throw error;
} finally {
  await browser.close();
  await stop();
  rmSync(work, { recursive: true, force: true });
}
