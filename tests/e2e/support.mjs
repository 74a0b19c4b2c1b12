// What the end-to-end runs share: a free loopback port, `ita serve` started and waited for,
// Debian's Chromium, and the axe-core check for serious accessibility faults.
import { chromium } from 'playwright-core';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export const freePort = () => new Promise((resolve) => {
  const server = net.createServer();
  server.listen(0, '127.0.0.1', () => { const { port } = server.address(); server.close(() => resolve(port)); });
});

// Starts `ita serve --db DB [OPTIONS]` on a free port; resolves when /healthz answers. `log()` is
// its stderr. Without options the OIT evidence checker is off: a test never leaves loopback.
export async function startServer(ita, db, options = ['--no-evidence-check']) {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = spawn(ita, ['serve', '--db', db, '--listen', `127.0.0.1:${port}`, '--threads', '2', ...options], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  server.stderr.on('data', (chunk) => { log += chunk; });
  for (let attempt = 0; ; ++attempt) {
    try { if ((await fetch(`${base}/healthz`)).ok) break; } catch { /* not up yet */ }
    assert.ok(attempt < 100, 'the server did not come up');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const stop = async () => {
    server.kill('SIGTERM');
    if (server.exitCode === null && server.signalCode === null) await new Promise((resolve) => server.once('exit', resolve));
  };
  return { base, stop, log: () => log };
}

export const launchChromium = () => chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

export async function noSeriousAccessibilityFaults(page, what) {
  // Evaluated, not added as a script tag: the pages' Content-Security-Policy forbids inline script.
  await page.evaluate(axeSource);
  const result = await page.evaluate(() => window.axe.run());
  const serious = result.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
  assert.deepEqual(serious.map((violation) => `${violation.id}: ${violation.help}`), [], `accessibility faults on ${what}`);
}
