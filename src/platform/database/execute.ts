import { createHash } from 'node:crypto';
import { DataSource, EntityManager, EntityTarget, QueryFailedError } from 'typeorm';
import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
import { QueryResult } from 'typeorm/query-runner/QueryResult';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';

// Runs raw SQL and returns rows and the affected-row count the same way on PostgreSQL (pg) and
// PGlite: plain EntityManager.query returns [rows, count] for UPDATE/DELETE on pg but rows on PGlite.
// With `prepare` (a statement of fixed text on a hot path, e.g. a filing's), PostgreSQL parses and
// plans it once per session and then only binds and runs it (a named statement of the pg driver);
// parsing and planning the filing's few large statements cost more of PostgreSQL's time than running
// them. Only for fixed text: each distinct text stays prepared in every session of the pool.
export async function execute<T = Record<string, unknown>>(
  m: EntityManager,
  sql: string,
  params: unknown[] = [],
  options: { prepare?: boolean } = {},
): Promise<{ rows: T[]; affected: number }> {
  const own = !m.queryRunner;
  const runner = m.queryRunner ?? m.connection.createQueryRunner();
  try {
    const result =
      options.prepare && sessionsOwned.has(m.connection)
        ? await runPrepared(runner as PostgresQueryRunner, sql, params)
        : await runner.query(sql, params, true);
    const raw = result.raw as { affectedRows?: number; rowCount?: number } | undefined;
    const rows = (result.records ?? []) as T[];
    const affected = result.affected ?? raw?.affectedRows ?? raw?.rowCount ?? rows.length;
    return { rows, affected: Number(affected) };
  } finally {
    if (own) await runner.release();
  }
}

// `id = ANY_OF_IDS`: the rows whose ids are in the array parameter $1, written as a subquery so that
// the plan does not depend on the array's length. PostgreSQL then keeps one plan of a prepared
// statement; with the array itself in the condition it plans again at each run, since it cannot tell
// that the generic plan is as good (for the filing's facts statement, planning cost more than running).
export const ANY_OF_IDS = 'ANY((SELECT $1::uuid[])::uuid[])';

// DataSources whose sessions are this process's own (a PostgreSQL pool): on PGlite's single session,
// shared with the CLI through the local socket, another client's driver would not know the names.
const sessionsOwned = new WeakSet<DataSource>();
export function preparesStatements(target: { preparedStatements?: boolean }, dataSource: DataSource): DataSource {
  if (target.preparedStatements !== false) sessionsOwned.add(dataSource);
  return dataSource;
}

// The name a statement's text is prepared under: the same text, the same name, in every session.
const preparedNames = new Map<string, string>();

async function runPrepared(runner: PostgresQueryRunner, text: string, values: unknown[]): Promise<QueryResult> {
  let name = preparedNames.get(text);
  if (!name) preparedNames.set(text, (name = `bc_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`));
  const client = (await runner.connect()) as { query(q: { name: string; text: string; values: unknown[] }): Promise<PgResult> };
  try {
    const raw = await client.query({ name, text, values });
    const result = new QueryResult();
    result.records = raw.rows;
    result.affected = raw.rowCount ?? undefined;
    return result;
  } catch (err) {
    // As runner.query reports it: callers look for the driver's error (a unique violation, a serialization failure) there.
    throw new QueryFailedError(text, values, err as Error);
  }
}

interface PgResult {
  rows: Record<string, unknown>[];
  rowCount: number | null;
}

// One INSERT of a whole entity (save() would SELECT first to choose between insert and update).
// The cast only bridges TypeORM's deep-partial type, which cannot express relation placeholders.
export async function insertEntity<T extends object>(m: EntityManager, target: EntityTarget<T>, row: T): Promise<T> {
  await m.insert(target, row as unknown as QueryDeepPartialEntity<T>);
  return row;
}

// Many new rows of one entity in one statement with one parameter: the rows as a JSON array, turned
// into the table's row type by PostgreSQL (jsonb_populate_recordset). TypeORM's multi-row insert
// builds one placeholder per value (tens of thousands for a chunk of incidents) and spent more time
// on that than the database spent inserting. The columns are those the entity maps (with their
// transformers); a column left undefined takes its default, so every row must leave the same ones.
export async function insertRows<T extends object>(m: EntityManager, target: EntityTarget<T>, rows: T[]): Promise<void> {
  if (rows.length === 0) return;
  const { table, names, json } = rowsAsJson(m, target, rows);
  await execute(m, `INSERT INTO "${table}" (${names}) SELECT ${names} FROM jsonb_populate_recordset(NULL::"${table}", $1::jsonb)`, [json], {
    prepare: true,
  });
}

// The rows as insertRows sends them: the table, its quoted column list and the JSON parameter.
// Columns named in `except` are left out (the statement fills them itself).
export function rowsAsJson<T extends object>(
  m: EntityManager,
  target: EntityTarget<T>,
  rows: T[],
  except: string[] = [],
): { table: string; names: string; json: string } {
  const meta = m.connection.getMetadata(target);
  const columns = meta.columns.filter(
    (c) =>
      c.isInsert && !c.isVirtual && !c.isGenerated && !except.includes(c.databaseName) && c.getEntityValue(rows[0], true) !== undefined,
  );
  const values = rows.map((row) => {
    const out: Record<string, unknown> = {};
    for (const c of columns) out[c.databaseName] = c.getEntityValue(row, true) ?? null;
    return out;
  });
  const uniform = rows.every((row) =>
    meta.columns.every((c) => columns.includes(c) || except.includes(c.databaseName) || c.getEntityValue(row, true) === undefined),
  );
  if (!uniform) throw new Error(`insertRows(${meta.tableName}): the rows leave different columns to their defaults`);
  return { table: meta.tableName, names: columns.map((c) => `"${c.databaseName}"`).join(', '), json: JSON.stringify(values) };
}
