// bench/survey_phone.mjs ITA DB CODE WARM_CODE: one staff member answers the whole IIT on a 360 px phone
// (Chromium, touch, 2× pixels) against `ita serve` on DB, part by part, and reports for each
// part the server's time to first byte and the time until the page is ready to use (load).
// The target (issue 17): every page under 150 ms on the demo server.
import { launchChromium, startServer } from '../tests/e2e/support.mjs';

const [ita, db, code, warmCode] = process.argv.slice(2);
const server = await startServer(ita, db);
// A running deployment is warm: its threads hold their connections and the parsed methodology.
// One form read with another code (reading spends nothing) warms this one as well.
for (let read = 0; read < 4; ++read) await fetch(`${server.base}/s/${warmCode}`);
const browser = await launchChromium();
const phone = { viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'th-TH' };
const rows = [];
try {
  const page = await (await browser.newContext(phone)).newPage();
  await page.goto(`${server.base}/s`);  // the browser's own first start, not the survey's
  const timing = async (label) => {
    const [entry] = await page.evaluate(() => performance.getEntriesByType('navigation').map((e) => e.toJSON()));
    rows.push({ label, ttfb: entry.responseStart - entry.requestStart, ready: entry.loadEventEnd - entry.startTime });
  };
  await page.goto(`${server.base}/s/${code}`);
  await timing('part 1 (the card\'s QR)');
  const started = Date.now();
  for (let part = 1; ; ++part) {
    const groups = await page.$$eval('input[type=radio]', (inputs) => [...new Set(inputs.map((input) => input.name))]);
    for (const name of groups) await page.locator(`input[type=radio][name="${name}"]`).first().check();
    const send = page.locator('button[name=go][value=send]');
    if (await send.count()) {
      await Promise.all([page.waitForURL(/\/s\/thanks$/), send.click()]);
      await timing('sent → thanks');
      break;
    }
    await Promise.all([page.waitForNavigation(), page.click('button[name=go]:not([formnovalidate])')]);
    await timing(`part ${part + 1}`);
  }
  const whole = Date.now() - started;
  console.log('| page | server ms (first byte) | ready ms (load) |');
  console.log('|---|---|---|');
  for (const row of rows) console.log(`| ${row.label} | ${row.ttfb.toFixed(1)} | ${row.ready.toFixed(1)} |`);
  const slowest = Math.max(...rows.map((row) => row.ready));
  console.log(`\nwhole survey, scripted (no reading time): ${whole} ms; slowest page ready in ${slowest.toFixed(1)} ms (target < 150 ms)`);
  if (slowest >= 150) process.exitCode = 1;
} finally {
  await browser.close();
  await server.stop();
}
