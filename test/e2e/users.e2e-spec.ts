import { CLI_ACTOR } from '../../src/identity/domain/actor';
import { IdentityService } from '../../src/identity/identity.service';
import { TEST_ENGINE } from '../support/db';
import { fullReport, makeTenant, Tenant } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

const PASSWORD = 'correct horse battery staple';

// The users API of an organization's admins: list, add, change role, deactivate; tenancy; the
// last-admin rule; a deactivated user's sessions and tokens stop working.
describe('users API', () => {
  let t: TestApp;
  let a: Tenant;
  let b: Tenant;

  beforeAll(async () => {
    t = await startTestApp();
    a = await makeTenant(t);
    b = await makeTenant(t);
  });
  afterAll(() => t.close());

  const users = async (token: string) => (await t.request('GET', '/api/v1/users', { token })).body.items as Record<string, any>[];
  const idOf = async (token: string, email: string) => (await users(token)).find((u) => u.email === email)!.id as string;
  const patch = (token: string, id: string, body: unknown) => t.request('PATCH', `/api/v1/users/${id}`, { token, body });
  const userRows = () =>
    t.dataSource.query(`SELECT json_agg(json_build_object('e', email, 'r', role, 'a', active) ORDER BY email) AS u FROM app_user`);

  it("lists the users of the admin's organization, and only to org admins", async () => {
    const list = await users(a.adminToken);
    expect(list.map((u) => u.email).sort()).toEqual([a.dpoEmail, `admin-${a.controllerSlug.slice(5)}@controller.example`].sort());
    expect(list.find((u) => u.email === a.dpoEmail)).toMatchObject({
      role: 'controller_dpo',
      active: true,
      locale: 'de',
      localeChosen: false,
      timeZone: 'Europe/Berlin',
      hasPassword: false,
    });
    for (const token of [a.dpoToken, a.processorToken]) {
      const res = await t.request('GET', '/api/v1/users', { token });
      expect(res.status).toBe(403);
      expect(res.body.type).toBe('urn:breachclock:problem:identity.forbidden');
    }
  });

  it("adds a user to the admin's organization, following its language unless one is given; audited", async () => {
    const res = await t.request('POST', '/api/v1/users', {
      token: a.adminToken,
      body: { email: `New-${a.controllerSlug}@Controller.example`, role: 'controller_dpo' },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      email: `new-${a.controllerSlug}@controller.example`,
      role: 'controller_dpo',
      active: true,
      locale: 'de',
      localeChosen: false,
      hasPassword: false,
    });
    const [row] = await t.dataSource.query(`SELECT organization_id FROM app_user WHERE id = $1`, [res.body.id]);
    expect(row.organization_id).toBe(a.controllerId);
    const [event] = await t.dataSource.query(`SELECT actor, changes FROM audit_event WHERE action = 'user.created' AND entity_id = $1`, [
      res.body.id,
    ]);
    expect(event.actor).toBe(`user:admin-${a.controllerSlug.slice(5)}@controller.example`);
    const english = await t.request('POST', '/api/v1/users', {
      token: a.adminToken,
      body: { email: `en-${a.controllerSlug}@controller.example`, role: 'org_admin', locale: 'en', timeZone: 'Europe/London' },
    });
    expect(english.body).toMatchObject({ locale: 'en', localeChosen: true, timeZone: 'Europe/London' });
    await patch(a.adminToken, english.body.id, { active: false }); // keep the admin count of this tenant at one
  });

  it.each([
    [{ email: 'not-an-address', role: 'controller_dpo' }, 'email'],
    [{ email: 'x@y.example', role: 'platform_admin' }, 'role'],
    [{ email: 'x@y.example', role: 'controller_dpo', locale: 'fr' }, 'locale'],
    [{ email: 'x@y.example', role: 'controller_dpo', timeZone: 'Mars/Olympus' }, 'timeZone'],
  ])('refuses %j with a 400 naming %s, and a taken address with a 409', async (body, field) => {
    const before = await userRows();
    const res = await t.request('POST', '/api/v1/users', { token: a.adminToken, body });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(field);
    const taken = await t.request('POST', '/api/v1/users', { token: a.adminToken, body: { email: b.dpoEmail, role: 'controller_dpo' } });
    expect(taken.status).toBe(409);
    expect(taken.body.type).toBe('urn:breachclock:problem:identity.email_taken');
    expect(await userRows()).toEqual(before);
  });

  it("changes a user's role and audits it; another organization's user is a 404 and stays as it was", async () => {
    const dpo = await idOf(a.adminToken, a.dpoEmail);
    const before = await userRows();
    for (const [token, id] of [
      [b.adminToken, dpo],
      [b.adminToken, await idOf(a.adminToken, `admin-${a.controllerSlug.slice(5)}@controller.example`)],
    ]) {
      const res = await patch(token, id, { role: 'org_admin', active: false });
      expect(res.status).toBe(404);
      expect(res.body.type).toBe('urn:breachclock:problem:identity.user_not_found');
    }
    expect((await patch(a.dpoToken, dpo, { role: 'org_admin' })).status).toBe(403);
    expect(await userRows()).toEqual(before);

    const res = await patch(a.adminToken, dpo, { role: 'org_admin' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ role: 'org_admin', active: true });
    const [event] = await t.dataSource.query(
      `SELECT changes FROM audit_event WHERE action = 'user.updated' AND entity_id = $1 ORDER BY seq DESC LIMIT 1`,
      [dpo],
    );
    expect(event.changes).toEqual({ role: { from: 'controller_dpo', to: 'org_admin' } });
    // The token now carries the new role at once on this instance.
    expect((await t.request('GET', '/api/v1/users', { token: a.dpoToken })).status).toBe(200);
    expect((await patch(a.adminToken, dpo, { role: 'controller_dpo' })).status).toBe(200);
    expect((await t.request('GET', '/api/v1/users', { token: a.dpoToken })).status).toBe(403);
    const unchanged = await userRows();
    expect((await patch(a.adminToken, dpo, { role: 'controller_dpo' })).body.role).toBe('controller_dpo');
    expect(await userRows()).toEqual(unchanged);
    expect((await patch(a.adminToken, dpo, {})).status).toBe(400);
    expect((await patch(a.adminToken, dpo, { active: 'no' })).body.errors).toEqual([expect.objectContaining({ path: 'active' })]);
  });

  it('deactivating a user ends their sessions, tokens and sign-in at once; reactivating brings back what had not expired', async () => {
    const identity = t.get(IdentityService);
    const email = `leaver-${a.controllerSlug}@controller.example`;
    await identity.createUser({ organizationSlug: a.controllerSlug, email, role: 'controller_dpo', password: PASSWORD }, CLI_ACTOR);
    const { token } = await identity.createToken(email, CLI_ACTOR);
    const login = () =>
      t.request('POST', '/login', {
        rawBody: `email=${encodeURIComponent(email)}&password=${encodeURIComponent(PASSWORD)}`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
    const signedIn = await login();
    expect(signedIn.status).toBe(303);
    const cookie = String(signedIn.headers['set-cookie']).split(';')[0];
    expect((await t.request('GET', '/', { headers: { cookie } })).status).toBe(200);
    expect((await t.request('GET', '/api/v1/contracts', { token })).status).toBe(200);

    const id = await idOf(a.adminToken, email);
    const off = await patch(a.adminToken, id, { active: false });
    expect(off.status).toBe(200);
    expect(off.body.active).toBe(false);
    expect((await t.request('GET', '/api/v1/contracts', { token })).status).toBe(401);
    const page = await t.request('GET', '/', { headers: { cookie } });
    expect(page.status).toBe(303);
    expect(page.headers.location).toBe('/login');
    const again = await login();
    expect(again.headers['set-cookie']).toBeUndefined();

    expect((await patch(a.adminToken, id, { active: true })).status).toBe(200);
    expect((await t.request('GET', '/api/v1/contracts', { token })).status).toBe(200);
    expect((await t.request('GET', '/', { headers: { cookie } })).status).toBe(200);
    const events = await t.dataSource.query(
      `SELECT changes FROM audit_event WHERE action = 'user.updated' AND entity_id = $1 ORDER BY seq`,
      [id],
    );
    expect(events.map((e: { changes: unknown }) => e.changes)).toEqual([
      { active: { from: true, to: false } },
      { active: { from: false, to: true } },
    ]);
  });

  it('refuses to deactivate or demote the last active org admin (409 naming the rule), and allows it once there is another', async () => {
    const adminEmail = `admin-${b.controllerSlug.slice(5)}@controller.example`;
    const self = await idOf(b.adminToken, adminEmail);
    for (const body of [{ active: false }, { role: 'controller_dpo' }, { role: 'processor_staff', active: false }]) {
      const res = await patch(b.adminToken, self, body);
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ type: 'urn:breachclock:problem:identity.last_admin', rule: 'last_active_admin' });
      expect(res.body.detail).toContain('last active admin');
      expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(Object.keys(body).sort());
    }
    const dpo = await idOf(b.adminToken, b.dpoEmail);
    expect((await patch(b.adminToken, dpo, { role: 'org_admin' })).status).toBe(200);
    const stepDown = await patch(b.adminToken, self, { role: 'controller_dpo' });
    expect(stepDown.status).toBe(200);
    expect((await patch(b.dpoToken, dpo, { active: false })).status).toBe(409);
  });

  it('lets exactly one of two admins demoting each other at the same time succeed', async () => {
    if (TEST_ENGINE === 'pglite') return void expect(TEST_ENGINE).toBe('pglite'); // one session there: nothing runs at the same time
    const c = await makeTenant(t);
    const adminEmail = `admin-${c.controllerSlug.slice(5)}@controller.example`;
    const admin = await idOf(c.adminToken, adminEmail);
    const dpo = await idOf(c.adminToken, c.dpoEmail);
    const people = [
      { id: admin, token: c.adminToken },
      { id: dpo, token: c.dpoToken },
    ];
    for (let round = 0; round < 5; round++) {
      const remaining = (
        await t.dataSource.query(`SELECT id FROM app_user WHERE organization_id = $1 AND role = 'org_admin'`, [c.controllerId])
      )[0].id;
      const [keeper, other] = remaining === admin ? people : [...people].reverse();
      expect((await patch(keeper.token, other.id, { role: 'org_admin' })).status).toBe(200);
      const results = await Promise.all([
        patch(keeper.token, other.id, { role: 'controller_dpo' }),
        patch(other.token, keeper.id, { role: 'controller_dpo' }),
      ]);
      // The other is refused: by the last-admin rule (409) when both got past sign-in as admins, or as
      // no longer an admin (403) when the first demotion committed before the second request was signed in.
      const [won, lost] = results.map((r) => r.status).sort();
      expect(won).toBe(200);
      expect([403, 409]).toContain(lost);
    }
    const [{ n }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM app_user WHERE organization_id = $1 AND role = 'org_admin' AND active`,
      [c.controllerId],
    );
    expect(n).toBe(1);
  });

  it("answers a user who has not chosen a language in their organization's, and in their own once they chose one", async () => {
    const identity = t.get(IdentityService);
    await identity.createOrganization(
      { slug: `intl-${a.controllerSlug}`, name: 'Intl GmbH', kind: 'controller', country: 'DE', region: 'DE-BE', locale: 'en' },
      CLI_ACTOR,
    );
    const email = `dpo@intl-${a.controllerSlug}.example`;
    const user = await identity.createUser({ organizationSlug: `intl-${a.controllerSlug}`, email, role: 'controller_dpo' }, CLI_ACTOR);
    expect([user.locale, user.localeChosen]).toEqual(['en', false]);
    const { token } = await identity.createToken(email, CLI_ACTOR);
    const filed = await t.request('POST', '/api/v1/incidents', { token, body: fullReport(undefined, '2025-06-06T09:00:00Z') });
    const draft = () => t.request('GET', `/api/v1/incidents/${filed.body.id}/drafts/authority`, { token });
    expect((await draft()).text).toMatch(/^# Notification of a personal data breach/);

    const actor = (await identity.actorById(user.id))!;
    expect(actor.localeChosen).toBe(false);
    await identity.updatePreferences(actor, { locale: 'de', timeZone: 'Europe/Berlin' });
    const [row] = await t.dataSource.query(`SELECT locale, locale_chosen FROM app_user WHERE id = $1`, [user.id]);
    expect(row).toEqual({ locale: 'de', locale_chosen: true });
    expect((await draft()).text).toMatch(/^# Meldung einer Verletzung/);
    const [event] = await t.dataSource.query(
      `SELECT changes FROM audit_event WHERE action = 'user.preferences_changed' AND entity_id = $1`,
      [user.id],
    );
    expect(event.changes).toMatchObject({ locale: { from: 'en', to: 'de' }, localeChosen: { from: false, to: true } });
  });
});
