import { fullReport, makeTenant, Tenant } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

// Another tenant's incident is a 404 on every endpoint, for every role, and nothing changes.
describe('tenancy matrix', () => {
  let t: TestApp;
  let a: Tenant;
  let b: Tenant;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp();
    a = await makeTenant(t);
    b = await makeTenant(t);
    t.clock.set('2025-06-06T12:00:00Z');
    ids.submitted = (
      await t.request('POST', '/api/v1/incidents', { token: a.processorToken, body: fullReport(a.contractId, '2025-06-06T09:00:00Z') })
    ).body.id;
    ids.draft = (
      await t.request('POST', '/api/v1/incidents', {
        token: a.processorToken,
        body: { ...fullReport(a.contractId, '2025-06-06T09:00:00Z'), draft: true },
      })
    ).body.id;
    ids.own = (
      await t.request('POST', '/api/v1/incidents', { token: a.dpoToken, body: fullReport(undefined, '2025-06-06T09:00:00Z') })
    ).body.id;
  });
  afterAll(() => t.close());

  const snapshot = async () =>
    t.dataSource.query(
      `SELECT (SELECT json_agg(json_build_object('id', id, 'version', version, 'status', status) ORDER BY id) FROM incident) AS incidents,
              (SELECT count(*)::int FROM audit_event) AS audit, (SELECT count(*)::int FROM notification) AS notifications,
              (SELECT count(*)::int FROM assessment) AS assessments, (SELECT count(*)::int FROM decision) AS decisions`,
    );

  const assessment = {
    dataCategories: [{ category: 'simple' }],
    easeOfIdentification: 'maximum',
    confidentiality: 'not_affected',
    integrity: 'not_affected',
    availability: 'not_affected',
    maliciousIntent: false,
  };
  const attempts: [string, 'GET' | 'POST' | 'PATCH' | 'PUT', (id: string) => string, unknown?][] = [
    ['read', 'GET', (id) => `/api/v1/incidents/${id}`],
    ['follow-up', 'PATCH', (id) => `/api/v1/incidents/${id}`, { title: 'hijacked' }],
    ['submit', 'POST', (id) => `/api/v1/incidents/${id}/submit`],
    ['audit trail', 'GET', (id) => `/api/v1/incidents/${id}/audit`],
    ['status', 'POST', (id) => `/api/v1/incidents/${id}/status`, { status: 'triage' }],
    ['assessment', 'PUT', (id) => `/api/v1/incidents/${id}/assessment`, assessment],
    ['decision', 'POST', (id) => `/api/v1/incidents/${id}/decision`, { notifyAuthority: true, notifySubjects: true }],
    ['assessments', 'GET', (id) => `/api/v1/incidents/${id}/assessments`],
    ['authorities', 'GET', (id) => `/api/v1/incidents/${id}/authorities`],
    ['authority draft', 'GET', (id) => `/api/v1/incidents/${id}/drafts/authority`],
    ['subjects draft', 'GET', (id) => `/api/v1/incidents/${id}/drafts/data-subjects`],
    ['processor report draft', 'GET', (id) => `/api/v1/incidents/${id}/drafts/processor-report`],
    ['notifications', 'GET', (id) => `/api/v1/incidents/${id}/notifications`],
    [
      'record notification',
      'POST',
      (id) => `/api/v1/incidents/${id}/notifications`,
      { kind: 'data_subjects', sentAt: '2025-06-06T12:00:00Z' },
    ],
  ];

  it("answers every attempt on another tenant's incident with 404, for every role, and changes nothing", async () => {
    const before = await snapshot();
    const seen: string[] = [];
    for (const [name, method, url, body] of attempts) {
      for (const [role, token] of [
        ['dpo', b.dpoToken],
        ['processor', b.processorToken],
        ['admin', b.adminToken],
      ] as const) {
        for (const which of ['submitted', 'draft', 'own']) {
          const res = await t.request(method, url(ids[which]), { token, body, headers: method === 'PATCH' ? { 'if-match': '"1"' } : {} });
          // A role that may never do this gets 403 before anything is looked up; that reveals nothing.
          const verdict = res.status === 404 ? '404' : res.status === 403 ? '403' : `LEAK ${res.status}`;
          seen.push(`${name}/${role}/${which}: ${verdict}`);
          expect(String(res.headers['content-type'])).toContain('application/problem+json');
          if (res.status === 403) expect(res.body.type).toBe('urn:breachclock:problem:identity.forbidden');
        }
      }
    }
    expect(seen.filter((s) => s.includes('LEAK'))).toEqual([]);
    // Every role that may use the endpoint at all got 404 for all three incidents.
    expect(seen.filter((s) => s.startsWith('read/')).every((s) => s.endsWith('404'))).toBe(true);
    expect(await snapshot()).toEqual(before);
  });

  it("lists none of another tenant's incidents, clocks, register entries or escalations", async () => {
    for (const token of [b.dpoToken, b.processorToken, b.adminToken]) {
      const list = await t.request('GET', '/api/v1/incidents?limit=100', { token });
      expect(list.body.items).toEqual([]);
      const deadlines = await t.request('GET', '/api/v1/deadlines', { token });
      expect(deadlines.body.items ?? []).toEqual([]);
    }
    expect((await t.request('GET', '/api/v1/register', { token: b.dpoToken })).body.items).toEqual([]);
    expect((await t.request('GET', '/api/v1/escalations', { token: b.dpoToken })).body.items).toEqual([]);
    expect((await t.request('GET', '/api/v1/contracts', { token: b.processorToken })).body.items.map((c: { id: string }) => c.id)).toEqual([
      b.contractId,
    ]);
  });

  it("keeps a processor's draft from its own controller until it is submitted", async () => {
    expect((await t.request('GET', `/api/v1/incidents/${ids.draft}`, { token: a.dpoToken })).status).toBe(404);
    expect((await t.request('GET', `/api/v1/incidents/${ids.draft}`, { token: a.processorToken })).status).toBe(200);
    expect((await t.request('GET', `/api/v1/incidents/${ids.own}`, { token: a.processorToken })).status).toBe(404); // the controller's own breach is not the processor's business
  });

  it('gives an org admin read access to its organization, but no writes', async () => {
    expect((await t.request('GET', `/api/v1/incidents/${ids.submitted}`, { token: a.adminToken })).status).toBe(200);
    expect(
      (
        await t.request('PATCH', `/api/v1/incidents/${ids.submitted}`, {
          token: a.adminToken,
          headers: { 'if-match': '"1"' },
          body: { title: 'x' },
        })
      ).status,
    ).toBe(403);
    expect(
      (await t.request('POST', '/api/v1/incidents', { token: a.adminToken, body: fullReport(a.contractId, '2025-06-06T09:00:00Z') }))
        .status,
    ).toBe(403);
  });

  it("lets processor staff add facts but not move the controller's awareness; a DPO moves it only with a reason, and the clock follows", async () => {
    const res = await t.request('PATCH', `/api/v1/incidents/${ids.submitted}`, {
      token: a.processorToken,
      headers: { 'if-match': '"1"' },
      body: { controllerAwareAt: '2025-06-06T11:00:00Z' },
    });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(['controllerAwareAt']);
    const noReason = await t.request('PATCH', `/api/v1/incidents/${ids.submitted}`, {
      token: a.dpoToken,
      headers: { 'if-match': '"1"' },
      body: { controllerAwareAt: '2025-06-06T11:00:00Z' },
    });
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors.map((e: { path: string }) => e.path)).toEqual(['reason']);
    const later = await t.request('PATCH', `/api/v1/incidents/${ids.submitted}`, {
      token: a.dpoToken,
      headers: { 'if-match': '"1"' },
      body: { controllerAwareAt: '2025-06-06T12:30:00Z', reason: 'x' },
    });
    expect(later.status).toBe(400); // never later than the report reached the controller
    const ok = await t.request('PATCH', `/api/v1/incidents/${ids.submitted}`, {
      token: a.dpoToken,
      headers: { 'if-match': '"1"' },
      body: { controllerAwareAt: '2025-06-06T11:00:00Z', reason: 'The processor phoned an hour before filing.' },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.deadlines.authority).toMatchObject({ startedAt: '2025-06-06T11:00:00.000Z', dueAt: '2025-06-09T11:00:00.000Z' });
    const trail = await t.request('GET', `/api/v1/incidents/${ids.submitted}/audit`, { token: a.dpoToken });
    const moved = trail.body.items.find((e: { action: string }) => e.action === 'incident.updated');
    expect(moved).toMatchObject({
      reason: 'The processor phoned an hour before filing.',
      changes: { controllerAwareAt: { from: '2025-06-06T12:00:00.000Z', to: '2025-06-06T11:00:00.000Z' } },
    });
  });
});
