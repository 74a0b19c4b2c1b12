// A service counter's tablet in real Chromium (phone-sized, touch): the working group signs in
// on it, turns kiosk mode on at /admin/eit and signs out; three citizens then answer the EIT one
// after another on that same browser, each from the thanks page's button for the next person,
// part by part; an ordinary browser still answers only once. axe-core checks the kiosk form.
//
// Usage: node tests/e2e/kiosk.mjs <path to ita>
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launchChromium, noSeriousAccessibilityFaults, startServer } from './support.mjs';

const ita = process.argv[2];
assert.ok(ita, 'give the path of the ita binary');
const work = mkdtempSync(path.join(os.tmpdir(), 'ita-kiosk-'));
const db = path.join(work, 'ita.db');
const run = (...args) => execFileSync(ita, args, { encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'], input: 'correct horse battery\n' });
writeFileSync(path.join(work, 'agencies.csv'), 'agency_id,name,type,province\nA1,เทศบาลเมืองแจระแม,เทศบาลเมือง,อุบลราชธานี\n');
run('import', '--db', db, 'agencies', path.join(work, 'agencies.csv'));
run('season', 'open', '--db', db, '--year', '2566');
run('users', 'add', '--db', db, '--user', 'wg', '--name', 'คณะทำงาน', '--role', 'agency_admin', '--agency', 'A1');

const { base, stop, log } = await startServer(ita, db);
const browser = await launchChromium();
const tablet = { viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'th-TH' };
const submit = (page, selector) => Promise.all([page.waitForNavigation(), page.click(selector)]);

// Answers the open part's every item, then the next part, and sends from the last.
async function answerEit(page, pattern) {
  for (let guard = 0; guard < 20; ++guard) {
    const names = await page.$$eval('input[type=radio]', (inputs) => [...new Set(inputs.map((input) => input.name))]);
    for (const [index, name] of names.entries()) {
      const options = page.locator(`input[type=radio][name="${name}"]`);
      await options.nth((index + pattern) % (await options.count())).check();
    }
    if (await page.locator('button[value=send]').count()) {
      await Promise.all([page.waitForURL(/\/e\/thanks/), page.click('button[value=send]')]);
      return;
    }
    await submit(page, 'button[name=go]:not([formnovalidate])');
  }
  assert.fail('the form never reached its last part');
}

try {
  const counter = await browser.newContext(tablet);
  const page = await counter.newPage();
  await page.goto(`${base}/login`);
  await page.fill('#user', 'wg');
  await page.fill('#password', 'correct horse battery');
  await Promise.all([page.waitForURL(`${base}/me`), page.click('button[type=submit]')]);
  await page.goto(`${base}/admin/eit?year=2566`);
  await page.fill('#label', 'เคาน์เตอร์ชั้น 1');
  await submit(page, 'form[action="/admin/eit/kiosk"] button');
  assert.match(await page.textContent('.notice'), /เครื่องนี้พร้อมให้ผู้รับบริการตอบ/);
  await page.goto(`${base}/me`);
  await submit(page, 'form[action="/logout"] button');

  // Three citizens in turn on the tablet.
  await page.goto(`${base}/e/A1`);
  for (let citizen = 0; citizen < 3; ++citizen) {
    assert.match(await page.textContent('main'), /เครื่องสำหรับผู้รับบริการ \(เคาน์เตอร์ชั้น 1\)/);
    if (citizen === 0) await noSeriousAccessibilityFaults(page, 'the EIT form in kiosk mode');
    await answerEit(page, citizen);
    assert.match(await page.textContent('h1'), /ขอบคุณที่ร่วมประเมิน/);
    await submit(page, 'a.button[href="/e/A1"]');
  }
  // An ordinary phone answers once; the second time it is told it has answered.
  const phone = await browser.newContext(tablet);
  const own = await phone.newPage();
  await own.goto(`${base}/e/A1`);
  assert.doesNotMatch(await own.textContent('main'), /เครื่องสำหรับผู้รับบริการ/);
  await answerEit(own, 3);
  assert.equal(await own.locator('a.button[href="/e/A1"]').count(), 0, 'no next-person button off a counter');
  await own.goto(`${base}/e/A1`);
  assert.match(await own.textContent('h1'), /ท่านได้ตอบแบบวัดแล้ว/);
  // The counter's three answers are counted against its device, and nowhere else.
  const answers = execFileSync('sqlite3', [db, "SELECT label || ':' || answers FROM kiosks"], { encoding: 'utf8' }).trim();
  assert.equal(answers, 'เคาน์เตอร์ชั้น 1:3');
  console.log('kiosk passed: three citizens on one counter device, an ordinary phone once');
} catch (error) {
  console.error(log());
  throw error;
} finally {
  await browser.close();
  await stop();
  rmSync(work, { recursive: true, force: true });
}
