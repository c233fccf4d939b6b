#!/usr/bin/env node
// `npm run screenshots`: the pages in both languages, from the demo data on a throwaway embedded
// database, taken with Debian's Chromium; written to docs/screenshots/.
'use strict';
const { execFileSync, spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { chromium } = require('playwright-core');

const ROOT = path.resolve(__dirname, '..');
const OUT = path.join(ROOT, 'docs/screenshots');
const PORT = 31_000 + Math.floor(Math.random() * 1000);
const DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'breachclock-shots-'));
const env = { ...process.env, DATA_DIR, PORT: String(PORT), LOG_LEVEL: 'warn', ESCALATIONS: 'off' };
delete env.DATABASE_URL;
const cli = (...args) =>
  execFileSync(process.execPath, [path.join(ROOT, 'bin/breachclock.js'), ...args], { cwd: ROOT, env, encoding: 'utf8' });

async function main() {
  cli('demo');
  cli(
    'user',
    'create',
    '--org',
    'i-secon',
    '--email',
    'dpo-en@i-secon.example',
    '--role',
    'controller_dpo',
    '--password',
    'breachclock-demo',
    '--locale',
    'en',
  );
  cli(
    'user',
    'create',
    '--org',
    'rapidmail',
    '--email',
    'staff-en@rapidmail.example',
    '--role',
    'processor_staff',
    '--password',
    'breachclock-demo',
    '--locale',
    'en',
  );
  const server = spawn(process.execPath, [path.join(ROOT, 'dist/src/main.js')], { cwd: ROOT, env, stdio: 'inherit' });
  const base = `http://127.0.0.1:${PORT}`;
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`${base}/health`)).ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  fs.mkdirSync(OUT, { recursive: true });
  try {
    for (const lang of ['de', 'en']) {
      const context = await browser.newContext({ locale: lang === 'de' ? 'de-DE' : 'en-GB', viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      await page.goto(`${base}/login`);
      await page.screenshot({ path: path.join(OUT, `login.${lang}.png`), fullPage: true });
      const signIn = async (email) => {
        await page.goto(`${base}/login`);
        await page.fill('#email', email);
        await page.fill('#password', 'breachclock-demo');
        await page.click('button[type=submit]');
        await page.waitForURL(`${base}/`);
      };
      await signIn(lang === 'de' ? 'dpo@i-secon.example' : 'dpo-en@i-secon.example');
      await page.screenshot({ path: path.join(OUT, `board.${lang}.png`), fullPage: true });
      await page.goto(`${base}/register`);
      await page.screenshot({ path: path.join(OUT, `register.${lang}.png`), fullPage: true });
      await page.goto(`${base}/authorities?q=${lang === 'de' ? 'Hessen' : 'France'}`);
      await page.screenshot({ path: path.join(OUT, `authorities.${lang}.png`), fullPage: true });
      await page.goto(`${base}/settings`);
      await page.screenshot({ path: path.join(OUT, `settings.${lang}.png`), fullPage: true });
      await page.goto(`${base}/`);
      await page.click('table.board a');
      await page.waitForURL(/incidents\//);
      await page.screenshot({ path: path.join(OUT, `incident.${lang}.png`), fullPage: true });
      await context.clearCookies();
      await signIn(lang === 'de' ? 'security@rapidmail.example' : 'staff-en@rapidmail.example');
      await page.goto(`${base}/incidents/new`);
      await page.screenshot({ path: path.join(OUT, `intake.${lang}.png`), fullPage: true });
      await context.close();
    }
  } finally {
    await browser.close();
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    fs.rmSync(DATA_DIR, { recursive: true, force: true });
  }
  console.log(`screenshots in ${path.relative(ROOT, OUT)}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
