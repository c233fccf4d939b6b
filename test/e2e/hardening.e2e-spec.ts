import { AuditService } from '../../src/audit/audit.service';
import { CLI_ACTOR } from '../../src/identity/domain/actor';
import { IdentityService } from '../../src/identity/identity.service';
import { Database } from '../../src/platform/database/database';
import { fullReport, makeTenant, Tenant } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

// What an adversarial probe broke (issue 12), one finding per block: each of these failed before.
const PASSWORD = 'correct horse battery staple';
const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const ASSESSMENT = {
  dataCategories: [{ category: 'financial' }],
  easeOfIdentification: 'maximum',
  confidentiality: 'unknown_recipients',
  integrity: 'not_affected',
  availability: 'not_affected',
  maliciousIntent: true,
};

describe('hardening', () => {
  let t: TestApp;
  let tenant: Tenant;
  let processorAdminToken: string;
  let dpoEmail: string;
  let staffEmail: string;

  const counts = async () => {
    const [row] = await t.dataSource.query(
      `SELECT (SELECT count(*) FROM incident)::int AS incidents, (SELECT count(*) FROM audit_event)::int AS audit, (SELECT count(*) FROM decision)::int AS decisions,
              (SELECT count(*) FROM assessment)::int AS assessments, (SELECT count(*) FROM notification)::int AS notifications, (SELECT count(*) FROM web_session)::int AS sessions`,
    );
    return row;
  };
  const file = async (overrides: Record<string, unknown> = {}) => {
    const res = await t.request('POST', '/api/v1/incidents', {
      token: tenant.processorToken,
      body: fullReport(tenant.contractId, '2025-06-06T09:00:00Z', overrides),
    });
    expect(res.status).toBe(201);
    return res.body as { id: string; version: number };
  };
  const session = async (email: string) => {
    const res = await t.request('POST', '/login', { rawBody: form({ email, password: PASSWORD }), headers: FORM });
    expect(res.status).toBe(303);
    return String(res.headers['set-cookie']).split(';')[0];
  };
  const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)![1];
  const expectChainHolds = async () => expect((await t.get(AuditService).verifyChain()).break).toBeNull();

  beforeAll(async () => {
    t = await startTestApp();
    tenant = await makeTenant(t);
    const identity = t.get(IdentityService);
    dpoEmail = `web-dpo-${tenant.controllerSlug}@controller.example`;
    staffEmail = `web-staff-${tenant.processorSlug}@processor.example`;
    await identity.createUser(
      { organizationSlug: tenant.controllerSlug, email: dpoEmail, role: 'controller_dpo', password: PASSWORD, locale: 'en' },
      CLI_ACTOR,
    );
    await identity.createUser(
      { organizationSlug: tenant.processorSlug, email: staffEmail, role: 'processor_staff', password: PASSWORD, locale: 'en' },
      CLI_ACTOR,
    );
    await identity.createUser(
      { organizationSlug: tenant.processorSlug, email: `admin-${tenant.processorSlug}@processor.example`, role: 'org_admin' },
      CLI_ACTOR,
    );
    processorAdminToken = (await identity.createToken(`admin-${tenant.processorSlug}@processor.example`, CLI_ACTOR)).token;
    t.clock.set('2025-06-06T12:00:00Z');
  });
  afterAll(() => t.close());

  describe('1. text that PostgreSQL cannot store as sent never reaches the audit chain', () => {
    it('refuses a lone surrogate or NUL in a reason with a 400 naming the field, changes nothing, and the chain still verifies', async () => {
      const { id } = await file();
      const before = await counts();
      for (const reason of ['told by phone \ud800 x', 'told by phone \udfff', 'told by \u0000 phone']) {
        const res = await t.request('PATCH', `/api/v1/incidents/${id}`, {
          token: tenant.dpoToken,
          headers: { 'if-match': '"1"' },
          body: { controllerAwareAt: '2025-06-06T11:00:00Z', reason },
        });
        expect(res.status).toBe(400);
        expect(res.body.errors).toEqual([
          { path: 'reason', message: 'contains a character that cannot be stored (NUL or an unpaired UTF-16 surrogate)' },
        ]);
      }
      const late = await t.request('POST', `/api/v1/incidents/${id}/notifications`, {
        token: tenant.dpoToken,
        body: { kind: 'authority_initial', sentAt: '2025-06-06T11:30:00Z', reasonsForDelay: `a long enough reason \ud83d for the delay` },
      });
      expect(late.status).toBe(400);
      expect(late.body.errors).toEqual([expect.objectContaining({ path: 'reasonsForDelay' })]);
      expect(await counts()).toEqual(before);
      await expectChainHolds();
    });

    it('keeps astral-plane text, paired surrogates and right-to-left overrides exactly as sent', async () => {
      const reason = 'told by phone 📞 \u202Eevil\u202C 𝔘𝔫𝔦 — مرحبا';
      const { id } = await file();
      const res = await t.request('PATCH', `/api/v1/incidents/${id}`, {
        token: tenant.dpoToken,
        headers: { 'if-match': '"1"' },
        body: { controllerAwareAt: '2025-06-06T11:00:00Z', reason },
      });
      expect(res.status).toBe(200);
      const trail = await t.request('GET', `/api/v1/incidents/${id}/audit`, { token: tenant.dpoToken });
      const own = trail.body.items.filter((e: { action: string }) => !e.action.startsWith('obligation.'));
      expect(own.at(-1).reason).toBe(reason);
      await expectChainHolds();
    });

    it('stores what it hashes even when a service is handed a lone surrogate directly (the sink normalises, then checks what it stored)', async () => {
      const audit = t.get(AuditService);
      const event = await t.get(Database).transaction((tx) =>
        audit.record(tx, CLI_ACTOR, {
          action: 'test.recorded',
          entityType: 'test',
          entityId: '00000000-0000-7000-8000-000000000001',
          changes: { note: { from: 'a\ud800', to: { nested: '\udc00b' } } },
          reason: 'x\ud800',
        }),
      );
      expect(event.reason).toBe('x\uFFFD');
      expect(event.changes).toEqual({ note: { from: 'a\uFFFD', to: { nested: '\uFFFDb' } } });
      await expectChainHolds();
    });
  });

  describe('2. the processor side sees only its part of the audit trail', () => {
    let id: string;
    const trailOf = async (token: string) => {
      const res = await t.request('GET', `/api/v1/incidents/${id}/audit`, { token });
      expect(res.status).toBe(200);
      return res.body.items as { action: string; changes: Record<string, { to: unknown }>; reason: string | null }[];
    };
    const shape = (items: Awaited<ReturnType<typeof trailOf>>) =>
      items.map((e) => [e.action, e.changes.status?.to ?? e.changes.kind?.to ?? e.changes.key?.to ?? null, e.reason]);

    beforeAll(async () => {
      t.clock.set('2025-06-06T12:00:00Z');
      id = (await file()).id;
      expect(
        (
          await t.request('PATCH', `/api/v1/incidents/${id}`, {
            token: tenant.processorToken,
            headers: { 'if-match': '"1"' },
            body: { measuresTaken: 'Server isolated.' },
          })
        ).status,
      ).toBe(200);
      expect(
        (
          await t.request('POST', `/api/v1/incidents/${id}/status`, {
            token: tenant.dpoToken,
            body: { status: 'triage', reason: 'DPO note: looks like a high risk' },
          })
        ).status,
      ).toBe(200);
      expect((await t.request('PUT', `/api/v1/incidents/${id}/assessment`, { token: tenant.dpoToken, body: ASSESSMENT })).status).toBe(200);
      expect(
        (
          await t.request('POST', `/api/v1/incidents/${id}/decision`, {
            token: tenant.dpoToken,
            body: { notifyAuthority: true, notifySubjects: true },
          })
        ).status,
      ).toBe(201);
      expect(
        (
          await t.request('POST', `/api/v1/incidents/${id}/notifications`, {
            token: tenant.dpoToken,
            body: { kind: 'authority_initial', sentAt: '2025-06-06T12:00:00Z' },
          })
        ).status,
      ).toBe(201);
      expect(
        (
          await t.request('POST', `/api/v1/incidents/${id}/notifications`, {
            token: tenant.processorToken,
            body: { kind: 'processor_to_controller', sentAt: '2025-06-06T12:00:00Z', channel: 'e-mail' },
          })
        ).status,
      ).toBe(201);
    });

    // role × event type: the controller's DPO and org admin see every event; the processor's staff and
    // org admin see the report's facts, the status without the DPO's words, and their own report.
    it.each([
      ['controller_dpo', () => tenant.dpoToken, 'controller'],
      ['org_admin of the controller', () => tenant.adminToken, 'controller'],
      ['processor_staff', () => tenant.processorToken, 'processor'],
      ['org_admin of the processor', () => processorAdminToken, 'processor'],
    ] as const)('%s', async (_role, token, side) => {
      const items = await trailOf(token());
      if (side === 'controller') {
        expect(shape(items)).toEqual([
          ['incident.reported', null, null],
          ['obligation.created', 'contract/report_to_controller/controller', null],
          ['obligation.created', 'gdpr/notify_authority/de-he', null],
          ['obligation.fulfilled', 'contract/report_to_controller/controller', null],
          ['incident.updated', null, null],
          ['incident.status_changed', 'triage', 'DPO note: looks like a high risk'],
          ['assessment.recorded', null, null],
          ['incident.status_changed', 'assessed', null],
          ['decision.recorded', null, null],
          ['obligation.created', 'gdpr/communicate_to_data_subjects/data_subjects', null],
          ['notification.recorded', 'authority_initial', null],
          ['incident.status_changed', 'notified', 'initial notification to the supervisory authority recorded'],
          ['obligation.fulfilled', 'gdpr/notify_authority/de-he', null],
          ['notification.recorded', 'processor_to_controller', null],
        ]);
      } else {
        expect(shape(items)).toEqual([
          ['incident.reported', null, null],
          ['obligation.created', 'contract/report_to_controller/controller', null],
          ['obligation.fulfilled', 'contract/report_to_controller/controller', null],
          ['incident.updated', null, null],
          ['incident.status_changed', 'triage', null],
          ['incident.status_changed', 'assessed', null],
          ['incident.status_changed', 'notified', null],
          ['notification.recorded', 'processor_to_controller', null],
        ]);
        const text = JSON.stringify(items);
        for (const secret of ['score', 'band', 'recommendation', 'notifyAuthority', 'authority_initial', 'DPO note', 'gdpr/', 'de-he'])
          expect(text).not.toContain(secret);
      }
    });

    it('the incident page timeline follows the same rule', async () => {
      const words = async (email: string) => {
        const page = await t.request('GET', `/incidents/${id}`, { headers: { cookie: await session(email) } });
        expect(page.status).toBe(200);
        const timeline = page.text.slice(page.text.indexOf('<ol class="timeline">'));
        return ['risk assessed', 'decision recorded', 'notification recorded', 'status changed', 'facts added'].map(
          (w) => timeline.split(w).length - 1,
        );
      };
      expect(await words(dpoEmail)).toEqual([1, 1, 2, 3, 1]);
      expect(await words(staffEmail)).toEqual([0, 0, 1, 3, 1]);
    });
  });

  describe('3. hostile input is a 4xx, never a 5xx', () => {
    it('counts up to 2^53 - 1 are stored as sent (billions of people affected are on record); larger ones are a 400', async () => {
      const { id } = await file();
      const big = await t.request('PATCH', `/api/v1/incidents/${id}`, {
        token: tenant.processorToken,
        headers: { 'if-match': '"1"' },
        body: { approximateSubjects: { count: 2 ** 31, isEstimate: true }, approximateRecords: { count: 2 ** 53 - 1, isEstimate: true } },
      });
      expect(big.status).toBe(200);
      expect(big.body.approximateSubjects).toEqual({ count: 2 ** 31, isEstimate: true });
      expect(big.body.approximateRecords).toEqual({ count: 2 ** 53 - 1, isEstimate: true });
      const tooBig = await t.request('PATCH', `/api/v1/incidents/${id}`, {
        token: tenant.processorToken,
        headers: { 'if-match': '"2"' },
        body: { approximateSubjects: { count: 2 ** 53, isEstimate: true } },
      });
      expect(tooBig.status).toBe(400);
      expect(tooBig.body.errors).toEqual([expect.objectContaining({ path: 'approximateSubjects.count' })]);
    });

    it('refuses NUL in any text field, of the API and of the web forms, naming the field', async () => {
      // Signed in first: a sign-in writes a session and its audit event.
      const cookie = await session(staffEmail);
      const before = await counts();
      const api = await t.request('POST', '/api/v1/incidents', {
        token: tenant.processorToken,
        body: fullReport(tenant.contractId, '2025-06-06T09:00:00Z', {
          title: 'a\u0000b',
          contact: { name: 'N\u0000', email: 'a@b.example' },
        }),
      });
      expect(api.status).toBe(400);
      expect(api.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['contact.name', 'title']);
      const csrf = csrfOf((await t.request('GET', '/incidents/new', { headers: { cookie } })).text);
      const web = await t.request('POST', '/incidents', {
        rawBody: form({
          _csrf: csrf,
          contractId: tenant.contractId,
          title: 'x\u0000',
          'nature.description': 'y',
          discoveredAt: '2025-06-06T10:00',
        }),
        headers: { ...FORM, cookie },
      });
      expect(web.status).toBe(400);
      expect(web.body.errors).toEqual([expect.objectContaining({ path: 'title' })]);
      expect(await counts()).toEqual(before);
    });

    it('refuses a lone surrogate in text bound for a jsonb column (assessment reasons, public communication)', async () => {
      const { id } = await file();
      const before = await counts();
      const assessed = await t.request('PUT', `/api/v1/incidents/${id}/assessment`, {
        token: tenant.dpoToken,
        body: { ...ASSESSMENT, dataCategories: [{ category: 'simple', score: 2, reason: 'x\ud800y' }] },
      });
      expect(assessed.status).toBe(400);
      expect(assessed.body.errors).toEqual([expect.objectContaining({ path: 'dataCategories.0.reason' })]);
      expect((await t.request('PUT', `/api/v1/incidents/${id}/assessment`, { token: tenant.dpoToken, body: ASSESSMENT })).status).toBe(200);
      const decided = await t.request('POST', `/api/v1/incidents/${id}/decision`, {
        token: tenant.dpoToken,
        body: {
          notifyAuthority: true,
          notifySubjects: false,
          subjectsExemption: '34(3)(c)',
          subjectsReason: 'Too many people to reach one by one.',
          publicCommunication: { channel: 'website', publishedAt: '2025-06-06T11:00:00Z', text: 'notice \udbff' },
        },
      });
      expect(decided.status).toBe(400);
      expect(decided.body.errors).toEqual([expect.objectContaining({ path: 'publicCommunication.text' })]);
      expect((await counts()).decisions).toBe(before.decisions);
    });

    it('refuses a list where one object belongs (contact: [], publicCommunication: [], nature: [])', async () => {
      const { id } = await file();
      for (const body of [{ contact: [] }, { nature: [] }, { approximateSubjects: [] }]) {
        const res = await t.request('PATCH', `/api/v1/incidents/${id}`, {
          token: tenant.processorToken,
          headers: { 'if-match': '"1"' },
          body,
        });
        expect(res.status).toBe(400);
        expect(res.body.errors).toEqual([{ path: Object.keys(body)[0], message: 'must be an object' }]);
      }
      expect((await t.request('PUT', `/api/v1/incidents/${id}/assessment`, { token: tenant.dpoToken, body: ASSESSMENT })).status).toBe(200);
      const res = await t.request('POST', `/api/v1/incidents/${id}/decision`, {
        token: tenant.dpoToken,
        body: {
          notifyAuthority: true,
          notifySubjects: false,
          subjectsExemption: '34(3)(c)',
          subjectsReason: 'Too many people to reach one by one.',
          publicCommunication: [],
        },
      });
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([{ path: 'publicCommunication', message: 'must be an object' }]);
    });

    it('refuses JSON nested 5,000 deep', async () => {
      const before = await counts();
      const deep =
        JSON.stringify(fullReport(tenant.contractId, '2025-06-06T09:00:00Z')).slice(0, -1) +
        ',"x":' +
        '{"a":'.repeat(5000) +
        '1' +
        '}'.repeat(5000) +
        '}';
      const res = await t.request('POST', '/api/v1/incidents', {
        token: tenant.processorToken,
        rawBody: deep,
        headers: { 'content-type': 'application/json' },
      });
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([{ path: '', message: 'nests deeper than 32 levels' }]);
      const list = await t.request('PUT', `/api/v1/incidents/${(await file()).id}/assessment`, {
        token: tenant.dpoToken,
        rawBody: '['.repeat(5000) + ']'.repeat(5000),
        headers: { 'content-type': 'application/json' },
      });
      expect(list.status).toBe(400);
      expect((await counts()).incidents).toBe(before.incidents + 1);
    });

    it('answers an upper-case UUID of a visible incident as the lower-case one, on every route', async () => {
      const { id } = await file();
      expect((await t.request('PUT', `/api/v1/incidents/${id}/assessment`, { token: tenant.dpoToken, body: ASSESSMENT })).status).toBe(200);
      expect(
        (
          await t.request('POST', `/api/v1/incidents/${id}/decision`, {
            token: tenant.dpoToken,
            body: { notifyAuthority: true, notifySubjects: true },
          })
        ).status,
      ).toBe(201);
      expect(
        (
          await t.request('POST', `/api/v1/incidents/${id}/notifications`, {
            token: tenant.dpoToken,
            body: { kind: 'authority_initial', sentAt: '2025-06-06T12:00:00Z' },
          })
        ).status,
      ).toBe(201);
      const ID = id.toUpperCase();
      for (const path of [
        '',
        '/audit',
        '/notifications',
        '/assessments',
        '/authorities',
        '/drafts/authority',
        '/drafts/authority?phase=followup',
        '/drafts/data-subjects',
        '/drafts/public-communication',
        '/drafts/processor-report',
      ]) {
        const res = await t.request('GET', `/api/v1/incidents/${ID}${path}`, { token: tenant.dpoToken });
        expect([path, res.status]).toEqual([path, 200]);
      }
      const { version } = (await t.request('GET', `/api/v1/incidents/${id}`, { token: tenant.processorToken })).body;
      const patched = await t.request('PATCH', `/api/v1/incidents/${ID}`, {
        token: tenant.processorToken,
        headers: { 'if-match': `"${version}"` },
        body: { measuresTaken: 'Rotated keys.' },
      });
      expect(patched.status).toBe(200);
      expect(patched.body.id).toBe(id);
      const cookie = await session(dpoEmail);
      expect((await t.request('GET', `/incidents/${id}/drafts/authority-followup`.replace(id, ID), { headers: { cookie } })).status).toBe(
        200,
      );
    });

    it('treats a session cookie with a malformed %-escape as no session, on every page including /login', async () => {
      for (const cookie of ['bc_session=%E0%A4%A', 'bc_session=%', 'other=%zz; bc_session=%']) {
        expect((await t.request('GET', '/login', { headers: { cookie } })).status).toBe(200);
        const board = await t.request('GET', '/', { headers: { cookie } });
        expect([board.status, board.headers.location]).toEqual([303, '/login']);
        expect(
          (await t.request('POST', '/login', { rawBody: form({ email: dpoEmail, password: PASSWORD }), headers: { ...FORM, cookie } }))
            .status,
        ).toBe(303);
      }
    });
  });

  describe('4. sign-in limits hold against parallel requests', () => {
    it('100 parallel sign-ins for one account check at most five passwords, the right one included', async () => {
      t.clock.advance(60 * 60_000);
      const email = `parallel-${tenant.controllerSlug}@controller.example`;
      await t
        .get(IdentityService)
        .createUser({ organizationSlug: tenant.controllerSlug, email, role: 'controller_dpo', password: PASSWORD }, CLI_ACTOR);
      const attempts = Array.from({ length: 100 }, (_, n) => (n === 59 ? PASSWORD : `wrong guess number ${n}`));
      const results = await Promise.all(
        attempts.map((password) => t.request('POST', '/login', { rawBody: form({ email, password }), headers: FORM })),
      );
      const statuses = results.map((r) => r.status);
      const checked = statuses.filter((s) => s !== 429).length;
      expect(checked).toBe(5);
      expect(statuses.filter((s) => s === 429)).toHaveLength(95);
      expect(statuses.every((s) => [303, 401, 429].includes(s))).toBe(true);
      // Whether number 60 was among the five depends on the order they arrived; if it was not, it waited.
      if (statuses[59] === 429) expect(statuses.filter((s) => s === 303)).toHaveLength(0);
      const [{ n }] = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM web_session s JOIN app_user u ON u.id = s.user_id WHERE u.email = $1`,
        [email],
      );
      expect(n).toBe(statuses.filter((s) => s === 303).length);
      t.clock.advance(16 * 60_000); // past the window, for the sign-ins of the tests below
    });
  });

  describe('5. the follow-up draft page works where the API does', () => {
    it('offers the follow-up once an initial notification is recorded, as HTML, Markdown and PDF, and says why before', async () => {
      const { id } = await file();
      const cookie = await session(dpoEmail);
      const before = await t.request('GET', `/incidents/${id}/drafts/authority-followup`, { headers: { cookie } });
      expect(before.status).toBe(409);
      expect(before.text).toContain('A follow-up needs a recorded initial notification to this authority.');
      const api = await t.request('GET', `/api/v1/incidents/${id}/drafts/authority?phase=followup`, { token: tenant.dpoToken });
      expect(api.status).toBe(409);
      expect(api.body.errors).toEqual([expect.objectContaining({ path: 'phase' })]);
      expect((await t.request('PUT', `/api/v1/incidents/${id}/assessment`, { token: tenant.dpoToken, body: ASSESSMENT })).status).toBe(200);
      expect(
        (
          await t.request('POST', `/api/v1/incidents/${id}/decision`, {
            token: tenant.dpoToken,
            body: { notifyAuthority: true, notifySubjects: true },
          })
        ).status,
      ).toBe(201);
      expect(
        (
          await t.request('POST', `/api/v1/incidents/${id}/notifications`, {
            token: tenant.dpoToken,
            body: { kind: 'authority_initial', sentAt: '2025-06-06T12:00:00Z', reference: 'AZ 4711' },
          })
        ).status,
      ).toBe(201);
      const html = await t.request('GET', `/incidents/${id}/drafts/authority-followup?lang=en`, { headers: { cookie } });
      expect(html.status).toBe(200);
      expect(html.text).toContain('AZ 4711');
      const md = await t.request('GET', `/incidents/${id}/drafts/authority-followup?lang=en&format=md`, { headers: { cookie } });
      const fromApi = await t.request('GET', `/api/v1/incidents/${id}/drafts/authority?phase=followup&lang=en`, { token: tenant.dpoToken });
      expect(md.status).toBe(200);
      expect(md.text).toBe(fromApi.text);
      const pdf = await t.app.inject({ method: 'GET', url: `/incidents/${id}/drafts/authority-followup?format=pdf`, headers: { cookie } });
      expect(pdf.statusCode).toBe(200);
      expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    });
  });

  describe('6. drafts are text, and forms come only from this site', () => {
    it('draws a Markdown image in user text as its alt text, never as <img>', async () => {
      const { id } = await file({ likelyConsequences: 'See ![the leaked *list*](https://tracker.example/pixel.png) and more.' });
      const res = await t.request('GET', `/api/v1/incidents/${id}/drafts/authority?lang=en`, {
        token: tenant.dpoToken,
        headers: { accept: 'text/html' },
      });
      expect(res.status).toBe(200);
      expect(res.text).not.toMatch(/<img/i);
      expect(res.text).toContain('See the leaked list and more.');
      expect(res.text).not.toContain('tracker.example');
    });

    it('refuses a sign-in and any other form posted from another origin (Origin or Sec-Fetch-Site), and accepts its own', async () => {
      const before = (await counts()).sessions;
      const login = (headers: Record<string, string>) =>
        t.request('POST', '/login', { rawBody: form({ email: dpoEmail, password: PASSWORD }), headers: { ...FORM, ...headers } });
      for (const headers of [
        { origin: 'https://evil.example' },
        { origin: 'null' },
        { 'sec-fetch-site': 'cross-site' },
        { 'sec-fetch-site': 'same-site', origin: 'https://breachclock.test' },
        { 'sec-fetch-site': 'cross-site', origin: 'https://breachclock.test' },
      ] as Record<string, string>[]) {
        const res = await login(headers);
        expect([headers, res.status, res.headers['set-cookie']]).toEqual([headers, 403, undefined]);
      }
      expect((await counts()).sessions).toBe(before);
      expect((await login({ origin: 'https://breachclock.test', 'sec-fetch-site': 'same-origin' })).status).toBe(303);
      expect((await login({ origin: 'http://localhost:80' })).status).toBe(303);
      const cookie = await session(dpoEmail);
      const csrf = csrfOf((await t.request('GET', '/settings', { headers: { cookie } })).text);
      const forged = await t.request('POST', '/settings', {
        rawBody: form({ _csrf: csrf, locale: 'de', timeZone: 'Europe/Berlin' }),
        headers: { ...FORM, cookie, origin: 'https://evil.example' },
      });
      expect(forged.status).toBe(403);
      const ack = await t.request('POST', '/ack/some-token', { headers: { 'sec-fetch-site': 'cross-site' } });
      expect(ack.status).toBe(403);
    });
  });

  describe('7. headers', () => {
    const expectSecurityHeaders = (res: { headers: Record<string, unknown> }, what: string) => {
      expect([what, res.headers['x-content-type-options']]).toEqual([what, 'nosniff']);
      expect([what, res.headers['referrer-policy']]).toEqual([what, 'same-origin']);
      expect([what, res.headers['x-frame-options']]).toEqual([what, 'DENY']);
      expect([what, String(res.headers['content-security-policy'])]).toEqual([what, expect.stringContaining("frame-ancestors 'none'")]);
      expect([what, res.headers['strict-transport-security']]).toEqual([what, 'max-age=31536000; includeSubDomains']);
    };

    it('sends nosniff, a same-origin referrer policy, no framing and HSTS (PUBLIC_URL is https here) on pages, drafts, the ack page, the API and errors; no-store on personal data', async () => {
      const { id } = await file();
      const cookie = await session(dpoEmail);
      const responses = {
        login: await t.request('GET', '/login'),
        board: await t.request('GET', '/', { headers: { cookie } }),
        draftPage: await t.request('GET', `/incidents/${id}/drafts/authority`, { headers: { cookie } }),
        draftApi: await t.request('GET', `/api/v1/incidents/${id}/drafts/authority`, {
          token: tenant.dpoToken,
          headers: { accept: 'text/html' },
        }),
        ack: await t.request('GET', '/ack/not-a-token'),
        api: await t.request('GET', `/api/v1/incidents/${id}`, { token: tenant.dpoToken }),
        apiError: await t.request('GET', '/api/v1/incidents/not-a-uuid', { token: tenant.dpoToken }),
        unauthenticated: await t.request('GET', '/api/v1/incidents'),
        registerCsv: await t.request('GET', '/register.csv', { headers: { cookie } }),
        registerApi: await t.request('GET', '/api/v1/register?format=csv', { token: tenant.dpoToken }),
        markdown: await t.request('GET', `/api/v1/incidents/${id}/drafts/authority`, { token: tenant.dpoToken }),
        health: await t.request('GET', '/health'),
      };
      for (const [what, res] of Object.entries(responses)) {
        expectSecurityHeaders(res, what);
        expect([what, res.headers['cache-control']]).toEqual([what, 'no-store']);
      }
      const board = responses.board.text;
      const feed = new URL(
        /href="([^"]*deadlines\.ics[^"]*)"/
          .exec(board)![1]
          .replace(/&amp;/g, '&')
          .replace(/&#x3D;/g, '='),
      );
      const calendar = await t.request('GET', feed.pathname + feed.search);
      expect(calendar.status).toBe(200);
      expect(calendar.headers['cache-control']).toBe('no-store');
      expect((await t.request('GET', '/assets/app.css')).headers['cache-control']).toBe('public, max-age=3600');
    });

    it('says only ok, degraded or unavailable to a caller without a token', async () => {
      const health = await t.request('GET', '/health');
      expect(health.body).toEqual({ status: 'ok' });
    });
  });
});

describe('headers without https', () => {
  it('sends no HSTS when PUBLIC_URL is http', async () => {
    const t = await startTestApp({ env: { PUBLIC_URL: 'http://localhost:3000' } });
    try {
      const res = await t.request('GET', '/login');
      expect(res.headers['strict-transport-security']).toBeUndefined();
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    } finally {
      await t.close();
    }
  });
});
