import { randomBytes } from 'node:crypto';
import { CLI_ACTOR } from '../../src/identity/domain/actor';
import { IdentityService } from '../../src/identity/identity.service';
import { fullReport, makeTenant } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

const PASSWORD = 'correct horse battery staple';
const REASONS = 'The Italian residents were found only on day four.';
const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

interface Item {
  id: string;
  incidentId: string;
  kind: string;
  regime: string;
  duty: string;
  recipient: { name: string; authorityId?: string };
  dueAt: string | null;
  openSince: string | null;
  state: string;
}

describe('open obligations on every surface: GET /deadlines, board, incident page, calendar, register', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  // A controller of its own country, with a DPO (token and password) and an org admin.
  async function controller(profile: Record<string, unknown>, locale: 'de' | 'en' = 'en') {
    const identity = t.get(IdentityService);
    const s = randomBytes(4).toString('hex');
    const org = await identity.createOrganization({ slug: `c-${s}`, name: `Controller ${s}`, kind: 'controller', ...profile }, CLI_ACTOR);
    const email = `dpo-${s}@c.example`;
    await identity.createUser(
      { organizationSlug: org.slug, email, role: 'controller_dpo', password: PASSWORD, locale, timeZone: 'Europe/Berlin' },
      CLI_ACTOR,
    );
    await identity.createUser({ organizationSlug: org.slug, email: `admin-${s}@c.example`, role: 'org_admin' }, CLI_ACTOR);
    return {
      email,
      token: (await identity.createToken(email, CLI_ACTOR)).token,
      adminToken: (await identity.createToken(`admin-${s}@c.example`, CLI_ACTOR)).token,
    };
  }
  const own = async (token: string, discoveredAt: string, extra: Record<string, unknown> = {}): Promise<string> => {
    const res = await t.request('POST', '/api/v1/incidents', {
      token,
      body: { title: 'Backup exposed', nature: { description: 'A backup was reachable.' }, discoveredAt, ...extra },
    });
    expect(res.status).toBe(201);
    return res.body.id;
  };
  const deadlines = async (token: string, query = ''): Promise<Item[]> => {
    const res = await t.request('GET', `/api/v1/deadlines${query}`, { token });
    expect(res.status).toBe(200);
    return res.body.items;
  };
  const session = async (email: string) => {
    const res = await t.request('POST', '/login', { rawBody: form({ email, password: PASSWORD }), headers: FORM });
    return String(res.headers['set-cookie']).split(';')[0];
  };

  it('lists each authority duty of a US controller with people in France and Italy; filing with the CNIL leaves the Garante listed', async () => {
    const us = await controller({ country: 'US' }, 'de');
    t.clock.set('2025-06-06T12:00:00Z');
    const id = await own(us.token, '2025-06-06T10:00:00Z', { affectedCountries: ['FR', 'IT'] });
    const items = await deadlines(us.token);
    expect(items.map((d) => [d.incidentId, d.recipient.authorityId, d.kind, d.state, d.dueAt])).toEqual([
      [id, 'fr', 'authority', 'running', '2025-06-09T10:00:00.000Z'],
      [id, 'it', 'authority', 'running', '2025-06-09T10:00:00.000Z'],
    ]);
    const obligations = (await t.request('GET', `/api/v1/incidents/${id}/obligations`, { token: us.token })).body.items;
    expect(items.map((d) => d.id).sort()).toEqual(obligations.map((o: { id: string }) => o.id).sort());
    expect(items[0]).toMatchObject({
      reference: expect.stringMatching(/^BC-2025-/),
      title: 'Backup exposed',
      status: 'reported',
      regime: 'gdpr',
      duty: 'notify_authority',
      legalBasis: expect.stringContaining('Art. 33(1) GDPR'),
      dueRule: expect.stringContaining('72 Stunden'), // the caller's language
      dutyTitle: 'Meldung an die Aufsichtsbehörde',
      startsAt: '2025-06-06T10:00:00.000Z',
      startedAt: '2025-06-06T10:00:00.000Z',
      dueAtLocal: '2025-06-09T12:00:00+02:00',
      secondsLeft: 70 * 3600,
      openSince: null,
    });

    t.clock.set('2025-06-07T09:00:00Z');
    expect(
      (
        await t.request('POST', `/api/v1/incidents/${id}/notifications`, {
          token: us.token,
          body: { kind: 'authority_initial', authorityId: 'fr', sentAt: '2025-06-07T09:00:00Z' },
        })
      ).status,
    ).toBe(201);
    expect((await deadlines(us.token)).map((d) => d.recipient.authorityId)).toEqual(['it']);
    // The compatibility summary follows the soonest open duty: the Garante's, still running.
    const incident = await t.request('GET', `/api/v1/incidents/${id}`, { token: us.token });
    expect(incident.body.deadlines.authority).toMatchObject({ state: 'running', dueAt: '2025-06-09T10:00:00.000Z', completedAt: null });

    // Late to the Garante: gone from the list, and the summary says late.
    t.clock.set('2025-06-10T09:00:00Z');
    const late = await t.request('POST', `/api/v1/incidents/${id}/notifications`, {
      token: us.token,
      body: { kind: 'authority_initial', authorityId: 'it', sentAt: '2025-06-10T09:00:00Z', reasonsForDelay: REASONS },
    });
    expect(late.body).toMatchObject({ late: true });
    expect(await deadlines(us.token)).toEqual([]);
    const after = await t.request('GET', `/api/v1/incidents/${id}`, { token: us.token });
    expect(after.body.deadlines.authority).toMatchObject({ state: 'late', completedAt: '2025-06-10T09:00:00.000Z', secondsLeft: null });

    // The register page shows each duty's outcome and the reasons for the delay.
    const register = await t.request('GET', '/register', { headers: { cookie: await session(us.email) } });
    expect(register.status).toBe(200);
    expect(register.text).toContain('fristgerecht erfüllt');
    expect(register.text).toContain(`verspätet erfüllt (${REASONS})`);
  });

  it('lists duties without a fixed deadline after the others, with "open since", also within a span', async () => {
    const ch = await controller({ country: 'CH' });
    t.clock.set('2025-06-06T12:00:00Z');
    const swiss = await own(ch.token, '2025-06-06T08:00:00Z', { affectedCountries: ['CH', 'DE'] });
    const items = await deadlines(ch.token);
    expect(items.map((d) => [d.regime, d.state, d.dueAt, d.openSince])).toEqual([
      ['gdpr', 'running', '2025-06-09T08:00:00.000Z', null],
      ['ch_fadp', 'open', null, '2025-06-06T08:00:00.000Z'],
    ]);
    expect(items[1]).toMatchObject({ incidentId: swiss, kind: 'authority', dueAtLocal: null, secondsLeft: null });
    expect((await deadlines(ch.token, '?within=1h')).map((d) => d.regime)).toEqual(['ch_fadp']);
    expect((await deadlines(ch.token, '?limit=1')).map((d) => d.regime)).toEqual(['gdpr']);

    // The board shows both, the one without a deadline with since when it is open; the calendar only the dated one.
    const cookie = await session(ch.email);
    const board = await t.request('GET', '/', { headers: { cookie } });
    expect(board.text).toContain('<td>Notify the supervisory authority</td>');
    expect(board.text).toContain('Report to the FDPIC');
    expect(board.text).toMatch(/open since <time datetime="2025-06-06T08:00:00.000Z">/);
    expect(board.text).toContain('no fixed deadline');
    const href = /href="https:\/\/breachclock\.test(\/deadlines\.ics\?[^"]+)"/.exec(board.text)![1];
    const ics = (await t.request('GET', href.replace(/&#x3D;/g, '=').replace(/&amp;/g, '&'))).text;
    expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(1);
    expect(ics).toContain(`UID:${items[0].id}@breachclock`);
    expect(ics.replace(/\r\n /g, '')).toContain(`: Notify the supervisory authority – ${items[0].recipient.name.replace(/,/g, '\\,')}`);
  });

  it('keeps tenancy: processor staff see their reports to the controller only, the DPO the authority duties, the org admin both', async () => {
    const tenant = await makeTenant(t, { noticeHours: 24 });
    t.clock.set('2025-06-06T12:00:00Z');
    const draft = (
      await t.request('POST', '/api/v1/incidents', {
        token: tenant.processorToken,
        body: {
          contractId: tenant.contractId,
          draft: true,
          title: 'draft',
          nature: { description: 'd' },
          discoveredAt: '2025-06-06T02:00:00Z',
        },
      })
    ).body.id;
    const filed = (
      await t.request('POST', '/api/v1/incidents', {
        token: tenant.processorToken,
        body: fullReport(tenant.contractId, '2025-06-06T11:00:00Z'),
      })
    ).body.id;
    const staff = await deadlines(tenant.processorToken);
    expect(staff.map((d) => [d.incidentId, d.kind, d.regime, d.duty])).toEqual([
      [draft, 'processor_to_controller', 'contract', 'report_to_controller'],
    ]);
    const dpo = await deadlines(tenant.dpoToken);
    expect(dpo.map((d) => [d.incidentId, d.kind])).toEqual([[filed, 'authority']]);
    // An org admin reads both sides of its organization: the controller's admin the authority duties,
    // the processor's admin the reports to the controller.
    expect((await deadlines(tenant.adminToken)).map((d) => [d.incidentId, d.kind])).toEqual([[filed, 'authority']]);
    const identity = t.get(IdentityService);
    const procAdmin = `admin-${tenant.processorSlug}@processor.example`;
    await identity.createUser({ organizationSlug: tenant.processorSlug, email: procAdmin, role: 'org_admin' }, CLI_ACTOR);
    const procAdminToken = (await identity.createToken(procAdmin, CLI_ACTOR)).token;
    expect((await deadlines(procAdminToken)).map((d) => [d.incidentId, d.kind])).toEqual([[draft, 'processor_to_controller']]);
    // Another organization sees none of them.
    const stranger = await makeTenant(t);
    expect(await deadlines(stranger.dpoToken)).toEqual([]);
    expect(await deadlines(stranger.processorToken)).toEqual([]);
    // Both sides still read both summaries on the incident (docs/security.md "Not defended").
    const asStaff = await t.request('GET', `/api/v1/incidents/${filed}`, { token: tenant.processorToken });
    expect(asStaff.body.obligations.map((o: { regime: string }) => o.regime)).toEqual(['contract']);
    expect(asStaff.body.deadlines.authority).toMatchObject({ state: 'running', dueAt: '2025-06-09T12:00:00.000Z' });
  });

  it('shows the obligations on the incident page and lets the DPO waive one there, with the reason', async () => {
    const us = await controller({ country: 'US' });
    t.clock.set('2025-06-06T12:00:00Z');
    const id = await own(us.token, '2025-06-06T10:00:00Z', { affectedCountries: ['FR', 'IT'] });
    const cookie = await session(us.email);
    const page = await t.request('GET', `/incidents/${id}`, { headers: { cookie } });
    expect(page.status).toBe(200);
    expect(page.text).toContain('<h2 id="obligations">Obligations</h2>');
    expect(page.text).toContain('Art. 33(1) GDPR');
    expect(page.text).toMatch(/href="\/incidents\/[0-9a-f-]+\/drafts\?obligation=[0-9a-f-]+"/);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)![1];
    const items = await deadlines(us.token);
    const garante = items.find((d) => d.recipient.authorityId === 'it')!;
    expect(page.text).toContain(`action="/incidents/${id}/obligations/${garante.id}/waive"`);

    const short = await t.request('POST', `/incidents/${id}/obligations/${garante.id}/waive`, {
      rawBody: form({ _csrf: csrf, reason: 'too short' }),
      headers: { ...FORM, cookie },
    });
    expect(short.status).toBe(400);
    expect(short.text).toContain('at least 20 characters');
    const reason = 'Nobody in Italy was affected after all.';
    const ok = await t.request('POST', `/incidents/${id}/obligations/${garante.id}/waive`, {
      rawBody: form({ _csrf: csrf, reason }),
      headers: { ...FORM, cookie },
    });
    expect(ok.status).toBe(303);
    expect((await deadlines(us.token)).map((d) => d.recipient.authorityId)).toEqual(['fr']);
    const after = await t.request('GET', `/incidents/${id}`, { headers: { cookie } });
    expect(after.text).toContain(`Reason: ${reason}`);
    // An obligation of another incident is not there at this address.
    const other = await own(us.token, '2025-06-06T10:00:00Z', { affectedCountries: ['FR'] });
    const cnil = items.find((d) => d.recipient.authorityId === 'fr')!;
    const wrong = await t.request('POST', `/incidents/${other}/obligations/${cnil.id}/waive`, {
      rawBody: form({ _csrf: csrf, reason }),
      headers: { ...FORM, cookie },
    });
    expect(wrong.status).toBe(404);
  });
});
