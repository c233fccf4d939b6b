import { MigrationInterface, QueryRunner } from 'typeorm';

// Erasable values in the audit trail (docs/architecture.md, "Erasable values"; decisions.md).
// - audit_event.format: 1 (the hash covers the values, every event stored so far) or 2 (it covers a
//   salted commitment to each value that may have to be erased); audit_event.commitments holds the
//   salts, or the commitments of values already erased. Columns with a constant default rewrite no
//   row, so the append-only trigger is not involved.
// - The append-only trigger lets two more things through, each only inside a transaction that asked
//   for it and only on the columns it concerns:
//   · erasing values (set_config('breachclock.erase_values', 'on', true)): a format-2 event may change
//     its actor, changes, reason and commitments, nothing else (retention, organization deletion);
//   · re-sealing one chain in format 2 (set_config('breachclock.reseal_chain', <chain>, true)): an event
//     of that chain may change its prev_hash, hash, format (to 2) and commitments, nothing else.
//   Whether the result verifies is the verifier's business (`audit verify`); the database keeps
//   everything else of an event as it was.
const KEEP_DELETE = `
        IF TG_OP = 'DELETE' AND OLD.chain LIKE 'org:%' AND OLD.chain = current_setting('breachclock.erase_chain', true) THEN
          RETURN OLD;
        END IF;`;

export class ErasableAuditValues1795874000000 implements MigrationInterface {
  name = 'ErasableAuditValues1795874000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE audit_event ADD COLUMN format smallint NOT NULL DEFAULT 1`);
    await q.query(`ALTER TABLE audit_event ADD COLUMN commitments jsonb`);
    await q.query(
      `ALTER TABLE audit_event ADD CONSTRAINT ck_audit_event__format CHECK (format = 1 AND commitments IS NULL OR format = 2 AND commitments IS NOT NULL)`,
    );
    await q.query(`
      CREATE OR REPLACE FUNCTION audit_event_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN${KEEP_DELETE}
        IF TG_OP = 'UPDATE' AND current_setting('breachclock.erase_values', true) = 'on' AND OLD.format = 2 AND NEW.format = 2
           AND (to_jsonb(NEW) - 'actor' - 'changes' - 'reason' - 'commitments') = (to_jsonb(OLD) - 'actor' - 'changes' - 'reason' - 'commitments') THEN
          RETURN NEW;
        END IF;
        IF TG_OP = 'UPDATE' AND OLD.chain = current_setting('breachclock.reseal_chain', true) AND NEW.format = 2
           AND (to_jsonb(NEW) - 'prev_hash' - 'hash' - 'format' - 'commitments') = (to_jsonb(OLD) - 'prev_hash' - 'hash' - 'format' - 'commitments') THEN
          RETURN NEW;
        END IF;
        RAISE EXCEPTION 'audit_event is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    // Format-2 events cannot be told apart from forgeries by the verifier of before.
    const [{ n }] = await q.query(`SELECT count(*)::int AS n FROM audit_event WHERE format <> 1`);
    if (n > 0) throw new Error(`${n} audit events are in chain format 2; the schema before cannot verify them`);
    await q.query(`
      CREATE OR REPLACE FUNCTION audit_event_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN${KEEP_DELETE}
        RAISE EXCEPTION 'audit_event is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`ALTER TABLE audit_event DROP CONSTRAINT ck_audit_event__format`);
    await q.query(`ALTER TABLE audit_event DROP COLUMN commitments`);
    await q.query(`ALTER TABLE audit_event DROP COLUMN format`);
  }
}
