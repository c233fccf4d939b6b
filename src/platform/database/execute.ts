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
