import { makeTenant, Tenant } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

describe('follow-up facts (PATCH /api/v1/incidents/:id, Art. 33(4))', () => {
  let t: TestApp;
  let tenant: Tenant;

  beforeAll(async () => {
    t = await startTestApp();
    tenant = await makeTenant(t, { noticeHours: 24, subProcessors: [{ name: 'Hosting Sub GmbH' }] });
  });
  afterAll(() => t.close());

  async function file() {
    t.clock.set('2025-04-01T10:00:00Z');
    const res = await t.request('POST', '/api/v1/incidents', {
      token: tenant.processorToken,
      body: {
        contractId: tenant.contractId,
        title: 'Ransomware at the hosting sub-processor',
        nature: { description: 'Servers encrypted.' },
        discoveredAt: '2025-04-01T08:00:00Z',
      },
    });
    expect(res.status).toBe(201);
    return res.body;
  }

  it('adds facts with If-Match, bumps the version, shrinks the missing list and returns the new ETag', async () => {
    const incident = await file();
    expect(incident.missing).toContain('approximateSubjects');
    t.clock.set('2025-04-01T12:00:00Z');
    const res = await t.request('PATCH', `/api/v1/incidents/${incident.id}`, {
      token: tenant.processorToken,
      headers: { 'if-match': '"1"' },
      body: {
        nature: { types: ['availability', 'confidentiality'], cause: 'malware' },
        approximateSubjects: { count: 0, isEstimate: true },
        subProcessor: 'Hosting Sub GmbH',
        affectedCountries: ['DE', 'AT'],
      },
    });
    expect(res.status).toBe(200);
    expect(res.headers.etag).toBe('"2"');
    expect(res.body).toMatchObject({
      version: 2,
      nature: { description: 'Servers encrypted.', types: ['availability', 'confidentiality'], cause: 'malware' },
      approximateSubjects: { count: 0, isEstimate: true },
      subProcessor: 'Hosting Sub GmbH',
      affectedCountries: ['DE', 'AT'],
      updatedAt: '2025-04-01T12:00:00.000Z',
    });
    expect(res.body.missing).not.toContain('approximateSubjects');
    expect(res.body.missing).not.toContain('nature.types');

    const cleared = await t.request('PATCH', `/api/v1/incidents/${incident.id}`, {
      token: tenant.dpoToken,
      headers: { 'if-match': 'W/"2"' },
      body: { approximateSubjects: null },
    });
    expect(cleared.status).toBe(200);
    expect(cleared.body.approximateSubjects).toBeNull();
    expect(cleared.body.missing).toContain('approximateSubjects');
  });

  it('refuses a sub-processor the contract does not name', async () => {
    const incident = await file();
    const res = await t.request('PATCH', `/api/v1/incidents/${incident.id}`, {
      token: tenant.processorToken,
      headers: { 'if-match': '"1"' },
      body: { subProcessor: 'Someone Else Ltd' },
    });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ path: 'subProcessor', message: "must be one of the contract's sub-processors: Hosting Sub GmbH" }]);
  });

  it('records a corrected discoveredAt, and the report already made stays as it was judged then (frozen, issue 14)', async () => {
    const incident = await file();
    const res = await t.request('PATCH', `/api/v1/incidents/${incident.id}`, {
      token: tenant.processorToken,
      headers: { 'if-match': '"1"' },
      body: { discoveredAt: '2025-03-31T06:00:00Z' },
    });
    // Moving a fact that drives a clock needs reasons of at least 20 characters (issue 14).
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ path: 'reason' })]);
    const corrected = await t.request('PATCH', `/api/v1/incidents/${incident.id}`, {
      token: tenant.processorToken,
      headers: { 'if-match': '"1"' },
      body: { discoveredAt: '2025-03-31T06:00:00Z', reason: 'The monitoring log shows the first alert a day earlier.' },
    });
    expect(corrected.status).toBe(200);
    expect(corrected.body.discoveredAt).toBe('2025-03-31T06:00:00.000Z');
    // The report reached the controller before the correction: its obligation was fulfilled and frozen
    // then, so re-dating the discovery cannot turn it into "late" (or a late one into "met").
    expect(corrected.body.deadlines.processorToController).toMatchObject({ dueAt: '2025-04-02T08:00:00.000Z', state: 'met' });
  });

  it('lets exactly one of two concurrent edits of the same version win; the other gets 409', async () => {
    const incident = await file();
    const [a, b] = await Promise.all([
      t.request('PATCH', `/api/v1/incidents/${incident.id}`, {
        token: tenant.processorToken,
        headers: { 'if-match': '"1"' },
        body: { likelyConsequences: 'A' },
      }),
      t.request('PATCH', `/api/v1/incidents/${incident.id}`, {
        token: tenant.dpoToken,
        headers: { 'if-match': '"1"' },
        body: { likelyConsequences: 'B' },
      }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const loser = a.status === 409 ? a : b;
    expect(loser.body).toMatchObject({ type: 'urn:breachclock:problem:incident.version_conflict', currentVersion: 2 });
    const final = await t.request('GET', `/api/v1/incidents/${incident.id}`, { token: tenant.dpoToken });
    expect(final.body.version).toBe(2);
    expect(final.body.likelyConsequences).toBe(a.status === 200 ? 'A' : 'B');
  });
});

describe("follow-up facts of the authorities' forms (issue 15 item 10)", () => {
  let t: TestApp;
  let tenant: Tenant;

  beforeAll(async () => {
    t = await startTestApp();
    tenant = await makeTenant(t, { noticeHours: 24 });
  });
  afterAll(() => t.close());

  it('adds, refuses and clears them with If-Match; each change is audited', async () => {
    t.clock.set('2025-04-01T10:00:00Z');
    const filed = await t.request('POST', '/api/v1/incidents', {
      token: tenant.processorToken,
      body: {
        contractId: tenant.contractId,
        title: 'Ransomware',
        nature: { description: 'Servers encrypted.' },
        occurredAt: '2025-04-01T06:00:00Z',
        discoveredAt: '2025-04-01T08:00:00Z',
        ongoing: true,
      },
    });
    expect(filed.status).toBe(201);
    const id = filed.body.id;
    const patch = (version: number, body: Record<string, unknown>, token = tenant.processorToken) =>
      t.request('PATCH', `/api/v1/incidents/${id}`, { token, headers: { 'if-match': `"${version}"` }, body });

    // Still going on: a containment time is refused, naming it; nothing changes.
    const refused = await patch(1, { containedAt: '2025-04-01T09:00:00Z' });
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([{ path: 'containedAt', message: expect.stringContaining('while ongoing is true') }]);

    t.clock.set('2025-04-01T12:00:00Z');
    const contained = await patch(1, {
      ongoing: false,
      containedAt: '2025-04-01T09:00:00Z',
      otherAuthoritiesInformed: [{ name: 'BSI', at: '2025-04-01T11:00:00Z', reference: 'CERT-123' }],
      vulnerableSubjects: true,
    });
    expect(contained.status).toBe(200);
    expect(contained.body).toMatchObject({
      version: 2,
      ongoing: false,
      containedAt: '2025-04-01T09:00:00.000Z',
      otherAuthoritiesInformed: [{ name: 'BSI', at: '2025-04-01T11:00:00.000Z', reference: 'CERT-123' }],
      vulnerableSubjects: true,
    });

    // Back to "ongoing" while a containment time stands: refused, naming ongoing.
    const back = await patch(2, { ongoing: true }, tenant.dpoToken);
    expect(back.body.errors).toEqual([{ path: 'ongoing', message: expect.stringContaining('clear containedAt first') }]);

    const cleared = await patch(
      2,
      { containedAt: null, ongoing: true, otherAuthoritiesInformed: [], securityBefore: { encryption: 'full' } },
      tenant.dpoToken,
    );
    expect(cleared.status).toBe(200);
    expect(cleared.body).toMatchObject({
      ongoing: true,
      containedAt: null,
      otherAuthoritiesInformed: [],
      securityBefore: { encryption: 'full', description: null },
    });

    const trail = await t.request('GET', `/api/v1/incidents/${id}/audit`, { token: tenant.dpoToken });
    const updates = trail.body.items.filter((e: { action: string }) => e.action === 'incident.updated');
    expect(updates.map((e: { changes: Record<string, unknown> }) => Object.keys(e.changes).sort())).toEqual([
      ['containedAt', 'ongoing', 'otherAuthoritiesInformed', 'vulnerableSubjects'],
      ['containedAt', 'ongoing', 'otherAuthoritiesInformed', 'securityEncryption'],
    ]);
  });
});
