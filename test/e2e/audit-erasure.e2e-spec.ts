import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AuditErasureService, CHAIN_RESEALED_ACTION } from '../../src/audit/audit-erasure.service';
import { AuditService } from '../../src/audit/audit.service';
import { main } from '../../src/cli/main';
import { verifyEvidence } from '../../src/evidence/domain/evidence-bundle';
import { CLI_ACTOR } from '../../src/identity/domain/actor';
import { archiveText, checkArchive } from '../../src/offboarding/domain/organization-archive';
import { OrganizationDeletionService } from '../../src/offboarding/organization-deletion.service';
import { OrganizationExportService } from '../../src/offboarding/organization-export.service';
import { RetentionService } from '../../src/offboarding/retention.service';
import { appendLegacyEvents } from '../support/audit-content';
import { evidenceCli } from '../support/evidence';
import { decideNotToNotifyAndClose, fileReport, makeTenant, Tenant } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

// Erasing personal values from the audit trail (chain format 2): retention and organization deletion
// leave no value of the people concerned in audit_event, and every chain still verifies.
describe('erasure of personal values from the audit trail', () => {
  let t: TestApp;
  let dir: string;
  const sql = <T = any>(text: string, params: unknown[] = []): Promise<T[]> => t.dataSource.query(text, params);
  // Every stored row of the events `where` selects, as text (each column, commitments included).
  const rowsText = async (where: string, params: unknown[] = []) =>
    (await sql<{ r: string }>(`SELECT row_to_json(a)::text AS r FROM audit_event a WHERE ${where} ORDER BY seq`, params)).map((x) => x.r);
  const verify = () => t.get(AuditService).verifyChain();
  const legacyHead = async () => (await sql(`SELECT head_hash FROM audit_chain WHERE chain = 'legacy'`))[0]?.head_hash;

  beforeAll(async () => {
    t = await startTestApp();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bc-erasure-'));
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  // `breachclock audit reseal` on PostgreSQL; the service it runs on the in-memory PGlite (no second door).
  async function reseal(): Promise<number> {
    const url = t.databaseUrl;
    if (!url)
      return t
        .get(AuditErasureService)
        .resealAll(CLI_ACTOR)
        .then(
          () => 0,
          () => 1,
        );
    const saved = { ...process.env };
    Object.assign(process.env, { DATABASE_URL: url, LOG_LEVEL: 'error' });
    const quiet = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const quietErr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      return await main(['audit', 'reseal']);
    } finally {
      quiet.mockRestore();
      quietErr.mockRestore();
      process.env = saved;
    }
  }

  const report = (tenant: Tenant, overrides: Record<string, unknown> = {}) => fileReport(t, tenant, overrides);
  async function evidenceFile(tenant: Tenant, id: string, name: string): Promise<string> {
    const res = await t.request('GET', `/api/v1/incidents/${id}/evidence`, { token: tenant.dpoToken });
    expect(res.status).toBe(200);
    expect(verifyEvidence(res.body)).toMatchObject({ ok: true, broken: [] });
    const file = path.join(dir, name);
    fs.writeFileSync(file, res.text);
    return file;
  }

  it('retention erases the values of a closed incident from its events, format-1 ones re-sealed first; bundles from before and after verify offline', async () => {
    const a = await makeTenant(t);
    t.clock.set('2026-01-10T10:00:00Z');
    const contact = { name: 'Rita Retention', email: 'rita.retention@processor.example', phone: '+49 89 5550142' };
    const title = 'Payroll sheet mailed to the wrong Rita';
    const old = await report(a, { contact, title });
    // An event from before chains were per organization, about the same incident (format 1).
    const headBefore = await appendLegacyEvents(t.dataSource, [
      {
        actor: `user:${a.processorEmail}`,
        actorOrgId: a.processorId,
        action: 'incident.updated',
        entityType: 'incident',
        entityId: old,
        incidentId: old,
        changes: { contactName: { from: 'Rita R.', to: contact.name }, approximateSubjects: { from: 10, to: 12 } },
        reason: `${contact.name} called back`,
      },
    ]);
    await decideNotToNotifyAndClose(t, a, old);
    const bundleBefore = await evidenceFile(a, old, 'before.json');
    const secrets = [contact.name, contact.email, contact.phone, title, 'Rita R.', 'Only Sam Security saw it', 'unintelligible'];
    const mentioning = async () => (await rowsText('a.incident_id = $1', [old])).filter((r) => secrets.some((s) => r.includes(s)));
    expect((await mentioning()).length).toBeGreaterThanOrEqual(3);

    t.clock.set('2031-01-11T10:00:00Z');
    const retention = t.get(RetentionService);
    const eventsBefore = await rowsText('true');
    const [dry] = (await retention.run({ dryRun: true }, CLI_ACTOR)).incidents.filter((i) => i.incidentId === old);
    expect(dry.auditValues).toBeGreaterThan(5);
    expect(await rowsText('true')).toEqual(eventsBefore);

    const [applied] = (await retention.run({ dryRun: false }, CLI_ACTOR)).incidents.filter((i) => i.incidentId === old);
    expect([applied.auditValues, applied.auditEvents]).toEqual([dry.auditValues, dry.auditEvents]);
    expect(await mentioning()).toEqual([]);
    // What says nothing of a person stays readable: counts, statuses, who acted.
    const [legacyEvent] = await sql(`SELECT actor, changes, reason, format FROM audit_event WHERE chain = 'legacy' AND incident_id = $1`, [
      old,
    ]);
    expect(legacyEvent).toEqual({
      actor: `user:${a.processorEmail}`,
      changes: { contactName: { from: '[erased]', to: '[erased]' }, approximateSubjects: { from: 10, to: 12 } },
      reason: '[erased]',
      format: 2,
    });
    const statuses = await sql(`SELECT changes->'status'->>'to' AS s FROM audit_event WHERE incident_id = $1 AND changes ? 'status'`, [
      old,
    ]);
    expect(statuses.map((r) => r.s)).toContain('closed');
    // The legacy chain was re-sealed, the system chain linking its old head to its new one.
    const [resealed] = await sql(`SELECT changes FROM audit_event WHERE chain = 'system' AND action = $1 ORDER BY seq DESC LIMIT 1`, [
      CHAIN_RESEALED_ACTION,
    ]);
    expect(resealed.changes.headHash).toEqual({ from: headBefore, to: await legacyHead() });
    const [recorded] = await sql(`SELECT changes FROM audit_event WHERE incident_id = $1 AND action = 'incident.pseudonymised'`, [old]);
    expect(recorded.changes.auditValuesErased).toEqual({ from: null, to: applied.auditValues });

    const result = await verify();
    expect(result.break).toBeNull();
    expect(result.chains.every((c) => !c.formatOne)).toBe(true);
    // Both bundles verify offline: the one from before holds the values, the one after their commitments.
    const bundleAfter = await evidenceFile(a, old, 'after.json');
    expect(fs.readFileSync(bundleAfter, 'utf8')).not.toContain(contact.email);
    for (const file of [bundleBefore, bundleAfter]) {
      const checked = await evidenceCli(['verify', file]);
      expect([checked.code, checked.stdout.trim().split('\n').pop()]).toEqual([0, 'evidence bundle intact']);
    }
  });

  it('deleting a processor erases its people from the chains that stay, a namesake elsewhere keeps the name, and everything verifies', async () => {
    const a = await makeTenant(t);
    const other = await makeTenant(t);
    const contact = { name: 'Petra Processor', email: 'petra@proc-a.example', phone: '+49 30 5550001' };
    const reported = await report(a, { contact });
    const unrelated = await report(other);
    // The controller's DPO corrects the contact: an event of the controller's chain naming the processor's people.
    const current = await t.request('GET', `/api/v1/incidents/${reported}`, { token: a.dpoToken });
    const patched = await t.request('PATCH', `/api/v1/incidents/${reported}`, {
      token: a.dpoToken,
      body: { contact: { ...contact, email: 'petra.p@proc-a.example' } },
      headers: { 'if-match': `"${current.body.version}"` },
    });
    expect(patched.status).toBe(200);
    await appendLegacyEvents(t.dataSource, [
      {
        actor: `user:${a.processorEmail}`,
        actorOrgId: a.processorId,
        action: 'incident.updated',
        entityType: 'incident',
        entityId: reported,
        incidentId: reported,
        changes: { measuresTaken: { from: null, to: 'Mailbox locked' } },
        reason: null,
      },
      {
        actor: `user:${other.dpoEmail}`,
        actorOrgId: other.controllerId,
        action: 'incident.updated',
        entityType: 'incident',
        entityId: unrelated,
        incidentId: unrelated,
        changes: { contactName: { from: null, to: 'Petra Processor' } },
        reason: null,
      },
    ]);
    const people = [a.processorEmail, contact.name, contact.email, contact.phone, 'petra.p@proc-a.example'];
    const naming = async () => (await rowsText('true')).filter((r) => people.some((p) => r.includes(p)));
    expect((await naming()).length).toBeGreaterThan(3);

    const summary = await t.get(OrganizationDeletionService).delete(a.processorSlug, a.processorSlug, CLI_ACTOR);
    expect(summary.chainsResealed).toEqual(['legacy']);
    expect(summary.auditValuesErased).toBeGreaterThan(3);
    // Left: only the namesake in another tenant's unrelated incident.
    const left = await naming();
    expect(left).toHaveLength(1);
    expect(left[0]).toContain(unrelated);
    const [itsLegacy] = await sql(`SELECT actor, changes FROM audit_event WHERE chain = 'legacy' AND actor_org_id = $1`, [a.processorId]);
    expect(itsLegacy).toEqual({ actor: '[erased]', changes: { measuresTaken: { from: null, to: '[erased]' } } });

    expect((await verify()).break).toBeNull();
    const archive = await t.get(OrganizationExportService).export(a.controllerSlug);
    expect(checkArchive(archiveText(archive))).toMatchObject({ ok: true });
    await evidenceFile(a, reported, 'kept.json');
  });

  it('audit verify finds an erased value put back, an erased commitment altered, and a live value edited in the database', async () => {
    const a = await makeTenant(t);
    const id = await report(a, { contact: { name: 'Vera Verify', email: 'vera@processor.example', phone: '+49 69 5550188' } });
    const [event] = await sql(`SELECT seq::text AS seq FROM audit_event WHERE incident_id = $1 AND action = 'incident.reported'`, [id]);
    await t.dataSource.transaction((tx) =>
      t.get(AuditErasureService).erase(tx, 'a.seq = $1', [event.seq], () => (place) => place.field === 'contactName'),
    );
    expect((await verify()).break).toBeNull();
    const tampered = async (update: string) => {
      const [before] = await sql(`SELECT actor, changes, commitments FROM audit_event WHERE seq = $1`, [event.seq]);
      await sql(`ALTER TABLE audit_event DISABLE TRIGGER tr_audit_event__append_only`);
      try {
        await sql(update, [event.seq]);
        return (await verify()).break;
      } finally {
        await sql(`UPDATE audit_event SET actor = $2, changes = $3, commitments = $4 WHERE seq = $1`, [
          event.seq,
          before.actor,
          JSON.stringify(before.changes),
          JSON.stringify(before.commitments),
        ]);
        await sql(`ALTER TABLE audit_event ENABLE TRIGGER tr_audit_event__append_only`);
      }
    };
    const at = { seq: event.seq, reason: 'hash_mismatch' };
    expect(
      await tampered(`UPDATE audit_event SET changes = jsonb_set(changes, '{contactName,to}', '"Vera Verify"') WHERE seq = $1`),
    ).toMatchObject(at);
    expect(
      await tampered(
        `UPDATE audit_event SET commitments = jsonb_set(commitments, '{changes,contactName,to,c}', to_jsonb(repeat('0', 64))) WHERE seq = $1`,
      ),
    ).toMatchObject(at);
    expect(
      await tampered(`UPDATE audit_event SET changes = jsonb_set(changes, '{contactEmail,to}', '"eve@example.org"') WHERE seq = $1`),
    ).toMatchObject(at);
    expect(await tampered(`UPDATE audit_event SET actor = 'user:eve@example.org' WHERE seq = $1`)).toMatchObject(at);
    expect((await verify()).break).toBeNull();
  });

  const renamed = (id: string, from: string, to: string) => ({
    actor: 'cli',
    actorOrgId: null,
    action: 'organization.updated',
    entityType: 'organization',
    entityId: id,
    incidentId: null,
    changes: { name: { from, to } },
    reason: null,
  });

  it('audit reseal turns the format-1 events into format 2 and records the old head; a chain that does not verify is left as it was', async () => {
    const a = await makeTenant(t);
    await appendLegacyEvents(t.dataSource, [renamed(a.controllerId, 'Old', 'New')]);
    const before = await legacyHead();
    expect((await verify()).chains.find((c) => c.chain === 'legacy')?.formatOne).toBe(1);
    expect(await reseal()).toBe(0);
    expect(await reseal()).toBe(0);
    const result = await verify();
    expect(result.break).toBeNull();
    expect(result.chains.find((c) => c.chain === 'legacy')?.formatOne).toBe(0);
    const [resealed] = await sql(`SELECT changes FROM audit_event WHERE action = $1 ORDER BY seq DESC LIMIT 1`, [CHAIN_RESEALED_ACTION]);
    expect(resealed.changes.headHash).toEqual({ from: before, to: await legacyHead() });

    // A forged format-1 event (stored around the trigger, as only the database's owner could): re-sealing refuses.
    await appendLegacyEvents(t.dataSource, [renamed(a.controllerId, 'New', 'Newer')]);
    await sql(`ALTER TABLE audit_event DISABLE TRIGGER tr_audit_event__append_only`);
    await sql(`UPDATE audit_event SET changes = '{"name": {"from": "New", "to": "Forged"}}' WHERE format = 1`);
    await sql(`ALTER TABLE audit_event ENABLE TRIGGER tr_audit_event__append_only`);
    const stored = await rowsText(`a.chain = 'legacy'`);
    expect(await reseal()).toBe(1);
    expect(await rowsText(`a.chain = 'legacy'`)).toEqual(stored);
    expect((await verify()).chains.find((c) => c.chain === 'legacy')?.break?.reason).toBe('hash_mismatch');
  });
});
