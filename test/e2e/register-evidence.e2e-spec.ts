import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { assessDecideAndTell, evidenceCli } from '../support/evidence';
import { makeTenant, Tenant, fullReport } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

const JUNE = '/api/v1/register/evidence?from=2025-06-01&to=2025-06-30';
const cli = evidenceCli;

const references = (items: { reference?: string; incident?: { reference: string } }[]) =>
  items.map((i) => i.reference ?? i.incident!.reference);

describe('evidence bundle of the register of a period', () => {
  let t: TestApp;
  let tenant: Tenant;
  let other: Tenant;
  let dir: string;
  const refs: Record<'early' | 'late' | 'outside', string> = { early: '', late: '', outside: '' };
  const ids: Record<'early' | 'late' | 'outside', string> = { early: '', late: '', outside: '' };

  const file = async (who: Tenant, discoveredAt: string) => {
    const filed = await t.request('POST', '/api/v1/incidents', {
      token: who.processorToken,
      body: fullReport(who.contractId, discoveredAt),
    });
    expect(filed.status).toBe(201);
    return filed.body as { id: string; reference: string };
  };

  beforeAll(async () => {
    t = await startTestApp();
    t.clock.set('2025-07-02T10:00:00Z');
    tenant = await makeTenant(t);
    other = await makeTenant(t);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bc-register-evidence-'));
    // Filed out of order: the period goes by discovery, not by filing.
    for (const [key, at] of [
      ['late', '2025-06-30T21:30:00Z'],
      ['outside', '2025-05-31T08:00:00Z'],
      // 1 June, 00:30 in Berlin (the DPO's zone), 31 May in UTC.
      ['early', '2025-05-31T22:30:00Z'],
    ] as const) {
      const filed = await file(tenant, at);
      ids[key] = filed.id;
      refs[key] = filed.reference;
    }
    // Another controller's breach in the same days: never in this register.
    await file(other, '2025-06-10T08:00:00Z');
    await assessDecideAndTell(t, tenant, ids.early, {
      reason: 'Bank details of customers reached unknown people.',
      sentAt: '2025-06-02T10:55:00Z',
      body: 'Dear customer, your bank details …',
    });
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("gives the controller's DPO the register entries of the period and each incident's own bundle", async () => {
    const res = await t.request('GET', JUNE, { token: tenant.dpoToken });
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toBe('attachment; filename="register-evidence-2025-06-01-2025-06-30.json"');
    const b = res.body;
    expect(b).toMatchObject({
      format: 'breachclock-register-evidence',
      version: 1,
      exportedAt: '2025-07-02T10:00:00.000Z',
      exportedBy: `user:${tenant.dpoEmail}`,
      organization: { id: tenant.controllerId, slug: tenant.controllerSlug },
      period: { from: '2025-06-01', to: '2025-06-30', timeZone: 'Europe/Berlin', by: 'discoveredAt' },
    });
    // In the register's order (as filed), the one discovered in May left out.
    expect(references(b.register)).toEqual([refs.late, refs.early]);
    expect(references(b.incidents)).toEqual([refs.late, refs.early]);
    // The entries as GET /register shows them, the bundles as GET /incidents/:id/evidence builds them.
    const register = await t.request('GET', '/api/v1/register', { token: tenant.dpoToken });
    expect(b.register).toEqual(register.body.items.filter((i: { reference: string }) => i.reference !== refs.outside));
    const single = await t.request('GET', `/api/v1/incidents/${ids.early}/evidence`, { token: tenant.dpoToken });
    // The same bundle, but unsigned: the register's signature covers its hash.
    const { signature, ...unsignedSingle } = single.body;
    expect(signature.keyFingerprint).toBe(b.signature.keyFingerprint);
    expect(b.incidents[1]).toEqual(unsignedSingle);
    expect(b.incidents[1].notifications).toEqual([expect.objectContaining({ body: 'Dear customer, your bank details …' })]);
    expect(Object.keys(b.manifest.parts)).toEqual([
      'head',
      `register/${refs.late}`,
      `register/${refs.early}`,
      `incidents/${refs.late}`,
      `incidents/${refs.early}`,
    ]);
    expect(Object.values(b.manifest.parts).every((h) => /^[0-9a-f]{64}$/.test(h as string))).toBe(true);

    const saved = path.join(dir, 'june.json');
    fs.writeFileSync(saved, res.text);
    const ok = await cli(['verify', saved]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain(`intact: register/${refs.early}: matches the manifest`);
    expect(ok.stdout).toContain(`intact: incidents/${refs.early}: evidence bundle intact`);
    expect(ok.stdout).toContain('intact: register: 2 entries, 2 incident bundles');
    expect(ok.stdout.trim().split('\n').pop()).toBe('register evidence bundle intact');
  });

  it('names the tampered entry and the tampered incident bundle, and exits 1', async () => {
    const tampered = (await t.request('GET', JUNE, { token: tenant.dpoToken })).body;
    tampered.register[0].title = 'Nothing happened';
    tampered.incidents[1].notifications[0].body = 'Dear customer, nothing happened.';
    const saved = path.join(dir, 'tampered.json');
    fs.writeFileSync(saved, JSON.stringify(tampered));
    const report = await cli(['verify', saved]);
    expect(report.code).toBe(1);
    const broken = report.stdout.split('\n').filter((l) => l.startsWith('BROKEN: '));
    expect(broken).toEqual([
      `BROKEN: register/${refs.late}: its SHA-256 differs from the manifest`,
      `BROKEN: incidents/${refs.early}: its SHA-256 differs from the manifest`,
      `BROKEN: incidents/${refs.early}: section notifications: its SHA-256 differs from the manifest`,
    ]);
    expect(report.stdout).toContain(`intact: register/${refs.early}: matches the manifest`);
    expect(report.stdout).toContain(`intact: incidents/${refs.late}: evidence bundle intact`);
    expect(report.stdout.trim().split('\n').pop()).toBe('register evidence bundle NOT intact');
  });

  it("lets the controller's org admin in, not the processor's staff, and never shows another controller's register", async () => {
    const admin = await t.request('GET', JUNE, { token: tenant.adminToken });
    expect(admin.status).toBe(200);
    expect(admin.body.exportedBy).toMatch(/^user:admin-/);
    expect(references(admin.body.incidents)).toEqual([refs.late, refs.early]);
    const staff = await t.request('GET', JUNE, { token: tenant.processorToken });
    expect(staff.status).toBe(403);
    expect(staff.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(staff.text).not.toContain('Bank details');
    const stranger = await t.request('GET', JUNE, { token: other.dpoToken });
    expect(stranger.status).toBe(200);
    expect(references(stranger.body.register)).toHaveLength(1);
    expect(stranger.text).not.toContain(refs.early);
    expect(stranger.text).not.toContain(refs.late);
  });

  it.each([
    ['from=2025-02-30&to=2025-03-01', 'from'],
    ['from=2025-06-01', 'to'],
    ['from=June&to=2025-06-30', 'from'],
    ['from=2025-06-30&to=2025-06-01', 'to'],
    ['from=2024-06-01&to=2025-06-30', 'to'],
  ])('refuses %s with 400 naming %s', async (query, field) => {
    const res = await t.request('GET', `/api/v1/register/evidence?${query}`, { token: tenant.dpoToken });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual([field]);
  });

  it('is written by breachclock evidence export --register, the same entries and bundles as the API gives', async () => {
    if (!t.databaseUrl) return void expect(t.config.database.kind).toBe('pglite'); // in-memory: no second process can reach it
    const saved = path.join(dir, 'cli.json');
    const args = [
      'export',
      '--register',
      '--org',
      tenant.controllerSlug,
      '--from',
      '2025-06-01',
      '--to',
      '2025-06-30',
      '--out',
      saved,
      '--time-zone',
      'Europe/Berlin',
    ];
    const done = await cli(args, t.databaseUrl);
    expect(done.stderr).toBe('');
    expect(done.stdout).toContain(
      `register evidence of ${tenant.controllerSlug} for 2025-06-01 … 2025-06-30 written to ${saved}: 2 entries, 2 incident bundles`,
    );
    const written = JSON.parse(fs.readFileSync(saved, 'utf8'));
    expect(written).toMatchObject({ exportedBy: 'cli', period: { timeZone: 'Europe/Berlin' } });
    expect(references(written.register)).toEqual([refs.late, refs.early]);
    // The CLI runs on the real clock: the events, facts and decisions do not depend on it.
    const api = (await t.request('GET', JUNE, { token: tenant.dpoToken })).body;
    expect(written.incidents.map((b: { events: unknown }) => b.events)).toEqual(api.incidents.map((b: { events: unknown }) => b.events));
    expect(written.incidents[1].decisions).toEqual(api.incidents[1].decisions);
    expect((await cli(['verify', saved])).code).toBe(0);

    // Days in UTC unless the zone is given: the breach discovered at 00:30 in Berlin fell on 31 May there.
    const utc = await cli(args.slice(0, -2), t.databaseUrl);
    expect(utc.stdout).toContain('1 entries, 1 incident bundles');
    expect(references(JSON.parse(fs.readFileSync(saved, 'utf8')).register)).toEqual([refs.late]);
    const backwards = await cli([...args.slice(0, 5), '2025-07-01', ...args.slice(6)], t.databaseUrl);
    expect(backwards).toMatchObject({ code: 2, stderr: 'error: --to must not be before from\n' });
    expect(await cli(['export', '--register', '--incident', refs.early, '--out', saved], t.databaseUrl)).toMatchObject({
      code: 2,
      stderr: 'error: give either --incident or --register\n',
    });
    expect(
      await cli(
        ['export', '--register', '--org', 'no-such-org', '--from', '2025-06-01', '--to', '2025-06-30', '--out', saved],
        t.databaseUrl,
      ),
    ).toMatchObject({
      code: 1,
      stderr: 'error: no organization no-such-org\n',
    });
  });
});
