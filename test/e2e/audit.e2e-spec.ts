import { AuditService } from '../../src/audit/audit.service';
import { fullReport, makeTenant, Tenant } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

describe('audit trail (Eingabekontrolle)', () => {
  let t: TestApp;
  let tenant: Tenant;

  beforeAll(async () => {
    t = await startTestApp();
    tenant = await makeTenant(t);
  });
  afterAll(() => t.close());

  it('records who, when and which fields changed for filing, follow-ups and submission, with the request id', async () => {
    t.clock.set('2025-03-01T10:00:00Z');
    const created = await t.request('POST', '/api/v1/incidents', {
      token: tenant.processorToken,
      headers: { 'x-request-id': 'req-file-1' },
      body: {
        contractId: tenant.contractId,
        draft: true,
        title: 'Phishing',
        nature: { description: 'A mailbox was phished.' },
        discoveredAt: '2025-03-01T09:00:00Z',
      },
    });
    expect(created.status).toBe(201);
    expect(created.headers['x-request-id']).toBe('req-file-1');
    const id = created.body.id;
    t.clock.set('2025-03-01T11:00:00Z');
    const patched = await t.request('PATCH', `/api/v1/incidents/${id}`, {
      token: tenant.processorToken,
      headers: { 'if-match': '"1"' },
      body: { approximateSubjects: { count: 42, isEstimate: true }, nature: { cause: 'phishing' } },
    });
    expect(patched.status).toBe(200);
    t.clock.set('2025-03-01T12:00:00Z');
    expect((await t.request('POST', `/api/v1/incidents/${id}/submit`, { token: tenant.processorToken })).status).toBe(200);

    const trail = await t.request('GET', `/api/v1/incidents/${id}/audit`, { token: tenant.dpoToken });
    expect(trail.status).toBe(200);
    // The incident's own events; the duties it gives rise to are audited beside them (obligation.*).
    const all = trail.body.items;
    const events = all.filter((e: { action: string }) => e.action.startsWith('incident.'));
    expect(events.map((e: { action: string }) => e.action)).toEqual(['incident.drafted', 'incident.updated', 'incident.submitted']);
    expect(all.map((e: { action: string }) => e.action)).toEqual([
      'incident.drafted',
      'obligation.created', // the report to the controller, due under the contract
      'incident.updated',
      'incident.submitted',
      'obligation.created', // the controller's duty towards its authority
      'obligation.fulfilled', // the report to the controller, made by submitting it
    ]);
    expect(events.map((e: { occurredAt: string }) => e.occurredAt)).toEqual([
      '2025-03-01T10:00:00.000Z',
      '2025-03-01T11:00:00.000Z',
      '2025-03-01T12:00:00.000Z',
    ]);
    expect(events.every((e: { actor: string }) => e.actor === `user:${tenant.processorEmail}`)).toBe(true);
    expect(events[0].requestId).toBe('req-file-1');
    expect(events[0].changes.title).toEqual({ from: null, to: 'Phishing' });
    expect(events[1].changes).toEqual({
      approximateSubjects: { from: null, to: 42 },
      approximateSubjectsIsEstimate: { from: null, to: true },
      natureCause: { from: null, to: 'phishing' },
    });
    expect(events[2].changes).toEqual({
      status: { from: 'draft', to: 'reported' },
      controllerAwareAt: { from: null, to: '2025-03-01T12:00:00.000Z' },
      reportedToControllerAt: { from: null, to: '2025-03-01T12:00:00.000Z' },
    });
    // One chain: each event points at the one written before it.
    for (let n = 1; n < all.length; n++) expect(all[n].prevHash).toBe(all[n - 1].hash);
  });

  it('writes nothing when a PATCH changes nothing', async () => {
    t.clock.set('2025-03-02T10:00:00Z');
    const created = await t.request('POST', '/api/v1/incidents', {
      token: tenant.processorToken,
      body: fullReport(tenant.contractId, '2025-03-02T09:00:00Z'),
    });
    const before = await t.request('GET', `/api/v1/incidents/${created.body.id}/audit`, { token: tenant.dpoToken });
    const same = await t.request('PATCH', `/api/v1/incidents/${created.body.id}`, {
      token: tenant.dpoToken,
      headers: { 'if-match': '"1"' },
      body: { title: created.body.title },
    });
    expect(same.status).toBe(200);
    expect(same.body.version).toBe(1);
    const trail = await t.request('GET', `/api/v1/incidents/${created.body.id}/audit`, { token: tenant.dpoToken });
    expect(trail.body.items).toEqual(before.body.items);
    expect(trail.body.items.filter((e: { action: string }) => e.action.startsWith('incident.'))).toHaveLength(1);
  });

  it('keeps one unbroken chain when many reports are filed at the same time', async () => {
    t.clock.set('2025-03-03T10:00:00Z');
    const responses = await Promise.all(
      Array.from({ length: 24 }, (_, n) =>
        t.request('POST', '/api/v1/incidents', {
          token: n % 2 ? tenant.processorToken : tenant.dpoToken,
          body: fullReport(n % 2 ? tenant.contractId : undefined, '2025-03-03T09:00:00Z'),
        }),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(24).fill(201));
    expect(new Set(responses.map((r) => r.body.reference)).size).toBe(24);
    const result = await t.get(AuditService).verifyChain();
    expect(result.break).toBeNull();
    const [{ forks }] = await t.dataSource.query('SELECT count(*) - count(DISTINCT prev_hash) AS forks FROM audit_event');
    expect(Number(forks)).toBe(0);
  });

  it('keeps one chain per organization, each from its own genesis, its head at its last event', async () => {
    const chains: { chain: string; events: number; head_hash: string; last: string }[] = await t.dataSource.query(
      `SELECT c.chain, c.events::int AS events, c.head_hash,
              (SELECT hash FROM audit_event e WHERE e.chain = c.chain ORDER BY seq DESC LIMIT 1) AS last
       FROM audit_chain c ORDER BY c.chain`,
    );
    const keys = chains.map((c) => c.chain);
    expect(keys).toEqual(expect.arrayContaining([`org:${tenant.processorId}`, `org:${tenant.controllerId}`]));
    for (const c of chains) expect(c.head_hash).toBe(c.last);
    const [{ wrong }] = await t.dataSource.query(
      `SELECT count(*)::int AS wrong FROM audit_event WHERE chain <> coalesce('org:' || actor_org_id::text, 'system')`,
    );
    expect(wrong).toBe(0);
    const result = await t.get(AuditService).verifyChain();
    expect(result.chains.map((c) => [c.chain, c.checked, c.break])).toEqual(chains.map((c) => [c.chain, c.events, null]));
  });

  it('is append-only: the database refuses UPDATE, DELETE and TRUNCATE on audit events', async () => {
    await expect(t.dataSource.query(`UPDATE audit_event SET actor = 'someone else'`)).rejects.toThrow(/append-only/);
    await expect(t.dataSource.query(`DELETE FROM audit_event`)).rejects.toThrow(/append-only/);
    await expect(t.dataSource.query(`TRUNCATE audit_event`)).rejects.toThrow(/append-only/);
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_event WHERE actor = 'someone else'`);
    expect(n).toBe(0);
  });

  it('verifies the hash chain, and finds the event an administrator edited behind the trigger', async () => {
    const audit = t.get(AuditService);
    const intact = await audit.verifyChain(3);
    expect(intact.break).toBeNull();
    const [{ n }] = await t.dataSource.query('SELECT count(*)::int AS n FROM audit_event');
    expect(intact.checked).toBe(n);

    const [{ seq }] = await t.dataSource.query(
      `SELECT seq::text AS seq FROM audit_event WHERE action = 'incident.updated' ORDER BY seq LIMIT 1`,
    );
    await t.dataSource.query('ALTER TABLE audit_event DISABLE TRIGGER tr_audit_event__append_only');
    await t.dataSource.query(`UPDATE audit_event SET changes = '{"natureCause":{"from":null,"to":"other"}}' WHERE seq = $1`, [seq]);
    await t.dataSource.query('ALTER TABLE audit_event ENABLE TRIGGER tr_audit_event__append_only');

    const broken = await audit.verifyChain(3);
    expect(broken.break).toMatchObject({ seq, reason: 'hash_mismatch' });
  });

  it('finds the last event of a chain cut off behind the trigger: the head names it', async () => {
    const chain = `org:${tenant.controllerId}`;
    const [{ seq }] = await t.dataSource.query(`SELECT max(seq)::text AS seq FROM audit_event WHERE chain = $1`, [chain]);
    await t.dataSource.query('ALTER TABLE audit_event DISABLE TRIGGER tr_audit_event__append_only');
    await t.dataSource.query(`DELETE FROM audit_event WHERE seq = $1`, [seq]);
    await t.dataSource.query('ALTER TABLE audit_event ENABLE TRIGGER tr_audit_event__append_only');
    const result = await t.get(AuditService).verifyChain();
    const report = result.chains.find((c) => c.chain === chain)!;
    expect(report.break).toMatchObject({ reason: 'head_mismatch' });
    expect(Number(report.break!.seq)).toBeLessThan(Number(seq));
  });
});
