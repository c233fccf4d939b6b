import { AuditService } from '../../src/audit/audit.service';
import { fullReport, makeTenant, Tenant } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

// Concurrent POST /incidents by one user commit together (src/incidents/filing-groups.ts): each
// request is still answered with its own incident, its events name its own request, and a filing
// fails only for its own fault.
describe('filings committed together', () => {
  let t: TestApp;
  let tenant: Tenant;
  const discoveredAt = '2025-03-03T08:00:00.000Z';

  beforeAll(async () => {
    t = await startTestApp();
    tenant = await makeTenant(t);
    t.clock.set('2025-03-03T09:00:00Z');
  });
  afterAll(() => t.close());

  const file = (n: number, overrides: Record<string, unknown> = {}, token = tenant.processorToken) =>
    t.request('POST', '/api/v1/incidents', {
      token,
      headers: { 'x-request-id': `filing-${n}` },
      body: fullReport(tenant.contractId, discoveredAt, { title: `Report ${n}`, ...overrides }),
    });
  const rows = <T>(sql: string, params: unknown[] = []): Promise<T[]> => t.dataSource.query(sql, params);

  it('answers each of 20 concurrent filings with its own incident, in fewer transactions than filings, as a lone filing is filed', async () => {
    const alone = await file(0);
    expect(alone.status).toBe(201);
    const responses = await Promise.all(Array.from({ length: 20 }, (_, n) => file(n + 1)));

    expect(responses.map((r) => r.status)).toEqual(Array(20).fill(201));
    responses.forEach((r, n) => {
      expect(r.body.title).toBe(`Report ${n + 1}`);
      expect(r.headers.location).toBe(`/api/v1/incidents/${r.body.id}`);
      expect(r.headers['x-request-id']).toBe(`filing-${n + 1}`);
    });
    const ids: string[] = responses.map((r) => r.body.id);
    expect(new Set(responses.map((r) => r.body.reference)).size).toBe(20);

    // Committed together on PostgreSQL: the rows of several filings carry one transaction id. (The
    // embedded engine runs in the app's own thread: a filing's statements finish before the next
    // request is read, so each commits alone there — it has no round trips to save.)
    const [{ transactions }] = await rows<{ transactions: number }>(
      `SELECT count(DISTINCT xmin::text)::int AS transactions FROM incident WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    if (t.config.database.kind === 'postgres') expect(transactions).toBeLessThan(20);
    else expect(transactions).toBeLessThanOrEqual(20);

    // Each filed as the lone one was: the same duties and escalation rows, the same view.
    const shape = async (id: string) =>
      rows<{ key: string; escalations: number }>(
        `SELECT o.key, (SELECT count(*)::int FROM escalation e WHERE e.obligation_id = o.id) AS escalations
           FROM obligation o WHERE o.incident_id = $1 ORDER BY o.key`,
        [id],
      );
    const expected = await shape(alone.body.id);
    expect(expected.length).toBeGreaterThan(0);
    for (const id of ids) expect(await shape(id)).toEqual(expected);
    const strip = (body: Record<string, unknown>) =>
      JSON.stringify(body, (k, v) => (['id', 'reference', 'title'].includes(k) ? undefined : v));
    const obligationIds = /"obligationId":"[^"]+"/g;
    expect(strip(responses[7].body).replace(obligationIds, '')).toBe(strip(alone.body).replace(obligationIds, ''));
    // The answer is the incident as stored.
    for (const r of [alone, ...responses.slice(0, 5)]) {
      const read = await t.request('GET', `/api/v1/incidents/${r.body.id}`, { token: tenant.processorToken });
      expect(r.body).toEqual(read.body);
      expect(r.headers.etag).toBe(read.headers.etag);
    }

    // Every event of a filing names the request that made it.
    const events = await rows<{ incident_id: string; request_id: string; n: number }>(
      `SELECT incident_id::text, request_id, count(*)::int AS n FROM audit_event
        WHERE incident_id = ANY($1::uuid[]) GROUP BY incident_id, request_id`,
      [ids],
    );
    expect(events).toHaveLength(20);
    for (const e of events) expect(e.request_id).toBe(`filing-${ids.indexOf(e.incident_id) + 1}`);
    expect((await t.get(AuditService).verifyChain()).break).toBeNull();
  });

  it('refuses a filing the intake rules refuse among concurrent ones with its own 4xx, and files the others', async () => {
    const other = await makeTenant(t);
    const before = await rows<{ n: number }>(`SELECT count(*)::int AS n FROM incident`);
    const responses = await Promise.all([
      file(101),
      file(102, { contractId: other.contractId }), // not this processor's contract
      file(103),
      file(104, { discoveredAt: '2025-03-04T08:00:00.000Z' }), // after now
      file(105),
    ]);
    expect(responses.map((r) => r.status)).toEqual([201, 400, 201, 400, 201]);
    expect(responses[1].headers['content-type']).toContain('application/problem+json');
    expect(responses[1].body.errors.map((e: { path: string }) => e.path)).toContain('contractId');
    expect(responses[3].body.errors.map((e: { path: string }) => e.path)).toContain('discoveredAt');
    const [after] = await rows<{ n: number }>(`SELECT count(*)::int AS n FROM incident`);
    expect(after.n).toBe(before[0].n + 3);
  });

  it('files a group whose transaction fails again one by one, so only the filing at fault fails', async () => {
    await t.dataSource.query(`
      CREATE FUNCTION refuse_poison() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.title = 'Report poison' THEN RAISE EXCEPTION 'refused by the test'; END IF; RETURN NEW; END $$;
      CREATE TRIGGER refuse_poison BEFORE INSERT ON incident FOR EACH ROW EXECUTE FUNCTION refuse_poison();`);
    try {
      // The first filing commits alone; the next five wait for it and commit as one group.
      const responses = await Promise.all([file(201), file(202), file(203), file('poison' as never), file(204), file(205)]);
      expect(responses.map((r) => r.status)).toEqual([201, 201, 201, 500, 201, 201]);
      const titles = await rows<{ title: string }>(`SELECT title FROM incident WHERE title LIKE 'Report 20_' OR title = 'Report poison'`);
      expect(titles.map((r) => r.title).sort()).toEqual(['Report 201', 'Report 202', 'Report 203', 'Report 204', 'Report 205']);
      expect((await t.get(AuditService).verifyChain()).break).toBeNull();
    } finally {
      await t.dataSource.query(`DROP TRIGGER refuse_poison ON incident; DROP FUNCTION refuse_poison();`);
    }
  });

  it('keeps the filings of different users apart: each commits in its own user’s group', async () => {
    const [a, b] = await Promise.all([
      Promise.all([file(301), file(302), file(303)]),
      Promise.all([file(311, {}, tenant.dpoToken), file(312, {}, tenant.dpoToken)]),
    ]);
    expect([...a, ...b].map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    const audit = await rows<{ actor: string; title: string }>(
      `SELECT e.actor, i.title FROM audit_event e JOIN incident i ON i.id = e.incident_id
        WHERE e.action = 'incident.reported' AND i.id = ANY($1::uuid[]) ORDER BY i.title`,
      [[...a, ...b].map((r) => r.body.id)],
    );
    expect(audit).toEqual([
      { actor: `user:${tenant.processorEmail}`, title: 'Report 301' },
      { actor: `user:${tenant.processorEmail}`, title: 'Report 302' },
      { actor: `user:${tenant.processorEmail}`, title: 'Report 303' },
      { actor: `user:${tenant.dpoEmail}`, title: 'Report 311' },
      { actor: `user:${tenant.dpoEmail}`, title: 'Report 312' },
    ]);
  });

  it('numbers filings in the INSERT itself: six digits at least, more when the sequence needs them', async () => {
    await t.dataSource.query(`SELECT setval('incident_reference_seq', 999998)`);
    const responses = await Promise.all([file(401), file(402), file(403)]);
    expect(responses.map((r) => r.body.reference).sort()).toEqual(['BC-2025-1000000', 'BC-2025-1000001', 'BC-2025-999999']);
  });
});
