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
    const beyond = await get('/admin/contracts?page=999', processorAdmin);
    expect(beyond.text).toContain('Page 1 of 1, 1 in all');
  });

  it('shows every bad line of a refused import and keeps the text; a good file is imported', async () => {
    const a = tenant.processorSlug.slice(5);
    const bad = `${HEADER}\nnew-${a},Neu GmbH,DE,,,Nele,nele-${a}@example.com,P-${a}-1,24\nnew-${a}-2,Zwei,DE,,,Zed,zed,P-${a}-1,999\n`;
    const refused = await post('/admin/contracts/import', processorAdmin, { csv: bad });
    expect(refused.status).toBe(422);
    expect(refused.text).toContain('Nothing was imported.');
    expect(refused.text).toMatch(/<th scope="row">3<\/th><td>dpo_email<\/td><td>is not an e-mail address<\/td>/);
    expect(refused.text).toMatch(/<th scope="row">3<\/th><td>reference<\/td><td>is also on line 2/);
    expect(refused.text).toMatch(/<th scope="row">3<\/th><td>notice_hours<\/td>/);
    expect(refused.text).toContain(`P-${a}-1,24`);
    const good = await post('/admin/contracts/import', processorAdmin, {
      csv: bad.replace(`zed,P-${a}-1,999`, `zed-${a}@example.com,P-${a}-2,12`),
    });
    expect(good.status).toBe(200);
    expect(good.text).toContain('Imported: 2 created, 0 updated, 0 unchanged, 2 controllers created.');
  });

  it('adds a contract and changes its terms for the processor; the controller sets the escalation', async () => {
    const reference = `Web-${tenant.processorSlug}`;
    const badSlug = await post('/admin/contracts', processorAdmin, {
      controllerSlug: 'no-such-org',
      reference,
      processorNoticeHours: '24',
    });
    expect(badSlug.status).toBe(400);
    expect(badSlug.text).toContain('value="no-such-org"');
    const created = await post('/admin/contracts', processorAdmin, {
      controllerSlug: tenant.controllerSlug,
      reference,
      processorNoticeHours: '36',
    });
    expect(created.status).toBe(303);
    const id = /\/admin\/contracts\/([0-9a-f-]{36})/.exec(String(created.headers.location))![1];
    expect(
      (await post(`/admin/contracts/${id}`, processorAdmin, { processorNoticeHours: '6', subProcessors: 'Hosting AG | Berlin | servers' }))
        .status,
    ).toBe(303);
    const [row] = await t.dataSource.query(`SELECT processor_notice_hours AS hours, sub_processors AS subs FROM contract WHERE id = $1`, [
      id,
    ]);
    expect(row).toEqual({ hours: 6, subs: [{ name: 'Hosting AG', address: 'Berlin', service: 'servers' }] });
    const actions = async () =>
      (await t.dataSource.query(`SELECT action FROM audit_event WHERE entity_id = $1 ORDER BY seq`, [id])).map(
        (r: { action: string }) => r.action,
      );
    expect(await actions()).toEqual(['contract.created', 'contract.updated']);

    // The DPO reads it, may not change the terms, sets the escalation.
    expect((await get(`/admin/contracts/${id}`, dpo)).status).toBe(200);
    expect((await post(`/admin/contracts/${id}`, dpo, { processorNoticeHours: '1' })).status).toBe(403);
    const wrong = await post(`/admin/contracts/${id}/escalation`, dpo, { milestones: 'soon', deputies: '', deputiesAfter: '24h' });
    expect(wrong.status).toBe(400);
    expect(wrong.text).toContain('aria-invalid="true"');
    const set = await post(`/admin/contracts/${id}/escalation`, dpo, {
      milestones: '24h,1h,0h',
      deputies: 'Dee Deputy | dee@controller.example',
      deputiesAfter: '12h',
    });
    expect(set.status).toBe(303);
    const [esc] = await t.dataSource.query(
      `SELECT escalation_milestones AS m, deputy_contacts AS d, deputy_after_minutes AS after FROM contract WHERE id = $1`,
      [id],
    );
    expect(esc).toEqual({ m: [1440, 60, 0], d: [{ name: 'Dee Deputy', email: 'dee@controller.example' }], after: 720 });
    expect(await actions()).toEqual(['contract.created', 'contract.updated', 'contract.escalation_changed']);

    // Another organization's contract is not found.
    const other = await makeTenant(t);
    expect((await get(`/admin/contracts/${other.contractId}`, processorAdmin)).status).toBe(404);
    expect((await post(`/admin/contracts/${other.contractId}`, processorAdmin, { processorNoticeHours: '1' })).status).toBe(404);
  });
});
