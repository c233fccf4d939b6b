import { DataSource } from 'typeorm';
import { Assessment } from '../../src/assessments/assessment.entity';
import { ApiToken } from '../../src/identity/api-token.entity';
import { Incident } from '../../src/incidents/incident.entity';
import { Organization } from '../../src/identity/organization.entity';
import { User } from '../../src/identity/user.entity';
import { Obligation } from '../../src/obligations/obligation.entity';
import { buildDataSource } from '../../src/platform/database/data-source';
import { migrateUnderLock } from '../../src/platform/database/migrate';
import { createTestDatabase, dataSourceUpTo, testDataSource } from '../support/db';

async function undoLastMigration(url: string): Promise<void> {
  const down = testDataSource({ kind: 'postgres', url, poolSize: 2 });
  await down.initialize();
  try {
    await down.undoLastMigration();
  } finally {
    await down.destroy();
  }
}

// Each migration run on a database filled by the schema before it: rows of every kind it touches,
// then what the migration made of them, then the app's entities reading them.
async function migrate(url: string, last: string): Promise<string[]> {
  const ds = dataSourceUpTo({ kind: 'postgres', url, poolSize: 2 }, last);
  await ds.initialize();
  try {
    return await migrateUnderLock(ds);
  } finally {
    await ds.destroy();
  }
}

const ORG = '00000000-0000-7000-8000-000000000001';
const USER = '00000000-0000-7000-8000-000000000002';
const AT = '2025-06-06T10:00:00Z';
const milestoneAt = (minutesBefore: number) => new Date(Date.parse('2025-06-09T10:00:00Z') - minutesBefore * 60_000).toISOString();

describe('migrations on filled databases', () => {
  let db: { url: string; drop: () => Promise<void> };
  let ds: DataSource;
  const sql = (text: string, params: unknown[] = []) => ds.query(text, params);
  const tables = (): Promise<string[]> =>
    sql(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`).then((r: { table_name: string }[]) =>
      r.map((x) => x.table_name),
    );
  // Statements in one transaction, rolled back: what a setting of the transaction lets through.
  const inTx = async (statements: [string, unknown[]][]) => {
    const runner = ds.createQueryRunner();
    await runner.startTransaction();
    try {
      for (const [text, params] of statements) await runner.query(text, params);
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  };
  let auditSeq = 0;
  // An audit event as the chain stores it (the hashes do not matter to the migration that reads it).
  const seedAuditEvent = (userId: string, changes: Record<string, unknown>) => {
    auditSeq += 1;
    return sql(
      `INSERT INTO audit_event (id, occurred_at, actor, actor_user_id, action, entity_type, entity_id, changes, prev_hash, hash)
       VALUES ($1, $2, 'user:x', $3, 'user.preferences_changed', 'user', $3, $4, $5, $6)`,
      [
        `00000000-0000-7000-8000-0000000007${String(auditSeq).padStart(2, '0')}`,
        AT,
        userId,
        JSON.stringify(changes),
        `p${auditSeq}`,
        `h${auditSeq}`,
      ],
    );
  };

  beforeAll(async () => {
    db = await createTestDatabase({ empty: true });
    await migrate(db.url, 'SignInAttemptsAndLargeCounts1764600000000');
    ds = buildDataSource({ kind: 'postgres', url: db.url, poolSize: 2 }, [], []);
    await ds.initialize();
    // The schema before this work: organizations of each kind the routing distinguishes, a user,
    // incidents in each status, and an assessment.
    const org = (id: string, slug: string, country: string, region: string | null, sector: string) =>
      sql(
        `INSERT INTO organization (id, slug, name, kind, country, region, sector, time_zone, created_at) VALUES ($1, $2, $2, 'controller', $3, $4, $5, 'Europe/Berlin', $6)`,
        [id, slug, country, region, sector, AT],
      );
    await org(ORG, 'private-he', 'DE', 'DE-HE', 'private');
    await org('00000000-0000-7000-8000-0000000000a1', 'public-no-region', 'DE', null, 'public');
    await org('00000000-0000-7000-8000-0000000000a2', 'public-by', 'DE', 'DE-BY', 'public');
    await org('00000000-0000-7000-8000-0000000000a3', 'public-fr', 'FR', null, 'public');
    await sql(
      `INSERT INTO app_user (id, organization_id, email, role, locale, time_zone, created_at) VALUES ($1, $2, 'dpo@he.example', 'controller_dpo', 'de', 'Europe/Berlin', $3)`,
      [USER, ORG, AT],
    );
    const statuses = ['reported', 'triage', 'assessed', 'notified', 'not_notifiable', 'closed'];
    for (const [n, status] of statuses.entries()) {
      await sql(
        `INSERT INTO incident (id, reference, controller_id, reporter_org_id, reported_by_id, status, version, title, nature_description, discovered_at, controller_aware_at, affected_countries, special_categories, created_at, updated_at)
         VALUES ($1, $2, $3, $3, $4, $5, 1, 't', 'd', $6, $6, '{}', '{health}', $6, $6)`,
        [`00000000-0000-7000-8000-0000000001${n}0`, `BC-2025-00000${n}`, ORG, USER, status, AT],
      );
    }
    await sql(
      `INSERT INTO assessment (id, incident_id, version, inputs, score_quarters, band, flags, recommendation, assessed_by_id, assessed_at)
       VALUES ('00000000-0000-7000-8000-000000000300', '00000000-0000-7000-8000-000000000120', 1, $1, 5, 'low', '{"moreThan100Subjects": false, "unintelligible": false}', $2, $3, $4)`,
      [
        JSON.stringify({
          dataCategories: [{ category: 'simple' }],
          easeOfIdentification: 'maximum',
          confidentiality: 'known_recipients',
          integrity: 'not_affected',
          availability: 'not_affected',
          maliciousIntent: false,
          unintelligible: false,
          recipientTrustedAndDeleted: false,
          highRiskRemovedByMeasures: false,
        }),
        JSON.stringify({ notifyAuthority: false, notifySubjects: false, subjectsExemption: null, reasons: ['Rule 1: as computed then.'] }),
        USER,
        AT,
      ],
    );
    // Escalation rows of one clock. The DPO: T-48h sent, T-24h skipped, T-12h … T-0 pending; the
    // contact: T-4h and T-0 pending, T-1h cancelled (no longer planned).
    const escalations: [string, number, string][] = [
      ['dpo@he.example', 2880, 'sent'],
      ['dpo@he.example', 1440, 'skipped'],
      ['dpo@he.example', 720, 'pending'],
      ['dpo@he.example', 240, 'pending'],
      ['dpo@he.example', 60, 'pending'],
      ['dpo@he.example', 0, 'pending'],
      ['isb@he.example', 240, 'pending'],
      ['isb@he.example', 60, 'cancelled'],
      ['isb@he.example', 0, 'pending'],
    ];
    for (const [n, [email, minutes, status]] of escalations.entries()) {
      await sql(
        `INSERT INTO escalation (id, incident_id, deadline_kind, minutes_before, milestone, recipient_email, recipient_role, recipient_locale, recipient_time_zone,
                                 due_at, status, attempts, next_attempt_at, message_id, created_at)
         VALUES ($1, '00000000-0000-7000-8000-000000000100', 'authority', $2, 'T', $3, 'dpo', 'de', 'Europe/Berlin', $4, $5, 0, $4, $6, $7)`,
        [
          `00000000-0000-7000-8000-0000000004${String(n).padStart(2, '0')}`,
          minutes,
          email,
          milestoneAt(minutes),
          status,
          `<e${n}@he.example>`,
          AT,
        ],
      );
    }
  });
  afterAll(async () => {
    await ds?.destroy();
    await db.drop();
  });

  it('AssessmentIncidentFacts: an older assessment keeps what it was computed with (no facts, no flags) and is read as stored', async () => {
    expect(await migrate(db.url, 'AssessmentIncidentFacts1795750000000')).toEqual(['AssessmentIncidentFacts1795750000000']);
    expect(await sql(`SELECT incident_facts, risk_flags, recommendation->'reasons' AS reasons FROM assessment`)).toEqual([
      { incident_facts: null, risk_flags: [], reasons: ['Rule 1: as computed then.'] },
    ]);
    // The health data recorded on the incident do not rewrite the stored recommendation.
    expect((await sql(`SELECT recommendation->>'notifySubjects' AS subjects FROM assessment`))[0].subjects).toBe('false');
  });

  it('NotABreach: every status stays as it was; the new status needs its reasons; going back turns it into not_notifiable', async () => {
    expect(await migrate(db.url, 'NotABreach1795760000000')).toEqual(['NotABreach1795760000000']);
    expect((await sql(`SELECT status FROM incident ORDER BY reference`)).map((r: { status: string }) => r.status)).toEqual([
      'reported',
      'triage',
      'assessed',
      'notified',
      'not_notifiable',
      'closed',
    ]);
    expect(
      await sql(`SELECT count(*)::int AS n FROM incident WHERE not_a_breach_reason IS NOT NULL OR not_a_breach_at IS NOT NULL`),
    ).toEqual([{ n: 0 }]);
    await expect(sql(`UPDATE incident SET status = 'not_a_breach' WHERE reference = 'BC-2025-000000'`)).rejects.toThrow(
      /ck_incident__not_a_breach_reason/,
    );
    await sql(
      `UPDATE incident SET status = 'not_a_breach', not_a_breach_reason = 'Only test records were in the file.', not_a_breach_at = $1 WHERE reference = 'BC-2025-000000'`,
      [AT],
    );

    await undoLastMigration(db.url);
    expect(await sql(`SELECT status FROM incident WHERE reference = 'BC-2025-000000'`)).toEqual([{ status: 'not_notifiable' }]);
    expect(await migrate(db.url, 'NotABreach1795760000000')).toEqual(['NotABreach1795760000000']);
  });

  it('PublicLevelAndSectorProviders: German public bodies get the level the routing read from them until now; nobody is a telecom or postal provider', async () => {
    expect(await migrate(db.url, 'PublicLevelAndSectorProviders1795770000000')).toEqual(['PublicLevelAndSectorProviders1795770000000']);
    expect(await sql(`SELECT slug, public_level, telecom, postal FROM organization ORDER BY slug`)).toEqual([
      { slug: 'private-he', public_level: null, telecom: false, postal: false },
      { slug: 'public-by', public_level: 'state', telecom: false, postal: false },
      { slug: 'public-fr', public_level: null, telecom: false, postal: false },
      { slug: 'public-no-region', public_level: 'federal', telecom: false, postal: false },
    ]);
    await expect(sql(`UPDATE organization SET public_level = 'federal' WHERE slug = 'private-he'`)).rejects.toThrow(
      /ck_organization__public_level/,
    );
  });

  it('EscalationSupersededAt: each row is superseded when the next milestone of its clock and person falls due (cancelled ones do not count); goes down and up', async () => {
    expect(await migrate(db.url, 'EscalationSupersededAt1795780000000')).toEqual(['EscalationSupersededAt1795780000000']);
    const rows = async () =>
      (
        await sql(`SELECT recipient_email, minutes_before, superseded_at FROM escalation ORDER BY recipient_email, minutes_before DESC`)
      ).map((r: { recipient_email: string; minutes_before: number; superseded_at: Date | null }) => [
        r.recipient_email,
        r.minutes_before,
        r.superseded_at?.toISOString() ?? null,
      ]);
    const expected = [
      ['dpo@he.example', 2880, milestoneAt(1440)],
      ['dpo@he.example', 1440, milestoneAt(720)],
      ['dpo@he.example', 720, milestoneAt(240)],
      ['dpo@he.example', 240, milestoneAt(60)],
      ['dpo@he.example', 60, milestoneAt(0)],
      ['dpo@he.example', 0, null],
      ['isb@he.example', 240, milestoneAt(0)], // its T-1h is cancelled: the next milestone is T-0
      ['isb@he.example', 60, milestoneAt(0)],
      ['isb@he.example', 0, null],
    ];
    expect(await rows()).toEqual(expected);

    await undoLastMigration(db.url);
    expect(
      await sql(
        `SELECT count(*)::int AS n FROM information_schema.columns WHERE table_name = 'escalation' AND column_name = 'superseded_at'`,
      ),
    ).toEqual([{ n: 0 }]);
    expect(await migrate(db.url, 'EscalationSupersededAt1795780000000')).toEqual(['EscalationSupersededAt1795780000000']);
    expect(await rows()).toEqual(expected);
  });

  it('ApiTokenLifecycle: tokens made before keep working, get the name of their day, no expiry and no last use; goes down and up', async () => {
    const token = (id: string, hash: string, created: string, revoked: string | null) =>
      sql(`INSERT INTO api_token (id, user_id, token_hash, created_at, revoked_at) VALUES ($1, $2, $3, $4, $5)`, [
        id,
        USER,
        hash,
        created,
        revoked,
      ]);
    await token('00000000-0000-7000-8000-000000000501', 'a'.repeat(64), '2025-06-05T23:30:00Z', null);
    await token('00000000-0000-7000-8000-000000000502', 'b'.repeat(64), '2025-06-06T10:00:00+02:00', '2025-06-06T11:00:00Z');
    const rows = () =>
      sql(`SELECT id, name, expires_at, last_used_at, revoked_at IS NOT NULL AS revoked FROM api_token ORDER BY id`).then((r) =>
        r.map((x: Record<string, unknown>) => ({ ...x, id: String(x.id).slice(-3) })),
      );
    expect(await migrate(db.url, 'ApiTokenLifecycle1795790000000')).toEqual(['ApiTokenLifecycle1795790000000']);
    const expected = [
      { id: '501', name: 'token of 2025-06-05', expires_at: null, last_used_at: null, revoked: false },
      { id: '502', name: 'token of 2025-06-06', expires_at: null, last_used_at: null, revoked: true },
    ];
    expect(await rows()).toEqual(expected);
    await expect(sql(`UPDATE api_token SET name = '' WHERE id = '00000000-0000-7000-8000-000000000501'`)).rejects.toThrow(
      /ck_api_token__name/,
    );
    await expect(sql(`UPDATE api_token SET expires_at = created_at WHERE id = '00000000-0000-7000-8000-000000000501'`)).rejects.toThrow(
      /ck_api_token__expires_after_created/,
    );

    await undoLastMigration(db.url);
    expect(
      await sql(`SELECT count(*)::int AS n FROM information_schema.columns WHERE table_name = 'api_token' AND column_name = 'name'`),
    ).toEqual([{ n: 0 }]);
    expect(await migrate(db.url, 'ApiTokenLifecycle1795790000000')).toEqual(['ApiTokenLifecycle1795790000000']);
    expect(await rows()).toEqual(expected);
  });

  it('UserStatusAndLanguage: everyone stays active; organizations get the language of their country; a user chose theirs when it differs or they changed it', async () => {
    const user = (id: string, org: string, email: string, locale: string) =>
      sql(
        `INSERT INTO app_user (id, organization_id, email, role, locale, time_zone, created_at) VALUES ($1, $2, $3, 'controller_dpo', $4, 'Europe/Berlin', $5)`,
        [id, org, email, locale, AT],
      );
    const FR = '00000000-0000-7000-8000-0000000000a3';
    await user('00000000-0000-7000-8000-000000000601', ORG, 'en@he.example', 'en'); // differs from DE → chosen
    await user('00000000-0000-7000-8000-000000000602', ORG, 'changed@he.example', 'de'); // changed in settings → chosen
    await user('00000000-0000-7000-8000-000000000603', FR, 'fr@fr.example', 'en'); // as its organization → follows it
    await seedAuditEvent('00000000-0000-7000-8000-000000000602', { locale: { from: 'en', to: 'de' } });
    await seedAuditEvent(USER, { timeZone: { from: 'UTC', to: 'Europe/Berlin' } }); // the zone only: not a choice of language

    expect(await migrate(db.url, 'UserStatusAndLanguage1795800000000')).toEqual(['UserStatusAndLanguage1795800000000']);
    expect(await sql(`SELECT slug, locale FROM organization ORDER BY slug`)).toEqual([
      { slug: 'private-he', locale: 'de' },
      { slug: 'public-by', locale: 'de' },
      { slug: 'public-fr', locale: 'en' },
      { slug: 'public-no-region', locale: 'de' },
    ]);
    expect(await sql(`SELECT email, locale, locale_chosen, active FROM app_user ORDER BY email`)).toEqual([
      { email: 'changed@he.example', locale: 'de', locale_chosen: true, active: true },
      { email: 'dpo@he.example', locale: 'de', locale_chosen: false, active: true },
      { email: 'en@he.example', locale: 'en', locale_chosen: true, active: true },
      { email: 'fr@fr.example', locale: 'en', locale_chosen: false, active: true },
    ]);
    await expect(sql(`UPDATE organization SET locale = 'fr' WHERE slug = 'public-fr'`)).rejects.toThrow(/ck_organization__locale/);
    await expect(
      sql(
        `INSERT INTO app_user (id, organization_id, email, role, locale, time_zone, created_at, locale_chosen) VALUES ('00000000-0000-7000-8000-000000000604', $1, 'x@he.example', 'org_admin', 'de', 'UTC', $2, false)`,
        [ORG, AT],
      ),
    ).rejects.toThrow(/active/);
  });

  it('Obligations: each clock becomes an obligation (running → live, notified → fulfilled and frozen with its notification, stopped → waived); organizations are neither NIS2 nor DORA entities; goes down and up', async () => {
    const PROCESSOR = '00000000-0000-7000-8000-0000000000a4';
    await sql(
      `INSERT INTO organization (id, slug, name, kind, country, sector, time_zone, locale, telecom, postal, created_at) VALUES ($1, 'proc', 'Proc GmbH', 'processor', 'DE', 'private', 'Europe/Berlin', 'de', false, false, $2)`,
      [PROCESSOR, AT],
    );
    const FR = '00000000-0000-7000-8000-0000000000a3';
    await sql(
      `INSERT INTO incident (id, reference, controller_id, processor_id, reporter_org_id, reported_by_id, status, version, title, nature_description, discovered_at, reported_to_controller_at, controller_aware_at, affected_countries, created_at, updated_at)
       VALUES ('00000000-0000-7000-8000-000000000170', 'BC-2025-000007', $1, $2, $2, $3, 'reported', 1, 't', 'd', $4, '2025-06-06T20:00:00Z', '2025-06-06T20:00:00Z', '{}', $4, $4)`,
      [FR, PROCESSOR, USER, AT],
    );
    const incident = (n: number) => `00000000-0000-7000-8000-0000000001${n}0`;
    const clock = (
      id: string,
      inc: string,
      kind: string,
      owner: string,
      started: string,
      due: string,
      completed: string | null,
      stopped: string | null,
    ) =>
      sql(
        `INSERT INTO deadline (id, incident_id, kind, owner_org_id, started_at, due_at, completed_at, stopped_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [id, inc, kind, owner, started, due, completed, stopped],
      );
    const notification = (
      id: string,
      inc: string,
      kind: string,
      authority: string | null,
      sentAt: string,
      late: boolean,
      reasons: string | null,
    ) =>
      sql(
        `INSERT INTO notification (id, incident_id, kind, authority_id, sent_at, recorded_at, recorded_by_id, reasons_for_delay, late, language, template_id, template_version, body, body_sha256)
         VALUES ($1, $2, $3, $4, $5, $5, $6, $7, $8, 'de', 't', '1', 'b', 'h')`,
        [id, inc, kind, authority, sentAt, USER, reasons, late],
      );
    const DUE = '2025-06-09T10:00:00Z';
    await clock('00000000-0000-7000-8000-000000000801', incident(0), 'authority', ORG, AT, DUE, null, null); // running
    await notification(
      '00000000-0000-7000-8000-000000000901',
      incident(3),
      'authority_initial',
      'de-he',
      '2025-06-09T18:00:00Z',
      true,
      'The forensic report arrived only on Monday.',
    );
    await clock('00000000-0000-7000-8000-000000000804', incident(3), 'authority', ORG, AT, DUE, '2025-06-09T18:00:00Z', null); // notified late
    await clock('00000000-0000-7000-8000-000000000805', incident(4), 'authority', ORG, AT, DUE, null, '2025-06-07T10:00:00Z'); // not notifiable
    await clock(
      '00000000-0000-7000-8000-000000000806',
      incident(7),
      'processor_to_controller',
      PROCESSOR,
      AT,
      '2025-06-07T10:00:00Z',
      '2025-06-06T20:00:00Z',
      null,
    ); // met
    await clock(
      '00000000-0000-7000-8000-000000000807',
      incident(7),
      'authority',
      FR,
      '2025-06-06T20:00:00Z',
      '2025-06-09T20:00:00Z',
      null,
      null,
    );
    // A Swiss controller's running clock: the FDPIC under revFADP, which sets no hours.
    const CH = '00000000-0000-7000-8000-0000000000a5';
    await sql(
      `INSERT INTO organization (id, slug, name, kind, country, sector, time_zone, locale, telecom, postal, created_at) VALUES ($1, 'ch-ag', 'CH AG', 'controller', 'CH', 'private', 'Europe/Zurich', 'de', false, false, $2)`,
      [CH, AT],
    );
    await sql(
      `INSERT INTO incident (id, reference, controller_id, reporter_org_id, reported_by_id, status, version, title, nature_description, discovered_at, controller_aware_at, affected_countries, created_at, updated_at)
       VALUES ('00000000-0000-7000-8000-000000000180', 'BC-2025-000008', $1, $1, $2, 'reported', 1, 't', 'd', $3, $3, '{}', $3, $3)`,
      [CH, USER, AT],
    );
    await clock('00000000-0000-7000-8000-000000000808', incident(8), 'authority', CH, AT, DUE, null, null);

    expect(await migrate(db.url, 'Obligations1795810000000')).toEqual(['Obligations1795810000000']);
    const rows = () =>
      sql(
        `SELECT right(id::text, 3) AS id, right(incident_id::text, 3) AS incident, key, phase, starts_at, due_at, fulfilled_at, right(fulfilled_by::text, 3) AS by,
                outcome, reasons_for_delay, frozen_due_at, waived_by, left(waive_reason, 60) AS waive_reason, recipient->>'name' AS recipient, right(processor_id::text, 3) AS processor
         FROM obligation ORDER BY id`,
      ).then((r) =>
        r.map((x: Record<string, unknown>) =>
          Object.fromEntries(Object.entries(x).map(([k, v]) => [k, v instanceof Date ? v.toISOString() : v])),
        ),
      );
    const none = {
      starts_at: null,
      due_at: null,
      fulfilled_at: null,
      by: null,
      outcome: null,
      reasons_for_delay: null,
      frozen_due_at: null,
      waived_by: null,
      waive_reason: null,
    };
    const expected = [
      {
        ...none,
        id: '801',
        incident: '100',
        key: 'gdpr/notify_authority/de-he',
        phase: 'live',
        starts_at: '2025-06-06T10:00:00.000Z',
        due_at: '2025-06-09T10:00:00.000Z',
        recipient: 'Hessian Commissioner for Data Protection and Freedom of Information (HBDI)',
        processor: null,
      },
      {
        ...none,
        id: '804',
        incident: '130',
        key: 'gdpr/notify_authority/de-he',
        phase: 'fulfilled',
        fulfilled_at: '2025-06-09T18:00:00.000Z',
        by: '901',
        outcome: 'late',
        reasons_for_delay: 'The forensic report arrived only on Monday.',
        frozen_due_at: '2025-06-09T10:00:00.000Z',
        recipient: 'Hessian Commissioner for Data Protection and Freedom of Information (HBDI)',
        processor: null,
      },
      {
        ...none,
        id: '805',
        incident: '140',
        key: 'gdpr/notify_authority/de-he',
        phase: 'waived',
        starts_at: '2025-06-06T10:00:00.000Z',
        due_at: '2025-06-09T10:00:00.000Z',
        waived_by: 'rules',
        waive_reason: 'no longer applies: the controller decided not to notify: the',
        recipient: 'Hessian Commissioner for Data Protection and Freedom of Information (HBDI)',
        processor: null,
      },
      {
        ...none,
        id: '806',
        incident: '170',
        key: 'contract/report_to_controller/controller',
        phase: 'fulfilled',
        fulfilled_at: '2025-06-06T20:00:00.000Z',
        outcome: 'met',
        frozen_due_at: '2025-06-07T10:00:00.000Z',
        recipient: 'public-fr',
        processor: '0a4',
      },
      {
        ...none,
        id: '807',
        incident: '170',
        key: 'gdpr/notify_authority/fr',
        phase: 'live',
        starts_at: '2025-06-06T20:00:00.000Z',
        due_at: '2025-06-09T20:00:00.000Z',
        recipient: expect.stringContaining('CNIL'),
        processor: '0a4',
      },
      {
        ...none,
        id: '808',
        incident: '180',
        key: 'ch_fadp/notify_authority/ch',
        phase: 'live',
        starts_at: '2025-06-06T10:00:00.000Z',
        recipient: 'Federal Data Protection and Information Commissioner (EDÖB / PFPDT / IFPDT (FDPIC))',
        processor: null,
      },
    ];
    expect(await rows()).toEqual(expected);
    expect(await sql(`SELECT DISTINCT nis2, dora FROM organization`)).toEqual([{ nis2: null, dora: false }]);
    await expect(sql(`UPDATE organization SET nis2 = 'yes' WHERE slug = 'proc'`)).rejects.toThrow(/ck_organization__nis2/);
    // A fulfilled obligation keeps no live deadline, and two live ones of a key cannot exist.
    await expect(sql(`UPDATE obligation SET due_at = now() WHERE phase = 'fulfilled'`)).rejects.toThrow(/ck_obligation__fulfilled/);
    await expect(
      sql(
        `INSERT INTO obligation SELECT (jsonb_populate_record(o, '{"id": "00000000-0000-7000-8000-000000000899"}')).* FROM obligation o WHERE right(id::text, 3) = '801'`,
      ),
    ).rejects.toThrow(/ux_obligation__incident_key_live/);

    await undoLastMigration(db.url);
    expect(await tables()).not.toContain('obligation');
    expect(await migrate(db.url, 'Obligations1795810000000')).toEqual(['Obligations1795810000000']);
    expect(await rows()).toEqual(expected);
  });

  it('IntakeFormFacts: every incident filed before knows none of the new facts (all null); a contained breach cannot be ongoing; goes down and up', async () => {
    const before = await sql(`SELECT id, version, updated_at FROM incident ORDER BY id`);
    expect(before.length).toBeGreaterThan(3);
    expect(await migrate(db.url, 'IntakeFormFacts1795820000000')).toEqual(['IntakeFormFacts1795820000000']);
    const facts = () =>
      sql(
        `SELECT count(*)::int AS n FROM incident WHERE reporter_name IS NULL AND reporter_role IS NULL AND discovery_method IS NULL
           AND ongoing IS NULL AND contained_at IS NULL AND security_encryption IS NULL AND security_description IS NULL
           AND consequences_materialised IS NULL AND vulnerable_subjects IS NULL AND other_authorities_informed IS NULL`,
      );
    expect(await facts()).toEqual([{ n: before.length }]);
    expect(await sql(`SELECT id, version, updated_at FROM incident ORDER BY id`)).toEqual(before);
    const first = before[0].id;
    await expect(sql(`UPDATE incident SET ongoing = true, contained_at = $2 WHERE id = $1`, [first, AT])).rejects.toThrow(
      /ck_incident__contained_not_ongoing/,
    );
    await expect(sql(`UPDATE incident SET security_encryption = 'some' WHERE id = $1`, [first])).rejects.toThrow(
      /ck_incident__security_encryption/,
    );
    await sql(`UPDATE incident SET ongoing = false, contained_at = $2, other_authorities_informed = '[]' WHERE id = $1`, [first, AT]);

    await undoLastMigration(db.url);
    const columns = await sql(`SELECT column_name FROM information_schema.columns WHERE table_name = 'incident'`);
    expect(columns.map((c: { column_name: string }) => c.column_name)).not.toContain('contained_at');
    expect(await migrate(db.url, 'IntakeFormFacts1795820000000')).toEqual(['IntakeFormFacts1795820000000']);
    expect(await facts()).toEqual([{ n: before.length }]);
  });

  it('EscalationsOnObligations: each escalation row names the obligation its clock became, "I have this" moves to the obligation, no reminder settings yet; goes down and up', async () => {
    await sql(
      `UPDATE deadline SET acknowledged_by = 'dpo@he.example', acknowledged_at = '2025-06-07T10:00:00Z' WHERE right(id::text, 3) = '801'`,
    );
    // A row of a clock that does not exist (incident 110 has none) could never be sent.
    await sql(
      `INSERT INTO escalation (id, incident_id, deadline_kind, minutes_before, milestone, recipient_email, recipient_role, recipient_locale, recipient_time_zone,
                               due_at, status, attempts, next_attempt_at, message_id, created_at)
       VALUES ('00000000-0000-7000-8000-000000000499', '00000000-0000-7000-8000-000000000110', 'authority', 60, 'T-1h', 'dpo@he.example', 'dpo', 'de', 'Europe/Berlin', $1, 'pending', 0, $1, '<orphan@he.example>', $1)`,
      [AT],
    );
    expect(await migrate(db.url, 'EscalationsOnObligations1795830000000')).toEqual(['EscalationsOnObligations1795830000000']);
    const escalations = () =>
      sql(
        `SELECT right(id::text, 3) AS id, right(obligation_id::text, 3) AS obligation, minutes_before, reminder_no, status FROM escalation ORDER BY id`,
      );
    const expected = [
      ['400', 2880, 'sent'],
      ['401', 1440, 'skipped'],
      ['402', 720, 'pending'],
      ['403', 240, 'pending'],
      ['404', 60, 'pending'],
      ['405', 0, 'pending'],
      ['406', 240, 'pending'],
      ['407', 60, 'cancelled'],
      ['408', 0, 'pending'],
    ].map(([id, minutes, status]) => ({ id, obligation: '801', minutes_before: minutes, reminder_no: null, status }));
    expect(await escalations()).toEqual(expected);
    const acknowledged = () =>
      sql(
        `SELECT right(id::text, 3) AS id, acknowledged_by, acknowledged_at FROM obligation WHERE acknowledged_by IS NOT NULL ORDER BY id`,
      );
    expect(await acknowledged()).toEqual([
      { id: '801', acknowledged_by: 'dpo@he.example', acknowledged_at: new Date('2025-06-07T10:00:00Z') },
    ]);
    expect(await sql(`SELECT DISTINCT reminder_every_minutes FROM organization`)).toEqual([{ reminder_every_minutes: null }]);
    // One row per obligation, milestone and person; a row is a milestone or a reminder, never both.
    const copy = (set: string) =>
      sql(
        `INSERT INTO escalation SELECT (jsonb_populate_record(e, jsonb_build_object('id', '00000000-0000-7000-8000-000000000498', 'message_id', '<copy@he.example>') || '${set}'::jsonb)).* FROM escalation e WHERE right(id::text, 3) = '402'`,
      );
    await expect(copy('{}')).rejects.toThrow(/ux_escalation__obligation_milestone_recipient/);
    await expect(copy('{"minutes_before": 30, "reminder_no": 1}')).rejects.toThrow(/ck_escalation__step/);
    await expect(copy('{"minutes_before": null, "reminder_no": null}')).rejects.toThrow(/ck_escalation__step/);
    await copy('{"minutes_before": null, "reminder_no": 1, "milestone": "R1"}');
    await expect(sql(`UPDATE organization SET reminder_every_minutes = 50000`)).rejects.toThrow(/ck_organization__reminder_every_minutes/);

    await undoLastMigration(db.url);
    // Going down drops what the clock model cannot hold (the reminder) and hands "I have this" back to the clock.
    expect((await sql(`SELECT count(*)::int AS n FROM escalation`))[0].n).toBe(9);
    expect(
      await sql(
        `SELECT count(*)::int AS n FROM information_schema.columns WHERE table_name = 'escalation' AND column_name = 'obligation_id'`,
      ),
    ).toEqual([{ n: 0 }]);
    expect(await sql(`SELECT acknowledged_by FROM deadline WHERE right(id::text, 3) = '801'`)).toEqual([
      { acknowledged_by: 'dpo@he.example' },
    ]);
    expect(await migrate(db.url, 'EscalationsOnObligations1795830000000')).toEqual(['EscalationsOnObligations1795830000000']);
    expect(await escalations()).toEqual(expected);
    expect(await acknowledged()).toEqual([
      { id: '801', acknowledged_by: 'dpo@he.example', acknowledged_at: new Date('2025-06-07T10:00:00Z') },
    ]);
  });

  it('RetireClocks: the clock table goes; every obligation and escalation row stays exactly as it was; goes down (the clocks rebuilt from the obligations) and up', async () => {
    const snapshot = async () => ({
      obligations: await sql(`SELECT * FROM obligation ORDER BY id`),
      escalations: await sql(`SELECT * FROM escalation ORDER BY id`),
      audit: await sql(`SELECT count(*)::int AS n FROM audit_event`),
    });
    const before = await snapshot();
    expect(before.obligations.length).toBeGreaterThan(5);
    expect(before.escalations.length).toBeGreaterThan(5);
    expect(await migrate(db.url, 'RetireClocks1795840000000')).toEqual(['RetireClocks1795840000000']);
    expect(await tables()).not.toContain('deadline');
    expect(await snapshot()).toEqual(before);

    await undoLastMigration(db.url);
    // Down: one clock per incident and side, from its obligation (same id), "I have this" with it.
    const clocks = await sql(
      `SELECT right(d.id::text, 3) AS id, d.kind, d.acknowledged_by, d.due_at = coalesce(o.due_at, o.frozen_due_at) AS same_due
       FROM deadline d JOIN obligation o ON o.id = d.id ORDER BY d.id`,
    );
    expect(clocks.length).toBeGreaterThan(0);
    expect(clocks.every((c: { same_due: boolean }) => c.same_due)).toBe(true);
    expect(clocks.find((c: { id: string }) => c.id === '801')).toEqual({
      id: '801',
      kind: 'authority',
      acknowledged_by: 'dpo@he.example',
      same_due: true,
    });
    expect(await snapshot()).toEqual(before);
    expect(await migrate(db.url, 'RetireClocks1795840000000')).toEqual(['RetireClocks1795840000000']);
    expect(await tables()).not.toContain('deadline');
    expect(await snapshot()).toEqual(before);
  });

  it('Webhooks: a filled database gets no endpoints and no deliveries; the tables take what the app writes and refuse what it may not; goes down and up', async () => {
    const before = (await sql(`SELECT count(*)::int AS n FROM incident`))[0].n;
    expect(await migrate(db.url, 'Webhooks1795850000000')).toEqual(['Webhooks1795850000000']);
    expect(await tables()).toEqual(expect.arrayContaining(['webhook_endpoint', 'webhook_delivery']));
    expect(await sql(`SELECT count(*)::int AS n FROM webhook_endpoint`)).toEqual([{ n: 0 }]);
    expect((await sql(`SELECT count(*)::int AS n FROM incident`))[0].n).toBe(before);
    const [{ id: incidentId }] = await sql(`SELECT id FROM incident ORDER BY reference LIMIT 1`);
    const [{ id: obligationId }] = await sql(`SELECT id FROM obligation WHERE incident_id = $1 LIMIT 1`, [incidentId]).then((r) =>
      r.length ? r : sql(`SELECT id FROM obligation LIMIT 1`),
    );
    const endpoint = '00000000-0000-7000-8000-000000000a01';
    await sql(
      `INSERT INTO webhook_endpoint (id, organization_id, url, events, include_details, secret, active, created_by, created_at)
       VALUES ($1, $2, 'https://hooks.example/x', '{incident.created,obligation.due_soon}', false, 'whsec_x', true, 'admin@he.example', $3)`,
      [endpoint, ORG, AT],
    );
    const delivery = (n: number, type: string, milestone: string | null) =>
      sql(
        `INSERT INTO webhook_delivery (id, endpoint_id, event_type, incident_id, obligation_id, milestone, payload, status, attempts, next_attempt_at, message_id, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, '{}', 'pending', 0, $7, $8, $7)`,
        [`00000000-0000-7000-8000-000000000b0${n}`, endpoint, type, incidentId, obligationId, milestone, AT, `msg_${n}`],
      );
    await delivery(1, 'obligation.due_soon', 'T-24h');
    await delivery(2, 'incident.created', null);
    await expect(delivery(3, 'obligation.due_soon', 'T-24h')).rejects.toThrow(/ux_webhook_delivery__due_soon/);
    await expect(delivery(4, 'incident.created', 'T-1h')).rejects.toThrow(/ck_webhook_delivery__milestone/);
    await expect(delivery(5, 'incident.exploded', null)).rejects.toThrow(/ck_webhook_delivery__type/);
    await expect(sql(`UPDATE webhook_endpoint SET active = false`)).rejects.toThrow(/ck_webhook_endpoint__active/);
    await sql(`DELETE FROM webhook_delivery`);
    await sql(`DELETE FROM webhook_endpoint`);

    await undoLastMigration(db.url);
    expect(await tables()).not.toContain('webhook_endpoint');
    expect(await migrate(db.url, 'Webhooks1795850000000')).toEqual(['Webhooks1795850000000']);
  });

  it('PasswordTokens: users keep their passwords and sessions; a link belongs to a user and goes with them; goes down and up', async () => {
    const users = await sql(`SELECT id, password_hash FROM app_user ORDER BY id`);
    expect(users.length).toBeGreaterThan(0);
    expect(await migrate(db.url, 'PasswordTokens1795860000000')).toEqual(['PasswordTokens1795860000000']);
    expect(await sql(`SELECT id, password_hash FROM app_user ORDER BY id`)).toEqual(users);
    expect(await sql(`SELECT count(*)::int AS n FROM password_token`)).toEqual([{ n: 0 }]);
    await sql(
      `INSERT INTO password_token (id, user_id, purpose, created_at, expires_at) VALUES ('00000000-0000-7000-8000-000000000901', $1, 'reset', $2, $2)`,
      [USER, AT],
    );
    await expect(
      sql(
        `INSERT INTO password_token (id, user_id, purpose, created_at, expires_at) VALUES ('00000000-0000-7000-8000-000000000902', $1, 'login', $2, $2)`,
        [USER, AT],
      ),
    ).rejects.toThrow(/check/);
    await undoLastMigration(db.url);
    expect(await tables()).not.toContain('password_token');
    expect(await migrate(db.url, 'PasswordTokens1795860000000')).toEqual(['PasswordTokens1795860000000']);
    expect(await tables()).toContain('password_token');
  });

  it("IncidentRegimes: every incident keeps the regimes its obligations were derived under (its controller's current ones); goes down and up", async () => {
    await sql(`UPDATE organization SET nis2 = 'important', telecom = true WHERE id = $1`, [ORG]);
    const incidents = await sql(
      `SELECT i.id, o.nis2, o.dora, o.telecom FROM incident i JOIN organization o ON o.id = i.controller_id ORDER BY i.id`,
    );
    expect(incidents.filter((i: { nis2: string | null }) => i.nis2 === 'important').length).toBeGreaterThan(0);
    expect(await migrate(db.url, 'IncidentRegimes1795870000000')).toEqual(['IncidentRegimes1795870000000']);
    expect(await sql(`SELECT incident_id AS id, nis2, dora, telecom FROM incident_regimes ORDER BY incident_id`)).toEqual(incidents);
    // Changing the organization afterwards leaves them as they are.
    await sql(`UPDATE organization SET nis2 = NULL, telecom = false WHERE id = $1`, [ORG]);
    expect(await sql(`SELECT incident_id AS id, nis2, dora, telecom FROM incident_regimes ORDER BY incident_id`)).toEqual(incidents);
    await expect(
      sql(`INSERT INTO incident_regimes (incident_id, nis2, dora, telecom) VALUES ($1, 'none', false, false)`, [incidents[0].id]),
    ).rejects.toThrow(/check|duplicate/);
    await undoLastMigration(db.url);
    expect(await tables()).not.toContain('incident_regimes');
    expect(await migrate(db.url, 'IncidentRegimes1795870000000')).toEqual(['IncidentRegimes1795870000000']);
    expect(await sql(`SELECT count(*)::int AS n FROM incident_regimes WHERE nis2 IS NULL AND NOT telecom`)).toEqual([
      { n: incidents.length },
    ]);
  });

  it('AuditChains: the events stored become the legacy chain, unchanged, its head their last hash; goes down and up', async () => {
    const events = await sql(`SELECT seq::text AS seq, id, prev_hash, hash FROM audit_event ORDER BY seq`);
    expect(events.length).toBeGreaterThan(0);
    expect(await migrate(db.url, 'AuditChains1795871000000')).toEqual(['AuditChains1795871000000']);
    expect(await sql(`SELECT seq::text AS seq, id, prev_hash, hash FROM audit_event ORDER BY seq`)).toEqual(events);
    expect(await sql(`SELECT DISTINCT chain FROM audit_event`)).toEqual([{ chain: 'legacy' }]);
    expect(await sql(`SELECT chain, head_hash, events::int AS events FROM audit_chain`)).toEqual([
      { chain: 'legacy', head_hash: events[events.length - 1].hash, events: events.length },
    ]);
    // A new event must name its chain; prev_hash stays unique across chains.
    const insert = (chain: string | null, prev: string, hash: string) =>
      sql(
        `INSERT INTO audit_event (id, occurred_at, actor, action, entity_type, entity_id, changes, chain, prev_hash, hash)
         VALUES (gen_random_uuid(), $1, 'cli', 'x.y', 'x', gen_random_uuid(), '{}', $2, $3, $4)`,
        [AT, chain, prev, hash],
      );
    await expect(insert(null, 'p-new', 'h-new')).rejects.toThrow(/chain/);
    await expect(insert('org:x', events[0].prev_hash, 'h-new')).rejects.toThrow(/ux_audit_event__prev_hash/);

    await undoLastMigration(db.url);
    expect(await tables()).not.toContain('audit_chain');
    expect(await sql(`SELECT seq::text AS seq, id, prev_hash, hash FROM audit_event ORDER BY seq`)).toEqual(events);
    expect(await migrate(db.url, 'AuditChains1795871000000')).toEqual(['AuditChains1795871000000']);
    expect(await tables()).toContain('audit_chain');
  });

  it('IncidentBatches: incidents keep their rows outside any batch; one incident per batch and contract; goes down and up', async () => {
    const incidents = await sql(`SELECT id, reference, contract_id FROM incident ORDER BY id`);
    expect(incidents.length).toBeGreaterThan(1);
    expect(await migrate(db.url, 'IncidentBatches1795872000000')).toEqual(['IncidentBatches1795872000000']);
    expect(await sql(`SELECT id, reference, contract_id FROM incident ORDER BY id`)).toEqual(incidents);
    expect(await sql(`SELECT count(*)::int AS n FROM incident WHERE batch_id IS NOT NULL`)).toEqual([{ n: 0 }]);
    const batch = '00000000-0000-7000-8000-000000000c01';
    await sql(
      `INSERT INTO incident_batch (id, processor_id, created_by, selection, intake, contract_ids, total, status, created_at, updated_at)
       VALUES ($1, $2, $3, '"all"', '{}', '{}', 0, 'pending', $4, $4)`,
      [batch, ORG, USER, AT],
    );
    const [{ indexdef }] = await sql(`SELECT indexdef FROM pg_indexes WHERE indexname = 'ux_incident__batch_contract'`);
    expect(indexdef).toMatch(/UNIQUE INDEX .* \(batch_id, contract_id\)/);
    await sql(`UPDATE incident SET batch_id = $1 WHERE id = $2`, [batch, incidents[0].id]);
    await expect(sql(`UPDATE incident_batch SET status = 'exploded'`)).rejects.toThrow(/ck_incident_batch__status/);
    await sql(`UPDATE incident SET batch_id = NULL`);
    await sql(`DELETE FROM incident_batch`);

    await undoLastMigration(db.url);
    expect(await tables()).not.toContain('incident_batch');
    expect(await migrate(db.url, 'IncidentBatches1795872000000')).toEqual(['IncidentBatches1795872000000']);
  });

  it('Offboarding: every row stays; only a named org chain can lose events, a notification only its body inside an erasure; goes down and up', async () => {
    const events = await sql(`SELECT seq::text AS seq, hash FROM audit_event ORDER BY seq`);
    const notifications = await sql(`SELECT id, body, body_sha256 FROM notification ORDER BY id`);
    expect(notifications.length).toBeGreaterThan(0);
    expect(await migrate(db.url, 'Offboarding1795873000000')).toEqual(['Offboarding1795873000000']);
    expect(await sql(`SELECT seq::text AS seq, hash FROM audit_event ORDER BY seq`)).toEqual(events);
    expect(await sql(`SELECT id, body, body_sha256 FROM notification ORDER BY id`)).toEqual(notifications);
    // Outside an erasure nothing changes, as before.
    await expect(sql(`DELETE FROM audit_event WHERE seq = $1`, [events[0].seq])).rejects.toThrow(/append-only/);
    await expect(sql(`UPDATE notification SET body = 'x'`)).rejects.toThrow(/immutable/);
    // The legacy chain cannot be erased even when named; an update never passes.
    await expect(
      inTx([
        [`SELECT set_config('breachclock.erase_chain', 'legacy', true)`, []],
        [`DELETE FROM audit_event WHERE chain = 'legacy'`, []],
      ]),
    ).rejects.toThrow(/append-only/);
    await expect(
      inTx([
        [`SELECT set_config('breachclock.erasure', 'on', true)`, []],
        [`UPDATE notification SET body_sha256 = 'x'`, []],
      ]),
    ).rejects.toThrow(/immutable/);
    await inTx([
      [`SELECT set_config('breachclock.erasure', 'on', true)`, []],
      [`UPDATE notification SET body = '[pseudonymised]'`, []],
    ]);
    expect(await sql(`SELECT id, body, body_sha256 FROM notification ORDER BY id`)).toEqual(notifications);

    await undoLastMigration(db.url);
    await expect(
      inTx([
        [`SELECT set_config('breachclock.erasure', 'on', true)`, []],
        [`UPDATE notification SET body = 'x'`, []],
      ]),
    ).rejects.toThrow(/immutable/);
    expect(await migrate(db.url, 'Offboarding1795873000000')).toEqual(['Offboarding1795873000000']);
  });

  it("ErasableAuditValues: every event stays format 1 as stored; only an erasure may change a format-2 event's values, only a re-sealing its hashes; goes down and up", async () => {
    const events = await sql(`SELECT seq::text AS seq, id, changes, reason, prev_hash, hash FROM audit_event ORDER BY seq`);
    expect(events.length).toBeGreaterThan(0);
    expect(await migrate(db.url, 'ErasableAuditValues1795874000000')).toEqual(['ErasableAuditValues1795874000000']);
    expect(await sql(`SELECT seq::text AS seq, id, changes, reason, prev_hash, hash FROM audit_event ORDER BY seq`)).toEqual(events);
    expect(await sql(`SELECT DISTINCT format, commitments FROM audit_event`)).toEqual([{ format: 1, commitments: null }]);
    await undoLastMigration(db.url);
    expect(
      await sql(`SELECT count(*)::int AS n FROM information_schema.columns WHERE table_name = 'audit_event' AND column_name = 'format'`),
    ).toEqual([{ n: 0 }]);
    expect(await migrate(db.url, 'ErasableAuditValues1795874000000')).toEqual(['ErasableAuditValues1795874000000']);

    const insert = (format: number, commitments: unknown) =>
      sql(
        `INSERT INTO audit_event (id, occurred_at, actor, action, entity_type, entity_id, changes, chain, format, commitments, prev_hash, hash)
         VALUES (gen_random_uuid(), $1, 'user:a@b.example', 'x.y', 'x', gen_random_uuid(), '{"n": {"from": null, "to": "Ann"}}', 'org:x', $2, $3, 'p-v2', 'h-v2')`,
        [AT, format, commitments === null ? null : JSON.stringify(commitments)],
      );
    await expect(insert(2, null)).rejects.toThrow(/ck_audit_event__format/);
    await expect(insert(3, {})).rejects.toThrow(/ck_audit_event__format/);
    await insert(2, { actor: { s: 'aa' }, changes: { n: { to: { s: 'bb' } } } });
    const v1 = events[0].seq;
    const [{ seq: v2 }] = await sql(`SELECT seq::text AS seq FROM audit_event WHERE hash = 'h-v2'`);
    const erasing = (statement: string, params: unknown[]) =>
      inTx([
        [`SELECT set_config('breachclock.erase_values', 'on', true)`, []],
        [statement, params],
      ]);
    const erase = `UPDATE audit_event SET changes = '{"n": {"from": null, "to": "[erased]"}}', actor = '[erased]', commitments = '{}' WHERE seq = $1`;
    // Outside an erasure, nothing; inside one, a format-2 event's values but not a format-1 event's, nor anything else.
    await expect(sql(erase, [v2])).rejects.toThrow(/append-only/);
    await erasing(erase, [v2]);
    await expect(erasing(erase, [v1])).rejects.toThrow(/append-only/);
    await expect(erasing(`UPDATE audit_event SET action = 'z.z' WHERE seq = $1`, [v2])).rejects.toThrow(/append-only/);
    await expect(erasing(`UPDATE audit_event SET hash = 'forged' WHERE seq = $1`, [v2])).rejects.toThrow(/append-only/);
    // Re-sealing one chain: its events' hashes, format and commitments, not their values, not another chain's.
    const resealing = (chain: string, statement: string) =>
      inTx([
        [`SELECT set_config('breachclock.reseal_chain', $1, true)`, [chain]],
        [statement, [v1]],
      ]);
    const reseal = `UPDATE audit_event SET format = 2, commitments = '{}', prev_hash = 'p-new', hash = 'h-new' WHERE seq = $1`;
    await resealing('legacy', reseal);
    await expect(resealing('org:x', reseal)).rejects.toThrow(/append-only/);
    await expect(
      resealing('legacy', `UPDATE audit_event SET format = 2, commitments = '{}', changes = '{}' WHERE seq = $1`),
    ).rejects.toThrow(/append-only/);
    expect(
      await sql(`SELECT seq::text AS seq, id, changes, reason, prev_hash, hash FROM audit_event WHERE format = 1 ORDER BY seq`),
    ).toEqual(events);
    // Back only while no event is in format 2.
    await expect(undoLastMigration(db.url)).rejects.toThrow(/format 2/);
  });

  it('BatchDraftsAndAttempts: batches keep their rows and start at no attempt; a draft is a status; down drops drafts only', async () => {
    const batch = '00000000-0000-7000-8000-000000000c02';
    await sql(
      `INSERT INTO incident_batch (id, processor_id, created_by, selection, intake, contract_ids, total, created, status, created_at, updated_at)
       VALUES ($1, $2, $3, '"all"', '{"title":"Mailer breach"}', '{}', 3, 3, 'completed', $4, $4)`,
      [batch, ORG, USER, AT],
    );
    const before = await sql(`SELECT id, status, total, created, intake FROM incident_batch ORDER BY id`);
    await expect(sql(`UPDATE incident_batch SET status = 'draft'`)).rejects.toThrow(/ck_incident_batch__status/);
    expect(await migrate(db.url, 'BatchDraftsAndAttempts1795874200000')).toEqual(['BatchDraftsAndAttempts1795874200000']);
    expect(await sql(`SELECT id, status, total, created, intake FROM incident_batch ORDER BY id`)).toEqual(before);
    expect(await sql(`SELECT attempts FROM incident_batch`)).toEqual([{ attempts: 0 }]);
    const draft = '00000000-0000-7000-8000-000000000c03';
    await sql(
      `INSERT INTO incident_batch (id, processor_id, created_by, selection, intake, contract_ids, total, status, created_at, updated_at)
       VALUES ($1, $2, $3, '"all"', '{}', '{}', 0, 'draft', $4, $4)`,
      [draft, ORG, USER, AT],
    );
    await expect(sql(`UPDATE incident_batch SET status = 'exploded'`)).rejects.toThrow(/ck_incident_batch__status/);

    await undoLastMigration(db.url);
    expect(await sql(`SELECT id, status, total, created, intake FROM incident_batch ORDER BY id`)).toEqual(before);
    expect(await migrate(db.url, 'BatchDraftsAndAttempts1795874200000')).toEqual(['BatchDraftsAndAttempts1795874200000']);
    await sql(`DELETE FROM incident_batch WHERE id = $1`, [batch]);
  });

  it('leaves a schema the entities read, with nothing left for TypeORM to change', async () => {
    const app = testDataSource({ kind: 'postgres', url: db.url, poolSize: 2 });
    await app.initialize();
    try {
      expect(await migrateUnderLock(app)).toEqual([]);
      expect(
        await app.driver
          .createSchemaBuilder()
          .log()
          .then((l) => l.upQueries.map((q) => q.query)),
      ).toEqual([]);
      const assessment = await app.getRepository(Assessment).findOneByOrFail({ id: '00000000-0000-7000-8000-000000000300' });
      expect([assessment.incidentFacts, assessment.riskFlags]).toEqual([null, []]);
      const bavaria = await app.getRepository(Organization).findOneByOrFail({ slug: 'public-by' });
      expect([bavaria.publicLevel, bavaria.telecom, bavaria.postal, bavaria.locale]).toEqual(['state', false, false, 'de']);
      const token = await app.getRepository(ApiToken).findOneByOrFail({ id: '00000000-0000-7000-8000-000000000501' });
      expect([token.name, token.expiresAt, token.lastUsedAt]).toEqual(['token of 2025-06-05', null, null]);
      const obligation = await app.getRepository(Obligation).findOneByOrFail({ id: '00000000-0000-7000-8000-000000000804' });
      expect([obligation.phase, obligation.outcome, obligation.recipient.authorityId, obligation.title.en]).toEqual([
        'fulfilled',
        'late',
        'de-he',
        'Notify the supervisory authority',
      ]);
      const incident = await app.getRepository(Incident).findOneByOrFail({ reference: 'BC-2025-000008' });
      expect([incident.ongoing, incident.containedAt, incident.securityEncryption, incident.otherAuthoritiesInformed]).toEqual([
        null,
        null,
        null,
        null,
      ]);
      const user = await app.getRepository(User).findOneByOrFail({ email: 'en@he.example' });
      expect([user.active, user.locale, user.localeChosen]).toEqual([true, 'en', true]);
    } finally {
      await app.destroy();
    }
  });
});
