import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import type { Logger } from 'pino';
import { MIGRATIONS } from '../../migrations';
import { openDatabase } from '../app';
import { AppConfig } from '../config/app-config';
import { Clock } from '../platform/clock/clock';
import { DatabaseTarget, EmbeddedDatabaseLock, buildDataSource } from '../platform/database/data-source';
import { migrateUnderLock } from '../platform/database/migrate';
import { loadLogicalBackup, readLogicalHeader, writeLogicalBackup } from './logical-backup';

// `breachclock backup` and `breachclock restore`: what was done and how, in words for the operator.
export type BackupFormat = 'pg_dump' | 'logical';

export interface BackupResult {
  format: BackupFormat;
  method: string;
  rows?: number;
}

export class BackupError extends Error {}

const PG_DUMP_MAGIC = 'PGDMP';

function hasTool(tool: string): boolean {
  const probe = spawnSync(tool, ['--version'], { encoding: 'utf8' });
  return probe.status === 0;
}

function runTool(tool: string, args: string[]): void {
  const result = spawnSync(tool, args, { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
  if (result.status !== 0) throw new BackupError(`${tool} failed: ${(result.stderr || result.error?.message || '').trim()}`);
}

export async function backup(config: AppConfig, logger: Logger, clock: Clock, file: string, wanted?: BackupFormat): Promise<BackupResult> {
  const db = config.database;
  if (db.kind === 'postgres' && wanted !== 'logical') {
    if (hasTool('pg_dump')) {
      runTool('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', `--file=${file}`, `--dbname=${db.url}`]);
      fs.chmodSync(file, 0o600);
      return { format: 'pg_dump', method: 'pg_dump -Fc (one snapshot; the app keeps serving)' };
    }
    if (wanted === 'pg_dump') throw new BackupError('pg_dump is not on PATH: install the PostgreSQL client tools of the server version');
    logger.warn({ event: 'backup.no_pg_dump' }, 'pg_dump is not on PATH; writing breachclock’s logical backup instead');
  }
  if (db.kind === 'pglite' && wanted === 'pg_dump') {
    throw new BackupError('the embedded database is backed up in the logical format (pg_dump needs a client of PostgreSQL 18)');
  }
  // The embedded database: through the running server's local socket, or from the files it left.
  const opened = await openDatabase(config, logger, { besideServer: true });
  try {
    const method =
      db.kind === 'postgres'
        ? 'logical dump of the PostgreSQL database (one REPEATABLE READ snapshot; the app keeps serving)'
        : opened.lease
          ? 'logical dump from the embedded data folder (no server was running)'
          : "logical dump through the running server's local socket (one transaction; the server's requests wait while it reads)";
    const trailer = await writeLogicalBackup(opened.dataSource, file, db.kind === 'postgres' ? 'postgres' : 'pglite', clock.now());
    return { format: 'logical', method, rows: Object.values(trailer.counts).reduce((a, b) => a + b, 0) };
  } finally {
    await opened.close();
  }
}

export interface RestoreResult {
  format: BackupFormat;
  method: string;
}

export async function restore(config: AppConfig, logger: Logger, file: string, force: boolean): Promise<RestoreResult> {
  if (!fs.existsSync(file)) throw new BackupError(`no such file: ${file}`);
  const head = Buffer.alloc(5);
  const fd = fs.openSync(file, 'r');
  fs.readSync(fd, head, 0, 5, 0);
  fs.closeSync(fd);
  const db = config.database;
  if (head.toString('latin1') === PG_DUMP_MAGIC) {
    if (db.kind !== 'postgres') throw new BackupError('this is a pg_dump backup: restore it into PostgreSQL (set DATABASE_URL)');
    if (!hasTool('pg_restore'))
      throw new BackupError(`pg_restore is not on PATH: install the PostgreSQL client tools, or run pg_restore -d <url> ${file}`);
    await preparePostgres(db.url, force);
    runTool('pg_restore', ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', `--dbname=${db.url}`, file]);
    return { format: 'pg_dump', method: 'pg_restore of a pg_dump -Fc backup' };
  }
  const header = await readLogicalHeader(file);
  if (!header) throw new BackupError('not a breachclock backup (neither pg_dump -Fc nor breachclock’s logical format)');
  const known = MIGRATIONS.map((m) => new m().name);
  const upTo = header.migrations.length;
  if (header.migrations.some((name, i) => known[i] !== name)) {
    throw new BackupError('the backup comes from a newer or different breachclock: restore it with that version, then upgrade');
  }
  const lock = db.kind === 'pglite' ? new EmbeddedDatabaseLock(db.dataDir) : null;
  lock?.acquire(); // a running server holds it: restore refuses to write under it
  try {
    if (db.kind === 'pglite') prepareFolder(db.dataDir, force);
    else await preparePostgres(db.url, force);
    const target = db.kind === 'pglite' ? { kind: 'pglite' as const, dataDir: db.dataDir } : db;
    try {
      await loadInto(target, upTo, file);
    } catch (error) {
      // Leave the target as empty as it was found, so the next attempt needs no --force.
      if (db.kind === 'pglite') fs.rmSync(db.dataDir, { recursive: true, force: true });
      else await preparePostgres(db.url, true);
      throw error;
    }
  } finally {
    lock?.release();
  }
  return { format: 'logical', method: `logical backup of ${header.createdAt} (${header.source}), loaded in one transaction` };
}

// The schema as it was when the backup was made, then its rows; the app's next start migrates it the rest of the way.
async function loadInto(target: DatabaseTarget, upTo: number, file: string): Promise<void> {
  const dataSource = buildDataSource(target, [], MIGRATIONS.slice(0, upTo));
  await dataSource.initialize();
  try {
    await migrateUnderLock(dataSource);
    const runner = dataSource.createQueryRunner();
    await runner.startTransaction();
    try {
      await loadLogicalBackup(runner, file);
      await runner.commitTransaction();
    } catch (error) {
      await runner.rollbackTransaction();
      throw error;
    } finally {
      await runner.release();
    }
  } finally {
    await dataSource.destroy();
  }
}

function prepareFolder(dataDir: string, force: boolean): void {
  const filled = fs.existsSync(dataDir) && fs.readdirSync(dataDir).length > 0;
  if (!filled) return;
  if (!force) throw new BackupError(`the data folder ${dataDir} is not empty: restore into an empty one, or pass --force to replace it`);
  fs.rmSync(dataDir, { recursive: true, force: true });
}

async function preparePostgres(url: string, force: boolean): Promise<void> {
  const dataSource = buildDataSource({ kind: 'postgres', url, poolSize: 1 }, [], []);
  await dataSource.initialize();
  try {
    const [{ n }] = await dataSource.query(`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'`);
    if (n === 0) return;
    if (!force) throw new BackupError(`the database has ${n} tables: restore into an empty database, or pass --force to replace them`);
    await dataSource.query('DROP SCHEMA public CASCADE');
    await dataSource.query('CREATE SCHEMA public');
  } finally {
    await dataSource.destroy();
  }
}
