// Script in links, tried as an attacker would: a working group puts `javascript:` (and other
// non-web) addresses into every field any page shows as a link — through the web forms, the
// API and `ita import oit`, all of which must refuse them — and then straight into the database
// (as an older version or another tool might have stored them). Every page that shows those
// fields is then opened in Chromium as the working group, the auditor and the public: no link
// may carry a payload, clicking every link runs nothing, and every page has a
// Content-Security-Policy under which a planted `javascript:` link does not run either.
//
// Usage: node tests/e2e/link_payloads.mjs <path to ita>
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launchChromium, startServer } from './support.mjs';

const ita = process.argv[2];
assert.ok(ita, 'give the path of the ita binary');
const work = mkdtempSync(path.join(os.tmpdir(), 'ita-e2e-links-'));
const db = path.join(work, 'ita.db');
process.env.ITA_SECRETS = path.join(work, 'secrets');
const run = (...args) => execFileSync(ita, args, { encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
const sql = (statement) => execFileSync('sqlite3', [db, statement], { encoding: 'utf8' });
const addUser = (user, role, extra = []) =>
  execFileSync(ita, ['users', 'add', '--db', db, '--user', user, '--name', user, '--role', role, ...extra], { input: 'correct horse battery\n', stdio: ['pipe', 'pipe', 'pipe'] });

const payloads = ['javascript:window.pwned=1', 'JaVaScRiPt:window.pwned=1', ' javascript:window.pwned=1', 'data:text/html,<script>window.pwned=1</script>',
  'vbscript:msgbox(1)', 'java\tscript:window.pwned=1', 'https://evil.example"><script>window.pwned=1</script>'];

writeFileSync(path.join(work, 'agencies.csv'), 'agency_id,name,type,province\nA1,เทศบาลเมืองแจระแม,เทศบาลเมือง,อุบลราชธานี\n');
run('import', '--db', db, 'agencies', path.join(work, 'agencies.csv'));
run('season', 'open', '--db', db, '--year', '2566');
addUser('group', 'agency_admin', ['--agency', 'A1']);
addUser('auditor', 'auditor');
addUser('nation', 'national_admin');
const measure = run('measures', 'add', '--db', db, '--year', '2566', '--agency', 'A1', '--title', 'อบรมเจ้าหน้าที่', '--responsible', 'สำนักปลัด',
  '--start', '2022-10-01', '--end', '2023-09-30', '--status', 'active').match(/\d+/)[0];

// 1. `ita import oit` refuses every payload, naming the file, line and column.
for (const payload of payloads) {
  writeFileSync(path.join(work, 'oit.csv'), `agency_id,item,present,url\nA1,O1,yes,"${payload.replaceAll('"', '""')}"\n`);
  const imported = spawnSync(ita, ['import', '--db', db, '--year', '2566', 'oit', path.join(work, 'oit.csv')], { encoding: 'utf8' });
  assert.equal(imported.status, 2, `ita import oit accepted ${JSON.stringify(payload)}`);
  assert.match(imported.stderr, /oit\.csv:2:url: must be an http/);
}
// ... and so does `ita measures progress`.
for (const payload of payloads) {
  const filed = spawnSync(ita, ['measures', 'progress', '--db', db, '--id', measure, '--percent', '10', '--date', '2023-01-05', '--text', 'x', '--evidence', payload], { encoding: 'utf8' });
  assert.notEqual(filed.status, 0, `ita measures progress accepted ${JSON.stringify(payload)}`);
}

const { base, stop, log } = await startServer(ita, db);
const browser = await launchChromium();
try {
  // 2. The web forms and the API refuse them too.
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${base}/login`);
  await page.fill('#user', 'group');
  await page.fill('#password', 'correct horse battery');
  await Promise.all([page.waitForURL(`${base}/me`), page.click('button[type=submit]')]);
  const csrf = await page.getAttribute('input[name=csrf]', 'value');
  const session = await page.request.post(`${base}/api/v1/session`, { data: { user: 'group', password: 'correct horse battery' } });
  const bearer = { Authorization: `Bearer ${(await session.json()).token}` };
  for (const payload of payloads) {
    const form = await page.request.post(`${base}/admin/oit/O1?year=2566`, { form: { csrf, year: '2566', present: 'yes', url: payload, description: 'x' } });
    assert.ok(form.status() >= 400, `the OIT form accepted ${JSON.stringify(payload)} (${form.status()})`);
    const api = await page.request.put(`${base}/api/v1/agencies/A1/oit/O1?year=2566`, { headers: bearer, data: { present: true, url: payload, description: 'x' } });
    assert.ok(api.status() >= 400, `the OIT API accepted ${JSON.stringify(payload)} (${api.status()})`);
    const progress = await page.request.post(`${base}/admin/measures/${measure}/progress?year=2566`,
      { form: { csrf, year: '2566', reported_on: '2023-01-05', percent: '10', text: 'x', evidence_url: payload } });
    assert.ok(progress.status() >= 400, `the progress form accepted ${JSON.stringify(payload)} (${progress.status()})`);
    const apiProgress = await page.request.post(`${base}/api/v1/agencies/A1/measures/${measure}/progress?year=2566`,
      { headers: bearer, data: { reported_on: '2023-01-05', percent: 10, text: 'x', evidence_url: payload } });
    assert.ok(apiProgress.status() >= 400, `the progress API accepted ${JSON.stringify(payload)} (${apiProgress.status()})`);
  }
  assert.equal(sql("SELECT count(*) FROM oit_submissions WHERE url NOT LIKE 'http%'").trim(), '0');
  assert.equal(sql('SELECT count(*) FROM measure_progress').trim(), '0');

  // 3. Stored anyway (an older version, another tool): every field that pages show as a link.
  const quoted = (text) => `'${text.replaceAll("'", "''")}'`;
  const stamp = '2023-01-05T03:00:00Z';
  payloads.forEach((payload, index) => {
    const item = `O${index + 1}`;
    sql(`INSERT INTO oit_submissions (fiscal_year, agency_id, item, url, description, submitted_at) VALUES (2566, 'A1', '${item}', ${quoted(payload)}, 'x', '${stamp}')`);
    sql(`INSERT INTO oit_reviews (fiscal_year, agency_id, item, verdict, comment, reviewer, reviewed_at) VALUES (2566, 'A1', '${item}', 'rejected', 'ไม่พบ', 'auditor', '2023-01-06')`);
    sql(`INSERT INTO oit_clarifications (fiscal_year, agency_id, item, body, url, filed_on, reviewed) VALUES (2566, 'A1', '${item}', 'ชี้แจง', ${quoted(payload)}, '2023-01-07', 1)`);
    sql(`INSERT INTO url_checks (fiscal_year, agency_id, item, url, checked_at, status, http_status, final_url, reason, reason_codes, content_type, size, redirects)
         VALUES (2566, 'A1', '${item}', ${quoted(payload)}, '${stamp}', 'ok', 200, ${quoted(payload)}, '', '', 'text/html', 1, '')`);
    sql(`INSERT INTO measure_progress (measure_id, reported_on, percent, text, evidence_url) VALUES (${measure}, '2023-01-0${(index % 9) + 1}', 10, 'x', ${quoted(payload)})`);
  });
  run('import', '--db', db, '--year', '2566', 'published', path.join(process.cwd(), 'tests/golden/2565/seed002_indicators/published.csv'));
  run('score', '--db', db, '--year', '2566');
  // The season is over: every phase closed (publishing refuses while any is open).
  const closed = ['iit', 'eit', 'oit', 'review', 'clarification'].flatMap((phase, index) => [`--${phase}-open`, `2022-10-${String(2 * index + 11)}`, `--${phase}-close`, `2022-10-${String(2 * index + 12)}`]);
  run('season', 'open', '--db', db, '--year', '2566', ...closed);
  run('publish', '--db', db, '--year', '2566');

  // 4. Every page that shows them, as each role: no payload in any link, clicking runs nothing.
  async function signedIn(user) {
    const own = await browser.newContext();
    const signed = await own.newPage();
    await signed.goto(`${base}/login`);
    await signed.fill('#user', user);
    await signed.fill('#password', 'correct horse battery');
    await Promise.all([signed.waitForURL(`${base}/me`), signed.click('button[type=submit]')]);
    return signed;
  }
  const visits = [
    ['group', ['/admin/oit?year=2566', ...payloads.map((_, index) => `/admin/oit/O${index + 1}?year=2566`), `/admin/measures/${measure}?year=2566`]],
    ['auditor', ['/review/oit?year=2566&agency=A1']],
    ['nation', [`/admin/measures/${measure}?year=2566&agency=A1`]],
    [null, ['/agency/A1', '/national', '/measures/library?year=2566']],
  ];
  let pagesSeen = 0, linksClicked = 0;
  for (const [user, urls] of visits) {
    const viewer = user ? await signedIn(user) : await (await browser.newContext()).newPage();
    for (const url of urls) {
      const response = await viewer.goto(`${base}${url}`);
      assert.ok(response.status() < 500, `${url} as ${user ?? 'the public'}: ${response.status()}`);
      const policy = response.headers()['content-security-policy'] ?? '';
      assert.match(policy, /script-src 'self'/, `${url} has no Content-Security-Policy`);
      const hrefs = await viewer.$$eval('a[href]', (links) => links.map((link) => link.getAttribute('href')));
      for (const href of hrefs)
        assert.match(href, /^(https?:\/\/|\/|\?|#)/i, `${url} as ${user ?? 'the public'} links to ${JSON.stringify(href)}`);
      const count = await viewer.locator('a[href]').count();
      for (let index = 0; index < count; ++index) {
        const link = viewer.locator('a[href]').nth(index);
        const href = await link.getAttribute('href');
        if (!/^https?:\/\/(?!127\.0\.0\.1)/i.test(href)) continue;  // the stored addresses, not ita's own pages
        await link.click({ modifiers: [], noWaitAfter: true, timeout: 2000 }).catch(() => {});
        ++linksClicked;
        assert.equal(await viewer.evaluate(() => window.pwned), undefined, `a link on ${url} ran script`);
        if (viewer.url() !== `${base}${url}`) await viewer.goto(`${base}${url}`);
      }
      if (url.startsWith('/admin/oit/O'))
        assert.match(await viewer.textContent('body'), /ไม่ใช่ที่อยู่เว็บ http\/https/, `${url} does not show the stored address as text`);
      // A payload link planted in the page itself is blocked by the policy.
      await viewer.evaluate(() => {
        const planted = document.createElement('a');
        planted.href = 'javascript:window.pwned=1';
        planted.id = 'planted';
        planted.textContent = 'x';
        document.body.append(planted);
      });
      await viewer.click('#planted');
      await viewer.waitForTimeout(50);
      assert.equal(await viewer.evaluate(() => window.pwned), undefined, `the policy of ${url} let a javascript: link run`);
      ++pagesSeen;
    }
  }
  console.log(`link payloads: ${payloads.length} refused by import, CLI, forms and API; ${pagesSeen} pages seen as 4 roles, ${linksClicked} stored links clicked, nothing ran`);
} catch (error) {
  console.error(log().split('\n').slice(-20).join('\n'));
  throw error;
} finally {
  await browser.close();
  await stop();
  rmSync(work, { recursive: true, force: true });
}
