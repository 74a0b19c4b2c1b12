// The OIT evidence checker in real Chromium, as a working group uses it on a phone: an address
// typed into the OIT form is checked in the background, its readiness and reason appear, a fix
// is checked again, and the copy kept opens sandboxed — a script in the fetched page must not
// run on ita's origin. The evidence site is served by this test on 127.0.0.1 only.
//
// Usage: node tests/e2e/oit_evidence.mjs <path to ita>
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { launchChromium, noSeriousAccessibilityFaults, startServer } from './support.mjs';

const ita = process.argv[2];
assert.ok(ita, 'give the path of the ita binary');
const shots = process.env.ITA_E2E_SHOTS;
const work = mkdtempSync(path.join(os.tmpdir(), 'ita-e2e-oit-'));
const db = path.join(work, 'ita.db');
const run = (...args) => execFileSync(ita, args, { encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });

// The agency's web site: its structure page, which tries to run a script, and later a wrong page.
let structure = '<!doctype html><html><head><meta charset="utf-8"><title>โครงสร้าง</title></head><body>' +
  '<h1>แผนผังโครงสร้างหน่วยงาน</h1><p>สำนักปลัดมีหัวหน้าสำนักปลัดเป็นผู้บังคับบัญชา แบ่งงานเป็นงานธุรการและงานนโยบายและแผน</p><script>document.title = "pwned"; parent.postMessage("pwned", "*")</script></body></html>';
const site = http.createServer((request, response) => {
  if (new URL(request.url, 'http://site').pathname === '/structure') { response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }); response.end(structure); return; }
  response.writeHead(404, { 'Content-Type': 'text/plain' });
  response.end('not found');
});
await new Promise((resolve) => site.listen(0, '127.0.0.1', resolve));
const evidence = `http://127.0.0.1:${site.address().port}/structure`;

writeFileSync(path.join(work, 'agencies.csv'), 'agency_id,name,type,province\nA1,เทศบาลเมืองแจระแม,เทศบาลเมือง,อุบลราชธานี\n');
run('import', '--db', db, 'agencies', path.join(work, 'agencies.csv'));
run('season', 'open', '--db', db, '--year', '2566');
execFileSync(ita, ['users', 'add', '--db', db, '--user', 'group', '--name', 'group', '--role', 'agency_admin', '--agency', 'A1'],
  { input: 'correct horse battery\n', stdio: ['pipe', 'pipe', 'pipe'] });

const { base, stop, log } = await startServer(ita, db, ['--evidence-allow-private-addresses', '--evidence-check-at', 'off']);
const browser = await launchChromium();
async function shot(page, name) { if (shots) await page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true }); }

// Reloads `url` until `text` shows (the check runs in the background).
async function until(page, url, text) {
  for (let attempt = 0; attempt < 60; ++attempt) {
    await page.goto(url);
    if ((await page.textContent('body')).includes(text)) return;
    await page.waitForTimeout(100);
  }
  await shot(page, "failed");
  assert.fail(`"${text}" never appeared on ${url}: ${await page.evaluate(() => document.body.innerText.slice(0, 2500))}`);
}

try {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'th-TH' });
  const page = await context.newPage();
  await page.goto(`${base}/login`);
  await page.fill('#user', 'group');
  await page.fill('#password', 'correct horse battery');
  await Promise.all([page.waitForURL(`${base}/me`), page.click('button[type=submit]')]);

  // The group types its structure page's address into O1.
  await page.goto(`${base}/admin/oit/O1?year=2566`);
  await page.check('input[name=present][value=yes]');
  await page.fill('#url', evidence);
  await page.fill('#description', 'แผนผังโครงสร้างบนเว็บไซต์');
  await Promise.all([page.waitForURL(/done=entered/), page.click('button:has-text("บันทึกข้อ O1")')]);
  await until(page, `${base}/admin/oit?year=2566`, 'ลิงก์พร้อม');
  const used = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(used <= 360, `the OIT page is ${used} px wide on a 360 px screen`);
  await noSeriousAccessibilityFaults(page, 'the OIT page with readiness');
  await shot(page, 'oit-readiness-360');

  // The copy kept opens, its script blocked by the sandbox.
  await page.goto(`${base}/admin/oit/O1?year=2566`);
  await noSeriousAccessibilityFaults(page, 'the OIT item with its checks');
  const copy = page.locator('a:has-text("เปิดสำเนาที่เก็บไว้")');
  const href = await copy.getAttribute('href');
  const messages = [];
  await page.exposeFunction('noteMessage', (data) => messages.push(data));
  await page.goto(`${base}${href}`);
  assert.match(await page.textContent('h1'), /แผนผังโครงสร้างหน่วยงาน/);
  await page.waitForTimeout(200);
  assert.notEqual(await page.title(), 'pwned', 'a script in a kept copy ran');
  assert.deepEqual(messages, []);

  // The page changes into something else; the group asks for a check again.
  structure = '<!doctype html><html><head><meta charset="utf-8"></head><body><p>ยินดีต้อนรับสู่เว็บไซต์ขององค์การบริหารส่วนตำบล ขอให้ทุกท่านมีความสุขในวันหยุดยาวนี้</p></body></html>';
  await page.goto(`${base}/admin/oit/O1?year=2566`);
  await Promise.all([page.waitForURL(/done=checking/), page.click('button:has-text("ตรวจลิงก์อีกครั้ง")')]);
  await until(page, `${base}/admin/oit/O1?year=2566`, 'ไม่มีคำที่เกี่ยวกับรายการนี้');
  await shot(page, 'oit-item-360');

  // The group names its website; a long address of evidence does not widen the page at 360 px.
  await page.goto(`${base}/admin/oit?year=2566`);
  await page.fill('#website', 'https://www.jaeramae-municipality-ubonratchathani.go.th/index.php/ita');
  await Promise.all([page.waitForURL(/done=website/), page.click('button:has-text("เพิ่มเว็บไซต์")')]);
  assert.match(await page.textContent('#websites'), /jaeramae-municipality-ubonratchathani\.go\.th/);
  await page.goto(`${base}/admin/oit/O2?year=2566`);
  await page.check('input[name=present][value=yes]');
  await page.fill('#url', `${evidence}?document=${'executive-profile-and-contact-channels-'.repeat(6)}2566`);
  await Promise.all([page.waitForURL(/done=entered/), page.click('button:has-text("บันทึกข้อ O2")')]);
  await until(page, `${base}/admin/oit/O2?year=2566`, 'ไม่ใช่เว็บไซต์ของหน่วยงาน');
  for (const url of [`${base}/admin/oit?year=2566`, `${base}/admin/oit/O2?year=2566`]) {
    await page.goto(url);
    if (url.includes('O2')) await shot(page, 'oit-long-address-360');
    const wide = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(wide <= 360, `${url} is ${wide} px wide on a 360 px screen`);
  }
  await page.goto(`${base}/admin/oit?year=2566`);
  await page.evaluate(() => { document.querySelector('#websites').open = true; });
  await noSeriousAccessibilityFaults(page, 'the OIT page with the agency\'s websites');
  if (shots) await page.locator('#websites').screenshot({ path: path.join(shots, 'oit-websites-360.png') });
  await context.close();
  console.log('OIT evidence passed: checked on entry, again on request, the kept copy sandboxed, another site flagged, at 360 px');
} catch (error) {
  console.error(log().split('\n').slice(-20).join('\n'));
  throw error;
} finally {
  await browser.close();
  await stop();
  site.close();
  rmSync(work, { recursive: true, force: true });
}
