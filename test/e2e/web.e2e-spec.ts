import { CLI_ACTOR } from '../../src/identity/domain/actor';
import { IdentityService } from '../../src/identity/identity.service';
import { fullReport, makeTenant, Tenant } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

const PASSWORD = 'correct horse battery staple';
const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

describe('web pages: sign-in, board, sign-out', () => {
  let t: TestApp;
  let tenant: Tenant;
  let dpoEmail: string;
  let incidentId: string;

  beforeAll(async () => {
    t = await startTestApp();
    tenant = await makeTenant(t);
    dpoEmail = `web-${tenant.controllerSlug}@controller.example`;
    await t.get(IdentityService).createUser(
      {
        organizationSlug: tenant.controllerSlug,
        email: dpoEmail,
        role: 'controller_dpo',
        password: PASSWORD,
        locale: 'de',
        timeZone: 'Europe/Berlin',
      },
      CLI_ACTOR,
    );
    t.clock.set('2025-06-06T10:00:00Z');
    incidentId = (
      await t.request('POST', '/api/v1/incidents', {
        token: tenant.processorToken,
        body: fullReport(tenant.contractId, '2025-06-06T09:00:00Z', { title: '<script>alert(1)</script> Newsletter' }),
      })
    ).body.id;
  });
  afterAll(() => t.close());

  async function signIn(email = dpoEmail, password = PASSWORD) {
    return t.request('POST', '/login', {
      rawBody: form({ email, password }),
      headers: { ...FORM, 'accept-language': 'de-DE,de;q=0.9,en;q=0.5' },
    });
  }
  const cookieOf = (res: { headers: Record<string, unknown> }) => String(res.headers['set-cookie']).split(';')[0];

  it('sends a stranger to the sign-in page, in the language the browser asks for', async () => {
    const board = await t.request('GET', '/');
    expect(board.status).toBe(303);
    expect(board.headers.location).toBe('/login');
    const de = await t.request('GET', '/login', { headers: { 'accept-language': 'de-DE,de;q=0.9' } });
    expect(de.status).toBe(200);
    expect(de.text).toContain('<html lang="de">');
    expect(de.text).toContain('<label for="email">E-Mail-Adresse</label>');
    expect(de.headers['content-security-policy']).toContain("script-src 'self'");
    const en = await t.request('GET', '/login', { headers: { 'accept-language': 'fr-FR, en;q=0.8' } });
    expect(en.text).toContain('<label for="password">Password</label>');
  });

  it('refuses a wrong password, keeping the e-mail escaped in the form', async () => {
    const res = await t.request('POST', '/login', {
      rawBody: form({ email: '"><script>x</script>@a.example', password: 'nope' }),
      headers: FORM,
    });
    expect(res.status).toBe(401);
    expect(res.text).toContain('role="alert"');
    expect(res.text).not.toContain('<script>x</script>');
    expect(res.text).toContain('&quot;&gt;&lt;script&gt;x&lt;/script&gt;@a.example');
  });

  it('signs in with an HttpOnly, SameSite=Lax, Secure session cookie and shows the board with <time datetime>', async () => {
    const res = await signIn();
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/');
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/^bc_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax; Max-Age=43200; Secure$/);
    const board = await t.request('GET', '/', { headers: { cookie: cookieOf(res) } });
    expect(board.status).toBe(200);
    expect(board.text).toContain('<h1>Offene Fristen</h1>');
    expect(board.text).toContain(`<a href="/incidents/${incidentId}">`);
    expect(board.text).toContain('<time datetime="2025-06-09T10:00:00.000Z">9. Juni 2025 um 12:00 (UTC+02:00)</time>');
    expect(board.text).toContain('class="band-ok"');
    expect(board.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt; Newsletter');
    expect(board.text).not.toContain('<script>alert(1)</script>');
    // Sessions last 12 hours: three days later the old cookie leads back to the sign-in page.
    t.clock.set('2025-06-09T07:00:00Z');
    expect((await t.request('GET', '/', { headers: { cookie: cookieOf(res) } })).status).toBe(303);
    expect((await t.request('GET', '/', { headers: { cookie: cookieOf(await signIn()) } })).text).toContain('class="band-urgent"');
    t.clock.set('2025-06-09T11:00:00Z');
    expect((await t.request('GET', '/', { headers: { cookie: cookieOf(await signIn()) } })).text).toContain('class="band-overdue"');
    t.clock.set('2025-06-06T10:00:00Z');
  });

  it('filters the board by time left and urgency, and shows how many items are missing', async () => {
    const cookie = cookieOf(await signIn());
    const all = await t.request('GET', '/', { headers: { cookie } });
    expect(all.text).toMatch(/<td>0<\/td>\s*<td>gemeldet<\/td>/); // fullReport leaves nothing missing; the status in words
    const soon = await t.request('GET', '/?within=4h', { headers: { cookie } });
    expect(soon.text).not.toContain(incidentId);
    expect((await t.request('GET', '/?band=ok', { headers: { cookie } })).text).toContain(incidentId);
    expect((await t.request('GET', '/?band=overdue', { headers: { cookie } })).text).not.toContain(incidentId);
  });

  it('shows the 200 soonest clocks and says there are more; the urgency filter picks the soonest of its band', async () => {
    const busy = await makeTenant(t);
    const email = `busy-${busy.controllerSlug}@controller.example`;
    await t
      .get(IdentityService)
      .createUser({ organizationSlug: busy.controllerSlug, email, role: 'controller_dpo', password: PASSWORD, locale: 'en' }, CLI_ACTOR);
    const start = t.clock.now();
    // 201 reports an hour apart, the first filed 200 hours ago: 129 overdue, the rest still running.
    for (let i = 0; i < 201; i++) {
      t.clock.set(new Date(start.getTime() - (200 - i) * 3_600_000));
      expect(
        (
          await t.request('POST', '/api/v1/incidents', {
            token: busy.processorToken,
            body: fullReport(busy.contractId, t.clock.now().toISOString()),
          })
        ).status,
      ).toBe(201);
    }
    t.clock.set(start);
    const cookie = cookieOf(await signIn(email));
    const board = await t.request('GET', '/', { headers: { cookie } });
    expect([...board.text.matchAll(/<tr class="band-/g)].length).toBe(200);
    expect(board.text).toContain('These are the 200 soonest clocks; there are more.');
    const ok = await t.request('GET', '/?band=ok', { headers: { cookie } });
    expect([...ok.text.matchAll(/<tr class="band-ok">/g)].length).toBe(48); // due in more than 24 h: filed within the last 48 h
    const urgent = await t.request('GET', '/?band=urgent', { headers: { cookie } });
    expect([...urgent.text.matchAll(/<tr class="band-urgent">/g)].length).toBe(5); // 0 to 4 h left: filed 72, 71, 70, 69 and 68 h ago
    expect(urgent.text).not.toContain('there are more');
  }, 120_000); // 201 filings: on a loaded machine they take longer than the default 30 s

  it("shows another tenant nothing of this organization's clocks", async () => {
    const other = await makeTenant(t);
    const email = `web-${other.controllerSlug}@controller.example`;
    await t
      .get(IdentityService)
      .createUser({ organizationSlug: other.controllerSlug, email, role: 'controller_dpo', password: PASSWORD, locale: 'en' }, CLI_ACTOR);
    const board = await t.request('GET', '/', { headers: { cookie: cookieOf(await signIn(email)) } });
    expect(board.text).toContain('No open clocks.');
    expect(board.text).not.toContain(incidentId);
  });

  it('refuses a sign-out without the form token (CSRF), and ends the session with it', async () => {
    const cookie = cookieOf(await signIn());
    const board = await t.request('GET', '/', { headers: { cookie } });
    const csrf = /name="_csrf" value="([^"]+)"/.exec(board.text)![1];
    const forged = await t.request('POST', '/logout', { rawBody: form({}), headers: { ...FORM, cookie } });
    expect(forged.status).toBe(403);
    expect((await t.request('GET', '/', { headers: { cookie } })).status).toBe(200);
    const out = await t.request('POST', '/logout', { rawBody: form({ _csrf: csrf }), headers: { ...FORM, cookie } });
    expect(out.status).toBe(303);
    expect((await t.request('GET', '/', { headers: { cookie } })).status).toBe(303);
  });

  it('rate-limits failed sign-ins per account: after five, even the right password waits', async () => {
    const identity = t.get(IdentityService);
    const email = `limited-${tenant.controllerSlug}@controller.example`;
    await identity.createUser({ organizationSlug: tenant.controllerSlug, email, role: 'controller_dpo', password: PASSWORD }, CLI_ACTOR);
    for (let i = 0; i < 5; i++) expect((await signIn(email, 'wrong password')).status).toBe(401);
    expect((await signIn(email)).status).toBe(429);
    t.clock.advance(16 * 60_000);
    expect((await signIn(email)).status).toBe(303);
  });

  it('rate-limits failed sign-ins per address: twenty from one address block it, not another; a forged X-Forwarded-For is ignored', async () => {
    const identity = t.get(IdentityService);
    const email = `per-address-${tenant.controllerSlug}@controller.example`;
    await identity.createUser({ organizationSlug: tenant.controllerSlug, email, role: 'controller_dpo', password: PASSWORD }, CLI_ACTOR);
    t.clock.advance(60 * 60_000); // a fresh window
    // No proxy is trusted here: the header is the attacker's, every attempt counts against the peer.
    const attempt = (who: string, password: string, forwardedFor: string) =>
      t.request('POST', '/login', { rawBody: form({ email: who, password }), headers: { ...FORM, 'x-forwarded-for': forwardedFor } });
    for (let i = 0; i < 20; i++) expect((await attempt(`nobody-${i}@controller.example`, 'guess', `198.51.100.${i}`)).status).toBe(401);
    expect((await attempt(email, PASSWORD, '198.51.100.99')).status).toBe(429);
    t.clock.advance(16 * 60_000);
    expect((await attempt(email, PASSWORD, '198.51.100.99')).status).toBe(303);
  });

  it('serves the stylesheet and the countdown script', async () => {
    const js = await t.request('GET', '/assets/countdown.js');
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toContain('text/javascript');
    expect((await t.request('GET', '/assets/../../package.json')).status).toBe(404);
  });
});

describe('web pages: the intake form and the incident page', () => {
  let t: TestApp;
  let tenant: Tenant;
  let staff: string;
  let dpo: string;

  beforeAll(async () => {
    t = await startTestApp();
    tenant = await makeTenant(t);
    const identity = t.get(IdentityService);
    staff = `form-${tenant.processorSlug}@processor.example`;
    dpo = `form-${tenant.controllerSlug}@controller.example`;
    await identity.createUser(
      {
        organizationSlug: tenant.processorSlug,
        email: staff,
        role: 'processor_staff',
        password: PASSWORD,
        locale: 'en',
        timeZone: 'Europe/Berlin',
      },
      CLI_ACTOR,
    );
    await identity.createUser(
      {
        organizationSlug: tenant.controllerSlug,
        email: dpo,
        role: 'controller_dpo',
        password: PASSWORD,
        locale: 'en',
        timeZone: 'Europe/Berlin',
      },
      CLI_ACTOR,
    );
    t.clock.set('2025-06-06T10:00:00Z');
  });
  afterAll(() => t.close());

  async function session(email: string) {
    const res = await t.request('POST', '/login', { rawBody: form({ email, password: PASSWORD }), headers: FORM });
    const cookie = String(res.headers['set-cookie']).split(';')[0];
    const page = await t.request('GET', '/incidents/new', { headers: { cookie } });
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)![1];
    return { cookie, csrf, page };
  }
  const count = async () => (await t.dataSource.query('SELECT count(*)::int AS n FROM incident'))[0].n;

  it('offers the contract and its categories, every input with a label', async () => {
    const { page } = await session(staff);
    expect(page.status).toBe(200);
    expect(page.text).toContain(`<option value="${tenant.contractId}" selected>`);
    expect(page.text).toContain('value="email addresses"');
    const ids = [...page.text.matchAll(/<(?:input|select|textarea)[^>]*\sid="([^"]+)"/g)].map((m) => m[1]);
    for (const id of ids) expect(page.text).toContain(`<label for="${id}">`);
    expect(page.text).toContain('(Europe/Berlin)');
  });

  it('shows server errors next to the fields and keeps what was typed, storing nothing', async () => {
    const { cookie, csrf } = await session(staff);
    const before = await count();
    const res = await t.request('POST', '/incidents', {
      rawBody: form({
        _csrf: csrf,
        contractId: tenant.contractId,
        title: '',
        'nature.description': 'Mails went to the wrong list <b>',
        discoveredAt: '2025-06-06T11:30',
        'contact.email': 'not-an-email',
        'approximateSubjects.count': '-3',
      }),
      headers: { ...FORM, cookie },
    });
    expect(res.status).toBe(400);
    expect(res.text).toContain('role="alert"');
    expect(res.text).toContain('Mails went to the wrong list &lt;b&gt;</textarea>');
    expect(res.text).toContain('value="2025-06-06T11:30"');
    // The summary links each error to its field by the field's label; the field says it is invalid
    // and points at its own message.
    expect(res.text).toMatch(/<a href="#subjects">Approximate number of data subjects<\/a>: must be a whole number/);
    expect(res.text).toContain('<a href="#title">Short title</a>: is required');
    expect(res.text).toContain('<a href="#contactEmail">E-mail address</a>:');
    expect(res.text).toMatch(
      /<input id="title" [^>]*aria-invalid="true" aria-describedby="title-error">\s*<span id="title-error" class="error">is required<\/span>/,
    );
    expect(res.text).toMatch(/<input id="subjects" [^>]*aria-invalid="true" aria-describedby="subjects-error">/);
    expect(res.text).toMatch(/<input id="contactEmail" [^>]*aria-invalid="true" aria-describedby="contactEmail-error">/);
    expect(res.text).toMatch(/<textarea id="description" [^>]*aria-describedby="description-help">/); // fine: no error, its help only
    expect(await count()).toBe(before);
  });

  it('files a report from the form, reading times in the user zone, and shows it with its clocks', async () => {
    const { cookie, csrf } = await session(staff);
    const res = await t.request('POST', '/incidents', {
      rawBody: new URLSearchParams([
        ['_csrf', csrf],
        ['contractId', tenant.contractId],
        ['title', 'Wrong mailing list'],
        ['nature.description', 'A newsletter went to the wrong list.'],
        ['nature.types', 'confidentiality'],
        ['nature.cause', 'misdirected_email'],
        ['discoveredAt', '2025-06-06T11:30'],
        ['dataCategories', 'email addresses'],
        ['approximateSubjects.count', '120'],
        ['approximateSubjects.isEstimate', 'true'],
        ['contact.name', 'Sam'],
        ['contact.email', 'sam@processor.example'],
      ]).toString(),
      headers: { ...FORM, cookie },
    });
    expect(res.status).toBe(303);
    const id = String(res.headers.location).split('/').pop()!;
    const api = await t.request('GET', `/api/v1/incidents/${id}`, { token: tenant.dpoToken });
    expect(api.body).toMatchObject({
      title: 'Wrong mailing list',
      discoveredAt: '2025-06-06T09:30:00.000Z',
      approximateSubjects: { count: 120, isEstimate: true },
      nature: { types: ['confidentiality'] },
    });
    const page = await t.request('GET', `/incidents/${id}`, { headers: { cookie } });
    expect(page.status).toBe(200);
    expect(page.text).toContain('<time datetime="2025-06-07T09:30:00.000Z">');
    expect(page.text).toContain('Wrong mailing list');
    // Every fact the report has, and what is not known yet said so.
    expect(page.text).toContain('<dt>Approximate number of data subjects</dt><dd>120 (estimate)</dd>');
    expect(page.text).toContain('<dt>Contact</dt><dd>Sam, sam@processor.example</dd>');
    expect(page.text).toContain('<dt>Discovered</dt><dd><time datetime="2025-06-06T09:30:00.000Z">');
    expect(page.text).toContain('<dt>Likely consequences</dt><dd><em>not known yet</em></dd>');
    expect(page.text).toMatch(/<dt>Data processing agreement<\/dt><dd>[^<]+ – [^<]+<\/dd>/);
    expect(page.text).toMatch(/<li><time datetime="[^"]+">[^<]+<\/time> – form-[^:]+: breach reported<\/li>/);
    const board = await t.request('GET', '/', { headers: { cookie: (await session(dpo)).cookie } });
    expect(board.text).toContain(`<a href="/incidents/${id}">`);
    expect(board.text).not.toContain('<h2>Your reports</h2>');
    // The processor's own board: its processor clock and the list of its reports.
    const own = await t.request('GET', '/', { headers: { cookie } });
    expect(own.text).toContain('<h2>Your reports</h2>');
    // Processor staff get their report to the controller as a draft, and nothing of the controller's.
    const mine = await t.request('GET', `/incidents/${id}`, { headers: { cookie } });
    expect([...mine.text.matchAll(/\/drafts\/([a-z-]+)\?lang&#x3D;de"/g)].map((m) => m[1])).toEqual(['processor-report']);
    expect((await t.request('GET', `/incidents/${id}/drafts/processor-report?lang=en&format=md`, { headers: { cookie } })).status).toBe(
      200,
    );
    expect((await t.request('GET', `/incidents/${id}/drafts/authority?lang=en`, { headers: { cookie } })).status).toBe(404);
    expect(own.text).toMatch(
      new RegExp(`<li><a href="/incidents/${id}">[^<]+</a> – Wrong mailing list \\(reported, Missing items: \\d+\\)</li>`),
    );
  });

  it("lets a DPO record their own breach, or a processor's report by phone, with the moment of awareness the 72 hours run from", async () => {
    const { cookie, csrf, page } = await session(dpo);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<option value="" selected>Our own breach (no processor involved)</option>');
    expect(page.text).toContain(`<option value="${tenant.contractId}">`);
    expect(page.text).not.toContain('name="draft"'); // drafts are the processor's
    const res = await t.request('POST', '/incidents', {
      rawBody: new URLSearchParams([
        ['_csrf', csrf],
        ['contractId', ''],
        ['title', 'Lost USB stick'],
        ['nature.description', 'A USB stick with payroll data was lost on a train.'],
        ['discoveredAt', '2025-06-05T18:00'],
        ['controllerAwareAt', '2025-06-06T09:15'],
        ['dataCategories.other', 'payroll data, bank details, payroll data'],
        ['subjectCategories.other', 'employees'],
      ]).toString(),
      headers: { ...FORM, cookie },
    });
    expect(res.status).toBe(303);
    const id = String(res.headers.location).split('/').pop()!;
    const api = await t.request('GET', `/api/v1/incidents/${id}`, { token: tenant.dpoToken });
    expect(api.body).toMatchObject({
      contractId: null,
      discoveredAt: '2025-06-05T16:00:00.000Z',
      controllerAwareAt: '2025-06-06T07:15:00.000Z',
      dataCategories: ['payroll data', 'bank details'],
      subjectCategories: ['employees'],
    });
    expect(api.body.deadlines.authority.dueAt).toBe('2025-06-09T07:15:00.000Z');
    // Awareness before discovery is refused next to its field, with the input kept.
    const wrong = await t.request('POST', '/incidents', {
      rawBody: form({
        _csrf: csrf,
        contractId: tenant.contractId,
        title: 'Call from the processor',
        'nature.description': 'The processor phoned about a misdirected export.',
        discoveredAt: '2025-06-06T09:00',
        controllerAwareAt: '2025-06-06T08:00',
      }),
      headers: { ...FORM, cookie },
    });
    expect(wrong.status).toBe(400);
    expect(wrong.text).toMatch(
      /<input id="controllerAwareAt" [^>]*value="2025-06-06T08:00" aria-invalid="true" aria-describedby="aware-help controllerAwareAt-error">/,
    );
    expect(wrong.text).toContain(`<option value="${tenant.contractId}" selected>`);
  });

  it('reads a time of the repeated autumn hour as the earlier instant, and refuses a time the spring change skips, next to its field', async () => {
    t.clock.set('2026-10-26T12:00:00Z');
    const { cookie, csrf } = await session(dpo);
    const autumn = await t.request('POST', '/incidents', {
      rawBody: form({
        _csrf: csrf,
        contractId: '',
        title: 'Autumn night',
        'nature.description': 'Found during the night the clocks go back.',
        discoveredAt: '2026-10-25T02:30',
        controllerAwareAt: '2026-10-25T02:30',
      }),
      headers: { ...FORM, cookie },
    });
    expect(autumn.status).toBe(303);
    const id = String(autumn.headers.location).split('/').pop()!;
    const api = await t.request('GET', `/api/v1/incidents/${id}`, { token: tenant.dpoToken });
    expect(api.body).toMatchObject({
      controllerAwareAt: '2026-10-25T00:30:00.000Z',
      deadlines: { authority: { dueAt: '2026-10-28T00:30:00.000Z' } },
    });

    t.clock.set('2026-03-30T12:00:00Z');
    const march = await session(dpo);
    const before = await count();
    const spring = await t.request('POST', '/incidents', {
      rawBody: form({
        _csrf: march.csrf,
        contractId: '',
        title: 'Spring night',
        'nature.description': 'A time that never was.',
        discoveredAt: '2026-03-29T02:30',
      }),
      headers: { ...FORM, cookie: march.cookie },
    });
    expect(spring.status).toBe(400);
    expect(spring.text).toContain('<a href="#discoveredAt">');
    expect(spring.text).toMatch(
      /<span id="discoveredAt-error" class="error">does not exist in Europe\/Berlin: the clocks skip it when summer time starts/,
    );
    expect(await count()).toBe(before);
    t.clock.set('2025-06-06T10:00:00Z');
  });

  it('says "not a personal data breach" on the incident page, with the authority duty waived for that reason', async () => {
    t.clock.set('2025-06-06T10:00:00Z');
    const filed = await t.request('POST', '/api/v1/incidents', {
      token: tenant.processorToken,
      body: fullReport(tenant.contractId, '2025-06-06T09:00:00Z'),
    });
    await t.request('POST', `/api/v1/incidents/${filed.body.id}/status`, {
      token: tenant.dpoToken,
      body: { status: 'not_a_breach', reason: 'Only generated test records were in the export.' },
    });
    const { cookie } = await session(dpo);
    const page = await t.request('GET', `/incidents/${filed.body.id}`, { headers: { cookie } });
    expect(page.text).toContain('Status: <strong>not a personal data breach</strong>');
    // The duty towards the authority is waived by the rules, with the finding as its reason.
    expect(page.text).toMatch(
      /Notify the supervisory authority<\/th>[\s\S]*?<td>waived<br>[\s\S]*?Reason: no longer applies: the DPO found it is not a personal-data breach/,
    );
  });

  it('refuses a forged form post without the CSRF token (403) and stores nothing', async () => {
    const { cookie } = await session(staff);
    const before = await count();
    const res = await t.request('POST', '/incidents', {
      rawBody: form({ contractId: tenant.contractId, title: 'forged', 'nature.description': 'x', discoveredAt: '2025-06-06T11:30' }),
      headers: { ...FORM, cookie },
    });
    expect(res.status).toBe(403);
    expect(await count()).toBe(before);
  });

  it("shows another tenant's incident page as not found", async () => {
    const filed = await t.request('POST', '/api/v1/incidents', {
      token: tenant.processorToken,
      body: fullReport(tenant.contractId, '2025-06-06T09:00:00Z'),
    });
    const other = await makeTenant(t);
    const email = `form-${other.controllerSlug}@controller.example`;
    await t
      .get(IdentityService)
      .createUser({ organizationSlug: other.controllerSlug, email, role: 'controller_dpo', password: PASSWORD }, CLI_ACTOR);
    const res = await t.request('GET', `/incidents/${filed.body.id}`, { headers: { cookie: (await session(email)).cookie } });
    expect(res.status).toBe(404);
    expect(res.text).not.toContain(filed.body.title);
  });
});

describe('web pages: assessing, deciding and drafts from the incident page', () => {
  let t: TestApp;
  let tenant: Tenant;
  let cookie: string;
  let csrf: string;
  let id: string;

  beforeAll(async () => {
    t = await startTestApp();
    tenant = await makeTenant(t);
    const email = `decide-${tenant.controllerSlug}@controller.example`;
    await t.get(IdentityService).createUser(
      {
        organizationSlug: tenant.controllerSlug,
        email,
        role: 'controller_dpo',
        password: PASSWORD,
        locale: 'en',
        timeZone: 'Europe/Berlin',
      },
      CLI_ACTOR,
    );
    t.clock.set('2025-06-06T10:00:00Z');
    id = (
      await t.request('POST', '/api/v1/incidents', {
        token: tenant.processorToken,
        body: fullReport(tenant.contractId, '2025-06-06T09:00:00Z'),
      })
    ).body.id;
    const res = await t.request('POST', '/login', { rawBody: form({ email, password: PASSWORD }), headers: FORM });
    cookie = String(res.headers['set-cookie']).split(';')[0];
    const page = await t.request('GET', `/incidents/${id}`, { headers: { cookie } });
    csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)![1];
  });
  afterAll(() => t.close());

  it('previews the score and recommendation of the form without storing anything (the live score), and refuses bad input by field', async () => {
    const inputs = {
      category: 'financial',
      easeOfIdentification: 'maximum',
      confidentiality: 'unknown_recipients',
      integrity: 'not_affected',
      availability: 'not_affected',
      maliciousIntent: 'true',
    };
    const res = await t.request('POST', `/incidents/${id}/assessment/preview`, {
      rawBody: form({ _csrf: csrf, ...inputs }),
      headers: { ...FORM, cookie },
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body).toMatchObject({
      score: 4,
      band: 'very high',
      summary: 'Severity: 4 (very high). Recommendation: Notify the supervisory authority – yes; Tell the people affected – yes.',
    });
    expect(res.body.reasons).toEqual([
      'Rule 1: severity 4 is very high (medium or above), so the authority should be notified (Art. 33(1)).',
      'Rule 1: malicious intent, data disclosed to an unknown number of recipients.',
      'Rule 1: severity 4 is very high (high or above): a high risk to the people affected is likely (Art. 34(1)).',
      // The report's 1,840 people: the incident's own facts speak too.
      'Flag large_scale: about 1,840 people are affected (more than 100): a risk to them is not unlikely; the authority should be notified.',
    ]);
    const api = await t.request('POST', `/api/v1/incidents/${id}/assessment/preview`, {
      token: tenant.dpoToken,
      body: {
        dataCategories: [{ category: 'simple' }],
        easeOfIdentification: 'negligible',
        confidentiality: 'not_affected',
        integrity: 'not_affected',
        availability: 'not_affected',
        maliciousIntent: false,
      },
    });
    expect(api.status).toBe(200);
    expect(api.body).toMatchObject({
      score: 0.25,
      band: 'low',
      riskFlags: [],
      recommendation: { notifyAuthority: false, notifySubjects: false },
    });
    expect((await t.request('GET', `/api/v1/incidents/${id}/assessments`, { token: tenant.dpoToken })).body.assessments).toEqual([]);

    const bad = await t.request('POST', `/incidents/${id}/assessment/preview`, {
      rawBody: form({ _csrf: csrf, ...inputs, score: '4' }),
      headers: { ...FORM, cookie },
    });
    expect(bad.status).toBe(400);
    expect(bad.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(bad.body.errors).toEqual([expect.objectContaining({ path: 'dataCategories.0.reason' })]);
    const wrong = await t.request('POST', `/incidents/${id}/assessment/preview`, {
      rawBody: form({ _csrf: csrf, ...inputs, confidentiality: 'leaked' }),
      headers: { ...FORM, cookie },
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors).toEqual([expect.objectContaining({ path: 'confidentiality' })]);
    expect(
      (await t.request('POST', `/incidents/${id}/assessment/preview`, { rawBody: form(inputs), headers: { ...FORM, cookie } })).status,
    ).toBe(403);
    expect(
      (await t.request('POST', `/incidents/${id}/assessment/preview`, { rawBody: form({ _csrf: csrf, ...inputs }), headers: FORM })).status,
    ).toBe(401);
    const processor = await t.request('POST', `/api/v1/incidents/${id}/assessment/preview`, {
      token: tenant.processorToken,
      body: {
        dataCategories: [{ category: 'simple' }],
        easeOfIdentification: 'negligible',
        confidentiality: 'not_affected',
        integrity: 'not_affected',
        availability: 'not_affected',
        maliciousIntent: false,
      },
    });
    expect(processor.status).toBe(403);
  });

  it('assesses, shows the score and recommendation, refuses a decision without reasons, records one with reasons', async () => {
    const assess = await t.request('POST', `/incidents/${id}/assessment`, {
      rawBody: form({
        _csrf: csrf,
        category: 'financial',
        easeOfIdentification: 'maximum',
        confidentiality: 'unknown_recipients',
        integrity: 'not_affected',
        availability: 'not_affected',
        maliciousIntent: 'true',
      }),
      headers: { ...FORM, cookie },
    });
    expect(assess.status).toBe(303);
    const page = await t.request('GET', `/incidents/${id}`, { headers: { cookie } });
    expect(page.text).toContain('<strong>4 (very high)</strong>');
    // The decision form starts from the recommendation: notify both.
    expect(page.text).toContain('<input type="radio" name="notifyAuthority" value="true" checked>');
    expect(page.text).toContain('<input type="radio" name="notifySubjects" value="true" checked>');
    const refused = await t.request('POST', `/incidents/${id}/decision`, {
      rawBody: form({
        _csrf: csrf,
        notifyAuthority: 'false',
        notifySubjects: 'false',
        subjectsExemption: '34(3)(a)',
        subjectsReason: 'The laptop disk is encrypted <and> the key was not on it.',
      }),
      headers: { ...FORM, cookie },
    });
    expect(refused.status).toBe(400);
    // The error sits next to its field, the summary names it by its label, and what was typed stays.
    expect(refused.text).toMatch(/<a href="#authorityReason">Reasons \(authority\)<\/a>: is required/);
    expect(refused.text).toMatch(
      /<textarea id="authorityReason" [^>]*aria-invalid="true" aria-describedby="reasons-help authorityReason-error"><\/textarea><span id="authorityReason-error" class="error">is required/,
    );
    expect(refused.text).toContain('<input type="radio" name="notifyAuthority" value="false" checked>');
    expect(refused.text).toContain('<input type="radio" name="notifySubjects" value="false" checked>');
    expect(refused.text).toContain('<option value="34(3)(a)" selected>');
    expect(refused.text).toContain('>The laptop disk is encrypted &lt;and&gt; the key was not on it.</textarea>');
    const decided = await t.request('POST', `/incidents/${id}/decision`, {
      rawBody: form({ _csrf: csrf, notifyAuthority: 'true', notifySubjects: 'true' }),
      headers: { ...FORM, cookie },
    });
    expect(decided.status).toBe(303);
    const history = await t.request('GET', `/api/v1/incidents/${id}/assessments`, { token: tenant.dpoToken });
    expect(history.body.decisions).toEqual([
      expect.objectContaining({ notifyAuthority: true, notifySubjects: true, followsRecommendation: true }),
    ]);
  });

  it('previews the authority draft as a printable page and downloads it as Markdown and PDF', async () => {
    const html = await t.request('GET', `/incidents/${id}/drafts/authority?lang=de`, { headers: { cookie } });
    expect(html.status).toBe(200);
    expect(html.text).toContain('Meldung einer Verletzung des Schutzes personenbezogener Daten');
    const md = await t.request('GET', `/incidents/${id}/drafts/authority?lang=en&format=md`, { headers: { cookie } });
    expect(md.headers['content-disposition']).toBe('attachment; filename="authority-en.md"');
    const pdf = await t.app.inject({ method: 'GET', url: `/incidents/${id}/drafts/authority?format=pdf`, headers: { cookie } });
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    // Every draft the API has is offered on the page, each with a copy button for the script.
    const page = await t.request('GET', `/incidents/${id}`, { headers: { cookie } });
    const offered = [...page.text.matchAll(/<a href="\/incidents\/[0-9a-f-]+\/drafts\/([a-z-]+)\?lang&#x3D;de">/g)].map((m) => m[1]); // Handlebars escapes =
    expect(offered).toEqual(['authority', 'authority-followup', 'data-subjects', 'public-communication', 'processor-report']);
    expect(page.text).toContain(
      `data-copy="/incidents/${id}/drafts/public-communication?lang&#x3D;en&amp;format&#x3D;md" hidden>Copy text</button>`,
    );
    const publicText = await t.request('GET', `/incidents/${id}/drafts/public-communication?lang=en&format=md`, { headers: { cookie } });
    expect(publicText.status).toBe(200);
    expect(publicText.headers['content-disposition']).toBe('attachment; filename="public-communication-en.md"');
  });

  it('adds follow-up facts with the version read, and refuses a stale form (409) without changing anything', async () => {
    const page = await t.request('GET', `/incidents/${id}`, { headers: { cookie } });
    const version = /name="version" value="(\d+)"/.exec(page.text)![1];
    const ok = await t.request('POST', `/incidents/${id}/facts`, {
      rawBody: form({ _csrf: csrf, version, measuresProposed: 'Four-eyes review of every campaign.' }),
      headers: { ...FORM, cookie },
    });
    expect(ok.status).toBe(303);
    const stale = await t.request('POST', `/incidents/${id}/facts`, {
      rawBody: form({ _csrf: csrf, version, measuresProposed: 'Overwritten?' }),
      headers: { ...FORM, cookie },
    });
    expect(stale.status).toBe(409);
    const api = await t.request('GET', `/api/v1/incidents/${id}`, { token: tenant.dpoToken });
    expect(api.body.measuresProposed).toBe('Four-eyes review of every campaign.');
  });

  it('records the notification sent to the authority from the form (local time), which ends the clock', async () => {
    t.clock.set('2025-06-06T11:00:00Z');
    // A time in the future is refused next to its field, the rest of the form kept, nothing recorded.
    const future = await t.request('POST', `/incidents/${id}/notifications`, {
      rawBody: form({
        _csrf: csrf,
        kind: 'authority_initial',
        sentAt: '2025-06-06T18:30',
        channel: 'online form',
        reference: 'LDI-2025-17',
      }),
      headers: { ...FORM, cookie },
    });
    expect(future.status).toBe(400);
    expect(future.text).toMatch(
      /<input id="n-sent" [^>]*value="2025-06-06T18:30" aria-invalid="true" aria-describedby="n-sent-error"><span id="n-sent-error" class="error">must not be in the future<\/span>/,
    );
    expect(future.text).toContain('<option value="authority_initial" selected>');
    expect(future.text).toContain('<input id="n-reference" name="reference" value="LDI-2025-17">');
    expect((await t.request('GET', `/api/v1/incidents/${id}/notifications`, { token: tenant.dpoToken })).body.items).toEqual([]);
    const res = await t.request('POST', `/incidents/${id}/notifications`, {
      rawBody: form({ _csrf: csrf, kind: 'authority_initial', sentAt: '2025-06-06T12:30', channel: 'online form' }),
      headers: { ...FORM, cookie },
    });
    expect(res.status).toBe(303);
    const api = await t.request('GET', `/api/v1/incidents/${id}`, { token: tenant.dpoToken });
    expect(api.body.status).toBe('notified');
    expect(api.body.deadlines.authority).toMatchObject({ state: 'met', completedAt: '2025-06-06T10:30:00.000Z' });
    const page = await t.request('GET', `/incidents/${id}`, { headers: { cookie } });
    expect(page.text).toContain('<strong>authority notified</strong>');
    expect(page.text).toMatch(
      /<time datetime="2025-06-06T10:30:00.000Z">[^<]+<\/time> – notification to the supervisory authority \(Art\. 33\)<\/li>/,
    );
    expect(page.text).toMatch(
      /Notify the supervisory authority<\/th>[\s\S]*?<td>met in time<br>fulfilled on <time datetime="2025-06-06T10:30:00.000Z">/,
    );
  });

  it('refuses an assessment posted without the form token', async () => {
    const res = await t.request('POST', `/incidents/${id}/assessment`, {
      rawBody: form({ category: 'simple' }),
      headers: { ...FORM, cookie },
    });
    expect(res.status).toBe(403);
  });
});

describe('web pages: register and authorities', () => {
  let t: TestApp;
  let tenant: Tenant;
  let cookie: string;

  beforeAll(async () => {
    t = await startTestApp();
    tenant = await makeTenant(t);
    const email = `reg-${tenant.controllerSlug}@controller.example`;
    await t.get(IdentityService).createUser(
      {
        organizationSlug: tenant.controllerSlug,
        email,
        role: 'controller_dpo',
        password: PASSWORD,
        locale: 'en',
        timeZone: 'Europe/Berlin',
      },
      CLI_ACTOR,
    );
    t.clock.set('2025-06-06T10:00:00Z');
    const id = (
      await t.request('POST', '/api/v1/incidents', {
        token: tenant.processorToken,
        body: fullReport(tenant.contractId, '2025-06-06T09:00:00Z', { title: '=1+1 <svg onload=alert(1)>' }),
      })
    ).body.id;
    t.clock.set('2025-06-07T10:00:00Z');
    await t.request('POST', `/api/v1/incidents/${id}/notifications`, {
      token: tenant.dpoToken,
      body: { kind: 'authority_initial', sentAt: '2025-06-07T10:00:00Z' },
    });
    const res = await t.request('POST', '/login', { rawBody: form({ email, password: PASSWORD }), headers: FORM });
    cookie = String(res.headers['set-cookie']).split(';')[0];
  });
  afterAll(() => t.close());

  it('shows the register with escaped entries and two SVG charts, and exports CSV', async () => {
    const page = await t.request('GET', '/register', { headers: { cookie } });
    expect(page.status).toBe(200);
    expect(page.text).toContain('&#x3D;1+1 &lt;svg onload&#x3D;alert(1)&gt;'); // Handlebars escapes = as well
    expect(page.text).not.toContain('<svg onload');
    expect(page.text).toContain('<title id="chart-months-title">Incidents per month by cause</title>');
    expect(page.text).toMatch(/<title>BC-2025-\d{6}: 24\.0 h<\/title>/);
    expect(page.text).toContain('72 h</text>');
    expect(page.text).toMatch(/<td>authority notified<\/td><td><time[^>]*>[^<]+<\/time><\/td><td>met in time<\/td>/);
    const csv = await t.request('GET', '/register.csv', { headers: { cookie } });
    expect(csv.text.startsWith('\uFEFF"reference"')).toBe(true);
    expect(csv.text).toContain(`"'=1+1 <svg onload=alert(1)>"`);
  });

  it('lists and searches the supervisory authorities', async () => {
    const page = await t.request('GET', '/authorities?q=bayern', { headers: { cookie } });
    expect(page.status).toBe(200);
    expect(page.text).toContain('BayLDA');
    expect(page.text).toContain('BayLfD');
    expect(page.text).not.toContain('CNIL');
  });
});

describe('web pages: behind a trusted reverse proxy', () => {
  it('counts failed sign-ins per client address the proxy forwards, so one client cannot lock out the others', async () => {
    const t = await startTestApp({ env: { TRUST_PROXY: '127.0.0.1' } });
    try {
      const tenant = await makeTenant(t);
      const email = `proxied-${tenant.controllerSlug}@controller.example`;
      await t
        .get(IdentityService)
        .createUser({ organizationSlug: tenant.controllerSlug, email, role: 'controller_dpo', password: PASSWORD }, CLI_ACTOR);
      const attempt = (who: string, password: string, client: string) =>
        t.request('POST', '/login', { rawBody: form({ email: who, password }), headers: { ...FORM, 'x-forwarded-for': client } });
      for (let i = 0; i < 20; i++) expect((await attempt(`nobody-${i}@controller.example`, 'guess', '203.0.113.7')).status).toBe(401);
      expect((await attempt(email, PASSWORD, '203.0.113.7')).status).toBe(429);
      expect((await attempt(email, PASSWORD, '203.0.113.8')).status).toBe(303);
    } finally {
      await t.close();
    }
  });
});

describe('web pages: settings', () => {
  it('lets users choose their language and time zone, refusing an unknown zone by field and a post without the form token', async () => {
    const t = await startTestApp();
    try {
      const tenant = await makeTenant(t);
      const email = `settings-${tenant.controllerSlug}@controller.example`;
      await t.get(IdentityService).createUser(
        {
          organizationSlug: tenant.controllerSlug,
          email,
          role: 'controller_dpo',
          password: PASSWORD,
          locale: 'en',
          timeZone: 'Europe/Berlin',
        },
        CLI_ACTOR,
      );
      t.clock.set('2025-06-06T10:00:00Z');
      await t.request('POST', '/api/v1/incidents', {
        token: tenant.processorToken,
        body: fullReport(tenant.contractId, '2025-06-06T09:00:00Z'),
      });
      const login = await t.request('POST', '/login', { rawBody: form({ email, password: PASSWORD }), headers: FORM });
      const cookie = String(login.headers['set-cookie']).split(';')[0];
      const page = await t.request('GET', '/settings', { headers: { cookie } });
      expect(page.status).toBe(200);
      expect(page.text).toContain('<option value="en" lang="en" selected>English</option>');
      expect(page.text).toContain('<option selected>Europe/Berlin</option>');
      const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)![1];

      expect(
        (
          await t.request('POST', '/settings', {
            rawBody: form({ locale: 'de', timeZone: 'America/New_York' }),
            headers: { ...FORM, cookie },
          })
        ).status,
      ).toBe(403);
      const bad = await t.request('POST', '/settings', {
        rawBody: form({ _csrf: csrf, locale: 'fr', timeZone: 'Mars/Olympus' }),
        headers: { ...FORM, cookie },
      });
      expect(bad.status).toBe(400);
      expect(bad.text).toContain('<a href="#locale">Language</a>: must be de or en');
      expect(bad.text).toMatch(/<select id="timeZone" name="timeZone" aria-invalid="true" aria-describedby="zone-help timeZone-error">/);
      expect((await t.request('GET', '/', { headers: { cookie } })).text).toContain('<h1>Open clocks</h1>'); // unchanged

      const saved = await t.request('POST', '/settings', {
        rawBody: form({ _csrf: csrf, locale: 'de', timeZone: 'America/New_York' }),
        headers: { ...FORM, cookie },
      });
      expect(saved.status).toBe(303);
      expect(saved.headers.location).toBe('/settings?saved=1');
      expect((await t.request('GET', '/settings?saved=1', { headers: { cookie } })).text).toContain(
        '<p class="notice" role="status">Gespeichert.</p>',
      );
      const board = await t.request('GET', '/', { headers: { cookie } });
      expect(board.text).toContain('<html lang="de">');
      expect(board.text).toContain('<h1>Offene Fristen</h1>');
      expect(board.text).toContain('9. Juni 2025 um 06:00 (UTC-04:00)'); // due 10:00 UTC, shown in New York
    } finally {
      await t.close();
    }
  });
});

describe("web pages: changing one's password", () => {
  it('needs the current password, refuses a short or mistyped new one by field, and signs out the other sessions', async () => {
    const t = await startTestApp();
    try {
      const tenant = await makeTenant(t);
      const email = `pw-${tenant.controllerSlug}@controller.example`;
      await t
        .get(IdentityService)
        .createUser(
          { organizationSlug: tenant.controllerSlug, email, role: 'controller_dpo', password: PASSWORD, locale: 'en' },
          CLI_ACTOR,
        );
      const signIn = async (password: string) => t.request('POST', '/login', { rawBody: form({ email, password }), headers: FORM });
      const here = String((await signIn(PASSWORD)).headers['set-cookie']).split(';')[0];
      const elsewhere = String((await signIn(PASSWORD)).headers['set-cookie']).split(';')[0];
      const page = await t.request('GET', '/settings', { headers: { cookie: here } });
      expect(page.text).toContain(
        '<input id="currentPassword" name="currentPassword" type="password" autocomplete="current-password" required>',
      );
      const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)![1];
      const change = (fields: Record<string, string>) =>
        t.request('POST', '/settings/password', { rawBody: form({ _csrf: csrf, ...fields }), headers: { ...FORM, cookie: here } });
      const NEW = 'a much longer passphrase 2026';

      const wrong = await change({ currentPassword: 'not my password', newPassword: NEW, confirmPassword: NEW });
      expect(wrong.status).toBe(400);
      expect(wrong.text).toContain('<a href="#currentPassword">Current password</a>: is not your current password');
      expect(wrong.text).not.toContain(NEW); // a password is never echoed back
      const short = await change({ currentPassword: PASSWORD, newPassword: 'short', confirmPassword: 'short' });
      expect(short.text).toMatch(/<input id="newPassword" [^>]*aria-invalid="true" aria-describedby="newPassword-error">/);
      const typo = await change({ currentPassword: PASSWORD, newPassword: NEW, confirmPassword: `${NEW}!` });
      expect(typo.text).toContain('<span id="confirmPassword-error" class="error">does not match the new password</span>');
      expect((await signIn(PASSWORD)).status).toBe(303); // nothing changed yet

      const done = await change({ currentPassword: PASSWORD, newPassword: NEW, confirmPassword: NEW });
      expect(done.status).toBe(303);
      expect(done.headers.location).toBe('/settings?saved=password');
      expect((await t.request('GET', '/settings?saved=password', { headers: { cookie: here } })).text).toContain(
        'Your other sessions were signed out.',
      );
      expect((await t.request('GET', '/', { headers: { cookie: elsewhere } })).headers.location).toBe('/login');
      expect((await signIn(PASSWORD)).status).toBe(401);
      expect((await signIn(NEW)).status).toBe(303);
      const audit = await t.dataSource.query(
        `SELECT action, changes FROM audit_event WHERE action = 'user.password_changed' AND actor = $1`,
        [`user:${email}`],
      );
      expect(audit).toEqual([{ action: 'user.password_changed', changes: { password: { from: 'set', to: 'changed' } } }]);

      // Guessing the current password with a stolen session runs into the sign-in limit.
      for (let i = 0; i < 5; i++)
        expect((await change({ currentPassword: `guess ${i} guess ${i}`, newPassword: PASSWORD, confirmPassword: PASSWORD })).status).toBe(
          400,
        );
      const limited = await change({ currentPassword: NEW, newPassword: PASSWORD, confirmPassword: PASSWORD });
      expect(limited.status).toBe(429);
      expect(limited.text).toContain('Too many failed attempts. Please wait 15 minutes.');
      expect((await signIn(NEW)).status).toBe(429); // the account's limit, shared with the sign-in page
    } finally {
      await t.close();
    }
  });
});

describe('web pages: calendar feed', () => {
  it('serves the open clocks as iCalendar at the secret address on the board, and nothing without the right key', async () => {
    const t = await startTestApp();
    try {
      const tenant = await makeTenant(t);
      const email = `ics-${tenant.controllerSlug}@controller.example`;
      await t
        .get(IdentityService)
        .createUser(
          { organizationSlug: tenant.controllerSlug, email, role: 'controller_dpo', password: PASSWORD, locale: 'en' },
          CLI_ACTOR,
        );
      t.clock.set('2025-06-06T10:00:00Z');
      await t.request('POST', '/api/v1/incidents', {
        token: tenant.processorToken,
        body: fullReport(tenant.contractId, '2025-06-06T09:00:00Z'),
      });
      const res = await t.request('POST', '/login', { rawBody: form({ email, password: PASSWORD }), headers: FORM });
      const board = await t.request('GET', '/', { headers: { cookie: String(res.headers['set-cookie']).split(';')[0] } });
      const href = /href="https:\/\/breachclock\.test(\/deadlines\.ics\?[^"]+)"/.exec(board.text)![1];
      const feed = href.replace(/&#x3D;/g, '=').replace(/&amp;/g, '&');
      const ics = await t.request('GET', feed);
      expect(ics.status).toBe(200);
      expect(ics.headers['content-type']).toBe('text/calendar; charset=utf-8');
      expect(ics.text).toContain('DTSTART:20250609T100000Z');
      expect((await t.request('GET', feed.replace(/k=[^&]+/, 'k=forged'))).status).toBe(404);

      // A leaked address is replaced from the board (with the form token); the old one then fails.
      const cookie = String(res.headers['set-cookie']).split(';')[0];
      const csrf = /name="_csrf" value="([^"]+)"/.exec(board.text)![1];
      expect((await t.request('POST', '/calendar-feed', { rawBody: form({}), headers: { ...FORM, cookie } })).status).toBe(403);
      expect((await t.request('GET', feed)).status).toBe(200);
      const renewed = await t.request('POST', '/calendar-feed', { rawBody: form({ _csrf: csrf }), headers: { ...FORM, cookie } });
      expect(renewed.status).toBe(303);
      expect((await t.request('GET', feed)).status).toBe(404);
      const boardAfter = await t.request('GET', '/', { headers: { cookie } });
      const newFeed = /href="https:\/\/breachclock\.test(\/deadlines\.ics\?[^"]+)"/
        .exec(boardAfter.text)![1]
        .replace(/&#x3D;/g, '=')
        .replace(/&amp;/g, '&');
      expect(newFeed).not.toBe(feed);
      const again = await t.request('GET', newFeed);
      expect(again.status).toBe(200);
      expect(again.text).toContain('DTSTART:20250609T100000Z');
    } finally {
      await t.close();
    }
  });
});
