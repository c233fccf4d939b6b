import { CLI_ACTOR } from '../../src/identity/domain/actor';
import { IdentityService } from '../../src/identity/identity.service';
import { makeTenant, Tenant } from '../support/factories';
import { Browser, freePort, signInWithSso, ssoUpToCallback, TestOidcProvider } from '../support/oidc';
import { startTestApp, TestApp } from '../support/test-app';

// Single sign-on against a real OpenID Connect provider (oidc-provider on a loopback port): the
// whole redirect flow with a cookie jar, the claims mapped to organization and role, and every refusal.
describe('single sign-on with OpenID Connect', () => {
  const PUBLIC_URL = 'https://breachclock.test';
  let provider: TestOidcProvider;
  let t: TestApp;
  let tenant: Tenant;

  beforeAll(async () => {
    provider = await new TestOidcProvider().start(`${PUBLIC_URL}/login/oidc/callback`);
    t = await startTestApp({ env: { PUBLIC_URL, ...provider.env() } });
    tenant = await makeTenant(t);
  });

  afterAll(async () => {
    await t?.close();
    await provider?.stop();
  });

  const userRow = async (email: string) =>
    (await t.dataSource.query(`SELECT id, organization_id, role, active, password_hash FROM app_user WHERE email = $1`, [email]))[0];
  const auditOf = (userId: string, action: string) =>
    t.dataSource.query(`SELECT actor, changes FROM audit_event WHERE action = $1 AND entity_id = $2 ORDER BY seq`, [action, userId]);
  const sessionCookie = (browser: Browser) => browser.cookie(PUBLIC_URL, 'bc_session');
  let n = 0;
  const account = (claims: Record<string, unknown>) => {
    const id = `acct-${++n}`;
    provider.accounts.set(id, { email: `sso-${n}@controller.example`, email_verified: true, ...claims });
    return id;
  };

  it('offers "Sign in with SSO" beside the password form, in both languages', async () => {
    const en = await t.request('GET', '/login', { headers: { 'accept-language': 'en' } });
    expect(en.text).toContain('<a class="button" href="/login/oidc">Sign in with SSO</a>');
    expect(en.text).toContain('name="password"');
    const de = await t.request('GET', '/login', { headers: { 'accept-language': 'de' } });
    expect(de.text).toContain('<a class="button" href="/login/oidc">Mit SSO anmelden</a>');
  });

  it('sends the browser to the provider with PKCE (S256), state and nonce, and keeps them in a signed cookie', async () => {
    const res = await t.request('GET', '/login/oidc');
    expect(res.status).toBe(303);
    const location = new URL(String(res.headers.location));
    expect(location.origin).toBe(provider.issuer);
    const params = Object.fromEntries(location.searchParams);
    expect(params).toMatchObject({
      client_id: 'breachclock',
      redirect_uri: `${PUBLIC_URL}/login/oidc/callback`,
      response_type: 'code',
      scope: 'openid email',
      code_challenge_method: 'S256',
    });
    expect(params.code_challenge).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(params.state).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(params.nonce).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(String(res.headers['set-cookie'])).toMatch(
      /^bc_sso=[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}; Path=\/login\/oidc; HttpOnly; SameSite=Lax; Max-Age=600; Secure$/,
    );
    // The verifier is in no address.
    expect(res.headers.location).not.toContain('verifier');
  });

  it('creates the user just in time in the organization and with the role the claims name, with a working session', async () => {
    const id = account({ breachclock_org: tenant.controllerSlug, breachclock_role: 'controller_dpo' });
    const email = provider.accounts.get(id)!.email as string;
    const browser = new Browser(t);
    const callback = await ssoUpToCallback(browser, id);
    const code = callback.searchParams.get('code')!;
    const back = await browser.go(callback.href, { stopBefore: () => true });
    expect(back.status).toBe(303);
    expect(back.location).toBe('/');
    expect(sessionCookie(browser)).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(browser.cookie(PUBLIC_URL, 'bc_sso')).toBeUndefined();

    const board = await browser.go('/');
    expect(board.status).toBe(200);
    expect(board.text).toContain(email);
    const tokens = await browser.go('/admin/tokens');
    expect(tokens.status).toBe(200);

    const user = await userRow(email);
    expect(user).toMatchObject({ organization_id: tenant.controllerId, role: 'controller_dpo', active: true, password_hash: null });
    const [created] = await auditOf(user.id, 'user.created');
    expect(created.actor).toBe('sso');
    expect(created.changes.role).toEqual({ from: null, to: 'controller_dpo' });
    const [signedIn] = await auditOf(user.id, 'user.signed_in');
    expect(signedIn).toEqual({ actor: `user:${email}`, changes: { method: { from: null, to: 'sso' } } });

    // No code, token, state or claim in the logs.
    const logs = JSON.stringify(t.logs);
    expect(logs).not.toContain(code);
    expect(logs).not.toContain(callback.searchParams.get('state')!);
    expect(logs).not.toContain(email);
    expect(logs).toContain('"event":"sso.accepted"');
  });

  it('signs a known user in again, taking the role the provider names now (audited)', async () => {
    const id = account({ breachclock_org: tenant.controllerSlug, breachclock_role: 'controller_dpo' });
    const email = provider.accounts.get(id)!.email as string;
    expect((await signInWithSso(new Browser(t), id)).location).toBe('/');
    provider.accounts.get(id)!.breachclock_role = 'org_admin';
    const browser = new Browser(t);
    expect((await signInWithSso(browser, id)).location).toBe('/');
    const user = await userRow(email);
    expect(user.role).toBe('org_admin');
    const [updated] = await auditOf(user.id, 'user.updated');
    expect(updated).toEqual({ actor: 'sso', changes: { role: { from: 'controller_dpo', to: 'org_admin' } } });
    expect((await browser.go('/admin/users')).status).toBe(200);
    expect(await auditOf(user.id, 'user.signed_in')).toHaveLength(2);
  });

  it('audits a password sign-in as the same event, with its method', async () => {
    const email = `pw-${++n}@controller.example`;
    await t
      .get(IdentityService)
      .createUser(
        { organizationSlug: tenant.controllerSlug, email, role: 'controller_dpo', password: 'a long enough password' },
        CLI_ACTOR,
      );
    const res = await t.request('POST', '/login', {
      rawBody: new URLSearchParams({ email, password: 'a long enough password' }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(res.status).toBe(303);
    const user = await userRow(email);
    expect(await auditOf(user.id, 'user.signed_in')).toEqual([
      { actor: `user:${email}`, changes: { method: { from: null, to: 'password' } } },
    ]);
  });

  it('signs in a user the organization already had, by e-mail address', async () => {
    const id = `acct-known-${++n}`;
    provider.accounts.set(id, {
      email: tenant.dpoEmail.toUpperCase(),
      breachclock_org: tenant.controllerSlug,
      breachclock_role: 'controller_dpo',
    });
    const browser = new Browser(t);
    expect((await signInWithSso(browser, id)).location).toBe('/');
    expect((await browser.go('/')).text).toContain(tenant.dpoEmail);
    expect(await t.dataSource.query(`SELECT count(*)::int AS n FROM app_user WHERE email = $1`, [tenant.dpoEmail])).toEqual([{ n: 1 }]);
  });

  it.each([
    [
      'an organization claim that names no organization',
      { breachclock_org: 'no-such-org', breachclock_role: 'controller_dpo' },
      /names no organization known here/,
    ],
    ['no organization claim', { breachclock_role: 'controller_dpo' }, /names no organization known here/],
    ['a role that is not one of breachclock', { breachclock_org: 'ORG', breachclock_role: 'superuser' }, /names no role known here/],
    [
      'an address the provider says is not verified',
      { breachclock_org: 'ORG', breachclock_role: 'controller_dpo', email_verified: false },
      /not verified/,
    ],
    ['no e-mail address', { breachclock_org: 'ORG', breachclock_role: 'controller_dpo', email: undefined }, /sent no e-mail address/],
  ])('refuses %s with a page saying why, and creates nothing', async (_name, claims, message) => {
    const id = account(Object.fromEntries(Object.entries(claims).map(([k, v]) => [k, v === 'ORG' ? tenant.controllerSlug : v])));
    const before = await t.dataSource.query(`SELECT count(*)::int AS n FROM app_user`);
    const browser = new Browser(t);
    const back = await signInWithSso(browser, id);
    expect(back.status).toBe(403);
    expect(back.text).toMatch(message);
    expect(back.text).toContain('href="/login/oidc"');
    expect(sessionCookie(browser)).toBeUndefined();
    expect(await t.dataSource.query(`SELECT count(*)::int AS n FROM app_user`)).toEqual(before);
  });

  it('refuses a user of another organization', async () => {
    const id = `acct-other-${++n}`;
    provider.accounts.set(id, { email: tenant.processorEmail, breachclock_org: tenant.controllerSlug, breachclock_role: 'controller_dpo' });
    const back = await signInWithSso(new Browser(t), id);
    expect(back.status).toBe(403);
    expect(back.text).toContain('Your e-mail address belongs to another organization here.');
    expect((await userRow(tenant.processorEmail)).role).toBe('processor_staff');
  });

  it('refuses a deactivated user, and keeps them deactivated', async () => {
    const id = account({ breachclock_org: tenant.controllerSlug, breachclock_role: 'controller_dpo' });
    const email = provider.accounts.get(id)!.email as string;
    expect((await signInWithSso(new Browser(t), id)).location).toBe('/');
    await t.dataSource.query(`UPDATE app_user SET active = false WHERE email = $1`, [email]);
    const browser = new Browser(t);
    const back = await signInWithSso(browser, id);
    expect(back.status).toBe(403);
    expect(back.text).toContain('Your account here is deactivated.');
    expect(sessionCookie(browser)).toBeUndefined();
    expect((await userRow(email)).active).toBe(false);
  });

  it('refuses a tampered state, a missing or forged flow cookie, and a code used twice', async () => {
    const id = account({ breachclock_org: tenant.controllerSlug, breachclock_role: 'controller_dpo' });

    const tampered = new Browser(t);
    const callback = await ssoUpToCallback(tampered, id);
    callback.searchParams.set('state', 'A'.repeat(43));
    const refused = await tampered.go(callback.href);
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('The sign-in could not be completed.');
    expect(sessionCookie(tampered)).toBeUndefined();

    // The answer brought by a browser that did not start the sign-in (no flow cookie).
    const started = new Browser(t);
    const stolen = await ssoUpToCallback(started, id);
    const other = new Browser(t);
    const without = await other.go(stolen.href);
    expect(without.status).toBe(400);
    expect(without.text).toContain('The sign-in took too long or was not started here.');
    // A forged flow cookie: the same shape, another signature.
    const sealed = started.cookie(PUBLIC_URL, 'bc_sso')!;
    other.setCookie(PUBLIC_URL, 'bc_sso', `${sealed.split('.')[0]}.${'B'.repeat(43)}`, '/login/oidc');
    expect((await other.go(stolen.href)).status).toBe(400);
    expect(sessionCookie(other)).toBeUndefined();

    // The right browser succeeds once; the same answer again is refused (the flow cookie is gone,
    // and the provider would refuse the code anyway).
    expect((await started.go(stolen.href, { stopBefore: () => true })).location).toBe('/');
    const replay = new Browser(t);
    replay.setCookie(PUBLIC_URL, 'bc_sso', sealed, '/login/oidc');
    expect((await replay.go(stolen.href)).status).toBe(400);
    expect(sessionCookie(replay)).toBeUndefined();
  });

  it('answers a hostile callback address with 400, never a 5xx', async () => {
    const browser = new Browser(t);
    await browser.go('/login/oidc', { stopBefore: () => true });
    const sealed = browser.cookie(PUBLIC_URL, 'bc_sso')!;
    for (const query of [
      '',
      'code=x',
      'state=a&state=b&code=c',
      'code=%zz&state=%E0%A4%A',
      'code[]=x&state[]=y',
      `code=${'x'.repeat(5000)}`,
      'error=access_denied&error_description=%00',
      'response=eyJ.eyJ.x',
      `iss=${encodeURIComponent('https://evil.example')}&code=x&state=y`,
    ]) {
      browser.setCookie(PUBLIC_URL, 'bc_sso', sealed, '/login/oidc');
      const res = await browser.go(`/login/oidc/callback?${query}`, { stopBefore: () => true });
      expect([query, res.status]).toEqual([query, 400]);
      expect(sessionCookie(browser)).toBeUndefined();
    }
  });

  it('refuses a flow older than 10 minutes on the app clock', async () => {
    const id = account({ breachclock_org: tenant.controllerSlug, breachclock_role: 'controller_dpo' });
    const browser = new Browser(t);
    const callback = await ssoUpToCallback(browser, id);
    t.clock.advance(10 * 60_000);
    const back = await browser.go(callback.href);
    expect(back.status).toBe(400);
    expect(back.text).toContain('The sign-in took too long');
  });
});

describe('single sign-on configuration', () => {
  it('without OIDC_ISSUER there is no SSO button and /login/oidc is not found', async () => {
    const t = await startTestApp();
    try {
      expect((await t.request('GET', '/login')).text).not.toContain('/login/oidc');
      expect((await t.request('GET', '/login/oidc')).status).toBe(404);
      expect((await t.request('GET', '/login/oidc/callback?code=x&state=y')).status).toBe(404);
    } finally {
      await t.close();
    }
  });

  it('PASSWORD_LOGIN=off: only the SSO button, and a right password is refused', async () => {
    const provider = await new TestOidcProvider().start('https://breachclock.test/login/oidc/callback');
    const t = await startTestApp({ env: { ...provider.env(), PASSWORD_LOGIN: 'off' } });
    try {
      const identity = t.get(IdentityService);
      const tenant = await makeTenant(t);
      const email = `pw-${Date.now()}@controller.example`;
      await identity.createUser(
        { organizationSlug: tenant.controllerSlug, email, role: 'controller_dpo', password: 'a long enough password' },
        CLI_ACTOR,
      );
      const form = await t.request('GET', '/login', { headers: { 'accept-language': 'en' } });
      expect(form.text).toContain('href="/login/oidc"');
      expect(form.text).not.toContain('name="password"');
      expect(form.text).not.toContain('/password/forgot');
      const res = await t.request('POST', '/login', {
        rawBody: new URLSearchParams({ email, password: 'a long enough password' }).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'accept-language': 'en' },
      });
      expect(res.status).toBe(403);
      expect(res.text).toContain('Signing in with a password is turned off here.');
      expect(res.headers['set-cookie']).toBeUndefined();
      // The same user signs in through the provider.
      provider.accounts.set('pw', { email, breachclock_org: tenant.controllerSlug, breachclock_role: 'controller_dpo' });
      const browser = new Browser(t);
      expect((await signInWithSso(browser, 'pw')).location).toBe('/');
      expect((await browser.go('/')).text).toContain(email);
    } finally {
      await t.close();
      await provider.stop();
    }
  });

  it('a provider that cannot be reached gives a 502 page, not an error', async () => {
    const port = await freePort();
    const t = await startTestApp({ env: { OIDC_ISSUER: `http://127.0.0.1:${port}`, OIDC_CLIENT_ID: 'x', OIDC_CLIENT_SECRET: 'y' } });
    try {
      const res = await t.request('GET', '/login/oidc', { headers: { 'accept-language': 'en' } });
      expect(res.status).toBe(502);
      expect(res.text).toContain('The sign-in service cannot be reached right now.');
      expect(res.headers['set-cookie']).toBeUndefined();
    } finally {
      await t.close();
    }
  });
});
