import { fullReport, makeTenant, Tenant } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

const XSS = '<script>alert(1)</script><img src=x onerror=alert(2)>';
const DELAY = 'The forensic report of our hosting provider arrived only on day four.';

describe('drafts and notifications', () => {
  let t: TestApp;
  let tenant: Tenant;

  beforeAll(async () => {
    t = await startTestApp();
    tenant = await makeTenant(t); // controller in DE-HE → HBDI
  });
  afterAll(() => t.close());

  // Reported at 2025-06-06T10:00Z → authority due 2025-06-09T10:00Z.
  async function reported(overrides: Record<string, unknown> = {}) {
    t.clock.set('2025-06-06T10:00:00Z');
    const res = await t.request('POST', '/api/v1/incidents', {
      token: tenant.processorToken,
      body: fullReport(tenant.contractId, '2025-06-06T09:00:00Z', overrides),
    });
    expect(res.status).toBe(201);
    return res.body.id as string;
  }
  const record = (id: string, body: Record<string, unknown>, token = tenant.dpoToken) =>
    t.request('POST', `/api/v1/incidents/${id}/notifications`, { token, body });
  const count = async () => (await t.dataSource.query('SELECT count(*)::int AS n FROM notification'))[0].n;

  it('T5: an initial notification exactly at the deadline is met, needs no reasons, and makes the incident notified', async () => {
    const id = await reported();
    t.clock.set('2025-06-09T10:00:00Z');
    const res = await record(id, {
      kind: 'authority_initial',
      sentAt: '2025-06-09T10:00:00Z',
      channel: 'online form',
      reference: 'HBDI-2025-0815',
      language: 'de',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      kind: 'authority_initial',
      authorityId: 'de-he',
      late: false,
      reasonsForDelay: null,
      language: 'de',
      templateId: 'authority-initial.de',
      recordedBy: tenant.dpoEmail,
    });
    expect(res.body.body).toContain('Der Hessische Beauftragte für Datenschutz und Informationsfreiheit (HBDI)');
    expect(res.body.bodySha256).toMatch(/^[0-9a-f]{64}$/);
    const incident = await t.request('GET', `/api/v1/incidents/${id}`, { token: tenant.dpoToken });
    expect(incident.body.status).toBe('notified');
    expect(incident.body.deadlines.authority).toMatchObject({ state: 'met', completedAt: '2025-06-09T10:00:00.000Z' });
  });

  it('T6: one second late without reasons is 422 naming reasonsForDelay, and nothing is stored', async () => {
    const id = await reported();
    t.clock.set('2025-06-09T12:00:00Z');
    const before = await count();
    const res = await record(id, { kind: 'authority_initial', sentAt: '2025-06-09T10:00:01Z' });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({
      type: 'urn:breachclock:problem:notification.reasons_for_delay_required',
      errors: [{ path: 'reasonsForDelay' }],
      dueAt: '2025-06-09T10:00:00.000Z',
    });
    expect(await count()).toBe(before);
    const incident = await t.request('GET', `/api/v1/incidents/${id}`, { token: tenant.dpoToken });
    expect(incident.body).toMatchObject({ status: 'reported', deadlines: { authority: { state: 'overdue' } } });
  });

  it('T7: late with reasons is stored as late, the draft carries the reasons, and the register shows them', async () => {
    const id = await reported();
    t.clock.set('2025-06-09T12:00:00Z');
    const res = await record(id, { kind: 'authority_initial', sentAt: '2025-06-09T10:00:01Z', reasonsForDelay: DELAY, language: 'en' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ late: true, reasonsForDelay: DELAY });
    expect(res.body.body).toContain('## 11. Reasons for the delay (Art. 33(1))');
    expect(res.body.body).toContain(DELAY);
    expect((await t.request('GET', `/api/v1/incidents/${id}`, { token: tenant.dpoToken })).body.deadlines.authority.state).toBe('late');
    const register = await t.request('GET', '/api/v1/register', { token: tenant.dpoToken });
    const entry = register.body.items.find((i: { id: string }) => i.id === id);
    expect(entry.notifications).toEqual([expect.objectContaining({ kind: 'authority_initial', late: true, reasonsForDelay: DELAY })]);
    const csv = await t.request('GET', '/api/v1/register?format=csv', { token: tenant.dpoToken });
    expect(csv.text).toContain(DELAY);
  });

  it('T11: a follow-up after the deadline needs no reasons, quotes the case reference and never reopens the clock', async () => {
    const id = await reported();
    t.clock.set('2025-06-07T16:00:00Z'); // aware + 30 h
    expect((await record(id, { kind: 'authority_initial', sentAt: '2025-06-07T16:00:00Z', reference: 'HBDI-4711' })).status).toBe(201);
    t.clock.set('2025-06-10T14:00:00Z'); // aware + 100 h
    const follow = await record(id, { kind: 'authority_followup', sentAt: '2025-06-10T14:00:00Z', language: 'de' });
    expect(follow.status).toBe(201);
    expect(follow.body).toMatchObject({ kind: 'authority_followup', reference: 'HBDI-4711', late: false, reasonsForDelay: null });
    expect(follow.body.body).toContain('**Ihr Aktenzeichen:** HBDI-4711');
    const incident = await t.request('GET', `/api/v1/incidents/${id}`, { token: tenant.dpoToken });
    expect(incident.body.deadlines.authority).toMatchObject({ state: 'met', completedAt: '2025-06-07T16:00:00.000Z' });
    const again = await record(id, { kind: 'authority_initial', sentAt: '2025-06-10T14:00:00Z' });
    expect(again.status).toBe(409);
  });

  it('refuses a follow-up without an initial notification', async () => {
    const id = await reported();
    const res = await record(id, { kind: 'authority_followup', sentAt: '2025-06-06T10:00:00Z' });
    expect(res.status).toBe(409);
    expect(res.body.type).toBe('urn:breachclock:problem:notification.initial_required');
  });

  it('keeps what was sent: later edits of the incident never change a recorded body, and the database refuses to', async () => {
    const id = await reported({ measuresTaken: 'Sending stopped.' });
    const sent = await record(id, { kind: 'data_subjects', sentAt: '2025-06-06T10:00:00Z', channel: 'e-mail', language: 'en' });
    expect(sent.status).toBe(201);
    expect(sent.body.body).toContain('Sending stopped.');
    const current = await t.request('GET', `/api/v1/incidents/${id}`, { token: tenant.dpoToken });
    await t.request('PATCH', `/api/v1/incidents/${id}`, {
      token: tenant.dpoToken,
      headers: { 'if-match': `"${current.body.version}"` },
      body: { measuresTaken: 'Everything rebuilt.' },
    });
    const list = await t.request('GET', `/api/v1/incidents/${id}/notifications`, { token: tenant.dpoToken });
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0].body).toBe(sent.body.body);
    expect(list.body.items[0].bodySha256).toBe(sent.body.bodySha256);
    await expect(t.dataSource.query(`UPDATE notification SET body = 'forged' WHERE id = $1`, [sent.body.id])).rejects.toThrow(/immutable/);
    await expect(t.dataSource.query(`DELETE FROM notification WHERE id = $1`, [sent.body.id])).rejects.toThrow(/immutable/);
  });

  it('lets processor staff record only their report to the controller, and see only that kind', async () => {
    const id = await reported();
    expect((await record(id, { kind: 'authority_initial', sentAt: '2025-06-06T10:00:00Z' }, tenant.processorToken)).status).toBe(403);
    const own = await record(
      id,
      { kind: 'processor_to_controller', sentAt: '2025-06-06T10:00:00Z', language: 'de' },
      tenant.processorToken,
    );
    expect(own.status).toBe(201);
    expect(own.body.body).toContain('Meldung einer Verletzung des Schutzes personenbezogener Daten an den Verantwortlichen');
    await record(id, { kind: 'data_subjects', sentAt: '2025-06-06T10:00:00Z' });
    const procList = await t.request('GET', `/api/v1/incidents/${id}/notifications`, { token: tenant.processorToken });
    expect(procList.body.items.map((n: { kind: string }) => n.kind)).toEqual(['processor_to_controller']);
    const dpoList = await t.request('GET', `/api/v1/incidents/${id}/notifications`, { token: tenant.dpoToken });
    expect(dpoList.body.items.map((n: { kind: string }) => n.kind)).toEqual(['processor_to_controller', 'data_subjects']);
  });

  it('allows notifying first and assessing after: a decision can follow, but not "not notifiable"', async () => {
    const id = await reported();
    await record(id, { kind: 'authority_initial', sentAt: '2025-06-06T10:00:00Z' });
    const assessed = await t.request('PUT', `/api/v1/incidents/${id}/assessment`, {
      token: tenant.dpoToken,
      body: {
        dataCategories: [{ category: 'simple' }],
        easeOfIdentification: 'maximum',
        confidentiality: 'known_recipients',
        integrity: 'not_affected',
        availability: 'not_affected',
        maliciousIntent: false,
      },
    });
    expect(assessed.status).toBe(200);
    const no = await t.request('POST', `/api/v1/incidents/${id}/decision`, {
      token: tenant.dpoToken,
      body: { notifyAuthority: false, authorityReason: DELAY, notifySubjects: false, subjectsReason: DELAY },
    });
    expect(no.status).toBe(409);
    const yes = await t.request('POST', `/api/v1/incidents/${id}/decision`, {
      token: tenant.dpoToken,
      body: {
        notifyAuthority: true,
        authorityReason: 'Notified out of caution before the assessment.',
        notifySubjects: false,
        subjectsReason: DELAY,
      },
    });
    expect(yes.status).toBe(201);
    expect((await t.request('GET', `/api/v1/incidents/${id}`, { token: tenant.dpoToken })).body.status).toBe('notified');
  });

  describe('draft formats', () => {
    let id: string;
    beforeAll(async () => {
      id = await reported({
        title: XSS,
        nature: { description: XSS, types: ['confidentiality'], cause: 'phishing' },
        dataCategories: [XSS],
        subjectCategories: [XSS],
        contact: { name: XSS, email: 'x@processor.example' },
        likelyConsequences: XSS,
        measuresTaken: XSS,
        measuresProposed: XSS,
      });
    });

    it('gives Markdown by default, in the language asked for, with unknown items "to follow"', async () => {
      const partial = await reported({ approximateSubjects: null, likelyConsequences: null });
      const de = await t.request('GET', `/api/v1/incidents/${partial}/drafts/authority?lang=de`, { token: tenant.dpoToken });
      expect(de.status).toBe(200);
      expect(de.headers['content-type']).toBe('text/markdown; charset=utf-8');
      expect(de.headers['content-language']).toBe('de');
      expect(de.text).toMatch(/^# Meldung einer Verletzung des Schutzes personenbezogener Daten/);
      expect(de.text).toContain('Ungefähre Zahl der betroffenen Personen: folgt');
      expect(de.text).toContain('- wahrscheinliche Folgen');
      expect(de.text).toContain('9. Juni 2025 um 12:00 (UTC+02:00)');
      const en = await t.request('GET', `/api/v1/incidents/${partial}/drafts/data-subjects?lang=en`, { token: tenant.dpoToken });
      expect(en.text).toMatch(/^# Important information about your personal data/);
    });

    it('escapes every free-text field in HTML, ships no script and forbids any by CSP', async () => {
      for (const path of ['authority', 'data-subjects', 'public-communication', 'processor-report']) {
        const res = await t.request('GET', `/api/v1/incidents/${id}/drafts/${path}?lang=en`, {
          token: tenant.dpoToken,
          headers: { accept: 'text/html' },
        });
        expect(res.status).toBe(200);
        expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
        expect(res.headers['content-security-policy']).toContain("default-src 'none'");
        expect(res.text).not.toMatch(/<script|<img/i); // the payload is there only as escaped text
        expect(res.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      }
    });

    it('renders a PDF in which the text stays literal text', async () => {
      const res = await t.request('GET', `/api/v1/incidents/${id}/drafts/authority?lang=en`, {
        token: tenant.dpoToken,
        headers: { accept: 'application/pdf' },
      });
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      const raw = await t.app.inject({
        method: 'GET',
        url: `/api/v1/incidents/${id}/drafts/authority?lang=en`,
        headers: { authorization: `Bearer ${tenant.dpoToken}`, accept: 'application/pdf' },
      });
      const pdf = raw.rawPayload;
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      // pdfkit writes text as hex strings of glyphs inside TJ arrays: the payload is there as characters, nothing more.
      const source = pdf.toString('latin1');
      const text = [...source.matchAll(/\[([^\]]*)\] TJ/g)]
        .map((m) => [...m[1].matchAll(/<([0-9a-f]*)>/g)].map((h) => Buffer.from(h[1], 'hex').toString('latin1')).join(''))
        .join('\n');
      expect(text).toContain('<script>alert(1)</script>');
      expect(text).toContain('Notification of a personal data breach');
      expect(source).not.toMatch(/\/JavaScript|\/JS\s|\/OpenAction|\/AA\s/);
    });

    it('names the competent authority, or the one asked for, and refuses unknown ones', async () => {
      const bw = await t.request('GET', `/api/v1/incidents/${id}/drafts/authority?lang=de&authorityId=de-bw`, { token: tenant.dpoToken });
      expect(bw.text).toContain('(LfDI BW)');
      const bad = await t.request('GET', `/api/v1/incidents/${id}/drafts/authority?authorityId=nowhere`, { token: tenant.dpoToken });
      expect(bad.status).toBe(400);
      expect(bad.body.errors[0].path).toBe('authorityId');
    });

    it('keeps drafts from processor staff (except their report) and from other tenants', async () => {
      expect((await t.request('GET', `/api/v1/incidents/${id}/drafts/authority`, { token: tenant.processorToken })).status).toBe(403);
      expect((await t.request('GET', `/api/v1/incidents/${id}/drafts/processor-report`, { token: tenant.processorToken })).status).toBe(
        200,
      );
      const other = await makeTenant(t);
      expect((await t.request('GET', `/api/v1/incidents/${id}/drafts/authority`, { token: other.dpoToken })).status).toBe(404);
      expect((await t.request('GET', `/api/v1/incidents/${id}/notifications`, { token: other.dpoToken })).status).toBe(404);
      expect((await record(id, { kind: 'authority_initial', sentAt: '2025-06-06T10:00:00Z' }, other.dpoToken)).status).toBe(404);
    });
  });
});
