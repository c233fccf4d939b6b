import { MigrationInterface, QueryRunner } from 'typeorm';
import authorityData from '../src/authorities/data/authorities.json';
import { Authority } from '../src/authorities/domain/authority';
import { resolveCompetent } from '../src/authorities/domain/resolve-authority';

// Obligations (issue 14): one row per duty of an incident towards one recipient, beside the two
// clocks of the deadline table (which stay as they are). Organizations say whether they are a NIS2
// entity and a DORA financial entity; incidents get their NIS2 and DORA classifications; a
// notification may name the obligation it was filed for, and duties without a template of their
// own (NIS2, DORA, ePrivacy) are recorded as a `filing`.
//
// The data move: each processor clock becomes `contract/report_to_controller`, each authority clock
// `gdpr/notify_authority` for its authority (the one notified, else the organization's chosen one,
// else the competent one; a British or Swiss authority gives `uk_gdpr` / `ch_fadp`). A clock that
// ended with a notification becomes a fulfilled obligation, frozen as it stands today (met or late,
// the notification and its reasons linked); a stopped clock a waived one; a running one a live one.
// The texts (title, due rule, legal basis) are written as they read at this migration.

const AUTHORITIES = authorityData.authorities as Authority[];

interface ClockRow {
  id: string;
  incident_id: string;
  kind: 'processor_to_controller' | 'authority';
  started_at: Date;
  due_at: Date;
  completed_at: Date | null;
  stopped_at: Date | null;
  controller_id: string;
  processor_id: string | null;
  controller_name: string;
  country: string;
  region: string | null;
  sector: 'private' | 'public';
  public_level: 'federal' | 'state' | null;
  telecom: boolean;
  postal: boolean;
  authority_override_id: string | null;
  not_a_breach_reason: string | null;
  created_at: Date;
  updated_at: Date;
  notification_id: string | null;
  notification_authority_id: string | null;
  reasons_for_delay: string | null;
}

const TEXTS = {
  contract: {
    title: { en: 'Report to the controller', de: 'Meldung an den Verantwortlichen' },
    dueRule: {
      en: "the contract's notice hours after discovery, exact to the second",
      de: 'die Meldefrist des Vertrags in Stunden ab Entdeckung, sekundengenau',
    },
    legalBasis: 'Art. 33(2) GDPR; Art. 28(3)(f) GDPR; the data processing agreement',
  },
  gdpr: {
    title: { en: 'Notify the supervisory authority', de: 'Meldung an die Aufsichtsbehörde' },
    dueRule: {
      en: '72 hours after the controller became aware, exact to the second; weekends and holidays count',
      de: '72 Stunden nach Kenntnis des Verantwortlichen, sekundengenau; Wochenenden und Feiertage zählen mit',
    },
    legalBasis: 'Art. 33(1) GDPR; Art. 55, 56 GDPR; EDPB Guidelines 9/2022 para 73',
  },
  uk_gdpr: {
    title: { en: 'Notify the ICO', de: 'Meldung an das ICO' },
    dueRule: {
      en: '72 hours after the controller became aware, exact to the second',
      de: '72 Stunden nach Kenntnis des Verantwortlichen, sekundengenau',
    },
    legalBasis: 'Art. 33(1) UK GDPR',
  },
  ch_fadp: {
    title: { en: 'Report to the FDPIC', de: 'Meldung an den EDÖB' },
    dueRule: {
      en: 'as soon as possible after the controller became aware, only for a likely high risk; no fixed deadline',
      de: 'so rasch als möglich nach Kenntnis des Verantwortlichen, nur bei voraussichtlich hohem Risiko; keine feste Frist',
    },
    legalBasis: 'Art. 24(1) Federal Act on Data Protection (revFADP, SR 235.1); Art. 15 Data Protection Ordinance',
  },
} as const;

const nameOf = (a: Authority) => (a.abbreviation ? `${a.name_en} (${a.abbreviation})` : a.name_en);

// The authority of a clock, as the obligation's recipient: [key part, recipient, routing, unresolved].
function authorityOf(r: ClockRow): { id: string; recipient: Record<string, string>; routing: string | null; unresolved: string | null } {
  const chosen = r.notification_authority_id ?? r.authority_override_id;
  const known = chosen ? AUTHORITIES.find((a) => a.id === chosen) : undefined;
  if (known) {
    const routing = r.notification_authority_id ? 'the authority notified' : "the organization's chosen authority";
    return {
      id: known.id,
      recipient: { kind: 'authority', authorityId: known.id, name: nameOf(known), country: known.country },
      routing,
      unresolved: null,
    };
  }
  const resolved = resolveCompetent(AUTHORITIES, {
    country: r.country,
    region: r.region,
    sector: r.sector,
    publicLevel: r.public_level,
    telecom: r.telecom,
    postal: r.postal,
  });
  if (resolved.ok) {
    const a = resolved.authority;
    return {
      id: a.id,
      recipient: { kind: 'authority', authorityId: a.id, name: nameOf(a), country: a.country },
      routing: resolved.rule,
      unresolved: null,
    };
  }
  return {
    id: `country:${r.country}`,
    recipient: { kind: 'authority', name: `the competent supervisory authority in ${r.country} (to be confirmed)`, country: r.country },
    routing: null,
    unresolved: `${resolved.path} ${resolved.message}`,
  };
}

function obligationOf(r: ClockRow) {
  const processorClock = r.kind === 'processor_to_controller';
  const authority = processorClock ? null : authorityOf(r);
  const regime = processorClock
    ? 'contract'
    : authority!.recipient.country === 'GB'
      ? 'uk_gdpr'
      : authority!.recipient.country === 'CH'
        ? 'ch_fadp'
        : 'gdpr';
  const duty = processorClock ? 'report_to_controller' : 'notify_authority';
  const texts = TEXTS[regime];
  const fulfilled = r.completed_at !== null;
  const waived = !fulfilled && r.stopped_at !== null;
  const late = fulfilled && r.completed_at!.getTime() > r.due_at.getTime();
  return {
    id: r.id, // the clock's id: a UUIDv7 of its time, and easy to follow from clock to obligation
    incident_id: r.incident_id,
    controller_id: r.controller_id,
    processor_id: r.processor_id,
    key: `${regime}/${duty}/${processorClock ? 'controller' : authority!.id}`,
    regime,
    duty,
    recipient: processorClock ? { kind: 'controller', name: r.controller_name } : authority!.recipient,
    title: texts.title,
    due_rule: texts.dueRule,
    legal_basis: texts.legalBasis,
    late_needs_reasons: !processorClock,
    routing: authority?.routing ?? null,
    provisional: null,
    unresolved: authority?.unresolved ?? null,
    starts_at: fulfilled ? null : r.started_at,
    // revFADP sets no hours: a running Swiss duty has no deadline (a fulfilled one keeps the clock's, frozen).
    due_at: fulfilled || regime === 'ch_fadp' ? null : r.due_at,
    phase: fulfilled ? 'fulfilled' : waived ? 'waived' : 'live',
    fulfilled_at: r.completed_at,
    fulfilled_by: fulfilled ? r.notification_id : null,
    outcome: fulfilled ? (late ? 'late' : 'met') : null,
    reasons_for_delay: late ? r.reasons_for_delay : null,
    frozen_starts_at: fulfilled ? r.started_at : null,
    frozen_due_at: fulfilled ? r.due_at : null,
    waived_at: waived ? r.stopped_at : null,
    waive_reason: waived
      ? r.not_a_breach_reason !== null
        ? `no longer applies: the DPO found it is not a personal-data breach (Art. 4(12) GDPR): ${r.not_a_breach_reason}`
        : 'no longer applies: the controller decided not to notify: the breach is unlikely to result in a risk (Art. 33(1) GDPR)'
      : null,
    waived_by: waived ? 'rules' : null,
    created_at: r.created_at,
    updated_at: r.updated_at,
  };
}

export class Obligations1795810000000 implements MigrationInterface {
  name = 'Obligations1795810000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE organization ADD COLUMN nis2 text`);
    await q.query(`ALTER TABLE organization ADD COLUMN dora boolean NOT NULL DEFAULT false`);
    await q.query(`ALTER TABLE organization ALTER COLUMN dora DROP DEFAULT`);
    await q.query(
      `ALTER TABLE organization ADD CONSTRAINT ck_organization__nis2 CHECK (nis2 IS NULL OR nis2 IN ('essential', 'important'))`,
    );

    await q.query(`
      CREATE TABLE obligation (
        id uuid NOT NULL,
        incident_id uuid NOT NULL,
        controller_id uuid NOT NULL,
        processor_id uuid,
        key text NOT NULL,
        regime text NOT NULL,
        duty text NOT NULL,
        recipient jsonb NOT NULL,
        title jsonb NOT NULL,
        due_rule jsonb NOT NULL,
        legal_basis text NOT NULL,
        late_needs_reasons boolean NOT NULL,
        routing text,
        provisional text,
        unresolved text,
        starts_at timestamptz,
        due_at timestamptz,
        phase text NOT NULL,
        fulfilled_at timestamptz,
        fulfilled_by uuid,
        outcome text,
        reasons_for_delay text,
        frozen_starts_at timestamptz,
        frozen_due_at timestamptz,
        waived_at timestamptz,
        waive_reason text,
        waived_by text,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        CONSTRAINT pk_obligation PRIMARY KEY (id),
        CONSTRAINT fk_obligation__incident FOREIGN KEY (incident_id) REFERENCES incident (id),
        CONSTRAINT fk_obligation__controller FOREIGN KEY (controller_id) REFERENCES organization (id),
        CONSTRAINT fk_obligation__processor FOREIGN KEY (processor_id) REFERENCES organization (id),
        CONSTRAINT fk_obligation__fulfilled_by FOREIGN KEY (fulfilled_by) REFERENCES notification (id),
        CONSTRAINT ck_obligation__regime CHECK (regime IN ('contract', 'gdpr', 'uk_gdpr', 'ch_fadp', 'nis2', 'dora', 'eprivacy')),
        CONSTRAINT ck_obligation__phase CHECK (phase IN ('live', 'fulfilled', 'waived')),
        CONSTRAINT ck_obligation__outcome CHECK (outcome IS NULL OR outcome IN ('met', 'late')),
        CONSTRAINT ck_obligation__waived_by CHECK (waived_by IS NULL OR waived_by IN ('rules', 'user')),
        CONSTRAINT ck_obligation__fulfilled CHECK (phase <> 'fulfilled' OR (fulfilled_at IS NOT NULL AND outcome IS NOT NULL AND starts_at IS NULL AND due_at IS NULL)),
        CONSTRAINT ck_obligation__waived CHECK (phase <> 'waived' OR (waived_at IS NOT NULL AND waive_reason IS NOT NULL AND waived_by IS NOT NULL))
      )`);
    await q.query(`CREATE UNIQUE INDEX ux_obligation__incident_key_live ON obligation (incident_id, key) WHERE phase = 'live'`);
    await q.query(`CREATE INDEX ix_obligation__incident ON obligation (incident_id)`);
    // "Open by organization, soonest first": the controller's duties, and the processor's report.
    await q.query(
      `CREATE INDEX ix_obligation__open_controller_due ON obligation (controller_id, due_at) WHERE phase = 'live' AND regime <> 'contract'`,
    );
    await q.query(
      `CREATE INDEX ix_obligation__open_processor_due ON obligation (processor_id, due_at) WHERE phase = 'live' AND regime = 'contract'`,
    );

    await q.query(`
      CREATE TABLE nis2_classification (
        incident_id uuid NOT NULL,
        significant boolean NOT NULL,
        aware_at timestamptz NOT NULL,
        reason text,
        recorded_by_id uuid NOT NULL,
        recorded_at timestamptz NOT NULL,
        CONSTRAINT pk_nis2_classification PRIMARY KEY (incident_id),
        CONSTRAINT fk_nis2_classification__incident FOREIGN KEY (incident_id) REFERENCES incident (id),
        CONSTRAINT fk_nis2_classification__recorded_by FOREIGN KEY (recorded_by_id) REFERENCES app_user (id)
      )`);
    await q.query(`
      CREATE TABLE dora_classification (
        incident_id uuid NOT NULL,
        major boolean NOT NULL,
        aware_at timestamptz NOT NULL,
        classified_at timestamptz NOT NULL,
        reason text,
        recorded_by_id uuid NOT NULL,
        recorded_at timestamptz NOT NULL,
        CONSTRAINT pk_dora_classification PRIMARY KEY (incident_id),
        CONSTRAINT fk_dora_classification__incident FOREIGN KEY (incident_id) REFERENCES incident (id),
        CONSTRAINT fk_dora_classification__recorded_by FOREIGN KEY (recorded_by_id) REFERENCES app_user (id)
      )`);

    await q.query(`ALTER TABLE notification ADD COLUMN obligation_id uuid`);
    await q.query(
      `ALTER TABLE notification ADD CONSTRAINT fk_notification__obligation FOREIGN KEY (obligation_id) REFERENCES obligation (id)`,
    );
    await q.query(`ALTER TABLE notification DROP CONSTRAINT ck_notification__kind`);
    await q.query(
      `ALTER TABLE notification ADD CONSTRAINT ck_notification__kind CHECK (kind IN ('authority_initial', 'authority_followup', 'data_subjects', 'public_communication', 'processor_to_controller', 'filing'))`,
    );

    const rows: ClockRow[] = await q.query(`
      SELECT d.id, d.incident_id, d.kind, d.started_at, d.due_at, d.completed_at, d.stopped_at,
             i.controller_id, i.processor_id, o.name AS controller_name, o.country, o.region, o.sector, o.public_level,
             o.telecom, o.postal, o.authority_override_id, i.not_a_breach_reason, i.created_at, i.updated_at,
             n.id AS notification_id, n.authority_id AS notification_authority_id, n.reasons_for_delay
      FROM deadline d
      JOIN incident i ON i.id = d.incident_id
      JOIN organization o ON o.id = i.controller_id
      LEFT JOIN LATERAL (
        SELECT n.id, n.authority_id, n.reasons_for_delay FROM notification n
        WHERE n.incident_id = d.incident_id
          AND n.kind = CASE d.kind WHEN 'authority' THEN 'authority_initial' ELSE 'processor_to_controller' END
        ORDER BY (n.sent_at = d.completed_at) DESC, n.sent_at, n.id
        LIMIT 1
      ) n ON true
      ORDER BY d.id`);
    for (let start = 0; start < rows.length; start += 1000) {
      const batch = rows.slice(start, start + 1000).map((r) => obligationOf(r));
      await q.query(
        `INSERT INTO obligation
         SELECT * FROM jsonb_populate_recordset(NULL::obligation, $1::jsonb)`,
        [JSON.stringify(batch)],
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    // Filings have no older kind: going down is refused (by the constraint) once one was recorded.
    await q.query(`ALTER TABLE notification DROP CONSTRAINT ck_notification__kind`);
    await q.query(
      `ALTER TABLE notification ADD CONSTRAINT ck_notification__kind CHECK (kind IN ('authority_initial', 'authority_followup', 'data_subjects', 'public_communication', 'processor_to_controller'))`,
    );
    await q.query(`ALTER TABLE notification DROP CONSTRAINT fk_notification__obligation`);
    await q.query(`ALTER TABLE notification DROP COLUMN obligation_id`);
    await q.query(`DROP TABLE dora_classification`);
    await q.query(`DROP TABLE nis2_classification`);
    await q.query(`DROP TABLE obligation`);
    await q.query(`ALTER TABLE organization DROP CONSTRAINT ck_organization__nis2`);
    await q.query(`ALTER TABLE organization DROP COLUMN dora`);
    await q.query(`ALTER TABLE organization DROP COLUMN nis2`);
  }
}
