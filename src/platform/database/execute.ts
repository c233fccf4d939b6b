import { EntityManager } from 'typeorm';

// Runs raw SQL and returns rows and the affected-row count the same way on PostgreSQL (pg) and
// PGlite: plain EntityManager.query returns [rows, count] for UPDATE/DELETE on pg but rows on PGlite.
export async function execute<T = Record<string, unknown>>(m: EntityManager, sql: string, params: unknown[] = []): Promise<{ rows: T[]; affected: number }> {
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
