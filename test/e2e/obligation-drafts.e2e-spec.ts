import { randomBytes } from 'node:crypto';
import { CLI_ACTOR } from '../../src/identity/domain/actor';
import { IdentityService } from '../../src/identity/identity.service';
import { fullReport, makeTenant, Tenant } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

interface ObligationBody {
  id: string;
  key: string;
}

describe('drafts per obligation (GET /api/v1/obligations/:id/draft)', () => {
  let t: TestApp;
  let tenant: Tenant;
  let incidentId: string;

  beforeAll(async () => {
    t = await startTestApp();
    tenant = await makeTenant(t);
    t.clock.set('2025-06-06T12:00:00Z');
    const filed = await t.request('POST', '/api/v1/incidents', {
      token: tenant.processorToken,
      body: fullReport(tenant.contractId, '2025-06-06T08:00:00Z'),
    });
    expect(filed.status).toBe(201);
    incidentId = filed.body.id;
  });
  afterAll(() => t.close());

  async function controller(profile: Record<string, unknown>): Promise<string> {
    const identity = t.get(IdentityService);
    const s = randomBytes(4).toString('hex');
    const org = await identity.createOrganization(
      { slug: `c-${s}`, name: `Controller ${s} Ltd`, kind: 'controller', dpoName: 'Dee Pio', dpoEmail: `dpo-${s}@c.example`, ...profile },
      CLI_ACTOR,
    );
    const email = `dpo-${s}@c.example`;
    await identity.createUser({ organizationSlug: org.slug, email, role: 'controller_dpo' }, CLI_ACTOR);
    return (await identity.createToken(email, CLI_ACTOR)).token;
  }
  const own = async (token: string, extra: Record<string, unknown> = {}): Promise<string> => {
    const res = await t.request('POST', '/api/v1/incidents', { token, body: fullReport(undefined, '2025-06-06T10:00:00Z', extra) });
    expect(res.status).toBe(201);
    return res.body.id;
  };
  const obligation = async (token: string, id: string, key: string): Promise<string> => {
    const res = await t.request('GET', `/api/v1/incidents/${id}/obligations`, { token });
    const found = (res.body.items as ObligationBody[]).find((o) => o.key === key);
    if (!found) throw new Error(`no ${key} in ${(res.body.items as ObligationBody[]).map((o) => o.key).join(', ')}`);
    return found.id;
  };
  const draft = (token: string, id: string, query = '', headers: Record<string, string> = {}) =>
    t.request('GET', `/api/v1/obligations/${id}/draft${query}`, { token, headers });

  it("drafts the controller's authority duty addressed to its authority, and the processor's report for both sides", async () => {
    const hbdi = await obligation(tenant.dpoToken, incidentId, 'gdpr/notify_authority/de-he');
    const res = await draft(tenant.dpoToken, hbdi, '?lang=en');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/markdown; charset=utf-8');
    expect(res.headers['content-language']).toBe('en');
    expect(String(res.headers['x-template'])).toMatch(/^authority-initial\.en@[0-9a-f]{12}$/);
    expect(res.text).toContain('# Notification of a personal data breach (Art. 33 GDPR)');
    expect(res.text).toContain('**Supervisory authority:** Hessian Commissioner for Data Protection and Freedom of Information (HBDI)');
    expect(res.text).toContain('- 72-hour deadline (Art. 33(1)): 9 June 2025 at 14:00 (UTC+02:00)');
    expect((await draft(tenant.dpoToken, hbdi, '?lang=de')).text).toContain('Art. 33 DSGVO');

    const report = await obligation(tenant.processorToken, incidentId, `contract/report_to_controller/controller`);
    for (const token of [tenant.processorToken, tenant.dpoToken]) {
      const r = await draft(token, report, '?lang=en');
      expect(r.status).toBe(200);
      expect(String(r.headers['x-template'])).toMatch(/^processor-report\.en@/);
    }
  });

  it("is 404 for a duty the caller's side may not see: the processor never sees the controller's duties, nor another organization anyone's", async () => {
    const hbdi = await obligation(tenant.dpoToken, incidentId, 'gdpr/notify_authority/de-he');
    const processor = await draft(tenant.processorToken, hbdi);
    expect(processor.status).toBe(404);
    expect(processor.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(processor.body.type).toBe('urn:breachclock:problem:obligation.not_found');
    const stranger = await makeTenant(t);
    expect((await draft(stranger.dpoToken, hbdi)).status).toBe(404);
    expect((await draft(tenant.dpoToken, '0190a0c0-0000-7000-8000-000000000000')).status).toBe(404);
  });

  it('refuses a bad language, a bad phase, a phase that does not apply and an authorityId with 400 naming the field', async () => {
    const hbdi = await obligation(tenant.dpoToken, incidentId, 'gdpr/notify_authority/de-he');
    const report = await obligation(tenant.dpoToken, incidentId, `contract/report_to_controller/controller`);
    for (const [id, query, path] of [
      [hbdi, '?lang=fr', 'lang'],
      [hbdi, '?phase=final', 'phase'],
      [report, '?phase=initial', 'phase'],
      [hbdi, '?authorityId=fr', 'authorityId'],
    ]) {
      const res = await draft(tenant.dpoToken, id, query);
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual([path]);
    }
    expect((await t.request('GET', '/api/v1/obligations/not-a-uuid/draft', { token: tenant.dpoToken })).status).toBe(400);
  });

  it('a follow-up needs the initial notification to that authority, then quotes its case reference', async () => {
    const hbdi = await obligation(tenant.dpoToken, incidentId, 'gdpr/notify_authority/de-he');
    const early = await draft(tenant.dpoToken, hbdi, '?phase=followup');
    expect(early.status).toBe(409);
    expect(early.body.type).toBe('urn:breachclock:problem:notification.initial_required');
    t.clock.set('2025-06-07T09:00:00Z');
    const sent = await t.request('POST', `/api/v1/incidents/${incidentId}/notifications`, {
      token: tenant.dpoToken,
      body: { obligationId: hbdi, sentAt: '2025-06-07T09:00:00Z', reference: 'HBDI-2025-0815' },
    });
    expect(sent.status).toBe(201);
    const followup = await draft(tenant.dpoToken, hbdi, '?phase=followup&lang=en');
    expect(followup.status).toBe(200);
    expect(followup.text).toContain('**Your case reference:** HBDI-2025-0815');
    expect(String(followup.headers['x-template'])).toMatch(/^authority-followup\.en@/);
  });

  it('a controller without an EU establishment gets one draft per authority; the ICO draft is under the UK GDPR', async () => {
    const us = await controller({ country: 'US' });
    const id = await own(us, { affectedCountries: ['FR', 'IT', 'GB'] });
    const cnil = await draft(us, await obligation(us, id, 'gdpr/notify_authority/fr'), '?lang=en');
    expect(cnil.text).toContain('**Supervisory authority:** French Data Protection Authority (CNIL)');
    const garante = await draft(us, await obligation(us, id, 'gdpr/notify_authority/it'), '?lang=en');
    expect(garante.text).toContain('**Supervisory authority:** Italian Data Protection Authority (GPDP)');
    const ico = await draft(us, await obligation(us, id, 'uk_gdpr/notify_authority/gb'), '?lang=en');
    expect(ico.text).toContain('# Notification of a personal data breach (Art. 33 UK GDPR)');
    expect(ico.text).toContain("**Supervisory authority:** Information Commissioner's Office (ICO)");
  });

  it('a Swiss controller gets the FDPIC notification under Art. 24 revFADP, without a deadline', async () => {
    const ch = await controller({ country: 'CH' });
    const id = await own(ch, { affectedCountries: ['CH'] });
    const res = await draft(ch, await obligation(ch, id, 'ch_fadp/notify_authority/ch'), '?lang=en');
    expect(res.status).toBe(200);
    expect(String(res.headers['x-template'])).toMatch(/^authority-fdpic\.en@/);
    expect(res.text).toContain('# Notification of a data security breach to the FDPIC (Art. 24 revFADP)');
    expect(res.text).not.toMatch(/72-hour|GDPR/);
    // Recorded for that duty, the notification is stored in the FDPIC's wording.
    const fdpic = await obligation(ch, id, 'ch_fadp/notify_authority/ch');
    const sent = await t.request('POST', `/api/v1/incidents/${id}/notifications`, {
      token: ch,
      body: { obligationId: fdpic, sentAt: '2025-06-06T12:00:00Z', language: 'en' },
    });
    expect(sent.status).toBe(201);
    expect(sent.body.body).toContain('# Notification of a data security breach to the FDPIC (Art. 24 revFADP)');
  });

  it('NIS2: the early warning and the notification as summaries of what the CSIRT asks, the notification quoting the early warning', async () => {
    const nis2 = await controller({ country: 'DE', region: 'DE-HE', nis2: 'essential' });
    t.clock.set('2025-06-06T12:00:00Z');
    const id = await own(nis2, { affectedCountries: ['DE', 'AT'], nature: { description: 'Ransomware.', cause: 'malware' } });
    const classified = await t.request('PUT', `/api/v1/incidents/${id}/classifications/nis2`, {
      token: nis2,
      body: { significant: true, awareAt: '2025-06-06T11:00:00Z' },
    });
    expect(classified.status).toBe(200);
    const warning = await obligation(nis2, id, 'nis2/early_warning/de-bsi');
    const res = await draft(nis2, warning, '?lang=en');
    expect(res.status).toBe(200);
    expect(String(res.headers['x-template'])).toMatch(/^filing-summary\.en@/);
    expect(res.text).toContain('# Early warning (Art. 23(4)(a) NIS2)');
    expect(res.text).toContain('- Suspected unlawful or malicious acts: yes, suspected (malware)');
    expect(res.text).toContain('- Possible cross-border impact: possible: people affected in Austria');
    expect(res.text).toContain('**Deadline:** 7 June 2025 at 13:00 (UTC+02:00)');
    const html = await draft(nis2, warning, '?lang=de', { accept: 'text/html' });
    expect(html.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(html.text).toContain('<h1>Frühwarnung (Art. 23 Abs. 4 lit. a NIS2)</h1>');

    const filed = await t.request('POST', `/api/v1/incidents/${id}/notifications`, {
      token: nis2,
      body: { obligationId: warning, sentAt: '2025-06-06T12:00:00Z', reference: 'BSI-4711', body: res.text },
    });
    expect(filed.status).toBe(201);
    const notification = await draft(nis2, await obligation(nis2, id, 'nis2/incident_notification/de-bsi'), '?lang=en');
    expect(notification.text).toContain("- Early warning submitted: 6 June 2025 at 14:00 (UTC+02:00), authority's reference: BSI-4711");
    expect(notification.text).toContain(
      '## To be completed before sending\n- Security properties affected\n- Severity\n- Indicators of compromise',
    );
  });

  it('DORA: the initial notification with the fields of the ITS template; the processor side never sees it', async () => {
    const identity = t.get(IdentityService);
    const s = randomBytes(4).toString('hex');
    const bank = await identity.createOrganization(
      { slug: `b-${s}`, name: `Bank ${s} AG`, kind: 'controller', country: 'DE', region: 'DE-HE', dora: true },
      CLI_ACTOR,
    );
    await identity.createUser({ organizationSlug: bank.slug, email: `dpo-${s}@bank.example`, role: 'controller_dpo' }, CLI_ACTOR);
    const token = (await identity.createToken(`dpo-${s}@bank.example`, CLI_ACTOR)).token;
    const id = await own(token);
    const major = await t.request('PUT', `/api/v1/incidents/${id}/classifications/dora`, {
      token,
      body: { major: true, awareAt: '2025-06-06T10:00:00Z', classifiedAt: '2025-06-06T11:00:00Z' },
    });
    expect(major.status).toBe(200);
    const initial = await obligation(token, id, 'dora/initial_notification/de-bafin');
    const res = await draft(token, initial, '?lang=en');
    expect(res.text).toContain('# Initial notification of a major ICT-related incident (DORA)');
    expect(res.text).toContain('- Date and time of classification as major: 6 June 2025 at 13:00 (UTC+02:00)');
    expect(res.text).toContain('- Classification criteria that triggered the report: [to be completed before sending]');
    expect((await draft(tenant.processorToken, initial)).status).toBe(404);
  });
});
