#!/usr/bin/env node
// `npm run drill:restore`: the restore drill of docs/operations.md, measured on this machine. Preloads
// RESTORE_DRILL_INCIDENTS (default 100,000) incidents with their obligations into PostgreSQL (the
// preload of scripts/bench.js), then times `breachclock backup` and `breachclock restore` for each
// path: pg_dump -Fc → pg_restore, the logical format into PostgreSQL and into the embedded database,
// and the embedded database's backup with the server stopped and through the running server's socket.
// Each restore ends with the command's own proof (incident count, audit verify). Prints a Markdown table.
'use strict';
const { spawn, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { freshDatabase, seedParties, preloadIncidents, admin } = require('./bench');

const ROOT = path.resolve(__dirname, '..');
const COUNT = Number(process.env.RESTORE_DRILL_INCIDENTS ?? 100_000);
const log = (...a) => console.error('[drill]', ...a);

function breachclock(env, ...args) {
  const started = performance.now();
  const out = execFileSync(process.execPath, [path.join(ROOT, 'bin/breachclock.js'), ...args], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'error', ...env },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const seconds = (performance.now() - started) / 1000;
  log(out.trim());
  return { seconds, out };
}

const mb = (file) => (fs.statSync(file).size / 1024 / 1024).toFixed(1);

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bc-drill-'));
  const name = (n) => `breachclock_drill_${n}_${process.pid}`;
  const source = await freshDatabase(name('source'));
  const pg = { DATABASE_URL: source };
  const rows = [];
  try {
    breachclock(pg, 'audit', 'verify'); // migrates the empty database
    const parties = await seedParties(source);
    log(`preloading ${COUNT.toLocaleString('en')} incidents`);
    await preloadIncidents(source, {
      count: COUNT,
      controllers: 49,
      processorId: parties.processorId,
      contractId: parties.contractId,
      userId: parties.staffUserId,
      bigControllerId: parties.controllerId,
      bigShare: 10,
    });

    const dump = path.join(dir, 'pg.dump');
    const logical = path.join(dir, 'pg.bak');
    let r = breachclock(pg, 'backup', '--out', dump);
    rows.push(['PostgreSQL', 'backup, pg_dump -Fc', r.seconds, mb(dump)]);
    r = breachclock({ DATABASE_URL: await freshDatabase(name('pgrestore')) }, 'restore', '--from', dump);
    rows.push(['PostgreSQL', 'restore, pg_restore + audit verify', r.seconds, '']);
    r = breachclock(pg, 'backup', '--out', logical, '--format', 'logical');
    rows.push(['PostgreSQL', 'backup, logical', r.seconds, mb(logical)]);
    r = breachclock({ DATABASE_URL: await freshDatabase(name('logical')) }, 'restore', '--from', logical);
    rows.push(['PostgreSQL', 'restore, logical + audit verify', r.seconds, '']);

    const embedded = { DATABASE_URL: '', DATA_DIR: path.join(dir, 'embedded') };
    r = breachclock(embedded, 'restore', '--from', logical);
    rows.push(['embedded', 'restore, logical + audit verify', r.seconds, '']);
    const offline = path.join(dir, 'offline.bak');
    r = breachclock(embedded, 'backup', '--out', offline);
    rows.push(['embedded', 'backup, server stopped', r.seconds, mb(offline)]);
    const server = spawn(process.execPath, [path.join(ROOT, 'dist/src/main.js')], {
      cwd: ROOT,
      env: {
        ...process.env,
        ...embedded,
        PORT: String(30_000 + Math.floor(Math.random() * 10_000)),
        LOG_FORMAT: 'json',
        ESCALATIONS: 'off',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    server.stdout.on('data', (c) => (out += c));
    while (!out.includes('"event":"http.listening"')) await new Promise((res) => setTimeout(res, 100));
    const online = path.join(dir, 'online.bak');
    r = breachclock(embedded, 'backup', '--out', online);
    rows.push(['embedded', "backup, through the running server's socket", r.seconds, mb(online)]);
    server.kill('SIGTERM');
    await new Promise((res) => server.once('exit', res));
  } finally {
    for (const n of ['source', 'pgrestore', 'logical']) await admin(`DROP DATABASE IF EXISTS ${name(n)} WITH (FORCE)`);
    fs.rmSync(dir, { recursive: true, force: true });
  }
  console.log(`${COUNT.toLocaleString('en')} incidents (${(COUNT * 2).toLocaleString('en')} obligations), ${os.cpus().length} cores:\n`);
  console.log('| engine | step | seconds | file (MB) |\n| --- | --- | ---: | ---: |');
  for (const [engine, step, seconds, size] of rows) console.log(`| ${engine} | ${step} | ${seconds.toFixed(1)} | ${size} |`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
