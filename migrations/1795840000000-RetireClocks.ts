import { MigrationInterface, QueryRunner } from 'typeorm';

// The two clocks per incident (table `deadline`) are retired: obligations (1795810000000) carry every
// duty, its deadline, its fulfilment and "I have this" (1795830000000), and nothing reads the clocks
// any more. Obligations and escalations are not touched. `escalation.deadline_kind` stays: it is the
// side of the duty (the controller's, or the processor's report), which the escalations still use.
export class RetireClocks1795840000000 implements MigrationInterface {
  name = 'RetireClocks1795840000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE deadline`);
  }

  // Back to the clock model: the table as it was, one clock per incident and side rebuilt from the
  // obligations (the processor's report; the soonest authority duty under GDPR, UK GDPR or revFADP
  // that has a deadline), so the code of before finds its clocks. The clock rows keep the ids of
  // their obligations, as the Obligations migration kept them the other way round.
  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE deadline (
        id uuid NOT NULL,
        incident_id uuid NOT NULL,
        kind text NOT NULL,
        owner_org_id uuid NOT NULL,
        started_at timestamptz NOT NULL,
        due_at timestamptz NOT NULL,
        completed_at timestamptz,
        stopped_at timestamptz,
        acknowledged_by text,
        acknowledged_at timestamptz,
        CONSTRAINT pk_deadline PRIMARY KEY (id),
        CONSTRAINT ux_deadline__incident_kind UNIQUE (incident_id, kind),
        CONSTRAINT fk_deadline__incident FOREIGN KEY (incident_id) REFERENCES incident (id),
        CONSTRAINT fk_deadline__owner_org FOREIGN KEY (owner_org_id) REFERENCES organization (id),
        CONSTRAINT ck_deadline__kind CHECK (kind IN ('processor_to_controller', 'authority'))
      )`);
    await q.query(
      `CREATE INDEX ix_deadline__open_owner_due ON deadline (owner_org_id, due_at) WHERE completed_at IS NULL AND stopped_at IS NULL`,
    );
    await q.query(`
      INSERT INTO deadline (id, incident_id, kind, owner_org_id, started_at, due_at, completed_at, stopped_at, acknowledged_by, acknowledged_at)
      SELECT DISTINCT ON (o.incident_id, k.kind)
             o.id, o.incident_id, k.kind, CASE WHEN o.regime = 'contract' THEN o.processor_id ELSE o.controller_id END,
             coalesce(o.starts_at, o.frozen_starts_at), coalesce(o.due_at, o.frozen_due_at),
             o.fulfilled_at, o.waived_at, o.acknowledged_by, o.acknowledged_at
      FROM obligation o
      CROSS JOIN LATERAL (SELECT CASE WHEN o.regime = 'contract' THEN 'processor_to_controller' ELSE 'authority' END AS kind) k
      WHERE ((o.regime = 'contract' AND o.processor_id IS NOT NULL)
             OR (o.regime IN ('gdpr', 'uk_gdpr', 'ch_fadp') AND o.duty = 'notify_authority'))
        AND coalesce(o.starts_at, o.frozen_starts_at) IS NOT NULL AND coalesce(o.due_at, o.frozen_due_at) IS NOT NULL
      ORDER BY o.incident_id, k.kind, (o.phase = 'waived'), coalesce(o.due_at, o.frozen_due_at), o.id`);
  }
}
