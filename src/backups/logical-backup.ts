import { once } from 'node:events';
import * as fs from 'node:fs';
import * as readline from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { PassThrough } from 'node:stream';
import * as zlib from 'node:zlib';
import type { DataSource, QueryRunner } from 'typeorm';

// breachclock's own backup format: gzip'd JSON lines, the same for both engines, so a backup of the
// embedded database can be restored into PostgreSQL and back. Line 1 is the header (the schema's
// migrations and the tables), then one line per row ({"t": table, "r": row as row_to_json gives it}),
// and a last line with the row count of every table (a file without it was cut short).
export const LOGICAL_FORMAT = 'breachclock-backup';
export const LOGICAL_VERSION = 1;
const BATCH = 2000;
// TypeORM's own bookkeeping: restore recreates it by running the migrations the header names.
const MIGRATIONS_TABLE = 'migrations';

export interface BackupHeader {
  format: typeof LOGICAL_FORMAT;
  version: number;
  createdAt: string;
  source: string;
  migrations: string[];
  tables: string[];
}

export interface BackupTrailer {
  end: true;
  counts: Record<string, number>;
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

// Reads every table of the public schema inside one REPEATABLE READ transaction (one snapshot), with
// a cursor per table so memory stays flat whatever the size.
export async function writeLogicalBackup(dataSource: DataSource, file: string, source: string, now: Date): Promise<BackupTrailer> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  const gzip = zlib.createGzip();
  const out = fs.createWriteStream(file, { mode: 0o600 });
  const done = pipeline(gzip, out);
  const write = async (value: unknown) => {
    if (!gzip.write(`${JSON.stringify(value)}\n`)) await once(gzip, 'drain');
  };
  try {
    await runner.query('START TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
    const tables = (
      await runner.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> $1 ORDER BY tablename`, [
        MIGRATIONS_TABLE,
      ])
    ).map((r: { tablename: string }) => r.tablename);
    const migrations = (await runner.query(`SELECT name FROM ${MIGRATIONS_TABLE} ORDER BY id`)).map((r: { name: string }) => r.name);
    const header: BackupHeader = {
      format: LOGICAL_FORMAT,
      version: LOGICAL_VERSION,
      createdAt: now.toISOString(),
      source,
      migrations,
      tables,
    };
    await write(header);
    const counts: Record<string, number> = {};
    for (const table of tables) {
      counts[table] = 0;
      await runner.query(`DECLARE bc_backup NO SCROLL CURSOR FOR SELECT row_to_json(x)::text AS r FROM ${quote(table)} x`);
      for (;;) {
        const rows: { r: string }[] = await runner.query(`FETCH ${BATCH} FROM bc_backup`);
        for (const row of rows) {
          // The row's JSON as PostgreSQL wrote it, unparsed: nothing is lost between the two.
          if (!gzip.write(`{"t":${JSON.stringify(table)},"r":${row.r}}\n`)) await once(gzip, 'drain');
        }
        counts[table] += rows.length;
        if (rows.length < BATCH) break;
      }
      await runner.query('CLOSE bc_backup');
    }
    await runner.query('COMMIT');
    const trailer: BackupTrailer = { end: true, counts };
    await write(trailer);
    gzip.end();
    await done;
    return trailer;
  } catch (error) {
    await runner.query('ROLLBACK').catch(() => undefined);
    gzip.destroy(error as Error);
    await done.catch(() => undefined);
    fs.rmSync(file, { force: true });
    throw error;
  } finally {
    await runner.release();
  }
}

// Whether a file is one of ours (gzip whose first line is our header).
export async function readLogicalHeader(file: string): Promise<BackupHeader | null> {
  const magic = Buffer.alloc(2);
  const fd = fs.openSync(file, 'r');
  try {
    fs.readSync(fd, magic, 0, 2, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (magic[0] !== 0x1f || magic[1] !== 0x8b) return null;
  for await (const line of lines(file)) {
    const header = JSON.parse(line) as BackupHeader;
    return header.format === LOGICAL_FORMAT ? header : null;
  }
  return null;
}

function lines(file: string): AsyncIterable<string> {
  const stream = new PassThrough();
  void pipeline(fs.createReadStream(file), zlib.createGunzip(), stream).catch((error) => stream.destroy(error));
  return readline.createInterface({ input: stream, crlfDelay: Infinity });
}

// Loads a logical backup into a database whose schema was just made by the header's migrations.
// Foreign keys and triggers are off while loading (session_replication_role = replica, which needs a
// superuser: the embedded database's user is one), identity sequences continue after the highest value.
export async function loadLogicalBackup(runner: QueryRunner, file: string): Promise<Record<string, number>> {
  const columns = new Map<string, string[]>();
  for (const c of await runner.query(
    `SELECT table_name, column_name FROM information_schema.columns
      WHERE table_schema = 'public' AND is_generated = 'NEVER' ORDER BY table_name, ordinal_position`,
  )) {
    columns.set(c.table_name, [...(columns.get(c.table_name) ?? []), c.column_name]);
  }
  const counts: Record<string, number> = {};
  let trailer: BackupTrailer | null = null;
  let batch = null as { table: string; rows: string[] } | null;
  const flush = async () => {
    if (!batch || batch.rows.length === 0) return;
    const cols = columns.get(batch.table);
    if (!cols) throw new Error(`the backup has a table this version does not know: ${batch.table}`);
    const list = cols.map(quote).join(', ');
    await runner.query(
      `INSERT INTO ${quote(batch.table)} (${list}) OVERRIDING SYSTEM VALUE
       SELECT ${list} FROM json_populate_recordset(NULL::${quote(batch.table)}, $1::json)`,
      [`[${batch.rows.join(',')}]`],
    );
    counts[batch.table] = (counts[batch.table] ?? 0) + batch.rows.length;
    batch.rows = [];
  };
  await runner.query('SET LOCAL session_replication_role = replica');
  let first = true;
  for await (const line of lines(file)) {
    if (first) {
      first = false;
      continue;
    }
    if (line.startsWith('{"t":')) {
      const table = JSON.parse(line.slice(5, line.indexOf(',"r":'))) as string;
      if (batch?.table !== table) {
        await flush();
        batch = { table, rows: [] };
      }
      batch.rows.push(line.slice(line.indexOf(',"r":') + 5, -1));
      if (batch.rows.length >= 500) await flush();
    } else {
      await flush();
      trailer = JSON.parse(line) as BackupTrailer;
    }
  }
  await flush();
  if (!trailer?.end) throw new Error('the backup file is incomplete (it has no end marker); nothing was restored');
  for (const [table, n] of Object.entries(trailer.counts)) {
    if ((counts[table] ?? 0) !== n) throw new Error(`table ${table}: the backup announces ${n} rows but holds ${counts[table] ?? 0}`);
  }
  for (const s of await runner.query(
    `SELECT table_name, column_name FROM information_schema.columns
      WHERE table_schema = 'public' AND (is_identity = 'YES' OR column_default LIKE 'nextval(%')`,
  )) {
    const t = quote(s.table_name);
    const c = quote(s.column_name);
    await runner.query(
      `SELECT setval(pg_get_serial_sequence($1, $2), COALESCE((SELECT max(${c}) FROM ${t}), 1), (SELECT max(${c}) FROM ${t}) IS NOT NULL)`,
      [s.table_name, s.column_name],
    );
  }
  return counts;
}
