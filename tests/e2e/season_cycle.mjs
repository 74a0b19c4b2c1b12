// The whole season in real Chromium (Debian's, driven by playwright-core), as the issues tell
// it: the national admin opens the season and makes the accounts (an auditor by hand, the
// working group in bulk, each signing in first with its letter), the working group issues 3
// codes, 3 staff answer on a 360 px-wide phone screen (part by part, one typing the code from a
// paper card, one with JavaScript off, one reloading), 3 citizens answer, the group enters OIT
// evidence, the national admin follows the progress and assigns the agency to the auditor, who
// works the queue, rejects an item, and accepts it after the group's clarification; the national
// admin closes the calendar in two edits, the group's result page shows what `ita score` computes
// from the same database, and the year is refused, previewed, published and corrected once. axe-core must find no serious or critical
// accessibility fault on the survey pages. Screenshots go to $ITA_E2E_SHOTS when set.
//
// Usage: node tests/e2e/season_cycle.mjs <path to ita> [sqlite|postgresql]
// With postgresql, a throwaway PostgreSQL cluster is made in /tmp (Unix socket only; run as
// the postgres user when root) and removed at the end.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launchChromium, noSeriousAccessibilityFaults, startServer } from './support.mjs';

const ita = process.argv[2];
assert.ok(ita, 'give the path of the ita binary');
const shots = process.env.ITA_E2E_SHOTS;
const backend = process.argv[3] ?? 'sqlite';
const work = mkdtempSync(path.join(os.tmpdir(), 'ita-e2e-'));
let db = path.join(work, 'ita.db');
let stopPostgres = () => {};
if (backend === 'postgresql') {
  const bin = readdirSync('/usr/lib/postgresql').sort().map((version) => `/usr/lib/postgresql/${version}/bin`).pop();
  const asOwner = (command) => (process.getuid() === 0 ? execFileSync('runuser', ['-u', 'postgres', '--', 'sh', '-c', command]) : execFileSync('sh', ['-c', command]));
  if (process.getuid() === 0) execFileSync('chown', ['postgres', work]);
  asOwner(`${bin}/initdb -D ${work}/pg -U ita -A trust -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null`);
  asOwner(`${bin}/pg_ctl -D ${work}/pg -l ${work}/pg.log -w -o "-c listen_addresses='' -k ${work} -p 5432" start >/dev/null`);
  stopPostgres = () => asOwner(`${bin}/pg_ctl -D ${work}/pg -m immediate -w stop >/dev/null`);
  execFileSync(`${bin}/createdb`, ['-h', work, '-p', '5432', '-U', 'ita', 'ita']);
  db = `host=${work} port=5432 user=ita dbname=ita`;
}
const year = 2566;

const run = (...args) => execFileSync(ita, args, { encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
const addUser = (user, role, extra = []) =>
  execFileSync(ita, ['users', 'add', '--db', db, '--user', user, '--name', user, '--role', role, ...extra], { input: 'correct horse battery\n', stdio: ['pipe', 'pipe', 'pipe'] });
const isoDay = (offset) => { const day = new Date(Date.now() + offset * 86400000); return day.toISOString().slice(0, 10); };
// The same day as an official types it: day/month/Buddhist-era year.
const thaiDay = (offset) => { const [y, m, d] = isoDay(offset).split('-'); return `${d}/${m}/${Number(y) + 543}`; };
// Half away from zero to two decimals, as ita prints scores.
const shown = (value) => (Math.sign(value) * Math.round(Math.abs(value) * 100 + 1e-9) / 100).toFixed(2);

writeFileSync(path.join(work, 'agencies.csv'), 'agency_id,name,type,province\nA1,เทศบาลเมืองแจระแม,เทศบาลเมือง,อุบลราชธานี\n');
run('import', '--db', db, 'agencies', path.join(work, 'agencies.csv'));
addUser('nation', 'national_admin');

const { base, stop, log } = await startServer(ita, db);
const browser = await launchChromium();
const phone = { viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'th-TH' };

async function shot(page, name) { if (shots) await page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true }); }

// The first sign-in with a letter's temporary password: the only page it opens is the one that
// changes it; the new password is `correct horse battery`, as every other account's here.
async function firstSignIn(user, temporary, options = {}) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  await page.goto(`${base}/login`);
  await page.fill('#user', user);
  await page.fill('#password', temporary);
  await Promise.all([page.waitForURL(`${base}/account/password`), page.click('button[type=submit]')]);
  await page.goto(`${base}/admin/codes`);
  assert.equal(new URL(page.url()).pathname, '/account/password', 'a temporary password opens nothing else');
  await noSeriousAccessibilityFaults(page, 'the password page');
  await page.fill('#current', temporary);
  await page.fill('#fresh', 'correct horse battery');
  await page.fill('#again', 'correct horse battery');
  await Promise.all([page.waitForURL(/\/account\/password\?done=1/), page.click('form[action="/account/password"] button')]);
  return { context, page };
}
// The temporary password a letters page shows for `user`.
const letterPassword = async (page, user) =>
  page.locator(`section.letter:has(dd.secret:text-is("${user}")) dd.secret`).nth(1).textContent();

async function signIn(user, options = {}) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  await page.goto(`${base}/login`);
  await page.fill('#user', user);
  await page.fill('#password', 'correct horse battery');
  await Promise.all([page.waitForURL(`${base}/me`), page.click('button[type=submit]')]);
  return { context, page };
}

// The radio groups of a survey form: each sub-item's code and its options' values.
const formItems = (page) =>
  page.$$eval('input[type=radio]', (inputs) => {
    const items = new Map();
    for (const input of inputs) items.set(input.name, [...(items.get(input.name) ?? []), input.value]);
    return [...items.entries()];
  });
// `count` more respondents of one instrument as a wide-form answers file (what the working group
// collected on paper), a different pattern for each, so that the sample reaches its minimum.
// `part`: the EIT respondent part the rows are in (answers collected on paper are part 2).
function answersFile(name, instrument, items, count, part = '') {
  const lines = [`agency_id,instrument,respondent,part,${items.map(([code]) => code).join(',')}`];
  for (let respondent = 0; respondent < count; ++respondent)
    lines.push(
      `A1,${instrument},paper-${respondent},${part},${items.map(([, values], index) => values[(index * 7 + respondent) % values.length]).join(',')}`,
    );
  writeFileSync(path.join(work, name), `${lines.join('\n')}\n`);
  return path.join(work, name);
}

const next = 'button[name=go]:not([formnovalidate]):not([value=send])';
const submit = (page, selector) => Promise.all([page.waitForNavigation(), page.click(selector)]);

// Answers a survey part by part as a person does (a different pattern per respondent): each
// part's radio groups, then "ถัดไป", and "ส่งคำตอบ" on the last. Returns every item with its
// choices. `checks`: on the second part go back and find the first part's answers kept, and on
// the last leave one item blank with the browser's own check off (a browser without it) to land
// on it with a Thai message before sending; `address`: the form's own (a code card's QR), opened
// again as after a lost connection.
async function answerSurvey(page, respondent, checks = false, address = '') {
  const items = [];
  let firstChoice = null;
  for (let part = 0; ; ++part) {
    const groups = await formItems(page);
    assert.ok(groups.length > 0, `part ${part + 1} has questions`);
    const last = (await page.locator('button[name=go][value=send]').count()) > 0;
    for (const [position, [name, values]] of groups.entries()) {
      if (checks && last && position === groups.length - 1) continue;  // left blank, below
      await page.locator(`input[type=radio][name="${name}"]`).nth((items.length + respondent) % values.length).check();
      items.push([name, values]);
    }
    if (part === 0) firstChoice = [groups[0][0], await page.inputValue(`input[name="${groups[0][0]}"]:checked`)];
    if (checks && part === 1) {
      // A reload, and the connection lost and the card's address opened again: nothing is lost
      // (the tab keeps the answers; the server keeps none until the form is sent).
      const kept = await page.inputValue(`input[name="${groups[0][0]}"]:checked`);
      await page.reload();
      assert.equal(await page.inputValue(`input[name="${groups[0][0]}"]:checked`), kept, 'an answer survives a reload');
      await page.goto(address);
      assert.match(await page.textContent('p.step'), /^ส่วนที่ 1 จาก/);
      assert.equal(await page.inputValue(`input[name="${firstChoice[0]}"]:checked`), firstChoice[1], 'an answer survives opening the form again');
      await submit(page, next);
      assert.equal(await page.inputValue(`input[name="${groups[0][0]}"]:checked`), kept, 'the second part comes back as answered');
      await submit(page, 'button[formnovalidate]');
      assert.match(await page.textContent('p.step'), /^ส่วนที่ 1 จาก/);
      assert.equal(await page.inputValue(`input[name="${firstChoice[0]}"]:checked`), firstChoice[1], 'an answer survives going back');
      await submit(page, next);  // to the second part again, its answers shown as given
    }
    if (!last) {
      const step = await page.textContent('p.step');
      await submit(page, next);
      assert.notEqual(await page.textContent('p.step'), step, 'ถัดไป moves on');
      continue;
    }
    if (checks) {
      const [name, values] = groups[groups.length - 1];
      await page.$$eval('input[type=radio]', (inputs) => inputs.forEach((input) => input.removeAttribute('required')));
      await submit(page, 'button[value=send]');
      assert.match(await page.textContent('.errors'), /ยังไม่ได้ตอบ 1 ข้อ/);
      assert.match(await page.textContent('.errors a'), new RegExp(`ข้อ ${name.replace('.', '\\.')} ยังไม่ได้ตอบ`));
      await page.locator(`input[type=radio][name="${name}"]`).nth((items.length + respondent) % values.length).check();
      items.push([name, values]);
    }
    await Promise.all([page.waitForURL(/\/(s|e)\/thanks$/), page.click('button[value=send]')]);
    return items;
  }
}

try {
  // 1. The national admin opens the season (every phase open from today).
  const nation = await signIn('nation');
  await nation.page.goto(`${base}/national/season`);
  await nation.page.fill('#year', String(year));
  await Promise.all([nation.page.waitForURL(/done=opened/), nation.page.click('form[action="/national/season"] button[type=submit]')]);
  assert.match(await nation.page.textContent('table'), /การตอบแบบวัด IIT/);
  // Opening the season froze the year's instrument; the methodology page says so, and passes axe.
  await nation.page.goto(`${base}/national/methodology?year=${year}`);
  assert.match(await nation.page.textContent('main'), /ตรึงแล้วเมื่อ/);
  await noSeriousAccessibilityFaults(nation.page, 'the methodology page');
  await nation.page.goto(`${base}/national/methodology/preview?year=${year}&form=iit`);
  await noSeriousAccessibilityFaults(nation.page, 'the IIT preview');

  // Accounts from the web: an auditor added by hand, the working group's made in bulk, each
  // with a printable letter; the group signs in with its letter and sets its own password.
  await nation.page.goto(`${base}/national/accounts`);
  await noSeriousAccessibilityFaults(nation.page, 'the accounts page');
  await nation.page.fill('#user', 'auditor');
  await nation.page.fill('#name', 'ผู้ตรวจประเมิน หนึ่ง');
  await nation.page.selectOption('#role', 'auditor');
  await Promise.all([nation.page.waitForSelector('section.letter'), nation.page.click('form[action="/national/accounts"] button')]);
  const auditorPassword = await letterPassword(nation.page, 'auditor');
  await nation.page.goto(`${base}/national/accounts`);
  await Promise.all([nation.page.waitForURL(/\/agencies$/), nation.page.click('form[action="/national/accounts/agencies"] button')]);
  await shot(nation.page, 'letters');
  await noSeriousAccessibilityFaults(nation.page, 'the letters');
  const groupPassword = await letterPassword(nation.page, 'wg-a1');
  assert.match(groupPassword, /^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);

  // 2. The working group enters its headcount and issues 3 codes.
  const group = await firstSignIn('wg-a1', groupPassword, phone);
  await group.page.goto(`${base}/admin/codes`);
  await noSeriousAccessibilityFaults(group.page, 'the codes page');
  await group.page.fill('#headcount', '12');
  await Promise.all([group.page.waitForURL(/\/admin\/codes/), group.page.click('form[action="/admin/headcount"] button')]);
  assert.match(await group.page.textContent('main'), /ต้องมีผู้ตอบอย่างน้อย 10 คน/);
  await group.page.fill('#count', '3');
  await Promise.all([group.page.waitForLoadState(), group.page.click('form[action="/admin/codes"] button')]);
  const codes = await group.page.$$eval('.code', (cells) => cells.map((cell) => cell.textContent.trim()));
  assert.equal(codes.length, 3);

  // 3. Three staff answer on a phone; the first survey page is checked for accessibility.
  let staffItems = [];
  let publicItems = [];
  for (const [respondent, code] of codes.entries()) {
    // The third answers with JavaScript off: the form needs none.
    const staff = await browser.newContext(respondent === 2 ? { ...phone, javaScriptEnabled: false } : phone);
    const page = await staff.newPage();
    if (respondent === 1) {
      // From a paper card: the code typed at /s in lower case, with its dash, opens the form.
      await page.goto(`${base}/s`);
      await noSeriousAccessibilityFaults(page, 'the code entry page');
      await page.fill('#code', code.toLowerCase());
      await submit(page, 'button[type=submit]');
      assert.match(await page.textContent('p.step'), /^ส่วนที่ 1 จาก/);
    } else {
      await page.goto(`${base}/s/${code}`);
    }
    if (respondent === 0) {
      await noSeriousAccessibilityFaults(page, 'the staff survey');
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= 360, `the staff survey fits a 360 px screen (scroll width ${width})`);
      await page.setViewportSize({ width: 320, height: 640 });
      const narrow = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(narrow <= 320, `the staff survey fits a 320 px screen (scroll width ${narrow})`);
      await page.setViewportSize(phone.viewport);
      await shot(page, 'staff-survey');
    }
    const answered = await answerSurvey(page, respondent, respondent === 0, `${base}/s/${code}`);
    if (respondent === 0) staffItems = answered;
    await page.goto(`${base}/s/${code}`);
    assert.match(await page.textContent('h1'), /ถูกใช้ตอบแบบวัดแล้ว/);
    await staff.close();
  }

  // The group's EIT page, from its menu: the address to share, its QR code, the poster.
  await group.page.goto(`${base}/admin/codes`);
  await Promise.all([group.page.waitForURL(/\/admin\/eit/), group.page.click('nav.top a:has-text("แบบวัด EIT")')]);
  await noSeriousAccessibilityFaults(group.page, 'the EIT page');
  const eitWidth = await group.page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(eitWidth <= 360, `the EIT page fits a 360 px screen (scroll width ${eitWidth})`);
  assert.match(await group.page.textContent('main'), /\/e\/A1/);
  const poster = await group.page.request.get(base + (await group.page.getAttribute('a[href^="/admin/eit-poster.pdf"]', 'href')));
  assert.equal(poster.status(), 200);
  assert.equal(poster.headers()['content-type'], 'application/pdf');
  await shot(group.page, 'eit-materials');

  // 4. Three citizens answer the public survey, each in their own browser.
  for (let citizen = 0; citizen < 3; ++citizen) {
    const context = await browser.newContext(phone);
    const page = await context.newPage();
    await page.goto(`${base}/e/A1`);
    if (citizen === 0) {
      await noSeriousAccessibilityFaults(page, 'the public survey');
      await shot(page, 'public-survey');
    }
    const answered = await answerSurvey(page, citizen + 1);
    if (citizen === 0) publicItems = answered;
    await context.close();
  }

  // The rest of each sample came on paper (7 staff, 27 citizens): with them both reach their
  // minimum (10 and 30), without which no IIT or EIT figure is ever shown to the group. The
  // citizens' paper answers are the EIT's part 2 (collected by others); the web's are part 1.
  run('import', '--db', db, '--year', String(year), 'responses', answersFile('iit.csv', 'IIT', staffItems, 7),
      answersFile('eit.csv', 'EIT', publicItems, 27, '2'));

  // 5. The working group enters OIT evidence: two items it has, one it does not.
  for (const [item, present] of [['O1', true], ['O2', true], ['O3', false]]) {
    await group.page.goto(`${base}/admin/oit/${item}`);
    await group.page.check(`input[name=present][value=${present ? 'yes' : 'no'}]`);
    if (present) await group.page.fill('#url', `https://a1.go.th/${item}`);
    await group.page.fill('#description', `ข้อมูล ${item} ปี ${year}`);
    await Promise.all([group.page.waitForURL(/done=entered/), group.page.click(`form[action="/admin/oit/${item}"] button`)]);
  }
  await shot(group.page, 'oit-items');
  await noSeriousAccessibilityFaults(group.page, 'the OIT items');
  await group.page.goto(`${base}/admin/oit/O1`);
  await noSeriousAccessibilityFaults(group.page, 'an OIT item');
  // "ส่งแบบ OIT": the items not entered are confirmed as without evidence; the auditor reviews after.
  await group.page.goto(`${base}/admin/oit?year=${year}`);
  if (shots) await group.page.locator('#send').screenshot({ path: path.join(shots, 'oit-send-form.png') });
  await group.page.check('input[name=confirm_missing]');
  await Promise.all([group.page.waitForURL(/done=sent/), group.page.click('form[action="/admin/oit/send"] button')]);
  assert.match(await group.page.textContent('#send'), /ส่งแล้ว/);
  await noSeriousAccessibilityFaults(group.page, 'the OIT items once sent');
  if (shots) await group.page.locator('#send').screenshot({ path: path.join(shots, 'oit-sent.png') });

  // The national admin follows the season and gives the agencies to auditors.
  await nation.page.goto(`${base}/national/progress?year=${year}`);
  assert.match(await nation.page.textContent('#progress'), /เทศบาลเมืองแจระแม/);
  await noSeriousAccessibilityFaults(nation.page, 'the progress page');
  await shot(nation.page, 'progress');
  await nation.page.goto(`${base}/national/review-assignments?year=${year}`);
  await noSeriousAccessibilityFaults(nation.page, 'the assignments page');
  await Promise.all([nation.page.waitForURL(/done=1/), nation.page.click('form[action="/national/review-assignments/spread"] button')]);
  await group.page.goto(`${base}/admin/progress?year=${year}`);
  assert.match(await group.page.textContent('#own-progress'), /3 จาก/);
  await noSeriousAccessibilityFaults(group.page, 'the group\'s progress');

  // 6. The auditor works the queue: accepts O1 and O3 and rejects O2 with a reason.
  const auditor = await firstSignIn('auditor', auditorPassword);
  await auditor.page.goto(`${base}/review/oit?year=${year}&mine=1`);
  await noSeriousAccessibilityFaults(auditor.page, 'the review queue');
  await Promise.all([auditor.page.waitForURL(/agency=A1/), auditor.page.click('#queue a')]);
  await noSeriousAccessibilityFaults(auditor.page, 'the review page');
  for (const [item, verdict] of [['O1', 'accepted'], ['O2', 'rejected'], ['O3', 'accepted']]) {
    await auditor.page.goto(`${base}/review/oit?year=${year}&agency=A1`);
    const form = auditor.page.locator(`form[action="/review/oit/A1/${item}"]`);
    await form.locator(`input[name=verdict][value=${verdict}]`).check();
    if (verdict === 'rejected') await form.locator('textarea').fill('ไม่พบข้อมูลของปีงบประมาณนี้');
    await Promise.all([auditor.page.waitForURL(/done=reviewed/), form.locator('button').click()]);
  }

  // The group clarifies O2 once; it comes first in the auditor's queue and is accepted.
  await group.page.goto(`${base}/admin/oit/O2`);
  await group.page.fill('#text', 'เพิ่มข้อมูลปีงบประมาณนี้แล้ว');
  await Promise.all([group.page.waitForURL(/done=clarified/), group.page.click('form[action="/admin/oit/O2/clarify"] button')]);
  await auditor.page.goto(`${base}/review/oit?year=${year}`);
  assert.match(await auditor.page.textContent('main'), /รอตรวจซ้ำหลังชี้แจง 1/);
  await auditor.page.goto(`${base}/review/oit?year=${year}&agency=A1`);
  const again = auditor.page.locator('form[action="/review/oit/A1/O2"]');
  await again.locator('input[name=verdict][value=accepted]').check();
  await again.locator('textarea').fill('');
  await Promise.all([auditor.page.waitForURL(/done=reviewed/), again.locator('button').click()]);
  await group.page.goto(`${base}/admin/oit/O2`);
  assert.match(await group.page.textContent('main'), /ผลการตรวจข้อนี้เปลี่ยนแล้ว/);
  await noSeriousAccessibilityFaults(group.page, 'an OIT item with its history');

  // 7. Before the review closes the result waits; the national admin closes the surveys and
  // the review (yesterday). Until the surveys close, their answers are held sealed and count
  // nowhere; closing them releases them into the scores.
  const waiting = await group.page.goto(`${base}/admin/results?year=${year}`);
  assert.equal(waiting.status(), 403);
  // Nor do the group's live figures show a survey still open (one answer could be read off them).
  const session = await group.page.request.post(`${base}/api/v1/session`, { data: { user: 'wg-a1', password: 'correct horse battery' } });
  const { token } = await session.json();
  const api = await group.page.request.get(`${base}/api/v1/agencies/A1/scores?year=${year}`, { headers: { Authorization: `Bearer ${token}` } });
  assert.equal(api.status(), 200);
  const live = await api.json();
  assert.equal(live.instruments.IIT, null, 'no IIT figure while the survey is open');
  assert.equal(live.instruments.EIT, null, 'no EIT figure while the survey is open');
  await nation.page.goto(`${base}/national/season?year=${year}`);
  for (const phase of ['iit', 'eit']) {
    await nation.page.fill(`#${phase}_open`, thaiDay(-3));
    await nation.page.fill(`#${phase}_close`, thaiDay(-2));
  }
  await nation.page.fill('#review_open', thaiDay(-2));
  await nation.page.fill('#review_close', thaiDay(-1));
  await Promise.all([nation.page.waitForURL(/done=opened/), nation.page.click('form[action="/national/season"] button[type=submit]')]);

  // 8. The result page shows what `ita score` computes from the same database.
  const scored = JSON.parse(run('score', '--db', db, '--year', String(year), '--agency', 'A1', '--format', 'json')).agencies[0];
  const result = await group.page.goto(`${base}/admin/results?year=${year}`);
  assert.equal(result.status(), 200);
  await shot(group.page, 'results');
  await noSeriousAccessibilityFaults(group.page, 'the results page');
  assert.equal((await group.page.textContent('#overall')).split(' ')[0], shown(scored.overall), 'the overall score');
  const rows = await group.page.$$eval('#indicators tbody tr', (trs) => trs.map((tr) => [...tr.cells].map((cell) => cell.textContent.trim())));
  for (const [name, score] of rows) {
    const number = name.split('.')[0];
    assert.equal(score, shown(scored.indicators[number]), `indicator ${number}`);
  }
  assert.equal(rows.length, Object.values(scored.indicators).filter((value) => value !== null).length);
  const instruments = await group.page.$$eval('#instruments td', (cells) => cells.map((cell) => cell.textContent.trim()));
  assert.deepEqual(instruments, Object.values(scored.instruments).map((value) => (value === null ? '—' : shown(value))), 'the instrument scores');
  assert.deepEqual(scored.eit_parts.map((part) => [part.code, part.respondents]), [['1', 3], ['2', 27]], 'the web answers are part 1');
  const parts = await group.page.$$eval('#eit-parts tbody tr', (trs) => trs.map((tr) => [...tr.cells].map((cell) => cell.textContent.trim())));
  // A part scored from fewer than 5 respondents shows no score (3 citizens could be read back).
  const partShown = (part) => (part.respondents > 0 && part.respondents < 5 ? '—' : shown(part.score));
  assert.deepEqual(parts.map((row) => row[row.length - 1]), scored.eit_parts.map(partShown), 'the EIT parts');
  assert.equal(parts[0][parts[0].length - 1], '—', 'part 1 has only the 3 web answers');
  if (scored.overall < 85) assert.match(await group.page.textContent('main'), /เส้นทางสู่เกณฑ์ 85 คะแนน/);
  // 9. Publishing: refused while OIT entry and clarification are still open (the page says why
  // and offers no button), then, the calendar closed in a second edit, previewed, confirmed by
  // typing, and corrected once with a reason the public page shows.
  await nation.page.goto(`${base}/national/publish?year=${year}`);
  assert.match(await nation.page.textContent('#blocking'), /การบันทึกข้อมูล OIT ยังเปิดอยู่/);
  assert.equal(await nation.page.locator('#publish-form').count(), 0, 'no publish button while the season runs');
  await shot(nation.page, 'publish-blocked');
  await noSeriousAccessibilityFaults(nation.page, 'the publication page, blocked');
  await nation.page.goto(`${base}/national/season?year=${year}`);
  await noSeriousAccessibilityFaults(nation.page, 'the season page');
  assert.equal(await nation.page.inputValue('#review_close'), thaiDay(-1), 'the calendar in force, in the Buddhist era');
  await nation.page.fill('#oit_entry_open', thaiDay(-4));
  await nation.page.fill('#oit_entry_close', thaiDay(-3));
  await nation.page.fill('#clarification_open', thaiDay(-1));
  await nation.page.fill('#clarification_close', thaiDay(-1));
  await Promise.all([nation.page.waitForURL(/done=opened/), nation.page.click('form[action="/national/season"] button[type=submit]')]);
  assert.equal(await nation.page.inputValue('#iit_close'), thaiDay(-2), 'the first edit kept');
  const publishPage = await signIn('nation', phone);
  await publishPage.page.goto(`${base}/national/publish?year=${year}`);
  assert.match(await publishPage.page.textContent('#preview-figures'), /มีผลการประเมิน1/);
  await shot(publishPage.page, 'publish-ready-360');
  await noSeriousAccessibilityFaults(publishPage.page, 'the publication page, ready');
  await publishPage.page.fill('#confirmation', 'ตกลง');
  await publishPage.page.click('#publish-form button[type=submit]');
  assert.match(await publishPage.page.textContent('.errors'), /พิมพ์ “เผยแพร่ผลปี 2566” เพื่อยืนยัน/);
  await publishPage.page.fill('#confirmation', 'เผยแพร่ผลปี ๒๕๖๖');
  await Promise.all([publishPage.page.waitForURL(/done=published/), publishPage.page.click('#publish-form button[type=submit]')]);
  await publishPage.page.fill('#reason', 'แก้ไขผลการตรวจ OIT ที่บันทึกผิดหนึ่งข้อ');
  await publishPage.page.fill('#confirmation', 'เผยแพร่ผลปี 2566');
  await Promise.all([publishPage.page.waitForURL(/done=published/), publishPage.page.click('#publish-form button[type=submit]')]);
  assert.equal(await publishPage.page.locator('#versions tbody tr').count(), 2);
  await shot(publishPage.page, 'publish-versions-360');
  const publicPage = await browser.newPage();
  let note = '';
  for (let attempt = 0; attempt < 40 && !note.includes('ฉบับที่ 2'); ++attempt) {
    await publicPage.goto(`${base}/national?year=${year}`);
    note = (await publicPage.locator('#publication-note').textContent()) ?? '';
    if (!note.includes('ฉบับที่ 2')) await publicPage.waitForTimeout(100);
  }
  assert.match(note, /ฉบับที่ 2 แก้ไขเมื่อ .* เหตุผล: แก้ไขผลการตรวจ OIT ที่บันทึกผิดหนึ่งข้อ/);
  await shot(publicPage, 'public-corrected');
  await noSeriousAccessibilityFaults(publicPage, 'the public national page');
  console.log(`season cycle passed on ${backend}: overall ${shown(scored.overall)}, ${rows.length} indicators, 3 staff, 3 citizens, 3 OIT items, published and corrected once`);
} catch (error) {
  console.error(log().split('\n').slice(-20).join('\n'));
  throw error;
} finally {
  await browser.close();
  await stop();
  stopPostgres();
  rmSync(work, { recursive: true, force: true });
}
