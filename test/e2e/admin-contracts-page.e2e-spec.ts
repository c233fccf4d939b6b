import { CLI_ACTOR } from '../../src/identity/domain/actor';
import { IdentityService } from '../../src/identity/identity.service';
import { makeTenant, Tenant } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

const PASSWORD = 'correct horse battery staple';
const HEADER = 'controller_slug,controller_name,country,region,sector,dpo_name,dpo_email,reference,notice_hours';
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

// /admin/contracts without a browser: who sees what, the forms, a refused import's lines, paging.
describe('contracts page', () => {
  let t: TestApp;
  let tenant: Tenant;
  let processorAdmin: { cookie: string; csrf: string };
  let dpo: { cookie: string; csrf: string };

  async function session(email: string) {
    const res = await t.request('POST', '/login', { rawBody: form({ email, password: PASSWORD }), headers: FORM });
    expect(res.status).toBe(303);
    const cookie = String(res.headers['set-cookie']).split(';')[0];
    const page = await t.request('GET', '/admin/tokens', { headers: { cookie } });
    return { cookie, csrf: /name="_csrf" value="([^"]+)"/.exec(page.text)![1] };
  }
  const post = (url: string, who: { cookie: string; csrf: string }, fields: Record<string, string>) =>
    t.request('POST', url, { rawBody: form({ _csrf: who.csrf, ...fields }), headers: { ...FORM, cookie: who.cookie } });
  const get = (url: string, who: { cookie: string }) => t.request('GET', url, { headers: { cookie: who.cookie } });

  beforeAll(async () => {
    t = await startTestApp();
    tenant = await makeTenant(t);
    const identity = t.get(IdentityService);
    const adminEmail = `padmin-${tenant.processorSlug}@processor.example`;
    const dpoEmail = `reader-${tenant.controllerSlug}@controller.example`;
    await identity.createUser(
      { organizationSlug: tenant.processorSlug, email: adminEmail, role: 'org_admin', password: PASSWORD, locale: 'en' },
      CLI_ACTOR,
    );
    await identity.createUser(
      { organizationSlug: tenant.controllerSlug, email: dpoEmail, role: 'controller_dpo', password: PASSWORD, locale: 'de' },
      CLI_ACTOR,
    );
    processorAdmin = await session(adminEmail);
    dpo = await session(dpoEmail);
  });
  afterAll(async () => {
    await t.close();
  });

  it('lists the contracts to both parties; only the processor admin gets the forms', async () => {
    const mine = await get('/admin/contracts', processorAdmin);
    expect(mine.status).toBe(200);
    expect(mine.text).toContain(`AVV ${tenant.controllerSlug.slice(5)}`);
    expect(mine.text).toContain('action="/admin/contracts/import"');
    const theirs = await get('/admin/contracts', dpo);
    expect(theirs.status).toBe(200);
    expect(theirs.text).toContain(`AVV ${tenant.controllerSlug.slice(5)}`);
    expect(theirs.text).toContain('Verträge');
    expect(theirs.text).not.toContain('action="/admin/contracts/import"');
    expect((await post('/admin/contracts/import', dpo, { csv: `${HEADER}\n` })).status).toBe(403);
  });
});
