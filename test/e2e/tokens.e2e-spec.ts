import { CLI_ACTOR } from '../../src/identity/domain/actor';
import { IdentityService } from '../../src/identity/identity.service';
import { TEST_ENGINE } from '../support/db';
import { makeTenant, Tenant } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

const TOKEN = /^bc_[A-Za-z0-9_-]{43}$/;

// Token lifecycle: named, expiring, last-used, revocable; each user their own, org admins their
// organization's, never another organization's.
describe('API tokens', () => {
  let t: TestApp;
  let a: Tenant;
  let b: Tenant;
  let colleague: string; // a second DPO of a's controller

  beforeAll(async () => {
    t = await startTestApp();
    a = await makeTenant(t);
    b = await makeTenant(t);
    const identity = t.get(IdentityService);
    await identity.createUser(
      { organizationSlug: a.controllerSlug, email: `colleague-${a.controllerSlug}@controller.example`, role: 'controller_dpo' },
      CLI_ACTOR,
    );
    colleague = (await identity.createToken(`colleague-${a.controllerSlug}@controller.example`, CLI_ACTOR)).token;
  });
  afterAll(() => t.close());

  const create = (token: string, body: unknown) => t.request('POST', '/api/v1/tokens', { token, body });
  const list = async (token: string) => (await t.request('GET', '/api/v1/tokens', { token })).body.items as Record<string, any>[];
  const tokenRows = () => t.dataSource.query(`SELECT count(*)::int AS n FROM api_token`);

  it('creates a named, expiring token for the caller, shows the secret once, and the token works at once', async () => {
    t.clock.set('2025-06-06T12:00:00Z');
    const res = await create(a.dpoToken, { name: 'ticket system', expiresIn: '90d' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      name: 'ticket system',
      user: { email: a.dpoEmail },
      status: 'active',
      createdAt: '2025-06-06T12:00:00.000Z',
      expiresAt: '2025-09-04T12:00:00.000Z',
      lastUsedAt: null,
      revokedAt: null,
    });
    expect(res.body.token).toMatch(TOKEN);
    expect((await t.request('GET', '/api/v1/contracts', { token: res.body.token })).status).toBe(200);

    const listed = (await list(a.dpoToken)).find((x) => x.id === res.body.id)!;
    expect(listed).toMatchObject({ name: 'ticket system', status: 'active', lastUsedAt: '2025-06-06T12:00:00.000Z' });
    expect(listed).not.toHaveProperty('token');
    const [event] = await t.dataSource.query(
      `SELECT actor, changes FROM audit_event WHERE action = 'api_token.created' AND entity_id = $1`,
      [res.body.id],
    );
    expect(event.actor).toBe(`user:${a.dpoEmail}`);
    expect(event.changes).toMatchObject({ name: { to: 'ticket system' }, expiresAt: { to: '2025-09-04T12:00:00.000Z' } });
    const everything = JSON.stringify(await t.dataSource.query(`SELECT * FROM audit_event`)) + JSON.stringify(t.logs);
    expect(everything).not.toContain(res.body.token);
  });

  it('names a token after its day when no name is given, takes an expiry instant, and never expires without one', async () => {
    t.clock.set('2025-06-06T12:00:00Z');
    const plain = await create(a.dpoToken, {});
    expect(plain.status).toBe(201);
    expect(plain.body).toMatchObject({ name: 'token of 2025-06-06', expiresAt: null });
    const until = await create(a.dpoToken, { name: 'audit export', expiresAt: '2025-06-07T00:00:00+02:00' });
    expect(until.body.expiresAt).toBe('2025-06-06T22:00:00.000Z');
  });

  it.each([
    [{ expiresIn: '90' }, 'expiresIn'],
    [{ expiresIn: '0h' }, 'expiresIn'],
    [{ expiresIn: '3651d' }, 'expiresIn'],
    [{ expiresIn: '1d', expiresAt: '2025-07-01T00:00:00Z' }, 'expiresAt'],
    [{ expiresAt: '2025-06-06T11:00:00Z' }, 'expiresAt'],
    [{ expiresAt: '2025-06-06T12:00:00' }, 'expiresAt'],
    [{ name: '   ' }, 'name'],
    [{ name: 'x'.repeat(101) }, 'name'],
    [{ userId: 'nope' }, 'userId'],
  ])('refuses %j with a 400 naming %s and creates nothing', async (body, field) => {
    t.clock.set('2025-06-06T12:00:00Z');
    const before = await tokenRows();
    const res = await create(a.dpoToken, body);
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(field);
    expect(await tokenRows()).toEqual(before);
  });

  it('refuses an expired token at its expiry instant, even when this instance remembers it', async () => {
    t.clock.set('2025-06-06T12:00:00Z');
    const { body } = await create(a.dpoToken, { name: 'short', expiresIn: '1h' });
    expect((await t.request('GET', '/api/v1/contracts', { token: body.token })).status).toBe(200);
    t.clock.set('2025-06-06T12:59:59.999Z');
    expect((await t.request('GET', '/api/v1/contracts', { token: body.token })).status).toBe(200);
    t.clock.set('2025-06-06T13:00:00Z');
    const refused = await t.request('GET', '/api/v1/contracts', { token: body.token });
    expect(refused.status).toBe(401);
    expect(refused.body.type).toBe('urn:breachclock:problem:identity.unauthenticated');
    expect((await list(a.dpoToken)).find((x) => x.id === body.id)!.status).toBe('expired');
  });

  it('records the last use at most once a minute per token', async () => {
    t.clock.set('2025-06-06T12:00:00Z');
    const { body } = await create(a.dpoToken, { name: 'last use' });
    const lastUsed = async () => (await t.dataSource.query(`SELECT last_used_at FROM api_token WHERE id = $1`, [body.id]))[0].last_used_at;
    expect(await lastUsed()).toBeNull();
    await t.request('GET', '/api/v1/contracts', { token: body.token });
    expect((await lastUsed()).toISOString()).toBe('2025-06-06T12:00:00.000Z');
    for (const at of ['2025-06-06T12:00:06Z', '2025-06-06T12:00:30Z', '2025-06-06T12:00:59.999Z']) {
      t.clock.set(at);
      expect((await t.request('GET', '/api/v1/contracts', { token: body.token })).status).toBe(200);
      expect((await lastUsed()).toISOString()).toBe('2025-06-06T12:00:00.000Z');
    }
    t.clock.set('2025-06-06T12:01:05Z');
    await t.request('GET', '/api/v1/contracts', { token: body.token });
    expect((await lastUsed()).toISOString()).toBe('2025-06-06T12:01:05.000Z');
  });

  it('lists each user their own tokens, and an org admin every token of the organization and no other', async () => {
    const mine = await list(colleague);
    expect(new Set(mine.map((x) => x.user.email))).toEqual(new Set([`colleague-${a.controllerSlug}@controller.example`]));
    const dpo = await list(a.dpoToken);
    expect(new Set(dpo.map((x) => x.user.email))).toEqual(new Set([a.dpoEmail]));
    const admin = await list(a.adminToken);
    expect(new Set(admin.map((x) => x.user.email))).toEqual(
      new Set([a.dpoEmail, `admin-${a.controllerSlug.slice(5)}@controller.example`, `colleague-${a.controllerSlug}@controller.example`]),
    );
    const ids = new Set(admin.map((x) => x.id));
    for (const other of [b.adminToken, b.dpoToken, a.processorToken]) for (const x of await list(other)) expect(ids.has(x.id)).toBe(false);
  });

  it('lets only the owner and the org admins of the owner revoke a token; to everyone else it is a 404', async () => {
    const { body } = await create(a.dpoToken, { name: 'to revoke' });
    const audit = () => t.dataSource.query(`SELECT count(*)::int AS n FROM audit_event WHERE action = 'api_token.revoked'`);
    const before = await audit();
    for (const stranger of [b.adminToken, b.dpoToken, a.processorToken, colleague]) {
      const res = await t.request('DELETE', `/api/v1/tokens/${body.id}`, { token: stranger });
      expect(res.status).toBe(404);
      expect(res.body.type).toBe('urn:breachclock:problem:identity.token_not_found');
    }
    expect(await audit()).toEqual(before);
    expect((await t.request('GET', '/api/v1/contracts', { token: body.token })).status).toBe(200);

    expect((await t.request('DELETE', `/api/v1/tokens/${body.id}`, { token: a.adminToken })).status).toBe(204);
    expect((await t.request('GET', '/api/v1/contracts', { token: body.token })).status).toBe(401);
    expect((await t.request('DELETE', `/api/v1/tokens/${body.id}`, { token: a.dpoToken })).status).toBe(204); // again: nothing changes
    expect((await audit())[0].n).toBe(before[0].n + 1);
    expect((await list(a.dpoToken)).find((x) => x.id === body.id)).toMatchObject({ status: 'revoked' });
    expect((await t.request('DELETE', `/api/v1/tokens/not-a-uuid`, { token: a.dpoToken })).status).toBe(400);
  });

  it('lets an org admin create a token for a user of their organization, nobody else for anybody else', async () => {
    const users = (await t.request('GET', '/api/v1/users', { token: a.adminToken })).body.items as { id: string; email: string }[];
    const dpo = users.find((u) => u.email === a.dpoEmail)!;
    const made = await create(a.adminToken, { name: 'for the DPO', userId: dpo.id });
    expect(made.status).toBe(201);
    expect(made.body.user).toEqual({ id: dpo.id, email: a.dpoEmail });
    expect((await t.request('GET', '/api/v1/tokens', { token: made.body.token })).status).toBe(200);

    const before = await tokenRows();
    expect((await create(b.adminToken, { userId: dpo.id })).status).toBe(404);
    expect((await create(colleague, { userId: dpo.id })).status).toBe(403);
    expect((await create(a.processorToken, { userId: dpo.id })).status).toBe(403);
    expect(await tokenRows()).toEqual(before);
  });
});

// Two instances on one PostgreSQL: a token revoked, expired or of a deactivated user is refused by
// the instance that made the change at once, and by the other within 5 seconds (its cache).
describe('API tokens on two instances', () => {
  it('refuses a revoked token on the other instance within 5 seconds, an expired one at once, and a deactivated user within 5 seconds', async () => {
    if (TEST_ENGINE === 'pglite') return void expect(TEST_ENGINE).toBe('pglite'); // needs a database two instances share
    const first = await startTestApp();
    const second = await startTestApp({ clock: first.clock, databaseUrl: first.databaseUrl });
    try {
      const clock = first.clock;
      const tenant = await makeTenant(first);
      const use = (app: TestApp, token: string) => app.request('GET', '/api/v1/contracts', { token }).then((r) => r.status);

      clock.set('2025-06-06T12:00:00Z');
      const made = await first.request('POST', '/api/v1/tokens', { token: tenant.dpoToken, body: { name: 'integration' } });
      expect(await use(second, made.body.token)).toBe(200); // the second instance now remembers it
      expect((await first.request('DELETE', `/api/v1/tokens/${made.body.id}`, { token: tenant.dpoToken })).status).toBe(204);
      expect(await use(first, made.body.token)).toBe(401);
      clock.set('2025-06-06T12:00:04.999Z');
      expect(await use(second, made.body.token)).toBe(200); // still remembered: the documented bound
      clock.set('2025-06-06T12:00:05Z');
      expect(await use(second, made.body.token)).toBe(401);

      const short = await first.request('POST', '/api/v1/tokens', { token: tenant.dpoToken, body: { expiresIn: '1h' } });
      expect(await use(second, short.body.token)).toBe(200);
      clock.set('2025-06-06T13:00:05Z');
      expect(await use(second, short.body.token)).toBe(401);

      clock.set('2025-06-06T14:00:00Z');
      expect(await use(second, tenant.dpoToken)).toBe(200);
      expect(await use(first, tenant.dpoToken)).toBe(200);
      const users = (await first.request('GET', '/api/v1/users', { token: tenant.adminToken })).body.items as {
        id: string;
        email: string;
      }[];
      const dpo = users.find((u) => u.email === tenant.dpoEmail)!;
      const off = await first.request('PATCH', `/api/v1/users/${dpo.id}`, { token: tenant.adminToken, body: { active: false } });
      expect(off.status).toBe(200);
      expect(await use(first, tenant.dpoToken)).toBe(401);
      clock.set('2025-06-06T14:00:05Z');
      expect(await use(second, tenant.dpoToken)).toBe(401);
    } finally {
      await second.close();
      await first.close();
    }
  });
});
