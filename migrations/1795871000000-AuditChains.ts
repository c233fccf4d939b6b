import { MigrationInterface, QueryRunner } from 'typeorm';

// One audit chain per organization instead of one for all (docs/architecture.md, "Audit chains").
// Every event names its chain; audit_chain holds each chain's head, and appending locks only that
// row, so tenants no longer wait for each other. The events already stored become the "legacy"
// chain, unchanged and verifiable as before (from the all-zero genesis); its head is their last hash.
// New chains start from a hash of their key (src/audit/domain/audit-chain.ts), so prev_hash stays
// unique across the table. Adding a column with a constant default rewrites no row, so the
// append-only trigger is not involved.
export class AuditChains1795871000000 implements MigrationInterface {
  name = 'AuditChains1795871000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE audit_event ADD COLUMN chain text NOT NULL DEFAULT 'legacy'`);
    await q.query(`ALTER TABLE audit_event ALTER COLUMN chain DROP DEFAULT`);
    await q.query(`CREATE INDEX ix_audit_event__chain ON audit_event (chain, seq)`);
    await q.query(`
      CREATE TABLE audit_chain (
        chain text NOT NULL,
        head_hash text NOT NULL,
        events bigint NOT NULL DEFAULT 0,
        updated_at timestamptz,
        CONSTRAINT pk_audit_chain PRIMARY KEY (chain)
      )`);
    await q.query(`
      INSERT INTO audit_chain (chain, head_hash, events, updated_at)
      SELECT 'legacy', (SELECT hash FROM audit_event ORDER BY seq DESC LIMIT 1), count(*), max(occurred_at)
      FROM audit_event HAVING count(*) > 0`);
  }

  async down(q: QueryRunner): Promise<void> {
    // Going back to one chain is only possible while every event is still in the legacy chain.
    const [{ n }] = await q.query(`SELECT count(*)::int AS n FROM audit_event WHERE chain <> 'legacy'`);
    if (n > 0) throw new Error(`${n} audit events belong to per-organization chains; one global chain cannot hold them`);
    await q.query(`DROP TABLE audit_chain`);
    await q.query(`DROP INDEX ix_audit_event__chain`);
    await q.query(`ALTER TABLE audit_event DROP COLUMN chain`);
  }
}
