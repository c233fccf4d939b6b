import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { CLI_ACTOR } from '../../src/identity/domain/actor';
import { IdentityService } from '../../src/identity/identity.service';
import { WebhookDispatcher } from '../../src/webhooks/webhook-dispatcher.service';
import { makeTenant, Tenant } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

const PASSWORD = 'correct horse battery staple';
const form = (fields: Record<string, string | string[]>) => {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const one of [v].flat()) params.append(k, one);
  return params.toString();
};
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)![1];

// The organization and webhooks pages: the same services as the API, refusals at their fields,
// read-only for DPOs and processor staff, webhooks for org admins only; failures visible and retried.
describe('administration: organization and webhooks pages', () => {
  let t: TestApp;
  let tenant: Tenant;
  let receiver: http.Server;
  let receiverUrl: string;
  let hits = 0;

  beforeAll(async () => {
    // A real receiver that refuses every delivery (503), so deliveries fail on the first attempt.
    receiver = http.createServer((req, res) => {
      hits += 1;
      req.resume();
      req.on('end', () => res.writeHead(503).end());
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
    t = await startTestApp({ env: { WEBHOOK_ALLOW_PRIVATE: 'on', WEBHOOK_MAX_ATTEMPTS: '1' } });
    tenant = await makeTenant(t);
  });
  afterAll(async () => {
    await t.close();
    await new Promise((resolve) => receiver.close(resolve));
  });

  const identity = () => t.get(IdentityService);
  async function session(slug: string, role: 'org_admin' | 'controller_dpo' | 'processor_staff', locale: 'de' | 'en' = 'en') {
    const email = `${role.replace('_', '-')}-${Math.random().toString(36).slice(2, 8)}@${slug}.example`;
    await identity().createUser({ organizationSlug: slug, email, role, password: PASSWORD, locale }, CLI_ACTOR);
    const res = await t.request('POST', '/login', { rawBody: form({ email, password: PASSWORD }), headers: FORM });
    expect(res.status).toBe(303);
    const cookie = String(res.headers['set-cookie']).split(';')[0];
    const page = await t.request('GET', '/admin/tokens', { headers: { cookie } });
    return { email, cookie, csrf: csrfOf(page.text) };
  }
  type Session = Awaited<ReturnType<typeof session>>;
  const get = (url: string, who: Session) => t.request('GET', url, { headers: { cookie: who.cookie } });
  const post = (url: string, who: Session, fields: Record<string, string | string[]> = {}) =>
    t.request('POST', url, { rawBody: form({ _csrf: who.csrf, ...fields }), headers: { ...FORM, cookie: who.cookie } });
  const orgRow = async () =>
    (await t.dataSource.query(`SELECT to_jsonb(o) AS o FROM organization o WHERE id = $1`, [tenant.controllerId]))[0].o;
  const orgEvents = async () =>
    t.dataSource.query(`SELECT actor, changes FROM audit_event WHERE entity_type = 'organization' AND entity_id = $1 ORDER BY seq`, [
      tenant.controllerId,
    ]);
  const FULL = {
    name: 'Controller GmbH',
    address: 'Hauptstraße 1\n60311 Frankfurt am Main',
    country: 'DE',
    region: 'DE-HE',
    sector: 'private',
    publicLevel: '',
    nis2: 'important',
    telecom: 'true',
    dpoName: 'Dana DPO',
    dpoEmail: 'privacy@controller.example',
    dpoPhone: '+49 69 123456',
  };

  it('lists the organization for everyone and webhooks for org admins in the administration', async () => {
    const admin = await session(tenant.controllerSlug, 'org_admin');
    const dpo = await session(tenant.controllerSlug, 'controller_dpo', 'de');
    const overview = (await get('/admin', admin)).text;
    expect(overview).toContain('<a href="/admin/organization">Organization</a>');
    expect(overview).toContain('<a href="/admin/webhooks">Webhooks</a>');
    const dpoOverview = (await get('/admin', dpo)).text;
    expect(dpoOverview).toContain('<a href="/admin/organization">Organisation</a>');
    expect(dpoOverview).not.toContain('/admin/webhooks');
  });

  it('lets an org admin change the organization, with errors at their fields and nothing changed then; audited', async () => {
    const admin = await session(tenant.controllerSlug, 'org_admin');
    const page = await get('/admin/organization', admin);
    expect(page.status).toBe(200);
    expect(page.text).toContain('aria-current="page">Organization</a>');
    expect(page.text).toContain(`value="Controller ${tenant.controllerSlug.slice(5)} GmbH"`);
    expect(page.text).toContain('<option value="none" selected>none</option>');

    const before = await orgRow();
    const trail = (await orgEvents()).length;
    const refused = await post('/admin/organization', admin, { ...FULL, country: 'XX' });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain(
      'id="country" name="country" type="text" size="3" maxlength="2" required autocomplete="country" value="XX" aria-invalid="true" aria-describedby="country-help country-error"',
    );
    const badMail = await post('/admin/organization', admin, { ...FULL, dpoEmail: 'not an address' });
    expect(badMail.status).toBe(400);
    expect(badMail.text).toContain('<span id="dpoEmail-error" class="error">must be an email</span>');
    expect(refused.text).toContain('<a href="#country">Country (ISO 3166-1 code)</a>');
    expect(refused.text).toContain('value="Dana DPO"');
    expect(await orgRow()).toEqual(before);
    expect(await orgEvents()).toHaveLength(trail);

    const saved = await post('/admin/organization', admin, FULL);
    expect(saved.status).toBe(303);
    expect(saved.headers.location).toBe('/admin/organization?saved=1');
    expect((await get('/admin/organization?saved=1', admin)).text).toContain('<p class="notice" role="status">Saved.</p>');
    const api = await t.request('GET', '/api/v1/organization', { token: tenant.dpoToken });
    expect(api.body).toMatchObject({
      name: 'Controller GmbH',
      address: 'Hauptstraße 1\n60311 Frankfurt am Main',
      nis2: 'important',
      telecom: true,
      dora: false,
      dpoEmail: 'privacy@controller.example',
      dpoPhone: '+49 69 123456',
    });
    const last = (await orgEvents()).at(-1);
    expect(last.actor).toBe(`user:${admin.email}`);
    expect(Object.keys(last.changes).sort()).toEqual(['address', 'dpoEmail', 'dpoPhone', 'name', 'nis2', 'telecom']);

    // Unticking a box is a change too.
    expect((await post('/admin/organization', admin, { ...FULL, telecom: [] })).status).toBe(303);
    expect((await orgEvents()).at(-1).changes).toEqual({ telecom: { from: true, to: false } });
  });

  it('shows DPOs and processor staff their organization read-only; their posts are refused (403) and change nothing', async () => {
    const dpo = await session(tenant.controllerSlug, 'controller_dpo', 'de');
    const page = await get('/admin/organization', dpo);
    expect(page.status).toBe(200);
    expect(page.text).not.toContain('action="/admin/organization"');
    expect(page.text).toContain('<dt>Datenschutzbeauftragte(r): E-Mail-Adresse</dt><dd>privacy@controller.example</dd>');
    expect(page.text).toContain('<dt>Einrichtung nach NIS2</dt><dd>wichtige Einrichtung</dd>');
    const before = await orgRow();
    const refused = await post('/admin/organization', dpo, { ...FULL, name: 'Taken over' });
    expect(refused.status).toBe(403);
    expect(await orgRow()).toEqual(before);

    const staff = await session(tenant.processorSlug, 'processor_staff');
    const theirs = await get('/admin/organization', staff);
    expect(theirs.text).toContain(`<dt>Name of the organization</dt><dd>Processor ${tenant.processorSlug.slice(5)} GmbH</dd>`);
    expect(theirs.text).not.toContain('Controller GmbH');
  });

  it('lets an org admin add a webhook (secret shown once), see its failed deliveries, send one again, and delete it', async () => {
    const admin = await session(tenant.controllerSlug, 'org_admin');
    const dpo = await session(tenant.controllerSlug, 'controller_dpo');
    expect((await get('/admin/webhooks', dpo)).status).toBe(403);
    expect((await post('/admin/webhooks', dpo, { url: receiverUrl, events: 'incident.created' })).status).toBe(403);

    const none = await post('/admin/webhooks', admin, { url: receiverUrl });
    expect(none.status).toBe(400);
    expect(none.text).toContain('<fieldset id="events" aria-invalid="true" aria-describedby="events-error">');
    expect(none.text).toContain(`value="${receiverUrl}"`);
    const bad = await post('/admin/webhooks', admin, { url: 'ftp://example.org/x', events: 'incident.created' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('<span id="url-error" class="error">');
    expect((await t.request('GET', '/api/v1/webhooks', { token: tenant.adminToken })).body.items).toEqual([]);

    const made = await post('/admin/webhooks', admin, { url: receiverUrl, events: ['incident.created', 'decision.made'] });
    expect(made.status).toBe(201);
    const secret = /id="new-secret" type="text" readonly size="50" value="([^"]+)"/.exec(made.text)![1];
    expect(secret).toMatch(/^whsec_/);
    const [endpoint] = (await t.request('GET', '/api/v1/webhooks', { token: tenant.adminToken })).body.items;
    expect(endpoint).toMatchObject({ url: receiverUrl, events: ['incident.created', 'decision.made'], includeDetails: false });
    const listed = (await get('/admin/webhooks', admin)).text;
    expect(listed).not.toContain(secret);
    expect(listed).toContain(`<th scope="row">${receiverUrl}</th><td>incident.created, decision.made</td>`);
    expect(listed).toContain('No failed deliveries.');

    const filed = await t.request('POST', '/api/v1/incidents', {
      token: tenant.dpoToken,
      body: { title: 'Backup exposed', nature: { description: 'A backup was reachable.' }, discoveredAt: t.clock.now().toISOString() },
    });
    expect(filed.status).toBe(201);
    expect(await t.get(WebhookDispatcher).dispatchDue(t.clock.now())).toMatchObject({ failed: 1 });
    expect(hits).toBe(1);
    const failing = (await get('/admin/webhooks', admin)).text;
    expect(failing).toMatch(/<td>failed \(HTTP 503\), [^<]+<\/td><td>1<\/td>/);
    const [delivery] = await t.dataSource.query(`SELECT id, status FROM webhook_delivery WHERE endpoint_id = $1`, [endpoint.id]);
    expect(delivery.status).toBe('failed');
    expect(failing).toContain(`action="/admin/webhooks/${endpoint.id}/deliveries/${delivery.id}/retry"`);

    const retried = await post(`/admin/webhooks/${endpoint.id}/deliveries/${delivery.id}/retry`, admin);
    expect(retried.status).toBe(303);
    expect(retried.headers.location).toBe('/admin/webhooks?saved=retried');
    expect((await t.dataSource.query(`SELECT status, attempts FROM webhook_delivery WHERE id = $1`, [delivery.id]))[0]).toEqual({
      status: 'pending',
      attempts: 0,
    });
    const again = await post(`/admin/webhooks/${endpoint.id}/deliveries/${delivery.id}/retry`, admin);
    expect(again.status).toBe(409);
    expect(again.text).toContain('only failed ones are sent again');

    const deleted = await post(`/admin/webhooks/${endpoint.id}/delete`, admin);
    expect(deleted.status).toBe(303);
    expect((await get('/admin/webhooks?saved=deleted', admin)).text).toContain('Webhook deleted.');
    expect((await t.request('GET', '/api/v1/webhooks', { token: tenant.adminToken })).body.items).toEqual([]);
    expect((await post(`/admin/webhooks/${endpoint.id}/delete`, admin)).status).toBe(404);
    const audited = await t.dataSource.query(`SELECT action FROM audit_event WHERE entity_id IN ($1, $2) ORDER BY seq`, [
      endpoint.id,
      delivery.id,
    ]);
    expect(audited.map((a: { action: string }) => a.action)).toEqual(['webhook.created', 'webhook.delivery_requeued', 'webhook.deleted']);
  });
});
