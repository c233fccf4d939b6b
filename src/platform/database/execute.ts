import { EntityManager, EntityTarget } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';

// Runs raw SQL and returns rows and the affected-row count the same way on PostgreSQL (pg) and
// PGlite: plain EntityManager.query returns [rows, count] for UPDATE/DELETE on pg but rows on PGlite.
export async function execute<T = Record<string, unknown>>(
  m: EntityManager,
  sql: string,
  params: unknown[] = [],
): Promise<{ rows: T[]; affected: number }> {
  const own = !m.queryRunner;
  const runner = m.queryRunner ?? m.connection.createQueryRunner();
  try {
    const result = await runner.query(sql, params, true);
    const raw = result.raw as { affectedRows?: number; rowCount?: number } | undefined;
    const rows = (result.records ?? []) as T[];
    const affected = result.affected ?? raw?.affectedRows ?? raw?.rowCount ?? rows.length;
    return { rows, affected: Number(affected) };
  } finally {
    if (own) await runner.release();
  }
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
  await execute(m, `INSERT INTO "${table}" (${names}) SELECT ${names} FROM jsonb_populate_recordset(NULL::"${table}", $1::jsonb)`, [json]);
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
