import { createHmac, timingSafeEqual } from 'node:crypto';
import { AddressInfo } from 'node:net';
import * as http from 'node:http';
import { CLI_ACTOR } from '../../src/identity/domain/actor';
import { IdentityService } from '../../src/identity/identity.service';
import { WebhookDispatcher } from '../../src/webhooks/webhook-dispatcher.service';
import { TEST_ENGINE } from '../support/db';
import { at, AWARE, decideNotNotifiable, fileOwnBreach, world, World } from '../support/escalation-world';
import { lowRiskAssessment } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

interface Received {
  path: string;
  id: string;
  body: { type: string; timestamp: string; data: Record<string, any> };
}

// A real HTTP receiver: it verifies every request's Standard Webhooks signature with the secret the
// API showed once (by path), refuses what does not verify, and answers with the statuses queued.
class Receiver {
  readonly received: Received[] = [];
  readonly rejected: string[] = [];
  readonly secrets = new Map<string, string>();
  statuses: number[] = [];
  private server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const id = String(req.headers['webhook-id']);
      const timestamp = String(req.headers['webhook-timestamp']);
      const secret = this.secrets.get(req.url!) ?? '';
      const expected = createHmac('sha256', Buffer.from(secret.replace(/^whsec_/, ''), 'base64'))
        .update(`${id}.${timestamp}.${raw}`)
        .digest();
      const ok = String(req.headers['webhook-signature'])
        .split(' ')
        .some(
          (s) =>
            s.startsWith('v1,') &&
            Buffer.from(s.slice(3), 'base64').length === 32 &&
            timingSafeEqual(Buffer.from(s.slice(3), 'base64'), expected),
        );
      if (!ok || !/^\d+$/.test(timestamp)) {
        this.rejected.push(id);
        res.writeHead(401).end();
        return;
      }
      const status = this.statuses.shift() ?? 200;
      if (status < 300) this.received.push({ path: req.url!, id, body: JSON.parse(raw) });
      res.writeHead(status).end();
    });
  });

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
  }

  url(path: string): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}${path}`;
  }

  of(path: string) {
    return this.received.filter((r) => r.path === path);
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

const ALL = ['incident.created', 'incident.updated', 'obligation.due_soon', 'obligation.fulfilled', 'decision.made'];
const ENV = { WEBHOOK_ALLOW_PRIVATE: 'on', WEBHOOK_MAX_ATTEMPTS: '2', WEBHOOK_RETRY_BASE_MS: '1000' };

describe('webhooks', () => {
  let t: TestApp;
  let receiver: Receiver;
  let w: World;
  const dispatch = (now: Date, app = t) => app.get(WebhookDispatcher).dispatchDue(now);

  async function register(token: string, path: string, events = ALL, extra: Record<string, unknown> = {}) {
    const res = await t.request('POST', '/api/v1/webhooks', { token, body: { url: receiver.url(path), events, ...extra } });
    expect(res.status).toBe(201);
    expect(res.body.secret).toMatch(/^whsec_/);
    receiver.secrets.set(path, res.body.secret);
    return res.body.id as string;
  }

  async function processorAdmin(): Promise<string> {
    const slug = w.controllerSlug.replace(/^c-/, 'p-');
    const email = `admin@${slug}.example`;
    await t.get(IdentityService).createUser({ organizationSlug: slug, email, role: 'org_admin' }, CLI_ACTOR);
    return (await t.get(IdentityService).createToken(email, CLI_ACTOR)).token;
  }

  beforeAll(async () => {
    receiver = new Receiver();
    await receiver.start();
  });
  afterAll(() => receiver.stop());
  beforeEach(async () => {
    receiver.received.length = 0;
    receiver.rejected.length = 0;
    receiver.statuses = [];
    t = await startTestApp({ env: ENV });
    w = await world(t, { milestones: '24h,1h' });
  });
  afterEach(() => t.close());

  it('delivers each event type exactly once, signed, with ids and links but no facts', async () => {
    const hook = await register(w.adminToken, '/controller');
    // Another endpoint of the same organization listening to decisions only.
    await register(w.adminToken, '/decisions', ['decision.made']);
    const id = await fileOwnBreach(t, w);
    await t.request('PATCH', `/api/v1/incidents/${id}`, {
      token: w.dpoToken,
      headers: { 'if-match': '"1"' },
      body: { measuresTaken: 'Export link revoked.' },
    });
    await dispatch(t.clock.now());
    await dispatch(t.clock.now()); // a second tick sends nothing twice
    // Filing its own breach, the controller has no report from a processor to wait for: that duty is
    // fulfilled at once.
    expect(receiver.of('/controller').map((r) => r.body.type)).toEqual(['incident.created', 'obligation.fulfilled', 'incident.updated']);

    // The escalation milestones of the authority duty (24 h and 1 h before): one event each.
    t.clock.set(at(24));
    await dispatch(at(24));
    await dispatch(at(23));
    expect(receiver.of('/controller').filter((r) => r.body.type === 'obligation.due_soon')).toHaveLength(1);
    t.clock.set(at(2));
    await decideNotNotifiable(t, w, id);
    await dispatch(at(2));
    t.clock.set(at(0.5));
    expect(await dispatch(at(0.5))).toMatchObject({ sent: 0 }); // the T-1h row went with the duty
    const got = receiver.of('/controller');
    const changes: { n: number }[] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_event WHERE incident_id = $1 AND action IN ('incident.updated', 'incident.status_changed')`,
      [id],
    );
    const count = (type: string) => got.filter((r) => r.body.type === type).length;
    expect(ALL.map((type) => [type, count(type)])).toEqual([
      ['incident.created', 1],
      ['incident.updated', changes[0].n],
      ['obligation.due_soon', 1],
      ['obligation.fulfilled', 1],
      ['decision.made', 1],
    ]);
    expect(changes[0].n).toBeGreaterThanOrEqual(2); // the PATCH and the status step of the decision
    expect(new Set(got.map((r) => r.id)).size).toBe(got.length);
    expect(receiver.rejected).toEqual([]);
    expect(receiver.of('/decisions').map((r) => r.body.type)).toEqual(['decision.made']);

    const due = got.find((r) => r.body.type === 'obligation.due_soon')!;
    expect(due.body.data).toMatchObject({ incidentId: id, milestone: 'T-24h', dueAt: '2025-06-09T10:00:00.000Z' });
    expect(due.body.data.links.self).toBe(`https://breachclock.test/api/v1/incidents/${id}`);
    expect(due.id).toMatch(/^msg_/);
    expect(JSON.stringify(got)).not.toContain('Customer list exposed');
    expect(JSON.stringify(got)).not.toContain('Export link revoked');

    const deliveries = await t.request('GET', `/api/v1/webhooks/${hook}/deliveries`, { token: w.dpoToken });
    expect(deliveries.status).toBe(200);
    expect(deliveries.body.items.every((d: { status: string }) => d.status === 'sent' || d.status === 'cancelled')).toBe(true);
    expect(deliveries.body.items.filter((d: { status: string }) => d.status === 'sent')).toHaveLength(got.length);
  });

  it('adds the facts only for an endpoint that opts in', async () => {
    await register(w.adminToken, '/details', ['incident.created'], { includeDetails: true });
    await fileOwnBreach(t, w);
    await dispatch(t.clock.now());
    const [event] = receiver.of('/details');
    expect(event.body.data.details).toMatchObject({ title: 'Customer list exposed', natureDescription: 'An export was reachable by URL.' });
  });

  it('retries a 500 once and delivers; a permanent failure is failed, visible, degrades /health and can be retried', async () => {
    const hook = await register(w.adminToken, '/flaky', ['incident.created']);
    receiver.statuses = [500];
    await fileOwnBreach(t, w);
    expect(await dispatch(t.clock.now())).toMatchObject({ retried: 1, sent: 0 });
    expect(await dispatch(t.clock.now())).toMatchObject({ claimed: 0 }); // not before its backoff
    t.clock.advance(2000);
    expect(await dispatch(t.clock.now())).toMatchObject({ sent: 1 });
    const [first] = receiver.of('/flaky');
    let items = (await t.request('GET', `/api/v1/webhooks/${hook}/deliveries`, { token: w.adminToken })).body.items;
    expect(items).toEqual([expect.objectContaining({ status: 'sent', attempts: 2, lastStatus: 200, eventId: first.id })]);

    receiver.statuses = [503, 503];
    await fileOwnBreach(t, w, AWARE, null, 'Second');
    await dispatch(t.clock.now());
    t.clock.advance(2000);
    expect(await dispatch(t.clock.now())).toMatchObject({ failed: 1 });
    items = (await t.request('GET', `/api/v1/webhooks/${hook}/deliveries`, { token: w.adminToken })).body.items;
    const failed = items.find((d: { status: string }) => d.status === 'failed');
    expect(failed).toMatchObject({ attempts: 2, lastStatus: 503, lastError: 'HTTP 503' });
    const health = await t.request('GET', '/health', { token: w.adminToken });
    expect(health.body).toEqual({ status: 'degraded', checks: { webhooks: { failedWebhookDeliveries: 1 } } });

    const retried = await t.request('POST', `/api/v1/webhooks/${hook}/deliveries/${failed.id}/retry`, { token: w.adminToken });
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({ status: 'pending', attempts: 0 });
    expect(await dispatch(t.clock.now())).toMatchObject({ sent: 1 });
    expect(receiver.of('/flaky').map((r) => r.id)).toEqual([first.id, failed.eventId]);
    expect((await t.request('GET', '/health')).body).toEqual({ status: 'ok' });
    const again = await t.request('POST', `/api/v1/webhooks/${hook}/deliveries/${failed.id}/retry`, { token: w.adminToken });
    expect(again.status).toBe(409);
  });

  it("keeps the controller's side from a processor's endpoint", async () => {
    const processorToken = await processorAdmin();
    await register(processorToken, '/processor');
    await register(w.adminToken, '/controller');
    const filed = await t.request('POST', '/api/v1/incidents', {
      token: w.processorToken,
      body: {
        contractId: w.contractId,
        title: 'Mailing list exposed',
        nature: { description: 'd' },
        discoveredAt: '2025-06-06T08:00:00Z',
        contact: { name: 'Sam', email: 'sam@processor.example' },
      },
    });
    expect(filed.status).toBe(201);
    await t.request('PATCH', `/api/v1/incidents/${filed.body.id}`, {
      token: w.dpoToken,
      headers: { 'if-match': `"${filed.body.version}"` },
      body: { controllerAwareAt: '2025-06-06T11:00:00Z' },
    });
    const assessed = await t.request('PUT', `/api/v1/incidents/${filed.body.id}/assessment`, {
      token: w.dpoToken,
      body: lowRiskAssessment,
    });
    expect(assessed.status).toBe(200);
    const decided = await t.request('POST', `/api/v1/incidents/${filed.body.id}/decision`, {
      token: w.dpoToken,
      body: {
        notifyAuthority: true,
        authorityReason: 'We notify the authority.',
        notifySubjects: false,
        subjectsReason: 'The data was encrypted with a key that was not exposed.',
        subjectsExemption: '34(3)(a)',
      },
    });
    expect(decided.status).toBe(201);
    await dispatch(t.clock.now());
    const processorGot = receiver.of('/processor');
    const controllerGot = receiver.of('/controller');
    expect(processorGot.map((r) => r.body.type)).toContain('incident.created');
    expect(processorGot.map((r) => r.body.type)).not.toContain('decision.made');
    expect(controllerGot.filter((r) => r.body.type === 'decision.made')).toHaveLength(1);
    // The controller's duties towards authorities and people are the controller's alone.
    const controllerDuties: { id: string }[] = await t.dataSource.query(
      `SELECT id FROM obligation WHERE incident_id = $1 AND regime <> 'contract'`,
      [filed.body.id],
    );
    expect(controllerDuties.length).toBeGreaterThan(0);
    const seenByProcessor = new Set(processorGot.map((r) => r.body.data.obligationId).filter(Boolean));
    expect(controllerDuties.filter((d) => seenByProcessor.has(d.id))).toEqual([]);
    expect(processorGot.filter((r) => r.body.type === 'obligation.fulfilled')).toHaveLength(1); // its report reached the controller
    // Another organization's endpoint is not found, and only admins manage webhooks.
    const list = await t.request('GET', '/api/v1/webhooks', { token: processorToken });
    expect(list.body.items).toHaveLength(1);
    const controllerHooks = (await t.request('GET', '/api/v1/webhooks', { token: w.adminToken })).body.items;
    expect((await t.request('DELETE', `/api/v1/webhooks/${controllerHooks[0].id}`, { token: processorToken })).status).toBe(404);
    expect(
      (await t.request('POST', '/api/v1/webhooks', { token: w.dpoToken, body: { url: receiver.url('/x'), events: ALL } })).status,
    ).toBe(403);
  });

  it('refuses bad input naming the field, and a deleted endpoint receives nothing more', async () => {
    const bad = async (body: unknown, field: string) => {
      const res = await t.request('POST', '/api/v1/webhooks', { token: w.adminToken, body });
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(field);
    };
    await bad({ url: 'not a url', events: ['incident.created'] }, 'url');
    await bad({ url: 'ftp://example.com/hook', events: ['incident.created'] }, 'url');
    await bad({ url: 'https://example.com/hook', events: ['incident.exploded'] }, 'events');
    await bad({ url: 'https://example.com/hook', events: [] }, 'events');
    expect((await t.request('GET', '/api/v1/webhooks', { token: w.adminToken })).body.items).toEqual([]);

    const hook = await register(w.adminToken, '/gone', ['incident.created', 'incident.updated']);
    await fileOwnBreach(t, w);
    expect((await t.request('DELETE', `/api/v1/webhooks/${hook}`, { token: w.adminToken })).status).toBe(204);
    expect(await dispatch(t.clock.now())).toMatchObject({ sent: 0 });
    expect(receiver.of('/gone')).toEqual([]);
    const trail = await t.dataSource.query(`SELECT action FROM audit_event WHERE entity_id = $1 ORDER BY seq`, [hook]);
    expect(trail.map((r: { action: string }) => r.action)).toEqual(['webhook.created', 'webhook.deleted']);
  });

  it('two instances dispatching at once deliver each event once', async () => {
    if (TEST_ENGINE === 'pglite') return void expect(TEST_ENGINE).toBe('pglite'); // two instances need a shared PostgreSQL
    const b = await startTestApp({ clock: t.clock, databaseUrl: t.databaseUrl, env: ENV });
    try {
      await register(w.adminToken, '/both', ALL);
      for (let i = 0; i < 15; i++) await fileOwnBreach(t, w, AWARE, null, `Breach ${i}`);
      await Promise.all([dispatch(t.clock.now()), dispatch(t.clock.now(), b), dispatch(t.clock.now()), dispatch(t.clock.now(), b)]);
      // Each filing: incident.created, and the processor's report fulfilled at once (the controller filed).
      const got = receiver.of('/both');
      expect(got).toHaveLength(30);
      expect(new Set(got.map((r) => r.id)).size).toBe(30);
      const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM webhook_delivery WHERE status = 'sent'`);
      expect(n).toBe(30);
    } finally {
      await b.close();
    }
  });
});
