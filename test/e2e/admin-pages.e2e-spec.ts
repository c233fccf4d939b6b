import { AuditService } from '../../src/audit/audit.service';
import { CLI_ACTOR } from '../../src/identity/domain/actor';
import { IdentityService } from '../../src/identity/identity.service';
import { RESETS_PER_CLIENT, RESETS_PER_EMAIL } from '../../src/identity/password-links.service';
import { makeTenant, Tenant } from '../support/factories';
import { TestSmtpServer } from '../support/smtp';
import { startTestApp, TestApp } from '../support/test-app';

const PASSWORD = 'correct horse battery staple';
const NEW_PASSWORD = 'a new and longer passphrase';
const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const cookieOf = (res: { headers: Record<string, unknown> }) => String(res.headers['set-cookie']).split(';')[0];
const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)![1];
const linkOf = (text: string) => /https:\/\/breachclock\.test(\/password\/(?:set|reset)\?token=[^\s]+)/.exec(text)![1];

// The administration pages and the password links, against a real SMTP server: the links are read
// from the mails it received.
describe('administration pages and password links', () => {
  let t: TestApp;
  let smtp: TestSmtpServer;
  let tenant: Tenant;
  let adminEmail: string;
  let admin: { cookie: string; csrf: string };

  beforeAll(async () => {
    smtp = new TestSmtpServer();
    await smtp.start();
    t = await startTestApp({ env: { SMTP_URL: smtp.url } });
    tenant = await makeTenant(t);
    adminEmail = `boss-${tenant.controllerSlug}@controller.example`;
    await t
      .get(IdentityService)
      .createUser(
        { organizationSlug: tenant.controllerSlug, email: adminEmail, role: 'org_admin', password: PASSWORD, locale: 'en' },
        CLI_ACTOR,
      );
  });
  // Sessions last 12 hours and the tests move the clock by days: a fresh one for each test.
  beforeEach(async () => {
    admin = await session(adminEmail);
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  async function signIn(email: string, password = PASSWORD) {
    return t.request('POST', '/login', { rawBody: form({ email, password }), headers: FORM });
  }
  async function session(email: string, password = PASSWORD) {
    const res = await signIn(email, password);
    expect(res.status).toBe(303);
    const cookie = cookieOf(res);
    const page = await t.request('GET', '/admin/tokens', { headers: { cookie } });
    return { cookie, csrf: csrfOf(page.text) };
  }
  const post = (url: string, who: { cookie: string; csrf: string }, fields: Record<string, string> = {}) =>
    t.request('POST', url, { rawBody: form({ _csrf: who.csrf, ...fields }), headers: { ...FORM, cookie: who.cookie } });
  const mailTo = async (email: string) => {
    const until = Date.now() + 10_000;
    for (;;) {
      const mail = smtp.mails.find((m) => m.to.includes(email));
      if (mail) return mail;
      if (Date.now() > until) throw new Error(`no mail to ${email}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  };
  const auditActions = async (entityId: string) =>
    (await t.dataSource.query(`SELECT action FROM audit_event WHERE entity_id = $1 ORDER BY seq`, [entityId])).map(
      (r: { action: string }) => r.action,
    );

  it('lists the admin pages an org admin may open, and for a DPO only the organization and tokens pages', async () => {
    const overview = await t.request('GET', '/admin', { headers: { cookie: admin.cookie } });
    expect(overview.status).toBe(200);
    expect(overview.text).toContain('<a href="/admin/users">Users</a>');
    expect(overview.text).toContain('<a href="/admin/tokens">API tokens</a>');
    const users = await t.request('GET', '/admin/users', { headers: { cookie: admin.cookie } });
    expect(users.text).toContain(`<th scope="row">${adminEmail}</th>`);
    expect(users.text).toContain('aria-current="page">Users</a>');

    await t.get(IdentityService).createUser(
      {
        organizationSlug: tenant.controllerSlug,
        email: `reader-${tenant.controllerSlug}@controller.example`,
        role: 'controller_dpo',
        password: PASSWORD,
        locale: 'de',
      },
      CLI_ACTOR,
    );
    const dpo = await session(`reader-${tenant.controllerSlug}@controller.example`);
    const dpoOverview = await t.request('GET', '/admin', { headers: { cookie: dpo.cookie } });
    expect(dpoOverview.text).not.toContain('/admin/users');
    expect(dpoOverview.text).toContain('<a href="/admin/tokens">API-Tokens</a>');
    expect((await t.request('GET', '/admin/users', { headers: { cookie: dpo.cookie } })).status).toBe(403);
    const invite = await post('/admin/users', dpo, { email: 'nobody@controller.example', role: 'org_admin' });
    expect(invite.status).toBe(403);
    expect(smtp.mails.some((m) => m.to.includes('nobody@controller.example'))).toBe(false);
    expect((await t.request('GET', '/admin')).headers.location).toBe('/login');
  });

  it("invites a colleague by mail; the link sets a password once, in the colleague's language", async () => {
    const email = `kollegin-${tenant.controllerSlug}@controller.example`;
    const refused = await post('/admin/users', admin, { email: 'not an address', role: 'controller_dpo', locale: 'de' });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('aria-invalid="true" aria-describedby="invite-help email-error"');
    expect(refused.text).toContain('value="not an address"');

    const res = await post('/admin/users', admin, { email, role: 'controller_dpo', locale: 'de' });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/admin/users?saved=invited');
    const listed = await t.request('GET', '/admin/users?saved=invited', { headers: { cookie: admin.cookie } });
    expect(listed.text).toContain('Invitation sent.');
    expect(listed.text).toMatch(new RegExp(`${email}</th>\\s*<td>Data protection officer</td>\\s*<td>invited, no password yet</td>`));

    const mail = await mailTo(email);
    expect(mail.subject).toBe(`[breachclock] Einladung: Ihr Zugang für Controller ${tenant.controllerSlug.slice(5)} GmbH`);
    expect(mail.text).toContain(`${adminEmail} hat Sie für Controller`);
    expect(mail.text).toContain('Rolle: Datenschutzbeauftragte(r)');
    const link = linkOf(mail.text);
    expect(link).toMatch(/^\/password\/set\?token=[0-9a-f-]{36}\.[A-Za-z0-9_-]{43}$/);

    const page = await t.request('GET', link);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<html lang="de">');
    expect(page.text).toContain('Ihr Passwort wählen');
    const token = new URL(link, 'https://x').searchParams.get('token')!;
    // A reset page does not take an invitation's token.
    expect((await t.request('GET', `/password/reset?token=${token}`)).status).toBe(404);
    const mismatch = await t.request('POST', '/password/set', {
      rawBody: form({ token, newPassword: NEW_PASSWORD, confirmPassword: 'something else entirely' }),
      headers: FORM,
    });
    expect(mismatch.status).toBe(400);
    expect(mismatch.text).toContain('id="confirmPassword-error"');

    const set = await t.request('POST', '/password/set', {
      rawBody: form({ token, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }),
      headers: FORM,
    });
    expect(set.status).toBe(303);
    expect(set.headers.location).toBe('/login');
    expect((await signIn(email, NEW_PASSWORD)).status).toBe(303);
    // Single use: the same link again is refused and changes nothing.
    const again = await t.request('POST', '/password/set', {
      rawBody: form({ token, newPassword: 'yet another long passphrase', confirmPassword: 'yet another long passphrase' }),
      headers: { ...FORM, 'accept-language': 'de' },
    });
    expect(again.status).toBe(404);
    expect(again.text).toContain('Dieser Link ist benutzt, abgelaufen oder ungültig.');
    expect((await signIn(email, NEW_PASSWORD)).status).toBe(303);
    const [{ id }] = await t.dataSource.query(`SELECT id FROM app_user WHERE email = $1`, [email]);
    expect(await auditActions(id)).toEqual(['user.created', 'user.invitation_accepted', 'user.signed_in', 'user.signed_in']);
    expect(JSON.stringify(await t.dataSource.query(`SELECT changes FROM audit_event WHERE entity_id = $1`, [id]))).not.toContain(
      NEW_PASSWORD,
    );
    expect((await t.get(AuditService).verifyChain()).break).toBeNull();
  });

  it('an invitation link expires after 7 days; a forged signature is refused', async () => {
    const email = `late-${tenant.controllerSlug}@controller.example`;
    expect((await post('/admin/users', admin, { email, role: 'processor_staff' })).status).toBe(303);
    const link = linkOf((await mailTo(email)).text);
    const forged = link.slice(0, -3) + (link.endsWith('AAA') ? 'BBB' : 'AAA');
    expect((await t.request('GET', forged)).status).toBe(404);
    expect((await t.request('GET', link)).status).toBe(200);
    t.clock.advance(7 * 24 * 3_600_000 + 1);
    expect((await t.request('GET', link)).status).toBe(404);
  });

  it('resets a forgotten password by mail: same answer for unknown addresses, 30 minutes, once, other sessions end', async () => {
    const email = `forgetful-${tenant.controllerSlug}@controller.example`;
    await t
      .get(IdentityService)
      .createUser({ organizationSlug: tenant.controllerSlug, email, role: 'controller_dpo', password: PASSWORD, locale: 'en' }, CLI_ACTOR);
    const before = await session(email);
    const known = await t.request('POST', '/password/forgot', { rawBody: form({ email }), headers: { ...FORM, 'x-forwarded-for': '1' } });
    const unknown = await t.request('POST', '/password/forgot', {
      rawBody: form({ email: `nobody-${tenant.controllerSlug}@controller.example` }),
      headers: FORM,
    });
    expect(known.status).toBe(200);
    expect(unknown.status).toBe(200);
    expect(known.text.replace(email, 'X')).toBe(unknown.text.replace(`nobody-${tenant.controllerSlug}@controller.example`, 'X'));
    expect(known.text).toContain('If the address belongs to an account, a link is on its way.');

    const mail = await mailTo(email);
    expect(mail.subject).toBe('[breachclock] Reset your password');
    const link = linkOf(mail.text);
    expect(link).toMatch(/^\/password\/reset\?token=/);
    expect(smtp.mails.some((m) => m.to.includes(`nobody-${tenant.controllerSlug}@controller.example`))).toBe(false);
    const token = new URL(link, 'https://x').searchParams.get('token')!;

    t.clock.advance(29 * 60_000);
    expect((await t.request('GET', link)).status).toBe(200);
    const set = await t.request('POST', '/password/reset', {
      rawBody: form({ token, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }),
      headers: FORM,
    });
    expect(set.status).toBe(303);
    expect((await signIn(email, PASSWORD)).status).toBe(401);
    expect((await signIn(email, NEW_PASSWORD)).status).toBe(303);
    // The session from before the reset has ended.
    expect((await t.request('GET', '/admin/tokens', { headers: { cookie: before.cookie } })).headers.location).toBe('/login');
    expect((await t.request('GET', link)).status).toBe(404);

    // A new link expires after 30 minutes.
    smtp.mails.length = 0;
    await t.request('POST', '/password/forgot', { rawBody: form({ email }), headers: FORM });
    const late = linkOf((await mailTo(email)).text);
    t.clock.advance(30 * 60_000);
    expect((await t.request('GET', late)).status).toBe(404);
    const [{ id }] = await t.dataSource.query(`SELECT id FROM app_user WHERE email = $1`, [email]);
    expect(await auditActions(id)).toEqual(['user.created', 'user.signed_in', 'user.password_reset', 'user.signed_in']);
  });

  it('limits resets per address silently and per client with 429', async () => {
    const email = `limited-${tenant.controllerSlug}@controller.example`;
    await t
      .get(IdentityService)
      .createUser({ organizationSlug: tenant.controllerSlug, email, role: 'controller_dpo', password: PASSWORD }, CLI_ACTOR);
    t.clock.advance(2 * 3_600_000); // a fresh window
    smtp.mails.length = 0;
    for (let i = 0; i < RESETS_PER_EMAIL + 2; i++) {
      const res = await t.request('POST', '/password/forgot', { rawBody: form({ email }), headers: FORM });
      expect(res.status).toBe(200);
    }
    await smtp.waitFor(RESETS_PER_EMAIL);
    await new Promise((r) => setTimeout(r, 200));
    expect(smtp.mails.filter((m) => m.to.includes(email))).toHaveLength(RESETS_PER_EMAIL);
    // Only the newest link works.
    const links = smtp.mails.map((m) => linkOf(m.text));
    expect((await t.request('GET', links[0])).status).toBe(404);
    expect((await t.request('GET', links[RESETS_PER_EMAIL - 1])).status).toBe(200);
    let last = 0;
    for (let i = RESETS_PER_EMAIL + 3; i <= RESETS_PER_CLIENT; i++)
      last = (await t.request('POST', '/password/forgot', { rawBody: form({ email: `x${i}@example.org` }), headers: FORM })).status;
    expect(last).toBe(200);
    const limited = await t.request('POST', '/password/forgot', { rawBody: form({ email: 'y@example.org' }), headers: FORM });
    expect(limited.status).toBe(429);
    expect(limited.text).toContain('Too many requests from here.');
  });

  it('makes, lists and revokes API tokens on the page; the secret is shown once', async () => {
    const made = await post('/admin/tokens', admin, { name: 'ticket system', expiresIn: '90d' });
    expect(made.status).toBe(201);
    const secret = /id="new-token" type="text" readonly size="50" value="(bc_[A-Za-z0-9_-]{43})"/.exec(made.text)![1];
    expect(made.text).toContain('Copy this token now: it is shown only once.');
    expect((await t.request('GET', '/api/v1/users', { token: secret })).status).toBe(200);
    const listed = await t.request('GET', '/admin/tokens', { headers: { cookie: admin.cookie } });
    expect(listed.text).not.toContain(secret);
    expect(listed.text).toMatch(/<th scope="row">ticket system<\/th><td>boss-[^<]+<\/td>\s*<td>active<\/td>/);

    const bad = await post('/admin/tokens', admin, { name: 'x', expiresIn: '10 years' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('id="expiresIn-error"');
    expect(bad.text).toContain('value="10 years"');

    const [{ id }] = await t.dataSource.query(`SELECT id FROM api_token WHERE name = 'ticket system'`);
    const revoked = await post(`/admin/tokens/${id}/revoke`, admin);
    expect(revoked.headers.location).toBe('/admin/tokens?saved=revoked');
    expect((await t.request('GET', '/api/v1/users', { token: secret })).status).toBe(401);
    expect(await auditActions(id)).toEqual(['api_token.created', 'api_token.revoked']);
    // Without the form token nothing is made.
    const forged = await t.request('POST', '/admin/tokens', {
      rawBody: form({ name: 'forged' }),
      headers: { ...FORM, cookie: admin.cookie },
    });
    expect(forged.status).toBe(403);
  });

  it('deactivating a user on the page ends their session and their API tokens at once; the last admin stays', async () => {
    const email = `leaving-${tenant.controllerSlug}@controller.example`;
    const user = await t
      .get(IdentityService)
      .createUser({ organizationSlug: tenant.controllerSlug, email, role: 'controller_dpo', password: PASSWORD }, CLI_ACTOR);
    const theirs = await session(email);
    const { token } = await t.get(IdentityService).createToken(email, CLI_ACTOR);
    expect((await t.request('GET', '/api/v1/incidents', { token })).status).toBe(200);

    expect((await post(`/admin/users/${user.id}`, admin, { active: 'false' })).headers.location).toBe('/admin/users?saved=1');
    expect((await t.request('GET', '/admin/tokens', { headers: { cookie: theirs.cookie } })).headers.location).toBe('/login');
    expect((await t.request('GET', '/api/v1/incidents', { token })).status).toBe(401);
    expect((await signIn(email)).status).toBe(401);
    const listed = await t.request('GET', '/admin/users', { headers: { cookie: admin.cookie } });
    expect(listed.text).toMatch(new RegExp(`${email}</th>\\s*<td>Data protection officer</td>\\s*<td>deactivated</td>`));

    expect((await post(`/admin/users/${user.id}`, admin, { role: 'processor_staff' })).status).toBe(303);
    expect(await auditActions(user.id)).toEqual(['user.created', 'user.signed_in', 'user.updated', 'user.updated']);

    // The org admins of the tenant: the factory's (no password) and this test's; demoting both fails at the last.
    const [{ id: otherAdmin }] = await t.dataSource.query(`SELECT id FROM app_user WHERE email = $1`, [
      `admin-${tenant.controllerSlug.slice(5)}@controller.example`,
    ]);
    expect((await post(`/admin/users/${otherAdmin}`, admin, { active: 'false' })).status).toBe(303);
    const [{ id: self }] = await t.dataSource.query(`SELECT id FROM app_user WHERE email = $1`, [adminEmail]);
    const last = await post(`/admin/users/${self}`, admin, { role: 'controller_dpo' });
    expect(last.status).toBe(409);
    expect(last.text).toContain('is the last active org admin');
    expect((await post('/admin/users/00000000-0000-7000-8000-000000000000', admin, { active: 'false' })).status).toBe(404);
  });
});
