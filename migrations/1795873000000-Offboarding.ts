import { MigrationInterface, QueryRunner } from 'typeorm';

// Tenant offboarding and retention (docs/offboarding.md).
// - The append-only audit trail lets one thing through: deleting the events of one organization's
//   chain, inside a transaction that named that chain with set_config('breachclock.erase_chain', …, true)
//   (what `breachclock org delete` does, with a tombstone in the system chain). The legacy and system
//   chains, updates and TRUNCATE stay refused.
// - Notifications stay immutable, except inside a transaction that set 'breachclock.erasure' = 'on':
//   there a notification may be deleted (its incident goes with its controller) or have its body
//   pseudonymised (retention) while every other column, the SHA-256 of the body as sent included,
//   stays as it was.
// - A controller keeps the incidents a departed processor reported: the people who recorded them
//   (reported_by_id, recorded_by_id) and the reporting organization are then ids of nobody, so those
//   references lose their foreign keys.
const DROPPED_FKS: [table: string, name: string, column: string, target: string][] = [
  ['incident', 'fk_incident__reporter_org', 'reporter_org_id', 'organization'],
  ['incident', 'fk_incident__reported_by', 'reported_by_id', 'app_user'],
  ['notification', 'fk_notification__recorded_by', 'recorded_by_id', 'app_user'],
  ['nis2_classification', 'fk_nis2_classification__recorded_by', 'recorded_by_id', 'app_user'],
  ['dora_classification', 'fk_dora_classification__recorded_by', 'recorded_by_id', 'app_user'],
];

export class Offboarding1795873000000 implements MigrationInterface {
  name = 'Offboarding1795873000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION audit_event_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' AND OLD.chain LIKE 'org:%' AND OLD.chain = current_setting('breachclock.erase_chain', true) THEN
          RETURN OLD;
        END IF;
        RAISE EXCEPTION 'audit_event is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`
      CREATE OR REPLACE FUNCTION notification_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF current_setting('breachclock.erasure', true) = 'on' THEN
          IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
          IF (to_jsonb(NEW) - 'body') = (to_jsonb(OLD) - 'body') THEN RETURN NEW; END IF;
        END IF;
        RAISE EXCEPTION 'notification is immutable: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    for (const [table, name] of DROPPED_FKS) await q.query(`ALTER TABLE ${table} DROP CONSTRAINT ${name}`);
  }

  async down(q: QueryRunner): Promise<void> {
    // Going back needs every reference to lead somewhere again.
    for (const [table, , column, target] of DROPPED_FKS) {
      const [{ n }] = await q.query(
        `SELECT count(*)::int AS n FROM ${table} x WHERE NOT EXISTS (SELECT 1 FROM ${target} t WHERE t.id = x.${column})`,
      );
      if (n > 0) throw new Error(`${n} rows of ${table}.${column} name a deleted ${target}; the foreign key cannot come back`);
    }
    for (const [table, name, column, target] of DROPPED_FKS) {
      await q.query(`ALTER TABLE ${table} ADD CONSTRAINT ${name} FOREIGN KEY (${column}) REFERENCES ${target}(id)`);
    }
    await q.query(`
      CREATE OR REPLACE FUNCTION notification_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'notification is immutable: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`
      CREATE OR REPLACE FUNCTION audit_event_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_event is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
  }
}
