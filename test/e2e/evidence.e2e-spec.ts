import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AuditService } from '../../src/audit/audit.service';
import { assessDecideAndTell, evidenceCli } from '../support/evidence';
import { makeTenant, Tenant, fullReport } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

// `breachclock evidence verify` on a file: no database, only the file.
const verify = (file: string) => evidenceCli(['verify', file]);

describe('evidence bundle of an incident', () => {
  let t: TestApp;
  let tenant: Tenant;
  let id: string;
  let dir: string;

  beforeAll(async () => {
    t = await startTestApp();
    t.clock.set('2025-06-06T10:00:00Z');
    tenant = await makeTenant(t);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bc-evidence-'));
    const filed = await t.request('POST', '/api/v1/incidents', {
      token: tenant.processorToken,
      body: fullReport(tenant.contractId, '2025-06-06T08:00:00Z'),
    });
    expect(filed.status).toBe(201);
    id = filed.body.id;
    t.clock.set('2025-06-06T11:00:00Z');
    const followUp = await t.request('PATCH', `/api/v1/incidents/${id}`, {
      token: tenant.processorToken,
      body: { approximateSubjects: { count: 2100, isEstimate: false } },
      headers: { 'if-match': `"${filed.body.version}"` },
    });
    expect(followUp.status).toBe(200);
    await assessDecideAndTell(t, tenant, id, {
      reason: 'Bank details of 2,100 customers reached unknown people.',
      sentAt: '2025-06-06T10:55:00Z',
      body: 'Dear customer, your bank details …',
    });
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("gives the controller's DPO everything, which verifies offline", async () => {
    const res = await t.request('GET', `/api/v1/incidents/${id}/evidence`, { token: tenant.dpoToken });
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toBe(`attachment; filename="evidence-${res.body.incident.reference}.json"`);
    const b = res.body;
    expect(b).toMatchObject({ format: 'breachclock-evidence', version: 1, side: 'controller', exportedAt: '2025-06-06T11:00:00.000Z' });
    // The facts as they stood after each change: filed, followed up, then the two status steps.
    expect(
      b.facts.map((f: { action: string; facts: { approximateSubjects: number; status?: string } }) => [
        f.action,
        f.facts.approximateSubjects,
        f.facts.status ?? null,
      ]),
    ).toEqual([
      ['incident.reported', 1840, null],
      ['incident.updated', 2100, null],
      ['incident.status_changed', 2100, 'triage'],
      ['incident.status_changed', 2100, 'assessed'],
    ]);
    expect(b.assessments).toHaveLength(1);
    expect(b.decisions).toEqual([expect.objectContaining({ authorityReason: 'Bank details of 2,100 customers reached unknown people.' })]);
    expect(b.notifications).toEqual([expect.objectContaining({ kind: 'data_subjects', body: 'Dear customer, your bank details …' })]);
    expect(b.obligations.map((o: { state: string }) => o.state)).toEqual(expect.arrayContaining(['met']));
    // The events are the incident's whole trail, each with the hashes the chain stored.
    const trail = await t.get(AuditService).trailOfIncident(id);
    expect(b.events.map((e: { hash: string }) => e.hash)).toEqual(trail.map((e) => e.hash));

    const file = path.join(dir, 'controller.json');
    fs.writeFileSync(file, res.text);
    const ok = await verify(file);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain(`intact: events: ${trail.length} of ${trail.length} hashes recomputed from their content`);
    expect(ok.stdout).toContain('intact: notifications: 1, each recorded by an event in the bundle');
    expect(ok.stdout.trim().split('\n').pop()).toBe('evidence bundle intact');
  });

  it('says what is broken in a tampered file, and exits 1', async () => {
    const res = await t.request('GET', `/api/v1/incidents/${id}/evidence`, { token: tenant.dpoToken });
    const tampered = JSON.parse(res.text);
    tampered.notifications[0].body = 'Dear customer, nothing happened.';
    const file = path.join(dir, 'tampered.json');
    fs.writeFileSync(file, JSON.stringify(tampered));
    const report = await verify(file);
    expect(report.code).toBe(1);
    expect(report.stdout).toContain('BROKEN: section notifications: its SHA-256 differs from the manifest');
    expect(report.stdout).toContain('intact: section events: matches the manifest');
    expect(report.stdout.trim().split('\n').pop()).toBe('evidence bundle NOT intact');
  });

  it("gives the processor its side only: no assessment, decision or the controller's notifications", async () => {
    const res = await t.request('GET', `/api/v1/incidents/${id}/evidence`, { token: tenant.processorToken });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ side: 'processor', assessments: [], decisions: [], notifications: [] });
    const actions = res.body.events.map((e: { content: { action: string } }) => e.content.action);
    expect(actions).not.toEqual(expect.arrayContaining(['assessment.recorded']));
    expect(actions).not.toContain('decision.recorded');
    expect(actions).not.toContain('notification.recorded');
    expect(res.text).not.toContain('Bank details of 2,100');
    expect(res.text).not.toContain('Dear customer');
    expect(res.body.obligations.every((o: { regime: string }) => o.regime === 'contract')).toBe(true);
    const file = path.join(dir, 'processor.json');
    fs.writeFileSync(file, res.text);
    // Chain format 2: a reason this side may not read keeps its commitment, so every hash is recomputed.
    const n = res.body.events.length;
    const checked = await verify(file);
    expect(checked.code).toBe(0);
    expect(checked.stdout).toContain(`intact: events: ${n} of ${n} hashes recomputed from their content`);
  });

  it('is not found for another organization, and needs a role that works with incidents', async () => {
    const other = await makeTenant(t);
    expect((await t.request('GET', `/api/v1/incidents/${id}/evidence`, { token: other.dpoToken })).status).toBe(404);
    expect((await t.request('GET', `/api/v1/incidents/${id}/evidence`, { token: tenant.adminToken })).status).toBe(403);
    const bad = await t.request('GET', `/api/v1/incidents/not-a-uuid/evidence`, { token: tenant.dpoToken });
    expect(bad.status).toBe(400);
    expect(bad.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('is written by breachclock evidence export, by reference, with the same content as the API gives the DPO', async () => {
    if (!t.databaseUrl) return void expect(t.config.database.kind).toBe('pglite'); // in-memory: no second process can reach it
    const api = (await t.request('GET', `/api/v1/incidents/${id}/evidence`, { token: tenant.dpoToken })).body;
    const file = path.join(dir, 'cli.json');
    const cli = (...args: string[]) => evidenceCli(['export', ...args], t.databaseUrl);
    const done = await cli('--incident', api.incident.reference, '--out', file);
    expect(done.stdout).toContain(`evidence of ${api.incident.reference} written to ${file}`);
    const written = JSON.parse(fs.readFileSync(file, 'utf8'));
    expect(written).toMatchObject({ side: 'controller', exportedBy: 'cli' });
    // The same sections but those that count seconds left (the CLI runs on the real clock, the test app on its own).
    const { incident: _i, obligations: _o, ...lasting } = api.manifest.sections;
    expect(written.manifest.sections).toMatchObject(lasting);
    expect((await verify(file)).code).toBe(0);
    expect(await cli('--incident', 'BC-1999-000001', '--out', file)).toMatchObject({
      code: 1,
      stderr: 'error: no incident BC-1999-000001\n',
    });
  });
});
