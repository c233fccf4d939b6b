import { CLI_ACTOR } from '../../src/identity/domain/actor';
import { IdentityService } from '../../src/identity/identity.service';
import { fullReport, makeTenant, Tenant } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

const PASSWORD = 'correct horse battery staple';
const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

describe('the drafts page: a draft per duty, and the record of what was sent for it', () => {
  let t: TestApp;
  let tenant: Tenant;
  let incidentId: string;
  let cookie: string;

  beforeAll(async () => {
    t = await startTestApp();
    tenant = await makeTenant(t);
    const email = `web-${tenant.controllerSlug}@controller.example`;
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
    incidentId = (
      await t.request('POST', '/api/v1/incidents', {
        token: tenant.processorToken,
        body: fullReport(tenant.contractId, '2025-06-06T09:00:00Z'),
      })
    ).body.id;
    const signedIn = await t.request('POST', '/login', { rawBody: form({ email, password: PASSWORD }), headers: FORM });
    cookie = String(signedIn.headers['set-cookie']).split(';')[0];
  });
  afterAll(() => t.close());

  const duties = async () => (await t.request('GET', `/api/v1/incidents/${incidentId}/obligations`, { token: tenant.dpoToken })).body.items;

  it('offers each duty, the language and the kind of notification, and shows the chosen draft', async () => {
    const [report, hbdi] = await duties();
    const res = await t.request('GET', `/incidents/${incidentId}/drafts?obligation=${hbdi.id}&lang=de`, { headers: { cookie } });
    expect(res.status).toBe(200);
    expect(res.text).toContain(`<option value="${report.id}">The processor&#x27;s report to the controller – Controller`);
    expect(res.text).toContain(`<option value="${hbdi.id}" selected>Notification to the supervisory authority (Art. 33 GDPR) – `);
    expect(res.text).toContain('<option value="de" selected>Deutsch</option>');
    expect(res.text).toContain('<pre class="draft"># Meldung einer Verletzung des Schutzes personenbezogener Daten (Art. 33 DSGVO)');
    expect(res.text).toContain(`<a href="/obligations/${hbdi.id}/draft?lang&#x3D;de&amp;format&#x3D;pdf">PDF</a>`);
    expect(res.text).toContain(`action="/obligations/${hbdi.id}/filings"`);

    const pdf = await t.request('GET', `/obligations/${hbdi.id}/draft?lang=de&format=pdf`, { headers: { cookie } });
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toBe('attachment; filename="gdpr-notify_authority-de.pdf"');
    const html = await t.request('GET', `/obligations/${hbdi.id}/draft?lang=en`, { headers: { cookie } });
    expect(html.text).toContain('<h1>Notification of a personal data breach (Art. 33 GDPR)</h1>');
  });

  it('records what was sent for the chosen duty with its obligationId, and draws the refusal next to the draft', async () => {
    const [, hbdi] = await duties();
    const page = await t.request('GET', `/incidents/${incidentId}/drafts?obligation=${hbdi.id}`, { headers: { cookie } });
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)![1];
    const bad = await t.request('POST', `/obligations/${hbdi.id}/filings`, {
      rawBody: form({ _csrf: csrf, sentAt: 'yesterday', channel: 'online form' }),
      headers: { ...FORM, cookie },
    });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('sentAt');
    expect(bad.text).toContain('value="online form"');
    const ok = await t.request('POST', `/obligations/${hbdi.id}/filings`, {
      rawBody: form({ _csrf: csrf, sentAt: '2025-06-06T11:30', channel: 'online form', reference: 'HBDI-1', language: 'de' }),
      headers: { ...FORM, cookie },
    });
    expect(/role="alert">[\s\S]*?<\/div>/.exec(ok.text)?.[0] ?? '').toBe('');
    expect(ok.status).toBe(303);
    expect(ok.headers.location).toBe(`/incidents/${incidentId}/drafts?obligation=${hbdi.id}`);
    const sent = (await t.request('GET', `/api/v1/incidents/${incidentId}/notifications`, { token: tenant.dpoToken })).body.items;
    expect(sent).toEqual([
      expect.objectContaining({ kind: 'authority_initial', obligationId: hbdi.id, reference: 'HBDI-1', language: 'de' }),
    ]);
    const after = await t.request('GET', `/incidents/${incidentId}/drafts?obligation=${hbdi.id}`, { headers: { cookie } });
    expect(after.text).not.toContain(`action="/obligations/${hbdi.id}/filings"`);
  });

  it('is the 404 page for an incident or obligation the user may not see', async () => {
    const stranger = await makeTenant(t);
    const other = await t.request('POST', '/api/v1/incidents', {
      token: stranger.processorToken,
      body: fullReport(stranger.contractId, '2025-06-06T09:00:00Z'),
    });
    expect((await t.request('GET', `/incidents/${other.body.id}/drafts`, { headers: { cookie } })).status).toBe(404);
    const [theirs] = (await t.request('GET', `/api/v1/incidents/${other.body.id}/obligations`, { token: stranger.dpoToken })).body.items;
    expect((await t.request('GET', `/obligations/${theirs.id}/draft`, { headers: { cookie } })).status).toBe(404);
  });
});
