import { makeTenant, fullReport, Tenant } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

const HOUR = 3_600_000;

describe('filing a breach (POST /api/v1/incidents)', () => {
  let t: TestApp;
  let tenant: Tenant;

  beforeAll(async () => {
    t = await startTestApp();
    tenant = await makeTenant(t, { noticeHours: 24 });
  });
  afterAll(() => t.close());
  beforeEach(() => t.clock.set('2025-01-10T20:00:00Z'));

  it('reports a processor breach to the controller at filing time and starts both clocks (T8)', async () => {
    const res = await t.request('POST', '/api/v1/incidents', {
      token: tenant.processorToken,
      body: fullReport(tenant.contractId, '2025-01-10T08:00:00Z'),
    });
    expect(res.status).toBe(201);
    expect(res.headers.etag).toBe('"1"');
    expect(res.headers.location).toBe(`/api/v1/incidents/${res.body.id}`);
    expect(res.body).toMatchObject({
      status: 'reported',
      version: 1,
      reference: expect.stringMatching(/^BC-2025-\d{6}$/),
      discoveredAt: '2025-01-10T08:00:00.000Z',
      reportedToControllerAt: '2025-01-10T20:00:00.000Z',
      controllerAwareAt: '2025-01-10T20:00:00.000Z',
      controller: { id: tenant.controllerId },
      processor: { id: tenant.processorId },
      missing: [],
      approximateSubjects: { count: 1840, isEstimate: false },
      contact: { name: 'Sam Security', email: 'security@processor.example', phone: '+49 761 123456' },
    });
    expect(res.body.deadlines.processorToController).toEqual({
      startedAt: '2025-01-10T08:00:00.000Z',
      dueAt: '2025-01-11T08:00:00.000Z',
      dueAtLocal: '2025-01-11T09:00:00+01:00',
      secondsLeft: null,
      state: 'met',
      completedAt: '2025-01-10T20:00:00.000Z',
      stoppedAt: null,
      stoppedBecause: null,
      acknowledgedBy: null,
      acknowledgedAt: null,
    });
    expect(res.body.deadlines.authority).toEqual({
      startedAt: '2025-01-10T20:00:00.000Z',
      dueAt: '2025-01-13T20:00:00.000Z',
      dueAtLocal: '2025-01-13T21:00:00+01:00',
      secondsLeft: 72 * 3600,
      state: 'running',
      completedAt: null,
      stoppedAt: null,
      stoppedBecause: null,
      acknowledgedBy: null,
      acknowledgedAt: null,
    });
  });

  it('flags a report filed after the contract notice period as late to the controller, and still accepts it (T9)', async () => {
    t.clock.set('2025-01-12T09:00:00Z');
    const res = await t.request('POST', '/api/v1/incidents', {
      token: tenant.processorToken,
      body: fullReport(tenant.contractId, '2025-01-10T08:00:00Z'),
    });
    expect(res.status).toBe(201);
    expect(res.body.deadlines.processorToController.state).toBe('late');
    expect(res.body.deadlines.authority.dueAt).toBe('2025-01-15T09:00:00.000Z');
  });

  it('accepts an incomplete report and lists every unknown Art. 33(3) item as missing', async () => {
    const res = await t.request('POST', '/api/v1/incidents', {
      token: tenant.processorToken,
      body: {
        contractId: tenant.contractId,
        title: 'Unclear login activity',
        nature: { description: 'Still investigating.' },
        discoveredAt: '2025-01-10T19:00:00+01:00',
      },
    });
    expect(res.status).toBe(201);
    expect(res.body.missing).toEqual([
      'nature.types',
      'nature.cause',
      'occurredAt',
      'subjectCategories',
      'approximateSubjects',
      'dataCategories',
      'specialCategories',
      'approximateRecords',
      'contact',
      'likelyConsequences',
      'measuresTaken',
      'measuresProposed',
    ]);
    expect(res.body.discoveredAt).toBe('2025-01-10T18:00:00.000Z');
    expect(res.body.approximateSubjects).toBeNull();
  });

  it('keeps a draft inside the processor until it is submitted, while the processor clock runs', async () => {
    const created = await t.request('POST', '/api/v1/incidents', {
      token: tenant.processorToken,
      body: {
        contractId: tenant.contractId,
        draft: true,
        title: 'Draft',
        nature: { description: 'Gathering facts.' },
        discoveredAt: '2025-01-10T18:00:00Z',
      },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'draft', reportedToControllerAt: null, controllerAwareAt: null });
    expect(created.body.deadlines.authority).toBeNull();
    expect(created.body.deadlines.processorToController).toMatchObject({
      dueAt: '2025-01-11T18:00:00.000Z',
      state: 'running',
      secondsLeft: 22 * 3600,
    });
    const id = created.body.id;

    expect((await t.request('GET', `/api/v1/incidents/${id}`, { token: tenant.dpoToken })).status).toBe(404);
    const dpoList = await t.request('GET', '/api/v1/incidents?limit=100', { token: tenant.dpoToken });
    expect(dpoList.body.items.map((i: { id: string }) => i.id)).not.toContain(id);
    const procDeadlines = await t.request('GET', '/api/v1/deadlines', { token: tenant.processorToken });
    expect(procDeadlines.body.items.map((d: { incidentId: string }) => d.incidentId)).toContain(id);

    t.clock.set('2025-01-10T21:30:00Z');
    const submitted = await t.request('POST', `/api/v1/incidents/${id}/submit`, { token: tenant.processorToken });
    expect(submitted.status).toBe(200);
    expect(submitted.body).toMatchObject({
      status: 'reported',
      version: 2,
      reportedToControllerAt: '2025-01-10T21:30:00.000Z',
      controllerAwareAt: '2025-01-10T21:30:00.000Z',
    });
    expect(submitted.body.deadlines.processorToController.state).toBe('met');
    expect(submitted.body.deadlines.authority).toMatchObject({ dueAt: '2025-01-13T21:30:00.000Z', state: 'running' });
    expect((await t.request('GET', `/api/v1/incidents/${id}`, { token: tenant.dpoToken })).status).toBe(200);

    const again = await t.request('POST', `/api/v1/incidents/${id}/submit`, { token: tenant.processorToken });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ status: 409, incidentStatus: 'reported', allowed: ['triage', 'notified', 'not_a_breach'] });
  });

  it('lets a controller DPO file its own breach with an earlier awareness time, without a processor clock', async () => {
    const res = await t.request('POST', '/api/v1/incidents', {
      token: tenant.dpoToken,
      body: {
        title: 'Stolen laptop',
        nature: { description: 'Encrypted laptop stolen.', types: ['availability'], cause: 'lost_device' },
        discoveredAt: '2025-01-09T10:00:00Z',
        controllerAwareAt: '2025-01-09T12:30:00Z',
      },
    });
    expect(res.status).toBe(201);
    expect(res.body.processor).toBeNull();
    expect(res.body.deadlines.processorToController).toBeNull();
    expect(res.body.deadlines.authority).toMatchObject({ dueAt: '2025-01-12T12:30:00.000Z', state: 'running' });
  });

  it('refuses processor staff filing under a contract where their organization is not the processor', async () => {
    const other = await makeTenant(t);
    const before = await t.dataSource.query('SELECT count(*)::int AS n FROM incident');
    const res = await t.request('POST', '/api/v1/incidents', {
      token: tenant.processorToken,
      body: fullReport(other.contractId, '2025-01-10T08:00:00Z'),
    });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.errors).toEqual([{ path: 'contractId', message: expect.stringContaining('processor') }]);
    expect(await t.dataSource.query('SELECT count(*)::int AS n FROM incident')).toEqual(before);
  });

  it('refuses roles that do not file: org admins get 403', async () => {
    const res = await t.request('POST', '/api/v1/incidents', {
      token: tenant.adminToken,
      body: fullReport(tenant.contractId, '2025-01-10T08:00:00Z'),
    });
    expect(res.status).toBe(403);
    expect(res.body.type).toBe('urn:breachclock:problem:identity.forbidden');
  });

  it('refuses a request without a valid token with 401 problem+json', async () => {
    const res = await t.request('GET', '/api/v1/incidents', { token: 'bc_not-a-real-token' });
    expect(res.status).toBe(401);
    expect(res.body.type).toBe('urn:breachclock:problem:identity.unauthenticated');
  });

  it('pages through incidents newest first with a cursor', async () => {
    const own = await makeTenant(t);
    const ids: string[] = [];
    for (let n = 0; n < 5; n++) {
      t.clock.advance(HOUR);
      const res = await t.request('POST', '/api/v1/incidents', {
        token: own.processorToken,
        body: fullReport(own.contractId, t.clock.now().toISOString(), { title: `Breach ${n}` }),
      });
      ids.push(res.body.id);
    }
    const first = await t.request('GET', '/api/v1/incidents?limit=2', { token: own.dpoToken });
    expect(first.body.items.map((i: { id: string }) => i.id)).toEqual([ids[4], ids[3]]);
    const second = await t.request('GET', `/api/v1/incidents?limit=2&cursor=${first.body.nextCursor}`, { token: own.dpoToken });
    expect(second.body.items.map((i: { id: string }) => i.id)).toEqual([ids[2], ids[1]]);
    const third = await t.request('GET', `/api/v1/incidents?limit=2&cursor=${second.body.nextCursor}`, { token: own.dpoToken });
    expect(third.body.items.map((i: { id: string }) => i.id)).toEqual([ids[0]]);
    expect(third.body.nextCursor).toBeNull();
  });
});

// Issue 15 item 10: the facts the authorities' forms ask beyond Art. 33(3), all optional (Art. 33(4)).
describe("the authorities' forms' facts on intake (issue 15 item 10)", () => {
  let t: TestApp;
  let tenant: Tenant;
  const FORM_FACTS = {
    reporter: { name: 'Sam Security', role: 'Information security officer' },
    discoveryMethod: 'A recipient replied to all and complained.',
    ongoing: false,
    containedAt: '2025-01-10T09:30:00Z',
    securityBefore: { encryption: 'partial', description: 'Transport encryption only; the list itself was plain text.' },
    consequencesMaterialised: 'Two recipients received phishing mails quoting the newsletter.',
    vulnerableSubjects: false,
    otherAuthoritiesInformed: [
      { name: 'Polizei Hessen', at: '2025-01-10T12:00:00Z', reference: 'ST/0815/25' },
      { name: 'BSI', at: '2025-01-10T13:00:00Z' },
    ],
  };

  beforeAll(async () => {
    t = await startTestApp();
    tenant = await makeTenant(t, { noticeHours: 24 });
  });
  afterAll(() => t.close());
  beforeEach(() => t.clock.set('2025-01-10T20:00:00Z'));

  it('stores and returns every fact to both sides, and audits them with the filing', async () => {
    const res = await t.request('POST', '/api/v1/incidents', {
      token: tenant.processorToken,
      body: fullReport(tenant.contractId, '2025-01-10T08:00:00Z', FORM_FACTS),
    });
    expect(res.status).toBe(201);
    const expected = {
      ...FORM_FACTS,
      containedAt: '2025-01-10T09:30:00.000Z',
      otherAuthoritiesInformed: [
        { name: 'Polizei Hessen', at: '2025-01-10T12:00:00.000Z', reference: 'ST/0815/25' },
        { name: 'BSI', at: '2025-01-10T13:00:00.000Z', reference: null },
      ],
    };
    expect(res.body).toMatchObject({ ...expected, missing: [] });
    for (const token of [tenant.processorToken, tenant.dpoToken]) {
      const seen = await t.request('GET', `/api/v1/incidents/${res.body.id}`, { token });
      expect(seen.body).toMatchObject(expected);
    }
    const trail = await t.request('GET', `/api/v1/incidents/${res.body.id}/audit`, { token: tenant.dpoToken });
    const filed = trail.body.items.find((e: { action: string }) => e.action === 'incident.reported');
    expect(filed.changes).toMatchObject({
      reporterName: { from: null, to: 'Sam Security' },
      reporterRole: { from: null, to: 'Information security officer' },
      ongoing: { from: null, to: false },
      containedAt: { from: null, to: '2025-01-10T09:30:00.000Z' },
      securityEncryption: { from: null, to: 'partial' },
      vulnerableSubjects: { from: null, to: false },
      otherAuthoritiesInformed: { from: null, to: expected.otherAuthoritiesInformed },
    });
  });

  it('leaves each fact null when it is not given, and does not count it as missing', async () => {
    const res = await t.request('POST', '/api/v1/incidents', {
      token: tenant.processorToken,
      body: fullReport(tenant.contractId, '2025-01-10T08:00:00Z'),
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      reporter: null,
      discoveryMethod: null,
      ongoing: null,
      containedAt: null,
      securityBefore: null,
      consequencesMaterialised: null,
      vulnerableSubjects: null,
      otherAuthoritiesInformed: null,
      missing: [],
    });
  });

  it('refuses bad facts with 400 problem+json naming each field, and files nothing', async () => {
    const before = (await t.request('GET', '/api/v1/incidents', { token: tenant.processorToken })).body.items.length;
    const res = await t.request('POST', '/api/v1/incidents', {
      token: tenant.processorToken,
      body: fullReport(tenant.contractId, '2025-01-10T08:00:00Z', {
        reporter: { name: 'Sam' },
        ongoing: 'no',
        securityBefore: { encryption: 'some' },
        vulnerableSubjects: 'yes',
        otherAuthoritiesInformed: [{ name: 'Police', at: 'yesterday' }],
      }),
    });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect([...new Set(res.body.errors.map((e: { path: string }) => e.path))].sort()).toEqual([
      'ongoing',
      'otherAuthoritiesInformed.0.at',
      'reporter.role',
      'securityBefore.encryption',
      'vulnerableSubjects',
    ]);
    expect((await t.request('GET', '/api/v1/incidents', { token: tenant.processorToken })).body.items.length).toBe(before);
  });

  it('refuses a containment time while the breach is still going on, one before the breach began, and times in the future', async () => {
    const post = (facts: Record<string, unknown>) =>
      t.request('POST', '/api/v1/incidents', {
        token: tenant.processorToken,
        body: fullReport(tenant.contractId, '2025-01-10T08:00:00Z', facts),
      });
    const ongoing = await post({ ongoing: true, containedAt: '2025-01-10T09:00:00Z' });
    expect(ongoing.status).toBe(400);
    expect(ongoing.body.errors).toEqual([{ path: 'containedAt', message: expect.stringContaining('while ongoing is true') }]);
    const early = await post({ containedAt: '2025-01-10T07:00:00Z' });
    expect(early.body.errors).toEqual([{ path: 'containedAt', message: expect.stringContaining('before the breach began') }]);
    const future = await post({ otherAuthoritiesInformed: [{ name: 'Police', at: '2025-01-11T08:00:00Z' }] });
    expect(future.body.errors).toEqual([{ path: 'otherAuthoritiesInformed.0.at', message: 'must not be in the future' }]);
    // Contained while "ongoing" is not known: accepted; ongoing stays unknown.
    const unknown = await post({ containedAt: '2025-01-10T09:00:00Z' });
    expect(unknown.status).toBe(201);
    expect(unknown.body).toMatchObject({ ongoing: null, containedAt: '2025-01-10T09:00:00.000Z' });
  });

  it('vulnerableSubjects feeds the risk flag: yes raises it whatever the categories say, no keeps it down', async () => {
    const simpleLetter = {
      dataCategories: [{ category: 'simple' }],
      easeOfIdentification: 'maximum',
      confidentiality: 'known_recipients',
      integrity: 'not_affected',
      availability: 'not_affected',
      maliciousIntent: false,
    };
    const flags = async (facts: Record<string, unknown>) => {
      const res = await t.request('POST', '/api/v1/incidents', {
        token: tenant.processorToken,
        body: fullReport(tenant.contractId, '2025-01-10T08:00:00Z', { approximateSubjects: { count: 3, isEstimate: false }, ...facts }),
      });
      const preview = await t.request('POST', `/api/v1/incidents/${res.body.id}/assessment/preview`, {
        token: tenant.dpoToken,
        body: simpleLetter,
      });
      return preview.body.riskFlags.map((f: { flag: string }) => f.flag);
    };
    expect(await flags({ vulnerableSubjects: true })).toEqual(['vulnerable_subjects']);
    expect(await flags({ vulnerableSubjects: false, subjectCategories: ['Kinder'] })).toEqual([]);
    expect(await flags({ subjectCategories: ['Kinder'] })).toEqual(['vulnerable_subjects']);
  });
});
