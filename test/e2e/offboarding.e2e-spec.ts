import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AuditService } from '../../src/audit/audit.service';
import { main } from '../../src/cli/main';
import { CLI_ACTOR } from '../../src/identity/domain/actor';
import { archiveText, checkArchive } from '../../src/offboarding/domain/organization-archive';
import { OrganizationDeletionService } from '../../src/offboarding/organization-deletion.service';
import { OrganizationExportService } from '../../src/offboarding/organization-export.service';
import { RetentionService } from '../../src/offboarding/retention.service';
import { decideNotToNotifyAndClose, fileReport, makeTenant, Tenant } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

// Tenant offboarding and retention (docs/offboarding.md).
describe('organization export, deletion and retention', () => {
  let t: TestApp;
  const sql = <T = any>(text: string, params: unknown[] = []): Promise<T[]> => t.dataSource.query(text, params);

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const report = (tenant: Tenant, overrides: Record<string, unknown> = {}) => fileReport(t, tenant, overrides);
  async function draft(tenant: Tenant): Promise<string> {
    const res = await t.request('POST', '/api/v1/incidents', {
      token: tenant.processorToken,
      body: {
        contractId: tenant.contractId,
        draft: true,
        title: 'Draft of the processor',
        nature: { description: 'A mailbox was phished.' },
        discoveredAt: t.clock.now().toISOString(),
      },
    });
    expect(res.status).toBe(201);
    return res.body.id;
  }
  const decideAndClose = (tenant: Tenant, id: string) => decideNotToNotifyAndClose(t, tenant, id);
  const ids = (rows: { id: string }[]) => rows.map((r) => r.id).sort();
  const verify = () => t.get(AuditService).verifyChain();
  // Everything of an organization that nobody's offboarding may touch.
  const fingerprint = (orgId: string) =>
    sql(
      `SELECT (SELECT json_agg(i ORDER BY i.id) FROM incident i WHERE controller_id = $1) AS incidents,
              (SELECT json_agg(a ORDER BY a.id) FROM assessment a JOIN incident i ON i.id = a.incident_id WHERE i.controller_id = $1) AS assessments,
              (SELECT json_agg(n ORDER BY n.id) FROM notification n JOIN incident i ON i.id = n.incident_id WHERE i.controller_id = $1) AS notifications,
              (SELECT json_agg(u ORDER BY u.id) FROM app_user u WHERE organization_id = $1) AS users,
              (SELECT head_hash FROM audit_chain WHERE chain = 'org:' || $1) AS head`,
      [orgId],
    );

  it('exports everything an organization sees, verifiable from the manifest and its audit chain, and nothing of another', async () => {
    const a = await makeTenant(t);
    const other = await makeTenant(t);
    const reported = await report(a);
    const drafted = await draft(a);
    await decideAndClose(a, reported);
    const foreign = await report(other, { title: 'Another tenant entirely' });

    const ctrl = await t.get(OrganizationExportService).export(a.controllerSlug);
    expect(checkArchive(archiveText(ctrl))).toMatchObject({ ok: true, auditChain: { ok: true } });
    expect(ids(ctrl.sections.incidents as { id: string }[])).toEqual([reported]); // not the processor's draft
    expect(ctrl.sections.assessments).toHaveLength(1);
    expect(ctrl.sections.decisions).toHaveLength(1);
    expect(ctrl.sections.users.map((u) => u.email).sort()).toEqual([expect.stringMatching(/^admin-/), a.dpoEmail]);
    expect(ctrl.sections.users.every((u) => !('password_hash' in u))).toBe(true);
    expect(ctrl.manifest.auditChain.events).toBeGreaterThan(0);
    expect(ctrl.sections.auditEvents.every((e) => e.actorOrgId === a.controllerId)).toBe(true);
    const text = archiveText(ctrl);
    expect(text).not.toContain(foreign);
    expect(text).not.toContain(other.controllerId);
    expect(text).not.toContain(a.processorEmail); // the processor's people are not the controller's

    const proc = await t.get(OrganizationExportService).export(a.processorSlug);
    expect(checkArchive(archiveText(proc)).ok).toBe(true);
    expect(ids(proc.sections.incidents as { id: string }[])).toEqual([reported, drafted].sort());
    // Never the controller's assessment, decision or notifications to authorities and people.
    expect([proc.sections.assessments, proc.sections.decisions]).toEqual([[], []]);
    expect(proc.sections.notifications.every((n) => ['processor_to_controller', 'filing'].includes(String(n.kind)))).toBe(true);

    // A changed row, or a dropped audit event, no longer verifies.
    const tampered = JSON.parse(text);
    tampered.sections.incidents[0].title = 'changed';
    expect(checkArchive(JSON.stringify(tampered)).sections.find((s) => s.name === 'incidents')).toMatchObject({ ok: false });
    const cut = JSON.parse(text);
    cut.sections.auditEvents.pop();
    expect(checkArchive(JSON.stringify(cut)).auditChain.ok).toBe(false);
  });

  it('deletes a processor: its controller keeps the report without the processor’s people; the rest stays; its token is refused at once; audit verify sees a tombstone', async () => {
    const a = await makeTenant(t);
    const other = await makeTenant(t);
    const reported = await report(a);
    const drafted = await draft(a);
    await report(other);
    expect((await t.request('GET', '/api/v1/incidents', { token: a.processorToken })).status).toBe(200);
    const before = await fingerprint(other.controllerId);
    const [{ events }] = await sql(`SELECT events::int AS events, head_hash FROM audit_chain WHERE chain = $1`, [`org:${a.processorId}`]);
    const [{ head_hash: head }] = await sql(`SELECT head_hash FROM audit_chain WHERE chain = $1`, [`org:${a.processorId}`]);

    const deletion = t.get(OrganizationDeletionService);
    await expect(deletion.delete(a.processorSlug, a.controllerSlug, CLI_ACTOR)).rejects.toMatchObject({ errors: [{ path: 'confirm' }] });
    expect(await sql(`SELECT id FROM organization WHERE id = $1`, [a.processorId])).toHaveLength(1);

    const summary = await deletion.delete(a.processorSlug, a.processorSlug, CLI_ACTOR);
    expect(summary).toMatchObject({ incidentsDeleted: 1, incidentsKeptByControllers: 1, contractsDeleted: 1, usersDeleted: 1 });
    expect((await t.request('GET', '/api/v1/incidents', { token: a.processorToken })).status).toBe(401);

    const kept = await t.request('GET', `/api/v1/incidents/${reported}`, { token: a.dpoToken });
    expect(kept.status).toBe(200);
    expect(JSON.stringify(kept.body)).not.toMatch(/Sam Security|security@processor\.example|\+49 761 123456/);
    expect(await sql(`SELECT processor_id, contract_id, contact_name FROM incident WHERE id = $1`, [reported])).toEqual([
      { processor_id: null, contract_id: null, contact_name: null },
    ]);
    for (const n of await sql<{ body: string }>(`SELECT body FROM notification WHERE incident_id = $1`, [reported])) {
      expect(n.body).not.toContain('Sam Security');
    }
    expect(await sql(`SELECT id FROM incident WHERE id = $1`, [drafted])).toEqual([]);
    expect(await sql(`SELECT id FROM app_user WHERE organization_id = $1`, [a.processorId])).toEqual([]);
    expect(await sql(`SELECT count(*)::int AS n FROM audit_event WHERE chain = $1`, [`org:${a.processorId}`])).toEqual([{ n: 0 }]);
    expect(await fingerprint(other.controllerId)).toEqual(before);

    const result = await verify();
    expect(result.break).toBeNull();
    expect(result.chains.find((c) => c.chain === `org:${a.processorId}`)).toMatchObject({
      checked: 0,
      break: null,
      deleted: { events, headHash: head },
    });
    // The controller's register entry still loads in its register and page.
    expect((await t.request('GET', '/api/v1/register', { token: a.dpoToken })).status).toBe(200);
  });

  it('deletes a controller with its incidents; the processor keeps its own audit chain; other tenants and audit verify hold', async () => {
    const a = await makeTenant(t);
    const other = await makeTenant(t);
    const reported = await report(a);
    await decideAndClose(a, reported);
    await report(other);
    const before = await fingerprint(other.controllerId);
    const processorChain = await sql(`SELECT count(*)::int AS n FROM audit_event WHERE chain = $1`, [`org:${a.processorId}`]);

    const summary = await t.get(OrganizationDeletionService).delete(a.controllerSlug, a.controllerSlug, CLI_ACTOR);
    expect(summary).toMatchObject({ incidentsDeleted: 1, contractsDeleted: 1, usersDeleted: 2 });
    for (const table of ['incident', 'assessment', 'decision', 'notification', 'obligation']) {
      const key = table === 'incident' ? 'id' : 'incident_id';
      expect(await sql(`SELECT 1 FROM ${table} WHERE ${key} = $1`, [reported])).toEqual([]);
    }
    expect((await t.request('GET', '/api/v1/incidents', { token: a.dpoToken })).status).toBe(401);
    expect((await t.request('GET', '/api/v1/incidents', { token: a.processorToken })).body.items).toEqual([]);
    expect(await sql(`SELECT count(*)::int AS n FROM audit_event WHERE chain = $1`, [`org:${a.processorId}`])).toEqual(processorChain);
    expect(await fingerprint(other.controllerId)).toEqual(before);
    expect((await verify()).break).toBeNull();
  });

  it('runs export and delete from the command line when the database is PostgreSQL', async () => {
    const a = await makeTenant(t);
    await report(a);
    const url = t.databaseUrl;
    if (!url) return expect(t.config.database.kind).toBe('pglite'); // the in-memory PGlite has no second door
    const saved = { ...process.env };
    Object.assign(process.env, { DATABASE_URL: url, LOG_LEVEL: 'error' });
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bc-export-')), 'org.json');
    const quiet = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const quietErr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(await main(['org', 'export', a.controllerSlug, '--out', file])).toBe(0);
      expect(await main(['org', 'verify-export', file])).toBe(0);
      const archive = JSON.parse(fs.readFileSync(file, 'utf8'));
      archive.sections.users[0].email = 'someone@else.example';
      fs.writeFileSync(file, JSON.stringify(archive));
      expect(await main(['org', 'verify-export', file])).toBe(1);
      expect(await main(['org', 'delete', a.controllerSlug, '--confirm', 'wrong'])).toBe(1);
      expect(await main(['org', 'delete', a.controllerSlug, '--confirm', a.controllerSlug])).toBe(0);
      expect(await main(['audit', 'verify'])).toBe(0);
    } finally {
      quiet.mockRestore();
      quietErr.mockRestore();
      process.env = saved;
    }
    expect(await sql(`SELECT id FROM organization WHERE slug = $1`, [a.controllerSlug])).toEqual([]);
    // The export is recorded, as the page records it: the CLI's events go to the system chain.
    expect(
      await sql(`SELECT chain, actor FROM audit_event WHERE action = 'organization.exported' AND entity_id = $1`, [a.controllerId]),
    ).toEqual([{ chain: 'system', actor: 'cli' }]);
  });

  it('retention: a dry run shows the closed incidents past the period and changes nothing; the run pseudonymises them and audit verify holds', async () => {
    const a = await makeTenant(t);
    t.clock.set('2026-01-10T10:00:00Z');
    const old = await report(a);
    await decideAndClose(a, old);
    const open = await report(a);
    const retention = t.get(RetentionService);
    const mine = (r: { incidents: { incidentId: string }[] }) => r.incidents.filter((i) => [old, open].includes(i.incidentId));

    t.clock.set('2031-01-09T10:00:00Z'); // 1825 days after closing
    expect(mine(await retention.run({ dryRun: true }, CLI_ACTOR))).toEqual([]);
    t.clock.set('2031-01-11T10:00:00Z'); // 1827 days
    const rowBefore = await sql(`SELECT * FROM incident WHERE id = $1`, [old]);
    const dry = await retention.run({ dryRun: true }, CLI_ACTOR);
    expect(dry.days).toBe(1826);
    expect(mine(dry)).toEqual([
      expect.objectContaining({
        incidentId: old,
        closedAt: '2026-01-10T10:00:00.000Z',
        fields: expect.arrayContaining(['contactName', 'contactEmail', 'contactPhone', 'title', 'natureDescription', 'measuresTaken']),
        decisions: 1,
      }),
    ]);
    expect(await sql(`SELECT * FROM incident WHERE id = $1`, [old])).toEqual(rowBefore);

    const applied = await retention.run({ dryRun: false }, CLI_ACTOR);
    expect(mine(applied).map((i) => i.incidentId)).toEqual([old]);
    const [row] = await sql(`SELECT * FROM incident WHERE id = $1`, [old]);
    expect([row.contact_name, row.contact_email, row.contact_phone, row.title, row.measures_taken]).toEqual([
      null,
      null,
      null,
      '[removed]',
      null,
    ]);
    // Counts, dates and the decision remain; the decision's reasons lose the names in them.
    expect([row.approximate_subjects, row.discovered_at, row.status]).toEqual([
      rowBefore[0].approximate_subjects,
      rowBefore[0].discovered_at,
      'closed',
    ]);
    const [decision] = await sql(`SELECT notify_authority, authority_reason FROM decision WHERE incident_id = $1`, [old]);
    expect(decision).toEqual({ notify_authority: false, authority_reason: 'Only [removed] saw it; the data are encrypted.' });
    const [openRow] = await sql(`SELECT contact_name FROM incident WHERE id = $1`, [open]);
    expect(openRow.contact_name).toBe('Sam Security');
    const trail = await t.request('GET', `/api/v1/incidents/${old}/audit`, { token: a.dpoToken });
    const event = trail.body.items.find((e: { action: string }) => e.action === 'incident.pseudonymised');
    expect(event).toBeDefined();
    expect(JSON.stringify(event.changes)).not.toContain('Sam Security');
    expect((await verify()).break).toBeNull();
    expect(mine(await retention.run({ dryRun: true }, CLI_ACTOR))).toEqual([]);
  });
});
