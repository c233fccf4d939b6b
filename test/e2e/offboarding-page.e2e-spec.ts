import { AuditService } from '../../src/audit/audit.service';
import { CLI_ACTOR } from '../../src/identity/domain/actor';
import { IdentityService } from '../../src/identity/identity.service';
import { checkArchive } from '../../src/offboarding/domain/organization-archive';
import { fullReport, makeTenant, Tenant } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

const PASSWORD = 'correct horse battery staple';
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const cookieOf = (res: { headers: Record<string, unknown> }) => String(res.headers['set-cookie']).split(';')[0];
const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)![1];

// The offboarding page (docs/offboarding.md, "The page"): the archive as a download, and the
// deletion in two steps, through the app as a browser posts.
describe('offboarding page: export and deletion of the organization', () => {
  let t: TestApp;
  let tenant: Tenant;
  let incidentId: string;
  const sql = <T = any>(text: string, params: unknown[] = []): Promise<T[]> => t.dataSource.query(text, params);

  beforeAll(async () => {
    t = await startTestApp();
    tenant = await makeTenant(t);
    const filed = await t.request('POST', '/api/v1/incidents', {
      token: tenant.processorToken,
      body: fullReport(tenant.contractId, t.clock.now().toISOString()),
    });
    expect(filed.status).toBe(201);
    incidentId = filed.body.id;
  });
  afterAll(() => t.close());

  async function signedIn(slug: string, email: string, role: 'org_admin' | 'controller_dpo', locale: 'en' | 'de' = 'en') {
    await t.get(IdentityService).createUser({ organizationSlug: slug, email, role, password: PASSWORD, locale }, CLI_ACTOR);
    const res = await t.request('POST', '/login', { rawBody: form({ email, password: PASSWORD }), headers: FORM });
    expect(res.status).toBe(303);
    const cookie = cookieOf(res);
    const settings = await t.request('GET', '/settings', { headers: { cookie } });
    return { cookie, csrf: csrfOf(settings.text) };
  }
  const post = (url: string, who: { cookie: string; csrf: string }, fields: Record<string, string> = {}) =>
    t.request('POST', url, { rawBody: form({ _csrf: who.csrf, ...fields }), headers: { ...FORM, cookie: who.cookie } });
  const get = (url: string, who: { cookie: string }) => t.request('GET', url, { headers: { cookie: who.cookie } });
  const rowsOf = async () =>
    (
      await sql(
        `SELECT (SELECT count(*) FROM organization)::int AS orgs, (SELECT count(*) FROM incident)::int AS incidents,
                (SELECT count(*) FROM app_user)::int AS users, (SELECT count(*) FROM audit_event)::int AS events`,
      )
    )[0];

  it('shows the page to org admins only, in their language, listed in the admin navigation', async () => {
    const admin = await signedIn(tenant.controllerSlug, `admin-en-${tenant.controllerSlug}@controller.example`, 'org_admin');
    const overview = await get('/admin', admin);
    expect(overview.text).toContain('<a href="/admin/offboarding">Export and delete</a>');
    const pageEn = await get('/admin/offboarding', admin);
    expect(pageEn.status).toBe(200);
    expect(pageEn.text).toContain('aria-current="page">Export and delete</a>');
    expect(pageEn.text).toContain('<h2>Export everything of this organization</h2>');
    expect(pageEn.text).toContain('A report you submitted as processor stays with the controller you reported to');
    expect(pageEn.text).toContain('<a href="/admin/offboarding/delete">Continue to deletion</a>');

    const adminDe = await signedIn(tenant.controllerSlug, `admin-de-${tenant.controllerSlug}@controller.example`, 'org_admin', 'de');
    const pageDe = await get('/admin/offboarding', adminDe);
    expect(pageDe.text).toContain('<h1>Export und Löschung</h1>');
    expect(pageDe.text).toContain('Eine Meldung, die Sie als Auftragsverarbeiter abgeschickt haben, bleibt beim Verantwortlichen');

    const dpo = await signedIn(tenant.controllerSlug, `dpo-page-${tenant.controllerSlug}@controller.example`, 'controller_dpo');
    expect((await get('/admin', dpo)).text).not.toContain('/admin/offboarding');
    expect((await get('/admin/offboarding', dpo)).status).toBe(403);
    expect((await get('/admin/offboarding/delete', dpo)).status).toBe(403);
    const before = await rowsOf();
    expect((await post('/admin/offboarding/export', dpo)).status).toBe(403);
    expect((await post('/admin/offboarding/delete', dpo, { confirm: tenant.controllerSlug })).status).toBe(403);
    expect(await rowsOf()).toEqual(before);
  });

  it('downloads the archive the verifier accepts, recorded in the admin’s audit chain; without the form token nothing', async () => {
    const admin = await signedIn(tenant.controllerSlug, `admin-x-${tenant.controllerSlug}@controller.example`, 'org_admin');
    const before = await rowsOf();
    expect((await post('/admin/offboarding/export', { ...admin, csrf: 'wrong' })).status).toBe(403);
    expect((await t.request('POST', '/admin/offboarding/export', { rawBody: '', headers: { ...FORM, cookie: admin.cookie } })).status).toBe(
      403,
    );
    expect(await rowsOf()).toEqual(before);

    const res = await post('/admin/offboarding/export', admin);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    const day = t.clock.now().toISOString().slice(0, 10);
    expect(res.headers['content-disposition']).toBe(`attachment; filename="breachclock-${tenant.controllerSlug}-${day}.json"`);
    expect(res.headers['cache-control']).toBe('no-store');
    const check = checkArchive(res.text);
    expect(check.ok).toBe(true);
    const archive = JSON.parse(res.text);
    expect(archive.manifest.organization.slug).toBe(tenant.controllerSlug);
    expect(archive.sections.incidents.map((i: { id: string }) => i.id)).toEqual([incidentId]);
    expect(archive.sections.users.map((u: { email: string }) => u.email)).toContain(`admin-x-${tenant.controllerSlug}@controller.example`);
    expect(res.text).not.toContain('password_hash');

    const [event] = await sql(
      `SELECT chain, action, actor, entity_id, changes FROM audit_event WHERE action = 'organization.exported' ORDER BY seq DESC LIMIT 1`,
    );
    expect(event).toMatchObject({
      chain: `org:${tenant.controllerId}`,
      actor: `user:admin-x-${tenant.controllerSlug}@controller.example`,
      entity_id: tenant.controllerId,
    });
    expect(event.changes.auditHead.to).toBe(archive.manifest.auditChain.headHash);
    expect(event.changes.rows.to.incidents).toBe(1);
    // The next archive lists the export, and its chain still ends at the head the installation holds.
    const next = await post('/admin/offboarding/export', admin);
    expect(checkArchive(next.text).ok).toBe(true);
    const actions = JSON.parse(next.text).sections.auditEvents.map((e: { action: string }) => e.action);
    expect(actions[actions.length - 1]).toBe('organization.exported');
  });

  it('deletes nothing for a wrong slug and says so at the field; the right slug deletes, signs out and says goodbye', async () => {
    const leaving = await makeTenant(t);
    const admin = await signedIn(leaving.processorSlug, `admin-${leaving.processorSlug}@processor.example`, 'org_admin');
    const filed = await t.request('POST', '/api/v1/incidents', {
      token: leaving.processorToken,
      body: fullReport(leaving.contractId, t.clock.now().toISOString()),
    });
    expect(filed.status).toBe(201);

    const step2 = await get('/admin/offboarding/delete', admin);
    expect(step2.status).toBe(200);
    expect(step2.text).toContain(`Type the short name of your organization, ${leaving.processorSlug}, to confirm.`);
    expect(step2.text).toContain('aria-describedby="confirm-help"');

    const before = await rowsOf();
    for (const confirm of ['', leaving.controllerSlug, `${leaving.processorSlug}x`, tenant.processorSlug]) {
      const wrong = await post('/admin/offboarding/delete', admin, { confirm });
      expect(wrong.status).toBe(400);
      expect(wrong.text).toContain('aria-invalid="true" aria-describedby="confirm-help confirm-error"');
      expect(wrong.text).toContain(
        '<span id="confirm-error" class="error">This is not the short name of your organization. Nothing was deleted.</span>',
      );
      expect(wrong.text).toContain('<a href="#confirm">Short name of the organization</a>');
      expect(await rowsOf()).toEqual(before);
    }
    expect((await post('/admin/offboarding/delete', { ...admin, csrf: 'wrong' }, { confirm: leaving.processorSlug })).status).toBe(403);
    expect(await rowsOf()).toEqual(before);
    expect((await get('/admin/offboarding', admin)).status).toBe(200);

    const gone = await post('/admin/offboarding/delete', admin, { confirm: leaving.processorSlug });
    expect(gone.status).toBe(200);
    expect(gone.text).toContain('<h1>Organization deleted</h1>');
    expect(gone.text).toContain(
      'Deleted: incidents 0, contracts 1, users 2. Reports that stay with their controllers without your people: 1.',
    );
    expect(gone.text).not.toContain(admin.csrf);
    expect(String(gone.headers['set-cookie'])).toMatch(/^bc_session=;.*Max-Age=0/);

    expect(await sql(`SELECT id FROM organization WHERE id = $1`, [leaving.processorId])).toEqual([]);
    expect(await sql(`SELECT id FROM app_user WHERE organization_id = $1`, [leaving.processorId])).toEqual([]);
    // The report it submitted stays with the controller, without its people (docs/offboarding.md).
    const [kept] = await sql(`SELECT processor_id, contact_email FROM incident WHERE id = $1`, [filed.body.id]);
    expect(kept).toEqual({ processor_id: null, contact_email: null });
    // The session cookie is refused; the tokens too.
    const after = await get('/admin/offboarding', admin);
    expect(after.status).toBe(303);
    expect(after.headers.location).toBe('/login');
    expect((await post('/admin/offboarding/delete', admin, { confirm: leaving.processorSlug })).status).toBe(303);
    expect((await t.request('GET', '/api/v1/incidents', { token: leaving.processorToken })).status).toBe(401);
    // The controller's register and every chain still verify; the chain is reported deleted by its admin.
    expect((await t.request('GET', `/api/v1/incidents/${filed.body.id}`, { token: leaving.dpoToken })).status).toBe(200);
    const verified = await t.get(AuditService).verifyChain();
    expect(verified.break).toBeNull();
    expect(verified.chains.find((c) => c.chain === `org:${leaving.processorId}`)?.deleted).toBeTruthy();
    const [tombstone] = await sql(`SELECT chain, actor FROM audit_event WHERE action = 'audit.chain_deleted' AND entity_id = $1`, [
      leaving.processorId,
    ]);
    expect(tombstone).toEqual({ chain: 'system', actor: `user:admin-${leaving.processorSlug}@processor.example` });
  });
});
