import { fullReport, lowRiskAssessment, makeTenant, Tenant } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

const REASON = 'Data were encrypted with AES-256; the key stayed in the HSM and was never exposed.';

// A D6-like breach: credential stuffing on online banking (regulatory.md §10.1).
const bankingAssessment = {
  dataCategories: [{ category: 'financial', score: 4, reason: 'online banking with transfers (ENISA A3)' }],
  easeOfIdentification: 'maximum',
  confidentiality: 'unknown_recipients',
  integrity: 'not_affected',
  availability: 'not_affected',
  maliciousIntent: true,
};
const lowAssessment = lowRiskAssessment;

describe('triage: assessment, decision, status flow and register', () => {
  let t: TestApp;
  let tenant: Tenant;

  beforeAll(async () => {
    t = await startTestApp();
    tenant = await makeTenant(t);
  });
  afterAll(() => t.close());

  async function reported(overrides: Record<string, unknown> = {}) {
    t.clock.set('2025-06-06T10:00:00Z');
    const res = await t.request('POST', '/api/v1/incidents', {
      token: tenant.processorToken,
      body: fullReport(tenant.contractId, '2025-06-06T09:00:00Z', overrides),
    });
    expect(res.status).toBe(201);
    return res.body.id as string;
  }
  const count = async (table: string) => (await t.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n;

  it('scores an assessment, recommends, moves the incident to assessed and keeps versions', async () => {
    const id = await reported({ approximateSubjects: { count: 2000, isEstimate: true } });
    const res = await t.request('PUT', `/api/v1/incidents/${id}/assessment`, { token: tenant.dpoToken, body: bankingAssessment });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      version: 1,
      score: 5,
      band: 'very_high',
      flags: { moreThan100Subjects: true, unintelligible: false },
    });
    expect(res.body.recommendation).toMatchObject({ notifyAuthority: true, notifySubjects: true, subjectsExemption: null });
    expect(res.body.recommendation.reasons[0]).toMatch(/^Rule 1: severity 5 is very_high/);

    const incident = await t.request('GET', `/api/v1/incidents/${id}`, { token: tenant.dpoToken });
    expect(incident.body.status).toBe('assessed');
    const trail = await t.request('GET', `/api/v1/incidents/${id}/audit`, { token: tenant.dpoToken });
    expect(
      trail.body.items
        .filter((e: { action: string }) => !e.action.startsWith('obligation.')) // the duties are audited beside (obligations e2e)
        .map(
          (e: { action: string; changes: { status?: { to: string } } }) => e.action + (e.changes.status ? `:${e.changes.status.to}` : ''),
        ),
    ).toEqual(['incident.reported', 'assessment.recorded', 'incident.status_changed:triage', 'incident.status_changed:assessed']);

    const again = await t.request('PUT', `/api/v1/incidents/${id}/assessment`, {
      token: tenant.dpoToken,
      body: { ...bankingAssessment, highRiskRemovedByMeasures: true },
    });
    expect(again.body).toMatchObject({
      version: 2,
      recommendation: { notifyAuthority: true, notifySubjects: false, subjectsExemption: '34(3)(b)' },
    });
    const history = await t.request('GET', `/api/v1/incidents/${id}/assessments`, { token: tenant.dpoToken });
    expect(history.body.assessments.map((a: { version: number }) => a.version)).toEqual([1, 2]);
    expect(history.body.assessments[0].recommendation.notifySubjects).toBe(true);
  });

  it('N10: refuses invalid scoring input naming each field, and stores nothing', async () => {
    const id = await reported();
    const before = await count('assessment');
    const res = await t.request('PUT', `/api/v1/incidents/${id}/assessment`, {
      token: tenant.dpoToken,
      body: { ...bankingAssessment, easeOfIdentification: 0.6, dataCategories: [{ category: 'simple', score: 5 }], integrity: 0.75 },
    });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      'dataCategories.0.score',
      'easeOfIdentification',
      'integrity',
    ]);
    const noReason = await t.request('PUT', `/api/v1/incidents/${id}/assessment`, {
      token: tenant.dpoToken,
      body: { ...bankingAssessment, dataCategories: [{ category: 'simple', score: 3 }] },
    });
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors).toEqual([{ path: 'dataCategories.0.reason', message: expect.stringContaining('at least 20 characters') }]);
    expect(await count('assessment')).toBe(before);
  });

  it('lets processor staff add facts but not assess, decide or change the status (403)', async () => {
    const id = await reported();
    expect(
      (await t.request('PUT', `/api/v1/incidents/${id}/assessment`, { token: tenant.processorToken, body: lowAssessment })).status,
    ).toBe(403);
    expect(
      (
        await t.request('POST', `/api/v1/incidents/${id}/decision`, {
          token: tenant.processorToken,
          body: { notifyAuthority: true, notifySubjects: true },
        })
      ).status,
    ).toBe(403);
    expect(
      (await t.request('POST', `/api/v1/incidents/${id}/status`, { token: tenant.processorToken, body: { status: 'triage' } })).status,
    ).toBe(403);
    expect(
      (
        await t.request('PATCH', `/api/v1/incidents/${id}`, {
          token: tenant.processorToken,
          headers: { 'if-match': '"1"' },
          body: { measuresTaken: 'more' },
        })
      ).status,
    ).toBe(200);
  });

  it('needs an assessment before a decision (409)', async () => {
    const id = await reported();
    const res = await t.request('POST', `/api/v1/incidents/${id}/decision`, {
      token: tenant.dpoToken,
      body: { notifyAuthority: true, notifySubjects: false, subjectsReason: REASON },
    });
    expect(res.status).toBe(409);
    expect(res.body.type).toBe('urn:breachclock:problem:assessment.required');
  });

  it('T10: "not notifiable" with reasons at aware + 10 h stops the authority clock and drops it from the deadlines', async () => {
    const id = await reported();
    await t.request('PUT', `/api/v1/incidents/${id}/assessment`, {
      token: tenant.dpoToken,
      body: { ...lowAssessment, recipientTrustedAndDeleted: true },
    });
    const blank = await t.request('POST', `/api/v1/incidents/${id}/decision`, {
      token: tenant.dpoToken,
      body: { notifyAuthority: false, authorityReason: '   \t   ', notifySubjects: false, subjectsReason: REASON },
    });
    expect(blank.status).toBe(400);
    expect(blank.body.errors).toEqual([{ path: 'authorityReason', message: expect.stringContaining('at least 20 characters') }]);
    expect(await count('decision')).toBe(0);

    t.clock.set('2025-06-06T20:00:00Z');
    const res = await t.request('POST', `/api/v1/incidents/${id}/decision`, {
      token: tenant.dpoToken,
      body: {
        notifyAuthority: false,
        authorityReason: 'Only recipient is a bound partner who confirmed deletion.',
        notifySubjects: false,
        subjectsReason: REASON,
      },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      sequence: 1,
      assessmentVersion: 1,
      notifyAuthority: false,
      followsRecommendation: true,
      decidedBy: tenant.dpoEmail,
      decidedAt: '2025-06-06T20:00:00.000Z',
    });
    const incident = await t.request('GET', `/api/v1/incidents/${id}`, { token: tenant.dpoToken });
    expect(incident.body.status).toBe('not_notifiable');
    expect(incident.body.deadlines.authority).toMatchObject({ state: 'stopped', secondsLeft: null, stoppedAt: '2025-06-06T20:00:00.000Z' });
    const deadlines = await t.request('GET', '/api/v1/deadlines', { token: tenant.dpoToken });
    expect(deadlines.body.items.map((d: { incidentId: string }) => d.incidentId)).not.toContain(id);

    // A later decision supersedes: new facts, notify after all. The clock runs again from the same due instant.
    t.clock.set('2025-06-07T08:00:00Z');
    const later = await t.request('POST', `/api/v1/incidents/${id}/decision`, {
      token: tenant.dpoToken,
      body: {
        notifyAuthority: true,
        authorityReason: 'The partner found a copy was forwarded; we notify.',
        notifySubjects: false,
        subjectsReason: REASON,
      },
    });
    expect(later.status).toBe(201);
    expect(later.body).toMatchObject({ sequence: 2, followsRecommendation: false });
    const reopened = await t.request('GET', `/api/v1/incidents/${id}`, { token: tenant.dpoToken });
    expect(reopened.body.status).toBe('assessed');
    expect(reopened.body.deadlines.authority).toMatchObject({ state: 'running', dueAt: '2025-06-09T10:00:00.000Z', stoppedAt: null });
    const history = await t.request('GET', `/api/v1/incidents/${id}/assessments`, { token: tenant.dpoToken });
    expect(history.body.decisions.map((d: { sequence: number; notifyAuthority: boolean }) => [d.sequence, d.notifyAuthority])).toEqual([
      [1, false],
      [2, true],
    ]);
  });

  it('lets a low-score case be decided "notify the authority" with reasons (§9.2 item 14)', async () => {
    // A dozen people: the number raises nothing.
    const id = await reported({ approximateSubjects: { count: 12, isEstimate: false } });
    const assessed = await t.request('PUT', `/api/v1/incidents/${id}/assessment`, { token: tenant.dpoToken, body: lowAssessment });
    expect(assessed.body).toMatchObject({ band: 'low', recommendation: { notifyAuthority: false } });
    const without = await t.request('POST', `/api/v1/incidents/${id}/decision`, {
      token: tenant.dpoToken,
      body: { notifyAuthority: true, notifySubjects: false, subjectsReason: REASON },
    });
    expect(without.status).toBe(400);
    expect(without.body.errors.map((e: { path: string }) => e.path)).toEqual(['authorityReason']);
    const withReason = await t.request('POST', `/api/v1/incidents/${id}/decision`, {
      token: tenant.dpoToken,
      body: {
        notifyAuthority: true,
        authorityReason: 'Customers of a bank; we notify out of caution.',
        notifySubjects: false,
        subjectsReason: REASON,
      },
    });
    expect(withReason.status).toBe(201);
    expect(withReason.body.followsRecommendation).toBe(false);
    expect((await t.request('GET', `/api/v1/incidents/${id}`, { token: tenant.dpoToken })).body.status).toBe('assessed');
  });

  it('D25: individual notices replaced by a public communication (34(3)(c)) need the communication on record', async () => {
    const id = await reported();
    await t.request('PUT', `/api/v1/incidents/${id}/assessment`, { token: tenant.dpoToken, body: bankingAssessment });
    const base = {
      notifyAuthority: true,
      notifySubjects: false,
      subjectsExemption: '34(3)(c)',
      subjectsReason: 'Contact data of two million customers are outdated.',
    };
    const missing = await t.request('POST', `/api/v1/incidents/${id}/decision`, { token: tenant.dpoToken, body: base });
    expect(missing.status).toBe(400);
    expect(missing.body.errors.map((e: { path: string }) => e.path)).toEqual(['publicCommunication']);
    const ok = await t.request('POST', `/api/v1/incidents/${id}/decision`, {
      token: tenant.dpoToken,
      body: {
        ...base,
        publicCommunication: {
          channel: 'Press release and home-page banner',
          publishedAt: '2025-06-06T09:30:00+01:00',
          text: 'We inform our customers …',
        },
      },
    });
    expect(ok.status).toBe(201);
    expect(ok.body.publicCommunication).toEqual({
      channel: 'Press release and home-page banner',
      publishedAt: '2025-06-06T08:30:00.000Z',
      text: 'We inform our customers …',
    });
  });

  it('enforces the status flow: illegal transitions are 409 naming the allowed ones; closed takes no more changes', async () => {
    const id = await reported();
    expect(
      (await t.request('POST', `/api/v1/incidents/${id}/status`, { token: tenant.dpoToken, body: { status: 'triage' } })).body.status,
    ).toBe('triage');
    await t.request('PUT', `/api/v1/incidents/${id}/assessment`, { token: tenant.dpoToken, body: lowAssessment });
    const early = await t.request('POST', `/api/v1/incidents/${id}/status`, { token: tenant.dpoToken, body: { status: 'closed' } });
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({
      type: 'urn:breachclock:problem:incident.illegal_transition',
      incidentStatus: 'assessed',
      allowed: ['notified', 'not_notifiable', 'not_a_breach'],
    });
    await t.request('POST', `/api/v1/incidents/${id}/decision`, {
      token: tenant.dpoToken,
      body: { notifyAuthority: false, authorityReason: REASON, notifySubjects: false, subjectsReason: REASON },
    });
    const closed = await t.request('POST', `/api/v1/incidents/${id}/status`, {
      token: tenant.dpoToken,
      body: { status: 'closed', reason: 'Handled.' },
    });
    expect(closed.status).toBe(200);
    expect(closed.body.status).toBe('closed');
    const version = closed.body.version;
    expect(
      (
        await t.request('PATCH', `/api/v1/incidents/${id}`, {
          token: tenant.dpoToken,
          headers: { 'if-match': `"${version}"` },
          body: { measuresTaken: 'x' },
        })
      ).status,
    ).toBe(409);
    expect((await t.request('PUT', `/api/v1/incidents/${id}/assessment`, { token: tenant.dpoToken, body: lowAssessment })).status).toBe(
      409,
    );
    expect(
      (
        await t.request('POST', `/api/v1/incidents/${id}/decision`, {
          token: tenant.dpoToken,
          body: { notifyAuthority: true, notifySubjects: true },
        })
      ).status,
    ).toBe(409);
    const reopen = await t.request('POST', `/api/v1/incidents/${id}/status`, { token: tenant.dpoToken, body: { status: 'triage' } });
    expect(reopen.status).toBe(409);
    expect(reopen.body.allowed).toEqual([]);
  });

  it("hides another tenant's incident from assessment, decision and history (404)", async () => {
    const id = await reported();
    const other = await makeTenant(t);
    expect((await t.request('PUT', `/api/v1/incidents/${id}/assessment`, { token: other.dpoToken, body: lowAssessment })).status).toBe(404);
    expect(
      (
        await t.request('POST', `/api/v1/incidents/${id}/decision`, {
          token: other.dpoToken,
          body: { notifyAuthority: true, notifySubjects: true },
        })
      ).status,
    ).toBe(404);
    expect((await t.request('GET', `/api/v1/incidents/${id}/assessments`, { token: other.dpoToken })).status).toBe(404);
    expect((await t.request('POST', `/api/v1/incidents/${id}/status`, { token: other.dpoToken, body: { status: 'triage' } })).status).toBe(
      404,
    );
    expect((await t.request('GET', '/api/v1/register', { token: other.dpoToken })).body.items).toEqual([]);
  });
});

describe('register (Art. 33(5))', () => {
  let t: TestApp;
  let tenant: Tenant;

  beforeAll(async () => {
    t = await startTestApp();
    tenant = await makeTenant(t);
  });
  afterAll(() => t.close());

  it('holds every incident reported to the controller, whatever its decision, as JSON and as CSV', async () => {
    t.clock.set('2025-06-06T10:00:00Z');
    const a = (
      await t.request('POST', '/api/v1/incidents', {
        token: tenant.processorToken,
        body: fullReport(tenant.contractId, '2025-06-06T09:00:00Z', { title: '=HYPERLINK("http://evil.example","click")' }),
      })
    ).body.id;
    const b = (
      await t.request('POST', '/api/v1/incidents', {
        token: tenant.processorToken,
        body: fullReport(tenant.contractId, '2025-06-06T09:00:00Z', {
          title: 'Lost USB stick',
          nature: { description: 'Encrypted stick lost.', types: ['availability'], cause: 'lost_device' },
        }),
      })
    ).body.id;
    await t.request('POST', '/api/v1/incidents', {
      token: tenant.processorToken,
      body: {
        contractId: tenant.contractId,
        draft: true,
        title: 'Draft',
        nature: { description: 'x' },
        discoveredAt: '2025-06-06T09:00:00Z',
      },
    });
    await t.request('PUT', `/api/v1/incidents/${b}/assessment`, {
      token: tenant.dpoToken,
      body: { ...lowAssessment, unintelligible: true },
    });
    await t.request('POST', `/api/v1/incidents/${b}/decision`, {
      token: tenant.dpoToken,
      body: { notifyAuthority: false, authorityReason: REASON, notifySubjects: false, subjectsReason: REASON },
    });
    await t.request('POST', `/api/v1/incidents/${b}/status`, { token: tenant.dpoToken, body: { status: 'closed' } });

    const json = await t.request('GET', '/api/v1/register', { token: tenant.dpoToken });
    expect(json.status).toBe(200);
    expect(json.body.items.map((i: { id: string }) => i.id)).toEqual([a, b]);
    const closed = json.body.items[1];
    expect(closed).toMatchObject({
      status: 'closed',
      assessment: { version: 1, band: 'low' },
      decisions: [{ notifyAuthority: false, authorityReason: REASON }],
      contractReference: expect.stringMatching(/^AVV /),
    });
    expect(closed.deadlines.authority.state).toBe('stopped');

    const csv = await t.request('GET', '/api/v1/register?format=csv', { token: tenant.dpoToken });
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe('attachment; filename="breach-register-2025-06-06.csv"');
    expect(csv.text.startsWith('\uFEFF"reference","title","status"')).toBe(true);
    const lines = csv.text.split('\r\n');
    expect(lines[1]).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    expect(lines[2]).toContain('"Lost USB stick","closed"');
    expect(lines[2]).toContain(`"${REASON}"`);
    expect(lines.filter(Boolean)).toHaveLength(3);

    const viaAccept = await t.request('GET', '/api/v1/register', { token: tenant.dpoToken, headers: { accept: 'text/csv' } });
    expect(viaAccept.text).toBe(csv.text);
    expect((await t.request('GET', '/api/v1/register?format=xml', { token: tenant.dpoToken })).status).toBe(400);
    expect((await t.request('GET', '/api/v1/register', { token: tenant.processorToken })).status).toBe(403);
  });

  it('gives stats by cause and type', async () => {
    const res = await t.request('GET', '/api/v1/register/stats', { token: tenant.dpoToken });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      total: 2,
      byCause: { misdirected_email: 1, lost_device: 1 },
      byType: { confidentiality: 1, availability: 1 },
      authorityNotified: 0,
      medianHoursAwareToAuthority: null,
      shareNotifiedOnTime: null,
    });
  });
});
